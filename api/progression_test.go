package api

import (
	"testing"
)

func TestProgressionShowsEachSeriesTheSameToBothSides(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		overall := e.overallGoal(j, "Fuld tid inden 1. juni")
		sub := e.subGoal(j, overall, "12 timer om ugen")
		expect(t, e.put(j.base+"/plan", j.cw.Token, planBody(week("2026-02-23", 2, 0, 2, 0, 2), week("2026-03-02", 3, 0, 3, 0, 3))), 200)
		checkins := []map[string]any{
			{"id": "00000000-0000-4000-8000-000000000001", "recorded_at": "2026-02-24T18:00:00+01:00", "hours_worked": 5,
				"wellbeing": 4, "staircase_step": 2, "goal_scores": []map[string]any{{"goal_id": sub, "score": 3}}},
			{"id": "00000000-0000-4000-8000-000000000002", "recorded_at": "2026-02-27T18:00:00+01:00", "hours_worked": 6,
				"wellbeing": 5, "goal_scores": []map[string]any{{"goal_id": sub, "score": 4}, {"goal_id": overall, "score": 2}}},
		}
		for _, c := range checkins {
			expect(t, e.post("/api/v1/me/checkins", j.cz.Token, c), 201)
		}
		expect(t, e.post(j.base+"/placements", j.cw.Token, map[string]any{"party": "employer", "step": 3, "date": "2026-02-25"}), 201)
		expect(t, e.post(j.base+"/placements", j.cw.Token, map[string]any{"party": "jobcenter", "step": 2, "date": "2026-02-25", "note": "Ved rundbordssamtalen"}), 201)

		mine := expect(t, e.get("/api/v1/me/progression", j.cz.Token), 200)
		theirs := expect(t, e.get(j.base+"/progression", j.cw.Token), 200)
		if string(mine.Body) != string(theirs.Body) {
			t.Fatalf("the citizen and the caseworker see different series:\n%s\n%s", mine.Body, theirs.Body)
		}
		p := mine.JSON(t)
		goals := p["goals"].([]any)
		if len(goals) != 2 || goals[0].(map[string]any)["level"] != "overall" || len(goals[1].(map[string]any)["points"].([]any)) != 2 {
			t.Fatalf("goals = %v", goals)
		}
		stairs := p["staircase"].(map[string]any)
		for _, party := range []string{"citizen", "employer", "jobcenter"} {
			if len(stairs[party].([]any)) != 1 {
				t.Errorf("%s placements = %v", party, stairs[party])
			}
		}
		hours := p["hours"].([]any)
		first, second := hours[0].(map[string]any), hours[1].(map[string]any)
		if len(hours) != 2 || first["planned"] != 6.0 || first["actual"] != 6.0 || second["planned"] != 9.0 || second["actual"] != nil {
			t.Fatalf("hours = %v (the latest check-in of a week counts)", hours)
		}
		if len(p["wellbeing"].([]any)) != 2 {
			t.Fatalf("wellbeing = %v", p["wellbeing"])
		}
	})
}

func TestPlacementValidationAndIsolation(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		ole := e.caseworker("ole@example.dk")
		cases := []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"a party that is not at the table", map[string]any{"party": "doctor", "step": 3, "date": "2026-02-25"}, "party"},
			{"step 7", map[string]any{"party": "employer", "step": 7, "date": "2026-02-25"}, "step"},
			{"a date in the future", map[string]any{"party": "employer", "step": 3, "date": "2026-03-03"}, "date"},
			{"no date", map[string]any{"party": "employer", "step": 3}, "date"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { wantFields(t, e.post(j.base+"/placements", j.cw.Token, c.body), c.field) })
		}
		ok := map[string]any{"party": "employer", "step": 3, "date": "2026-03-02"}
		expect(t, e.post(j.base+"/placements", ole.Token, ok), 404)
		expect(t, e.get(j.base+"/progression", ole.Token), 404)
		expect(t, e.post(j.base+"/placements", j.cw.Token, ok), 201)
		if n := len(items(t, expect(t, e.get(j.base+"/placements", j.cw.Token), 200))); n != 1 {
			t.Fatalf("%d placements", n)
		}
	})
}
