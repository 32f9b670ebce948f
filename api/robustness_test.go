package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"trappen/models"
)

// robustWorld is one caseworker and one activated citizen with a goal, a
// plan, a meeting, a fast-track request and a check-in, so a bad request on
// any route passes the ownership check and reaches validation.
type robustWorld struct {
	cw, bo  session
	params  map[string]string // path parameter name → a real id
	goalID  string
	p256dh  string
	authKey string
}

func newRobustWorld(t *testing.T, e *env) robustWorld {
	t.Helper()
	w := robustWorld{cw: e.caseworker("sara@example.dk")}
	w.bo = e.citizen(w.cw, "bo@example.dk")
	base := "/api/v1/citizens/" + w.bo.ID
	w.goalID = expect(t, e.post(base+"/goals", w.cw.Token, map[string]any{"title": "Tilbage på fuld tid"}), 201).JSON(t)["id"].(string)
	expect(t, e.put(base+"/plan", w.cw.Token, map[string]any{"weeks": []any{map[string]any{"week_start": "2026-03-02",
		"hours": map[string]float64{"mon": 3, "tue": 3, "wed": 3, "thu": 3, "fri": 3}}}}), 200)
	meeting := expect(t, e.post(base+"/meetings", w.cw.Token, map[string]any{"kind": "roundtable",
		"starts_at": e.clock.Now().Add(72 * time.Hour).Format(time.RFC3339), "location": "Jobcentret"}), 201).JSON(t)["id"].(string)
	ft := expect(t, e.post(base+"/fast-track", w.cw.Token, map[string]any{"requested_by": "employer",
		"requested_at": e.clock.Now().Format(time.RFC3339), "expected_weeks": 12}), 201).JSON(t)["id"].(string)
	// Seen already, as POST /me/plan/seen takes no body and so succeeds.
	expect(t, e.post("/api/v1/me/plan/seen", w.bo.Token, nil), 204)
	expect(t, e.post("/api/v1/me/checkins", w.bo.Token, map[string]any{"id": models.NewID(),
		"recorded_at": e.clock.Now().Format(time.RFC3339), "wellbeing": 6}), 201)
	w.params = map[string]string{"id": w.bo.ID, "meeting_id": meeting, "goal_id": w.goalID, "ft_id": ft}
	w.p256dh, w.authKey = browserKeys(t)
	return w
}

// token is the role each API prefix needs; the auth routes need none.
func (w robustWorld) token(path string) string {
	switch {
	case strings.HasPrefix(path, "/api/v1/citizens"), strings.HasPrefix(path, "/api/v1/caseworkers"):
		return w.cw.Token
	case strings.HasPrefix(path, "/api/v1/me"):
		return w.bo.Token
	}
	return ""
}

// path fills a route pattern with the world's ids.
func (w robustWorld) path(pattern string) string {
	segs := strings.Split(pattern, "/")
	for i, s := range segs {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			segs[i] = w.params[strings.TrimSuffix(name, "?")]
		}
	}
	return strings.Join(segs, "/")
}

// validBody is one body every write route accepts (each handler ignores the
// fields it does not know); a new route with other fields adds them here.
// Only the fast-track decision is left out, so the request stays undecided.
func (w robustWorld) validBody(now time.Time) map[string]any {
	ts := now.Format(time.RFC3339)
	return map[string]any{
		"name": "Bo Borger", "email": "ny@example.dk", "locale": "da", "first_sick_day": "2026-02-16",
		"category": 2, "expected_weeks": 12, "employer_name": "Kommunens Rengøring",
		"password": testPassword, "invite_code": "ABCD-EFGH",
		"current_password": testPassword, "new_password": "a brand new password",
		"title": "Gå en tur hver dag", "parent_id": w.goalID, "target_date": "2026-06-01", "activities": []any{"Gå en tur"},
		"weeks": []any{map[string]any{"week_start": "2026-03-09", "note": "Stille start", "status_meeting": "2026-03-20",
			"hours": map[string]any{"mon": 2, "tue": 2, "wed": 2.5, "thu": 2, "fri": 2}}},
		"allowed_tasks": []any{"Kontor"}, "avoid_tasks": []any{"Tunge løft"},
		"mixing_desk": map[string]any{"hours": 2, "physical": 3, "tasks": 3, "responsibility": 3, "predictability": 3, "intensity": 3},
		"kind":        "roundtable", "starts_at": now.Add(96 * time.Hour).Format(time.RFC3339), "duration_minutes": 60,
		"location": "Jobcentret", "participants": []any{"Arbejdsgiver"}, "agenda": "Plan for de næste uger",
		"requested_by": "employer", "requested_at": ts,
		"id": models.NewID(), "recorded_at": ts, "goal_scores": []any{map[string]any{"goal_id": w.goalID, "score": 5}},
		"staircase_step": 3, "wellbeing": 6, "hours_worked": 2.5, "note": "En god dag",
		"came_from": "Sygemelding", "heading_to": "Fuld tid", "proposal": "Flere timer", "shared": true,
		"response": "attending", "reason": "Ferie", "recognises": "yes", "comment": "Fint",
		"endpoint": testPushPrefix + "abc", "keys": map[string]any{"p256dh": w.p256dh, "auth": w.authKey},
		"quiet_hours": map[string]any{"start": "21:00", "end": "08:00"}, "paused_until": nil,
		"until": "2026-03-09", "caseworker_id": w.cw.ID, "party": "employer", "step": 3, "date": "2026-03-02",
	}
}

// Field kinds by name, so a battery can break one kind and keep the rest valid.
var (
	textFields = set("name", "employer_name", "password", "current_password", "new_password", "invite_code", "title", "activities", "note",
		"allowed_tasks", "avoid_tasks", "location", "participants", "agenda", "came_from", "heading_to",
		"proposal", "reason", "comment", "endpoint", "p256dh", "auth", "email")
	dateFields = set("first_sick_day", "target_date", "week_start", "status_meeting", "until", "date")
	timeFields = set("starts_at", "requested_at", "recorded_at", "paused_until")
	idFields   = set("id", "parent_id", "goal_id", "caseworker_id")
)

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// rewrite returns a deep copy of v where f replaced every leaf it wants;
// f sees the leaf's field name (an array's elements carry the array's name).
func rewrite(v any, key string, f func(key string, leaf any) (any, bool)) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, val := range x {
			out[k] = rewrite(val, k, f)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, val := range x {
			out[i] = rewrite(val, key, f)
		}
		return out
	}
	if r, ok := f(key, v); ok {
		return r
	}
	return v
}

func isNumber(v any) bool {
	switch v.(type) {
	case int, float64:
		return true
	}
	return false
}

// wrongTypes are one value of every JSON type; wrongFor picks the n-th one
// that differs from v's own type.
var wrongTypes = []any{"x", 7, true, []any{1}, map[string]any{"a": 1}}

func wrongFor(v any, n int) any {
	kind := func(x any) string { return fmt.Sprintf("%T", x) }
	for i := 0; ; i++ {
		cand := wrongTypes[(n+i)%len(wrongTypes)]
		if kind(cand) != kind(v) && !(isNumber(cand) && isNumber(v)) {
			return cand
		}
	}
}

// body is one request body for the battery: a name and raw JSON.
type body struct {
	name    string
	raw     []byte
	mayPass bool // empty strings are valid where every field is optional
}

func jsonBody(t *testing.T, name string, v any) body {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return body{name: name, raw: raw}
}

// texts, dates, times and numbers are the edge values of each field kind.
var (
	long      = strings.Repeat("å", 50_000) // 100 KB of UTF-8
	badTexts  = []string{"nul\u0000byte", long, "\u202eRTL\u200f mærke\u200e", "🪜 trappe", ""}
	badDates  = []string{"2026-02-30", "0000-01-01", "9999-12-31", "2026-3-9", "2026-03-09T00:00:00Z", "09-03-2026", "x"}
	badTimes  = []string{"2026-03-10T09:00:00", "2026-03-10", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-02-30T09:00:00Z", "-0001-01-01T00:00:00Z", "x"}
	edgeTimes = []string{"2026-03-06T09:00:00+14:00", "2026-03-06T09:00:00-12:00", "2026-03-06T09:00:00.123456789Z", "2026-03-29T02:30:00+01:00"}
	badNums   = []string{"1e309", "-1", "9223372036854775808", "-9223372036854775809", "0.1", "1e-400", "25", "100000000000"}
)

// invalidBodies break every field at once, so no route may store anything.
func invalidBodies(t *testing.T, valid map[string]any) []body {
	var bodies []body
	for name, raw := range map[string]string{"malformed JSON": `{"title": `, "null": `null`, "array": `[]`,
		"string": `"x"`, "number": `123`, "two objects": `{"a":1}{"b":2}`, "raw NUL byte": "{\"title\":\"a\x00b\"}",
		"deep nesting": strings.Repeat("[", 20000)} {
		bodies = append(bodies, body{name: name, raw: []byte(raw)})
	}
	for n := range wrongTypes {
		top := map[string]any{}
		for k, v := range valid {
			top[k] = wrongFor(v, n)
		}
		bodies = append(bodies, jsonBody(t, fmt.Sprintf("every field a wrong type (%d)", n), top))
		leaves := rewrite(valid, "", func(_ string, v any) (any, bool) { return wrongFor(v, n), true })
		bodies = append(bodies, jsonBody(t, fmt.Sprintf("every leaf a wrong type (%d)", n), leaves))
	}
	empty := jsonBody(t, "every string empty", rewrite(valid, "", func(_ string, v any) (any, bool) {
		_, ok := v.(string)
		return "", ok
	}))
	empty.mayPass = true
	bodies = append(bodies, empty)
	bodies = append(bodies, jsonBody(t, "NUL in every text", rewrite(valid, "", func(k string, v any) (any, bool) {
		s, ok := v.(string)
		return s + "\u0000", ok
	})))
	for i, d := range badDates {
		bad := rewrite(valid, "", func(k string, v any) (any, bool) {
			switch {
			case dateFields[k]:
				return d, true
			case timeFields[k]:
				return badTimes[i], true
			case isNumber(v):
				return json.Number(badNums[i]), true
			case textFields[k]:
				return "\u0000", true // routes without dates must fail too
			}
			return nil, false
		})
		bodies = append(bodies, jsonBody(t, "bad dates, times and numbers "+d, bad))
	}
	return bodies
}

// mixedBodies break one kind of field and keep the rest valid, so some are
// rightly accepted; none may fail with a 5xx.
func mixedBodies(t *testing.T, valid map[string]any) []body {
	var bodies []body
	only := func(name string, match func(string, any) bool, val any) {
		bodies = append(bodies, jsonBody(t, name, rewrite(valid, "", func(k string, v any) (any, bool) { return val, match(k, v) })))
	}
	for i, s := range badTexts {
		only("text "+trim(s), func(k string, _ any) bool { return textFields[k] }, s)
		if i > 1 {
			continue // field by field only for NUL and length, to keep the walk quick
		}
		for k := range textFields {
			if _, ok := valid[k]; ok {
				only(k+" = "+trim(s), func(f string, _ any) bool { return f == k }, s)
			}
		}
	}
	bodies = append(bodies, body{name: "lone surrogate in text", raw: bytes.ReplaceAll(jsonBody(t, "", valid).raw, []byte(`Bo Borger`), []byte(`\ud800 Bo`))})
	bodies = append(bodies, body{name: "invalid UTF-8 in text", raw: bytes.ReplaceAll(jsonBody(t, "", valid).raw, []byte(`Jobcentret`), []byte("Job\xffcentret"))})
	for _, d := range badDates {
		only("dates "+d, func(k string, _ any) bool { return dateFields[k] }, d)
	}
	for _, ts := range append(badTimes, edgeTimes...) {
		only("times "+ts, func(k string, _ any) bool { return timeFields[k] }, ts)
	}
	for _, n := range badNums {
		only("numbers "+n, func(_ string, v any) bool { return isNumber(v) }, json.Number(n))
	}
	for _, id := range []string{"", "not-a-uuid", "00000000-0000-0000-0000-000000000000", "x\u0000", strings.Repeat("a", 5000)} {
		only("ids "+trim(id), func(k string, _ any) bool { return idFields[k] }, id)
	}
	keys := make([]string, 0, len(valid))
	for k := range valid {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		one := rewrite(valid, "", func(string, any) (any, bool) { return nil, false }).(map[string]any)
		one[k] = wrongFor(valid[k], i)
		bodies = append(bodies, jsonBody(t, fmt.Sprintf("%s as %T", k, one[k]), one))
		one = rewrite(valid, "", func(string, any) (any, bool) { return nil, false }).(map[string]any)
		one[k] = nil
		bodies = append(bodies, jsonBody(t, k+" null", one))
	}
	return append(bodies, body{name: "empty object", raw: []byte(`{}`)})
}

func trim(s string) string {
	if len(s) > 12 {
		return fmt.Sprintf("%q…(%d bytes)", s[:12], len(s))
	}
	return fmt.Sprintf("%q", s)
}

// writeRoutes lists every API route that takes a body.
func writeRoutes(e *env) []string {
	seen := map[string]bool{}
	for _, r := range e.app.GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/api/v1/") || strings.Contains(r.Path, "*") {
			continue
		}
		switch r.Method {
		case "POST", "PUT", "PATCH", "DELETE":
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

// assertSane fails on a 5xx, or a 4xx without the contract's error shape.
func assertSane(t *testing.T, what string, r resp) {
	t.Helper()
	if r.Status >= 500 {
		t.Errorf("%s: %d %s", what, r.Status, r.Body)
		return
	}
	if r.Status >= 400 {
		var b struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if json.Unmarshal(r.Body, &b) != nil || b.Error.Code == "" || b.Error.Message == "" {
			t.Errorf("%s: %d is not the contract's error shape: %.300s", what, r.Status, r.Body)
		}
	}
}

// stored is what no refused request may change.
func (w robustWorld) stored(e *env) string {
	base := "/api/v1/citizens/" + w.bo.ID
	var b strings.Builder
	for _, p := range []string{base + "/plan", base + "/goals", base + "/plan/versions"} {
		b.Write(expect(e.t, e.get(p, w.cw.Token), 200).Body)
	}
	b.Write(expect(e.t, e.get("/api/v1/me/checkins", w.bo.Token), 200).Body)
	return b.String()
}

func TestEveryWriteRouteAnswersBadBodiesWith4xxAndStoresNothing(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		w := newRobustWorld(t, e)
		routes := writeRoutes(e)
		if len(routes) < 30 {
			t.Fatalf("the route walk found only %d write routes: %v", len(routes), routes)
		}
		before := w.stored(e)
		var bodiless []string
		for _, route := range routes {
			method, pattern, _ := strings.Cut(route, " ")
			path, token := w.path(pattern), w.token(pattern)
			if r := e.do(req{method: method, path: path, token: token, body: `{"title": `}); r.Status < 400 {
				bodiless = append(bodiless, route) // it never reads its body
				continue
			}
			for _, b := range invalidBodies(t, w.validBody(e.clock.Now())) {
				r := e.do(req{method: method, path: path, token: token, body: b.raw})
				assertSane(t, route+" "+b.name, r)
				if r.Status < 400 && !b.mayPass {
					t.Errorf("%s accepted %s: %d %.200s", route, b.name, r.Status, r.Body)
				}
			}
		}
		if after := w.stored(e); after != before {
			t.Errorf("refused requests changed stored data:\nbefore %s\nafter  %s", before, after)
		}
		t.Logf("walked %d write routes; these take no body: %v", len(routes), bodiless)
	})
}

func TestEveryWriteRouteSurvivesOneBadFieldInAValidBody(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		w := newRobustWorld(t, e)
		for _, route := range writeRoutes(e) {
			method, pattern, _ := strings.Cut(route, " ")
			path := w.path(pattern)
			for _, b := range mixedBodies(t, w.validBody(e.clock.Now())) {
				r := e.do(req{method: method, path: path, token: w.token(pattern), body: b.raw})
				assertSane(t, route+" "+b.name, r)
			}
		}
	})
}

// TestNULInAnyTextIsRefused: PostgreSQL cannot store NUL in TEXT, so it is
// refused for every engine alike, before it reaches the database.
func TestNULInAnyTextIsRefused(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		w := newRobustWorld(t, e)
		base := "/api/v1/citizens/" + w.bo.ID
		cases := []struct {
			name, method, path, token string
			body                      any
			field                     string
		}{
			{"a goal title", "POST", base + "/goals", w.cw.Token, map[string]any{"title": "a\u0000b"}, "title"},
			{"an activity", "POST", base + "/goals", w.cw.Token, map[string]any{"title": "ok", "activities": []string{"ok", "\u0000"}}, "activities[1]"},
			{"a plan week note", "PUT", base + "/plan", w.cw.Token, map[string]any{"weeks": []any{map[string]any{"week_start": "2026-03-09",
				"hours": map[string]float64{"mon": 1}, "note": "\u0000"}}}, "weeks[0].note"},
			{"a check-in note", "POST", "/api/v1/me/checkins", w.bo.Token, map[string]any{"id": models.NewID(),
				"recorded_at": e.clock.Now().Format(time.RFC3339), "note": "hej\u0000"}, "note"},
			{"a login e-mail", "POST", "/api/v1/auth/login", "", map[string]any{"email": "a\u0000@example.dk", "password": "x"}, "email"},
			{"a field name", "POST", base + "/goals", w.cw.Token, map[string]any{"title": "ok", "x\u0000": 1}, ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := expect(t, e.do(req{method: c.method, path: c.path, token: c.token, body: c.body}), 422)
				if r.ErrorCode(t) != "validation_failed" || (c.field != "" && r.Fields(t)[c.field] == "") {
					t.Fatalf("want a field error on %q: %s", c.field, r.Body)
				}
			})
		}
	})
}

func TestEveryReadRouteSurvivesBadQueriesAndParams(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		w := newRobustWorld(t, e)
		queries := []string{"limit=abc", "limit=-1", "limit=99999999999999999999", "before=", "before=abc", "before=%00",
			"sort=x", "sort=%00", "filter=x", "filter=%ff", "category=9", "category=abc", "token=", "token=%00",
			"token=%ff%fe", "token=" + strings.Repeat("a", 4000), "limit=1&limit=2", "%zz=1"}
		seen := map[string]bool{}
		for _, r := range e.app.GetRoutes(true) {
			if r.Method != "GET" || !strings.HasPrefix(r.Path, "/api/v1/") || strings.Contains(r.Path, "*") || seen[r.Path] {
				continue
			}
			seen[r.Path] = true
			for _, q := range queries {
				assertSane(t, r.Path+"?"+q, e.do(req{method: "GET", path: w.path(r.Path) + "?" + q, token: w.token(r.Path)}))
			}
		}
		all := writeRoutes(e)
		for p := range seen {
			all = append(all, "GET "+p)
		}
		for _, route := range all {
			method, pattern, _ := strings.Cut(route, " ")
			if !strings.Contains(pattern, ":") {
				continue
			}
			for _, bad := range []string{"not-a-uuid", "%00", "%ff", "a%00b", url.PathEscape("😀"), strings.Repeat("a", 4000),
				"00000000-0000-0000-0000-000000000000", "%2e%2e", "..%2f"} {
				path := strings.ReplaceAll(w.path(pattern), w.bo.ID, bad)
				for name, id := range w.params {
					if name != "id" {
						path = strings.ReplaceAll(path, id, bad)
					}
				}
				r := e.do(req{method: method, path: path, token: w.token(pattern), body: `{}`})
				assertSane(t, method+" "+path[:min(len(path), 120)], r)
				if r.Status < 400 {
					t.Errorf("%s %s with a bad id answered %d", method, pattern, r.Status)
				}
			}
		}
	})
}
