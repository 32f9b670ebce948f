package api

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"trappen/models"
)

// apiRoutes lists every API route registered on the app, so routes added
// later are walked without editing the test.
func apiRoutes(e *env) []string {
	seen := map[string]bool{}
	for _, r := range e.app.GetRoutes(true) {
		switch r.Method {
		case "HEAD", "USE", "OPTIONS", "CONNECT", "TRACE":
			continue
		}
		if strings.HasPrefix(r.Path, "/api/v1/") && !strings.HasSuffix(r.Path, "*") {
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

// employerPath puts the employee's id for :id and a fresh UUID for any
// other parameter into a route pattern.
func employerPath(pattern, employeeID string) string {
	segs := strings.Split(pattern, "/")
	for i, s := range segs {
		if s == ":id" {
			segs[i] = employeeID
		} else if strings.HasPrefix(s, ":") {
			segs[i] = models.NewID()
		}
	}
	return strings.Join(segs, "/")
}

// plantPrivate writes a unique marker into every field an employer must
// never read, whatever the citizen shares, and returns the markers.
func plantPrivate(t *testing.T, e *env, cw session, citizenID string) []string {
	t.Helper()
	mark := func(what string) string { return fmt.Sprintf("MARK-%s-%s", what, models.NewID()[:8]) }
	agenda, weekNote, checkin, reflection, goal, feedback, jcNote := mark("agenda"), mark("weeknote"), mark("checkin"),
		mark("reflection"), mark("goal"), mark("feedback"), mark("jobcenter")
	base := "/api/v1/citizens/" + citizenID
	m := meetingBody("roundtable", "2026-03-05T10:00:00+01:00")
	m["agenda"] = agenda
	meetingID := expect(t, e.post(base+"/meetings", cw.Token, m), 201).JSON(t)["id"].(string)
	week := map[string]any{"week_start": "2026-03-02", "hours": map[string]float64{"mon": 2}, "note": weekNote}
	expect(t, e.put(base+"/plan", cw.Token, planBody(week)), 200)
	expect(t, e.post(base+"/placements", cw.Token, map[string]any{"party": "jobcenter", "step": 2, "date": "2026-03-02", "note": jcNote}), 201)
	seed := seeder{t: t, store: e.store, by: cw.ID}
	seed.goal(citizenID, goal, e.clock.Now())
	seed.exec(`INSERT INTO plan_feedback (plan_version_id, citizen_id, recognises, comment, created_at, updated_at)
		SELECT id, citizen_id, 'partly', ?, created_at, created_at FROM plan_versions WHERE citizen_id = ?`, feedback, citizenID)
	id := models.NewID()
	seed.exec(`INSERT INTO checkins (id, citizen_id, recorded_at, staircase_step, wellbeing, hours_worked, note, body_hash, created_at)
		VALUES (?, ?, ?, 3, 4, 10, ?, ?, ?)`, id, citizenID, e.clock.Now(), checkin, id, e.clock.Now())
	seed.exec(`INSERT INTO meeting_reflections (meeting_id, citizen_id, came_from, heading_to, proposal, shared, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)`, meetingID, citizenID, reflection, reflection, reflection, e.clock.Now(), e.clock.Now())
	return []string{agenda, weekNote, checkin, reflection, goal, feedback, jcNote}
}

// routesForEveryone answer any signed-in user about themself.
var routesForEveryone = map[string]bool{
	"GET /api/v1/me": true, "PATCH /api/v1/me": true, "PUT /api/v1/me/password": true,
	"GET /api/v1/push/public-key": true, "GET /api/v1/employees": true,
	// The service's own details and the goal wording check hold no one's data.
	"GET /api/v1/service-info": true, "GET /api/v1/goal-check": true,
}

func TestAnEmployerReadsNothingPrivateThroughAnyRoute(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		ida := e.citizen(cw, "ida@example.dk") // Mette's employee, sharing everything
		bo := e.citizen(cw, "bo@example.dk")   // Lars's employee, not Mette's
		mette, _ := e.employer(cw, ida.ID, "mette@firma.dk")
		e.employer(cw, bo.ID, "lars@firma.dk")
		expect(t, e.put("/api/v1/me/employer-sharing", ida.Token, allSharing(true)), 200)
		expect(t, e.put("/api/v1/me/employer-sharing", bo.Token, allSharing(true)), 200)
		markers := append(plantPrivate(t, e, cw, ida.ID), plantPrivate(t, e, cw, bo.ID)...)

		routes := apiRoutes(e)
		for _, want := range []string{"GET /api/v1/employees/:id", "POST /api/v1/employees/:id/fast-track", "GET /api/v1/me/checkins"} {
			if !contains(routes, want) {
				t.Fatalf("route walk misses %s", want)
			}
		}
		for _, victim := range []struct {
			name, id string
			own      bool
		}{{"own employee", ida.ID, true}, {"another employer's employee", bo.ID, false}} {
			for _, route := range routes {
				method, pattern, _ := strings.Cut(route, " ")
				if strings.HasPrefix(pattern, "/api/v1/auth/") {
					continue // signing in is not about an employee
				}
				if route == "GET /api/v1/openapi.json" {
					continue // the API's description names every field, and holds no one's data
				}
				t.Run(victim.name+" "+route, func(t *testing.T) {
					r := req{method: method, path: employerPath(pattern, victim.id), token: mette.Token}
					if method != "GET" && method != "DELETE" {
						r.body = robustWorld{params: map[string]string{}, cw: cw}.validBody(e.clock.Now())
					}
					got := e.do(r)
					for _, m := range markers {
						if strings.Contains(string(got.Body), m) {
							t.Fatalf("%s %s gave the employer %s: %s", method, r.path, m, got.Body)
						}
					}
					for _, key := range []string{`"wellbeing"`, `"agenda"`, `"reflection"`, `"checkins"`} {
						if got.Status < 300 && strings.Contains(string(got.Body), key) {
							t.Fatalf("%s %s gave the employer %s: %s", method, r.path, key, got.Body)
						}
					}
					mine := victim.own && strings.HasPrefix(pattern, "/api/v1/employees")
					mine = mine || strings.Contains(sharedRoutes[route], emp) // the employer's own devices and reminders
					if got.Status < 300 && !mine && !routesForEveryone[route] && !isAnonymous(route) && !anyRoleRoutes[route] {
						t.Fatalf("%s %s answered an employer %d: %s", method, r.path, got.Status, got.Body)
					}
					if !victim.own && strings.HasPrefix(pattern, "/api/v1/employees/") && got.Status != 404 {
						t.Fatalf("another employer's employee: %s %s %d", method, r.path, got.Status)
					}
					if !victim.own && strings.Contains(string(got.Body), bo.ID) {
						t.Fatalf("%s %s named another employer's employee", method, r.path)
					}
				})
			}
		}
		t.Logf("walked %d routes twice", len(routes))
		for _, it := range e.accessLog(bo.Token, "").Items {
			if it.CaseworkerName == "" {
				t.Fatalf("an employer read of another employer's employee was logged: %+v", it)
			}
		}
	})
}
