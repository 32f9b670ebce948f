package sqldb

import (
	"database/sql"
	"errors"
	"net/url"
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

// withGenericPlans asks PostgreSQL to plan each prepared statement once per
// connection (plan_cache_mode=force_generic_plan) unless the operator's
// DATABASE_URL says otherwise. Trappen's statements look rows up by ids and
// instants through indexes whose choice does not depend on the values, so
// the default of re-planning parameterised statements whose generic plan
// looks dearer only costs CPU: at 400 requests a second on 100,000
// citizens it was a tenth of PostgreSQL's time and a third of the p99
// (README, "Load test").
func withGenericPlans(databaseURL string) (string, error) {
	u, err := url.Parse(databaseURL)
	if err != nil {
		// url.Parse's error quotes the URL, password included: not for logs.
		return "", errors.New("DATABASE_URL is not a valid URL")
	}
	q := u.Query()
	if q.Has("plan_cache_mode") {
		return databaseURL, nil
	}
	q.Set("plan_cache_mode", "force_generic_plan")
	u.RawQuery = q.Encode()
	return u.String(), nil
}
