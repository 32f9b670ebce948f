package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// CaseloadView loads caseworkerID's caseload as seen at now, and records
// (once a day) in each citizen's access log that the caseworker saw it.
func (s *Store) CaseloadView(ctx context.Context, caseworkerID string, now time.Time) ([]models.CaseloadEntry, error) {
	return s.CaseloadViewOf(ctx, caseworkerID, models.CaseOpen, now)
}

// CaseloadViewOf is the caseload of open or of closed cases (status).
func (s *Store) CaseloadViewOf(ctx context.Context, caseworkerID, status string, now time.Time) ([]models.CaseloadEntry, error) {
	db := s.Read.WithContext(ctx)
	facts, unlogged, err := loadCaseloadFacts(db, s.Dialect, caseworkerID, status, now)
	if err != nil {
		return nil, fmt.Errorf("caseload view: %w", err)
	}
	if len(unlogged) > 0 {
		// A write on a GET path, only for the first view of a citizen in a day:
		// on the writer, one statement for the whole caseload.
		if err := recordCaseloadAccess(s.DB.WithContext(ctx), caseworkerID, unlogged, now); err != nil {
			return nil, fmt.Errorf("caseload view: %w", err)
		}
	}
	out := make([]models.CaseloadEntry, len(facts))
	for i := range facts {
		out[i] = models.BuildCaseloadEntry(facts[i], now)
	}
	return out, nil
}

// loadCaseloadFacts reads the caseload's facts, and the ids of the citizens
// shown whose access log has no caseload entry for today yet.
func loadCaseloadFacts(db *gorm.DB, dialect sqldb.Dialect, caseworkerID, status string, now time.Time) ([]models.CaseloadFacts, []string, error) {
	name, closed := "caseload/open", "closed_on IS NULL"
	if status == models.CaseClosed {
		name, closed = "caseload/closed", "closed_on IS NOT NULL"
	}
	var r caseloadRows
	args := map[string]any{"cw": caseworkerID, "week": models.WeekStartInstant(now), "day": accessDay(now)}
	if err := readSnapshot(db, dialect, name, args, r.sets(dialect, closed)...); err != nil {
		return nil, nil, fmt.Errorf("load caseload facts: %w", err)
	}
	unlogged := make([]string, len(r.unlogged))
	for i, u := range r.unlogged {
		unlogged[i] = u.CitizenID
	}
	return r.facts(), unlogged, nil
}

// caseloadRows are the rows behind a caseload: its citizens and, for all of
// them at once, each fact the caseload shows.
type caseloadRows struct {
	citizens   []models.Citizen
	users      []models.User
	invites    []models.CaseloadInvite
	snoozes    []models.Snooze
	meetings   []models.CaseloadMeeting
	checkins   []models.CaseloadCheckin
	fastTrack  []models.CaseloadFastTrack
	feedback   []caseloadFeedback
	agreements []caseloadAgreementDue
	unlogged   []caseloadUnlogged
}

// caseloadUnlogged is a citizen shown whose access log has no caseload entry
// for today.
type caseloadUnlogged struct {
	CitizenID string
}

type caseloadFeedback struct {
	CitizenID  string
	Recognises string
}

type caseloadAgreementDue struct {
	CitizenID string
	DueDate   string
}

// caseloadIDs selects the ids of the caseworker's citizens, for IN (…).
const caseloadIDs = "(SELECT id FROM citizens WHERE caseworker_id = @cw)"

// sets reads the caseload in one statement on PostgreSQL (two on SQLite),
// whatever its size (issue 13: it took nine, each scanned by reflection).
// closed picks the open or the closed cases.
func (r *caseloadRows) sets(dialect sqldb.Dialect, closed string) []rowSet {
	return []rowSet{
		{table: "citizens", where: "caseworker_id = @cw AND " + closed, order: "id", into: &r.citizens},
		// Whether a password is set, not the hash: the caseload shows whether
		// the citizen has activated their access, and no more.
		{query: "SELECT id, role, email, name, locale, CASE WHEN password_hash IS NULL THEN NULL ELSE '' END AS password_hash, " +
			"password_changed_at, oidc_linked_at, created_at, updated_at FROM users " +
			"WHERE id IN (SELECT id FROM citizens WHERE caseworker_id = @cw AND " + closed + ")", into: &r.users},
		{query: "SELECT citizen_id, expires_at, used_at, created_at FROM invites WHERE citizen_id IN " + caseloadIDs +
			" ORDER BY created_at", order: "created_at", into: &r.invites},
		{table: "citizen_snoozes", where: "citizen_id IN " + caseloadIDs, into: &r.snoozes},
		// The scheduled meetings from this week on, and every scheduled
		// follow-up (they answer a fast-track request that may be older),
		// with the citizen's reply and whether a reflection was shared.
		{query: `SELECT m.id, m.citizen_id, m.kind, m.starts_at, m.moved_at, r.response, r.updated_at AS replied_at,
			COALESCE(f.shared, FALSE) AS reflection_shared
			FROM meetings m LEFT JOIN meeting_replies r ON r.meeting_id = m.id
			LEFT JOIN meeting_reflections f ON f.meeting_id = m.id
			WHERE m.citizen_id IN ` + caseloadIDs + ` AND m.status = 'scheduled'
			AND (m.starts_at >= @week OR m.kind IN ('follow_up', 'roundtable'))
			ORDER BY m.starts_at, m.id`, order: "starts_at, id", into: &r.meetings},
		// Each citizen's three newest check-ins with the average of their goal
		// scores, read from checkins_caseload (caseloadCheckins).
		{query: caseloadCheckins[dialect],
			order: "citizen_id, recorded_at DESC, id DESC", into: &r.checkins},
		{query: "SELECT citizen_id, status, requested_at, consent_deadline, created_at FROM fast_track_requests WHERE citizen_id IN " +
			caseloadIDs + " ORDER BY requested_at, created_at", order: "requested_at, created_at", into: &r.fastTrack},
		// The answer to the newest plan version only: a "no" to an older
		// version has been answered by the change since.
		{query: `SELECT pv.citizen_id, pf.recognises FROM plan_versions pv
			JOIN plan_feedback pf ON pf.plan_version_id = pv.id
			WHERE pv.citizen_id IN ` + caseloadIDs + `
			AND pv.version = (SELECT MAX(p2.version) FROM plan_versions p2 WHERE p2.citizen_id = pv.citizen_id)`, into: &r.feedback},
		{query: "SELECT citizen_id, due_date FROM agreements WHERE status = 'open' AND due_date IS NOT NULL AND citizen_id IN " +
			caseloadIDs, into: &r.agreements},
		// Most views are not a citizen's first of the day: their access is
		// logged already, and the view writes nothing (access_log_caseload_daily).
		{query: "SELECT c.id AS citizen_id FROM citizens c WHERE c.caseworker_id = @cw AND c." + closed +
			" AND NOT EXISTS (SELECT 1 FROM access_log a WHERE a.citizen_id = c.id AND a.caseworker_id = @cw" +
			" AND a.what = '" + models.WhatCaseload + "' AND a.day = @day)", into: &r.unlogged},
	}
}

// caseloadCheckins reads each citizen's three newest check-ins. PostgreSQL
// reads just those three per citizen from the index (LATERAL … LIMIT 3);
// SQLite, which has no LATERAL, numbers each citizen's check-ins and keeps
// the first three.
var caseloadCheckins = map[sqldb.Dialect]string{
	sqldb.Postgres: `SELECT c.id, c.citizen_id, c.recorded_at, c.wellbeing, c.staircase_step,
			(SELECT CAST(AVG(s.score) AS DOUBLE PRECISION) FROM checkin_scores s WHERE s.checkin_id = c.id) AS avg_score
		FROM citizens z CROSS JOIN LATERAL (SELECT id, citizen_id, recorded_at, wellbeing, staircase_step FROM checkins
			WHERE citizen_id = z.id ORDER BY recorded_at DESC, id DESC LIMIT 3) c
		WHERE z.caseworker_id = @cw`,
	sqldb.SQLite: `SELECT c.id, c.citizen_id, c.recorded_at, c.wellbeing, c.staircase_step,
			(SELECT CAST(AVG(s.score) AS DOUBLE PRECISION) FROM checkin_scores s WHERE s.checkin_id = c.id) AS avg_score
		FROM (SELECT id, citizen_id, recorded_at, wellbeing, staircase_step,
				ROW_NUMBER() OVER (PARTITION BY citizen_id ORDER BY recorded_at DESC, id DESC) AS rn
			FROM checkins WHERE citizen_id IN ` + caseloadIDs + `) c
		WHERE c.rn <= 3 ORDER BY c.citizen_id, c.recorded_at DESC, c.id DESC`,
}

// facts puts each citizen's rows together, the citizens in the order read.
func (r *caseloadRows) facts() []models.CaseloadFacts {
	if len(r.citizens) == 0 {
		return nil
	}
	facts := make([]models.CaseloadFacts, len(r.citizens))
	by := make(map[string]*models.CaseloadFacts, len(r.citizens))
	for i := range r.citizens {
		facts[i].Citizen = r.citizens[i]
		by[r.citizens[i].ID] = &facts[i]
	}
	for _, u := range r.users {
		if f := by[u.ID]; f != nil {
			f.Citizen.User = u
		}
	}
	for _, x := range r.invites {
		if f := by[x.CitizenID]; f != nil {
			f.Invites = append(f.Invites, x)
		}
	}
	for i := range r.snoozes {
		if f := by[r.snoozes[i].CitizenID]; f != nil {
			f.Snooze = &r.snoozes[i]
		}
	}
	for _, x := range r.meetings {
		if f := by[x.CitizenID]; f != nil {
			f.Meetings = append(f.Meetings, x)
		}
	}
	for _, x := range r.checkins {
		if f := by[x.CitizenID]; f != nil {
			f.Checkins = append(f.Checkins, x)
		}
	}
	for _, x := range r.fastTrack {
		if f := by[x.CitizenID]; f != nil {
			f.FastTrack = append(f.FastTrack, x)
		}
	}
	for _, x := range r.feedback {
		if f := by[x.CitizenID]; f != nil {
			f.PlanFeedback = x.Recognises
		}
	}
	for _, x := range r.agreements {
		if f := by[x.CitizenID]; f != nil {
			f.OpenAgreementDues = append(f.OpenAgreementDues, x.DueDate)
		}
	}
	return facts
}
