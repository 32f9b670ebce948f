package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"trappen/api"
	"trappen/models/storetest"
)

func TestARestartKeepsAccountsAndTheSigningKey(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			opts := storetest.Options(t, engine)
			cfg, _ := LoadConfig(envFor(opts, nil))
			if cfg.DatabaseURL != "" {
				cfg.DataDir = t.TempDir()
			}
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			first, err := newApp(context.Background(), cfg, log, time.Now)
			if err != nil {
				t.Fatal(err)
			}
			u, err := first.store.Identity.CreateCaseworker(context.Background(), modelsCaseworker("sara@example.dk"), time.Now())
			if err != nil {
				t.Fatal(err)
			}
			key, _ := loadOrCreateKey(cfg.DataDir, "jwt.key")
			tokens, _ := api.NewTokens(key)
			_, session, err := first.store.Identity.IssueRefreshToken(context.Background(), u.ID, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			token, _ := tokens.Issue(u.ID, u.Role, session, time.Now())
			first.Close()

			second, err := newApp(context.Background(), cfg, log, time.Now)
			if err != nil {
				t.Fatalf("second start: %v", err)
			}
			defer second.Close()
			if _, err := second.store.Identity.Login(context.Background(), "sara@example.dk", "a long enough password", "127.0.0.1", time.Now()); err != nil {
				t.Fatalf("account lost across restart: %v", err)
			}
			req, _ := httpRequest("GET", "/api/v1/me", token)
			res, err := second.http.Test(req, -1)
			if err != nil || res.StatusCode != 200 {
				t.Fatalf("a token from before the restart: %v %v", res.StatusCode, err)
			}
		})
	}
}

func TestTheAppShellIsServedWithTheRightHeaders(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	index := s.get("/")
	body, _ := io.ReadAll(index.Body)
	if index.StatusCode != 200 || !strings.Contains(string(body), `lang="da"`) {
		t.Fatalf("/ = %d: %.200s", index.StatusCode, body)
	}
	if csp := index.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("CSP = %q", csp)
	}
	for _, path := range []string{"/sw.js", "/manifest.webmanifest", "/", "/login"} {
		if cc := s.get(path).Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("%s: Cache-Control = %q, want no-cache", path, cc)
		}
	}
	if ct := s.get("/manifest.webmanifest").Header.Get("Content-Type"); ct != "application/manifest+json" {
		t.Errorf("manifest content type = %q", ct)
	}
	asset := firstAsset(t, string(body))
	if cc := s.get(asset).Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("%s: Cache-Control = %q, want immutable", asset, cc)
	}
	if res := s.get("/assets/missing-file.js"); res.StatusCode != 404 {
		t.Errorf("a missing asset answered %d", res.StatusCode)
	}
	if res := s.get("/healthz"); res.StatusCode != 200 {
		t.Errorf("/healthz = %d", res.StatusCode)
	}
	if res := s.get("/i18n/da.json"); res.StatusCode != 200 {
		t.Errorf("/i18n/da.json = %d", res.StatusCode)
	}
}

// firstAsset finds a hashed /assets/ URL in the index page.
func firstAsset(t *testing.T, html string) string {
	i := strings.Index(html, "/assets/")
	if i < 0 {
		t.Fatalf("no /assets/ reference in index.html")
	}
	end := strings.IndexAny(html[i:], `"'`)
	return html[i : i+end]
}
