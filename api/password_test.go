package api

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

const newTestPassword = "a brand new password"

// changePassword sends PUT /me/password as s, with its refresh cookie if given.
func (e *env) changePassword(s session, current, next string, cookie *http.Cookie) resp {
	e.t.Helper()
	r := req{method: "PUT", path: "/api/v1/me/password", token: s.Token,
		body: map[string]string{"current_password": current, "new_password": next}}
	if cookie != nil {
		r.cookies = []*http.Cookie{cookie}
	}
	return e.do(r)
}

func (e *env) refreshWith(c *http.Cookie) resp {
	e.t.Helper()
	return e.do(req{method: "POST", path: "/api/v1/auth/refresh", cookies: []*http.Cookie{c}})
}

// newRefreshCookie is the refresh cookie r sets, or nil.
func newRefreshCookie(r resp) *http.Cookie {
	for _, c := range r.Cookies {
		if c.Name == refreshCookie && c.Value != "" {
			return c
		}
	}
	return nil
}

func TestEverySignedInUserCanChangeTheirPassword(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		// Time moves between requests, so every token in hand was issued
		// in an earlier second than the change.
		e.clock.Tick(time.Second)
		sara := e.caseworker("sara@example.dk")
		bo := e.citizen(sara, "bo@example.dk")
		for _, u := range []struct {
			who      string
			email    string
			s, other session
		}{{"a caseworker", "sara@example.dk", sara, e.login("sara@example.dk", testPassword)},
			{"a citizen", "bo@example.dk", bo, e.login("bo@example.dk", testPassword)}} {
			t.Run(u.who, func(t *testing.T) {
				r := expect(t, e.changePassword(u.s, testPassword, newTestPassword, u.s.Refresh), 204)
				if len(r.Body) != 0 {
					t.Fatalf("204 with a body: %s", r.Body)
				}
				expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": u.email, "password": testPassword}), 401)
				e.login(u.email, newTestPassword)
				// An access token belongs to its session, not to a second on the
				// clock: the caller's session goes on, so the token in hand keeps
				// working although it was issued seconds before the change; the
				// other device's session ended, and its token with it.
				expect(t, e.get("/api/v1/me", u.s.Token), 200)
				expect(t, e.get("/api/v1/me", u.other.Token), 401)
				next := sessionFrom(t, expect(t, e.refreshWith(u.s.Refresh), 200))
				expect(t, e.get("/api/v1/me", next.Token), 200)
			})
		}
	})
}

func TestAPasswordChangeIsRefusedWithTheFieldNamed(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		sara := e.caseworker("sara@example.dk")
		cases := []struct {
			name          string
			body          any
			field, expect string
		}{
			{"when the current password is wrong", map[string]any{"current_password": "not my password", "new_password": newTestPassword}, "current_password", "nuværende"},
			{"when the current password is missing", map[string]any{"new_password": newTestPassword}, "current_password", "udfyldes"},
			{"when the new password is missing", map[string]any{"current_password": testPassword}, "new_password", "udfyldes"},
			{"when the new password is too short", map[string]any{"current_password": testPassword, "new_password": "kort"}, "new_password", "mindst 10"},
			{"when the new password is the current one", map[string]any{"current_password": testPassword, "new_password": testPassword}, "new_password", "anderledes"},
			{"when the current password is not a string", map[string]any{"current_password": 7, "new_password": newTestPassword}, "current_password", ""},
			{"when the new password is not a string", map[string]any{"current_password": testPassword, "new_password": true}, "new_password", ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := expect(t, e.put("/api/v1/me/password", sara.Token, c.body), 422)
				msg := r.Fields(t)[c.field]
				if r.ErrorCode(t) != "validation_failed" || msg == "" {
					t.Fatalf("want a field error on %s: %s", c.field, r.Body)
				}
				if c.expect != "" && !strings.Contains(msg, c.expect) {
					t.Fatalf("message %q does not say %q", msg, c.expect)
				}
			})
		}
		// Nothing changed, and four wrong guesses are still under the limit.
		e.login("sara@example.dk", testPassword)
	})
}

func TestAPasswordChangeNeedsASignedInUser(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		body := map[string]string{"current_password": testPassword, "new_password": newTestPassword}
		expect(t, e.put("/api/v1/me/password", "", body), 401)
		expect(t, e.put("/api/v1/me/password", "not-a-token", body), 401)
	})
}

func TestAPasswordChangeSignsOutOtherDevicesButNotTheCaller(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		phone := e.caseworker("sara@example.dk")
		laptop := e.login("sara@example.dk", testPassword)
		tablet := e.login("sara@example.dk", testPassword)
		// The phone's token has been rotated once: the newest link counts.
		phoneCookie := newRefreshCookie(expect(t, e.refreshWith(phone.Refresh), 200))

		r := expect(t, e.changePassword(phone, testPassword, newTestPassword, phoneCookie), 204)
		if c := newRefreshCookie(r); c != nil {
			t.Fatalf("the caller's session was kept, yet a new cookie was set: %v", c)
		}
		expect(t, e.refreshWith(laptop.Refresh), 401)
		expect(t, e.refreshWith(tablet.Refresh), 401)
		next := newRefreshCookie(expect(t, e.refreshWith(phoneCookie), 200))
		expect(t, e.refreshWith(next), 200)
	})
}

// A browser does not send the refresh cookie (it is scoped to /auth): the
// caller's session is the one its access token names, whatever cookie comes.
func TestAPasswordChangeKeepsTheSessionTheAccessTokenNames(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		sara := e.caseworker("sara@example.dk")
		bo := e.citizen(sara, "bo@example.dk")
		boRefresh := bo.Refresh
		for i, cookie := range []*http.Cookie{nil, {Name: refreshCookie, Value: sara.Refresh.Value}} {
			current, next := testPassword, newTestPassword
			if i%2 == 1 {
				current, next = next, current
			}
			other := e.login("bo@example.dk", current)
			// Someone else's cookie must not keep a session of Bo's alive either.
			r := expect(t, e.changePassword(bo, current, next, cookie), 204)
			if c := newRefreshCookie(r); c != nil {
				t.Fatalf("the caller's session was kept, yet a new cookie was set: %v", c)
			}
			expect(t, e.refreshWith(other.Refresh), 401)
			expect(t, e.get("/api/v1/me", other.Token), 401)
			expect(t, e.get("/api/v1/me", bo.Token), 200)
			boRefresh = newRefreshCookie(expect(t, e.refreshWith(boRefresh), 200))
		}
		// Sara's own session is untouched by Bo's changes.
		expect(t, e.refreshWith(sara.Refresh), 200)
	})
}

func TestWrongCurrentPasswordsCountAsFailedLogins(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		sara := e.caseworker("sara@example.dk")
		for i := 0; i < 3; i++ {
			expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": "SARA@example.dk", "password": "guess"}), 401)
		}
		expect(t, e.changePassword(sara, "guess four", newTestPassword, nil), 422)
		expect(t, e.changePassword(sara, "guess five", newTestPassword, nil), 422)
		r := expect(t, e.changePassword(sara, testPassword, newTestPassword, nil), 429)
		if r.ErrorCode(t) != "too_many_attempts" {
			t.Fatalf("code = %s", r.ErrorCode(t))
		}
		if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 1 || s > 15*60 {
			t.Fatalf("Retry-After = %q", r.Header.Get("Retry-After"))
		}
		// Signing in is held back too, and the password did not change.
		expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": "sara@example.dk", "password": testPassword}), 429)

		e.clock.Advance(16 * time.Minute)
		sara = e.login("sara@example.dk", testPassword) // the old token has expired meanwhile
		expect(t, e.changePassword(sara, "guess six", newTestPassword, nil), 422)
		expect(t, e.changePassword(sara, testPassword, newTestPassword, nil), 204)
		// A success clears the failures, as a login does.
		for i := 0; i < 4; i++ {
			expect(t, e.changePassword(sara, "another guess", "yet another password", nil), 422)
		}
		e.login("sara@example.dk", newTestPassword)
	})
}
