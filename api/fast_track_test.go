package api

import (
	"fmt"
	"testing"
	"time"
)

func ftBody(by string, at time.Time, weeks int) map[string]any {
	return map[string]any{"requested_by": by, "requested_at": at.Format(time.RFC3339), "expected_weeks": weeks}
}

// testStart is Monday 2 March 2026 09:00 Copenhagen; the first sick day in
// citizenInput is 16 February, so day 35 is 23 March.
func TestRegisterFastTrack(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		cz := e.citizen(cw, "bo@example.dk")
		path := "/api/v1/citizens/" + cz.ID + "/fast-track"
		tests := []struct {
			name   string
			body   any
			status int
			code   string
			state  string
		}{
			{"an employer's request is pending", ftBody("employer", testStart, 12), 201, "", "pending"},
			{"the citizen's own request needs no consent", ftBody("citizen", testStart, 12), 201, "", "accepted"},
			{"a request whose deadline has passed is stored as lapsed", ftBody("employer", testStart.Add(-72*time.Hour), 12), 201, "", "lapsed"},
			{"8 expected weeks is too short", ftBody("employer", testStart, 8), 422, "fast_track_too_short", ""},
			{"day 36 is too late", ftBody("employer", time.Date(2026, 3, 24, 9, 0, 0, 0, time.UTC), 12), 422, "fast_track_too_late", ""},
			{"too late is checked before too short", ftBody("employer", time.Date(2026, 3, 24, 9, 0, 0, 0, time.UTC), 4), 422, "fast_track_too_late", ""},
			{"an unknown requester is refused", ftBody("union", testStart, 12), 422, "validation_failed", ""},
			{"a malformed time is refused", map[string]any{"requested_by": "employer", "requested_at": "monday", "expected_weeks": 12}, 422, "validation_failed", ""},
			{"a request from before the year 2000 is refused", map[string]any{"requested_by": "employer", "requested_at": "0001-01-01T00:00:00Z", "expected_weeks": 12}, 422, "validation_failed", ""},
			{"a request in the future is refused", ftBody("employer", testStart.Add(2*time.Hour), 12), 422, "fast_track_in_future", ""},
			{"a request before the first sick day is refused", ftBody("employer", time.Date(2026, 2, 15, 9, 0, 0, 0, time.UTC), 12), 422, "fast_track_before_first_sick_day", ""},
			{"weeks as text is refused", map[string]any{"requested_by": "employer", "requested_at": testStart.Format(time.RFC3339), "expected_weeks": "12"}, 422, "validation_failed", ""},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				// A fresh citizen each: one pending request at a time.
				fresh := e.citizen(cw, fmt.Sprintf("c%d@example.dk", i))
				r := expect(t, e.post("/api/v1/citizens/"+fresh.ID+"/fast-track", cw.Token, tt.body), tt.status)
				if tt.code != "" {
					if got := r.ErrorCode(t); got != tt.code {
						t.Fatalf("code %q, want %q", got, tt.code)
					}
					return
				}
				m := r.JSON(t)
				if m["status"] != tt.state || m["id"] == "" || m["consent_deadline"] == nil {
					t.Fatalf("got %v", m)
				}
			})
		}
		t.Run("the deadline is the end of the second day after receipt, Copenhagen time", func(t *testing.T) {
			r := expect(t, e.post(path, cw.Token, ftBody("employer", testStart, 12)), 201).JSON(t)
			if c := expect(t, e.post(path, cw.Token, ftBody("citizen", testStart, 12)), 409).ErrorCode(t); c != "fast_track_pending_exists" {
				t.Fatalf("a second request beside a pending one: %s", c)
			}
			if r["consent_deadline"] != "2026-03-04T22:59:59Z" {
				t.Fatalf("consent_deadline %v", r["consent_deadline"])
			}
		})
		t.Run("another caseworker's citizen is not found", func(t *testing.T) {
			other := e.caseworker("other@example.dk")
			expect(t, e.post(path, other.Token, ftBody("employer", testStart, 12)), 404)
		})
		t.Run("a citizen cannot register: the citizen resource is not theirs to see", func(t *testing.T) {
			expect(t, e.post(path, cz.Token, ftBody("employer", testStart, 12)), 404)
		})
	})
}

func TestFastTrackDecision(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		register := func(t *testing.T, cz session) string {
			r := expect(t, e.post("/api/v1/citizens/"+cz.ID+"/fast-track", cw.Token, ftBody("employer", e.clock.Now(), 12)), 201)
			return r.JSON(t)["id"].(string)
		}
		decide := func(cz session, id, d string) resp {
			return e.post("/api/v1/me/fast-track/"+id+"/decision", cz.Token, map[string]string{"decision": d})
		}

		t.Run("the citizen sees the pending request and accepts it once", func(t *testing.T) {
			cz := e.citizen(cw, "a@example.dk")
			id := register(t, cz)
			got := expect(t, e.get("/api/v1/me/fast-track", cz.Token), 200).JSON(t)["request"].(map[string]any)
			if got["id"] != id || got["status"] != "pending" || got["requested_by"] != "employer" {
				t.Fatalf("request %v", got)
			}
			if s := expect(t, decide(cz, id, "accept"), 200).JSON(t)["status"]; s != "accepted" {
				t.Fatalf("status %v", s)
			}
			if c := expect(t, decide(cz, id, "decline"), 409).ErrorCode(t); c != "fast_track_already_decided" {
				t.Fatalf("code %s", c)
			}
		})
		t.Run("an answer after the deadline is refused and the request shows as lapsed", func(t *testing.T) {
			cz := e.citizen(cw, "b@example.dk")
			id := register(t, cz)
			e.clock.Advance(3 * 24 * time.Hour)
			defer e.clock.Set(testStart)
			cz = e.login("b@example.dk", testPassword)
			if c := expect(t, decide(cz, id, "accept"), 409).ErrorCode(t); c != "fast_track_deadline_passed" {
				t.Fatalf("code %s", c)
			}
			got := expect(t, e.get("/api/v1/me/fast-track", cz.Token), 200).JSON(t)["request"].(map[string]any)
			if got["status"] != "lapsed" {
				t.Fatalf("status %v", got["status"])
			}
			if c := expect(t, decide(cz, id, "accept"), 409).ErrorCode(t); c != "fast_track_deadline_passed" {
				t.Fatalf("second try: code %s", c)
			}
		})
		t.Run("a lapse shows without anyone answering, and is recorded once", func(t *testing.T) {
			cz := e.citizen(cw, "c@example.dk")
			register(t, cz)
			e.clock.Advance(3 * 24 * time.Hour)
			defer e.clock.Set(testStart)
			cw := e.login("cw@example.dk", testPassword)
			for range 2 {
				sec := expect(t, e.get("/api/v1/citizens/"+cz.ID+"/fast-track", cw.Token), 200).JSON(t)
				cur := sec["current"].(map[string]any)
				evs := cur["events"].([]any)
				if cur["status"] != "lapsed" || len(evs) != 2 {
					t.Fatalf("current %v", cur)
				}
				last := evs[1].(map[string]any)
				if last["from"] != "pending" || last["to"] != "lapsed" || last["actor"] != "system" || last["at"] != "2026-03-04T23:00:00Z" {
					t.Fatalf("lapse event %v", last)
				}
			}
		})
		t.Run("the last second before midnight is in time", func(t *testing.T) {
			cz := e.citizen(cw, "d@example.dk")
			id := register(t, cz)
			e.clock.Set(time.Date(2026, 3, 4, 22, 59, 59, 0, time.UTC))
			defer e.clock.Set(testStart)
			cz = e.login("d@example.dk", testPassword)
			expect(t, decide(cz, id, "decline"), 200)
		})
		t.Run("an unknown decision is refused with the field named", func(t *testing.T) {
			cz := e.citizen(cw, "e@example.dk")
			id := register(t, cz)
			r := expect(t, decide(cz, id, "maybe"), 422)
			if _, ok := r.Fields(t)["decision"]; !ok {
				t.Fatalf("fields %v", r.Fields(t))
			}
		})
		t.Run("someone else's request is not found", func(t *testing.T) {
			a := e.citizen(cw, "f@example.dk")
			b := e.citizen(cw, "g@example.dk")
			id := register(t, a)
			expect(t, decide(b, id, "accept"), 404)
		})
		t.Run("an acceptance can be withdrawn and the record keeps both", func(t *testing.T) {
			cz := e.citizen(cw, "h@example.dk")
			id := register(t, cz)
			expect(t, decide(cz, id, "accept"), 200)
			e.clock.Advance(time.Minute)
			defer e.clock.Set(testStart)
			w := expect(t, e.post("/api/v1/me/fast-track/"+id+"/withdraw", cz.Token, nil), 200).JSON(t)
			evs := w["events"].([]any)
			if w["status"] != "withdrawn" || len(evs) != 3 {
				t.Fatalf("after withdraw %v", w)
			}
			for i, want := range []string{"pending", "accepted", "withdrawn"} {
				if evs[i].(map[string]any)["to"] != want {
					t.Fatalf("event %d: %v", i, evs[i])
				}
			}
			expect(t, e.post("/api/v1/me/fast-track/"+id+"/withdraw", cz.Token, nil), 409)
		})
		t.Run("no request reads as null", func(t *testing.T) {
			cz := e.citizen(cw, "i@example.dk")
			if got := expect(t, e.get("/api/v1/me/fast-track", cz.Token), 200).JSON(t); got["request"] != nil {
				t.Fatalf("got %v", got)
			}
		})
	})
}
