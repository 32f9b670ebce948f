package api

import (
	"net"
	"net/http"
	"strings"
	"testing"

	"trappen/models/store"
	"trappen/models/storetest"
)

// eachEnvWith is eachEnv with the app's dependencies adjusted by set.
func eachEnvWith(t *testing.T, set func(*Deps), fn func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		tokens, err := NewTokens(testKey)
		if err != nil {
			t.Fatal(err)
		}
		clk := &clock{t: testStart}
		d := Deps{Store: s, Tokens: tokens, Now: clk.Now, Log: discardLogger()}
		set(&d)
		app := New(d)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go app.Listener(ln)
		t.Cleanup(func() { app.Shutdown() })
		fn(t, &env{t: t, app: app, store: s, clock: clk, base: "http://" + ln.Addr().String()})
	})
}

var forged = map[string]string{"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}

// what a client sees of the scheme and host Trappen believes it is served at.
type seenAs struct {
	calendarURL string
	secure      bool // the refresh cookie's Secure flag
	hsts        bool
}

func (e *env) seenAs(header map[string]string) seenAs {
	e.t.Helper()
	cw := e.caseworker("sara@example.dk")
	bo := e.citizen(cw, "bo@example.dk")
	cal := expect(e.t, e.do(req{method: "POST", path: "/api/v1/me/calendar-token", token: bo.Token, header: header}), 201)
	login := expect(e.t, e.do(req{method: "POST", path: "/api/v1/auth/login", header: header,
		body: map[string]string{"email": "bo@example.dk", "password": testPassword}}), 200)
	c := newRefreshCookie(login)
	if c == nil {
		e.t.Fatal("no refresh cookie")
	}
	return seenAs{calendarURL: cal.JSON(e.t)["url"].(string), secure: c.Secure,
		hsts: login.Header.Get("Strict-Transport-Security") != ""}
}

func TestForwardedHeadersFromAnUntrustedClientAreIgnored(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		got := e.seenAs(forged)
		if !strings.HasPrefix(got.calendarURL, e.base+"/") || got.secure || got.hsts {
			t.Fatalf("a forged X-Forwarded-Host/-Proto was believed: %+v (served at %s)", got, e.base)
		}
	})
}

func TestForwardedHeadersFromATrustedProxyCount(t *testing.T) {
	t.Parallel()
	eachEnvWith(t, func(d *Deps) { d.TrustedProxies = []string{"127.0.0.1"} }, func(t *testing.T, e *env) {
		got := e.seenAs(forged)
		if !strings.HasPrefix(got.calendarURL, "https://evil.example/") || !got.secure || !got.hsts {
			t.Fatalf("the trusted proxy's headers were not used: %+v", got)
		}
	})
}

func TestThePublicURLDecidesAbsoluteLinksAndTheScheme(t *testing.T) {
	t.Parallel()
	eachEnvWith(t, func(d *Deps) { d.PublicURL = "https://trappen.example.dk" }, func(t *testing.T, e *env) {
		got := e.seenAs(map[string]string{"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http"})
		if !strings.HasPrefix(got.calendarURL, "https://trappen.example.dk/api/v1/me/calendar.ics?token=") || !got.secure || !got.hsts {
			t.Fatalf("the public URL was not used: %+v", got)
		}
	})
}

func TestRefreshAndLogoutRefuseCrossSiteRequests(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		sara := e.caseworker("sara@example.dk")
		host := strings.TrimPrefix(e.base, "http://")
		for _, path := range []string{"/api/v1/auth/refresh", "/api/v1/auth/logout"} {
			for _, h := range []map[string]string{
				{"Sec-Fetch-Site": "cross-site"},
				{"Sec-Fetch-Site": "same-site"},
				{"Origin": "https://evil.example"},
				{"Origin": "http://" + host + ".evil.example"},
				{"Origin": "null"},
			} {
				r := expect(t, e.do(req{method: "POST", path: path, header: h, cookies: []*http.Cookie{sara.Refresh}}), 403)
				if r.ErrorCode(t) != "cross_site" {
					t.Fatalf("%s %v: code %s", path, h, r.ErrorCode(t))
				}
			}
		}
		// Nothing was spent or ended: the session goes on from Trappen's own pages.
		r := expect(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", cookies: []*http.Cookie{sara.Refresh},
			header: map[string]string{"Origin": e.base, "Sec-Fetch-Site": "same-origin"}}), 200)
		expect(t, e.do(req{method: "POST", path: "/api/v1/auth/logout", cookies: []*http.Cookie{newRefreshCookie(r)},
			header: map[string]string{"Sec-Fetch-Site": "none"}}), 204)
	})
}

func TestABodyNotLabelledAsJSONIsRefused(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		sara := e.caseworker("sara@example.dk")
		body := `{"email":"sara@example.dk","password":"` + testPassword + `"}`
		multipart := "--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nsara@example.dk\r\n--x--\r\n"
		r := expect(t, e.do(req{method: "POST", path: "/api/v1/auth/login", body: multipart,
			header: map[string]string{"Content-Type": "multipart/form-data; boundary=x"}}), 415)
		if r.ErrorCode(t) != "unsupported_media_type" {
			t.Fatalf("multipart: code %s", r.ErrorCode(t))
		}
		for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded"} {
			r := expect(t, e.do(req{method: "POST", path: "/api/v1/auth/login", body: body,
				header: map[string]string{"Content-Type": ct}}), 415)
			if r.ErrorCode(t) != "unsupported_media_type" {
				t.Fatalf("%q: code %s", ct, r.ErrorCode(t))
			}
			expect(t, e.do(req{method: "PATCH", path: "/api/v1/me", token: sara.Token, body: `{"locale":"en"}`,
				header: map[string]string{"Content-Type": ct}}), 415)
		}
		expect(t, e.do(req{method: "POST", path: "/api/v1/auth/login", body: body,
			header: map[string]string{"Content-Type": "application/json; charset=utf-8"}}), 200)
		// Routes without a JSON body are not affected.
		expect(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", cookies: []*http.Cookie{sara.Refresh}}), 200)
	})
}
