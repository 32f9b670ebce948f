package sqldb

import (
	"context"
	"fmt"
)

// PurgeBatch is how many rows one purge statement deletes: small enough
// that SQLite's single writer is held for milliseconds and PostgreSQL's
// transaction stays short, large enough that a year of history goes in
// minutes.
const PurgeBatch = 2000

// DeleteInBatches deletes from table the rows whose id pick returns, batch
// at a time, until a batch comes back short. pick is a SELECT of ids that
// ends in LIMIT ? (the batch is its last argument) and must find its rows
// by index (push/explain_test.go checks the purges).
func (db *DB) DeleteInBatches(ctx context.Context, table, pick string, batch int, args ...any) (int64, error) {
	// PostgreSQL: the ids as an array first, so the rows are found through
	// the primary key rather than a hash join over the whole table.
	del := "DELETE FROM " + table + " WHERE id IN (" + pick + ")"
	if db.Dialect == Postgres {
		del = "DELETE FROM " + table + " WHERE id = ANY (ARRAY(" + pick + "))"
	}
	var total int64
	for {
		res := db.DB.WithContext(ctx).Exec(del, append(args, batch)...)
		if res.Error != nil {
			return total, fmt.Errorf("delete from %s: %w", table, res.Error)
		}
		total += res.RowsAffected
		if res.RowsAffected < int64(batch) {
			return total, nil
		}
	}
}
