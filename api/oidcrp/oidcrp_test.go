package oidcrp

import (
	"strings"
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
