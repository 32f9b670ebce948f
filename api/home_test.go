package api

import (
	"testing"
)

func kindsOf(list []any) []string {
	out := []string{}
	for _, it := range list {
		out = append(out, it.(map[string]any)["kind"].(string))
	}
	return out
}

func TestHomeShowsWhatNeedsTheCitizenAndWhatIsNew(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		id := e.meeting(j, "roundtable", "2026-03-05T10:00:00+01:00")
		expect(t, e.put(j.base+"/plan", j.cw.Token, planBody(week("2026-03-02", 2, 0, 2.5, 0, 2))), 200)

		home := expect(t, e.get("/api/v1/me/home", j.cz.Token), 200).JSON(t)
		if got := kindsOf(home["actions"].([]any)); len(got) != 3 || got[0] != "reflection" || got[1] != "checkin" || got[2] != "reply" {
			t.Fatalf("actions = %v", got)
		}
		if got := kindsOf(home["news"].([]any)); len(got) != 1 || got[0] != "plan_changed" {
			t.Fatalf("news = %v", got)
		}
		tw := home["this_week"].(map[string]any)
		days := tw["days"].([]any)
		if tw["total"] != 6.5 || len(days) != 5 || days[2].(map[string]any)["hours"] != 2.5 || days[0].(map[string]any)["today"] != true {
			t.Fatalf("this week = %v", tw)
		}
		ms := home["milestones"].(map[string]any)
		if ms["week_of_sickness"] != 3.0 || ms["fast_track_limit"] != "2026-03-23" {
			t.Fatalf("milestones = %v", ms)
		}
		if v, ok := home["fast_track"]; !ok || v != nil {
			t.Fatalf("fast_track must be present and null: %v", home)
		}
		if len(home["next_meetings"].([]any)) != 1 || home["last_checkin"] != nil {
			t.Fatalf("home = %v", home)
		}

		expect(t, e.post("/api/v1/me/checkins", j.cz.Token, map[string]any{"id": checkinID, "recorded_at": "2026-03-02T09:30:00+01:00", "wellbeing": 6}), 201)
		expect(t, e.put("/api/v1/me/meetings/"+id+"/reply", j.cz.Token, map[string]any{"response": "attending"}), 200)
		expect(t, e.put("/api/v1/me/meetings/"+id+"/reflection", j.cz.Token, map[string]any{"came_from": "a", "heading_to": "b", "proposal": "c", "shared": false}), 200)
		expect(t, e.post("/api/v1/me/plan/seen", j.cz.Token, nil), 204)
		expect(t, e.patch(j.base+"/meetings/"+id, j.cw.Token, map[string]any{"location": "Jobcentret"}), 200)

		home = expect(t, e.get("/api/v1/me/home", j.cz.Token), 200).JSON(t)
		if got := kindsOf(home["actions"].([]any)); len(got) != 1 || got[0] != "reply" {
			t.Fatalf("after check-in, reply and reflection, a moved meeting needs a new reply: %v", got)
		}
		if got := kindsOf(home["news"].([]any)); len(got) != 1 || got[0] != "meeting_moved" {
			t.Fatalf("news = %v", got)
		}
		if home["last_checkin"].(map[string]any)["wellbeing"] != 6.0 {
			t.Fatalf("last check-in = %v", home["last_checkin"])
		}
		expect(t, e.post("/api/v1/me/meetings/seen", j.cz.Token, nil), 204)
		home = expect(t, e.get("/api/v1/me/home", j.cz.Token), 200).JSON(t)
		if got := home["news"].([]any); len(got) != 0 {
			t.Fatalf("seen news stays: %v", got)
		}
	})
}

func TestHomeOfANewCitizenIsCalm(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		home := expect(t, e.get("/api/v1/me/home", j.cz.Token), 200).JSON(t)
		if home["this_week"] != nil || len(home["goals"].([]any)) != 0 || len(home["news"].([]any)) != 0 {
			t.Fatalf("home = %v", home)
		}
		if got := kindsOf(home["actions"].([]any)); len(got) != 1 || got[0] != "checkin" {
			t.Fatalf("actions = %v", got)
		}
		expect(t, e.get("/api/v1/me/home", j.cw.Token), 403)
	})
}
