package api

import (
	"strings"
	"testing"
	"time"
)

func meetingBody(kind, startsAt string) map[string]any {
	return map[string]any{"kind": kind, "starts_at": startsAt, "location": "Kantinen, Kommunens Rengøring",
		"participants": []string{"Bo", "Leder Lise"}, "agenda": "Plan for tilbagevenden"}
}

func (e *env) meeting(j journey, kind, startsAt string) string {
	e.t.Helper()
	return expect(e.t, e.post(j.base+"/meetings", j.cw.Token, meetingBody(kind, startsAt)), 201).JSON(e.t)["id"].(string)
}

func TestAMeetingIsBookedMovedAndCancelled(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		m := expect(t, e.post(j.base+"/meetings", j.cw.Token, meetingBody("roundtable", "2026-03-05T10:00:00+01:00")), 201).JSON(t)
		id := m["id"].(string)
		if m["starts_at"] != "2026-03-05T09:00:00Z" || m["duration_minutes"] != 60.0 || m["status"] != "scheduled" {
			t.Fatalf("meeting = %v", m)
		}
		expect(t, e.put("/api/v1/me/meetings/"+id+"/reply", j.cz.Token, map[string]any{"response": "attending"}), 200)

		moved := expect(t, e.patch(j.base+"/meetings/"+id, j.cw.Token, map[string]any{"starts_at": "2026-03-06T13:00:00+01:00"}), 200).JSON(t)
		if moved["starts_at"] != "2026-03-06T12:00:00Z" || moved["moved_at"] == nil || moved["reply"] != nil {
			t.Fatalf("a moved meeting asks the citizen again: %v", moved)
		}
		mine := expect(t, e.get("/api/v1/me/meetings", j.cz.Token), 200).JSON(t)
		if len(mine["upcoming"].([]any)) != 1 {
			t.Fatalf("upcoming = %v", mine["upcoming"])
		}

		del := expect(t, e.delete(j.base+"/meetings/"+id, j.cw.Token), 204)
		if len(del.Body) != 0 {
			t.Fatalf("204 with a body: %s", del.Body)
		}
		expect(t, e.delete(j.base+"/meetings/"+id, j.cw.Token), 204)
		mine = expect(t, e.get("/api/v1/me/meetings", j.cz.Token), 200).JSON(t)
		if len(mine["upcoming"].([]any)) != 0 || len(mine["cancelled"].([]any)) != 1 {
			t.Fatalf("a cancelled meeting leaves the upcoming list: %v", mine)
		}
		if code := expect(t, e.patch(j.base+"/meetings/"+id, j.cw.Token, map[string]any{"location": "Jobcentret"}), 409).ErrorCode(t); code != "meeting_cancelled" {
			t.Fatalf("code = %s", code)
		}
	})
}

func TestMeetingsMoveFromUpcomingToPast(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		e.meeting(j, "follow_up", "2026-03-02T10:00:00+01:00")
		e.meeting(j, "status", "2026-02-20T10:00:00+01:00")
		mine := expect(t, e.get("/api/v1/me/meetings", j.cz.Token), 200).JSON(t)
		if len(mine["upcoming"].([]any)) != 1 || len(mine["past"].([]any)) != 1 {
			t.Fatalf("meetings = %v", mine)
		}
		e.clock.Advance(3 * time.Hour)
		bo := e.login("bo@example.dk", testPassword) // the old access token has expired
		mine = expect(t, e.get("/api/v1/me/meetings", bo.Token), 200).JSON(t)
		if len(mine["upcoming"].([]any)) != 0 || len(mine["past"].([]any)) != 2 {
			t.Fatalf("after the meeting: %v", mine)
		}
	})
}

func TestMeetingValidation(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		with := func(k string, v any) map[string]any {
			b := meetingBody("roundtable", "2026-03-05T10:00:00+01:00")
			b[k] = v
			return b
		}
		cases := []struct {
			name  string
			body  any
			field string
		}{
			{"an unknown kind", with("kind", "party"), "kind"},
			{"no kind", with("kind", ""), "kind"},
			{"a time without an offset", with("starts_at", "2026-03-05T10:00:00"), "starts_at"},
			{"no time", with("starts_at", ""), "starts_at"},
			{"no place", with("location", ""), "location"},
			{"a duration of 0", with("duration_minutes", 0), "duration_minutes"},
			{"participants as text", with("participants", "Bo"), "participants"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { wantFields(t, e.post(j.base+"/meetings", j.cw.Token, c.body), c.field) })
		}
		id := e.meeting(j, "roundtable", "2026-03-05T10:00:00+01:00")
		t.Run("a reply must be one of the three", func(t *testing.T) {
			wantFields(t, e.put("/api/v1/me/meetings/"+id+"/reply", j.cz.Token, map[string]any{"response": "maybe"}), "response")
		})
		t.Run("a reason of more than 300 characters", func(t *testing.T) {
			body := map[string]any{"response": "cannot_come", "reason": strings.Repeat("ø", 301)}
			wantFields(t, e.put("/api/v1/me/meetings/"+id+"/reply", j.cz.Token, body), "reason")
		})
		t.Run("a reason of 300 characters", func(t *testing.T) {
			body := map[string]any{"response": "another_time", "reason": strings.Repeat("ø", 300)}
			expect(t, e.put("/api/v1/me/meetings/"+id+"/reply", j.cz.Token, body), 200)
		})
		t.Run("moving to an unknown kind", func(t *testing.T) {
			wantFields(t, e.patch(j.base+"/meetings/"+id, j.cw.Token, map[string]any{"kind": "party"}), "kind")
		})
	})
}

func TestAReflectionIsPrivateUntilShared(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		id := e.meeting(j, "roundtable", "2026-03-05T10:00:00+01:00")
		body := map[string]any{"came_from": "Behandling hos psykolog", "heading_to": "Mit gamle job", "proposal": "Start med 3 timer", "shared": false}
		r := expect(t, e.put("/api/v1/me/meetings/"+id+"/reflection", j.cz.Token, body), 200).JSON(t)
		if r["shared"] != false || r["proposal"] != "Start med 3 timer" {
			t.Fatalf("reflection = %v", r)
		}
		cwSees := func() any {
			d := expect(t, e.get(j.base, j.cw.Token), 200).JSON(t)
			up := d["meetings"].(map[string]any)["upcoming"].([]any)
			return up[0].(map[string]any)["reflection"]
		}
		if got := cwSees(); got != nil {
			t.Fatalf("the caseworker sees an unshared reflection: %v", got)
		}
		list := expect(t, e.get(j.base+"/meetings", j.cw.Token), 200)
		if strings.Contains(string(list.Body), "psykolog") {
			t.Fatalf("the caseworker's meeting list leaks an unshared reflection: %s", list.Body)
		}
		body["shared"] = true
		expect(t, e.put("/api/v1/me/meetings/"+id+"/reflection", j.cz.Token, body), 200)
		got, _ := cwSees().(map[string]any)
		if got == nil || got["came_from"] != "Behandling hos psykolog" || got["shared_at"] == nil {
			t.Fatalf("the caseworker does not see the shared reflection: %v", got)
		}
	})
}

func TestMeetingsAreIsolated(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		ole := e.caseworker("ole@example.dk")
		eva := e.citizenOf(j.cw, "eva@example.dk")
		id := e.meeting(j, "roundtable", "2026-03-05T10:00:00+01:00")
		reply := map[string]any{"response": "attending"}
		refl := map[string]any{"came_from": "a", "heading_to": "b", "proposal": "c", "shared": true}
		cases := []struct {
			name string
			r    resp
		}{
			{"another caseworker books", e.post(j.base+"/meetings", ole.Token, meetingBody("other", "2026-03-05T10:00:00+01:00"))},
			{"another caseworker moves", e.patch(j.base+"/meetings/"+id, ole.Token, map[string]any{"location": "x"})},
			{"another caseworker cancels", e.delete(j.base+"/meetings/"+id, ole.Token)},
			{"the meeting under another citizen's path", e.delete(eva.base+"/meetings/"+id, j.cw.Token)},
			{"another citizen replies", e.put("/api/v1/me/meetings/"+id+"/reply", eva.cz.Token, reply)},
			{"another citizen reflects", e.put("/api/v1/me/meetings/"+id+"/reflection", eva.cz.Token, refl)},
			{"a meeting that does not exist", e.put("/api/v1/me/meetings/00000000-0000-4000-8000-000000000000/reply", j.cz.Token, reply)},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { expect(t, c.r, 404) })
		}
		mine := expect(t, e.get("/api/v1/me/meetings", eva.cz.Token), 200).JSON(t)
		if len(mine["upcoming"].([]any)) != 0 {
			t.Fatalf("eva sees bo's meeting")
		}
	})
}
