// Package identity keeps who may sign in: users, argon2id passwords,
// refresh-token families, invites and login limits.
package identity

import (
	"context"

	"gorm.io/gorm"

	"trappen/models/sqldb"
)

// Store is the identity storage; build it with New.
type Store struct {
	DB      *gorm.DB
	Dialect sqldb.Dialect
	sql     *sqldb.DB
}

// New returns the identity store on db.
func New(db *sqldb.DB) *Store {
	return &Store{DB: db.DB, Dialect: db.Dialect, sql: db}
}

// Tx runs fn in a transaction bound to ctx.
func (s *Store) Tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.sql.Tx(ctx, fn)
}
