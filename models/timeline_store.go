package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// TimelineOf reads a case's facts and computes its timeline as of now. It
// only reads: a pending request past its deadline counts as lapsed here
// whether or not that has been stored yet.
func (s *Store) TimelineOf(ctx context.Context, a Access, now time.Time) ([]TimelineItem, error) {
	tx := s.DB.WithContext(ctx)
	var c Citizen
	q := tx.Where("id = ?", a.CitizenID)
	if a.Caseworker {
		q = q.Where("caseworker_id = ?", a.UserID)
	}
	if err := q.Take(&c).Error; err != nil {
		return nil, notFound(err)
	}
	return timelineOf(tx, &c, now)
}

func timelineOf(tx *gorm.DB, c *Citizen, now time.Time) ([]TimelineItem, error) {
	var meetings []ClockMeeting
	err := tx.Table("meetings").Select("id, kind, starts_at, status = 'cancelled' AS cancelled").
		Where("citizen_id = ? AND kind IN ('follow_up', 'roundtable')", c.ID).Order("starts_at, id").Scan(&meetings).Error
	if err != nil {
		return nil, fmt.Errorf("timeline: meetings: %w", err)
	}
	var reqs []clFastTrack
	err = tx.Table("fast_track_requests").Select("citizen_id, status, requested_at, consent_deadline").
		Where("citizen_id = ?", c.ID).Order("requested_at, created_at").Scan(&reqs).Error
	if err != nil {
		return nil, fmt.Errorf("timeline: fast track: %w", err)
	}
	return Timeline(c.Clock(), meetings, clockFastTrack(reqs, now), now), nil
}

// clockFastTrack gives each request its state as of now.
func clockFastTrack(reqs []clFastTrack, now time.Time) []ClockFastTrack {
	out := make([]ClockFastTrack, len(reqs))
	for i, r := range reqs {
		st := r.Status
		if st == FastTrackPending && DeadlinePassed(r.ConsentDeadline, now) {
			st = FastTrackLapsed
		}
		out[i] = ClockFastTrack{Status: st, RequestedAt: r.RequestedAt}
	}
	return out
}

// ErrNotOnTimeline: the step recorded is not part of this case's timeline.
var ErrNotOnTimeline = NewError(KindConflict, "not_on_timeline")

// RecordDoctorConsultation records that the citizen saw their own doctor,
// which only an accepted fast-track request asks for.
func (s *Store) RecordDoctorConsultation(ctx context.Context, a Access, doneOn string, now time.Time) ([]TimelineItem, error) {
	return s.recordOnTimeline(ctx, a, now, func(tx *gorm.DB, c *Citizen, items []TimelineItem) (map[string]any, error) {
		if err := ValidateDoneOn(c, doneOn, now); err != nil {
			return nil, err
		}
		if TimelineItemByKey(items, TimelineDoctorConsultation) == nil {
			return nil, ErrNotOnTimeline
		}
		return map[string]any{"doctor_consultation_on": doneOn}, nil
	})
}

// RecordReEvaluation records the re-evaluation and what it decided.
func (s *Store) RecordReEvaluation(ctx context.Context, a Access, in ReEvaluationInput, now time.Time) ([]TimelineItem, error) {
	return s.recordOnTimeline(ctx, a, now, func(tx *gorm.DB, c *Citizen, _ []TimelineItem) (map[string]any, error) {
		if err := in.Validate(c, now); err != nil {
			return nil, err
		}
		return map[string]any{"re_evaluation_on": in.DoneOn, "re_evaluation_outcome": in.Outcome}, nil
	})
}

func (s *Store) recordOnTimeline(ctx context.Context, a Access, now time.Time,
	change func(*gorm.DB, *Citizen, []TimelineItem) (map[string]any, error)) ([]TimelineItem, error) {
	var out []TimelineItem
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
			return ErrCaseClosed
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
		if err := tx.Model(&Citizen{}).Where("id = ?", c.ID).Updates(cols).Error; err != nil {
			return fmt.Errorf("record on timeline: %w", err)
		}
		if err := tx.Where("id = ?", c.ID).Take(c).Error; err != nil {
			return err
		}
		out, err = timelineOf(tx, c, now)
		return err
	})
	return out, err
}
