package api

import (
	"sort"
	"strings"
	"testing"
	"time"

	"trappen/models"
)

// citizenRoutes lists every caseworker route about one citizen registered on
// the app, so routes added later are walked without editing this test.
func citizenRoutes(e *env) []string {
	seen := map[string]bool{}
	for _, r := range e.app.GetRoutes(true) {
		if r.Method == "HEAD" || r.Method == "USE" || r.Method == "OPTIONS" || r.Method == "CONNECT" || r.Method == "TRACE" {
			continue
		}
		if r.Path == citizenRoute || strings.HasPrefix(r.Path, citizenRoute+"/") {
			seen[r.Method+" "+r.Path] = true
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// fillParams puts the victim's real ids into a route pattern: their citizen
// id for :id, one of their meetings or goals where the parameter names one,
// a fresh UUID otherwise.
func fillParams(pattern string, ids map[string]string) string {
	segs := strings.Split(pattern, "/")
	for i, s := range segs {
		name, ok := strings.CutPrefix(s, ":")
		if !ok {
			continue
		}
		name = strings.TrimSuffix(name, "?")
		segs[i] = models.NewID()
		for key, id := range ids {
			if name == key || strings.Contains(name, key) {
				segs[i] = id
			}
		}
	}
	return strings.Join(segs, "/")
}

func TestACaseworkerNeverReachesACitizenOnAnotherCaseloadThroughAnyRoute(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		sara := e.caseworker("sara@example.dk")
		kim := e.caseworker("kim@example.dk")
		bo := e.citizen(sara, "bo@example.dk")
		seed := seeder{t: t, store: e.store, by: sara.ID}
		ids := map[string]string{
			"id":      bo.ID,
			"meeting": seed.meeting(bo.ID, "roundtable", e.clock.Now().Add(48*time.Hour)),
			"goal":    seed.goal(bo.ID, "Tilbage på fuld tid", e.clock.Now()),
		}
		routes := citizenRoutes(e)
		for _, want := range []string{"GET " + citizenRoute, "PUT " + citizenRoute + "/snooze", "POST " + citizenRoute + "/reassign"} {
			if !contains(routes, want) {
				t.Fatalf("route walk misses %s: %v", want, routes)
			}
		}
		for _, route := range routes {
			method, pattern, _ := strings.Cut(route, " ")
			t.Run(route, func(t *testing.T) {
				r := req{method: method, path: fillParams(pattern, ids), token: kim.Token}
				if method != "GET" && method != "DELETE" {
					r.body = validForAnyRoute(kim.ID)
				}
				got := e.do(r)
				if got.Status != 404 || got.ErrorCode(t) != "not_found" {
					t.Fatalf("%s %s with another caseworker's token: %d %s", method, r.path, got.Status, got.Body)
				}
			})
		}
		t.Logf("walked %d routes", len(routes))
		if it := e.caseload(sara.Token, "").Items; len(it) != 1 || it[0].ID != bo.ID {
			t.Fatalf("the citizen left Sara's caseload: %+v", it)
		}
		for _, it := range e.accessLog(bo.Token, "").Items {
			if it.What != "caseload" {
				t.Fatalf("a failed read was logged: %+v", it)
			}
		}
	})
}

// validForAnyRoute is one body that passes validation on every write route
// (each handler ignores the fields it does not know), so a refusal must come
// from the caseload check, not from validation. A new write route with other
// required fields adds them here.
func validForAnyRoute(caseworkerID string) map[string]any {
	hours := map[string]float64{"mon": 2, "tue": 2, "wed": 2, "thu": 2, "fri": 2}
	return map[string]any{
		"caseworker_id": caseworkerID, "until": "2026-03-09", "reason": "ferie",
		"title": "Tilbage 12 timer om ugen fra 1. april", "status": "active",
		"kind": "roundtable", "starts_at": "2026-03-10T09:00:00Z", "location": "Jobcentret",
		"party": "employer", "step": 3, "date": "2026-03-02",
		"weeks":        []any{map[string]any{"week_start": "2026-03-02", "hours": hours}},
		"requested_by": "employer", "requested_at": "2026-03-02T08:00:00Z", "expected_weeks": 12,
		"text": "Bo taler med sin læge inden mødet", "owner": "citizen",
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
