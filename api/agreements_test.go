package api

import (
	"testing"
	"time"
)

// agreement records an item through the API and returns it.
func (e *env) agreement(j journey, body map[string]any) map[string]any {
	e.t.Helper()
	r := expect(e.t, e.post(j.base+"/agreements", j.cw.Token, body), 201).JSON(e.t)
	e.clock.Advance(time.Minute) // items are listed in the order they were made
	return r
}

func ownersOf(list []any) []string {
	out := []string{}
	for _, it := range list {
		out = append(out, it.(map[string]any)["owner"].(string))
	}
	return out
}

func TestTheRoundtableAgreesWhoDoesWhatAndEveryoneSeesIt(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		m := e.meeting(j, "roundtable", "2026-03-03T10:00:00+01:00")
		mine := e.agreement(j, map[string]any{"text": "  Tale med min læge om skånehensyn  ", "owner": "citizen", "due_date": "2026-03-10", "meeting_id": m})
		if mine["text"] != "Tale med min læge om skånehensyn" || mine["status"] != "open" || mine["due_date"] != "2026-03-10" ||
			mine["meeting_id"] != m || mine["overdue"] != false {
			t.Fatalf("created = %v", mine)
		}
		hasKeys(t, "agreement", mine, "id", "text", "owner", "due_date", "status", "meeting_id")
		boss := e.agreement(j, map[string]any{"text": "Finde et stille skrivebord", "owner": "employer"})
		if boss["due_date"] != nil || boss["meeting_id"] != nil {
			t.Fatalf("an item without due date or meeting = %v", boss)
		}
		e.agreement(j, map[string]any{"text": "Bevilge mentor", "owner": "jobcenter", "due_date": "2026-03-20"})

		cw := items(t, expect(t, e.get(j.base+"/agreements", j.cw.Token), 200))
		me := items(t, expect(t, e.get("/api/v1/me/agreements", j.cz.Token), 200))
		want := []string{"citizen", "employer", "jobcenter"}
		if got := ownersOf(cw); !equalStrings(got, want) {
			t.Fatalf("caseworker's list = %v", got)
		}
		if got := ownersOf(me); !equalStrings(got, want) {
			t.Fatalf("the citizen sees every party's items, so they know who does what: %v", got)
		}
		home := expect(t, e.get("/api/v1/me/home", j.cz.Token), 200).JSON(t)
		if own := list(t, "my_agreements", home["my_agreements"]); len(own) != 1 || obj(t, "item", own[0])["id"] != mine["id"] {
			t.Fatalf("I dag shows the citizen's own open items only: %v", own)
		}

		done := expect(t, e.patch("/api/v1/me/agreements/"+mine["id"].(string), j.cz.Token, map[string]any{"status": "done"}), 200).JSON(t)
		if done["status"] != "done" || done["done_at"] == nil {
			t.Fatalf("ticked off = %v", done)
		}
		wantCode(t, e.patch("/api/v1/me/agreements/"+boss["id"].(string), j.cz.Token, map[string]any{"status": "done"}), 403, "not_yours")
		home = expect(t, e.get("/api/v1/me/home", j.cz.Token), 200).JSON(t)
		if own := list(t, "my_agreements", home["my_agreements"]); len(own) != 0 {
			t.Fatalf("a done item leaves I dag: %v", own)
		}

		edited := expect(t, e.patch(j.base+"/agreements/"+boss["id"].(string), j.cw.Token,
			map[string]any{"text": "Finde et stille skrivebord til Bo", "owner": "other", "due_date": "2026-03-12", "meeting_id": m}), 200).JSON(t)
		if edited["owner"] != "other" || edited["due_date"] != "2026-03-12" || edited["meeting_id"] != m || edited["text"] != "Finde et stille skrivebord til Bo" {
			t.Fatalf("edited = %v", edited)
		}
		cleared := expect(t, e.patch(j.base+"/agreements/"+boss["id"].(string), j.cw.Token, map[string]any{"due_date": nil, "meeting_id": nil}), 200).JSON(t)
		if cleared["due_date"] != nil || cleared["meeting_id"] != nil || cleared["owner"] != "other" {
			t.Fatalf("null clears the due date and the meeting only: %v", cleared)
		}
		reopened := expect(t, e.patch(j.base+"/agreements/"+mine["id"].(string), j.cw.Token, map[string]any{"status": "open"}), 200).JSON(t)
		if reopened["status"] != "open" || reopened["done_at"] != nil {
			t.Fatalf("reopened = %v", reopened)
		}
		detail := expect(t, e.get(j.base, j.cw.Token), 200).JSON(t)
		if got := list(t, "agreements", detail["agreements"]); len(got) != 3 {
			t.Fatalf("the citizen page has the agreements: %v", got)
		}
	})
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestAgreementInputIsChecked(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		other := e.citizenOf(j.cw, "eva@example.dk")
		othersMeeting := e.meeting(other, "roundtable", "2026-03-04T10:00:00+01:00")
		item := e.agreement(j, map[string]any{"text": "Bevilge mentor", "owner": "jobcenter"})["id"].(string)
		mine := e.agreement(j, map[string]any{"text": "Gå en tur", "owner": "citizen"})["id"].(string)
		long := make([]byte, 501)
		for i := range long {
			long[i] = 'a'
		}
		cases := []struct {
			name   string
			body   any
			fields []string
		}{
			{"an item needs a text", map[string]any{"text": "   ", "owner": "citizen"}, []string{"text"}},
			{"a text of at most 500 characters", map[string]any{"text": string(long), "owner": "citizen"}, []string{"text"}},
			{"an item needs an owner", map[string]any{"text": "x"}, []string{"owner"}},
			{"the owner is one of four parties", map[string]any{"text": "x", "owner": "doctor"}, []string{"owner"}},
			{"an owner of the wrong type", map[string]any{"text": "x", "owner": 3}, []string{"owner"}},
			{"a due date written the Danish way", map[string]any{"text": "x", "owner": "citizen", "due_date": "10-03-2026"}, []string{"due_date"}},
			{"a due date that does not exist", map[string]any{"text": "x", "owner": "citizen", "due_date": "2026-02-30"}, []string{"due_date"}},
			{"another citizen's meeting", map[string]any{"text": "x", "owner": "citizen", "meeting_id": othersMeeting}, []string{"meeting_id"}},
			{"a meeting that does not exist", map[string]any{"text": "x", "owner": "citizen", "meeting_id": "6f1c1e0a-3b7e-4a39-9a3e-0c2d9b1f7a11"}, []string{"meeting_id"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { wantFields(t, e.post(j.base+"/agreements", j.cw.Token, c.body), c.fields...) })
		}
		t.Run("malformed JSON", func(t *testing.T) {
			wantCode(t, e.post(j.base+"/agreements", j.cw.Token, `{"text":`), 400, "invalid_json")
		})
		t.Run("an empty patch changes nothing and says so", func(t *testing.T) {
			wantCode(t, e.patch(j.base+"/agreements/"+item, j.cw.Token, map[string]any{}), 422, "nothing_to_change")
		})
		t.Run("a status is open or done", func(t *testing.T) {
			wantFields(t, e.patch(j.base+"/agreements/"+item, j.cw.Token, map[string]any{"status": "closed"}), "status")
		})
		t.Run("a patch cannot link another citizen's meeting", func(t *testing.T) {
			wantFields(t, e.patch(j.base+"/agreements/"+item, j.cw.Token, map[string]any{"meeting_id": othersMeeting}), "meeting_id")
		})
		t.Run("the citizen sends a status", func(t *testing.T) {
			wantFields(t, e.patch("/api/v1/me/agreements/"+mine, j.cz.Token, map[string]any{}), "status")
			wantFields(t, e.patch("/api/v1/me/agreements/"+mine, j.cz.Token, map[string]any{"status": true}), "status")
			wantFields(t, e.patch("/api/v1/me/agreements/"+mine, j.cz.Token, map[string]any{"status": "later"}), "status")
		})
	})
}

func TestAgreementsOfAnotherCaseAreNotFound(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		kim := e.caseworker("kim@example.dk")
		eva := e.citizenOf(kim, "eva@example.dk")
		item := e.agreement(j, map[string]any{"text": "Gå en tur hver dag", "owner": "citizen"})["id"].(string)
		evas := e.agreement(eva, map[string]any{"text": "Ringe til HR", "owner": "citizen"})["id"].(string)
		for _, r := range []resp{
			e.get(j.base+"/agreements", kim.Token),
			e.post(j.base+"/agreements", kim.Token, map[string]any{"text": "x", "owner": "citizen"}),
			e.patch(j.base+"/agreements/"+item, kim.Token, map[string]any{"status": "done"}),
			e.patch(eva.base+"/agreements/"+item, kim.Token, map[string]any{"status": "done"}),
			e.patch(j.base+"/agreements/"+evas, j.cw.Token, map[string]any{"status": "done"}),
			e.patch("/api/v1/me/agreements/"+evas, j.cz.Token, map[string]any{"status": "done"}),
			e.patch("/api/v1/me/agreements/6f1c1e0a-3b7e-4a39-9a3e-0c2d9b1f7a11", j.cz.Token, map[string]any{"status": "done"}),
			e.get(j.base+"/agreements", j.cz.Token),
		} {
			wantCode(t, r, 404, "not_found")
		}
		if got := items(t, expect(t, e.get("/api/v1/me/agreements", eva.cz.Token), 200)); len(got) != 1 || got[0].(map[string]any)["id"] != evas {
			t.Fatalf("Eva sees only her own case's items: %v", got)
		}
		wantCode(t, e.get("/api/v1/me/agreements", j.cw.Token), 403, "forbidden")
	})
}

func TestAnOpenAgreementPastItsDueDateIsACaseloadAction(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		e.post("/api/v1/me/checkins", j.cz.Token, map[string]any{"id": checkinID, "recorded_at": "2026-03-02T09:00:00+01:00", "wellbeing": 6})
		item := e.agreement(j, map[string]any{"text": "Bevilge mentor", "owner": "jobcenter", "due_date": "2026-03-05"})["id"].(string)
		e.agreement(j, map[string]any{"text": "Tale med HR", "owner": "employer"}) // no due date: never overdue
		overdue := func() bool {
			cl := e.caseload(e.login("sara@example.dk", testPassword).Token, "") // the clock jumps days
			for _, it := range cl.Items {
				for _, a := range it.OpenActions {
					if a == "agreement_overdue" {
						return true
					}
				}
			}
			return false
		}
		e.clock.Set(time.Date(2026, 3, 5, 22, 59, 0, 0, time.UTC)) // 23:59 on the due day in Copenhagen
		if overdue() {
			t.Fatal("an item is not overdue on its due day")
		}
		e.clock.Set(time.Date(2026, 3, 5, 23, 0, 0, 0, time.UTC)) // midnight: the 6th in Copenhagen
		if !overdue() {
			t.Fatal("an open item whose due date has passed is the open action agreement_overdue")
		}
		j.cw = e.login("sara@example.dk", testPassword)
		got := items(t, expect(t, e.get(j.base+"/agreements", j.cw.Token), 200))
		if got[0].(map[string]any)["overdue"] != true || got[1].(map[string]any)["overdue"] != false {
			t.Fatalf("overdue flags = %v", got)
		}
		expect(t, e.patch(j.base+"/agreements/"+item, j.cw.Token, map[string]any{"status": "done"}), 200)
		if overdue() {
			t.Fatal("a done item is never overdue")
		}
	})
}
