package api

import (
	"strings"
	"testing"
	"time"
)

// fakeGate is a gate of size slots on a clock the test moves.
func fakeGate(slots int) (*admission, *clock) {
	clk := &clock{t: testStart}
	a := newAdmission(slots)
	a.now = clk.Now
	return a, clk
}

// A window is overloaded when its shortest wait reached the short wait (the
// queue never emptied) or when a request had to be refused in it; the
// verdict holds for the next window.
func TestTheGateCallsAWindowOverloadedByItsShortestWait(t *testing.T) {
	t.Parallel()
	a, clk := fakeGate(1)
	windows := []struct {
		waits   []time.Duration
		refused bool
		want    bool
	}{
		{waits: []time.Duration{60 * time.Millisecond, 70 * time.Millisecond}, want: true},
		{waits: []time.Duration{80 * time.Millisecond, 0}, want: false},
		{waits: []time.Duration{10 * time.Millisecond}, refused: true, want: true},
		{waits: []time.Duration{49 * time.Millisecond, 20 * time.Millisecond}, want: false},
	}
	for i, w := range windows {
		for _, d := range w.waits {
			a.waited(d, false)
		}
		if w.refused {
			a.waited(a.short, true)
		}
		clk.Advance(a.every)
		a.waited(0, false) // the first request of the next window
		if got := a.isOverloaded(); got != w.want {
			t.Fatalf("window %d (waits %v, refused %v): overloaded = %v, want %v", i, w.waits, w.refused, got, w.want)
		}
	}
}

// A full gate that is not overloaded lets a request wait for a slot (a
// burst is served); an overloaded one refuses it after the short wait.
func TestAFullGateQueuesABurstAndRefusesUnderOverload(t *testing.T) {
	t.Parallel()
	a, _ := fakeGate(1)
	if !a.enter() {
		t.Fatal("an empty gate refused a request")
	}
	admitted := make(chan bool)
	go func() { admitted <- a.enter() }()
	a.leave()
	if !<-admitted {
		t.Fatal("a request waiting in a burst was refused")
	}
	a.overloaded, a.short = true, 0
	if a.enter() {
		t.Fatal("a full, overloaded gate admitted a request")
	}
	a.leave()
	if !a.enter() {
		t.Fatal("a free slot was refused")
	}
}

// Refused under overload: the API answers 503 in the contract's error shape
// with Retry-After, stores nothing, and is served again once there is room.
// The app's files and the health checks are not held up.
func TestTheAPIAnswers503WhenOverloadedAndKeepsNothing(t *testing.T) {
	t.Parallel()
	var gate *admission // one per engine; they run one after the other
	eachEnvWith(t, func(d *Deps) {
		gate, _ = fakeGate(1)
		gate.short = 0 // refuse at once when overloaded
		d.gate = gate
	}, func(t *testing.T, e *env) {
		j := e.journey("sara@example.dk", "bo@example.dk")
		gate.slots <- struct{}{} // every slot busy
		gate.mu.Lock()
		gate.overloaded = true
		gate.mu.Unlock()
		body := map[string]any{"id": checkinID, "recorded_at": "2026-03-02T09:00:00+01:00", "wellbeing": 6}
		r := e.post("/api/v1/me/checkins", j.cz.Token, body)
		if r.Status != 503 || r.ErrorCode(t) != "busy" || r.Header.Get("Retry-After") != "1" {
			t.Fatalf("overloaded: %d %q Retry-After %q, want 503 busy 1: %s", r.Status, r.ErrorCode(t), r.Header.Get("Retry-After"), r.Body)
		}
		if msg := string(r.Body); !strings.Contains(msg, "travlt") {
			t.Fatalf("the message is not the Danish one: %s", msg)
		}
		for _, path := range []string{"/healthz", "/i18n/da.json"} {
			if r := e.get(path, ""); r.Status != 200 {
				t.Fatalf("%s while overloaded: %d, want 200", path, r.Status)
			}
		}
		<-gate.slots // room again
		gate.mu.Lock()
		gate.overloaded = false
		gate.mu.Unlock()
		r = e.get("/api/v1/me/checkins", j.cz.Token)
		expect(t, r, 200)
		if strings.Contains(string(r.Body), checkinID) {
			t.Fatalf("a refused check-in was stored: %s", r.Body)
		}
		expect(t, e.post("/api/v1/me/checkins", j.cz.Token, body), 201)

		// The API's description says so for every route.
		doc := expect(t, e.get("/api/v1/openapi.json", ""), 200).JSON(t)
		post := doc["paths"].(map[string]any)["/api/v1/me/checkins"].(map[string]any)["post"].(map[string]any)
		if _, ok := post["responses"].(map[string]any)["503"]; !ok {
			t.Fatalf("the OpenAPI document does not list 503 for a check-in: %v", post["responses"])
		}
	})
}
