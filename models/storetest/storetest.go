// Package storetest opens real, isolated databases for tests: SQLite in a
// temporary directory always, and PostgreSQL (a schema of the test's own)
// when TRAPPEN_TEST_DATABASE_URL is set.
//
// Every database a test gets is migrated and empty, as a new installation's
// is, without running the migrations for each test: on SQLite the test gets
// a copy of a file migrated once per test binary; on PostgreSQL it gets a
// schema from a pool of migrated schemas, emptied for it and checked to have
// the structure the migrations left (see postgres.go). EmptyOptions gives a
// database no migration has touched, for tests of the migrations themselves.
package storetest

import (
	"context"
	"os"
	"testing"

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

// Options returns open options for a fresh, isolated, migrated and empty
// database on engine e, which is the test's alone until it ends.
func Options(t testing.TB, e Engine) sqldb.OpenOptions {
	t.Helper()
	if e == SQLite {
		return sqldb.OpenOptions{DataDir: sqliteCopy(t)}
	}
	return sqldb.OpenOptions{DatabaseURL: pooledSchema(t)}
}

// EmptyOptions returns open options for a database no migration has run
// on: an empty directory, or a new PostgreSQL schema dropped when the test
// ends. For tests of the migrations; the rest use Options.
func EmptyOptions(t testing.TB, e Engine) sqldb.OpenOptions {
	t.Helper()
	if e == SQLite {
		return sqldb.OpenOptions{DataDir: t.TempDir()}
	}
	return sqldb.OpenOptions{DatabaseURL: newSchema(t)}
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
