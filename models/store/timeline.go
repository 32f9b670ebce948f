package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// TimelineOf reads a case's facts and computes its timeline as of now. It
// only reads: a pending request past its deadline counts as lapsed here
// whether or not that has been stored yet.
func (s *Store) TimelineOf(ctx context.Context, a models.Access, now time.Time) ([]models.TimelineItem, error) {
	tx := s.Read.WithContext(ctx)
	var c models.Citizen
	q := tx.Where("id = ?", a.CitizenID)
	if a.Caseworker {
		q = q.Where("caseworker_id = ?", a.UserID)
	}
	if err := q.Take(&c).Error; err != nil {
		return nil, sqldb.NotFound(err)
	}
	return timelineOf(tx, &c, now)
}

func timelineOf(tx *gorm.DB, c *models.Citizen, now time.Time) ([]models.TimelineItem, error) {
	var meetings []models.ClockMeeting
	err := tx.Table("meetings").Select("id, kind, starts_at, status = 'cancelled' AS cancelled").
		Where("citizen_id = ? AND kind IN ('follow_up', 'roundtable')", c.ID).Order("starts_at, id").Scan(&meetings).Error
	if err != nil {
		return nil, fmt.Errorf("timeline: meetings: %w", err)
	}
	var reqs []models.CaseloadFastTrack
	err = tx.Table("fast_track_requests").Select("citizen_id, status, requested_at, consent_deadline").
		Where("citizen_id = ?", c.ID).Order("requested_at, created_at").Scan(&reqs).Error
	if err != nil {
		return nil, fmt.Errorf("timeline: fast track: %w", err)
	}
	return models.Timeline(c.Clock(), meetings, models.ClockFastTrackOf(reqs, now), now), nil
}

// ErrNotOnTimeline: the step recorded is not part of this case's timeline.
var ErrNotOnTimeline = models.NewError(models.KindConflict, "not_on_timeline")

// RecordDoctorConsultation records that the citizen saw their own doctor,
// which only an accepted fast-track request asks for.
func (s *Store) RecordDoctorConsultation(ctx context.Context, a models.Access, doneOn string, now time.Time) ([]models.TimelineItem, error) {
	return s.recordOnTimeline(ctx, a, now, func(tx *gorm.DB, c *models.Citizen, items []models.TimelineItem) (map[string]any, error) {
		if err := models.ValidateDoneOn(c, doneOn, now); err != nil {
			return nil, err
		}
		if models.TimelineItemByKey(items, models.TimelineDoctorConsultation) == nil {
			return nil, ErrNotOnTimeline
		}
		return map[string]any{"doctor_consultation_on": doneOn}, nil
	})
}

// RecordReEvaluation records the re-evaluation and what it decided.
func (s *Store) RecordReEvaluation(ctx context.Context, a models.Access, in models.ReEvaluationInput, now time.Time) ([]models.TimelineItem, error) {
	return s.recordOnTimeline(ctx, a, now, func(tx *gorm.DB, c *models.Citizen, _ []models.TimelineItem) (map[string]any, error) {
		if err := in.Validate(c, now); err != nil {
			return nil, err
		}
		return map[string]any{"re_evaluation_on": in.DoneOn, "re_evaluation_outcome": in.Outcome}, nil
	})
}

func (s *Store) recordOnTimeline(ctx context.Context, a models.Access, now time.Time,
	change func(*gorm.DB, *models.Citizen, []models.TimelineItem) (map[string]any, error)) ([]models.TimelineItem, error) {
	var out []models.TimelineItem
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		owner := ""
		if a.Caseworker {
			owner = a.UserID
		}
		c, err := s.lockCitizen(tx, owner, a.CitizenID)
		if err != nil {
			return err
		}
		if c.Closed() {
			return models.ErrCaseClosed
		}
		items, err := timelineOf(tx, c, now)
		if err != nil {
			return err
		}
		cols, err := change(tx, c, items)
		if err != nil {
			return err
		}
		cols["updated_at"] = now.UTC()
		if err := tx.Model(&models.Citizen{}).Where("id = ?", c.ID).Updates(cols).Error; err != nil {
			return fmt.Errorf("record on timeline: %w", err)
		}
		if err := tx.Where("id = ?", c.ID).Take(c).Error; err != nil {
			return err
		}
		if out, err = timelineOf(tx, c, now); err != nil {
			return err
		}
		return planTimelinePush(tx, c.ID, now) // a step done needs no reminder
	})
	return out, err
}
