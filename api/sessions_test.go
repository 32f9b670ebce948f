package api

import (
	"net/http"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// sessionOf is the session an access token names.
func sessionOf(t *testing.T, token string) string {
	t.Helper()
	var c accessClaims
	if _, _, err := jwt.NewParser().ParseUnverified(token, &c); err != nil || c.Session == "" {
		t.Fatalf("token without a session: %v", err)
	}
	return c.Session
}

func (e *env) logout(c *http.Cookie) {
	e.t.Helper()
	expect(e.t, e.do(req{method: "POST", path: "/api/v1/auth/logout", cookies: []*http.Cookie{c}}), 204)
}

// An access token works exactly as long as the session it was issued in.
func TestAnAccessTokenEndsWithItsSession(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		sara := e.caseworker("sara@example.dk")
		t.Run("at logout", func(t *testing.T) {
			s := e.login("sara@example.dk", testPassword)
			e.clock.Advance(time.Minute)
			expect(t, e.get("/api/v1/me", s.Token), 200)
			e.logout(s.Refresh)
			expect(t, e.get("/api/v1/me", s.Token), 401)
			e.clock.Advance(time.Minute) // well inside the token's 15 minutes
			expect(t, e.get("/api/v1/me", s.Token), 401)
			expect(t, e.get("/api/v1/me", sara.Token), 200) // another device goes on
		})
		t.Run("when a spent refresh token is used again", func(t *testing.T) {
			s := e.login("sara@example.dk", testPassword)
			rotated := sessionFrom(t, expect(t, e.refreshWith(s.Refresh), 200))
			expect(t, e.get("/api/v1/me", rotated.Token), 200)
			expect(t, e.refreshWith(s.Refresh), 401) // stolen: the family is revoked
			expect(t, e.get("/api/v1/me", rotated.Token), 401)
			expect(t, e.get("/api/v1/me", s.Token), 401)
		})
		t.Run("when the password changes in the same second", func(t *testing.T) {
			e.clock.Set(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
			phone := e.login("sara@example.dk", testPassword)
			e.clock.Advance(300 * time.Millisecond)
			laptop := e.login("sara@example.dk", testPassword)
			e.clock.Advance(300 * time.Millisecond) // still 09:00:00
			expect(t, e.changePassword(phone, testPassword, newTestPassword, nil), 204)
			expect(t, e.get("/api/v1/me", laptop.Token), 401)
			expect(t, e.get("/api/v1/me", sara.Token), 401)
			expect(t, e.get("/api/v1/me", phone.Token), 200)
			e.clock.Advance(300 * time.Millisecond)
			after := e.login("sara@example.dk", newTestPassword)
			expect(t, e.get("/api/v1/me", after.Token), 200)
		})
	})
}
