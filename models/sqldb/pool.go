package sqldb

import (
	"database/sql"
	"time"
)

// DefaultMaxConns is the PostgreSQL pool size of one instance. A request
// holds a connection only while its statements run, so a few per core of
// the database server keep it busy; more only queue inside PostgreSQL.
// Several instances together must stay below the server's max_connections.
const DefaultMaxConns = 16

// SQLiteReaders is the number of SQLite reader connections: reads in WAL
// mode run in parallel, one per core keeps the cores busy, a few more cover
// the time a reader waits on the disk.
const SQLiteReaders = 8

// configurePool keeps every connection it opens: with Go's default of two
// idle connections a busy instance closes and reopens connections many
// times a second, each costing PostgreSQL a fork and its statement cache.
// Connections are renewed hourly, so a failover or a changed setting is
// picked up without a restart.
func configurePool(db *sql.DB, maxConns int) {
	if maxConns <= 0 {
		maxConns = DefaultMaxConns
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(time.Hour)
}
