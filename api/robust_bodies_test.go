package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
)

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
	for _, nr := range [][2]string{{"malformed JSON", `{"title": `}, {"null", `null`}, {"array", `[]`},
		{"string", `"x"`}, {"number", `123`}, {"two objects", `{"a":1}{"b":2}`}, {"raw NUL byte", "{\"title\":\"a\x00b\"}"},
		{"deep nesting", strings.Repeat("[", 20000)}} {
		bodies = append(bodies, body{name: nr[0], raw: []byte(nr[1])})
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
		for _, k := range sortedKeys(textFields) {
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
	for i, k := range sortedKeys(valid) {
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

// sortedKeys are m's keys in order, so every world of a battery gets its
// bodies in the same order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
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
