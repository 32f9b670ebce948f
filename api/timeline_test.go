package api

import (
	"testing"
	"time"
)

// timelineItems reads a timeline as key → item, checking it is ordered by due.
func timelineItems(t *testing.T, r resp) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	prev := ""
	for _, it := range items(t, expect(t, r, 200)) {
		m := it.(map[string]any)
		if due := m["due"].(string); due < prev {
			t.Fatalf("not ordered by due: %s", r.Body)
		} else {
			prev = due
		}
		for _, k := range []string{"key", "due", "status", "done_on", "meeting_id"} {
			if _, ok := m[k]; !ok {
				t.Fatalf("item without %s: %v", k, m)
			}
		}
		out[m["key"].(string)] = m
	}
	return out
}

func wantItem(t *testing.T, items map[string]map[string]any, key, due, status string) map[string]any {
	t.Helper()
	it, ok := items[key]
	if !ok {
		t.Fatalf("no %s in %v", key, items)
	}
	if it["due"] != due || it["status"] != status {
		t.Fatalf("%s: due %v status %v, want %s %s", key, it["due"], it["status"], due, status)
	}
	return it
}

func TestTheTimelineOfBothSides(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		for _, r := range []resp{e.get(j.base+"/timeline", j.cw.Token), e.get("/api/v1/me/timeline", j.cz.Token)} {
			tl := timelineItems(t, r)
			wantItem(t, tl, "fast_track_limit", "2026-03-23", "open")
			wantItem(t, tl, "first_follow_up", "2026-04-12", "open") // the end of week 8
			wantItem(t, tl, "re_evaluation", "2026-07-19", "open")   // the end of week 22
			if len(tl) != 3 {
				t.Fatalf("items %v", tl)
			}
		}
		// The citizen asks for fast track themself: accepted at once.
		expect(t, e.post(j.base+"/fast-track", j.cw.Token, ftBody("citizen", testStart, 12)), 201)
		tl := timelineItems(t, e.get(j.base+"/timeline", j.cw.Token))
		if it := wantItem(t, tl, "fast_track_limit", "2026-03-23", "done"); it["done_on"] != "2026-03-02" {
			t.Fatalf("fast_track_limit done on %v", it["done_on"])
		}
		wantItem(t, tl, "first_follow_up", "2026-03-16", "open")
		wantItem(t, tl, "doctor_consultation", "2026-03-16", "open")
		// The citizen page carries the same timeline.
		detail := expect(t, e.get(j.base, j.cw.Token), 200).JSON(t)
		if len(detail["timeline"].([]any)) != 4 {
			t.Fatalf("citizen page timeline %v", detail["timeline"])
		}

		// The citizen records the doctor's consultation.
		wantFields(t, e.post("/api/v1/me/timeline/doctor_consultation", j.cz.Token, map[string]any{"done_on": "2026-03-03"}), "done_on")
		wantFields(t, e.post("/api/v1/me/timeline/doctor_consultation", j.cz.Token, map[string]any{"done_on": "2026-02-01"}), "done_on")
		wantFields(t, e.post("/api/v1/me/timeline/doctor_consultation", j.cz.Token, map[string]any{}), "done_on")
		tl = timelineItems(t, e.post("/api/v1/me/timeline/doctor_consultation", j.cz.Token, map[string]any{"done_on": "2026-03-02"}))
		if it := wantItem(t, tl, "doctor_consultation", "2026-03-16", "done"); it["done_on"] != "2026-03-02" {
			t.Fatalf("doctor done on %v", it["done_on"])
		}

		// A roundtable held within the 14 days is the first follow-up.
		rt := e.meeting(j, "roundtable", "2026-03-02T11:00:00+01:00")
		if it := wantItem(t, timelineItems(t, e.get(j.base+"/timeline", j.cw.Token)), "first_follow_up", "2026-03-16", "open"); it["meeting_id"] != nil {
			t.Fatalf("a booked meeting counted before it started: %v", it)
		}
		e.clock.Advance(3 * time.Hour)
		j.cw, j.cz = e.login("cw@example.dk", testPassword), e.login("bo@example.dk", testPassword)
		tl = timelineItems(t, e.get(j.base+"/timeline", j.cw.Token))
		if it := wantItem(t, tl, "first_follow_up", "2026-03-16", "done"); it["meeting_id"] != rt || it["done_on"] != "2026-03-02" {
			t.Fatalf("first follow-up %v", it)
		}
		wantItem(t, tl, "next_follow_up", "2026-03-30", "open") // category 2: 28 days

		// The caseworker records the re-evaluation.
		wantFields(t, e.post(j.base+"/timeline/re_evaluation", j.cw.Token, map[string]any{"done_on": "2026-03-02", "outcome": "maybe"}), "outcome")
		wantFields(t, e.post(j.base+"/timeline/re_evaluation", j.cw.Token, map[string]any{"outcome": "extended"}), "done_on")
		tl = timelineItems(t, e.post(j.base+"/timeline/re_evaluation", j.cw.Token, map[string]any{"done_on": "2026-03-02", "outcome": "extended"}))
		if it := wantItem(t, tl, "re_evaluation", "2026-07-19", "done"); it["outcome"] != "extended" || it["done_on"] != "2026-03-02" {
			t.Fatalf("re-evaluation %v", it)
		}
		// The citizen cannot record the re-evaluation; another caseworker sees nothing.
		expect(t, e.post("/api/v1/me/timeline/re_evaluation", j.cz.Token, map[string]any{"done_on": "2026-03-02", "outcome": "extended"}), 404)
		other := e.caseworker("other@example.dk")
		expect(t, e.get(j.base+"/timeline", other.Token), 404)
		expect(t, e.post(j.base+"/timeline/doctor_consultation", other.Token, map[string]any{"done_on": "2026-03-02"}), 404)
		expect(t, e.get(j.base+"/timeline", j.cz.Token), 404)
	})
}

func TestADoctorConsultationNeedsAnAcceptedRequest(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		if code := expect(t, e.post(j.base+"/timeline/doctor_consultation", j.cw.Token, map[string]any{"done_on": "2026-03-02"}), 409).ErrorCode(t); code != "not_on_timeline" {
			t.Fatalf("code %s", code)
		}
	})
}

func TestTheCaseloadReadsTheSameTimeline(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		// Accepted on 2 March: the first follow-up by 16 March.
		expect(t, e.post(j.base+"/fast-track", j.cw.Token, ftBody("citizen", testStart, 12)), 201)
		row := func() map[string]any {
			t.Helper()
			for _, it := range items(t, expect(t, e.get("/api/v1/citizens", j.cw.Token), 200)) {
				if m := it.(map[string]any); m["id"] == j.cz.ID {
					return m
				}
			}
			t.Fatal("not on the caseload")
			return nil
		}
		actions := func() []string {
			var out []string
			for _, a := range row()["open_actions"].([]any) {
				out = append(out, a.(string))
			}
			return out
		}
		if !contains(actions(), "follow_up_not_booked") {
			t.Fatalf("actions %v", actions())
		}
		// Booked on 16 March: the caseload clears the action, and the
		// timeline still says open (booked is not held) — the same rule.
		e.meeting(j, "follow_up", "2026-03-16T12:00:00+01:00")
		if contains(actions(), "follow_up_not_booked") {
			t.Fatalf("actions %v", actions())
		}
		if d := row()["nearest_deadline"].(map[string]any); d["kind"] != "first_follow_up" && d["kind"] != "doctor_consultation" {
			t.Fatalf("nearest deadline %v", d)
		}
		// The 17th: the doctor's consultation was never recorded — overdue.
		e.clock.Set(time.Date(2026, 3, 17, 8, 0, 0, 0, time.UTC))
		j.cw = e.login("cw@example.dk", testPassword)
		tl := timelineItems(t, e.get(j.base+"/timeline", j.cw.Token))
		wantItem(t, tl, "first_follow_up", "2026-03-16", "done")
		wantItem(t, tl, "doctor_consultation", "2026-03-16", "overdue")
		if !contains(actions(), "timeline_overdue") {
			t.Fatalf("actions %v", actions())
		}
		if d := row()["nearest_deadline"].(map[string]any); d["kind"] != "doctor_consultation" || d["overdue"] != true {
			t.Fatalf("nearest deadline %v", d)
		}
	})
}

func TestFastTrackRefusesImpossibleRequests(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		code := func(r resp, status int) string { t.Helper(); return expect(t, r, status).ErrorCode(t) }
		ft := j.base + "/fast-track"
		if c := code(e.post(ft, j.cw.Token, ftBody("employer", time.Date(2026, 2, 15, 12, 0, 0, 0, time.UTC), 12)), 422); c != "fast_track_before_first_sick_day" {
			t.Fatalf("before the first sick day: %s", c)
		}
		if c := code(e.post(ft, j.cw.Token, ftBody("employer", testStart.Add(time.Hour), 12)), 422); c != "fast_track_in_future" {
			t.Fatalf("in the future: %s", c)
		}
		// Too late is checked first (the contract), so a date far ahead is too late.
		if c := code(e.post(ft, j.cw.Token, ftBody("employer", testStart.AddDate(0, 6, 0), 12)), 422); c != "fast_track_too_late" {
			t.Fatalf("half a year ahead: %s", c)
		}
		expect(t, e.post(ft, j.cw.Token, ftBody("employer", testStart.Add(-time.Hour), 12)), 201)
		if c := code(e.post(ft, j.cw.Token, ftBody("employer", testStart.Add(-time.Minute), 12)), 409); c != "fast_track_pending_exists" {
			t.Fatalf("a second pending request: %s", c)
		}
		// No employer, no fast track.
		u := e.citizenOf(j.cw, "uma@example.dk")
		expect(t, e.patch(u.base, j.cw.Token, map[string]any{"employment": "unemployed"}), 200)
		if c := code(e.post(u.base+"/fast-track", j.cw.Token, ftBody("citizen", testStart, 12)), 422); c != "fast_track_no_employer" {
			t.Fatalf("unemployed: %s", c)
		}
		tl := timelineItems(t, e.get(u.base+"/timeline", j.cw.Token))
		wantItem(t, tl, "fast_track_limit", "2026-03-23", "not_applicable")
	})
}
