package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
)

// caseloadIDs selects the ids of a caseworker's citizens, for IN (…).
const caseloadIDs = "(SELECT id FROM citizens WHERE caseworker_id = ?)"

// CaseloadView loads caseworkerID's caseload as seen at now, and records
// (once a day) in each citizen's access log that the caseworker saw it.
func (s *Store) CaseloadView(ctx context.Context, caseworkerID string, now time.Time) ([]models.CaseloadEntry, error) {
	return s.CaseloadViewOf(ctx, caseworkerID, models.CaseOpen, now)
}

// CaseloadViewOf is the caseload of open or of closed cases (status).
func (s *Store) CaseloadViewOf(ctx context.Context, caseworkerID, status string, now time.Time) ([]models.CaseloadEntry, error) {
	db := s.Read.WithContext(ctx)
	facts, err := loadCaseloadFacts(db, caseworkerID, status, now)
	if err != nil {
		return nil, fmt.Errorf("caseload view: %w", err)
	}
	if len(facts) > 0 {
		// A write on a GET path: on the writer, one statement for the whole caseload.
		if err := recordCaseloadAccess(s.DB.WithContext(ctx), caseworkerID, now); err != nil {
			return nil, fmt.Errorf("caseload view: %w", err)
		}
	}
	out := make([]models.CaseloadEntry, len(facts))
	for i := range facts {
		out[i] = models.BuildCaseloadEntry(facts[i], now)
	}
	return out, nil
}

func loadCaseloadFacts(db *gorm.DB, caseworkerID, status string, now time.Time) ([]models.CaseloadFacts, error) {
	var citizens []models.Citizen
	closed := "citizens.closed_on IS NULL"
	if status == models.CaseClosed {
		closed = "citizens.closed_on IS NOT NULL"
	}
	if err := db.Joins("User").Where("citizens.caseworker_id = ?", caseworkerID).Where(closed).Find(&citizens).Error; err != nil {
		return nil, fmt.Errorf("load caseload facts: %w", err)
	}
	if len(citizens) == 0 {
		return nil, nil
	}
	facts := make([]models.CaseloadFacts, len(citizens))
	byID := make(map[string]*models.CaseloadFacts, len(citizens))
	for i := range citizens {
		facts[i].Citizen = citizens[i]
		byID[citizens[i].ID] = &facts[i]
	}
	for _, load := range []func(*gorm.DB, string, time.Time, map[string]*models.CaseloadFacts) error{
		caseloadInvites, caseloadSnoozes, caseloadMeetings, caseloadCheckins, caseloadFastTrack, caseloadPlanFeedback, caseloadAgreements,
	} {
		if err := load(db, caseworkerID, now, byID); err != nil {
			return nil, fmt.Errorf("load caseload facts: %w", err)
		}
	}
	return facts, nil
}

func caseloadInvites(db *gorm.DB, cw string, _ time.Time, by map[string]*models.CaseloadFacts) error {
	var rows []models.CaseloadInvite
	err := db.Table("invites").Select("citizen_id, expires_at, used_at").
		Where("citizen_id IN "+caseloadIDs, cw).Order("created_at").Scan(&rows).Error
	for _, r := range rows {
		if f := by[r.CitizenID]; f != nil {
			f.Invites = append(f.Invites, r)
		}
	}
	return err
}

func caseloadSnoozes(db *gorm.DB, cw string, _ time.Time, by map[string]*models.CaseloadFacts) error {
	snoozes, err := snoozesOf(db, cw)
	for id, sn := range snoozes {
		if f := by[id]; f != nil {
			sn := sn
			f.Snooze = &sn
		}
	}
	return err
}

// caseloadMeetings reads the scheduled meetings from this week on, and every
// scheduled follow-up (they answer a fast-track request that may be older),
// with the citizen's reply and whether a reflection was shared.
func caseloadMeetings(db *gorm.DB, cw string, now time.Time, by map[string]*models.CaseloadFacts) error {
	var rows []models.CaseloadMeeting
	err := db.Table("meetings AS m").
		Select(`m.id, m.citizen_id, m.kind, m.starts_at, m.moved_at, r.response, r.updated_at AS replied_at,
			COALESCE(f.shared, FALSE) AS reflection_shared`).
		Joins("LEFT JOIN meeting_replies r ON r.meeting_id = m.id").
		Joins("LEFT JOIN meeting_reflections f ON f.meeting_id = m.id").
		Where("m.citizen_id IN "+caseloadIDs, cw).
		Where("m.status = 'scheduled' AND (m.starts_at >= ? OR m.kind IN ('follow_up', 'roundtable'))", models.WeekStartInstant(now)).
		Order("m.starts_at, m.id").Scan(&rows).Error
	for _, r := range rows {
		if f := by[r.CitizenID]; f != nil {
			f.Meetings = append(f.Meetings, r)
		}
	}
	return err
}

// caseloadCheckins reads each citizen's three newest check-ins with the average
// of their goal scores, in one statement (a window function).
func caseloadCheckins(db *gorm.DB, cw string, _ time.Time, by map[string]*models.CaseloadFacts) error {
	var rows []models.CaseloadCheckin
	err := db.Raw(`SELECT c.citizen_id, c.recorded_at, c.wellbeing, c.staircase_step,
			(SELECT CAST(AVG(s.score) AS DOUBLE PRECISION) FROM checkin_scores s WHERE s.checkin_id = c.id) AS avg_score
		FROM (SELECT id, citizen_id, recorded_at, wellbeing, staircase_step,
				ROW_NUMBER() OVER (PARTITION BY citizen_id ORDER BY recorded_at DESC, id DESC) AS rn
			FROM checkins WHERE citizen_id IN `+caseloadIDs+`) c
		WHERE c.rn <= 3 ORDER BY c.citizen_id, c.recorded_at DESC, c.id DESC`, cw).Scan(&rows).Error
	for _, r := range rows {
		if f := by[r.CitizenID]; f != nil {
			f.Checkins = append(f.Checkins, r)
		}
	}
	return err
}

func caseloadFastTrack(db *gorm.DB, cw string, _ time.Time, by map[string]*models.CaseloadFacts) error {
	var rows []models.CaseloadFastTrack
	err := db.Table("fast_track_requests").Select("citizen_id, status, requested_at, consent_deadline").
		Where("citizen_id IN "+caseloadIDs, cw).Order("requested_at, created_at").Scan(&rows).Error
	for _, r := range rows {
		if f := by[r.CitizenID]; f != nil {
			f.FastTrack = append(f.FastTrack, r)
		}
	}
	return err
}

// caseloadPlanFeedback reads the citizen's answer to the newest plan version only:
// a "no" to an older version has been answered by the change since.
func caseloadPlanFeedback(db *gorm.DB, cw string, _ time.Time, by map[string]*models.CaseloadFacts) error {
	var rows []struct {
		CitizenID  string
		Recognises string
	}
	err := db.Raw(`SELECT pv.citizen_id, pf.recognises FROM plan_versions pv
		JOIN plan_feedback pf ON pf.plan_version_id = pv.id
		WHERE pv.citizen_id IN `+caseloadIDs+`
		AND pv.version = (SELECT MAX(p2.version) FROM plan_versions p2 WHERE p2.citizen_id = pv.citizen_id)`, cw).
		Scan(&rows).Error
	for _, r := range rows {
		if f := by[r.CitizenID]; f != nil {
			f.PlanFeedback = r.Recognises
		}
	}
	return err
}
