// Package sqldb opens Trappen's database (SQLite or PostgreSQL), applies the
// embedded versioned migrations and hands out the transaction helper every
// store is built on.
package sqldb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialect names the database engine behind a DB.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is the database handle every store is built on.
type DB struct {
	// DB is the writer: every write and every transaction goes here. On
	// SQLite it is one connection, so writers queue in Go, not on the lock.
	DB *gorm.DB
	// Read serves reads outside a transaction. On SQLite it is a pool of
	// query_only connections that read the WAL beside the writer; on
	// PostgreSQL it is the same pool as DB.
	Read    *gorm.DB
	Dialect Dialect
	// file is the SQLite database file ("" on PostgreSQL).
	file string
}

// OpenOptions says where the data lives.
type OpenOptions struct {
	// DatabaseURL selects PostgreSQL when set (postgres://…).
	DatabaseURL string
	// DataDir holds the SQLite file when DatabaseURL is empty.
	DataDir string
	// MaxConns sizes the PostgreSQL pool (DefaultMaxConns when 0).
	MaxConns int
}

// Open connects to the database and runs pending migrations.
func Open(ctx context.Context, opts OpenOptions) (*DB, error) {
	s, err := connect(opts)
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func connect(opts OpenOptions) (*DB, error) {
	cfg := &gorm.Config{
		Logger:                 logger.Discard,
		NowFunc:                func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
		SkipDefaultTransaction: true,
		TranslateError:         true,
	}
	if opts.DatabaseURL != "" {
		if !strings.HasPrefix(opts.DatabaseURL, "postgres://") && !strings.HasPrefix(opts.DatabaseURL, "postgresql://") {
			return nil, fmt.Errorf("DATABASE_URL must start with postgres://")
		}
		dsn, err := withGenericPlans(opts.DatabaseURL)
		if err != nil {
			return nil, err
		}
		db, err := gorm.Open(postgres.Open(dsn), cfg)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, fmt.Errorf("connect: %w", err)
		}
		configurePool(sqlDB, opts.MaxConns)
		return &DB{DB: db, Read: db, Dialect: Postgres}, nil
	}
	return openSQLite(opts.DataDir, cfg)
}

func openSQLite(dir string, cfg *gorm.Config) (*DB, error) {
	if dir == "" {
		dir = "data"
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create the data directory %s (TRAPPEN_DATA_DIR): %w", dir, err)
	}
	if err := probeWritable(dir); err != nil {
		return nil, fmt.Errorf("the data directory %s (TRAPPEN_DATA_DIR) is not writable: %w", dir, err)
	}
	// Health data: only the server's own user may read the file. SQLite
	// gives its -wal and -shm files the database file's mode.
	file := filepath.Join(dir, "trappen.db")
	if f, err := os.OpenFile(file, os.O_CREATE|os.O_RDONLY, 0o600); err == nil {
		f.Close()
	}
	// The writer: _txlock=immediate makes read-then-write transactions take
	// the write lock up front, and one connection means they queue in the
	// pool instead of spinning on busy_timeout.
	base := "file:" + file + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)"
	db, err := gorm.Open(sqlite.Open(base+"&_txlock=immediate&_pragma=journal_mode(WAL)"), cfg)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	w, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	// The readers: WAL lets them read a committed snapshot while the writer
	// writes; query_only makes a stray write on a read path fail loudly.
	rd, err := gorm.Open(sqlite.Open(base+"&_pragma=query_only(1)"), cfg)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite readers: %w", err)
	}
	r, err := rd.DB()
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite readers: %w", err)
	}
	r.SetMaxOpenConns(SQLiteReaders)
	r.SetMaxIdleConns(SQLiteReaders)
	r.SetConnMaxIdleTime(0)
	return &DB{DB: db, Read: rd, Dialect: SQLite, file: file}, nil
}

// Ping reports whether the database answers.
func (s *DB) Ping(ctx context.Context) error {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return fmt.Errorf("ping: %w", err)
	}
	return sqlDB.PingContext(ctx)
}

// Ready reports whether the database answers and takes writes: a
// PostgreSQL replica or read-only session, or an SQLite file that can no
// longer be written, is not ready, since nearly every screen writes.
func (s *DB) Ready(ctx context.Context) error {
	if err := s.Ping(ctx); err != nil {
		return err
	}
	if s.Dialect == SQLite {
		f, err := os.OpenFile(s.file, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("database file is not writable: %w", err)
		}
		return f.Close()
	}
	var readOnly bool
	err := s.DB.WithContext(ctx).Raw("SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'").Scan(&readOnly).Error
	if err != nil {
		return fmt.Errorf("check read-only: %w", err)
	}
	if readOnly {
		return errors.New("database is read-only")
	}
	return nil
}

// probeWritable creates and removes a file in dir: the only portable way to
// know the server may write there (root ignores permission bits, a
// read-only mount does not).
func probeWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".writable-*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

// Close releases the connection pools.
func (s *DB) Close() error {
	if s.Read != s.DB {
		if r, err := s.Read.DB(); err == nil {
			r.Close()
		}
	}
	sqlDB, err := s.DB.DB()
	if err != nil {
		return fmt.Errorf("close: %w", err)
	}
	return sqlDB.Close()
}

// Tx runs fn in a transaction bound to ctx.
func (s *DB) Tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.DB.WithContext(ctx).Transaction(fn)
}
