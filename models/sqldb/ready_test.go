package sqldb

import (
	"context"
	"os"
	"strings"
	"testing"
)

func TestReadyRefusesAReadOnlyPostgreSQL(t *testing.T) {
	t.Parallel()
	base := os.Getenv("TRAPPEN_TEST_DATABASE_URL")
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("TRAPPEN_TEST_DATABASE_URL is not set")
		}
		t.Skip("TRAPPEN_TEST_DATABASE_URL is not set")
	}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	ctx := context.Background()
	for _, c := range []struct {
		name      string
		url       string
		wantReady bool
	}{
		{"a writable database is ready", base, true},
		// pgx passes unknown URL parameters on as session settings.
		{"a read-only session is not", base + sep + "default_transaction_read_only=on", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, err := connect(OpenOptions{DatabaseURL: c.url})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.Ready(ctx); (err == nil) != c.wantReady {
				t.Fatalf("Ready() = %v, want ready %v", err, c.wantReady)
			}
		})
	}
}

func TestReadyAcceptsAWritableSQLiteFile(t *testing.T) {
	t.Parallel()
	db, err := Open(context.Background(), OpenOptions{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Ready(context.Background()); err != nil {
		t.Fatal(err)
	}
	db.file = db.file + ".gone/x"
	if err := db.Ready(context.Background()); err == nil {
		t.Fatal("a database file that cannot be opened for writing was ready")
	}
}
