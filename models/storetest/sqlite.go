package storetest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"trappen/models/sqldb"
)

// sqliteFile is the name sqldb gives the database file in its data directory.
const sqliteFile = "trappen.db"

// sqliteTemplate is a database file migrated once per test binary: running
// the migrations took about 50 ms of CPU per test, copying the file takes
// well under one.
var sqliteTemplate struct {
	once sync.Once
	data []byte
	err  error
}

// sqliteCopy returns a new temporary data directory holding a copy of the
// migrated template, which sqldb.Open then opens like any existing
// database (and finds no migration left to run).
func sqliteCopy(t testing.TB) string {
	t.Helper()
	sqliteTemplate.once.Do(func() { sqliteTemplate.data, sqliteTemplate.err = migrateSQLiteTemplate() })
	if sqliteTemplate.err != nil {
		t.Fatalf("migrate the SQLite template: %v", sqliteTemplate.err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, sqliteFile), sqliteTemplate.data, 0o600); err != nil {
		t.Fatalf("copy the SQLite template: %v", err)
	}
	return dir
}

// migrateSQLiteTemplate migrates a new database with sqldb.Open, closes it
// (which checkpoints the write-ahead log into the file) and returns the file.
func migrateSQLiteTemplate() ([]byte, error) {
	dir, err := os.MkdirTemp("", "trappen-sqlite-template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	db, err := sqldb.Open(context.Background(), sqldb.OpenOptions{DataDir: dir})
	if err != nil {
		return nil, err
	}
	if err := db.DB.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error; err != nil {
		db.Close()
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	if info, err := os.Stat(filepath.Join(dir, sqliteFile+"-wal")); err == nil && info.Size() > 0 {
		return nil, errors.New("the write-ahead log was not checkpointed into the database file")
	}
	return os.ReadFile(filepath.Join(dir, sqliteFile))
}
