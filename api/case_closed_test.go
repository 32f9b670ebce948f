package api

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"trappen/models"
)

// Writes that stay allowed on a closed case, and why. Every other write
// route under /api/v1/citizens/:id and /api/v1/me — including routes added
// after this test was written — must answer 409 case_closed.
var closedCaseAllowed = map[string]string{
	"POST /api/v1/citizens/:id/reopen":                          "reopening is how a closed case is changed again",
	"DELETE /api/v1/citizens/:id":                               "deleting is what a closed case is for",
	"DELETE /api/v1/citizens/:id/employer-contacts/:contact_id": "ending an employer's access only takes away what they see",
	"PUT /api/v1/me/password":                                   "the account, not the case: the citizen keeps signing in",
	"POST /api/v1/me/push-subscriptions":                        "the citizen's device (nothing is sent while closed)",
	"DELETE /api/v1/me/push-subscriptions":                      "the citizen's device",
	"PUT /api/v1/me/notification-settings":                      "the citizen's reminders (nothing is sent while closed)",
	"POST /api/v1/me/calendar-token":                            "the citizen's calendar link",
	"DELETE /api/v1/me/calendar-token":                          "the citizen's calendar link",
	"POST /api/v1/me/meetings/seen":                             "a read marker",
	"POST /api/v1/me/plan/seen":                                 "a read marker",
}

// caseWriteRoutes lists, from the app's route table, every write route about
// one citizen's case.
func caseWriteRoutes(e *env) (caseworker, citizen []string) {
	seen := map[string]bool{}
	for _, r := range e.app.GetRoutes(true) {
		switch r.Method {
		case "POST", "PUT", "PATCH", "DELETE":
		default:
			continue
		}
		key := r.Method + " " + r.Path
		if seen[key] {
			continue
		}
		seen[key] = true
		switch {
		case r.Path == citizenRoute || strings.HasPrefix(r.Path, citizenRoute+"/"):
			caseworker = append(caseworker, key)
		case strings.HasPrefix(r.Path, "/api/v1/me/"):
			citizen = append(citizen, key)
		}
	}
	sort.Strings(caseworker)
	sort.Strings(citizen)
	return caseworker, citizen
}

func TestEveryWriteToAClosedCaseAnswers409(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		expect(t, e.post(j.base+"/close", j.cw.Token, map[string]any{"date": "2026-03-02", "reason": "jobafklaring"}), 200)
		cwRoutes, czRoutes := caseWriteRoutes(e)
		for _, must := range []string{"PATCH " + citizenRoute, "POST " + citizenRoute + "/goals", "PUT " + citizenRoute + "/plan",
			"POST " + citizenRoute + "/close", "POST /api/v1/me/checkins", "POST /api/v1/me/timeline/doctor_consultation"} {
			if !contains(append(cwRoutes, czRoutes...), must) {
				t.Fatalf("the walk misses %s; routes: %v %v", must, cwRoutes, czRoutes)
			}
		}
		walk := func(routes []string, token string) (refused int) {
			for _, route := range routes {
				method, pattern, _ := strings.Cut(route, " ")
				path := fillCaseParams(pattern, j.cz.ID)
				if _, ok := closedCaseAllowed[route]; ok {
					if route == "POST "+citizenRoute+"/reopen" || route == "DELETE "+citizenRoute {
						continue // tested on their own; walking them would end the test's case
					}
					if r := e.do(req{method: method, path: path, token: token, body: map[string]any{}}); r.Status == 409 {
						t.Errorf("%s is allowed on a closed case but answered 409: %s", route, r.Body)
					}
					continue
				}
				r := e.do(req{method: method, path: path, token: token, body: map[string]any{}})
				if r.Status != 409 || r.ErrorCode(t) != "case_closed" {
					t.Errorf("%s on a closed case: %d %s, want 409 case_closed", route, r.Status, r.Body)
					continue
				}
				refused++
			}
			return refused
		}
		if n := walk(cwRoutes, j.cw.Token); n < 10 {
			t.Errorf("only %d caseworker writes refused", n)
		}
		if n := walk(czRoutes, j.cz.Token); n < 5 {
			t.Errorf("only %d citizen writes refused", n)
		}
		// Someone else's closed case is still not found, not "closed".
		other := e.caseworker("other@example.dk")
		expect(t, e.patch(j.base, other.Token, map[string]any{"category": 1}), 404)
	})
}

// fillCaseParams puts the citizen's id for :id and a fresh id for any other
// parameter of a route pattern.
func fillCaseParams(pattern, citizenID string) string {
	parts := strings.Split(pattern, "/")
	for i, p := range parts {
		switch {
		case p == ":id":
			parts[i] = citizenID
		case strings.HasPrefix(p, ":"):
			parts[i] = models.NewID()
		}
	}
	return strings.Join(parts, "/")
}

// rowCounts counts the rows of every table in the database catalog.
func rowCounts(t *testing.T, e *env) map[string]int64 {
	t.Helper()
	cols, err := e.store.Catalog(e.store.DB)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for table := range cols {
		var n int64
		if err := e.store.DB.Table(table).Count(&n).Error; err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		out[table] = n
	}
	return out
}

// traces finds, in every text-like column of every table, a value that
// mentions one of needles (the person's id, e-mail or name).
func traces(t *testing.T, e *env, needles ...string) []string {
	t.Helper()
	cols, err := e.store.Catalog(e.store.DB)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for table, columns := range cols {
		for _, col := range columns {
			for _, n := range needles {
				var hits int64
				err := e.store.DB.Table(table).
					Where(fmt.Sprintf("CAST(%q AS TEXT) LIKE ?", col), "%"+n+"%").Count(&hits).Error
				if err != nil {
					t.Fatalf("search %s.%s: %v", table, col, err)
				}
				if hits > 0 {
					found = append(found, fmt.Sprintf("%s.%s holds %q", table, col, n))
				}
			}
		}
	}
	return found
}

func TestDeletingACaseLeavesNothingOfThePersonInAnyTable(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		kept := e.journey("cw@example.dk", "kept@example.dk")
		fillCase(t, e, kept)
		before := rowCounts(t, e)

		gone := e.citizenOf(kept.cw, "gone@example.dk")
		fillCase(t, e, gone)
		// A wrong password counts a failure under a hash of the e-mail.
		expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": "gone@example.dk", "password": "wrong password!"}), 401)
		during := rowCounts(t, e)
		for _, table := range []string{"users", "citizens", "goals", "checkins", "plan_versions", "meetings", "meeting_reflections",
			"fast_track_requests", "push_subscriptions", "push_jobs", "access_log", "citizen_categories", "refresh_tokens", "login_failures"} {
			if during[table] <= before[table] {
				t.Fatalf("the test person has no row in %s; the test proves nothing there", table)
			}
		}
		expect(t, e.post(gone.base+"/close", gone.cw.Token, map[string]any{"date": "2026-03-02", "reason": "other"}), 200)
		expect(t, e.delete(gone.base, gone.cw.Token), 204)

		after := rowCounts(t, e)
		// The failed sign-in also counted against the client address: that
		// count is about the address, not the person, and stays until it ages.
		before["login_failures"]++
		for table, n := range before {
			if after[table] != n {
				t.Errorf("%s: %d rows before the person, %d after their deletion", table, n, after[table])
			}
		}
		if found := traces(t, e, gone.cz.ID, "gone@example.dk"); len(found) > 0 {
			t.Errorf("traces of the deleted person: %v", found)
		}
		expect(t, e.get(kept.base, kept.cw.Token), 200)
	})
}

// fillCase writes something of the citizen into every part of the case.
func fillCase(t *testing.T, e *env, j journey) {
	t.Helper()
	goal := e.overallGoal(j, "Tilbage i mit job")
	body := checkinBody(models.NewID(), goal)
	body["recorded_at"] = e.clock.Now().Format("2006-01-02T15:04:05Z07:00")
	expect(t, e.post("/api/v1/me/checkins", j.cz.Token, body), 201)
	expect(t, e.put(j.base+"/plan", j.cw.Token, map[string]any{"weeks": []map[string]any{{"week_start": "2026-03-02",
		"hours": map[string]any{"mon": 2, "tue": 2, "wed": 2, "thu": 2, "fri": 2}}}}), 200)
	expect(t, e.put("/api/v1/me/plan/feedback", j.cz.Token, map[string]any{"recognises": "yes"}), 200)
	m := e.meeting(j, "roundtable", "2026-03-06T10:00:00+01:00")
	expect(t, e.put("/api/v1/me/meetings/"+m+"/reply", j.cz.Token, map[string]any{"response": "attending"}), 200)
	expect(t, e.put("/api/v1/me/meetings/"+m+"/reflection", j.cz.Token,
		map[string]any{"came_from": "a", "heading_to": "b", "proposal": "c", "shared": true}), 200)
	expect(t, e.post(j.base+"/placements", j.cw.Token, map[string]any{"party": "jobcenter", "step": 2, "date": "2026-03-02"}), 201)
	expect(t, e.post(j.base+"/fast-track", j.cw.Token, ftBody("employer", e.clock.Now(), 12)), 201)
	p256dh, auth := browserKeys(t)
	expect(t, e.post("/api/v1/me/push-subscriptions", j.cz.Token, subscription(testPushPrefix+j.cz.ID, p256dh, auth)), 201)
	expect(t, e.put("/api/v1/me/notification-settings", j.cz.Token, map[string]any{"quiet_hours": nil, "paused_until": nil}), 200)
	expect(t, e.post("/api/v1/me/calendar-token", j.cz.Token, nil), 201)
	expect(t, e.put(j.base+"/snooze", j.cw.Token, map[string]any{"until": "2026-03-09"}), 200)
	expect(t, e.patch(j.base, j.cw.Token, map[string]any{"category": 3}), 200)
	expect(t, e.post("/api/v1/me/meetings/seen", j.cz.Token, nil), 204)
	if err := e.store.RecordAccess(context.Background(), j.cw.ID, j.cz.ID, "profile", e.clock.Now()); err != nil {
		t.Fatal(err)
	}
}
