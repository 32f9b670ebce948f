package api

import (
	"testing"
	"time"
)

// testStart is Monday 2 March 2026 (Copenhagen); citizenInput's first sick
// day is Monday 16 February, category 2, employed.

func TestPatchCitizenChangesTheCaseAndKeepsTheCategoryHistory(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		got := expect(t, e.get(j.base, j.cw.Token), 200).JSON(t)
		if got["status"] != "open" || got["closed_on"] != nil || got["close_reason"] != nil ||
			got["employment"] != "employed" || got["exempt"] != nil {
			t.Fatalf("a new case: %s", got)
		}
		e.clock.Advance(7 * 24 * time.Hour)
		j.cw = e.login("cw@example.dk", testPassword)
		got = expect(t, e.patch(j.base, j.cw.Token, map[string]any{"category": 3, "first_sick_day": "2026-02-10",
			"expected_weeks": 20, "employment": "unemployed", "employer_name": "",
			"exempt": map[string]any{"reason": "treatment", "until": "2026-04-30"}}), 200).JSON(t)
		if got["category"] != 3.0 || got["first_sick_day"] != "2026-02-10" || got["expected_weeks"] != 20.0 ||
			got["employment"] != "unemployed" || got["employer_name"] != "" {
			t.Fatalf("after the change: %s", got)
		}
		if ex, _ := got["exempt"].(map[string]any); ex["reason"] != "treatment" || ex["until"] != "2026-04-30" {
			t.Fatalf("exempt %v", got["exempt"])
		}
		history := got["category_history"].([]any)
		want := []map[string]any{{"category": 2.0, "from": "2026-03-02"}, {"category": 3.0, "from": "2026-03-09"}}
		if len(history) != 2 || history[0].(map[string]any)["from"] != want[0]["from"] ||
			history[1].(map[string]any)["category"] != want[1]["category"] || history[1].(map[string]any)["from"] != want[1]["from"] {
			t.Fatalf("category_history %v, want %v", history, want)
		}
		// The same category again is no change; exempt null ends the exemption.
		got = expect(t, e.patch(j.base, j.cw.Token, map[string]any{"category": 3, "exempt": nil}), 200).JSON(t)
		if len(got["category_history"].([]any)) != 2 || got["exempt"] != nil {
			t.Fatalf("after clearing: %s", got)
		}
		// A missing exempt leaves it alone.
		expect(t, e.patch(j.base, j.cw.Token, map[string]any{"exempt": map[string]any{"reason": "pregnancy"}}), 200)
		if got := expect(t, e.patch(j.base, j.cw.Token, map[string]any{"category": 1}), 200).JSON(t); got["exempt"] == nil {
			t.Fatalf("exempt lost: %s", got)
		}
	})
}

func TestPatchCitizenRefusals(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		wantFields(t, e.patch(j.base, j.cw.Token, map[string]any{"category": 4}), "category")
		wantFields(t, e.patch(j.base, j.cw.Token, map[string]any{"employment": "boss"}), "employment")
		wantFields(t, e.patch(j.base, j.cw.Token, map[string]any{"first_sick_day": "16-02-2026"}), "first_sick_day")
		wantFields(t, e.patch(j.base, j.cw.Token, map[string]any{"expected_weeks": 0}), "expected_weeks")
		wantFields(t, e.patch(j.base, j.cw.Token, map[string]any{"exempt": map[string]any{"reason": "flu"}}), "exempt.reason")
		wantFields(t, e.patch(j.base, j.cw.Token, map[string]any{"exempt": map[string]any{"reason": "other", "until": "soon"}}), "exempt.until")
		wantFields(t, e.patch(j.base, j.cw.Token, map[string]any{"exempt": "yes"}), "exempt")
		expect(t, e.patch(j.base, j.cw.Token, "{"), 400)
		other := e.caseworker("other@example.dk")
		if code := expect(t, e.patch(j.base, other.Token, map[string]any{"category": 1}), 404).ErrorCode(t); code != "not_found" {
			t.Fatalf("code %s", code)
		}
		expect(t, e.patch(j.base, j.cz.Token, map[string]any{"category": 1}), 404)
		// Registration takes employment too.
		in := citizenInput("self@example.dk")
		in["employment"] = "self_employed"
		if got := expect(t, e.post("/api/v1/citizens", j.cw.Token, in), 201).JSON(t); got["employment"] != "self_employed" {
			t.Fatalf("employment %v", got["employment"])
		}
		in = citizenInput("bad@example.dk")
		in["employment"] = "retired"
		wantFields(t, e.post("/api/v1/citizens", j.cw.Token, in), "employment")
	})
}

func TestCloseReopenAndDeleteACase(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		before := e.meeting(j, "status", "2026-03-02T08:00:00+01:00")
		after := e.meeting(j, "roundtable", "2026-03-05T10:00:00+01:00")
		var pending int64
		e.store.DB.Table("push_jobs").Where("citizen_id = ? AND status = 'pending'", j.cz.ID).Count(&pending)
		if pending == 0 {
			t.Fatal("the booked roundtable has no reminders to cancel; the test proves nothing")
		}
		wantFields(t, e.post(j.base+"/close", j.cw.Token, map[string]any{"date": "2026-03-03", "reason": "returned_to_work"}), "date")
		wantFields(t, e.post(j.base+"/close", j.cw.Token, map[string]any{"date": "2026-02-01", "reason": "returned_to_work"}), "date")
		wantFields(t, e.post(j.base+"/close", j.cw.Token, map[string]any{"date": "2026-03-02", "reason": "bored"}), "reason")
		wantFields(t, e.post(j.base+"/close", j.cw.Token, map[string]any{}), "date", "reason")

		got := expect(t, e.post(j.base+"/close", j.cw.Token, map[string]any{"date": "2026-03-02", "reason": "returned_to_work"}), 200).JSON(t)
		if got["status"] != "closed" || got["closed_on"] != "2026-03-02" || got["close_reason"] != "returned_to_work" {
			t.Fatalf("closed: %s", got)
		}
		statusOf := func(id string) string {
			var st string
			e.store.DB.Table("meetings").Select("status").Where("id = ?", id).Scan(&st)
			return st
		}
		if statusOf(before) != "scheduled" || statusOf(after) != "cancelled" {
			t.Fatalf("meetings: before %s, after %s", statusOf(before), statusOf(after))
		}
		e.store.DB.Table("push_jobs").Where("citizen_id = ? AND status = 'pending'", j.cz.ID).Count(&pending)
		if pending != 0 {
			t.Fatalf("%d push messages still pending after the close", pending)
		}
		if code := expect(t, e.post(j.base+"/close", j.cw.Token, map[string]any{"date": "2026-03-02", "reason": "other"}), 409).ErrorCode(t); code != "case_closed" {
			t.Fatalf("closing twice: %s", code)
		}

		// The closed list, and the open one without it.
		if ids := caseloadIDsOf(t, e, j.cw, ""); contains(ids, j.cz.ID) {
			t.Fatal("a closed case on the open list")
		}
		if ids := caseloadIDsOf(t, e, j.cw, "?status=closed"); !contains(ids, j.cz.ID) {
			t.Fatal("the closed case is not on the closed list")
		}
		wantFields(t, e.get("/api/v1/citizens?status=gone", j.cw.Token), "status")

		// The citizen still signs in, reads and exports.
		cz := e.login("bo@example.dk", testPassword)
		expect(t, e.get("/api/v1/me/home", cz.Token), 200)
		expect(t, e.get("/api/v1/me/timeline", cz.Token), 200)
		expect(t, e.get("/api/v1/me/export", cz.Token), 200)

		if code := expect(t, e.delete(j.base, j.cw.Token), 204); code.Status != 204 {
			t.Fatal()
		}
		expect(t, e.get(j.base, j.cw.Token), 404)
		expect(t, e.delete(j.base, j.cw.Token), 404)
		unknown := e.post("/api/v1/auth/login", "", map[string]string{"email": "nobody@example.dk", "password": testPassword})
		deleted := e.post("/api/v1/auth/login", "", map[string]string{"email": "bo@example.dk", "password": testPassword})
		if deleted.Status != unknown.Status || deleted.ErrorCode(t) != unknown.ErrorCode(t) {
			t.Fatalf("a deleted citizen's sign-in: %d %s; an unknown e-mail: %d %s", deleted.Status, deleted.Body, unknown.Status, unknown.Body)
		}
		expect(t, e.get("/api/v1/me/home", cz.Token), 401)
	})
}

func TestReopenAndDeleteRefusals(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		later := e.meeting(j, "follow_up", "2026-03-05T10:00:00+01:00")
		if code := expect(t, e.post(j.base+"/reopen", j.cw.Token, nil), 409).ErrorCode(t); code != "case_open" {
			t.Fatalf("reopen an open case: %s", code)
		}
		if code := expect(t, e.delete(j.base, j.cw.Token), 409).ErrorCode(t); code != "case_open" {
			t.Fatalf("delete an open case: %s", code)
		}
		expect(t, e.post(j.base+"/close", j.cw.Token, map[string]any{"date": "2026-03-01", "reason": "moved_municipality"}), 200)
		other := e.caseworker("other@example.dk")
		expect(t, e.post(j.base+"/reopen", other.Token, nil), 404)
		expect(t, e.delete(j.base, other.Token), 404)
		got := expect(t, e.post(j.base+"/reopen", j.cw.Token, nil), 200).JSON(t)
		if got["status"] != "open" || got["closed_on"] != nil || got["close_reason"] != nil {
			t.Fatalf("reopened: %s", got)
		}
		var st string
		e.store.DB.Table("meetings").Select("status").Where("id = ?", later).Scan(&st)
		if st != "cancelled" {
			t.Fatalf("a meeting cancelled at the close is %s after the reopen", st)
		}
		expect(t, e.patch(j.base, j.cw.Token, map[string]any{"category": 1}), 200)
	})
}

func caseloadIDsOf(t *testing.T, e *env, cw session, query string) []string {
	t.Helper()
	var ids []string
	for _, it := range items(t, expect(t, e.get("/api/v1/citizens"+query, cw.Token), 200)) {
		ids = append(ids, it.(map[string]any)["id"].(string))
	}
	return ids
}

func TestAnExemptCitizenIsAskedForNoCheckin(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		kinds := func() []string {
			var out []string
			for _, a := range expect(t, e.get("/api/v1/me/home", j.cz.Token), 200).JSON(t)["actions"].([]any) {
				out = append(out, a.(map[string]any)["kind"].(string))
			}
			return out
		}
		if !contains(kinds(), "checkin") {
			t.Fatalf("before the exemption: %v", kinds())
		}
		expect(t, e.patch(j.base, j.cw.Token, map[string]any{"exempt": map[string]any{"reason": "illness"}}), 200)
		if contains(kinds(), "checkin") {
			t.Fatalf("an exempt citizen is asked to check in: %v", kinds())
		}
		// The timeline goes on.
		if tl := timelineItems(t, e.get("/api/v1/me/timeline", j.cz.Token)); len(tl) == 0 {
			t.Fatal("no timeline while exempt")
		}
	})
}
