package store

import (
	"context"
	"fmt"
	"time"

	"trappen/models"
)

const homeMeetings = 3

// homeRows is every row the citizen's first screen is made of.
type homeRows struct {
	citizen     []models.Citizen
	user        []models.User
	goals       []models.Goal
	activities  []models.GoalActivity
	meetings    []models.Meeting
	replies     []models.MeetingReply
	reflections []models.MeetingReflection
	plans       []models.PlanVersion
	planAuthors []models.User
	feedback    []models.PlanFeedback
	seen        []models.CitizenSeen
	checkins    []models.Checkin
	scores      []models.CheckinScore
	fastTrack   []models.FastTrackRequest
	ftEvents    []models.FastTrackEvent
	agreements  []models.Agreement
	card        []models.ContactCard
	signInCode  []models.PendingSignInCode
}

// The two newest plan versions: the current one and the base of its diff.
const homePlanVersions = "SELECT id, created_by FROM plan_versions WHERE citizen_id = @c ORDER BY version DESC LIMIT 2"

// sets lists the reads behind the home, each as the screen that shows the
// same thing reads it, limited to the columns the home shows (a column
// added to a view must be added here: TestHomeIsTheSumOfItsParts fails
// until it is) (goals.go, meetings.go, plans.go, checkins.go,
// fast_track.go, agreements.go, contact.go, sign_in_codes.go).
func (r *homeRows) sets() []rowSet {
	return []rowSet{
		{table: "citizens", where: "id = @c", into: &r.citizen},
		{table: "users", where: "id = @c", cols: []string{"id", "name", "email", "locale"}, into: &r.user},
		{table: "goals", where: "citizen_id = @c", order: "created_at, id", into: &r.goals},
		{table: "goal_activities", where: "goal_id IN (SELECT id FROM goals WHERE citizen_id = @c)", order: "goal_id, position",
			cols: []string{"id", "goal_id", "title"}, into: &r.activities},
		{table: "meetings", where: "citizen_id = @c", order: "starts_at, id", cols: []string{"id", "kind", "starts_at", "duration_minutes",
			"location", "participants", "agenda", "status", "moved_at", "cancelled_at", "created_at", "updated_at"}, into: &r.meetings},
		{table: "meeting_replies", where: "citizen_id = @c", cols: []string{"meeting_id", "response", "reason", "updated_at"}, into: &r.replies},
		{table: "meeting_reflections", where: "citizen_id = @c AND sealed = false", cols: []string{"meeting_id", "came_from", "heading_to",
			"proposal", "shared", "shared_at", "read_at", "updated_at"}, into: &r.reflections},
		{table: "plan_versions", where: "citizen_id = @c", order: "version DESC", limit: 2,
			cols: []string{"id", "version", "snapshot", "created_by", "created_at"}, into: &r.plans},
		{table: "users", where: "id IN (SELECT created_by FROM (" + homePlanVersions + ") v)", cols: []string{"id", "name", "role"}, into: &r.planAuthors},
		{table: "plan_feedback", where: "plan_version_id IN (SELECT id FROM (" + homePlanVersions + ") v)",
			cols: []string{"plan_version_id", "recognises", "comment", "created_at", "updated_at"}, into: &r.feedback},
		{table: "citizen_seen", where: "citizen_id = @c", cols: []string{"plan_version", "meetings_seen_at"}, into: &r.seen},
		{table: "checkins", where: "citizen_id = @c", order: "recorded_at DESC, created_at DESC, id", limit: 1, cols: []string{"id",
			"recorded_at", "staircase_step", "not_at_workplace", "wellbeing", "hours_worked", "note", "created_at"}, into: &r.checkins},
		{table: "checkin_scores", where: "checkin_id IN (SELECT id FROM (SELECT id FROM checkins WHERE citizen_id = @c " +
			"ORDER BY recorded_at DESC, created_at DESC, id LIMIT 1) l)", order: "goal_id", into: &r.scores},
		{table: "fast_track_requests", where: "citizen_id = @c", order: "created_at DESC, requested_at DESC", into: &r.fastTrack},
		{table: "fast_track_events", where: "request_id IN (SELECT id FROM fast_track_requests WHERE citizen_id = @c)", order: "id", into: &r.ftEvents},
		{table: "agreements", where: "citizen_id = @c", order: "created_at, id", cols: []string{"id", "meeting_id", "text", "owner",
			"due_date", "status", "done_at", "created_at", "updated_at"}, into: &r.agreements},
		{query: "SELECT u.name, u.email, COALESCE(k.phone, '') AS phone, COALESCE(k.contact_hours, '') AS contact_hours " +
			"FROM users u LEFT JOIN caseworker_contacts k ON k.user_id = u.id WHERE u.id = (SELECT caseworker_id FROM citizens WHERE id = @c)",
			into: &r.card},
		{query: "SELECT i.created_at AS issued_at, i.usable_from, i.expires_at, COALESCE(u.name, '') AS caseworker_name " +
			"FROM invites i LEFT JOIN users u ON u.id = i.issued_by WHERE i.citizen_id = @c AND i.used_at IS NULL " +
			"AND i.usable_from IS NOT NULL AND i.expires_at > @now ORDER BY i.created_at DESC LIMIT 1", into: &r.signInCode},
	}
}

// Home assembles the citizen's first screen from one statement (issue 13:
// it is the most requested screen; it took 17 statements).
func (s *Store) Home(ctx context.Context, citizenID string, now time.Time) (*models.Home, error) {
	var r homeRows
	args := map[string]any{"c": citizenID, "now": now.UTC()}
	if err := readSnapshot(s.Read.WithContext(ctx), s.Dialect, "home", args, r.sets()...); err != nil {
		return nil, fmt.Errorf("home: %w", err)
	}
	if len(r.citizen) == 0 || len(r.user) == 0 {
		return nil, models.ErrNotFound
	}
	if len(r.card) == 0 {
		return nil, fmt.Errorf("home: caseworker %s has no user", r.citizen[0].CaseworkerID)
	}
	return r.home(now)
}

func (r *homeRows) home(now time.Time) (*models.Home, error) {
	c := &r.citizen[0]
	c.User = r.user[0]
	plan, err := r.plan(now)
	if err != nil {
		return nil, fmt.Errorf("home: %w", err)
	}
	seen := models.CitizenSeen{CitizenID: c.ID}
	if len(r.seen) > 0 {
		seen = r.seen[0]
	}
	meetings := models.SplitMeetings(assembleMeetings(r.meetings, r.replies, r.reflections), now)
	h := &models.Home{Profile: models.ToProfile(c), Milestones: models.ComputeMilestones(c.FirstSickDay, now),
		Goals: goalTree(r.goals, activitiesByGoal(r.activities)), News: models.HomeNewsItems(plan, meetings, seen, now),
		ThisWeek: models.CurrentWeekPlan(plan, now), NextMeetings: meetings.Upcoming, Caseworker: &r.card[0]}
	if last := checkinViews(r.checkins, r.scores); len(last) > 0 {
		h.LastCheckin = &last[0]
	}
	h.Actions = models.HomeActions(meetings.Upcoming, h.LastCheckin, now)
	if c.ExemptOn(now) || c.Closed() {
		h.Actions = models.WithoutCheckin(h.Actions) // exempt: asked for no check-in (issue 8)
	}
	h.FastTrack = r.pendingFastTrack(now)
	h.MyAgreements = models.OpenOwnAgreements(agreementViews(r.agreements, now))
	if len(h.NextMeetings) > homeMeetings {
		h.NextMeetings = h.NextMeetings[:homeMeetings]
	}
	if len(r.signInCode) > 0 {
		p := r.signInCode[0]
		p.IssuedAt, p.UsableFrom, p.ExpiresAt = p.IssuedAt.UTC(), p.UsableFrom.UTC(), p.ExpiresAt.UTC()
		h.SignInCode = &p
	}
	return h, nil
}

func (r *homeRows) plan(now time.Time) (*models.PlanView, error) {
	seen := 0
	if len(r.seen) > 0 {
		seen = r.seen[0].PlanVersion
	}
	views, err := planViews(r.plans, r.planAuthors, r.feedback, seen, 2, now)
	if err != nil || len(views) == 0 {
		return emptyPlan(now), err
	}
	return &views[0], nil
}

// pendingFastTrack is the request waiting for the citizen's answer, or nil
// (as PendingFastTrack).
func (r *homeRows) pendingFastTrack(now time.Time) *models.FastTrackView {
	for i := range r.fastTrack {
		for _, e := range r.ftEvents {
			if e.RequestID == r.fastTrack[i].ID {
				r.fastTrack[i].Events = append(r.fastTrack[i].Events, e)
			}
		}
	}
	cur, _ := newFastTrackState(r.fastTrack, now).Views()
	if cur == nil || cur.Status != models.FastTrackPending {
		return nil
	}
	return cur
}
