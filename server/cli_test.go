package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/sqldb"
	"trappen/models/store"
	"trappen/models/storetest"
)

// envFor returns a getenv that points the server at opts' database.
func envFor(opts sqldb.OpenOptions, extra map[string]string) func(string) string {
	return func(name string) string {
		switch name {
		case "DATABASE_URL":
			return opts.DatabaseURL
		case "TRAPPEN_DATA_DIR":
			return opts.DataDir
		}
		return extra[name]
	}
}

func TestCaseworkerCreateReadsThePasswordFromStdinAndRefusesATakenEmail(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			opts := storetest.Options(t, engine)
			getenv := envFor(opts, nil)
			var out, errOut bytes.Buffer
			args := []string{"caseworker", "create", "--email", "sara@example.dk", "--name", "Sara Sagsbehandler"}
			if code := run(args, strings.NewReader("a long enough password\n"), &out, &errOut, getenv); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			store, err := store.Open(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			defer store.SQL.Close()
			if _, err := store.Identity.Login(context.Background(), "sara@example.dk", "a long enough password", "127.0.0.1", time.Now()); err != nil {
				t.Fatalf("the new caseworker cannot sign in: %v", err)
			}
			errOut.Reset()
			args[3] = "SARA@example.dk"
			if code := run(args, strings.NewReader("another password\n"), &out, &errOut, getenv); code == 0 {
				t.Fatal("a taken e-mail was accepted")
			}
			if lines := strings.Count(strings.TrimSpace(errOut.String()), "\n"); lines != 0 || !strings.Contains(errOut.String(), "e-mail") {
				t.Fatalf("want one line naming the e-mail, got %q", errOut.String())
			}
		})
	}
}

func TestCaseworkerCreateRefusesBadInput(t *testing.T) {
	t.Parallel()
	opts := storetest.Options(t, storetest.SQLite)
	cases := []struct {
		name  string
		args  []string
		stdin string
	}{
		{"no e-mail", []string{"caseworker", "create", "--name", "Sara"}, "a long enough password\n"},
		{"a short password", []string{"caseworker", "create", "--email", "s@example.dk", "--name", "Sara"}, "short\n"},
		{"no password at all", []string{"caseworker", "create", "--email", "s@example.dk", "--name", "Sara"}, ""},
		{"an unknown flag", []string{"caseworker", "create", "--mail", "s@example.dk"}, "a long enough password\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(c.args, strings.NewReader(c.stdin), &out, &errOut, envFor(opts, nil)); code == 0 || errOut.Len() == 0 {
				t.Fatalf("exit %d, stderr %q", code, errOut.String())
			}
		})
	}
}

func TestConfigDefaultsAndSecrets(t *testing.T) {
	t.Parallel()
	cfg, err := LoadConfig(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != ":8080" || cfg.DataDir != "data" || cfg.DatabaseURL != "" || len(cfg.PushAllowlist) == 0 {
		t.Fatalf("defaults = %+v", cfg)
	}
	if _, err := LoadConfig(func(n string) string {
		if n == "TRAPPEN_JWT_KEY" {
			return "too short"
		}
		return ""
	}); err == nil {
		t.Fatal("a short JWT key was accepted")
	}
	cfg, _ = LoadConfig(func(n string) string {
		if n == "TRAPPEN_PUSH_ALLOWLIST" {
			return "https://a.example/, https://b.example/"
		}
		return ""
	})
	if len(cfg.PushAllowlist) != 2 || cfg.PushAllowlist[1] != "https://b.example/" {
		t.Fatalf("allow-list = %v", cfg.PushAllowlist)
	}
}

func TestTheSigningKeySurvivesARestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first, err := loadOrCreateKey(dir, "jwt.key")
	if err != nil {
		t.Fatal(err)
	}
	second, err := loadOrCreateKey(dir, "jwt.key")
	if err != nil || !bytes.Equal(first, second) {
		t.Fatalf("key changed across restarts (%v)", err)
	}
	info, err := os.Stat(filepath.Join(dir, "jwt.key"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode = %v (%v), want 0600", info.Mode().Perm(), err)
	}
}

func TestPurgeRunsOnceAndExitsZero(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			opts := storetest.Options(t, engine)
			ctx := context.Background()
			st, err := store.Open(ctx, opts)
			if err != nil {
				t.Fatal(err)
			}
			now := time.Now()
			cw, err := st.Identity.CreateCaseworker(ctx, models.NewCaseworker{Email: "sara@example.dk", Name: "Sara", Password: "a long enough password"}, now)
			if err != nil {
				t.Fatal(err)
			}
			today := models.CopenhagenDate(now).Format(models.DateLayout)
			in := models.NewCitizen{Name: "Bo", Email: "bo@example.dk", FirstSickDay: today, Category: 2}
			c, _, err := st.CreateCitizen(ctx, cw.ID, in, now)
			if err != nil {
				t.Fatal(err)
			}
			if err := st.CloseCase(ctx, cw.ID, c.ID, models.CloseInput{Date: today, Reason: "other"}, now); err != nil {
				t.Fatal(err)
			}
			st.SQL.Close()
			var out, errOut bytes.Buffer
			// The default keeps it for a year.
			if code := run([]string{"purge"}, strings.NewReader(""), &out, &errOut, envFor(opts, nil)); code != 0 || !strings.Contains(out.String(), "deleted 0") ||
				!strings.Contains(out.String(), "access-log entr(y/ies) older than 180 day(s)") || !strings.Contains(out.String(), "push message(s)") {
				t.Fatalf("exit %d: %s %s", code, out.String(), errOut.String())
			}
			out.Reset()
			if code := run([]string{"purge"}, strings.NewReader(""), &out, &errOut,
				envFor(opts, map[string]string{"TRAPPEN_RETENTION_DAYS": "0"})); code != 0 || !strings.Contains(out.String(), "deleted 1") {
				t.Fatalf("exit %d: %s %s", code, out.String(), errOut.String())
			}
			if code := run([]string{"purge"}, strings.NewReader(""), &out, &errOut,
				envFor(opts, map[string]string{"TRAPPEN_RETENTION_DAYS": "a year"})); code == 0 {
				t.Fatal("a bad TRAPPEN_RETENTION_DAYS was accepted")
			}
		})
	}
}

func TestServiceInfoSettings(t *testing.T) {
	t.Parallel()
	env := func(m map[string]string) func(string) string { return func(n string) string { return m[n] } }
	cfg, err := LoadConfig(env(nil))
	if err != nil || cfg.Service.OrgName != "Jobcenter" || cfg.Service.OrgURL != "" || cfg.Service.RetentionDays != 365 || cfg.Service.AccessLogRetentionDays != 180 {
		t.Fatalf("defaults: %+v, %v", cfg.Service, err)
	}
	cfg, err = LoadConfig(env(map[string]string{"TRAPPEN_ORG_NAME": "Jobcenter Helsingør", "TRAPPEN_ORG_URL": "https://helsingor.dk/jobcenter",
		"TRAPPEN_ORG_EMAIL": "jobcenter@helsingor.dk", "TRAPPEN_ORG_PHONE": "49 28 00 00", "TRAPPEN_RETENTION_DAYS": "30", "TRAPPEN_ACCESS_LOG_RETENTION_DAYS": "90"}))
	if err != nil || cfg.Service.OrgName != "Jobcenter Helsingør" || cfg.Service.OrgEmail != "jobcenter@helsingor.dk" || cfg.Service.RetentionDays != 30 || cfg.Service.AccessLogRetentionDays != 90 {
		t.Fatalf("set: %+v, %v", cfg.Service, err)
	}
	for name, bad := range map[string]map[string]string{
		"an address without a scheme": {"TRAPPEN_ORG_URL": "helsingor.dk"},
		"a javascript: address":       {"TRAPPEN_ORG_URL": "javascript:alert(1)"},
		"an e-mail with a name":       {"TRAPPEN_ORG_EMAIL": "Jobcenter <jc@helsingor.dk>"},
		"negative retention":          {"TRAPPEN_RETENTION_DAYS": "-1"},
		"retention in words":          {"TRAPPEN_RETENTION_DAYS": "a year"},
	} {
		if _, err := LoadConfig(env(bad)); err == nil {
			t.Errorf("%s is accepted", name)
		}
	}
}

func TestDatabasePoolSizeFromTheEnvironment(t *testing.T) {
	t.Parallel()
	env := func(v string) func(string) string {
		return func(n string) string {
			if n == "TRAPPEN_DB_MAX_CONNS" {
				return v
			}
			return ""
		}
	}
	cfg, err := LoadConfig(env("40"))
	if err != nil || cfg.storeOptions().MaxConns != 40 {
		t.Fatalf("pool size = %d (%v), want 40", cfg.DBMaxConns, err)
	}
	for _, bad := range []string{"0", "-1", "many", "100000"} {
		if _, err := LoadConfig(env(bad)); err == nil {
			t.Errorf("TRAPPEN_DB_MAX_CONNS=%q was accepted", bad)
		}
	}
}

func TestTheAccessLogIsKeptSixMonthsUnlessSetOtherwise(t *testing.T) {
	t.Parallel()
	env := func(v string) func(string) string {
		return func(n string) string {
			if n == "TRAPPEN_ACCESS_LOG_RETENTION_DAYS" {
				return v
			}
			return ""
		}
	}
	for v, want := range map[string]int{"": 180, "365": 365, " 30 ": 30} {
		if cfg, err := LoadConfig(env(v)); err != nil || cfg.AccessLogRetentionDays != want {
			t.Errorf("%q: %d (%v), want %d", v, cfg.AccessLogRetentionDays, err, want)
		}
	}
	for _, v := range []string{"29", "0", "-1", "half a year", "36501"} {
		if _, err := LoadConfig(env(v)); err == nil {
			t.Errorf("%q was accepted", v)
		}
	}
}
