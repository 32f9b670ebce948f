package storetest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/identity"
	"trappen/models/sqldb"
	"trappen/models/store"
)

func TestMain(m *testing.M) {
	identity.UseCheapPasswordHashesInTests()
	os.Exit(m.Run())
}

var migrations = func() int {
	n, err := os.ReadDir("../sqldb/migrations/sqlite")
	if err != nil {
		panic(err)
	}
	return len(n)
}()

func countRows(t *testing.T, db *sqldb.DB, table string) int {
	t.Helper()
	var n int
	if err := db.DB.Raw("SELECT count(*) FROM " + table).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// Every database a test gets is migrated and empty, and its own.
func TestEachTestGetsItsOwnMigratedEmptyDatabase(t *testing.T) {
	t.Parallel()
	for _, e := range Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			a, b := Open(t, e), Open(t, e)
			for _, s := range []*sqldb.DB{a.SQL, b.SQL} {
				if n := countRows(t, s, "schema_migrations"); n != migrations {
					t.Fatalf("%d migrations applied, want %d", n, migrations)
				}
				if n := countRows(t, s, "users"); n != 0 {
					t.Fatalf("a new database holds %d users", n)
				}
			}
			now := time.Now()
			if _, err := a.Identity.CreateCaseworker(context.Background(), models.NewCaseworker{Email: "a@example.dk", Name: "A", Password: "a long enough password"}, now); err != nil {
				t.Fatal(err)
			}
			if countRows(t, a.SQL, "users") != 1 || countRows(t, b.SQL, "users") != 0 {
				t.Fatal("two tests' databases share their data")
			}
		})
	}
}

func TestEmptyOptionsGiveADatabaseNoMigrationRanOn(t *testing.T) {
	t.Parallel()
	for _, e := range Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			opts := EmptyOptions(t, e)
			if e == SQLite {
				if _, err := os.Stat(filepath.Join(opts.DataDir, sqliteFile)); !os.IsNotExist(err) {
					t.Fatalf("the directory already holds a database (%v)", err)
				}
				return
			}
			db, err := sqldb.Open(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var applied []string
			if err := db.DB.Raw("SELECT applied_at FROM schema_migrations").Scan(&applied).Error; err != nil {
				t.Fatal(err)
			}
			if len(applied) != migrations {
				t.Fatalf("%d migrations applied, want %d", len(applied), migrations)
			}
			for _, a := range applied {
				if at, err := time.Parse(time.RFC3339, a); err != nil || time.Since(at) > time.Minute {
					t.Fatalf("a migration was applied at %v, before this test", at)
				}
			}
		})
	}
}

// postgresPool returns the pool, or skips without PostgreSQL.
func postgresPool(t *testing.T) *pgPool {
	t.Helper()
	pooledSchema(t) // opens the pool
	return pool.p
}

func openSchema(t *testing.T, p *pgPool, name string) *sqldb.DB {
	t.Helper()
	db, err := sqldb.Open(context.Background(), sqldb.OpenOptions{DatabaseURL: schemaURL(t, p.base, name), MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// A schema given back is emptied, sequences and all, before its next test.
func TestAPooledSchemaComesBackEmpty(t *testing.T) {
	t.Parallel()
	p := postgresPool(t)
	name, err := p.claim()
	if err != nil {
		t.Fatal(err)
	}
	db := openSchema(t, p, name)
	for i := 0; i < 3; i++ {
		if err := db.DB.Exec("INSERT INTO login_failures (key_hash, failed_at) VALUES ('k', now())").Error; err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.New(db).Identity.CreateCaseworker(context.Background(), models.NewCaseworker{Email: "a@example.dk", Name: "A", Password: "a long enough password"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	p.release(name)

	if !p.take(name) {
		t.Fatal("claimed by another test of this binary")
	}
	if ok, err := p.tryLock(name); err != nil || !ok {
		p.give(name, false)
		t.Skipf("another test binary claimed %s first", name)
	}
	if err := p.reset(name); err != nil {
		t.Fatal(err)
	}
	defer p.release(name)
	db = openSchema(t, p, name)
	defer db.Close()
	for _, table := range p.layout.tables {
		if n := countRows(t, db, table); n != 0 {
			t.Errorf("%s holds %d rows after the reset", table, n)
		}
	}
	var id int
	if err := db.DB.Raw("INSERT INTO login_failures (key_hash, failed_at) VALUES ('k', now()) RETURNING id").Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	if id != 1 {
		t.Errorf("the first id after a reset is %d, want 1", id)
	}
}

// A test that changes a schema's structure makes it unfit for reuse: the
// pool drops it rather than hand it to the next test.
func TestAChangedSchemaIsDroppedNotReused(t *testing.T) {
	t.Parallel()
	p := postgresPool(t)
	for _, ddl := range []string{
		"ALTER TABLE users ADD COLUMN extra TEXT",
		"ALTER TABLE citizens ALTER COLUMN employer_name DROP NOT NULL",
		"DROP INDEX citizens_caseworker",
		"CREATE TABLE extra (id INTEGER)",
		"ALTER TABLE goals DROP CONSTRAINT goals_citizen_id_fkey",
	} {
		name, err := p.claim()
		if err != nil {
			t.Fatal(err)
		}
		db := openSchema(t, p, name)
		if err := db.DB.Exec(ddl).Error; err != nil {
			t.Fatalf("%s: %v", ddl, err)
		}
		db.Close()
		if err := p.reset(name); err == nil {
			t.Errorf("after %s the schema passed its check", ddl)
		}
		p.release(name)
		next, err := p.claim()
		if err != nil {
			t.Fatal(err)
		}
		p.release(next)
		if next == name {
			t.Errorf("after %s the schema was handed out again", ddl)
		}
		var left int
		p.admin.QueryRow("SELECT count(*) FROM pg_namespace WHERE nspname = $1", name).Scan(&left)
		if left != 0 {
			t.Errorf("after %s the schema was kept", ddl)
		}
	}
}

// The tables are emptied children first: every foreign key's table comes
// before the table it points at.
func TestTheResetEmptiesTablesBeforeTheTablesTheyPointAt(t *testing.T) {
	t.Parallel()
	p := postgresPool(t)
	name, err := p.claim()
	if err != nil {
		t.Fatal(err)
	}
	defer p.release(name)
	l, err := p.layoutOf(name)
	if err != nil {
		t.Fatal(err)
	}
	pos := map[string]int{}
	for i, table := range l.tables {
		pos[table] = i
	}
	rows, err := p.admin.Query(`SELECT k.relname, r.relname FROM pg_constraint f
		JOIN pg_class k ON k.oid = f.conrelid JOIN pg_class r ON r.oid = f.confrelid
		WHERE f.contype = 'f' AND f.connamespace = $1::regnamespace AND f.conrelid <> f.confrelid`, name)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var child, parent string
		rows.Scan(&child, &parent)
		if pos[child] > pos[parent] {
			t.Errorf("%s is emptied after %s, which it points at", child, parent)
		}
		n++
	}
	if n < 10 {
		t.Fatalf("only %d foreign keys found", n)
	}
}
