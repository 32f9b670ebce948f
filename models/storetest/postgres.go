package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"trappen/models/sqldb"
)

// The PostgreSQL schema pool.
//
// Creating a schema and running the migrations in it cost PostgreSQL about
// half a second of CPU per test, and dropping it another tenth, and the
// churn bloated the system catalogs so that every later DDL was slower. So
// migrated schemas are kept in the test database and reused: a test claims
// a free one, which is then emptied and handed over, and gives it back when
// it ends. Schemas are named tp_<migration digest>_<created>_<random>, so a
// branch with other migrations never gets one of ours.
//
// A schema is claimed with a session advisory lock held on a connection of
// its own for the test binary's life: a second binary (go test runs several
// at once) cannot claim it meanwhile, and when a binary exits or dies its
// locks go with its connection.
//
// Before handing a schema over, the pool checks that its structure is the
// one the migrations left: its comment holds a fingerprint of its rows in
// the system catalogs (their number and transaction ids) taken right after
// the migrations ran. A test that altered, added or dropped a table, column,
// index, constraint, trigger, type or function changes the fingerprint, and
// the schema is dropped instead of reused. Then every table is emptied and
// every sequence restarted, so the test sees what a new database holds.
// Left unchanged: planner statistics (ANALYZE), which change plans, not
// results.

// poolLockClass is the first key of the pool's advisory locks (the second is
// the schema name's hash); the server's migration lock uses a one-key lock,
// which never collides with a two-key one.
const poolLockClass = 7_262_302

// poolMaxAge is how long a pooled schema lives: older ones, of any
// migration digest, are dropped when free, so schemas of old branches and
// edited migrations do not pile up.
const poolMaxAge = 24 * time.Hour

type pgPool struct {
	base   string // the test server's URL
	prefix string // tp_<digest>_
	admin  *sql.DB
	lock   *sql.Conn  // holds the advisory locks of claimed schemas
	lockMu sync.Mutex // one statement at a time on lock

	mu     sync.Mutex
	inUse  map[string]bool // claimed by a test of this binary
	free   []string        // released by a test of this binary, most recent last
	layout *schemaLayout   // tables in deletion order and sequences, once known
}

var pool struct {
	once sync.Once
	p    *pgPool
	err  error
}

// pooledSchema claims a migrated, empty schema for t and returns a URL that
// uses it.
func pooledSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		t.Skipf("%s not set", EnvURL)
	}
	pool.once.Do(func() { pool.p, pool.err = openPool(base) })
	if pool.err != nil {
		t.Fatalf("test schema pool: %v", pool.err)
	}
	p := pool.p
	name, err := p.claim()
	if err != nil {
		t.Fatalf("claim a test schema: %v", err)
	}
	t.Cleanup(func() { p.release(name) })
	return schemaURL(t, base, name)
}

// newSchema creates a schema no migration has run in, dropped when the test ends.
func newSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		t.Skipf("%s not set", EnvURL)
	}
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatalf("connect to test postgres: %v", err)
	}
	schema := "t_" + randomHex(6)
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		if db, err := admin.DB(); err == nil {
			db.Close()
		}
	})
	return schemaURL(t, base, schema)
}

func schemaURL(t testing.TB, base, schema string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	// A commit does not wait for the disk: no test is about what the last
	// commits before a crash of the test server would be, and waiting for
	// the write-ahead log's flush made every write request slower.
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func openPool(base string) (*pgPool, error) {
	digest, err := sqldb.Digest(sqldb.Postgres)
	if err != nil {
		return nil, err
	}
	g, err := gorm.Open(postgres.Open(base), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, fmt.Errorf("connect to test postgres: %w", err)
	}
	admin, err := g.DB()
	if err != nil {
		return nil, err
	}
	admin.SetMaxIdleConns(4)
	lock, err := admin.Conn(context.Background())
	if err != nil {
		return nil, fmt.Errorf("connect to test postgres: %w", err)
	}
	p := &pgPool{base: base, prefix: "tp_" + digest[:12] + "_", admin: admin, lock: lock, inUse: map[string]bool{}}
	p.sweep()
	return p, nil
}

// pooled lists the schemas of the pool, of every digest.
func (p *pgPool) pooled() ([]string, error) {
	rows, err := p.admin.Query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tp\_%' ORDER BY nspname`)
	if err != nil {
		return nil, fmt.Errorf("list pooled schemas: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// sweep drops free schemas of other digests or past poolMaxAge.
func (p *pgPool) sweep() {
	names, err := p.pooled()
	if err != nil {
		return
	}
	for _, n := range names {
		if time.Since(createdAt(n)) < poolMaxAge {
			continue
		}
		if ok, _ := p.tryLock(n); ok {
			p.admin.Exec("DROP SCHEMA IF EXISTS " + n + " CASCADE")
			p.unlock(n)
		}
	}
}

// createdAt reads the creation time from a pooled schema's name.
func createdAt(name string) time.Time {
	parts := strings.Split(name, "_")
	if len(parts) != 4 {
		return time.Time{}
	}
	sec, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return time.Time{}
	}
	return time.Unix(sec, 0)
}

func (p *pgPool) tryLock(name string) (bool, error) {
	p.lockMu.Lock()
	defer p.lockMu.Unlock()
	var ok bool
	err := p.lock.QueryRowContext(context.Background(), "SELECT pg_try_advisory_lock($1, hashtext($2))", poolLockClass, name).Scan(&ok)
	return ok, err
}

func (p *pgPool) unlock(name string) {
	p.lockMu.Lock()
	defer p.lockMu.Unlock()
	p.lock.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1, hashtext($2))", poolLockClass, name)
}

// claim returns a schema of this digest that is now the caller's: a free
// one emptied, or a new one migrated.
func (p *pgPool) claim() (string, error) {
	p.mu.Lock()
	candidates := append([]string(nil), p.free...)
	p.mu.Unlock()
	for pass := 0; pass < 2; pass++ {
		for i := len(candidates) - 1; i >= 0; i-- {
			name := candidates[i]
			if !strings.HasPrefix(name, p.prefix) || !p.take(name) {
				continue
			}
			if ok, err := p.tryLock(name); err != nil || !ok {
				p.give(name, false)
				if err != nil {
					return "", err
				}
				continue
			}
			if err := p.reset(name); err != nil {
				// Damaged, half-made or gone: never hand it out again.
				p.admin.Exec("DROP SCHEMA IF EXISTS " + name + " CASCADE")
				p.unlock(name)
				p.give(name, false)
				continue
			}
			return name, nil
		}
		var err error
		if candidates, err = p.pooled(); err != nil {
			return "", err
		}
	}
	return p.create()
}

// take marks name as claimed within this binary, unless it already is.
func (p *pgPool) take(name string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.inUse[name] {
		return false
	}
	p.inUse[name] = true
	for i, n := range p.free {
		if n == name {
			p.free = append(p.free[:i], p.free[i+1:]...)
			break
		}
	}
	return true
}

// give ends this binary's claim on name; reusable puts it on the free list.
func (p *pgPool) give(name string, reusable bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.inUse, name)
	if reusable {
		p.free = append(p.free, name)
	}
}

// release gives a schema back when its test ends (after the test's own
// cleanups have closed its connections).
func (p *pgPool) release(name string) {
	p.unlock(name)
	p.give(name, true)
}

// create makes, migrates and fingerprints a new schema, claimed.
func (p *pgPool) create() (string, error) {
	name := fmt.Sprintf("%s%d_%s", p.prefix, time.Now().Unix(), randomHex(4))
	p.take(name)
	if ok, err := p.tryLock(name); err != nil || !ok {
		p.give(name, false)
		return "", fmt.Errorf("lock new schema %s: %v", name, err)
	}
	fail := func(err error) (string, error) {
		p.admin.Exec("DROP SCHEMA IF EXISTS " + name + " CASCADE")
		p.unlock(name)
		p.give(name, false)
		return "", err
	}
	if _, err := p.admin.Exec("CREATE SCHEMA " + name); err != nil {
		return fail(fmt.Errorf("create schema: %w", err))
	}
	u, _ := url.Parse(p.base)
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	db, err := sqldb.Open(context.Background(), sqldb.OpenOptions{DatabaseURL: u.String(), MaxConns: 1})
	if err != nil {
		return fail(fmt.Errorf("migrate schema %s: %w", name, err))
	}
	db.Close()
	fp, err := p.fingerprint(name)
	if err != nil {
		return fail(err)
	}
	// COMMENT writes pg_description, which the fingerprint leaves out.
	if _, err := p.admin.Exec(fmt.Sprintf("COMMENT ON SCHEMA %s IS '%s'", name, fp)); err != nil {
		return fail(fmt.Errorf("fingerprint schema %s: %w", name, err))
	}
	if _, err := p.layoutOf(name); err != nil {
		return fail(err)
	}
	return name, nil
}

// fingerprintSQL sums, per system catalog, the number of the schema's rows
// and their creating transaction ids: any DDL in the schema after the
// fingerprint was taken adds, removes or rewrites one of these rows, and a
// rewritten row has a newer transaction id, so the sums cannot come back.
const fingerprintSQL = `WITH r AS (SELECT oid, xmin FROM pg_class WHERE relnamespace = $1::regnamespace)
SELECT concat_ws(' ', 'fingerprint',
  (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM r),
  (SELECT count(*) || '/' || coalesce(sum(a.xmin::text::bigint), 0) FROM pg_attribute a JOIN r ON a.attrelid = r.oid),
  (SELECT count(*) || '/' || coalesce(sum(d.xmin::text::bigint), 0) FROM pg_attrdef d JOIN r ON d.adrelid = r.oid),
  (SELECT count(*) || '/' || coalesce(sum(i.xmin::text::bigint), 0) FROM pg_index i JOIN r ON i.indrelid = r.oid),
  (SELECT count(*) || '/' || coalesce(sum(t.xmin::text::bigint), 0) FROM pg_trigger t JOIN r ON t.tgrelid = r.oid),
  (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_constraint WHERE connamespace = $1::regnamespace),
  (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_type WHERE typnamespace = $1::regnamespace),
  (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_proc WHERE pronamespace = $1::regnamespace))`

func (p *pgPool) fingerprint(name string) (string, error) {
	var fp string
	if err := p.admin.QueryRow(fingerprintSQL, name).Scan(&fp); err != nil {
		return "", fmt.Errorf("fingerprint schema %s: %w", name, err)
	}
	return fp, nil
}

// reset checks name's structure against its fingerprint, then empties
// every table and restarts every sequence.
func (p *pgPool) reset(name string) error {
	var fp, want sql.NullString
	err := p.admin.QueryRow(`SELECT (`+strings.Replace(fingerprintSQL, "$1", "$2", -1)+`), obj_description(oid, 'pg_namespace')
		FROM pg_namespace WHERE nspname = $1`, name, name).Scan(&fp, &want)
	if err != nil {
		return fmt.Errorf("check schema %s: %w", name, err)
	}
	if !want.Valid || fp.String != want.String {
		return fmt.Errorf("schema %s changed since it was migrated (%s, was %s)", name, fp.String, want.String)
	}
	l, err := p.layoutOf(name)
	if err != nil {
		return err
	}
	var script strings.Builder
	script.WriteString("BEGIN;")
	for _, t := range l.tables {
		fmt.Fprintf(&script, "DELETE FROM %s.%s;", name, t)
	}
	for _, s := range l.sequences {
		fmt.Fprintf(&script, "SELECT setval('%s.%s', 1, false);", name, s)
	}
	script.WriteString("COMMIT;")
	if _, err := p.admin.Exec(script.String()); err != nil {
		return fmt.Errorf("empty schema %s: %w", name, err)
	}
	return nil
}

// schemaLayout is what emptying a schema needs: its tables, each after
// every table whose foreign keys point at it, and its sequences.
type schemaLayout struct {
	tables, sequences []string
}

// layoutOf reads the layout from name's catalog the first time; every
// schema of this digest has the same.
func (p *pgPool) layoutOf(name string) (*schemaLayout, error) {
	p.mu.Lock()
	l := p.layout
	p.mu.Unlock()
	if l != nil {
		return l, nil
	}
	l = &schemaLayout{}
	refs := map[string][]string{} // table → tables whose foreign keys point at it
	var tables []string
	rows, err := p.admin.Query(`SELECT c.relname, c.relkind::text, coalesce(array_to_string(array(
			SELECT DISTINCT k.relname FROM pg_constraint f JOIN pg_class k ON k.oid = f.conrelid
			WHERE f.contype = 'f' AND f.confrelid = c.oid AND f.conrelid <> c.oid), ','), '')
		FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p', 'S')
		ORDER BY c.relname`, name)
	if err != nil {
		return nil, fmt.Errorf("read the layout of schema %s: %w", name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var rel, kind, referrers string
		if err := rows.Scan(&rel, &kind, &referrers); err != nil {
			return nil, err
		}
		switch {
		case kind == "S":
			l.sequences = append(l.sequences, rel)
		case rel != "schema_migrations":
			tables = append(tables, rel)
			if referrers != "" {
				refs[rel] = strings.Split(referrers, ",")
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Depth-first: a table's referrers are emptied before it.
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(string) error
	visit = func(t string) error {
		switch state[t] {
		case 1:
			return fmt.Errorf("foreign keys of schema %s form a cycle through %s", name, t)
		case 2:
			return nil
		}
		state[t] = 1
		for _, r := range refs[t] {
			if err := visit(r); err != nil {
				return err
			}
		}
		state[t] = 2
		l.tables = append(l.tables, t)
		return nil
	}
	for _, t := range tables {
		if err := visit(t); err != nil {
			return nil, err
		}
	}
	if len(l.tables) == 0 {
		return nil, fmt.Errorf("schema %s has no tables", name)
	}
	p.mu.Lock()
	p.layout = l
	p.mu.Unlock()
	return l, nil
}
