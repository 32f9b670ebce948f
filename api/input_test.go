package api

import (
	"strings"
	"testing"
)

func TestBadInputOfAnyShapeGets4xxInTheErrorFormat(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		huge := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
		cases := []struct {
			name   string
			body   any
			status int
		}{
			{"malformed JSON", `{"name": `, 400},
			{"not an object", `[1,2,3]`, 400},
			{"trailing garbage", `{"name":"a"} x`, 400},
			{"empty body", ``, 400},
			{"category as a string", map[string]any{"name": "Bo", "email": "bo@example.dk", "locale": "da", "first_sick_day": "2026-02-16", "category": "2"}, 422},
			{"category out of range", map[string]any{"name": "Bo", "email": "bo@example.dk", "locale": "da", "first_sick_day": "2026-02-16", "category": 4}, 422},
			{"unknown locale", map[string]any{"name": "Bo", "email": "bo@example.dk", "locale": "sv", "first_sick_day": "2026-02-16", "category": 2}, 422},
			{"impossible date", map[string]any{"name": "Bo", "email": "bo@example.dk", "locale": "da", "first_sick_day": "2026-02-30", "category": 2}, 422},
			{"a 2 MB body", huge, 413},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := e.post("/api/v1/citizens", cw.Token, c.body)
				expect(t, r, c.status)
				r.ErrorCode(t)
			})
		}
		t.Run("wrong content type", func(t *testing.T) {
			r := e.do(req{method: "POST", path: "/api/v1/auth/login", body: "email=a", header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}})
			expect(t, r, 415).ErrorCode(t)
		})
		t.Run("unknown API path", func(t *testing.T) { expect(t, e.get("/api/v1/nothing-here", cw.Token), 404).ErrorCode(t) })
		t.Run("field errors name the field", func(t *testing.T) {
			r := expect(t, e.post("/api/v1/citizens", cw.Token, map[string]any{"category": 2}), 422)
			f := r.Fields(t)
			for _, name := range []string{"name", "email", "first_sick_day"} {
				if f[name] == "" {
					t.Errorf("no field error for %s: %s", name, r.Body)
				}
			}
		})
	})
}

func TestTakenEmailIsAConflict(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		expect(t, e.post("/api/v1/citizens", cw.Token, citizenInput("bo@example.dk")), 201)
		r := expect(t, e.post("/api/v1/citizens", cw.Token, citizenInput("BO@example.dk")), 409)
		if r.ErrorCode(t) != "email_taken" {
			t.Fatalf("code = %s", r.ErrorCode(t))
		}
	})
}

func TestCaseworkersSeeOnlyTheirOwnCitizens(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		sara := e.caseworker("sara@example.dk")
		ole := e.caseworker("ole@example.dk")
		id := expect(t, e.post("/api/v1/citizens", sara.Token, citizenInput("bo@example.dk")), 201).JSON(t)["id"].(string)
		expect(t, e.get("/api/v1/citizens/"+id, sara.Token), 200)
		other := expect(t, e.get("/api/v1/citizens/"+id, ole.Token), 404)
		missing := expect(t, e.get("/api/v1/citizens/00000000-0000-0000-0000-000000000000", ole.Token), 404)
		if string(other.Body) != string(missing.Body) {
			t.Fatalf("someone else's citizen must look exactly like a missing one:\n%s\n%s", other.Body, missing.Body)
		}
		items := expect(t, e.get("/api/v1/citizens", ole.Token), 200).JSON(t)["items"].([]any)
		if len(items) != 0 {
			t.Fatalf("ole sees %d citizens", len(items))
		}
	})
}

func TestHealth(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		if r := expect(t, e.get("/healthz", ""), 200); string(r.Body) != `{"status":"ok"}` {
			t.Fatalf("healthz = %s", r.Body)
		}
		expect(t, e.get("/readyz", ""), 200)
		e.store.SQL.Close()
		expect(t, e.get("/readyz", ""), 503)
	})
}
