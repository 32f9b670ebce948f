package api

import (
	"runtime"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Admission: the server works on at most so many API requests at once; the
// others wait their turn. A burst (a meeting that ends and forty citizens
// check in) waits up to burstWait and is served. When requests arrive
// faster than the machine can answer them for longer than a moment, the
// queue only grows and every answer comes later, until all of them time out
// (issue 13: SQLite at 500 requests a second answered in 3.5 s at p50 and
// dropped some). So when even the shortest wait of the last window was
// overloadWait or more (the queue never emptied), or a request had to be
// refused in it, a request that has waited overloadWait is answered 503
// with Retry-After, and the ones admitted are answered in time: the server
// keeps doing as much work as it can, and tells the rest to come back. (The
// rule is CoDel's, as servers at Facebook use it for their queues.)
//
// The PWA treats a 503 like a dropped connection: a check-in stays in its
// outbox and is sent again, a screen shows what it has stored. Nothing is
// lost, because a request is refused before any work starts.
const (
	burstWait      = 2 * time.Second
	overloadWait   = 50 * time.Millisecond
	overloadWindow = 500 * time.Millisecond
	// InFlightPerCore is the default number of API requests worked on at once
	// per core: a request mostly waits for the database, so a few per core
	// keep the cores busy.
	InFlightPerCore = 8
)

// admission is the gate. now is the clock the waits are measured with (the
// machine's: it measures how busy the machine is, not a rule of the case).
type admission struct {
	slots chan struct{}
	now   func() time.Time
	burst time.Duration // how long a request may wait when not overloaded
	short time.Duration // how long when overloaded, and the delay that counts as overload
	every time.Duration // the window over which the shortest wait is taken

	mu         sync.Mutex
	started    time.Time     // the current window's start
	shortest   time.Duration // the shortest wait in the current window
	refused    bool          // a request was refused in the current window
	overloaded bool          // the last window was overloaded
}

func newAdmission(inFlight int) *admission {
	if inFlight <= 0 {
		inFlight = InFlightPerCore * runtime.GOMAXPROCS(0)
	}
	return &admission{slots: make(chan struct{}, inFlight), now: time.Now,
		burst: burstWait, short: overloadWait, every: overloadWindow}
}

// enter takes a slot, waiting if all are taken; false: refused (overload).
func (a *admission) enter() bool {
	// A request finds a free slot only when nobody is queued (a slot freed
	// goes to the first in the queue), so a wait of 0 means the queue emptied.
	select {
	case a.slots <- struct{}{}:
		a.waited(0, false)
		return true
	default:
	}
	start := a.now()
	wait := a.burst
	if a.isOverloaded() {
		wait = a.short
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case a.slots <- struct{}{}:
		a.waited(a.now().Sub(start), false)
		return true
	case <-timer.C:
		a.waited(wait, true)
		return false
	}
}

func (a *admission) leave() { <-a.slots }

func (a *admission) isOverloaded() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.overloaded
}

// waited records one request's wait and whether it was refused: at the end
// of a window, the window decides whether the next one is overloaded.
func (a *admission) waited(d time.Duration, refused bool) {
	now := a.now()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.started.IsZero() || now.Sub(a.started) >= a.every {
		if !a.started.IsZero() {
			a.overloaded = a.shortest >= a.short || a.refused
		}
		a.started, a.shortest, a.refused = now, d, refused
		return
	}
	a.shortest, a.refused = min(a.shortest, d), a.refused || refused
}

// admit is the middleware: API requests pass the gate, the app's files and
// the health checks do not (they are cheap, and a load balancer must see a
// busy instance as alive).
func (h *handler) admit(c *fiber.Ctx) error {
	if !isAPI(c) {
		return c.Next()
	}
	if !h.admission.enter() {
		c.Set(fiber.HeaderRetryAfter, "1")
		return newHTTPError(fiber.StatusServiceUnavailable, "busy")
	}
	defer h.admission.leave()
	return c.Next()
}
