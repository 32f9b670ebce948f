package oidcrp

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestSafeReturnTo(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		"":                              "/",
		"/":                             "/",
		"/plan":                         "/plan",
		"/moeder/1?x=2#top":             "/moeder/1?x=2#top",
		"/a%20b":                        "/",
		"//evil.example":                "/",
		"///evil.example":               "/",
		"/\\evil.example":               "/",
		"\\\\evil.example":              "/",
		"https://evil.example":          "/",
		"HTTPS://evil.example":          "/",
		"http:/evil.example":            "/",
		"javascript:alert(1)":           "/",
		"evil.example/plan":             "/",
		"/%2F%2Fevil.example":           "/",
		"/%2f/evil.example":             "/",
		"%2F%2Fevil.example":            "/",
		"/%5Cevil.example":              "/",
		"/%255C%255Cevil":               "/",
		"/\t/evil.example":              "/",
		"/\n/evil.example":              "/",
		"/%09/evil.example":             "/",
		"/%E2%80%A8/evil":               "/",
		"/api/v1/auth/logout":           "/",
		"/API/v1/citizens":              "/",
		"/%ZZ":                          "/",
		"/" + strings.Repeat("a", 3000): "/",
	} {
		if got := SafeReturnTo(raw); got != want {
			t.Errorf("SafeReturnTo(%q) = %q, want %q", raw, got, want)
		}
	}
}

func TestSealerRefusesAlteredForeignAndExpiredFlows(t *testing.T) {
	t.Parallel()
	key := []byte(strings.Repeat("k", 32))
	s, err := NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	f := NewFlow(Citizen, "/plan", "ABCD-EFGH-JKLM", now)
	sealed, err := s.Seal(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Open(sealed, now.Add(FlowLifetime-time.Second))
	if err != nil || got != f {
		t.Fatalf("Open = %+v, %v; want %+v", got, err, f)
	}
	if _, err := s.Open(sealed, now.Add(FlowLifetime)); err != ErrBadFlow {
		t.Errorf("expired flow: %v", err)
	}
	altered := []byte(sealed)
	altered[len(altered)/2] ^= 1
	if _, err := s.Open(string(altered), now); err != ErrBadFlow {
		t.Errorf("altered flow: %v", err)
	}
	other, _ := NewSealer([]byte(strings.Repeat("o", 32)))
	if _, err := other.Open(sealed, now); err != ErrBadFlow {
		t.Errorf("flow sealed under another key: %v", err)
	}
	for _, bad := range []string{"", "x", "!!!"} {
		if _, err := s.Open(bad, now); err != ErrBadFlow {
			t.Errorf("Open(%q): %v", bad, err)
		}
	}
	if g := NewFlow(Citizen, "/", "", now); g.State == f.State || g.Nonce == f.Nonce || g.Verifier == f.Verifier {
		t.Error("two flows share a random value")
	}
}

func TestCheckIssuer(t *testing.T) {
	t.Parallel()
	for issuer, ok := range map[string]bool{
		"https://broker.example.dk":                     true,
		"https://login.microsoftonline.com/tenant/v2.0": true,
		"http://127.0.0.1:9000":                         true,
		"http://[::1]:9000":                             true,
		"http://localhost:9000/realms/x":                true,
		"http://broker.example.dk":                      false,
		"http://10.0.0.1":                               false,
		"ftp://broker.example.dk":                       false,
		"broker.example.dk":                             false,
		"":                                              false,
		"https://broker.example.dk/?x=1":                false,
	} {
		if err := CheckIssuer(issuer); (err == nil) != ok {
			t.Errorf("CheckIssuer(%q) = %v, want ok=%v", issuer, err, ok)
		}
	}
}

// TestDiscoveryBacksOffWhileTheProviderIsDown: while the provider does not
// answer, sign-ins fail at once with the last reason (instead of each
// waiting out the timeout in turn); it is asked again after a wait that
// doubles, and once it answers, the client works.
func TestDiscoveryBacksOffWhileTheProviderIsDown(t *testing.T) {
	t.Parallel()
	var asked atomic.Int32
	var up atomic.Bool
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		if !up.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"issuer":%q,"authorization_endpoint":%q,"token_endpoint":%q,"jwks_uri":%q,"id_token_signing_alg_values_supported":["RS256"]}`,
			srv.URL, srv.URL+"/authorize", srv.URL+"/token", srv.URL+"/keys")
	}))
	defer srv.Close()
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	c, err := NewClient(Settings{Audience: Citizen, Issuer: srv.URL, ClientID: "trappen"}, "http://127.0.0.1:8080", srv.Client(), func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	try := func(wantOK bool, wantAsked int32, when string) {
		t.Helper()
		_, err := c.AuthCodeURL(ctx, "state", "nonce", "verifier-verifier-verifier-verifier-verifier")
		if (err == nil) != wantOK || asked.Load() != wantAsked {
			t.Fatalf("%s: err=%v, provider asked %d times; want ok=%v and %d", when, err, asked.Load(), wantOK, wantAsked)
		}
	}
	try(false, 1, "first sign-in, provider down")
	try(false, 1, "at once again: the last reason, without asking")
	now = now.Add(2 * time.Second)
	try(false, 2, "after 2 s: asked again")
	now = now.Add(3 * time.Second)
	try(false, 2, "3 s later: the wait has doubled to 4 s")
	now = now.Add(time.Second)
	up.Store(true)
	try(true, 3, "after 4 s, the provider up")
	try(true, 3, "discovered once: not asked again")
	if got := discoveryBackoff(100); got != time.Minute {
		t.Errorf("backoff after 100 failures = %v, want the one-minute ceiling", got)
	}
}
