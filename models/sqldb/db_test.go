package sqldb_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"trappen/models/sqldb"
	"trappen/models/storetest"
)

func TestMigratingTwiceIsANoOp(t *testing.T) {
	t.Parallel()
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			opts := storetest.EmptyOptions(t, e)
			for i := 0; i < 2; i++ {
				s, err := sqldb.Open(context.Background(), opts)
				if err != nil {
					t.Fatalf("start %d: %v", i+1, err)
				}
				s.Close()
			}
		})
	}
}

func TestTheSQLiteFileIsReadableOnlyByTheServer(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, err := sqldb.Open(context.Background(), sqldb.OpenOptions{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	info, err := os.Stat(filepath.Join(dir, "trappen.db"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("trappen.db mode = %v (%v), want 0600", info.Mode().Perm(), err)
	}
}
