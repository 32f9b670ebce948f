package api

import (
	"testing"
	"time"
)

// journey is a caseworker with a citizen on their caseload, both signed in.
type journey struct {
	cw, cz session
	// base is the caseworker's path to the citizen.
	base string
}

func (e *env) journey(cwEmail, czEmail string) journey {
	e.t.Helper()
	cw := e.caseworker(cwEmail)
	cz := e.citizen(cw, czEmail)
	return journey{cw: cw, cz: cz, base: "/api/v1/citizens/" + cz.ID}
}

// citizenOf registers and signs in another citizen of an existing caseworker.
func (e *env) citizenOf(cw session, czEmail string) journey {
	e.t.Helper()
	cz := e.citizen(cw, czEmail)
	return journey{cw: cw, cz: cz, base: "/api/v1/citizens/" + cz.ID}
}

// overallGoal creates an overall goal and returns its id.
func (e *env) overallGoal(j journey, title string) string {
	e.t.Helper()
	r := expect(e.t, e.post(j.base+"/goals", j.cw.Token, map[string]any{"title": title}), 201)
	e.clock.Advance(time.Minute) // goals are listed in the order they were made
	return r.JSON(e.t)["id"].(string)
}

// subGoal creates a sub-goal under parent and returns its id.
func (e *env) subGoal(j journey, parent, title string, activities ...string) string {
	e.t.Helper()
	body := map[string]any{"title": title, "parent_id": parent, "activities": activities}
	r := expect(e.t, e.post(j.base+"/goals", j.cw.Token, body), 201)
	e.clock.Advance(time.Minute)
	return r.JSON(e.t)["id"].(string)
}

// wantFields fails unless r is a 422 with an error on every field named.
func wantFields(t *testing.T, r resp, fields ...string) {
	t.Helper()
	expect(t, r, 422)
	got := r.Fields(t)
	for _, f := range fields {
		if got[f] == "" {
			t.Errorf("no field error for %s: %s", f, r.Body)
		}
	}
}

// items returns the "items" array of a list response.
func items(t *testing.T, r resp) []any {
	t.Helper()
	list, ok := r.JSON(t)["items"].([]any)
	if !ok {
		t.Fatalf("no items array: %s", r.Body)
	}
	return list
}
