package api

import (
	"sort"
	"strings"
	"testing"
)

// routesUnder lists every route of the app whose path is prefix or below
// it, and that names a resource by a path parameter when withParam is set,
// so routes added later are walked without editing these tests.
func routesUnder(e *env, prefix string, withParam bool) []string {
	var out []string
	for _, r := range routeTable(e) {
		_, path, _ := strings.Cut(r, " ")
		if path != prefix && !strings.HasPrefix(path, prefix+"/") {
			continue
		}
		if withParam && !strings.Contains(path, ":") || strings.Contains(path, "*") {
			continue
		}
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// victimPath fills every parameter of pattern with a real id of the
// victim's own resource of that type. A parameter the world has no id for
// fails the test: a new route needs a real resource here, or a missing
// ownership check on it would pass unnoticed.
func victimPath(t *testing.T, w robustWorld, pattern string) string {
	t.Helper()
	segs := strings.Split(pattern, "/")
	for i, s := range segs {
		name, ok := strings.CutPrefix(s, ":")
		if !ok {
			continue
		}
		id := w.params[strings.TrimSuffix(name, "?")]
		if id == "" {
			t.Fatalf("%s: no real id for :%s; give newRobustWorld one of the victim's", pattern, name)
		}
		segs[i] = id
	}
	return strings.Join(segs, "/")
}

// walkAs sends every route to the victim's resources with an outsider's
// token and a valid body, and wants the 404 of a resource that does not exist.
func walkAs(t *testing.T, e *env, w robustWorld, outsider session, outsiderCaseworkerID string, routes []string) {
	t.Helper()
	before := w.stored(e)
	logBefore := expect(t, e.get("/api/v1/me/access-log", w.bo.Token), 200).Body
	for _, route := range routes {
		method, pattern, _ := strings.Cut(route, " ")
		t.Run(route, func(t *testing.T) {
			body := w.validBody(e.clock.Now())
			body["caseworker_id"] = outsiderCaseworkerID // a reassignment would hand the victim over
			body["decision"] = "accept"                  // a fast-track decision would be taken
			r := req{method: method, path: victimPath(t, w, pattern), token: outsider.Token}
			if method != "GET" {
				r.body = body
			}
			got := e.do(r)
			if got.Status != 404 || got.ErrorCode(t) != "not_found" {
				t.Fatalf("%s %s with an outsider's token: %d %.300s", method, r.path, got.Status, got.Body)
			}
		})
	}
	if logAfter := expect(t, e.get("/api/v1/me/access-log", w.bo.Token), 200).Body; string(logAfter) != string(logBefore) {
		t.Errorf("an outsider's refused request was logged as a read:\nbefore %s\nafter  %s", logBefore, logAfter)
	}
	if after := w.stored(e); after != before {
		t.Errorf("an outsider changed the victim's data:\nbefore %s\nafter  %s", before, after)
	}
}

func TestACaseworkerNeverReachesACitizenOnAnotherCaseloadThroughAnyRoute(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		w := newRobustWorld(t, e)
		kim := e.caseworker("kim@example.dk")
		routes := routesUnder(e, citizenRoute, false)
		for _, want := range []string{"GET " + citizenRoute, "PATCH " + citizenRoute + "/meetings/:meeting_id",
			"PATCH " + citizenRoute + "/goals/:goal_id", "POST " + citizenRoute + "/reassign"} {
			if !contains(routes, want) {
				t.Fatalf("route walk misses %s: %v", want, routes)
			}
		}
		walkAs(t, e, w, kim, kim.ID, routes)
		t.Logf("walked %d routes", len(routes))
		if it := e.caseload(kim.Token, "").Items; len(it) != 0 {
			t.Fatalf("a citizen reached Kim's caseload: %+v", it)
		}
		expect(t, e.get("/api/v1/citizens/"+w.bo.ID, w.cw.Token), 200)
	})
}

// Another citizen, even on the same caseload, never reaches Bo's goals,
// meetings or fast-track request by their ids.
func TestACitizenNeverReachesAnotherCitizensResourcesThroughAnyRoute(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		w := newRobustWorld(t, e)
		eva := e.citizen(w.cw, "eva@example.dk")
		routes := routesUnder(e, "/api/v1/me", true)
		for _, want := range []string{"PATCH /api/v1/me/goals/:goal_id", "PUT /api/v1/me/meetings/:meeting_id/reply",
			"POST /api/v1/me/fast-track/:ft_id/decision"} {
			if !contains(routes, want) {
				t.Fatalf("route walk misses %s: %v", want, routes)
			}
		}
		walkAs(t, e, w, eva, w.cw.ID, routes)
		t.Logf("walked %d routes", len(routes))
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
