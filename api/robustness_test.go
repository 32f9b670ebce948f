package api

import (
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/storetest"
)

// probe is the first body of every battery: a route that accepts malformed
// JSON never reads its body, and the battery stops there.
var probe = body{name: "malformed JSON probe", raw: []byte(`{"title": `)}

func TestEveryWriteRouteAnswersBadBodiesWith4xxAndStoresNothing(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		routes := writeRoutes(e)
		if len(routes) < 30 {
			t.Fatalf("the route walk found only %d write routes: %v", len(routes), routes)
		}
		var mu sync.Mutex
		var bodiless []string
		t.Cleanup(func() { t.Logf("walked %d write routes; these take no body: %v", len(routes), bodiless) })
		eachRoute(t, e, routes, func(t *testing.T, e *env, route string) {
			bodies := func(w robustWorld) []body {
				return append([]body{probe}, invalidBodies(t, w.validBodyFor(route, e.clock.Now()))...)
			}
			battery(t, e, route, bodies, func(b body, r resp) bool {
				if b.name == probe.name && r.Status < 400 {
					mu.Lock()
					bodiless = append(bodiless, route)
					mu.Unlock()
					return true
				}
				assertSane(t, route+" "+b.name, r)
				if r.Status < 400 && !b.mayPass {
					t.Errorf("%s accepted %s: %d %.200s", route, b.name, r.Status, r.Body)
				}
				return false
			}, true)
		})
	})
}

func TestEveryWriteRouteSurvivesOneBadFieldInAValidBody(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		var accepted, built atomic.Int64
		t.Cleanup(func() { t.Logf("%d bodies accepted; %d worlds built", accepted.Load(), built.Load()) })
		eachRoute(t, e, writeRoutes(e), func(t *testing.T, e *env, route string) {
			bodies := func(w robustWorld) []body {
				return append([]body{probe}, mixedBodies(t, w.validBodyFor(route, e.clock.Now()))...)
			}
			built.Add(int64(battery(t, e, route, bodies, func(b body, r resp) bool {
				if b.name == probe.name {
					return r.Status < 400
				}
				assertSane(t, route+" "+b.name, r)
				if r.Status < 400 {
					accepted.Add(1)
				}
				return false
			}, false)))
		})
	})
}

// eachRoute runs fn for each route as a parallel subtest, each with an app
// and a database of its own on e's engine: the batteries send thousands of
// requests, and one route after another made them the suite's longest wait.
func eachRoute(t *testing.T, e *env, routes []string, fn func(t *testing.T, e *env, route string)) {
	engine := storetest.Engine(e.store.SQL.Dialect)
	for _, route := range routes {
		t.Run(route, func(t *testing.T) {
			t.Parallel()
			fn(t, newPushEnv(t, storetest.Open(t, engine)), route)
		})
	}
}

// TestNULInAnyTextIsRefused: PostgreSQL cannot store NUL in TEXT, so it is
// refused for every engine alike, before it reaches the database.
func TestNULInAnyTextIsRefused(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		w := newRobustWorld(t, e)
		base := "/api/v1/citizens/" + w.bo.ID
		cases := []struct {
			name, method, path, token string
			body                      any
			field                     string
		}{
			{"a goal title", "POST", base + "/goals", w.cw.Token, map[string]any{"title": "a\u0000b"}, "title"},
			{"an activity", "POST", base + "/goals", w.cw.Token, map[string]any{"title": "ok", "activities": []string{"ok", "\u0000"}}, "activities[1]"},
			{"a plan week note", "PUT", base + "/plan", w.cw.Token, map[string]any{"weeks": []any{map[string]any{"week_start": "2026-03-09",
				"hours": map[string]float64{"mon": 1}, "note": "\u0000"}}}, "weeks[0].note"},
			{"a check-in note", "POST", "/api/v1/me/checkins", w.bo.Token, map[string]any{"id": models.NewID(),
				"recorded_at": e.clock.Now().Format(time.RFC3339), "note": "hej\u0000"}, "note"},
			{"a login e-mail", "POST", "/api/v1/auth/login", "", map[string]any{"email": "a\u0000@example.dk", "password": "x"}, "email"},
			{"a field name", "POST", base + "/goals", w.cw.Token, map[string]any{"title": "ok", "x\u0000": 1}, ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := expect(t, e.do(req{method: c.method, path: c.path, token: c.token, body: c.body}), 422)
				if r.ErrorCode(t) != "validation_failed" || (c.field != "" && r.Fields(t)[c.field] == "") {
					t.Fatalf("want a field error on %q: %s", c.field, r.Body)
				}
			})
		}
	})
}

func TestEveryReadRouteSurvivesBadQueriesAndParams(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		w := newRobustWorld(t, e)
		queries := []string{"limit=abc", "limit=-1", "limit=99999999999999999999", "before=", "before=abc", "before=%00",
			"sort=x", "sort=%00", "filter=x", "filter=%ff", "category=9", "category=abc", "token=", "token=%00",
			"token=%ff%fe", "token=" + strings.Repeat("a", 4000), "limit=1&limit=2", "%zz=1"}
		seen := map[string]bool{}
		for _, r := range e.app.GetRoutes(true) {
			if r.Method != "GET" || !strings.HasPrefix(r.Path, "/api/v1/") || strings.Contains(r.Path, "*") || seen[r.Path] {
				continue
			}
			seen[r.Path] = true
			for _, q := range queries {
				assertSane(t, r.Path+"?"+q, e.do(req{method: "GET", path: w.path(r.Path) + "?" + q, token: w.token(r.Path)}))
			}
		}
		all := writeRoutes(e)
		for p := range seen {
			all = append(all, "GET "+p)
		}
		for _, route := range all {
			method, pattern, _ := strings.Cut(route, " ")
			if !strings.Contains(pattern, ":") {
				continue
			}
			for _, bad := range []string{"not-a-uuid", "%00", "%ff", "a%00b", url.PathEscape("😀"), strings.Repeat("a", 4000),
				"00000000-0000-0000-0000-000000000000", "%2e%2e", "..%2f"} {
				path := strings.ReplaceAll(w.path(pattern), w.bo.ID, bad)
				for name, id := range w.params {
					if name != "id" {
						path = strings.ReplaceAll(path, id, bad)
					}
				}
				r := e.do(req{method: method, path: path, token: w.token(pattern), body: `{}`})
				assertSane(t, method+" "+path[:min(len(path), 120)], r)
				if r.Status < 400 {
					t.Errorf("%s %s with a bad id answered %d", method, pattern, r.Status)
				}
			}
		}
	})
}
