package api

import (
	"testing"
)

func TestTheEmployerTicksOffOnlyTheirOwnAgreementItems(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		mette, _ := e.employer(j.cw, j.cz.ID, "mette@firma.dk")
		mine := e.agreement(j, map[string]any{"text": "Finder opgaver uden tunge løft", "owner": "employer"})["id"].(string)
		theirs := e.agreement(j, map[string]any{"text": "Taler med lægen", "owner": "citizen"})["id"].(string)
		path := "/api/v1/employees/" + j.cz.ID + "/agreements/"

		expect(t, e.patch(path+mine, mette.Token, map[string]any{"status": "done"}), 404) // not shared yet
		expect(t, e.put("/api/v1/me/employer-sharing", j.cz.Token, allSharing(true)), 200)
		got := expect(t, e.get("/api/v1/employees/"+j.cz.ID, mette.Token), 200).JSON(t)
		if as, _ := got["agreements"].([]any); len(as) != 2 {
			t.Fatalf("shared agreements %v", got["agreements"])
		}
		if r := expect(t, e.patch(path+mine, mette.Token, map[string]any{"status": "done"}), 200).JSON(t); r["status"] != "done" {
			t.Fatalf("ticked off %v", r)
		}
		if c := expect(t, e.patch(path+theirs, mette.Token, map[string]any{"status": "done"}), 403).ErrorCode(t); c != "not_yours" {
			t.Fatalf("code %s", c)
		}
		expect(t, e.patch(path+mine, mette.Token, map[string]any{"status": "finished"}), 422)
		expect(t, e.patch(path+mine, mette.Token, map[string]any{}), 422)
		other, _ := e.employer(j.cw, e.citizen(j.cw, "ida@example.dk").ID, "lars@firma.dk")
		expect(t, e.patch(path+mine, other.Token, map[string]any{"status": "done"}), 404)
	})
}

func TestAfterTheCaseClosesTheEmployerGetsANoticeAndMayNotWrite(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		mette, _ := e.employer(j.cw, j.cz.ID, "mette@firma.dk")
		item := e.agreement(j, map[string]any{"text": "Finder opgaver", "owner": "employer"})["id"].(string)
		expect(t, e.put("/api/v1/me/employer-sharing", j.cz.Token, allSharing(true)), 200)
		expect(t, e.post(j.base+"/close", j.cw.Token, map[string]any{"date": "2026-03-02", "reason": "returned_to_work"}), 200)

		got := expect(t, e.get("/api/v1/employees/"+j.cz.ID, mette.Token), 200).JSON(t)
		if len(got) != 3 || got["status"] != "closed" || got["id"] != j.cz.ID || got["name"] == nil {
			t.Fatalf("after close the employer sees %v", got)
		}
		list := expect(t, e.get("/api/v1/employees", mette.Token), 200).JSON(t)["items"].([]any)
		if it := list[0].(map[string]any); len(it) != 3 || it["status"] != "closed" {
			t.Fatalf("after close the list shows %v", it)
		}
		base := "/api/v1/employees/" + j.cz.ID
		for _, w := range []resp{
			e.post(base+"/fast-track", mette.Token, map[string]any{"expected_weeks": 12}),
			e.post(base+"/placements", mette.Token, map[string]any{"step": 3}),
			e.patch(base+"/agreements/"+item, mette.Token, map[string]any{"status": "done"}),
		} {
			if w.Status != 409 || w.ErrorCode(t) != "case_closed" {
				t.Fatalf("a write after close: %d %s", w.Status, w.Body)
			}
		}
	})
}
