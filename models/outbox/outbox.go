// Package outbox keeps what is to be pushed: push jobs and their
// deliveries, push subscriptions, the VAPID keys and notification settings.
package outbox

import (
	"context"

	"gorm.io/gorm"

	"trappen/models/sqldb"
)

// Store is the outbox storage; build it with New.
type Store struct {
	DB      *gorm.DB
	Dialect sqldb.Dialect
	sql     *sqldb.DB
}

// New returns the outbox store on db.
func New(db *sqldb.DB) *Store {
	return &Store{DB: db.DB, Dialect: db.Dialect, sql: db}
}

// Tx runs fn in a transaction bound to ctx.
func (s *Store) Tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.sql.Tx(ctx, fn)
}
