package api

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"trappen/models/sqldb"
)

// homeStatements is the ceiling on the citizen's home, authentication
// included (issue 13 asks for 5; it was 18): the token check, then the
// home's rows as JSON arrays in one statement on PostgreSQL and in four on
// SQLite (see readSnapshot). Equal to what it takes, so one more fails.
var homeStatements = map[sqldb.Dialect]int64{sqldb.Postgres: 2, sqldb.SQLite: 5}

// The citizen's home is the most requested screen: its statements must not
// grow back (issue 13).
func TestHomeTakesAFixedNumberOfStatements(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		e.meeting(j, "roundtable", "2026-03-05T10:00:00+01:00")
		expect(t, e.put(j.base+"/plan", j.cw.Token, planBody(week("2026-03-02", 2, 0, 2.5, 0, 2))), 200)
		g := e.overallGoal(j, "Tilbage i job")
		e.subGoal(j, g, "Gå ture", "Gå 20 minutter")
		expect(t, e.post("/api/v1/me/checkins", j.cz.Token, map[string]any{"id": checkinID, "recorded_at": "2026-03-02T09:30:00+01:00", "wellbeing": 6}), 201)

		n, seen := e.statements(func() { expect(t, e.get("/api/v1/me/home", j.cz.Token), 200) })
		t.Logf("the home screen takes %d statements, authentication included", n)
		if want := homeStatements[e.store.Dialect]; n > want {
			t.Fatalf("home took %d statements, want at most %d:\n%s", n, want, strings.Join(seen, "\n"))
		}
	})
}

// caseloadStatements is the ceiling on the caseload, authentication
// included (issue 13 asks for 10; it was 11): the token check, the caseload
// as JSON arrays in one statement on PostgreSQL and two on SQLite, and the
// access log in one (on the day's first view of a citizen only).
var caseloadStatements = map[sqldb.Dialect]int64{sqldb.Postgres: 3, sqldb.SQLite: 4}

// The caseload's statements do not grow with the number of citizens: 5 and
// 40 take the same number, authentication included.
func TestCaseloadOfFiveAndFortyTakeTheSameStatements(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		seed := seeder{t: t, store: e.store, by: cw.ID}
		added := 0
		grow := func(to int) {
			for ; added < to; added++ {
				id := e.registerNamed(cw, fmt.Sprintf("Borger %d", added), fmt.Sprintf("b%d@example.dk", added), 2)
				g := seed.goal(id, "Mål", e.clock.Now())
				seed.checkin(id, e.clock.Now().Add(-time.Hour), 5, 2, map[string]int{g: 4})
				seed.meeting(id, "follow_up", e.clock.Now().Add(time.Hour))
				seed.planVersion(id, 1, "no", e.clock.Now())
			}
		}
		grow(5)
		five := e.countStatements(func() { e.caseload(cw.Token, "") })
		grow(40)
		forty := e.countStatements(func() { e.caseload(cw.Token, "") })
		t.Logf("the caseload takes %d statements for 5 citizens, %d for 40", five, forty)
		if want := caseloadStatements[e.store.Dialect]; five != forty || forty > want {
			t.Fatalf("statements: %d for 5 citizens, %d for 40 (want equal and at most %d)", five, forty, want)
		}
		// Seen again the same day: the access log has today's entries, so the
		// view writes nothing.
		if again := e.countStatements(func() { e.caseload(cw.Token, "") }); again != forty-1 {
			t.Fatalf("a second view the same day took %d statements, want %d (no write)", again, forty-1)
		}
	})
}

// The progression graphs take the token check and one statement, however
// many goals, check-ins and placements there are (issue 13: it was six).
func TestProgressionTakesAFixedNumberOfStatements(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		expect(t, e.put(j.base+"/plan", j.cw.Token, planBody(week("2026-03-02", 2, 0, 2.5, 0, 2))), 200)
		g := e.overallGoal(j, "Tilbage i job")
		seed := seeder{t: t, store: e.store, by: j.cw.ID}
		for i := range 6 {
			seed.checkin(j.cz.ID, e.clock.Now().Add(-time.Duration(i)*24*time.Hour), 5, 2, map[string]int{g: 4})
		}
		var body struct {
			Goals []any `json:"goals"`
		}
		n, seen := e.statements(func() {
			r := expect(t, e.get("/api/v1/me/progression", j.cz.Token), 200)
			if err := json.Unmarshal(r.Body, &body); err != nil || len(body.Goals) == 0 {
				t.Fatalf("progression without its goal (%v): %s", err, r.Body)
			}
		})
		if n > 2 {
			t.Fatalf("progression took %d statements, want at most 2:\n%s", n, strings.Join(seen, "\n"))
		}
	})
}
