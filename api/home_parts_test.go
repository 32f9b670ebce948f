package api

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/identity"
	"trappen/models/store"
	"trappen/models/storetest"
)

// homeFromParts is I dag assembled the way it was before it became one
// statement (issue 13): from the reads behind the citizen's other screens.
func homeFromParts(t testing.TB, s *store.Store, citizenID string, now time.Time) *models.Home {
	t.Helper()
	ctx, a := context.Background(), models.AsCitizen(citizenID)
	c, err := s.CitizenByID(ctx, citizenID)
	must(t, err)
	goals, err := s.Goals(ctx, a)
	must(t, err)
	meetings, err := s.Meetings(ctx, a, now)
	must(t, err)
	plan, err := s.CurrentPlan(ctx, a, now)
	must(t, err)
	seen := models.CitizenSeen{CitizenID: citizenID}
	must(t, s.Read.Where("citizen_id = ?", citizenID).Limit(1).Find(&seen).Error)
	checkins, err := s.Checkins(ctx, a)
	must(t, err)
	h := &models.Home{Profile: models.ToProfile(c), Milestones: models.ComputeMilestones(c.FirstSickDay, now), Goals: goals,
		News: models.HomeNewsItems(plan, meetings, seen, now), ThisWeek: models.CurrentWeekPlan(plan, now), NextMeetings: meetings.Upcoming}
	if len(checkins) > 0 {
		h.LastCheckin = &checkins[0]
	}
	h.Actions = models.HomeActions(meetings.Upcoming, h.LastCheckin, now)
	if c.ExemptOn(now) || c.Closed() {
		h.Actions = models.WithoutCheckin(h.Actions)
	}
	ft, err := s.PendingFastTrack(ctx, a, now)
	must(t, err)
	if ft != nil {
		h.FastTrack = ft
	}
	h.Caseworker, err = s.CaseworkerCard(ctx, citizenID)
	must(t, err)
	all, err := s.Agreements(ctx, a, now)
	must(t, err)
	h.MyAgreements = models.OpenOwnAgreements(all)
	if len(h.NextMeetings) > 3 {
		h.NextMeetings = h.NextMeetings[:3]
	}
	h.SignInCode, err = s.PendingSignInCodeOf(ctx, citizenID, now)
	must(t, err)
	return h
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// The one-statement home answers exactly what the screens it sums up
// answer, on a citizen with some of everything.
func TestHomeIsTheSumOfItsParts(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := richHome(t, e)
		var got, want any
		must(t, json.Unmarshal(expect(t, e.get("/api/v1/me/home", j.cz.Token), 200).Body, &got))
		raw, err := json.Marshal(homeFromParts(t, e.store, j.cz.ID, e.clock.Now()))
		must(t, err)
		must(t, json.Unmarshal(raw, &want))
		if !reflect.DeepEqual(got, want) {
			g, _ := json.MarshalIndent(got, "", " ")
			w, _ := json.MarshalIndent(want, "", " ")
			t.Fatalf("home:\n%s\nwant:\n%s", g, w)
		}
		h := got.(map[string]any)
		for _, k := range []string{"fast_track", "last_checkin", "sign_in_code", "this_week"} {
			if h[k] == nil {
				t.Errorf("the fixture leaves %s empty", k)
			}
		}
		for _, k := range []string{"goals", "next_meetings", "my_agreements", "news", "actions"} {
			if len(h[k].([]any)) == 0 {
				t.Errorf("the fixture leaves %s empty", k)
			}
		}
	})
}

// richHome is a citizen with goals, two plan versions with feedback, four
// meetings (replied, reflected on, moved, cancelled), check-ins with
// scores, a pending fast track, agreements, a contact card and a pending
// sign-in code.
func richHome(t *testing.T, e *env) journey {
	j := e.journey("sara@example.dk", "bo@example.dk")
	expect(t, e.patch("/api/v1/me", j.cw.Token, map[string]any{"phone": "+45 33 66 33 66", "contact_hours": "Man–tor 9–12"}), 200)
	g := e.overallGoal(j, "Tilbage i job")
	sub := e.subGoal(j, g, "Gå ture", "Gå 20 minutter", "Cykle")
	e.overallGoal(j, "Sove bedre")
	expect(t, e.put(j.base+"/plan", j.cw.Token, planBody(week("2026-03-02", 2, 0, 2.5, 0, 2))), 200)
	expect(t, e.post("/api/v1/me/plan/seen", j.cz.Token, nil), 204)
	expect(t, e.put(j.base+"/plan", j.cw.Token, planBody(week("2026-03-02", 3, 0, 2.5, 0, 2), week("2026-03-09", 3, 3, 3, 0, 2))), 200)
	expect(t, e.put("/api/v1/me/plan/feedback", j.cz.Token, map[string]any{"recognises": "partly", "comment": "Mandag er hård"}), 200)
	round := e.meeting(j, "roundtable", "2026-03-05T10:00:00+01:00")
	follow := e.meeting(j, "follow_up", "2026-03-10T10:00:00+01:00")
	e.meeting(j, "status", "2026-03-12T10:00:00+01:00")
	gone := e.meeting(j, "other", "2026-03-13T10:00:00+01:00")
	e.meeting(j, "follow_up", "2026-03-20T10:00:00+01:00")
	expect(t, e.put("/api/v1/me/meetings/"+round+"/reply", j.cz.Token, map[string]any{"response": "attending"}), 200)
	expect(t, e.put("/api/v1/me/meetings/"+round+"/reflection", j.cz.Token, map[string]any{"came_from": "a", "heading_to": "b", "proposal": "c", "shared": true}), 200)
	expect(t, e.put("/api/v1/me/meetings/"+follow+"/reply", j.cz.Token, map[string]any{"response": "another_time", "reason": "Lægetid"}), 200)
	expect(t, e.patch(j.base+"/meetings/"+follow, j.cw.Token, map[string]any{"location": "Jobcentret"}), 200)
	expect(t, e.delete(j.base+"/meetings/"+gone, j.cw.Token), 204)
	expect(t, e.post("/api/v1/me/checkins", j.cz.Token, map[string]any{"id": "0b6f8c55-1c1a-4f43-9d55-1e0e2a3b4c01",
		"recorded_at": "2026-02-24T09:30:00+01:00", "wellbeing": 4, "goal_scores": []map[string]any{{"goal_id": sub, "score": 3}}}), 201)
	expect(t, e.post("/api/v1/me/checkins", j.cz.Token, map[string]any{"id": checkinID, "recorded_at": "2026-03-02T09:30:00+01:00",
		"wellbeing": 6, "staircase_step": 2, "hours_worked": 6.5, "note": "Bedre uge",
		"goal_scores": []map[string]any{{"goal_id": sub, "score": 5}, {"goal_id": g, "score": 7}}}), 201)
	expect(t, e.post(j.base+"/fast-track", j.cw.Token, ftBody("employer", e.clock.Now(), 12)), 201)
	e.agreement(j, map[string]any{"text": "Tale med min læge", "owner": "citizen", "due_date": "2026-03-10", "meeting_id": round})
	e.agreement(j, map[string]any{"text": "Finde et stille skrivebord", "owner": "employer"})
	e.agreement(j, map[string]any{"text": "Skrive til A-kassen", "owner": "citizen"})
	expect(t, e.post(j.base+"/invite", j.cw.Token, nil), 201)
	return j
}

// BenchmarkHome measures the citizen's home on the benchmark caseload's
// first citizen (12 weeks of check-ins, three plan versions, six meetings):
// through the app (authentication included), and in the store as one
// statement against the per-screen reads it replaced (issue 13):
//
//	TRAPPEN_TEST_DATABASE_URL=… go test ./api -run '^$' -bench Home -count 5
func BenchmarkHome(b *testing.B) {
	for _, engine := range storetest.Engines(b) {
		a := newBenchApp(b, engine)
		s := a.store
		hash, err := identity.HashPassword(testPassword)
		must(b, err)
		must(b, s.DB.Exec("UPDATE users SET password_hash = ? WHERE id = ?", hash, a.citizenID).Error)
		var login struct {
			AccessToken string `json:"access_token"`
		}
		json.Unmarshal(a.do(b, "POST", "/api/v1/auth/login", map[string]string{"email": "b00@example.dk", "password": testPassword}), &login)
		a.token = login.AccessToken
		b.Run(string(engine)+"/http", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				a.do(b, "GET", "/api/v1/me/home", nil)
			}
		})
		b.Run(string(engine)+"/one_statement", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := s.Home(context.Background(), a.citizenID, benchNow); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(engine)+"/per_screen_reads", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				homeFromParts(b, s, a.citizenID, benchNow)
			}
		})
	}
}
