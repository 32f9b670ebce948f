package api

import (
	"testing"
)

func week(start string, mon, tue, wed, thu, fri float64) map[string]any {
	return map[string]any{"week_start": start, "hours": map[string]any{"mon": mon, "tue": tue, "wed": wed, "thu": thu, "fri": fri}}
}

func planBody(weeks ...map[string]any) map[string]any {
	return map[string]any{"weeks": weeks, "allowed_tasks": []string{"Opvask"}, "avoid_tasks": []string{"Kundekontakt"},
		"mixing_desk": map[string]any{"hours": 1, "physical": 2, "tasks": 2, "responsibility": 1, "predictability": 3, "intensity": 1}}
}

func TestAPlanShowsTotalsThisWeekAndWhatChanged(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		first := expect(t, e.put(j.base+"/plan", j.cw.Token, planBody(week("2026-03-02", 2, 0, 2, 0, 2), week("2026-03-09", 3, 0, 3, 0, 3))), 200).JSON(t)
		weeks := first["weeks"].([]any)
		w0 := weeks[0].(map[string]any)
		if first["version"] != 1.0 || w0["total"] != 6.0 || w0["current"] != true || weeks[1].(map[string]any)["current"] != false {
			t.Fatalf("first plan = %v", first)
		}
		if len(first["changes"].([]any)) != 0 {
			t.Fatalf("a first plan has no changes: %v", first["changes"])
		}

		next := planBody(week("2026-03-02", 2, 0, 2, 0, 2), week("2026-03-09", 4, 0, 3, 0, 3), week("2026-03-16", 4, 4, 4, 0, 0))
		next["allowed_tasks"] = []string{"Opvask", "Indkøb"}
		next["mixing_desk"].(map[string]any)["hours"] = 2
		expect(t, e.put(j.base+"/plan", j.cw.Token, next), 200)

		mine := expect(t, e.get("/api/v1/me/plan", j.cz.Token), 200).JSON(t)
		kinds := map[string]bool{}
		for _, c := range mine["changes"].([]any) {
			kinds[c.(map[string]any)["kind"].(string)] = true
		}
		for _, k := range []string{"week_added", "hours_changed", "task_added", "slider_moved"} {
			if !kinds[k] {
				t.Errorf("no %s change in %v", k, mine["changes"])
			}
		}
		if mine["version"] != 2.0 || mine["current_week"] != "2026-03-02" {
			t.Fatalf("current plan = %v", mine)
		}
		versions := items(t, expect(t, e.get(j.base+"/plan/versions", j.cw.Token), 200))
		if len(versions) != 2 || versions[0].(map[string]any)["version"] != 2.0 {
			t.Fatalf("versions = %v", versions)
		}
		by := versions[1].(map[string]any)["created_by"].(map[string]any)
		if by["id"] != j.cw.ID || by["role"] != "caseworker" {
			t.Fatalf("created_by = %v", by)
		}
	})
}

func TestTheCitizensFeedbackReachesTheCaseworker(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		expect(t, e.put("/api/v1/me/plan/feedback", j.cz.Token, map[string]any{"recognises": "yes"}), 404)
		expect(t, e.put(j.base+"/plan", j.cw.Token, planBody(week("2026-03-02", 2, 0, 2, 0, 2))), 200)
		wantFields(t, e.put("/api/v1/me/plan/feedback", j.cz.Token, map[string]any{"recognises": "maybe"}), "recognises")
		fb := expect(t, e.put("/api/v1/me/plan/feedback", j.cz.Token, map[string]any{"recognises": "partly", "comment": "Mandag er hård"}), 200).JSON(t)
		if fb["recognises"] != "partly" || fb["plan_version"] != 1.0 {
			t.Fatalf("feedback = %v", fb)
		}
		detail := expect(t, e.get(j.base, j.cw.Token), 200).JSON(t)
		got := detail["plan"].(map[string]any)["feedback"].(map[string]any)
		if got["comment"] != "Mandag er hård" {
			t.Fatalf("caseworker sees feedback %v", got)
		}
	})
}

func TestPlanValidation(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		desk := func(k string, v any) map[string]any {
			b := planBody(week("2026-03-02", 2, 0, 2, 0, 2))
			b["mixing_desk"].(map[string]any)[k] = v
			return b
		}
		withStatus := week("2026-03-02", 2, 0, 2, 0, 2)
		withStatus["status_meeting"] = "next tuesday"
		cases := []struct {
			name  string
			body  any
			field string
		}{
			{"a week that starts on a Tuesday", planBody(week("2026-03-03", 1, 1, 1, 1, 1)), "weeks[0].week_start"},
			{"a week start that is not a date", planBody(week("2026-02-30", 1, 1, 1, 1, 1)), "weeks[0].week_start"},
			{"the same week twice", planBody(week("2026-03-02", 1, 1, 1, 1, 1), week("2026-03-02", 2, 2, 2, 2, 2)), "weeks[1].week_start"},
			{"more than 24 hours a day", planBody(week("2026-03-02", 24.25, 0, 0, 0, 0)), "weeks[0].hours.mon"},
			{"negative hours", planBody(week("2026-03-02", 0, -1, 0, 0, 0)), "weeks[0].hours.tue"},
			{"hours not in quarters", planBody(week("2026-03-02", 0, 0, 0, 0, 2.1)), "weeks[0].hours.fri"},
			{"no weeks at all", map[string]any{"allowed_tasks": []string{}}, "weeks"},
			{"a slider above 5", desk("intensity", 6), "mixing_desk.intensity"},
			{"a slider at 0", desk("hours", 0), "mixing_desk.hours"},
			{"an empty task", map[string]any{"weeks": []any{}, "avoid_tasks": []string{" "}}, "avoid_tasks[0]"},
			{"a status meeting that is not a date", planBody(withStatus), "weeks[0].status_meeting"},
			{"hours as text", planBody(map[string]any{"week_start": "2026-03-02", "hours": map[string]any{"mon": "2"}}), "weeks.hours.mon"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { wantFields(t, e.put(j.base+"/plan", j.cw.Token, c.body), c.field) })
		}
		if v := expect(t, e.get("/api/v1/me/plan", j.cz.Token), 200).JSON(t)["version"]; v != 0.0 {
			t.Fatalf("an invalid plan was stored: version %v", v)
		}
		quarters := planBody(week("2026-03-02", 0.25, 7.5, 24, 0, 3.75))
		expect(t, e.put(j.base+"/plan", j.cw.Token, quarters), 200)
	})
}

func TestPlansAreIsolated(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		ole := e.caseworker("ole@example.dk")
		eva := e.citizenOf(j.cw, "eva@example.dk")
		expect(t, e.put(j.base+"/plan", ole.Token, planBody(week("2026-03-02", 1, 1, 1, 1, 1))), 404)
		expect(t, e.get(j.base+"/plan/versions", ole.Token), 404)
		expect(t, e.put(j.base+"/plan", j.cw.Token, planBody(week("2026-03-02", 1, 1, 1, 1, 1))), 200)
		if v := expect(t, e.get("/api/v1/me/plan", eva.cz.Token), 200).JSON(t)["version"]; v != 0.0 {
			t.Fatalf("eva sees a plan of version %v", v)
		}
		expect(t, e.put("/api/v1/me/plan/feedback", eva.cz.Token, map[string]any{"recognises": "yes"}), 404)
	})
}
