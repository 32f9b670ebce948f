package api

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func checkinBody(id string, goalID string) map[string]any {
	return map[string]any{"id": id, "recorded_at": "2026-03-02T09:30:00+01:00",
		"goal_scores":    []map[string]any{{"goal_id": goalID, "score": 6}},
		"staircase_step": 3, "wellbeing": 7, "hours_worked": 9.5, "note": "En god uge"}
}

const checkinID = "6f1c1e0a-3b7e-4a39-9a3e-0c2d9b1f7a11"

func TestACheckInIsStoredOnceAndReplaysAnswer200(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		goal := e.overallGoal(j, "Fuld tid inden 1. juni")
		body := checkinBody(checkinID, goal)

		first := expect(t, e.post("/api/v1/me/checkins", j.cz.Token, body), 201).JSON(t)
		if first["id"] != checkinID || first["wellbeing"] != 7.0 || first["hours_worked"] != 9.5 {
			t.Fatalf("created = %v", first)
		}
		// The same instant written in UTC is the same check-in.
		replay := checkinBody(checkinID, goal)
		replay["recorded_at"] = "2026-03-02T08:30:00Z"
		again := expect(t, e.post("/api/v1/me/checkins", j.cz.Token, replay), 200).JSON(t)
		if again["id"] != checkinID {
			t.Fatalf("replay = %v", again)
		}
		other := checkinBody(checkinID, goal)
		other["wellbeing"] = 2
		if code := expect(t, e.post("/api/v1/me/checkins", j.cz.Token, other), 409).ErrorCode(t); code != "checkin_conflict" {
			t.Fatalf("code = %s", code)
		}
		if n := len(items(t, expect(t, e.get("/api/v1/me/checkins", j.cz.Token), 200))); n != 1 {
			t.Fatalf("stored %d check-ins, want 1", n)
		}
	})
}

// The answer to a new check-in is built from what was written, not read
// back: it must be what every later read shows, to the microsecond and with
// the scores in the order they are read.
func TestTheCreatedCheckInIsTheStoredOne(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		first := e.overallGoal(j, "Fuld tid inden 1. juni")
		second := e.overallGoal(j, "Sove bedre")
		body := map[string]any{"id": strings.ToUpper(checkinID), "recorded_at": "2026-03-02T08:59:59.123456789+01:00",
			"goal_scores":    []map[string]any{{"goal_id": max(first, second), "score": 6}, {"goal_id": min(first, second), "score": 3}},
			"staircase_step": 3, "wellbeing": 7, "hours_worked": 2.25, "note": "Træt, men glad"}
		e.clock.Advance(123456789 * time.Nanosecond) // created_at has more digits than the database keeps
		created := expect(t, e.post("/api/v1/me/checkins", j.cz.Token, body), 201).JSON(t)
		replayed := expect(t, e.post("/api/v1/me/checkins", j.cz.Token, body), 200).JSON(t)
		listed := items(t, expect(t, e.get("/api/v1/me/checkins", j.cz.Token), 200))
		if len(listed) != 1 || !reflect.DeepEqual(created, listed[0]) || !reflect.DeepEqual(created, replayed) {
			t.Fatalf("created  %v\nreplayed %v\nlisted   %v", created, replayed, listed)
		}
	})
}

func TestAnotherCitizensCheckInIdRevealsNothing(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		eva := e.citizenOf(j.cw, "eva@example.dk")
		goal := e.overallGoal(j, "Fuld tid inden 1. juni")
		expect(t, e.post("/api/v1/me/checkins", j.cz.Token, checkinBody(checkinID, goal)), 201)

		same := map[string]any{"id": checkinID, "recorded_at": "2026-03-02T09:30:00+01:00", "wellbeing": 7}
		r := expect(t, e.post("/api/v1/me/checkins", eva.cz.Token, same), 409)
		if r.ErrorCode(t) != "checkin_conflict" || len(r.Fields(t)) != 0 {
			t.Fatalf("body = %s", r.Body)
		}
		if n := len(items(t, expect(t, e.get("/api/v1/me/checkins", eva.cz.Token), 200))); n != 0 {
			t.Fatalf("eva sees %d check-ins", n)
		}
	})
}

func TestCheckInsAreListedNewestFirst(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		ids := []string{"00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000003"}
		times := []string{"2026-02-16T10:00:00+01:00", "2026-03-01T10:00:00+01:00", "2026-02-23T10:00:00+01:00"}
		for i := range ids {
			expect(t, e.post("/api/v1/me/checkins", j.cz.Token, map[string]any{"id": ids[i], "recorded_at": times[i], "wellbeing": i}), 201)
		}
		list := items(t, expect(t, e.get("/api/v1/me/checkins", j.cz.Token), 200))
		got := []any{list[0].(map[string]any)["id"], list[1].(map[string]any)["id"], list[2].(map[string]any)["id"]}
		if got[0] != ids[1] || got[1] != ids[2] || got[2] != ids[0] {
			t.Fatalf("order = %v", got)
		}
	})
}

func TestCheckInValidation(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		eva := e.citizenOf(j.cw, "eva@example.dk")
		goal := e.overallGoal(j, "Fuld tid inden 1. juni")
		evasGoal := e.overallGoal(eva, "Fuld tid i august")
		with := func(k string, v any) map[string]any {
			b := checkinBody("11111111-2222-4333-8444-555555555555", goal)
			b[k] = v
			return b
		}
		long := make([]byte, 2001)
		for i := range long {
			long[i] = 'a'
		}
		cases := []struct {
			name  string
			body  any
			field string
		}{
			{"the id must be a UUID", with("id", "abc"), "id"},
			{"recorded_at is required", with("recorded_at", ""), "recorded_at"},
			{"recorded_at must be RFC 3339", with("recorded_at", "2026-03-02 10:00"), "recorded_at"},
			{"a score above 10", with("goal_scores", []map[string]any{{"goal_id": goal, "score": 11}}), "goal_scores[0].score"},
			{"a negative score", with("goal_scores", []map[string]any{{"goal_id": goal, "score": -1}}), "goal_scores[0].score"},
			{"another citizen's goal", with("goal_scores", []map[string]any{{"goal_id": evasGoal, "score": 5}}), "goal_scores[0].goal_id"},
			{"a goal that does not exist", with("goal_scores", []map[string]any{{"goal_id": "nope", "score": 5}}), "goal_scores[0].goal_id"},
			{"the same goal twice", with("goal_scores", []map[string]any{{"goal_id": goal, "score": 5}, {"goal_id": goal, "score": 6}}), "goal_scores[1].goal_id"},
			{"staircase step 0", with("staircase_step", 0), "staircase_step"},
			{"staircase step 7", with("staircase_step", 7), "staircase_step"},
			{"wellbeing 11", with("wellbeing", 11), "wellbeing"},
			{"hours worked above a week", with("hours_worked", 169), "hours_worked"},
			{"negative hours", with("hours_worked", -1), "hours_worked"},
			{"a note over 2000 characters", with("note", string(long)), "note"},
			{"wellbeing as text", with("wellbeing", "7"), "wellbeing"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { wantFields(t, e.post("/api/v1/me/checkins", j.cz.Token, c.body), c.field) })
		}
		if n := len(items(t, expect(t, e.get("/api/v1/me/checkins", j.cz.Token), 200))); n != 0 {
			t.Fatalf("an invalid check-in was stored")
		}
	})
}
