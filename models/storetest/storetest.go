// Package storetest opens real, isolated databases for tests: SQLite in a
// temporary directory always, and PostgreSQL (a fresh schema per test) when
// TRAPPEN_TEST_DATABASE_URL is set.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"trappen/models/sqldb"
	"trappen/models/store"
)

// EnvURL names the variable holding the PostgreSQL test server's URL.
const EnvURL = "TRAPPEN_TEST_DATABASE_URL"

// Engine is one database engine a test can run on.
type Engine string

const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// Engines lists the engines available in this run. In CI a missing
// PostgreSQL is a failure, not a skip.
func Engines(t testing.TB) []Engine {
	if os.Getenv(EnvURL) != "" {
		return []Engine{SQLite, Postgres}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not set: CI must run every storage test on PostgreSQL too", EnvURL)
	}
	return []Engine{SQLite}
}

// Each runs fn once per available engine, as subtests named after the engine.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	for _, e := range Engines(t) {
		t.Run(string(e), func(t *testing.T) { fn(t, Open(t, e)) })
	}
}

// Options returns open options for a fresh, isolated database on engine e.
func Options(t testing.TB, e Engine) sqldb.OpenOptions {
	if e == SQLite {
		return sqldb.OpenOptions{DataDir: t.TempDir()}
	}
	return sqldb.OpenOptions{DatabaseURL: freshSchema(t)}
}

// Open returns the case store on a migrated database on engine e, closed
// when the test ends. Its Identity and Outbox fields are the other stores
// on the same database, and SQL the database itself.
func Open(t testing.TB, e Engine) *store.Store {
	t.Helper()
	db, err := sqldb.Open(context.Background(), Options(t, e))
	if err != nil {
		t.Fatalf("open %s store: %v", e, err)
	}
	t.Cleanup(func() { db.Close() })
	return store.New(db)
}

// freshSchema creates a schema of its own and returns a URL that uses it.
func freshSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		t.Skipf("%s not set", EnvURL)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatalf("connect to test postgres: %v", err)
	}
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		if db, err := admin.DB(); err == nil {
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
