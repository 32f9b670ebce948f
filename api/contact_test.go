package api

import (
	"testing"
	"time"
)

func TestTheCaseworkerReadsTheCheckInNotesNewestFirst(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		kim := e.caseworker("kim@example.dk")
		expect(t, e.post("/api/v1/me/checkins", j.cz.Token, map[string]any{"id": "6f1c1e0a-3b7e-4a39-9a3e-0c2d9b1f7a11",
			"recorded_at": "2026-03-02T08:30:00+01:00", "wellbeing": 4, "note": "Svært at sove"}), 201)
		e.clock.Advance(time.Minute)
		expect(t, e.post("/api/v1/me/checkins", j.cz.Token, map[string]any{"id": "7a2d2f1b-4c8f-4b4a-8b4f-1d3e0c2a8b22",
			"recorded_at": "2026-03-02T10:00:00+01:00", "wellbeing": 6, "note": "Bedre i dag"}), 201)

		got := items(t, expect(t, e.get(j.base+"/checkins", j.cw.Token), 200))
		if len(got) != 2 || got[0].(map[string]any)["note"] != "Bedre i dag" || got[1].(map[string]any)["note"] != "Svært at sove" {
			t.Fatalf("check-ins for the caseworker, newest first with notes: %v", got)
		}
		wantCode(t, e.get(j.base+"/checkins", kim.Token), 404, "not_found")
		if whats := e.accessLog(j.cz.Token, "").whats(); !contains(whats, "checkins") {
			t.Fatalf("the read is in the citizen's access log: %v", whats)
		}
	})
}

func TestTheCaseworkerSetsAContactCardTheCitizenSees(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		home := expect(t, e.get("/api/v1/me/home", j.cz.Token), 200).JSON(t)
		card := obj(t, "caseworker", home["caseworker"])
		if card["name"] != "Sara Sagsbehandler" || card["email"] != "sara@example.dk" || card["phone"] != "" || card["contact_hours"] != "" {
			t.Fatalf("before the caseworker sets a phone, the card has name and e-mail: %v", card)
		}

		me := expect(t, e.patch("/api/v1/me", j.cw.Token, map[string]any{"phone": " +45 33 66 33 66 ", "contact_hours": "Man–tor 9–12"}), 200).JSON(t)
		if me["phone"] != "+45 33 66 33 66" || me["contact_hours"] != "Man–tor 9–12" || me["locale"] != "da" {
			t.Fatalf("PATCH /me = %v", me)
		}
		expect(t, e.patch("/api/v1/me", j.cw.Token, map[string]any{"locale": "en"}), 200)
		me = expect(t, e.get("/api/v1/me", j.cw.Token), 200).JSON(t)
		if me["phone"] != "+45 33 66 33 66" || me["locale"] != "en" {
			t.Fatalf("a language change keeps the contact details: %v", me)
		}
		card = obj(t, "caseworker", expect(t, e.get("/api/v1/me/home", j.cz.Token), 200).JSON(t)["caseworker"])
		if card["phone"] != "+45 33 66 33 66" || card["contact_hours"] != "Man–tor 9–12" {
			t.Fatalf("the citizen's card = %v", card)
		}
		if own := expect(t, e.get("/api/v1/me/caseworker", j.cz.Token), 200).JSON(t); own["phone"] != "+45 33 66 33 66" || own["name"] != "Sara Sagsbehandler" {
			t.Fatalf("GET /me/caseworker = %v", own)
		}
		expect(t, e.patch("/api/v1/me", j.cw.Token, map[string]any{"phone": ""}), 200)
		card = obj(t, "caseworker", expect(t, e.get("/api/v1/me/home", j.cz.Token), 200).JSON(t)["caseworker"])
		if card["phone"] != "" || card["contact_hours"] != "Man–tor 9–12" {
			t.Fatalf("an empty phone clears only the phone: %v", card)
		}
		if m := expect(t, e.get("/api/v1/me", j.cz.Token), 200).JSON(t); m["phone"] != nil {
			t.Fatalf("a citizen has no contact card: %v", m)
		}
	})
}

func TestContactDetailsAreChecked(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		long := make([]byte, 201)
		for i := range long {
			long[i] = 'x'
		}
		cases := []struct {
			name   string
			token  string
			body   any
			fields []string
		}{
			{"letters are not a phone number", j.cw.Token, map[string]any{"phone": "ring til Sara"}, []string{"phone"}},
			{"too few digits", j.cw.Token, map[string]any{"phone": "12 34"}, []string{"phone"}},
			{"too many digits", j.cw.Token, map[string]any{"phone": "1234567890123456"}, []string{"phone"}},
			{"a phone of the wrong type", j.cw.Token, map[string]any{"phone": 33663366}, []string{"phone"}},
			{"contact hours of at most 200 characters", j.cw.Token, map[string]any{"contact_hours": string(long)}, []string{"contact_hours"}},
			{"nothing to change", j.cw.Token, map[string]any{}, []string{"locale"}},
			{"a citizen has no contact card", j.cz.Token, map[string]any{"phone": "33663366", "contact_hours": "altid"}, []string{"phone", "contact_hours"}},
			{"one bad field changes nothing", j.cw.Token, map[string]any{"phone": "33663366", "locale": "sv"}, []string{"locale"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { wantFields(t, e.patch("/api/v1/me", c.token, c.body), c.fields...) })
		}
		if m := expect(t, e.get("/api/v1/me", j.cw.Token), 200).JSON(t); m["phone"] != "" {
			t.Fatalf("a refused change stored nothing: %v", m)
		}
	})
}

func TestPlacementsAtAMeetingForEveryPartyAndTheGapComputedOnce(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		other := e.citizenOf(j.cw, "eva@example.dk")
		m := e.meeting(j, "roundtable", "2026-03-02T10:00:00+01:00")
		expect(t, e.post("/api/v1/me/checkins", j.cz.Token, map[string]any{"id": checkinID, "recorded_at": "2026-02-27T09:00:00+01:00", "staircase_step": 1}), 201)
		e.clock.Advance(time.Minute)
		pl := expect(t, e.post(j.base+"/placements", j.cw.Token, map[string]any{"party": "citizen", "step": 2, "date": "2026-03-02", "meeting_id": m}), 201).JSON(t)
		if pl["party"] != "citizen" || pl["meeting_id"] != m {
			t.Fatalf("the citizen's own placement at the meeting = %v", pl)
		}
		expect(t, e.post(j.base+"/placements", j.cw.Token, map[string]any{"party": "employer", "step": 5, "date": "2026-03-02", "meeting_id": m}), 201)

		wantGap := func(what string, g map[string]any, ce, cj any, wide bool) {
			t.Helper()
			if g["citizen_employer"] != ce || g["citizen_jobcenter"] != cj || g["wide"] != wide {
				t.Fatalf("%s gap = %v", what, g)
			}
		}
		overview := expect(t, e.get(j.base+"/placements", j.cw.Token), 200).JSON(t)
		if len(list(t, "items", overview["items"])) != 2 {
			t.Fatalf("placements = %v", overview)
		}
		g := obj(t, "gap", overview["gap"])
		if obj(t, "citizen", g["citizen"])["step"] != 2.0 {
			t.Fatalf("the placement at the meeting is newer than the check-in: %v", g)
		}
		wantGap("placements", g, 3.0, nil, true)
		expect(t, e.post(j.base+"/placements", j.cw.Token, map[string]any{"party": "jobcenter", "step": 3, "date": "2026-03-02"}), 201)
		prog := expect(t, e.get(j.base+"/progression", j.cw.Token), 200).JSON(t)
		wantGap("progression", obj(t, "staircase_gap", prog["staircase_gap"]), 3.0, 1.0, true)
		mine := expect(t, e.get("/api/v1/me/progression", j.cz.Token), 200).JSON(t)
		wantGap("the citizen's progression", obj(t, "staircase_gap", mine["staircase_gap"]), 3.0, 1.0, true)
		detail := expect(t, e.get(j.base, j.cw.Token), 200).JSON(t)
		wantGap("citizen page", obj(t, "staircase_gap", detail["staircase_gap"]), 3.0, 1.0, true)

		othersMeeting := e.meeting(other, "roundtable", "2026-03-04T10:00:00+01:00")
		wantFields(t, e.post(j.base+"/placements", j.cw.Token, map[string]any{"party": "citizen", "step": 2, "date": "2026-03-02", "meeting_id": othersMeeting}), "meeting_id")
		wantFields(t, e.post(j.base+"/placements", j.cw.Token, map[string]any{"party": "doctor", "step": 2, "date": "2026-03-02"}), "party")
	})
}
