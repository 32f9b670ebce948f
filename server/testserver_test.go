package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/sqldb"
)

// testClock is a clock the test moves; it starts at the real time so the
// browser's own clock and the server's agree.
type testClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
}

// testServer is the whole Trappen app listening on loopback.
type testServer struct {
	t     testing.TB
	app   *app
	URL   string
	clock *testClock
	addr  *heldAddr
	cfg   Config
}

// startServer runs Trappen on a fresh database with engine opts.
func startServer(t testing.TB, opts sqldb.OpenOptions) *testServer {
	t.Helper()
	return startServerEnv(t, opts, nil)
}

// startServerEnv is startServer with extra environment variables (e.g.
// TRAPPEN_PUSH_ALLOWLIST pointing at a push service stand-in).
func startServerEnv(t testing.TB, opts sqldb.OpenOptions, env map[string]string) *testServer {
	t.Helper()
	cfg, err := LoadConfig(envFor(opts, env))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DataDir == "" {
		cfg.DataDir = t.TempDir()
	}
	clk := &testClock{}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := newApp(context.Background(), cfg, log, clk.Now)
	if err != nil {
		t.Fatal(err)
	}
	addr := holdAddr(t)
	s := &testServer{t: t, app: a, URL: "http://" + addr.String(), clock: clk, addr: addr, cfg: cfg}
	addr.serve(a.http)
	t.Cleanup(s.Stop)
	return s
}

// Stop shuts the server down: the browser now sees it as offline. The
// address stays the test's (see heldAddr), so nothing else can answer there,
// and every connection to it is reset, those the browser kept alive too.
func (s *testServer) Stop() {
	if s.app == nil {
		return
	}
	s.addr.stop(s.app.http)
	s.app.Close()
	s.app = nil
}

// Hang stops the server and leaves its address a connection that lets
// nothing through ("lie-fi"): connections are taken and never answered, as
// on a bad mobile network. Restart ends it.
func (s *testServer) Hang() {
	s.addr.hangUp()
	s.Stop()
}

// Restart brings a stopped server back on the same data and address, as after
// an outage: the browser's cookies, service worker and outbox still apply.
func (s *testServer) Restart() {
	s.t.Helper()
	if s.app != nil {
		s.t.Fatal("Restart: the server is still running")
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := newApp(context.Background(), s.cfg, log, s.clock.Now)
	if err != nil {
		s.t.Fatal(err)
	}
	s.app = a
	s.addr.serve(a.http)
}

// get fetches path from the running server.
func (s *testServer) get(path string) *http.Response {
	s.t.Helper()
	res, err := http.Get(s.URL + path)
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { res.Body.Close() })
	return res
}

// createCaseworker adds a caseworker directly in the store.
func (s *testServer) createCaseworker(email, name, password string) {
	s.t.Helper()
	if _, err := s.app.store.Identity.CreateCaseworker(context.Background(), models.NewCaseworker{Email: email, Name: name, Password: password}, s.clock.Now()); err != nil {
		s.t.Fatal(err)
	}
}

// registerCitizen adds a citizen on the caseworker's caseload and returns the invite code.
func (s *testServer) registerCitizen(caseworkerEmail, name, email string) string {
	s.t.Helper()
	ctx := context.Background()
	cw, err := s.app.store.Identity.Login(ctx, caseworkerEmail, "a long enough password", "127.0.0.1", s.clock.Now())
	if err != nil {
		s.t.Fatal(err)
	}
	weeks := 12
	first := models.CopenhagenDate(s.clock.Now()).AddDate(0, 0, -21).Format(models.DateLayout)
	_, inv, err := s.app.store.CreateCitizen(ctx, cw.ID, models.NewCitizen{Name: name, Email: email, Locale: "da",
		FirstSickDay: first, Category: 2, ExpectedWeeks: &weeks, EmployerName: "Byens Bageri"}, s.clock.Now())
	if err != nil {
		s.t.Fatal(err)
	}
	return inv.Code
}
