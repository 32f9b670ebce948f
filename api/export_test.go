package api

import (
	"strings"
	"testing"
)

func TestTheExportHoldsEverythingAboutTheCitizenAndNothingElse(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		eva := e.citizenOf(j.cw, "eva@example.dk")
		overall := e.overallGoal(j, "Fuld tid inden 1. juni")
		e.subGoal(j, overall, "Styr på bekymringer", "Psykologsamtaler")
		e.overallGoal(eva, "Evas eget mål")
		expect(t, e.post("/api/v1/me/checkins", j.cz.Token, checkinBody(checkinID, overall)), 201)
		expect(t, e.put(j.base+"/plan", j.cw.Token, planBody(week("2026-03-02", 2, 0, 2, 0, 2))), 200)
		expect(t, e.put("/api/v1/me/plan/feedback", j.cz.Token, map[string]any{"recognises": "no", "comment": "For mange timer"}), 200)
		id := e.meeting(j, "roundtable", "2026-03-05T10:00:00+01:00")
		expect(t, e.put("/api/v1/me/meetings/"+id+"/reply", j.cz.Token, map[string]any{"response": "cannot_come", "reason": "Lægetid"}), 200)
		expect(t, e.put("/api/v1/me/meetings/"+id+"/reflection", j.cz.Token, map[string]any{"came_from": "Privat svar", "shared": false}), 200)
		expect(t, e.post(j.base+"/placements", j.cw.Token, map[string]any{"party": "employer", "step": 3, "date": "2026-02-25"}), 201)

		r := expect(t, e.get("/api/v1/me/export", j.cz.Token), 200)
		body := string(r.Body)
		for _, want := range []string{"bo@example.dk", "Psykologsamtaler", "En god uge", "For mange timer", "Lægetid", "Privat svar", `"party":"employer"`, "Kundekontakt"} {
			if !strings.Contains(body, want) {
				t.Errorf("the export lacks %q", want)
			}
		}
		if strings.Contains(body, "Evas eget mål") || strings.Contains(body, "password") {
			t.Fatalf("the export holds what is not the citizen's: %s", body)
		}
		for _, section := range []string{"profile", "goals", "checkins", "plan_versions", "meetings", "placements", "category_history", "timeline"} {
			if _, ok := r.JSON(t)[section]; !ok {
				t.Errorf("no %s section", section)
			}
		}
		expect(t, e.get("/api/v1/me/export", j.cw.Token), 403)
	})
}

func TestTheCitizenPageAssemblesTheJourney(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		e.overallGoal(j, "Fuld tid inden 1. juni")
		e.meeting(j, "roundtable", "2026-03-05T10:00:00+01:00")
		d := expect(t, e.get(j.base, j.cw.Token), 200).JSON(t)
		for _, k := range []string{"id", "name", "first_sick_day", "milestones", "goals", "plan", "meetings", "placements"} {
			if d[k] == nil {
				t.Errorf("no %s: %v", k, d)
			}
		}
		if v, ok := d["fast_track"]; !ok {
			t.Errorf("fast_track must be present: %v", v)
		}
	})
}
