package api

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// caseloadBody is the caseload as the front end reads it.
type caseloadBody struct {
	Items []struct {
		ID              string     `json:"id"`
		Name            string     `json:"name"`
		Category        int        `json:"category"`
		Activated       bool       `json:"activated"`
		WeekOfSickness  int        `json:"week_of_sickness"`
		InviteExpiresAt *time.Time `json:"invite_expires_at"`
		NextMeeting     *struct {
			ID       string    `json:"id"`
			Kind     string    `json:"kind"`
			StartsAt time.Time `json:"starts_at"`
		} `json:"next_meeting"`
		LastCheckin *struct {
			RecordedAt    time.Time `json:"recorded_at"`
			Wellbeing     *int      `json:"wellbeing"`
			StaircaseStep *int      `json:"staircase_step"`
			Trend         *string   `json:"trend"`
		} `json:"last_checkin"`
		OpenActions     []string `json:"open_actions"`
		NeedsAction     bool     `json:"needs_action"`
		NearestDeadline *struct {
			Kind    string    `json:"kind"`
			At      time.Time `json:"at"`
			Overdue bool      `json:"overdue"`
		} `json:"nearest_deadline"`
		RoundtableThisWeek bool    `json:"roundtable_this_week"`
		SnoozedUntil       *string `json:"snoozed_until"`
		SnoozeReason       *string `json:"snooze_reason"`
	} `json:"items"`
}

func (e *env) caseload(token, query string) caseloadBody {
	e.t.Helper()
	r := expect(e.t, e.get("/api/v1/citizens"+query, token), 200)
	var b caseloadBody
	if err := json.Unmarshal(r.Body, &b); err != nil {
		e.t.Fatalf("caseload: %v: %s", err, r.Body)
	}
	return b
}

func (b caseloadBody) names() []string {
	out := []string{}
	for _, it := range b.Items {
		out = append(out, it.Name)
	}
	return out
}

// registerNamed registers (without activating) a citizen called name.
func (e *env) registerNamed(cw session, name, email string, category int) string {
	e.t.Helper()
	in := citizenInput(email)
	in["name"], in["category"] = name, category
	return expect(e.t, e.post("/api/v1/citizens", cw.Token, in), 201).JSON(e.t)["id"].(string)
}

func TestCaseloadShowsEachCitizensSituationAtAGlance(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk") // first sick day 2026-02-16; now Monday 2026-03-02
		seed := seeder{t: t, store: e.store, by: cw.ID}
		now := e.clock.Now()
		goal := seed.goal(bo.ID, "Tilbage 12 timer om ugen", now)
		seed.checkin(bo.ID, now.Add(-21*24*time.Hour), 9, 2, map[string]int{goal: 9}) // older than the three the trend reads
		seed.checkin(bo.ID, now.Add(-14*24*time.Hour), 4, 2, map[string]int{goal: 3})
		seed.checkin(bo.ID, now.Add(-7*24*time.Hour), 5, 2, map[string]int{goal: 3})
		seed.checkin(bo.ID, now.Add(-time.Hour), 6, 3, map[string]int{goal: 5})
		rt := seed.meeting(bo.ID, "roundtable", now.Add(50*time.Hour))
		seed.reflection(rt, bo.ID, true, now)
		seed.meeting(bo.ID, "status", now.Add(-2*time.Hour)) // past: not the next one
		seed.fastTrack(bo.ID, "pending", now.Add(-2*time.Hour))

		b := e.caseload(cw.Token, "")
		if len(b.Items) != 1 {
			t.Fatalf("items = %d", len(b.Items))
		}
		it := b.Items[0]
		if it.ID != bo.ID || it.Name != "Bo Borger" || !it.Activated || it.WeekOfSickness != 3 || it.Category != 2 {
			t.Fatalf("profile fields wrong: %+v", it)
		}
		if it.NextMeeting == nil || it.NextMeeting.ID != rt || it.NextMeeting.Kind != "roundtable" {
			t.Fatalf("next meeting = %+v, want the roundtable", it.NextMeeting)
		}
		if c := it.LastCheckin; c == nil || *c.Wellbeing != 6 || *c.StaircaseStep != 3 || c.Trend == nil || *c.Trend != "up" {
			t.Fatalf("last check-in = %+v", it.LastCheckin)
		}
		// The early follow-up is owed once the request is accepted (timeline.go).
		wantActions := []string{"fast_track_pending", "reflection_shared"}
		if !reflect.DeepEqual(it.OpenActions, wantActions) || !it.NeedsAction {
			t.Fatalf("open actions = %v, want %v", it.OpenActions, wantActions)
		}
		// Received Monday 07:00 Copenhagen → Wednesday 23:59:59 CET.
		if d := it.NearestDeadline; d == nil || d.Kind != "fast_track_consent" || !d.At.Equal(time.Date(2026, 3, 4, 22, 59, 59, 0, time.UTC)) {
			t.Fatalf("nearest deadline = %+v", it.NearestDeadline)
		}
		if !it.RoundtableThisWeek || it.SnoozedUntil != nil || it.InviteExpiresAt != nil {
			t.Fatalf("week/snooze/invite wrong: %+v", it)
		}
	})
}

func TestCaseloadFiltersAndSorts(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		seed := seeder{t: t, store: e.store, by: cw.ID}
		now := e.clock.Now()
		ann := e.registerNamed(cw, "Ann", "ann@example.dk", 1)
		ole := e.registerNamed(cw, "Ole", "ole@example.dk", 2)
		eva := e.registerNamed(cw, "Eva", "eva@example.dk", 3)
		seed.fastTrack(ole, "pending", now)
		seed.meeting(eva, "roundtable", now.Add(24*time.Hour))
		// Not activated: Ann, Ole and Eva all have a working invite, so only
		// Ole's pending fast track needs action.
		tests := []struct {
			query string
			want  []string
		}{
			{"", []string{"Ole", "Ann", "Eva"}}, // Ole's consent deadline, then the 5-week limits, then by name
			{"?sort=name", []string{"Ann", "Eva", "Ole"}},
			{"?filter=needs_action", []string{"Ole"}},
			{"?filter=fast_track_pending", []string{"Ole"}},
			{"?filter=roundtable_this_week", []string{"Eva"}},
			{"?filter=no_checkin_14d", []string{}},
			{"?category=1", []string{"Ann"}},
			{"?category=3&filter=roundtable_this_week", []string{"Eva"}},
		}
		for _, tt := range tests {
			t.Run("query "+tt.query, func(t *testing.T) {
				if got := e.caseload(cw.Token, tt.query).names(); !reflect.DeepEqual(got, tt.want) {
					t.Fatalf("names = %v, want %v", got, tt.want)
				}
			})
		}
		_ = ann
		for _, bad := range []string{"?sort=age", "?filter=everyone", "?category=4", "?category=two"} {
			r := expect(t, e.get("/api/v1/citizens"+bad, cw.Token), 422)
			if r.ErrorCode(t) != "validation_failed" || len(r.Fields(t)) != 1 {
				t.Fatalf("%s: %s", bad, r.Body)
			}
		}
	})
}

func TestCaseloadShowsAnExpiredInviteThatCanBeReissued(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		r := expect(t, e.post("/api/v1/citizens", cw.Token, citizenInput("bo@example.dk")), 201).JSON(t)
		id, code := r["id"].(string), r["invite_code"].(string)
		if r["invite_url"] != "/aktiver?kode="+code {
			t.Fatalf("invite_url = %v", r["invite_url"])
		}
		it := e.caseload(cw.Token, "").Items[0]
		if it.Activated || it.InviteExpiresAt == nil || len(it.OpenActions) != 0 {
			t.Fatalf("fresh invite: %+v", it)
		}
		e.clock.Advance(15 * 24 * time.Hour)
		cw = e.login("sara@example.dk", testPassword)
		it = e.caseload(cw.Token, "").Items[0]
		if !reflect.DeepEqual(it.OpenActions, []string{"invite_expired"}) {
			t.Fatalf("open actions = %v, want invite_expired", it.OpenActions)
		}
		re := expect(t, e.post("/api/v1/citizens/"+id+"/invite", cw.Token, nil), 201).JSON(t)
		if re["invite_url"] != "/aktiver?kode="+re["invite_code"].(string) {
			t.Fatalf("reissue invite_url = %v", re["invite_url"])
		}
		it = e.caseload(cw.Token, "").Items[0]
		if len(it.OpenActions) != 0 || !it.InviteExpiresAt.After(e.clock.Now()) {
			t.Fatalf("after reissue: %+v", it)
		}
	})
}

func TestSnoozedCitizensSortLastAndNeedNoActionUntilTheDate(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		seed := seeder{t: t, store: e.store, by: cw.ID}
		ann := e.registerNamed(cw, "Ann", "ann@example.dk", 2)
		e.registerNamed(cw, "Ole", "ole@example.dk", 2)
		seed.fastTrack(ann, "accepted", e.clock.Now()) // follow-up owed: Ann comes first

		r := expect(t, e.put("/api/v1/citizens/"+ann+"/snooze", cw.Token, map[string]string{"until": "2026-03-05", "reason": "Indlagt"}), 200).JSON(t)
		if r["snoozed_until"] != "2026-03-05" || r["snooze_reason"] != "Indlagt" {
			t.Fatalf("snooze answer = %v", r)
		}
		b := e.caseload(cw.Token, "")
		if !reflect.DeepEqual(b.names(), []string{"Ole", "Ann"}) || *b.Items[1].SnoozedUntil != "2026-03-05" || b.Items[1].NeedsAction {
			t.Fatalf("snoozed: %v %+v", b.names(), b.Items[1])
		}
		if got := e.caseload(cw.Token, "?filter=needs_action").names(); len(got) != 0 {
			t.Fatalf("needs action while snoozed = %v", got)
		}
		e.clock.Set(time.Date(2026, 3, 4, 23, 0, 0, 0, time.UTC)) // 5 March 00:00 in Copenhagen
		cw = e.login("sara@example.dk", testPassword)
		if got := e.caseload(cw.Token, "?filter=needs_action").names(); !reflect.DeepEqual(got, []string{"Ann"}) {
			t.Fatalf("on the date: needs action = %v", got)
		}
		e.clock.Set(testStart)
		expect(t, e.delete("/api/v1/citizens/"+ann+"/snooze", cw.Token), 204)
		if b := e.caseload(cw.Token, ""); b.names()[0] != "Ann" || b.Items[0].SnoozedUntil != nil {
			t.Fatalf("after unsnooze: %v", b.names())
		}
		for _, body := range []any{map[string]string{"until": "2026-03-02"}, map[string]any{"until": 5}, map[string]string{}} {
			expect(t, e.put("/api/v1/citizens/"+ann+"/snooze", cw.Token, body), 422)
		}
	})
}

func TestReassignHandsTheCitizenOverAndTheOldCaseworkerLosesSight(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		sara := e.caseworker("sara@example.dk")
		kim := e.caseworker("kim@example.dk")
		bo := e.citizen(sara, "bo@example.dk")
		expect(t, e.put("/api/v1/citizens/"+bo.ID+"/snooze", sara.Token, map[string]string{"until": "2026-03-05"}), 200)

		list := expect(t, e.get("/api/v1/caseworkers", sara.Token), 200).JSON(t)["items"].([]any)
		if len(list) != 2 || list[0].(map[string]any)["email"] == nil {
			t.Fatalf("caseworkers = %v", list)
		}
		expect(t, e.get("/api/v1/caseworkers", bo.Token), 403)
		for _, body := range []any{map[string]string{"caseworker_id": bo.ID}, map[string]string{"caseworker_id": ""}, map[string]int{"caseworker_id": 1}} {
			expect(t, e.post("/api/v1/citizens/"+bo.ID+"/reassign", sara.Token, body), 422)
		}
		expect(t, e.post("/api/v1/citizens/"+bo.ID+"/reassign", kim.Token, map[string]string{"caseworker_id": kim.ID}), 404)

		r := expect(t, e.post("/api/v1/citizens/"+bo.ID+"/reassign", sara.Token, map[string]string{"caseworker_id": kim.ID}), 200).JSON(t)
		if r["caseworker"].(map[string]any)["id"] != kim.ID {
			t.Fatalf("answer = %v", r)
		}
		expect(t, e.get("/api/v1/citizens/"+bo.ID, sara.Token), 404)
		expect(t, e.put("/api/v1/citizens/"+bo.ID+"/snooze", sara.Token, map[string]string{"until": "2026-03-05"}), 404)
		if n := len(e.caseload(sara.Token, "").Items); n != 0 {
			t.Fatalf("old caseworker still lists %d citizens", n)
		}
		b := e.caseload(kim.Token, "")
		if len(b.Items) != 1 || b.Items[0].SnoozedUntil != nil {
			t.Fatalf("new caseworker's caseload: %+v (the old snooze must not follow)", b.Items)
		}
		changes, err := e.store.CaseworkerChanges(context.Background(), bo.ID)
		if err != nil || len(changes) != 1 || changes[0].To != "Sara Sagsbehandler" {
			// Both test caseworkers are called Sara Sagsbehandler; the row is what matters.
			t.Fatalf("history = %+v, %v", changes, err)
		}
	})
}

// statementCounter counts every SQL statement GORM runs.
type statementCounter struct {
	logger.Interface
	n    atomic.Int64
	mu   sync.Mutex
	seen []string
}

func (c *statementCounter) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	c.n.Add(1)
	sql, _ := fc()
	c.mu.Lock()
	c.seen = append(c.seen, sql)
	c.mu.Unlock()
}

// countStatements runs fn and returns how many SQL statements it caused,
// on the writer and on the readers (one pool on PostgreSQL).
func (e *env) countStatements(fn func()) int64 {
	n, _ := e.statements(fn)
	return n
}

// statements runs fn and returns how many SQL statements it caused and their text.
func (e *env) statements(fn func()) (int64, []string) {
	c := &statementCounter{Interface: logger.Discard}
	for _, db := range []*gorm.DB{e.store.DB, e.store.Read} {
		old := db.Config.Logger
		db.Config.Logger = c
		defer func() { db.Config.Logger = old }()
	}
	fn()
	return c.n.Load(), c.seen
}

func TestCaseloadUsesAFixedNumberOfQueriesWhateverItsSize(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		seed := seeder{t: t, store: e.store, by: cw.ID}
		add := func(n int) {
			for i := 0; i < n; i++ {
				id := e.registerNamed(cw, fmt.Sprintf("Borger %d", i), fmt.Sprintf("b%d-%d@example.dk", i, time.Now().UnixNano()), 2)
				g := seed.goal(id, "Mål", e.clock.Now())
				seed.checkin(id, e.clock.Now().Add(-time.Hour), 5, 2, map[string]int{g: 4})
				seed.meeting(id, "follow_up", e.clock.Now().Add(time.Hour))
				seed.fastTrack(id, "pending", e.clock.Now())
				seed.planVersion(id, 1, "no", e.clock.Now())
			}
		}
		add(2)
		small := e.countStatements(func() { e.caseload(cw.Token, "") })
		add(10)
		large := e.countStatements(func() { e.caseload(cw.Token, "") })
		if small != large || large > 10 {
			t.Fatalf("statements: %d for 2 citizens, %d for 12 (want equal and at most 10)", small, large)
		}
		t.Logf("the caseload takes %d statements, authentication included", large)
		if !strings.Contains(strings.Join(e.caseload(cw.Token, "").Items[0].OpenActions, ","), "plan_feedback_no") {
			t.Fatal("plan feedback not read")
		}
	})
}
