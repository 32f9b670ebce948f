package sqldb

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

var (
	forUpdate = clause.Locking{Strength: "UPDATE"}
	// ForUpdateSkipLocked lets concurrent workers claim different rows.
	ForUpdateSkipLocked = clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}
)

// LockForUpdate adds FOR UPDATE on PostgreSQL; SQLite's immediate
// transactions already hold the write lock.
func LockForUpdate(tx *gorm.DB, d Dialect) *gorm.DB {
	if d == Postgres {
		return tx.Clauses(forUpdate)
	}
	return tx
}
