package sqldb_test

import (
	"context"
	"net/url"
	"sync"
	"testing"

	"trappen/models/sqldb"
	"trappen/models/storetest"
)

// Under concurrent load the pool keeps the connections it opened, and each
// connection prepares a statement once and reuses it (pgx's statement cache).
func TestThePostgresPoolKeepsItsConnectionsAndStatements(t *testing.T) {
	t.Parallel()
	opts := storetest.Options(t, storetest.Postgres)
	opts.MaxConns = 6
	s, err := sqldb.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sqlDB, _ := s.DB.DB()
	burst := func() {
		var wg sync.WaitGroup
		for range 24 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var n int
				if err := s.DB.Raw("SELECT count(*) FROM users WHERE role = ?", "citizen").Scan(&n).Error; err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	burst()
	opened := sqlDB.Stats().OpenConnections
	for range 5 {
		burst()
	}
	st := sqlDB.Stats()
	if st.MaxIdleClosed != 0 || st.MaxLifetimeClosed != 0 || st.MaxIdleTimeClosed != 0 {
		t.Fatalf("the pool closed connections under load: %+v", st)
	}
	if st.OpenConnections < opened || st.OpenConnections > opts.MaxConns || st.Idle != st.OpenConnections {
		t.Fatalf("open %d (after the first burst %d), idle %d, max %d", st.OpenConnections, opened, st.Idle, opts.MaxConns)
	}
	// A statement run on a connection stays prepared there for the next time.
	conn, err := sqlDB.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var users int
	if err := conn.QueryRowContext(context.Background(), "SELECT count(*) FROM users WHERE role = $1", "citizen").Scan(&users); err != nil {
		t.Fatal(err)
	}
	// The pattern is split so that this query does not match itself.
	var prepared int
	probe := "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%users' || ' WHERE role%'"
	if err := conn.QueryRowContext(context.Background(), probe).Scan(&prepared); err != nil {
		t.Fatal(err)
	}
	if prepared != 1 {
		t.Fatalf("%d prepared statements for the query, want 1 (statement cache off?)", prepared)
	}
	// Each prepared statement is planned once (withGenericPlans).
	var mode string
	if err := conn.QueryRowContext(context.Background(), "SHOW plan_cache_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "force_generic_plan" {
		t.Fatalf("plan_cache_mode = %q, want force_generic_plan", mode)
	}
}

// An operator's own plan_cache_mode in DATABASE_URL wins over Trappen's.
func TestTheOperatorsPlanCacheModeIsKept(t *testing.T) {
	t.Parallel()
	opts := storetest.Options(t, storetest.Postgres)
	u, err := url.Parse(opts.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("plan_cache_mode", "auto")
	u.RawQuery = q.Encode()
	opts.DatabaseURL = u.String()
	s, err := sqldb.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var mode string
	if err := s.DB.Raw("SHOW plan_cache_mode").Scan(&mode).Error; err != nil {
		t.Fatal(err)
	}
	if mode != "auto" {
		t.Fatalf("plan_cache_mode = %q, want the operator's auto", mode)
	}
}
