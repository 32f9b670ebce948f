package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"trappen/models/storetest"
)

// Seeding gives accounts the load test can sign in with, and a short run
// of the whole mix against a real server answers every request.
func TestSeedAndLoadTest(t *testing.T) {
	t.Parallel()
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			ts := startServer(t, storetest.Options(t, e))
			ctx := context.Background()
			var out bytes.Buffer
			vacuums := func() (n int) { // VACUUMs of the check-ins so far (PostgreSQL)
				ts.app.store.DB.Raw("SELECT vacuum_count FROM pg_stat_user_tables WHERE relid = 'checkins'::regclass").Scan(&n)
				return n
			}
			before := 0
			if e == storetest.Postgres {
				before = vacuums()
			}
			if err := seedCommand(ctx, ts.cfg, []string{"--citizens", "80", "--seed", "7"}, &out); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), "Seeded 80 citizens and 2 caseworkers") {
				t.Fatalf("seed said %q", out.String())
			}
			var counts struct{ Citizens, Checkins, Plans, Meetings, Jobs int }
			ts.app.store.DB.Raw(`SELECT (SELECT count(*) FROM citizens) AS citizens, (SELECT count(*) FROM checkins) AS checkins,
				(SELECT count(*) FROM plan_versions) AS plans, (SELECT count(*) FROM meetings) AS meetings,
				(SELECT count(*) FROM push_jobs) AS jobs`).Scan(&counts)
			if counts.Citizens != 80 || counts.Checkins < 80 || counts.Plans < 80 || counts.Meetings != 160 || counts.Jobs != 320 {
				t.Fatalf("seeded %+v", counts)
			}
			if e == storetest.Postgres {
				// Vacuumed, for the visibility map. Whether pages become
				// all-visible depends on the transactions other tests hold
				// open, so the test asks whether VACUUM ran.
				if vacuums() <= before {
					t.Fatal("the seeded check-ins were not vacuumed")
				}
			}
			if err := seedCommand(ctx, ts.cfg, []string{"--citizens", "10"}, &out); err == nil {
				t.Fatal("a second seed was accepted")
			}
			out.Reset()
			err := loadtestCommand(ctx, []string{"--url", ts.URL, "--rate", "40", "--duration", "1s", "--citizens", "80",
				"--users", "8", "--server-pid", "0", "--warmup", "1s"}, &out)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), "Warmed up for 1s at 40 req/s (not counted).") {
				t.Errorf("no warm-up:\n%s", out.String())
			}
			// The warm-up's requests are not among those counted.
			all := regexp.MustCompile(`(?m)^all\s+(\d+)\s+(\d+)\s`).FindStringSubmatch(out.String())
			if all == nil || all[1] != "40" || all[2] != "0" {
				t.Fatalf("load test said:\n%s", out.String())
			}
			for _, kind := range []string{"home", "checkin", "caseload"} {
				if !regexp.MustCompile(`(?m)^` + kind + `\s+\d+\s+0\s`).MatchString(out.String()) {
					t.Errorf("no error-free %s line:\n%s", kind, out.String())
				}
			}
		})
	}
}

func TestTheLoadTestOnlyTargetsThisMachine(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"http://example.com", "https://127.0.0.1:8080", "http://10.0.0.1:8080", "127.0.0.1:8080"} {
		if _, err := loopbackURL(u); err == nil {
			t.Errorf("%s was accepted", u)
		}
	}
	for _, u := range []string{"http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080"} {
		if _, err := loopbackURL(u); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	if _, _, ok := readStat("/proc/self/stat"); !ok || procCPU(os.Getpid()) < 0 {
		t.Fatal("cannot read this process's CPU time")
	}
}

// A server that refuses work as busy (503) is told apart in the report:
// it kept its answers fast by sending some clients away.
func TestTheLoadReportCountsBusyAnswers(t *testing.T) {
	t.Parallel()
	r := &loadResult{rate: 2, requests: 4, kinds: map[string][]time.Duration{"home": {time.Millisecond, 2 * time.Millisecond,
		3 * time.Millisecond, 4 * time.Millisecond}}, errors: map[string]int{"home": 1}, busy: 1, serverMs: -1, dbMs: -1}
	var out bytes.Buffer
	r.print(&out)
	if !strings.Contains(out.String(), "refused as busy (503, come back later): 1 (25.0 %)") {
		t.Fatalf("report:\n%s", out.String())
	}
	if r.healthy() {
		t.Fatal("a run with busy answers counts as healthy")
	}
}
