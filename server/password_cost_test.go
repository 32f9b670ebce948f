package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"trappen/models/identity"
	"trappen/models/store"
	"trappen/models/storetest"
)

// This test binary hashes cheaply (see TestMain), so the proof that the
// server does not is made with the real binary: built from this package,
// run as an operator would, and its stored hash read back.
func TestTheServerHashesPasswordsAtProductionCost(t *testing.T) {
	t.Parallel()
	// The go command that runs this test (go test puts its own first on PATH).
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "trappen")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	opts := storetest.Options(t, storetest.SQLite)
	cmd := exec.Command(bin, "caseworker", "create", "--email", "sara@example.dk", "--name", "Sara Sagsbehandler")
	cmd.Env = append(os.Environ(), "TRAPPEN_DATA_DIR="+opts.DataDir, "DATABASE_URL=")
	cmd.Stdin = strings.NewReader("a long enough password\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("caseworker create: %v\n%s", err, out)
	}
	s, err := store.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.SQL.Close()
	var hash string
	if err := s.DB.Raw("SELECT password_hash FROM users WHERE email = ?", "sara@example.dk").Scan(&hash).Error; err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("the server stored %q, want Argon2id at 19 MiB, 2 passes", hash[:min(len(hash), 40)])
	}
	// And this binary's own hashes are the cheap ones, so the check above
	// is not passing by accident.
	if h, _ := identity.HashPassword("x"); strings.Contains(h, "m=19456") {
		t.Fatal("TestMain did not make hashing cheap")
	}
}
