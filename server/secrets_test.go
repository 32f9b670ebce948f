package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trappen/models/secretbox"
	"trappen/models/storetest"
	"trappen/push"
)

// startOnce starts and stops the app with env, returning the VAPID private
// key it uses, what the database and the key file hold, and the log.
func startOnce(t *testing.T, getenv func(string) string) (vapid, storedVAPID, jwtFile, logs string, err error) {
	t.Helper()
	cfg, err := LoadConfig(getenv)
	if err != nil {
		return "", "", "", "", err
	}
	var buf bytes.Buffer
	a, err := newApp(context.Background(), cfg, slog.New(slog.NewTextHandler(&buf, nil)), time.Now)
	if err != nil {
		return "", "", "", buf.String(), err
	}
	defer a.Close()
	a.store.DB.Raw("SELECT private_key FROM vapid_keys WHERE id = 1").Scan(&storedVAPID)
	file, _ := os.ReadFile(filepath.Join(cfg.DataDir, "jwt.key"))
	return a.push.Sender.(*push.WebPush).PrivateKey, storedVAPID, string(file), buf.String(), nil
}

// Without TRAPPEN_SECRET_KEY secrets stay in plaintext (and the start says
// so); setting it seals them in place; a rotation re-seals them; and a key
// taken away is an error, not a silent new key.
func TestStoredSecretsAreSealedOnceAKeyIsSet(t *testing.T) {
	t.Parallel()
	const first, second = "the first secret key, at least 32 bytes long", "the second secret key, at least 32 bytes long"
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			opts := storetest.Options(t, engine)
			if opts.DatabaseURL != "" {
				opts.DataDir = t.TempDir()
			}
			env := func(extra map[string]string) func(string) string { return envFor(opts, extra) }

			plainKey, stored, file, logs, err := startOnce(t, env(nil))
			if err != nil || stored != plainKey || secretbox.IsSealed(file) || !strings.Contains(logs, "not encrypted at rest") {
				t.Fatalf("without a key: stored %q, file %q, err %v, logs %s", stored, file, err, logs)
			}

			key, stored, file, logs, err := startOnce(t, env(map[string]string{"TRAPPEN_SECRET_KEY": first}))
			if err != nil || key != plainKey || !secretbox.IsSealed(stored) || !secretbox.IsSealed(file) ||
				strings.Contains(stored, plainKey) || strings.Contains(logs, "not encrypted at rest") {
				t.Fatalf("with a key: key kept %v, stored %q, file %q, err %v", key == plainKey, stored, file, err)
			}

			rotate := map[string]string{"TRAPPEN_SECRET_KEY": second, "TRAPPEN_SECRET_KEY_PREVIOUS": first}
			key, rotated, rotatedFile, _, err := startOnce(t, env(rotate))
			if err != nil || key != plainKey || rotated == stored || rotatedFile == file {
				t.Fatalf("rotation: key kept %v, re-sealed %v %v, err %v", key == plainKey, rotated != stored, rotatedFile != file, err)
			}
			if key, _, _, _, err := startOnce(t, env(map[string]string{"TRAPPEN_SECRET_KEY": second})); err != nil || key != plainKey {
				t.Fatalf("after the rotation the new key alone opens the secrets: %v", err)
			}
			if _, _, _, _, err := startOnce(t, env(nil)); err == nil || !strings.Contains(err.Error(), "TRAPPEN_SECRET_KEY") {
				t.Fatalf("without the key the sealed secrets must stop the start: %v", err)
			}
			if _, _, _, _, err := startOnce(t, env(map[string]string{"TRAPPEN_SECRET_KEY": "too short"})); err == nil {
				t.Fatal("a short key was accepted")
			}
		})
	}
}
