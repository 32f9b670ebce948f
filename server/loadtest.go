package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Load test limits: a run is bounded in rate, length and requests in flight.
const (
	maxLoadRate     = 5000
	maxLoadDuration = 10 * time.Minute
	maxInFlight     = 2000
	loadTimeout     = 10 * time.Second
	findMaxSteps    = 12
	findMaxP99      = 50 * time.Millisecond
)

// requestKind is one entry of the mix: its share and how to make it.
type requestKind struct {
	name   string
	share  float64
	worker bool // a caseworker's request
	build  func(s *loadSession, r *mrand.Rand) (*http.Request, error)
}

// loadMix is the mix of a working day.
var loadMix = []requestKind{
	{"home", 0.40, false, func(s *loadSession, _ *mrand.Rand) (*http.Request, error) { return s.get("/api/v1/me/home") }},
	{"checkin", 0.15, false, func(s *loadSession, r *mrand.Rand) (*http.Request, error) {
		w, h := r.IntN(11), float64(r.IntN(16))/2
		body, _ := json.Marshal(map[string]any{"id": newUUID(), "recorded_at": time.Now().UTC().Format(time.RFC3339),
			"wellbeing": w, "hours_worked": h, "note": ""})
		return s.post("/api/v1/me/checkins", body)
	}},
	{"plan", 0.10, false, func(s *loadSession, _ *mrand.Rand) (*http.Request, error) { return s.get("/api/v1/me/plan") }},
	{"meetings", 0.10, false, func(s *loadSession, _ *mrand.Rand) (*http.Request, error) { return s.get("/api/v1/me/meetings") }},
	{"caseload", 0.15, true, func(s *loadSession, _ *mrand.Rand) (*http.Request, error) { return s.get("/api/v1/citizens") }},
	{"progression", 0.10, false, func(s *loadSession, _ *mrand.Rand) (*http.Request, error) { return s.get("/api/v1/me/progression") }},
}

// loadSession is one signed-in user.
type loadSession struct {
	base  string
	token string
}

func (s *loadSession) get(path string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodGet, s.base+path, nil)
	if err == nil {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	return req, err
}

func (s *loadSession) post(path string, body []byte) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodPost, s.base+path, bytes.NewReader(body))
	if err == nil {
		req.Header.Set("Authorization", "Bearer "+s.token)
		req.Header.Set("Content-Type", "application/json")
	}
	return req, err
}

type loadOptions struct {
	base        string
	rate        int
	duration    time.Duration
	warmup      time.Duration
	findMax     bool
	serverPID   int
	dbName      string
	citizens    int
	caseworkers int
	users       int
	password    string
}

// loadtestCommand is `server loadtest --url http://127.0.0.1:8080 --rate R
// --duration D [--find-max] [--server-pid P] [--citizens N]`. It signs in a
// sample of the seeded users first, then sends the mix at a constant
// arrival rate (open loop: a slow answer does not delay the next request,
// and latency counts from when the request was due), and reports
// percentiles per kind and CPU per request of the server and PostgreSQL.
func loadtestCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var o loadOptions
	rawURL := fs.String("url", "http://127.0.0.1:8080", "the server (loopback only)")
	fs.IntVar(&o.rate, "rate", 100, "requests per second")
	fs.DurationVar(&o.duration, "duration", 30*time.Second, "length of the run (of each step with --find-max)")
	fs.DurationVar(&o.warmup, "warmup", 10*time.Second, "load at the first rate before measuring, not counted (0: none)")
	fs.BoolVar(&o.findMax, "find-max", false, "step the rate up by a quarter until p99 reaches 50 ms")
	fs.IntVar(&o.serverPID, "server-pid", 0, "the server's process id, for its CPU time")
	fs.StringVar(&o.dbName, "db-name", "", "the PostgreSQL database under test, for its backends' CPU time")
	fs.IntVar(&o.citizens, "citizens", 1000, "citizens seeded (server seed --citizens)")
	fs.IntVar(&o.users, "users", 200, "seeded citizens to sign in (caseworkers: a quarter as many)")
	fs.StringVar(&o.password, "password", defaultSeedPassword, "the seed password")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("usage: server loadtest --url URL --rate R --duration D [--warmup W] [--find-max] [--server-pid P] [--citizens N]: %w", err)
	}
	base, err := loopbackURL(*rawURL)
	if err != nil {
		return err
	}
	o.base = base
	switch {
	case o.rate < 1 || o.rate > maxLoadRate:
		return fmt.Errorf("--rate must be from 1 to %d", maxLoadRate)
	case o.duration < time.Second || o.duration > maxLoadDuration:
		return fmt.Errorf("--duration must be from 1s to %s", maxLoadDuration)
	case o.warmup < 0 || o.warmup > maxLoadDuration:
		return fmt.Errorf("--warmup must be from 0s to %s", maxLoadDuration)
	case o.citizens < 1 || o.users < 1:
		return fmt.Errorf("--citizens and --users must be positive")
	}
	o.caseworkers = max(1, o.citizens/citizensPerCaseworker)
	client := &http.Client{Timeout: loadTimeout, Transport: &http.Transport{
		MaxIdleConns: maxInFlight, MaxIdleConnsPerHost: maxInFlight, IdleConnTimeout: time.Minute}}
	citizens, workers, err := signIn(ctx, client, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Signed in %d citizens and %d caseworkers of %d seeded citizens.\n", len(citizens), len(workers), o.citizens)
	if o.warmup > 0 {
		// A fresh server prepares its statements on each pooled connection
		// and PostgreSQL loads its caches: the first seconds measure that.
		warm := o
		warm.duration = o.warmup
		runLoad(ctx, client, warm, o.rate, citizens, workers)
		fmt.Fprintf(stdout, "Warmed up for %s at %d req/s (not counted).\n", o.warmup, o.rate)
	}
	if !o.findMax {
		res := runLoad(ctx, client, o, o.rate, citizens, workers)
		res.print(stdout)
		return nil
	}
	best := 0
	for rate, step := o.rate, 0; step < findMaxSteps && rate <= maxLoadRate && ctx.Err() == nil; rate, step = rate+max(1, rate/4), step+1 {
		res := runLoad(ctx, client, o, rate, citizens, workers)
		res.print(stdout)
		if !res.healthy() {
			break
		}
		best = rate
	}
	if best == 0 {
		fmt.Fprintf(stdout, "\nEven %d req/s had p99 ≥ %s or errors.\n", o.rate, findMaxP99)
	} else {
		fmt.Fprintf(stdout, "\nHighest rate with p99 < %s and no errors: %d req/s.\n", findMaxP99, best)
	}
	return nil
}

// loopbackURL accepts only http://127.0.0.1, [::1] or localhost: the load
// test is for this machine, never someone else's server.
func loopbackURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return "", errors.New("--url must be http://127.0.0.1:PORT")
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return "", errors.New("--url must be a loopback address (127.0.0.1, ::1 or localhost)")
	}
	return u.Scheme + "://" + u.Host, nil
}

// signIn logs in a sample of the seeded users, spread over the population
// from a random start: each run adds check-ins for the citizens it signs in,
// and runs that always chose the same citizens made their history (and
// their caseworkers' caseloads) grow run after run, so later runs measured
// slower than a fresh database would be.
func signIn(ctx context.Context, client *http.Client, o loadOptions) (citizens, workers []*loadSession, err error) {
	nc := min(o.users, o.citizens)
	nw := min(max(1, nc/4), o.caseworkers)
	fromCitizen, fromWorker := mrand.IntN(o.citizens), mrand.IntN(o.caseworkers)
	var mu sync.Mutex
	var wg sync.WaitGroup
	errc := make(chan error, nc+nw)
	sem := make(chan struct{}, 4)
	login := func(email string, into *[]*loadSession) {
		defer wg.Done()
		sem <- struct{}{}
		defer func() { <-sem }()
		tok, err := loginToken(ctx, client, o.base, email, o.password)
		if err != nil {
			errc <- fmt.Errorf("sign in %s: %w", email, err)
			return
		}
		mu.Lock()
		*into = append(*into, &loadSession{base: o.base, token: tok})
		mu.Unlock()
	}
	for i := range nc {
		wg.Add(1)
		go login(SeedCitizenEmail((fromCitizen+i*o.citizens/nc)%o.citizens), &citizens)
	}
	for j := range nw {
		wg.Add(1)
		go login(SeedCaseworkerEmail((fromWorker+j*o.caseworkers/nw)%o.caseworkers), &workers)
	}
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return nil, nil, err
	}
	return citizens, workers, nil
}

func loginToken(ctx context.Context, client *http.Client, base, email, password string) (string, error) {
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/auth/login", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d (seeded with this password? the right --citizens?)", res.StatusCode)
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&out); err != nil || out.AccessToken == "" {
		return "", fmt.Errorf("no access token in the answer")
	}
	return out.AccessToken, nil
}

func newUUID() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
