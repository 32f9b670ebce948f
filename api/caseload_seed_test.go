package api

import (
	"testing"
	"time"

	"trappen/models"
	"trappen/models/store"
)

// seeder writes journey rows (issue 3's and 4's tables) straight into the
// database, so caseload tests and the benchmark set up 40 citizens quickly
// and do not depend on the order in which those endpoints land.
type seeder struct {
	t     testing.TB
	store *store.Store
	by    string // the caseworker recorded as author
}

func (s seeder) exec(sql string, args ...any) {
	s.t.Helper()
	if err := s.store.DB.Exec(sql, args...).Error; err != nil {
		s.t.Fatalf("seed: %v", err)
	}
}

func (s seeder) meeting(citizenID, kind string, startsAt time.Time) string {
	id := models.NewID()
	now := startsAt.UTC()
	s.exec(`INSERT INTO meetings (id, citizen_id, kind, starts_at, duration_minutes, location, participants, agenda,
		status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, 60, 'Jobcentret', '[]', '', 'scheduled', ?, ?, ?)`,
		id, citizenID, kind, startsAt.UTC(), s.by, now, now)
	return id
}

func (s seeder) reply(meetingID, citizenID, response string, at time.Time) {
	s.exec(`INSERT INTO meeting_replies (meeting_id, citizen_id, response, reason, created_at, updated_at)
		VALUES (?, ?, ?, '', ?, ?)`, meetingID, citizenID, response, at.UTC(), at.UTC())
}

func (s seeder) reflection(meetingID, citizenID string, shared bool, at time.Time) {
	s.exec(`INSERT INTO meeting_reflections (meeting_id, citizen_id, came_from, heading_to, proposal, shared, created_at, updated_at)
		VALUES (?, ?, 'a', 'b', 'c', ?, ?, ?)`, meetingID, citizenID, shared, at.UTC(), at.UTC())
}

func (s seeder) goal(citizenID, title string, at time.Time) string {
	id := models.NewID()
	s.exec(`INSERT INTO goals (id, citizen_id, title, status, created_by, created_at, updated_at)
		VALUES (?, ?, ?, 'active', ?, ?, ?)`, id, citizenID, title, s.by, at.UTC(), at.UTC())
	return id
}

func (s seeder) checkin(citizenID string, at time.Time, wellbeing, step int, scores map[string]int) {
	id := models.NewID()
	s.exec(`INSERT INTO checkins (id, citizen_id, recorded_at, staircase_step, wellbeing, hours_worked, note, body_hash, created_at)
		VALUES (?, ?, ?, ?, ?, 10, '', ?, ?)`, id, citizenID, at.UTC(), step, wellbeing, id, at.UTC())
	for goalID, score := range scores {
		s.exec(`INSERT INTO checkin_scores (checkin_id, goal_id, score) VALUES (?, ?, ?)`, id, goalID, score)
	}
}

func (s seeder) fastTrack(citizenID, status string, requestedAt time.Time) {
	s.exec(`INSERT INTO fast_track_requests (id, citizen_id, registered_by, requested_by, requested_at, expected_weeks,
		consent_deadline, status, created_at, updated_at) VALUES (?, ?, ?, 'employer', ?, 12, ?, ?, ?, ?)`,
		models.NewID(), citizenID, s.by, requestedAt.UTC(), models.ConsentDeadline(requestedAt), status,
		requestedAt.UTC(), requestedAt.UTC())
}

// planVersion stores a plan version (with the citizen's answer when given).
func (s seeder) planVersion(citizenID string, version int, recognises string, at time.Time) {
	id := models.NewID()
	s.exec(`INSERT INTO plan_versions (id, citizen_id, version, snapshot, created_by, created_at) VALUES (?, ?, ?, '{}', ?, ?)`,
		id, citizenID, version, s.by, at.UTC())
	if recognises != "" {
		s.exec(`INSERT INTO plan_feedback (plan_version_id, citizen_id, recognises, comment, created_at, updated_at)
			VALUES (?, ?, ?, '', ?, ?)`, id, citizenID, recognises, at.UTC(), at.UTC())
	}
}
