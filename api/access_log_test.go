package api

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"
)

type accessLogBody struct {
	Items []struct {
		ID             int64     `json:"id"`
		At             time.Time `json:"at"`
		CaseworkerName string    `json:"caseworker_name"`
		ReaderName     string    `json:"reader_name"`
		ReaderRole     string    `json:"reader_role"`
		What           string    `json:"what"`
	} `json:"items"`
	NextBefore *int64 `json:"next_before"`
}

func (e *env) accessLog(token, query string) accessLogBody {
	e.t.Helper()
	r := expect(e.t, e.get("/api/v1/me/access-log"+query, token), 200)
	var b accessLogBody
	if err := json.Unmarshal(r.Body, &b); err != nil {
		e.t.Fatalf("access log: %v: %s", err, r.Body)
	}
	return b
}

func (b accessLogBody) whats() []string {
	out := []string{}
	for _, it := range b.Items {
		out = append(out, it.What)
	}
	return out
}

func TestTheCitizenSeesEveryReadOfTheirDataNewestFirst(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		sara := e.caseworker("sara@example.dk")
		kim := e.caseworker("kim@example.dk")
		bo := e.citizen(sara, "bo@example.dk")
		if got := e.accessLog(bo.Token, ""); len(got.Items) != 0 || got.NextBefore != nil {
			t.Fatalf("fresh log = %+v", got)
		}

		e.caseload(sara.Token, "")
		e.caseload(sara.Token, "?sort=name") // the list is kept once a day
		e.clock.Advance(time.Minute)
		expect(t, e.get("/api/v1/citizens/"+bo.ID+"?secret=1", sara.Token), 200)
		expect(t, e.get("/api/v1/citizens/"+bo.ID, kim.Token), 404)                                                      // not theirs: nothing read
		expect(t, e.put("/api/v1/citizens/"+bo.ID+"/snooze", sara.Token, map[string]string{"until": "2026-03-09"}), 200) // a write that answers with the case's data
		expect(t, e.get("/api/v1/citizens/"+bo.ID+"/no-such-thing", sara.Token), 404)

		b := e.accessLog(bo.Token, "")
		if !reflect.DeepEqual(b.whats(), []string{"snooze", "profile", "caseload"}) {
			t.Fatalf("whats = %v, want [snooze profile caseload]", b.whats())
		}
		top := b.Items[1]
		if top.CaseworkerName != "Sara Sagsbehandler" || !top.At.Equal(e.clock.Now()) {
			t.Fatalf("entry = %+v", top)
		}

		e.clock.Advance(24 * time.Hour)
		sara, bo = e.login("sara@example.dk", testPassword), e.login("bo@example.dk", testPassword)
		e.caseload(sara.Token, "")
		if got := e.accessLog(bo.Token, "").whats(); !reflect.DeepEqual(got, []string{"caseload", "snooze", "profile", "caseload"}) {
			t.Fatalf("next day whats = %v", got)
		}
		expect(t, e.get("/api/v1/me/access-log", sara.Token), 403)

		export := expect(t, e.get("/api/v1/me/export", bo.Token), 200).JSON(t)
		if log, ok := export["access_log"].([]any); !ok || len(log) != 4 {
			t.Fatalf("export access_log = %v", export["access_log"])
		}
		if _, ok := export["caseworker_changes"].([]any); !ok {
			t.Fatalf("export caseworker_changes = %v", export["caseworker_changes"])
		}
		if sn, ok := export["snooze"].(map[string]any); !ok || sn["snoozed_until"] != "2026-03-09" {
			t.Fatalf("export snooze = %v", export["snooze"])
		}
	})
}

func TestTheAccessLogIsPaginated(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		sara := e.caseworker("sara@example.dk")
		bo := e.citizen(sara, "bo@example.dk")
		for i := 0; i < 5; i++ {
			expect(t, e.get("/api/v1/citizens/"+bo.ID, sara.Token), 200)
		}
		first := e.accessLog(bo.Token, "?limit=2")
		if len(first.Items) != 2 || first.NextBefore == nil {
			t.Fatalf("first page = %+v", first)
		}
		var seen []int64
		page := first
		for {
			for _, it := range page.Items {
				seen = append(seen, it.ID)
			}
			if page.NextBefore == nil {
				break
			}
			page = e.accessLog(bo.Token, fmt.Sprintf("?limit=2&before=%d", *page.NextBefore))
		}
		if len(seen) != 5 {
			t.Fatalf("paged through %d entries, want 5", len(seen))
		}
		for i := 1; i < len(seen); i++ {
			if seen[i] >= seen[i-1] {
				t.Fatalf("not newest first: %v", seen)
			}
		}
		for _, bad := range []string{"?limit=0", "?limit=101", "?limit=x", "?before=-1", "?before=abc"} {
			expect(t, e.get("/api/v1/me/access-log"+bad, bo.Token), 422)
		}
	})
}

func TestWhatFromRoute(t *testing.T) {
	t.Parallel()
	const prefix = "/api/v1/citizens/:id"
	tests := []struct{ pattern, want string }{
		{"/api/v1/citizens/:id", "profile"},
		{"/api/v1/citizens/:id/progression", "progression"},
		{"/api/v1/citizens/:id/plan/versions", "plan_versions"},
		{"/api/v1/citizens/:id/meetings/:meeting_id", "meetings"},
		{"/api/v1/citizens/:id/fast-track", "fast_track"},
		{"/api/v1/citizens", ""},
		{"/api/v1/me/export", ""},
	}
	for _, tt := range tests {
		t.Run(tt.pattern+" reads as "+tt.want, func(t *testing.T) {
			if got := whatFromRoute(tt.pattern, prefix); got != tt.want {
				t.Fatalf("what = %q, want %q", got, tt.want)
			}
		})
	}
}
