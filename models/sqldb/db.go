// Package sqldb opens Trappen's database (SQLite or PostgreSQL), applies the
// embedded versioned migrations and hands out the transaction helper every
// store is built on.
package sqldb

import (
	"context"
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
	DB      *gorm.DB
	Dialect Dialect
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
		db, err := gorm.Open(postgres.Open(opts.DatabaseURL), cfg)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, err
		}
		configurePool(sqlDB, opts.MaxConns)
		return &DB{DB: db, Dialect: Postgres}, nil
	}
	return openSQLite(opts.DataDir, cfg)
}

func openSQLite(dir string, cfg *gorm.Config) (*DB, error) {
	if dir == "" {
		dir = "data"
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	// Health data: only the server's own user may read the file. SQLite
	// gives its -wal and -shm files the database file's mode.
	file := filepath.Join(dir, "trappen.db")
	if f, err := os.OpenFile(file, os.O_CREATE|os.O_RDONLY, 0o600); err == nil {
		f.Close()
	}
	// _txlock=immediate: read-then-write transactions take the write lock up
	// front, so concurrent ones wait (busy_timeout) instead of failing.
	dsn := "file:" + file +
		"?_txlock=immediate&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
		"&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)"
	db, err := gorm.Open(sqlite.Open(dsn), cfg)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	return &DB{DB: db, Dialect: SQLite}, nil
}

// Ping reports whether the database answers.
func (s *DB) Ping(ctx context.Context) error {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close releases the connection pool.
func (s *DB) Close() error {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Tx runs fn in a transaction bound to ctx.
func (s *DB) Tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.DB.WithContext(ctx).Transaction(fn)
}
