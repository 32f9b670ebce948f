package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"trappen/models"
	"trappen/models/store"
	"trappen/models/storetest"
)

// clock is a test clock that only moves when told to, or, after Tick, a
// little with every reading, as real time does between two requests.
type clock struct {
	mu   sync.Mutex
	t    time.Time
	tick time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.t
	c.t = c.t.Add(c.tick)
	return now
}

// Tick makes every later reading d after the one before.
func (c *clock) Tick(d time.Duration) { c.mu.Lock(); c.tick = d; c.mu.Unlock() }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// env is one test's running app on one engine.
type env struct {
	t     *testing.T
	app   *fiber.App
	store *store.Store
	clock *clock
	base  string // http://127.0.0.1:port of the running app
}

var testKey = []byte("0123456789abcdef0123456789abcdef-test-key")

// testStart is a Monday morning in Copenhagen (CET).
var testStart = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func newEnv(t *testing.T, store *store.Store) *env {
	t.Helper()
	tokens, err := NewTokens(testKey)
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: testStart}
	app := New(Deps{Store: store, Tokens: tokens, Now: clk.Now, Log: discardLogger()})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(ln)
	t.Cleanup(func() { app.Shutdown() })
	return &env{t: t, app: app, store: store, clock: clk, base: "http://" + ln.Addr().String()}
}

// eachEnv runs fn on every engine with a fresh app.
func eachEnv(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, s *store.Store) { fn(t, newEnv(t, s)) })
}

// resp is a decoded response.
type resp struct {
	Status  int
	Header  http.Header
	Body    []byte
	Cookies []*http.Cookie
}

func (r resp) JSON(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v: %s", err, r.Body)
	}
	return m
}

// ErrorCode returns error.code, failing if the body is not the contract's error shape.
func (r resp) ErrorCode(t *testing.T) string {
	t.Helper()
	var b struct {
		Error struct {
			Code    string            `json:"code"`
			Message string            `json:"message"`
			Fields  map[string]string `json:"fields"`
		} `json:"error"`
	}
	if err := json.Unmarshal(r.Body, &b); err != nil || b.Error.Code == "" || b.Error.Message == "" {
		t.Fatalf("status %d: body is not the contract's error shape: %s", r.Status, r.Body)
	}
	return b.Error.Code
}

// Fields returns error.fields.
func (r resp) Fields(t *testing.T) map[string]string {
	t.Helper()
	var b struct {
		Error struct {
			Fields map[string]string `json:"fields"`
		} `json:"error"`
	}
	json.Unmarshal(r.Body, &b)
	return b.Error.Fields
}

// req describes one request.
type req struct {
	method, path string
	body         any // string or []byte are sent raw; anything else as JSON
	token        string
	header       map[string]string
	cookies      []*http.Cookie
}

func (e *env) do(r req) resp {
	e.t.Helper()
	var body io.Reader
	switch b := r.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	hr, err := http.NewRequest(r.method, e.base+r.path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	for _, c := range r.cookies {
		hr.AddCookie(c)
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		e.t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return resp{Status: res.StatusCode, Header: res.Header, Body: out, Cookies: res.Cookies()}
}

func (e *env) get(path, token string) resp { return e.do(req{method: "GET", path: path, token: token}) }
func (e *env) post(path, token string, body any) resp {
	return e.do(req{method: "POST", path: path, token: token, body: body})
}
func (e *env) put(path, token string, body any) resp {
	return e.do(req{method: "PUT", path: path, token: token, body: body})
}
func (e *env) patch(path, token string, body any) resp {
	return e.do(req{method: "PATCH", path: path, token: token, body: body})
}
func (e *env) delete(path, token string) resp {
	return e.do(req{method: "DELETE", path: path, token: token})
}

// expect fails unless r has status want.
func expect(t *testing.T, r resp, want int) resp {
	t.Helper()
	if r.Status != want {
		t.Fatalf("status %d, want %d: %s", r.Status, want, r.Body)
	}
	return r
}

// session is a signed-in user.
type session struct {
	ID      string
	Token   string
	Refresh *http.Cookie
}

const testPassword = "correct horse battery"

// caseworker creates and signs in a caseworker.
func (e *env) caseworker(email string) session {
	e.t.Helper()
	if _, err := e.store.Identity.CreateCaseworker(context.Background(), models.NewCaseworker{Email: email, Name: "Sara Sagsbehandler", Password: testPassword}, e.clock.Now()); err != nil {
		e.t.Fatal(err)
	}
	return e.login(email, testPassword)
}

func (e *env) login(email, password string) session {
	e.t.Helper()
	r := expect(e.t, e.post("/api/v1/auth/login", "", map[string]string{"email": email, "password": password}), 200)
	return sessionFrom(e.t, r)
}

func sessionFrom(t *testing.T, r resp) session {
	t.Helper()
	m := r.JSON(t)
	s := session{Token: m["access_token"].(string), ID: m["user"].(map[string]any)["id"].(string)}
	for _, c := range r.Cookies {
		if c.Name == refreshCookie {
			s.Refresh = c
		}
	}
	return s
}

// citizenInput is a valid registration; override fields as needed.
func citizenInput(email string) map[string]any {
	return map[string]any{"name": "Bo Borger", "email": email, "locale": "da",
		"first_sick_day": "2026-02-16", "category": 2, "expected_weeks": 12, "employer_name": "Kommunens Rengøring"}
}

// citizen registers a citizen on cw's caseload, activates and signs in.
func (e *env) citizen(cw session, email string) session {
	e.t.Helper()
	r := expect(e.t, e.post("/api/v1/citizens", cw.Token, citizenInput(email)), 201)
	code := r.JSON(e.t)["invite_code"].(string)
	a := expect(e.t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": code, "password": testPassword}), 200)
	return sessionFrom(e.t, a)
}
