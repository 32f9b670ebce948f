// Package store keeps a citizen's case: the citizen, goals, check-ins,
// plans, meetings, placements, fast track, progression, home, export,
// caseload, snooze, reassignment, access log and calendar feed. It writes
// push jobs (outbox) and users (identity) in the same transaction when a
// change needs them; those packages never import this one.
package store

import (
	"context"

	"gorm.io/gorm"

	"trappen/models/identity"
	"trappen/models/outbox"
	"trappen/models/sqldb"
)

// Store is the case storage; build it with New.
type Store struct {
	DB *gorm.DB
	// Read serves the GET paths' reads outside a transaction (SQLite's
	// reader pool; the same pool as DB on PostgreSQL).
	Read    *gorm.DB
	Dialect sqldb.Dialect
	SQL     *sqldb.DB

	Identity *identity.Store
	Outbox   *outbox.Store
}

// New returns the case store on db, with the identity and outbox stores it
// composes.
func New(db *sqldb.DB) *Store {
	return &Store{DB: db.DB, Read: db.Read, Dialect: db.Dialect, SQL: db,
		Identity: identity.New(db), Outbox: outbox.New(db)}
}

// Tx runs fn in a transaction bound to ctx.
func (s *Store) Tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.SQL.Tx(ctx, fn)
}

// Open opens and migrates the database and returns the case store on it.
func Open(ctx context.Context, opts sqldb.OpenOptions) (*Store, error) {
	db, err := sqldb.Open(ctx, opts)
	if err != nil {
		return nil, err
	}
	return New(db), nil
}
