package api

import (
	"sort"
	"strings"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/storetest"
)

// anonymousRoutes are the only routes that answer without an access token,
// each for a stated reason. Every other route in the table is tried without
// one, so a new route is covered the day it is added; a route meant to be
// anonymous is added here, where a reviewer sees it. "*" matches any method.
var anonymousRoutes = map[string]string{
	"GET /healthz":                             "the process answers load balancers",
	"GET /readyz":                              "the database answers load balancers",
	"GET /i18n/:lang":                          "the sign-in screen needs its words",
	"POST /api/v1/auth/login":                  "signing in",
	"POST /api/v1/auth/refresh":                "the refresh cookie is the credential",
	"POST /api/v1/auth/logout":                 "the refresh cookie is the credential",
	"POST /api/v1/auth/activate":               "the invite code is the credential",
	"GET /api/v1/auth/methods":                 "the sign-in screen needs to know what to offer",
	"GET /api/v1/auth/oidc/:audience/start":    "signing in with an identity provider",
	"GET /api/v1/auth/oidc/:audience/callback": "the provider's code and the sealed flow cookie are the credential",
	"GET /api/v1/auth/oidc/:audience/logout":   "the refresh cookie is the credential",
	"GET /api/v1/push/public-key":              "the VAPID public key is public",
	"GET /api/v1/me/calendar.ics":              "the calendar feed's own token is the credential",
	"GET /api/v1/service-info":                 "the footer and privacy notice show before sign-in",
	"GET /api/v1/openapi.json":                 "the API's description is public",
	"* /api/v1/*":                              "unknown API paths answer 404",
	"GET /*":                                   "the app shell",
}

// anyRoleRoutes answer every signed-in user, whatever the role.
var anyRoleRoutes = set("GET /api/v1/me", "PATCH /api/v1/me", "PUT /api/v1/me/password", "GET /api/v1/goal-check")

// sharedRoutes are role routes that more than one role may call: the
// citizen's and the employer's own devices and reminders. Every other role
// is refused as on the root the route lives under.
var sharedRoutes = map[string]string{
	"GET /api/v1/me/push-subscriptions":    ctzEmp,
	"POST /api/v1/me/push-subscriptions":   ctzEmp,
	"DELETE /api/v1/me/push-subscriptions": ctzEmp,
	"GET /api/v1/me/notification-settings": ctzEmp,
	"PUT /api/v1/me/notification-settings": ctzEmp,
}

// roleRoots are where each role's routes live. A collection is the root
// itself (/citizens) or, for /me, one segment below it (/me/goals); a deeper
// path names a single resource.
var roleRoots = []struct {
	role, root  string
	collections int // path segments below root that are still a collection
}{
	{models.RoleCaseworker, "/api/v1/citizens", 0},
	{models.RoleCaseworker, "/api/v1/caseworkers", 0},
	{models.RoleCitizen, "/api/v1/me", 1},
	{models.RoleEmployer, "/api/v1/employees", 0},
}

// routeTable is every method and path of the app, HEAD and middleware left out.
func routeTable(e *env) []string {
	seen := map[string]bool{}
	for _, r := range e.app.GetRoutes(true) {
		switch r.Method {
		case "USE", "HEAD", "OPTIONS", "CONNECT", "TRACE":
			continue
		}
		seen[r.Method+" "+r.Path] = true
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func isAnonymous(route string) bool {
	_, path, _ := strings.Cut(route, " ")
	_, ok := anonymousRoutes[route]
	_, any := anonymousRoutes["* "+path]
	return ok || any
}

// roleOf is the role a route needs and the status the wrong role gets: 403
// on a collection, 404 on a single resource (as someone else's resource).
func roleOf(route string) (role string, wrongRole int, ok bool) {
	_, path, _ := strings.Cut(route, " ")
	for _, r := range roleRoots {
		rest, found := strings.CutPrefix(path, r.root)
		if !found || (rest != "" && rest[0] != '/') {
			continue
		}
		depth := 0
		if rest = strings.Trim(rest, "/"); rest != "" {
			depth = strings.Count(rest, "/") + 1
		}
		role := r.role
		if shared, ok := sharedRoutes[route]; ok {
			role = shared
		}
		if depth <= r.collections {
			return role, 403, true
		}
		return role, 404, true
	}
	return "", 0, false
}

func TestTheAnonymousRoutesAreExactlyTheAllowList(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.Open(t, storetest.SQLite))
	routes := routeTable(e)
	for allowed := range anonymousRoutes {
		method, path, _ := strings.Cut(allowed, " ")
		found := false
		for _, r := range routes {
			m, p, _ := strings.Cut(r, " ")
			found = found || (p == path && (method == "*" || m == method))
		}
		if !found {
			t.Errorf("the allow-list names %q, which is no longer a route", allowed)
		}
	}
}

func TestEveryAuthenticatedRouteRefusesAMissingOrBadToken(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		w := newRobustWorld(t, e)
		other, err := NewTokens([]byte("another key, as long as the real one is"))
		if err != nil {
			t.Fatal(err)
		}
		sid := sessionOf(t, w.cw.Token) // a live session: each token fails for its own reason
		forged, _ := other.Issue(w.cw.ID, models.RoleCaseworker, sid, e.clock.Now())
		tokens, _ := NewTokens(testKey)
		expired, _ := tokens.Issue(w.cw.ID, models.RoleCaseworker, sid, e.clock.Now().Add(-AccessTokenLifetime-time.Second))
		unknown, _ := tokens.Issue(models.NewID(), models.RoleCaseworker, sid, e.clock.Now())
		bad := map[string]string{"no token": "", "not a token": "not-a-token", "another key": forged,
			"an expired token": expired, "a user who does not exist": unknown}
		n := 0
		for _, route := range routeTable(e) {
			if isAnonymous(route) {
				continue
			}
			n++
			method, pattern, _ := strings.Cut(route, " ")
			for name, tok := range bad {
				r := e.do(req{method: method, path: w.path(pattern), token: tok, body: w.validBody(e.clock.Now())})
				if r.Status != 401 || r.ErrorCode(t) != "unauthorized" {
					t.Errorf("%s with %s: %d %.200s", route, name, r.Status, r.Body)
				}
			}
		}
		if n < 40 {
			t.Fatalf("only %d authenticated routes found", n)
		}
		t.Logf("tried %d authenticated routes without a valid token", n)
	})
}

func TestEveryRoleRouteRefusesTheOtherRoles(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		w := newRobustWorld(t, e)
		sessions := map[string]session{models.RoleCaseworker: w.cw, models.RoleCitizen: w.bo, models.RoleEmployer: w.emp}
		n := 0
		for _, route := range routeTable(e) {
			if isAnonymous(route) || anyRoleRoutes[route] {
				continue
			}
			role, want, ok := roleOf(route)
			if !ok {
				t.Errorf("%s: which role may call it? Add its root to roleRoots, or it to anyRoleRoutes", route)
				continue
			}
			n++
			method, pattern, _ := strings.Cut(route, " ")
			for other, s := range sessions {
				if strings.Contains(","+role+",", ","+other+",") {
					continue
				}
				r := e.do(req{method: method, path: w.path(pattern), token: s.Token, body: w.validBody(e.clock.Now())})
				code := map[int]string{403: "forbidden", 404: "not_found"}[want]
				if r.Status != want || r.ErrorCode(t) != code {
					t.Errorf("%s as a %s: %d %.200s, want %d %s", route, other, r.Status, r.Body, want, code)
				}
			}
		}
		if n < 40 {
			t.Fatalf("only %d role routes found", n)
		}
		t.Logf("tried %d role routes with the wrong role", n)
	})
}
