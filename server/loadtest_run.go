package main

import (
	"context"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// loadResult is one run at one rate.
type loadResult struct {
	rate     int
	elapsed  time.Duration
	kinds    map[string][]time.Duration
	errors   map[string]int
	dropped  int64
	busy     int // answered 503: refused by the server's admission gate
	requests int
	serverMs float64 // CPU ms of the server process, -1 when unknown
	dbMs     float64 // CPU ms of PostgreSQL's processes
}

// runLoad sends rate requests a second for o.duration. Each request is due
// at start + i/rate and its latency counts from then, so a server that
// falls behind is measured as slow, not as sending fewer requests.
func runLoad(ctx context.Context, client *http.Client, o loadOptions, rate int, citizens, workers []*loadSession) *loadResult {
	res := &loadResult{rate: rate, kinds: map[string][]time.Duration{}, errors: map[string]int{}}
	r := mrand.New(mrand.NewPCG(uint64(rate), 42))
	total := rate * int(o.duration/time.Second)
	interval := time.Second / time.Duration(rate)
	var mu sync.Mutex
	var wg sync.WaitGroup
	var inFlight atomic.Int64
	server0, db0 := procCPU(o.serverPID), postgresCPU(o.dbName)
	start := time.Now().Add(10 * time.Millisecond)
	for i := 0; i < total && ctx.Err() == nil; i++ {
		due := start.Add(time.Duration(i) * interval)
		if d := time.Until(due); d > 0 {
			time.Sleep(d)
		}
		kind := pickKind(r)
		sessions := citizens
		if kind.worker {
			sessions = workers
		}
		req, err := kind.build(sessions[r.IntN(len(sessions))], r)
		if err != nil || inFlight.Load() >= maxInFlight {
			res.dropped++
			continue
		}
		inFlight.Add(1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer inFlight.Add(-1)
			failed, busy := false, false
			resp, err := client.Do(req.WithContext(ctx))
			if err != nil {
				failed = true
			} else {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				failed, busy = resp.StatusCode >= 400, resp.StatusCode == http.StatusServiceUnavailable
			}
			lat := time.Since(due)
			mu.Lock()
			res.kinds[kind.name] = append(res.kinds[kind.name], lat)
			if failed {
				res.errors[kind.name]++
			}
			if busy {
				res.busy++
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.requests = total
	server1, db1 := procCPU(o.serverPID), postgresCPU(o.dbName)
	res.serverMs, res.dbMs = -1, -1
	if server0 >= 0 && server1 >= 0 {
		res.serverMs = server1 - server0
	}
	if db0 >= 0 && db1 >= 0 {
		res.dbMs = db1 - db0
	}
	return res
}

func pickKind(r *mrand.Rand) requestKind {
	p := r.Float64()
	for _, k := range loadMix {
		if p < k.share {
			return k
		}
		p -= k.share
	}
	return loadMix[0]
}

// healthy is p99 under 50 ms with no errors and nothing dropped.
func (r *loadResult) healthy() bool {
	all := r.all()
	errs := 0
	for _, n := range r.errors {
		errs += n
	}
	return errs == 0 && r.dropped == 0 && len(all) > 0 && percentile(all, 0.99) < findMaxP99
}

func (r *loadResult) all() []time.Duration {
	var all []time.Duration
	for _, l := range r.kinds {
		all = append(all, l...)
	}
	slices.Sort(all)
	return all
}

func (r *loadResult) print(w io.Writer) {
	fmt.Fprintf(w, "\n%d req/s for %s: %d requests\n", r.rate, r.elapsed.Round(time.Millisecond), r.requests)
	fmt.Fprintf(w, "%-12s %7s %6s %9s %9s %9s %9s\n", "kind", "count", "errors", "p50", "p95", "p99", "max")
	row := func(name string, l []time.Duration, errs int) {
		if len(l) == 0 {
			return
		}
		slices.Sort(l)
		fmt.Fprintf(w, "%-12s %7d %6d %9s %9s %9s %9s\n", name, len(l), errs, ms(percentile(l, 0.5)),
			ms(percentile(l, 0.95)), ms(percentile(l, 0.99)), ms(l[len(l)-1]))
	}
	total := 0
	for _, k := range loadMix {
		row(k.name, r.kinds[k.name], r.errors[k.name])
		total += r.errors[k.name]
	}
	all := r.all()
	row("all", all, total)
	if r.busy > 0 {
		fmt.Fprintf(w, "of the errors, refused as busy (503, come back later): %d (%.1f %%)\n", r.busy, 100*float64(r.busy)/float64(len(all)))
	}
	if r.dropped > 0 {
		fmt.Fprintf(w, "dropped (over %d in flight): %d\n", maxInFlight, r.dropped)
	}
	if n := float64(len(all)); n > 0 {
		if r.serverMs >= 0 {
			fmt.Fprintf(w, "server CPU: %.2f ms/request\n", r.serverMs/n)
		}
		if r.dbMs >= 0 {
			fmt.Fprintf(w, "PostgreSQL CPU: %.2f ms/request\n", r.dbMs/n)
		}
	}
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

// clockTicks is Linux's USER_HZ, the unit of /proc/<pid>/stat times.
const clockTicks = 100

// procCPU is the user+system CPU milliseconds of pid so far, -1 if unknown.
func procCPU(pid int) float64 {
	if pid <= 0 {
		return -1
	}
	_, ticks, ok := readStat(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if !ok {
		return -1
	}
	return float64(ticks) * 1000 / clockTicks
}

// postgresCPU sums the CPU milliseconds of PostgreSQL's backends serving
// database, -1 if none is found (or no database is named: SQLite). A backend that exits takes its time with it, so the
// server's pool must keep its connections.
func postgresCPU(database string) float64 {
	if database == "" {
		return -1
	}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	total, found := 0, false
	for _, f := range stats {
		name, ticks, ok := readStat(f)
		if !ok || name != "postgres" {
			continue
		}
		// A backend's title: "postgres: [CLUSTER: ]USER DATABASE HOST(PORT) STATE".
		title, _ := os.ReadFile(filepath.Join(filepath.Dir(f), "cmdline"))
		if fields := strings.Fields(string(title)); len(fields) < 3 || !slices.Contains(fields[2:min(len(fields), 5)], database) {
			continue
		}
		total += ticks
		found = true
	}
	if !found {
		return -1
	}
	return float64(total) * 1000 / clockTicks
}

// readStat reads the command name and utime+stime from a /proc stat file.
func readStat(path string) (string, int, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", 0, false
	}
	s := string(b)
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || end < open {
		return "", 0, false
	}
	fields := strings.Fields(s[end+1:])
	if len(fields) < 13 {
		return "", 0, false
	}
	utime, err1 := strconv.Atoi(fields[11])
	stime, err2 := strconv.Atoi(fields[12])
	return s[open+1 : end], utime + stime, err1 == nil && err2 == nil
}
