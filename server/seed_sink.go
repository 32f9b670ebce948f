package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"trappen/models/sqldb"
)

// rowSink writes rows of one table in bulk.
type rowSink interface {
	write(ctx context.Context, table string, cols []string, rows [][]any) error
	close() error
}

func newRowSink(ctx context.Context, db *sqldb.DB, databaseURL string) (rowSink, error) {
	if db.Dialect == sqldb.Postgres {
		conn, err := pgx.Connect(ctx, databaseURL)
		if err != nil {
			return nil, fmt.Errorf("seed: connect: %w", err)
		}
		return &copySink{conn: conn}, nil
	}
	return &insertSink{db: db}, nil
}

// copySink uses PostgreSQL's COPY, the fastest way in.
type copySink struct{ conn *pgx.Conn }

func (s *copySink) write(ctx context.Context, table string, cols []string, rows [][]any) error {
	_, err := s.conn.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
	return err
}

func (s *copySink) close() error { return s.conn.Close(context.Background()) }

// insertSink writes multi-row INSERTs, one transaction per call.
type insertSink struct{ db *sqldb.DB }

func (s *insertSink) write(ctx context.Context, table string, cols []string, rows [][]any) error {
	per := max(1, 900/len(cols)) // well inside SQLite's limit of bound parameters
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		for len(rows) > 0 {
			chunk := rows[:min(per, len(rows))]
			rows = rows[len(chunk):]
			args := make([]any, 0, len(chunk)*len(cols))
			for _, r := range chunk {
				args = append(args, r...)
			}
			if err := tx.Exec(head+strings.TrimSuffix(strings.Repeat(one+", ", len(chunk)), ", "), args...).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *insertSink) close() error { return nil }
