package api

import (
	"testing"
	"time"
)

func TestGoalsFormATreeWithActivitiesOnSubGoals(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		overall := e.overallGoal(j, "Tilbage i mit job på fuld tid inden 1. juni")
		e.subGoal(j, overall, "Arbejde 12 timer om ugen fra 5. januar")
		e.subGoal(j, overall, "Få styr på min bekymring for tilbagefald", "Samtaler med psykolog", "Stresskursus")
		e.clock.Advance(time.Minute)
		own := expect(t, e.post("/api/v1/me/goals", j.cz.Token, map[string]any{"title": "Gå en tur hver dag", "parent_id": overall}), 201).JSON(t)
		if own["created_by"] != "citizen" || own["level"] != "sub" {
			t.Fatalf("citizen's own sub-goal = %v", own)
		}

		list := items(t, expect(t, e.get("/api/v1/me/goals", j.cz.Token), 200))
		if len(list) != 1 {
			t.Fatalf("want one overall goal, got %d", len(list))
		}
		g := list[0].(map[string]any)
		subs := g["sub_goals"].([]any)
		if len(subs) != 3 || g["level"] != "overall" {
			t.Fatalf("overall goal = %v", g)
		}
		worry := subs[1].(map[string]any)
		if acts := worry["activities"].([]any); len(acts) != 2 || acts[0].(map[string]any)["title"] != "Samtaler med psykolog" {
			t.Fatalf("activities = %v", worry["activities"])
		}
		if worry["vague"] != true || subs[0].(map[string]any)["vague"] != false {
			t.Fatalf("the worry goal has no number or date and is vague; the 12-hour goal is not: %v", subs)
		}
		cw := items(t, expect(t, e.get(j.base+"/goals", j.cw.Token), 200))
		if len(cw) != 1 {
			t.Fatalf("caseworker sees %d goals", len(cw))
		}
	})
}

func TestGoalValidation(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		other := e.citizenOf(j.cw, "eva@example.dk")
		overall := e.overallGoal(j, "Fuld tid inden 1. juni")
		sub := e.subGoal(j, overall, "12 timer om ugen")
		othersGoal := e.overallGoal(other, "Fuld tid i august")
		cases := []struct {
			name   string
			path   string
			token  string
			body   any
			fields []string
		}{
			{"a goal needs a title", j.base + "/goals", j.cw.Token, map[string]any{"title": "  "}, []string{"title"}},
			{"a target date must be a date", j.base + "/goals", j.cw.Token, map[string]any{"title": "Fuld tid", "target_date": "1. juni"}, []string{"target_date"}},
			{"the parent must be an overall goal, not a sub-goal", j.base + "/goals", j.cw.Token, map[string]any{"title": "x 2", "parent_id": sub}, []string{"parent_id"}},
			{"the parent must be the citizen's own goal", j.base + "/goals", j.cw.Token, map[string]any{"title": "x 2", "parent_id": othersGoal}, []string{"parent_id"}},
			{"a citizen adds sub-goals only", "/api/v1/me/goals", j.cz.Token, map[string]any{"title": "Fuld tid"}, []string{"parent_id"}},
			{"a title of the wrong type", "/api/v1/me/goals", j.cz.Token, map[string]any{"title": 5, "parent_id": overall}, []string{"title"}},
			{"an empty activity", j.base + "/goals", j.cw.Token, map[string]any{"title": "x 2", "parent_id": overall, "activities": []string{""}}, []string{"activities[0]"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { wantFields(t, e.post(c.path, c.token, c.body), c.fields...) })
		}
		t.Run("an unknown status", func(t *testing.T) {
			wantFields(t, e.patch("/api/v1/me/goals/"+sub, j.cz.Token, map[string]any{"status": "done"}), "status")
		})
	})
}

func TestGoalsAreUpdatedOnBothSides(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		overall := e.overallGoal(j, "Blive rask")
		r := expect(t, e.patch(j.base+"/goals/"+overall, j.cw.Token, map[string]any{"title": "Fuld tid", "target_date": "2026-06-01"}), 200).JSON(t)
		if r["title"] != "Fuld tid" || r["target_date"] != "2026-06-01" || r["vague"] != false {
			t.Fatalf("patched = %v", r)
		}
		r = expect(t, e.patch("/api/v1/me/goals/"+overall, j.cz.Token, map[string]any{"status": "reached", "target_date": nil}), 200).JSON(t)
		if r["status"] != "reached" || r["target_date"] != nil || r["title"] != "Fuld tid" {
			t.Fatalf("patched by citizen = %v", r)
		}
	})
}

func TestGoalsAreIsolatedBetweenCitizensAndCaseworkers(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		ole := e.caseworker("ole@example.dk")
		eva := e.citizenOf(j.cw, "eva@example.dk")
		goal := e.overallGoal(j, "Fuld tid inden 1. juni")

		expect(t, e.get(j.base+"/goals", ole.Token), 404)
		expect(t, e.post(j.base+"/goals", ole.Token, map[string]any{"title": "x"}), 404)
		expect(t, e.patch(j.base+"/goals/"+goal, ole.Token, map[string]any{"status": "dropped"}), 404)
		expect(t, e.patch(eva.base+"/goals/"+goal, j.cw.Token, map[string]any{"status": "dropped"}), 404)
		expect(t, e.patch("/api/v1/me/goals/"+goal, eva.cz.Token, map[string]any{"status": "dropped"}), 404)
		if n := len(items(t, expect(t, e.get("/api/v1/me/goals", eva.cz.Token), 200))); n != 0 {
			t.Fatalf("eva sees %d goals", n)
		}
		expect(t, e.get("/api/v1/me/goals", j.cw.Token), 403)
		expect(t, e.get(j.base+"/goals", j.cz.Token), 404)
	})
}

func TestAnOverallGoalMayCarryActivitiesAsItsOwnList(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		id := expect(t, e.post("/api/v1/citizens", cw.Token, citizenInput("bo@example.dk")), 201).JSON(t)["id"].(string)
		g := expect(t, e.post("/api/v1/citizens/"+id+"/goals", cw.Token, map[string]any{"title": "Fuld tid inden 1. april", "activities": []string{"Virksomhedspraktik"}}), 201).JSON(t)
		acts := g["activities"].([]any)
		if len(acts) != 1 || acts[0].(map[string]any)["title"] != "Virksomhedspraktik" || g["level"] != "overall" {
			t.Fatalf("goal = %v", g)
		}
	})
}
