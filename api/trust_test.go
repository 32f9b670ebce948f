package api

import (
	"context"
	"testing"
	"time"

	"trappen/models"
)

// Only real answers: what the citizen leaves untouched is stored as not
// answered, never as a made-up value, and the graphs skip it.
func TestAnUntouchedCheckInStoresNoMadeUpValues(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		e.overallGoal(j, "Fuld tid inden 1. juni")
		body := map[string]any{"id": checkinID, "recorded_at": "2026-03-02T09:30:00+01:00", "hours_worked": 4}
		got := expect(t, e.post("/api/v1/me/checkins", j.cz.Token, body), 201).JSON(t)
		if got["wellbeing"] != nil || got["staircase_step"] != nil || got["not_at_workplace"] != false || len(got["goal_scores"].([]any)) != 0 {
			t.Fatalf("an untouched check-in came back as %v", got)
		}
		stored, err := e.store.Checkins(context.Background(), models.AsCitizen(j.cz.ID))
		if err != nil || len(stored) != 1 {
			t.Fatalf("stored %v, %v", stored, err)
		}
		if c := stored[0]; c.Wellbeing != nil || c.StaircaseStep != nil || c.NotAtWorkplace || len(c.GoalScores) != 0 {
			t.Fatalf("stored %+v", c)
		}
		prog := expect(t, e.get("/api/v1/me/progression", j.cz.Token), 200).JSON(t)
		goals := prog["goals"].([]any)
		if len(prog["wellbeing"].([]any)) != 0 || len(prog["staircase"].(map[string]any)["citizen"].([]any)) != 0 ||
			len(goals[0].(map[string]any)["points"].([]any)) != 0 {
			t.Fatalf("the graphs show answers nobody gave: %v", prog)
		}
		sums := prog["summaries"].(map[string]any)
		if sums["wellbeing"].(map[string]any)["key"] != "none" || sums["hours"].(map[string]any)["key"] != "no_plan" {
			t.Fatalf("summaries = %v", sums)
		}
	})
}

func TestNotAtTheWorkplaceYetIsAnAnswerBelowTheFirstStep(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		both := map[string]any{"id": checkinID, "recorded_at": "2026-03-02T09:30:00+01:00", "not_at_workplace": true, "staircase_step": 1}
		wantFields(t, e.post("/api/v1/me/checkins", j.cz.Token, both), "staircase_step")
		wrongType := map[string]any{"id": checkinID, "recorded_at": "2026-03-02T09:30:00+01:00", "not_at_workplace": "yes"}
		if r := e.post("/api/v1/me/checkins", j.cz.Token, wrongType); r.Status != 422 && r.Status != 400 {
			t.Fatalf("a text flag: status %d", r.Status)
		}
		alone := map[string]any{"id": checkinID, "recorded_at": "2026-03-02T09:30:00+01:00", "not_at_workplace": true}
		got := expect(t, e.post("/api/v1/me/checkins", j.cz.Token, alone), 201).JSON(t)
		if got["not_at_workplace"] != true || got["staircase_step"] != nil {
			t.Fatalf("stored %v", got)
		}
		expect(t, e.post("/api/v1/me/checkins", j.cz.Token, alone), 200) // a replay
		prog := expect(t, e.get("/api/v1/me/progression", j.cz.Token), 200).JSON(t)
		if n := len(prog["staircase"].(map[string]any)["citizen"].([]any)); n != 0 {
			t.Fatalf("the staircase graph has %d points; want none for not at the workplace", n)
		}
	})
}

func TestTheMixingDeskKeepsUnsetSlidersUnset(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		body := planBody(week("2026-03-02", 2, 0, 2, 0, 2))
		body["mixing_desk"] = map[string]any{"physical": 2, "tasks": nil}
		desk := expect(t, e.put(j.base+"/plan", j.cw.Token, body), 200).JSON(t)["mixing_desk"].(map[string]any)
		for _, k := range []string{"hours", "tasks", "responsibility", "predictability", "intensity"} {
			if desk[k] != nil {
				t.Errorf("slider %s = %v; nobody set it", k, desk[k])
			}
		}
		if desk["physical"] != 2.0 {
			t.Errorf("physical = %v, want 2", desk["physical"])
		}
	})
}

func TestServiceInfoIsServedWithoutSigningIn(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		got := expect(t, e.get("/api/v1/service-info", ""), 200).JSON(t)
		org := got["org"].(map[string]any)
		if org["name"] != "Jobcenter" || org["url"] != nil || org["email"] != nil || org["phone"] != nil {
			t.Fatalf("default org = %v", org)
		}
	})
}

// The citizen sees when the caseworker first read a shared reflection;
// a private one is never marked read, and changing it makes it unread.
func TestTheCitizenSeesWhenASharedReflectionWasRead(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		id := e.meeting(j, "roundtable", "2026-03-10T10:00:00+01:00")
		path := "/api/v1/me/meetings/" + id + "/reflection"
		refl := map[string]any{"came_from": "Stress", "heading_to": "Bageriet", "proposal": "Morgenvagter", "shared": false}
		readAt := func() any {
			up := expect(t, e.get("/api/v1/me/meetings", j.cz.Token), 200).JSON(t)["upcoming"].([]any)
			return up[0].(map[string]any)["reflection"].(map[string]any)["read_at"]
		}
		expect(t, e.put(path, j.cz.Token, refl), 200)
		expect(t, e.get(j.base, j.cw.Token), 200)
		if got := readAt(); got != nil {
			t.Fatalf("a private reflection is marked read at %v", got)
		}

		refl["shared"] = true
		expect(t, e.put(path, j.cz.Token, refl), 200)
		if got := readAt(); got != nil {
			t.Fatalf("read at %v before the caseworker opened anything", got)
		}
		e.clock.Advance(time.Minute)
		first := e.clock.Now().UTC().Format(time.RFC3339)
		expect(t, e.get(j.base+"/meetings", j.cw.Token), 200)
		e.clock.Advance(time.Minute)
		expect(t, e.get(j.base, j.cw.Token), 200)
		if got := readAt(); got != first {
			t.Fatalf("read_at = %v, want the first read %s", got, first)
		}

		refl["proposal"] = "Morgenvagter, tre dage"
		expect(t, e.put(path, j.cz.Token, refl), 200)
		if got := readAt(); got != nil {
			t.Fatalf("a changed reflection still counts as read at %v", got)
		}
	})
}

func TestGoalCheckServesTheVagueGoalRule(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		cases := []struct {
			name, query string
			vague       bool
		}{
			{"get well is vague", "title=Blive+rask", true},
			{"a number makes it measurable", "title=12+timer+om+ugen", false},
			{"a target date makes it measurable", "title=Blive+rask&target_date=2026-06-01", false},
		}
		for _, c := range cases {
			for _, tok := range []string{j.cw.Token, j.cz.Token} {
				if got := expect(t, e.get("/api/v1/goal-check?"+c.query, tok), 200).JSON(t)["vague"]; got != c.vague {
					t.Errorf("%s: vague = %v", c.name, got)
				}
			}
		}
		expect(t, e.get("/api/v1/goal-check?title=x", ""), 401)
		wantFields(t, e.get("/api/v1/goal-check?title=x&target_date=soon", j.cw.Token), "target_date")
	})
}
