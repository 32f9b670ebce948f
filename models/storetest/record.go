package storetest

import (
	"sync"
	"testing"

	"gorm.io/gorm"
)

// Statement is one SQL statement a store ran, with its arguments.
type Statement struct {
	SQL  string
	Vars []any
}

// Recorder keeps the statements a store runs while it is on.
type Recorder struct {
	mu   sync.Mutex
	on   bool
	seen []Statement
}

// Record registers a recorder on db (once per database) and returns it, off.
func Record(t testing.TB, db *gorm.DB) *Recorder {
	t.Helper()
	r := &Recorder{}
	cb := db.Callback()
	const name = "storetest:record"
	for _, err := range []error{
		cb.Create().After("gorm:create").Register(name, r.keep),
		cb.Query().After("gorm:query").Register(name, r.keep),
		cb.Update().After("gorm:update").Register(name, r.keep),
		cb.Delete().After("gorm:delete").Register(name, r.keep),
		cb.Row().After("gorm:row").Register(name, r.keep),
		cb.Raw().After("gorm:raw").Register(name, r.keep),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func (r *Recorder) keep(db *gorm.DB) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.on && db.Statement.SQL.Len() > 0 {
		r.seen = append(r.seen, Statement{SQL: db.Statement.SQL.String(), Vars: append([]any(nil), db.Statement.Vars...)})
	}
}

// Start forgets what was recorded and records from now on.
func (r *Recorder) Start() {
	r.mu.Lock()
	r.on, r.seen = true, nil
	r.mu.Unlock()
}

// Stop ends recording and returns the statements seen since Start.
func (r *Recorder) Stop() []Statement {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on = false
	return r.seen
}
