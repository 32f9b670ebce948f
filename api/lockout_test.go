package api

import (
	"fmt"
	"testing"
	"time"

	"trappen/models"
)

// behindProxy trusts the loopback proxy's X-Forwarded-For, so a test can
// speak from any client address.
func behindProxy(d *Deps) {
	d.ProxyHeader = "X-Forwarded-For"
	d.TrustedProxies = []string{"127.0.0.1"}
}

func (e *env) loginFrom(addr, email, password string) resp {
	e.t.Helper()
	return e.do(req{method: "POST", path: "/api/v1/auth/login", header: map[string]string{"X-Forwarded-For": addr},
		body: map[string]string{"email": email, "password": password}})
}

// Someone who knows a citizen's e-mail cannot keep them out, say near a
// fast-track deadline, by guessing from their own address.
func TestAnAttackerElsewhereCannotLockTheOwnerOut(t *testing.T) {
	t.Parallel()
	eachEnvWith(t, behindProxy, func(t *testing.T, e *env) {
		e.caseworker("sara@example.dk")
		for i := 0; i < 3*models.MaxFailuresPerEmailAndClient; i++ {
			r := e.loginFrom("203.0.113.66", "sara@example.dk", "guess number "+fmt.Sprint(i))
			if i >= models.MaxFailuresPerEmailAndClient && r.Status != 429 {
				t.Fatalf("guess %d from the attacker's address: %d, want 429", i+1, r.Status)
			}
			e.clock.Advance(time.Second)
		}
		expect(t, e.loginFrom("198.51.100.7", "sara@example.dk", testPassword), 200)
		// The attacker stays held back, even with the right password.
		expect(t, e.loginFrom("203.0.113.66", "sara@example.dk", testPassword), 429)
	})
}

// Many addresses together still meet a limit per e-mail.
func TestADistributedGuessIsStoppedEventually(t *testing.T) {
	t.Parallel()
	eachEnvWith(t, behindProxy, func(t *testing.T, e *env) {
		e.caseworker("sara@example.dk")
		for i := 0; i < models.MaxFailuresPerEmail; i++ {
			addr := fmt.Sprintf("203.0.113.%d", i/(models.MaxFailuresPerEmailAndClient-1))
			expect(t, e.loginFrom(addr, "sara@example.dk", "guess number "+fmt.Sprint(i)), 401)
		}
		r := expect(t, e.loginFrom("192.0.2.1", "sara@example.dk", "one more guess"), 429)
		if r.ErrorCode(t) != "too_many_attempts" || r.Header.Get("Retry-After") == "" {
			t.Fatalf("want too_many_attempts with Retry-After: %s", r.Body)
		}
		e.clock.Advance(models.LoginWindow + time.Second)
		expect(t, e.loginFrom("198.51.100.7", "sara@example.dk", testPassword), 200)
	})
}
