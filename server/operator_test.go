package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"trappen/models/storetest"
)

func TestEveryCommandExplainsItselfAndTheEnvironment(t *testing.T) {
	t.Parallel()
	names := [][]string{{"--help"}, {"help"}, {"-h"}}
	for _, c := range commands {
		names = append(names, append(strings.Fields(c.name), "--help"))
	}
	for _, args := range names {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			// No database is opened for help: an unusable one must not matter.
			getenv := func(name string) string {
				if name == "DATABASE_URL" {
					return "postgres://nobody@127.0.0.1:1/none"
				}
				return ""
			}
			if code := run(args, strings.NewReader(""), &out, &errOut, getenv); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			for _, want := range []string{"usage: server", "environment:", "DATABASE_URL", "TRAPPEN_DATA_DIR"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("help lacks %q:\n%s", want, out.String())
				}
			}
		})
	}
}

func TestHelpNamesEverySettingTheConfigurationReads(t *testing.T) {
	t.Parallel()
	var src []byte
	for _, f := range []string{"config.go", "config_oidc.go"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src = append(src, b...)
	}
	var listed strings.Builder
	for _, s := range settings {
		listed.WriteString(s.name + " ")
	}
	for _, name := range regexp.MustCompile(`"((?:TRAPPEN_|DATABASE_)[A-Z0-9_]+)"`).FindAllStringSubmatch(string(src), -1) {
		if !strings.Contains(listed.String(), name[1]) {
			t.Errorf("config.go reads %s but `server --help` does not name it", name[1])
		}
	}
}

func TestAnUnknownCommandIsRefusedWithAPointerToHelp(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	if code := run([]string{"frobnicate"}, strings.NewReader(""), &out, &errOut, func(string) string { return "" }); code == 0 {
		t.Fatal("an unknown command succeeded")
	}
	if !strings.Contains(errOut.String(), "--help") {
		t.Fatalf("stderr = %q", errOut.String())
	}
}

func TestBooleanSettingsRefuseWhatTheyDoNotUnderstand(t *testing.T) {
	t.Parallel()
	cases := []struct {
		value string
		want  bool
		ok    bool
	}{
		{"", false, true}, {"true", true, true}, {"1", true, true}, {"yes", true, true},
		{"false", false, true}, {"0", false, true}, {"off", false, true},
		{"ja", false, false}, {"enabled", false, false}, {"tru", false, false},
	}
	for _, c := range cases {
		cfg, err := LoadConfig(func(name string) string {
			if name == "TRAPPEN_SECURE_COOKIES" {
				return c.value
			}
			return ""
		})
		if (err == nil) != c.ok || (c.ok && cfg.SecureCookies != c.want) {
			t.Errorf("TRAPPEN_SECURE_COOKIES=%q: secure=%v err=%v", c.value, cfg.SecureCookies, err)
		}
	}
}

func TestAnUnreachablePostgreSQLIsReportedInFullOnOneLine(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	getenv := func(name string) string {
		if name == "DATABASE_URL" {
			return "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"
		}
		return ""
	}
	code := run([]string{"caseworker", "create", "--email", "a@b.dk", "--name", "A"}, strings.NewReader("a long password\n"), &out, &errOut, getenv)
	msg := strings.TrimSpace(errOut.String())
	if code == 0 || strings.Contains(msg, "\n") {
		t.Fatalf("exit %d, stderr %q", code, msg)
	}
	// pgx puts why it failed (the address and "connection refused") after a
	// line break; folding must keep it.
	if !strings.Contains(msg, "127.0.0.1") || !strings.Contains(msg, "refused") {
		t.Fatalf("the reason was cut: %q", msg)
	}
}

func TestOneLineKeepsEveryLineOfTheReason(t *testing.T) {
	t.Parallel()
	got := oneLine(errors.New("failed to connect:\n\t127.0.0.1:5432: dial error\n\tconnection refused"))
	if got != "failed to connect: 127.0.0.1:5432: dial error connection refused" {
		t.Fatalf("got %q", got)
	}
}

func TestAnUnwritableDataDirectoryIsSaidPlainly(t *testing.T) {
	t.Parallel()
	// A data directory below a regular file cannot be created, even by root.
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	getenv := func(name string) string {
		if name == "TRAPPEN_DATA_DIR" {
			return filepath.Join(file, "data")
		}
		return ""
	}
	if code := run([]string{"demo"}, strings.NewReader(""), &out, &errOut, getenv); code == 0 {
		t.Fatal("demo ran without a data directory")
	}
	if !strings.Contains(errOut.String(), "TRAPPEN_DATA_DIR") {
		t.Fatalf("stderr does not name the setting: %q", errOut.String())
	}
}

func TestDemoRefusesADatabaseWithRealAccounts(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			opts := storetest.Options(t, engine)
			var out, errOut bytes.Buffer
			args := []string{"caseworker", "create", "--email", "sara@kommune.dk", "--name", "Sara"}
			if code := run(args, strings.NewReader("a long enough password\n"), &out, &errOut, envFor(opts, nil)); code != 0 {
				t.Fatalf("caseworker create: %s", errOut.String())
			}
			errOut.Reset()
			if code := run([]string{"demo"}, strings.NewReader(""), &out, &errOut, envFor(opts, nil)); code == 0 {
				t.Fatal("demo seeded a database that real people use")
			}
			if !strings.Contains(errOut.String(), "not the demo's") {
				t.Fatalf("stderr = %q", errOut.String())
			}
		})
	}
}

// syncBuffer is a log sink the test may read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRunningIsLoggedOnlyOnceConnectionsAreTaken(t *testing.T) {
	t.Parallel()
	cfg, err := LoadConfig(envFor(storetest.Options(t, storetest.SQLite), map[string]string{"TRAPPEN_ADDR": "127.0.0.1:0"}))
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, newLogger(logs, "info")) }()
	defer func() { cancel(); <-done }()
	addr := regexp.MustCompile(`"msg":"Trappen is running","addr":"([^"]+)"`)
	deadline := time.Now().Add(30 * time.Second)
	var m []string
	for m == nil && time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v\n%s", err, logs.String())
		case <-time.After(10 * time.Millisecond):
		}
		m = addr.FindStringSubmatch(logs.String())
	}
	if m == nil {
		t.Fatalf("never said it was running:\n%s", logs.String())
	}
	// The very first request after the line must be answered.
	res, err := http.Get("http://" + m[1] + "/healthz")
	if err != nil {
		t.Fatalf("running was logged before the listener took connections: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("healthz = %d", res.StatusCode)
	}
}

// TestTheProfilerOnlyListensOnLoopback: Go's profiler shows memory and
// goroutines (health data may be in either), so it is never reachable from
// outside the machine.
func TestTheProfilerOnlyListensOnLoopback(t *testing.T) {
	t.Parallel()
	for value, ok := range map[string]bool{
		"": true, "127.0.0.1:6060": true, "[::1]:6060": true, "localhost:6060": true,
		":6060": false, "0.0.0.0:6060": false, "10.0.0.5:6060": false, "6060": false, "example.dk:6060": false,
	} {
		cfg, err := LoadConfig(func(name string) string {
			if name == "TRAPPEN_PPROF_ADDR" {
				return value
			}
			return ""
		})
		if (err == nil) != ok || (ok && cfg.PprofAddr != value) {
			t.Errorf("TRAPPEN_PPROF_ADDR=%q: addr=%q err=%v, want accepted=%v", value, cfg.PprofAddr, err, ok)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, err := startPprof(ctx, "127.0.0.1:0", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{"/debug/pprof/cmdline": 200, "/debug/vars": 404, "/": 404} {
		res, err := http.Get("http://" + addr.String() + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("profiler %s: %d, want %d", path, res.StatusCode, want)
		}
	}
}
