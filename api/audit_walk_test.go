package api

import (
	"strings"
	"testing"
	"time"
)

// Every caseworker request under /citizens/:id that answers with a body
// (the citizen's data) leaves an entry in the citizen's access log, reads
// and writes alike. The walk takes the routes from the app, so a route added
// later is covered without editing this test.
func TestEveryCaseworkerAnswerWithACitizensDataIsLogged(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		w := newRobustWorld(t, e)
		routes := routesUnder(e, citizenRoute, false)
		// Routes that move, close or delete the case go last.
		var walk, last []string
		for _, r := range routes {
			if strings.HasSuffix(r, "/reassign") || strings.HasSuffix(r, "/close") || strings.HasSuffix(r, "/reopen") ||
				strings.HasPrefix(r, "DELETE ") {
				last = append(last, r)
			} else {
				walk = append(walk, r)
			}
		}
		logged := map[string]bool{}
		for _, route := range append(walk, last...) {
			method, pattern, _ := strings.Cut(route, " ")
			r := req{method: method, path: w.path(pattern), token: w.cw.Token}
			if method != "GET" && method != "DELETE" {
				r.body = w.validBodyFor(route, e.clock.Now())
			}
			before := len(e.accessLog(w.bo.Token, "?limit=100").Items)
			got := e.do(r)
			after := e.accessLog(w.bo.Token, "?limit=100")
			if got.Status < 200 || got.Status > 299 || got.Status == 204 || len(got.Body) == 0 {
				if len(after.Items) != before {
					t.Errorf("%s answered %d without data, yet was logged as %q", route, got.Status, after.Items[0].What)
				}
				continue
			}
			if strings.HasSuffix(route, "/reassign") {
				continue // Bo is no longer on this caseload: the answer names only the move
			}
			want := whatFromRoute(pattern, citizenRoute)
			if len(after.Items) != before+1 || after.Items[0].What != want {
				t.Errorf("%s answered %d with data but the log did not gain %q: %v", route, got.Status, want, after.whats())
				continue
			}
			logged[route] = true
		}
		for _, must := range []string{"GET " + citizenRoute, "PATCH " + citizenRoute + "/goals/:goal_id",
			"PATCH " + citizenRoute + "/meetings/:meeting_id", "POST " + citizenRoute + "/goals", "POST " + citizenRoute + "/invite"} {
			if !logged[must] {
				t.Errorf("the walk did not see %s answer with data and be logged", must)
			}
		}
		t.Logf("%d of %d routes answered with data, each logged", len(logged), len(routes))
	})
}

// An empty PATCH changes nothing: it is refused, not answered with the data.
func TestAnEmptyPatchIsRefused(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		sara := e.caseworker("sara@example.dk")
		bo := e.citizen(sara, "bo@example.dk")
		seed := seeder{t: t, store: e.store, by: sara.ID}
		meeting := seed.meeting(bo.ID, "roundtable", e.clock.Now().Add(48*time.Hour))
		goal := seed.goal(bo.ID, "Tilbage på fuld tid", e.clock.Now())
		base := "/api/v1/citizens/" + bo.ID
		for _, c := range []struct{ path, token string }{
			{base + "/goals/" + goal, sara.Token},
			{base + "/meetings/" + meeting, sara.Token},
			{"/api/v1/me/goals/" + goal, bo.Token},
		} {
			for _, body := range []string{`{}`, `{"unknown": 1}`} {
				r := expect(t, e.patch(c.path, c.token, body), 422)
				if r.ErrorCode(t) != "empty_patch" {
					t.Fatalf("PATCH %s %s: code %s", c.path, body, r.ErrorCode(t))
				}
			}
		}
		if got := e.accessLog(bo.Token, "").whats(); len(got) != 0 {
			t.Fatalf("refused patches were logged: %v", got)
		}
	})
}
