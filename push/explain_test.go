package push_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
	"trappen/models/store"
	"trappen/models/storetest"
)

// Every statement the background work runs (fan-out, "anything due?",
// claim, outcomes, the purges of push history and the access log, the
// fast-track lapse sweep), the planning of timeline reminders on every
// acceptance and recording, and the citizen's access-log page is planned
// against a database holding months of history, with planner statistics
// (ANALYZE), and must find its rows by index: a full scan of a table that
// grows with history would cost more every day.
func TestBackgroundQueriesUseIndexes(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		fillHistory(t, s, f.cw, 300)
		// Due work of every outcome: sent, retried, gone.
		f.meeting("other", cph("2026-03-20 10:00"), monday)
		f.svc.RespondWith(f.subscribe(), 500)
		f.svc.RespondWith(f.subscribe(), 410)

		rec := storetest.Record(t, s.DB)
		rec.Start()
		if _, err := f.worker.RunOnce(f.ctx, monday); err != nil {
			t.Fatal(err)
		}
		if _, err := f.worker.RunOnce(f.ctx, monday.Add(time.Second)); err != nil { // nothing due
			t.Fatal(err)
		}
		// Small batches, so the purges run more than one statement each.
		if _, err := s.Outbox.PurgePushHistory(f.ctx, monday.Add(-models.PushHistoryRetention), 500); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PurgeAccessLog(f.ctx, monday.Add(-60*24*time.Hour), 500); err != nil || n < 1000 {
			t.Fatalf("purged %d access-log entries (%v)", n, err)
		}
		if _, err := s.LapseOverdueFastTrack(f.ctx, monday); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AccessLog(f.ctx, f.citizen, 0, models.MaxAccessLogPage); err != nil {
			t.Fatal(err)
		}
		planAndCancelTimelineReminders(t, f)
		stmts := rec.Stop()
		if len(stmts) < 8 {
			t.Fatalf("recorded only %d statements", len(stmts))
		}
		if err := analyze(s); err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, st := range stmts {
			if !watched.MatchString(st.SQL) {
				continue
			}
			checked++
			plan, err := explain(s, st)
			if err != nil {
				t.Fatalf("explain %s: %v", st.SQL, err)
			}
			if fullScan(s.Dialect).MatchString(plan) {
				t.Errorf("a full table scan:\n%s\n%s", st.SQL, plan)
			}
			if s.Dialect != sqldb.Postgres {
				continue
			}
			// A statement prepared once and run every second gets a plan
			// made without its values after five runs, if that looks as
			// cheap: a LIMIT without ORDER BY then invites a table scan.
			plan, err = explainGeneric(s, st)
			if err != nil {
				t.Fatalf("explain the generic plan of %s: %v", st.SQL, err)
			}
			if fullScan(s.Dialect).MatchString(plan) {
				t.Errorf("a full table scan in the generic plan:\n%s\n%s", st.SQL, plan)
			}
		}
		if checked < 8 {
			t.Fatalf("checked only %d statements", checked)
		}
	})
}

var watched = regexp.MustCompile(`\b(push_jobs|push_deliveries|access_log|fast_track_requests)\b`)

func fullScan(d sqldb.Dialect) *regexp.Regexp {
	if d == sqldb.Postgres {
		return regexp.MustCompile(`Seq Scan on (push_jobs|push_deliveries|access_log|fast_track_requests)\b`)
	}
	// SQLite: "SCAN t" reads the whole table; "SEARCH t USING INDEX" does not.
	return regexp.MustCompile(`(?m)^SCAN (push_jobs|push_deliveries|access_log|fast_track_requests)\b`)
}

func analyze(s *store.Store) error { return s.DB.Exec("ANALYZE").Error }

func explain(s *store.Store, st storetest.Statement) (string, error) {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return "", err
	}
	prefix, col := "EXPLAIN ", 0
	if s.Dialect == sqldb.SQLite {
		prefix, col = "EXPLAIN QUERY PLAN ", 3
	}
	rows, err := sqlDB.Query(prefix+st.SQL, st.Vars...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		lines = append(lines, strings.TrimSpace(fmt.Sprint(vals[col])))
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// explainGeneric plans st as PostgreSQL plans a prepared statement without
// its values (plan_cache_mode = force_generic_plan).
func explainGeneric(s *store.Store, st storetest.Statement) (string, error) {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return "", err
	}
	ctx := context.Background()
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	simple := pgx.QueryExecModeSimpleProtocol
	if _, err := conn.ExecContext(ctx, "SET plan_cache_mode = force_generic_plan", simple); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "RESET plan_cache_mode", simple)
	if _, err := conn.ExecContext(ctx, "PREPARE trappen_explain AS "+st.SQL, simple); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "DEALLOCATE trappen_explain", simple)
	nulls := strings.TrimSuffix(strings.Repeat("NULL, ", len(st.Vars)), ", ")
	rows, err := conn.QueryContext(ctx, "EXPLAIN EXECUTE trappen_explain("+nulls+")", simple)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// fillHistory gives n more citizens of caseworker cw a phone each, 30 push
// jobs over four months (finished ones sent; the future still pending) and
// 20 access-log entries.
func fillHistory(t *testing.T, s *store.Store, cw string, n int) {
	t.Helper()
	var users, citizens, subs, jobs, deliveries, access, fastTrack [][]any
	start := monday.Add(-89 * 24 * time.Hour)
	for i := range n {
		id := models.NewID()
		users = append(users, []any{id, "citizen", fmt.Sprintf("c%d@example.dk", i), "Borger", "da", start, start})
		citizens = append(citizens, []any{id, cw, "2026-01-05", 1 + i%3, start, start})
		sub := models.NewID()
		subs = append(subs, []any{sub, id, fmt.Sprintf("https://push.example/%d", i), "p", "a", start, start})
		for k := range 30 {
			job := models.NewID()
			fire := start.Add(time.Duration(k*4)*24*time.Hour + time.Duration(i)*time.Minute)
			status := "fanned_out"
			switch {
			case fire.After(monday):
				status = "pending"
			case k%7 == 3:
				status = "skipped"
			}
			jobs = append(jobs, []any{job, id, fmt.Sprintf("e%d", k), "meeting_reminder", models.NewID(), fire, fire, status, "", start, start})
			if status == "fanned_out" {
				deliveries = append(deliveries, []any{models.NewID(), job, sub, "sent", 1, fire, models.NewID(), 201, fire, fire, fire})
			}
		}
		for k := range 10 { // decided fast-track requests
			at := start.Add(time.Duration(k*8) * 24 * time.Hour)
			fastTrack = append(fastTrack, []any{models.NewID(), id, cw, "employer", at, 8, at.Add(8 * 24 * time.Hour), "accepted", at, at})
		}
		for k := range 20 {
			at := start.Add(time.Duration(k*4) * 24 * time.Hour)
			access = append(access, []any{id, cw, "profile", at.Format(models.DateLayout), at})
		}
	}
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		for _, b := range []struct {
			table string
			cols  string
			rows  [][]any
		}{
			{"users", "id, role, email, name, locale, created_at, updated_at", users},
			{"citizens", "id, caseworker_id, first_sick_day, category, created_at, updated_at", citizens},
			{"push_subscriptions", "id, citizen_id, endpoint, p256dh, auth, created_at, updated_at", subs},
			{"push_jobs", "id, citizen_id, event_key, type, ref_id, ref_at, fire_at, status, note, created_at, updated_at", jobs},
			{"push_deliveries", "id, job_id, subscription_id, status, attempts, next_attempt_at, claim_token, last_status, sent_at, created_at, updated_at", deliveries},
			{"access_log", "citizen_id, caseworker_id, what, day, at", access},
			{"fast_track_requests", "id, citizen_id, registered_by, requested_by, requested_at, expected_weeks, consent_deadline, status, created_at, updated_at", fastTrack},
		} {
			if err := insertRows(tx, b.table, b.cols, b.rows); err != nil {
				return fmt.Errorf("fill %s: %w", b.table, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// insertRows writes rows with multi-row INSERTs of at most 100 rows.
func insertRows(tx *gorm.DB, table, cols string, rows [][]any) error {
	for len(rows) > 0 {
		chunk := rows[:min(100, len(rows))]
		rows = rows[len(chunk):]
		one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(chunk[0])), ", ") + ")"
		var args []any
		for _, r := range chunk {
			args = append(args, r...)
		}
		sql := "INSERT INTO " + table + " (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", len(chunk)), ", ")
		if err := tx.Exec(sql, args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// planAndCancelTimelineReminders plans the own doctor's reminders (an
// accepted request) and cancels them (the consultation recorded): both read
// and write the citizen's push jobs on every such change.
func planAndCancelTimelineReminders(t *testing.T, f *fixture) {
	t.Helper()
	id := f.fastTrack(monday, monday)
	if _, err := f.store.DecideFastTrack(f.ctx, f.citizen, id, "accept", monday); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.RecordDoctorConsultation(f.ctx, models.AsCitizen(f.citizen), "2026-03-02", monday); err != nil {
		t.Fatal(err)
	}
	var n int64
	f.store.DB.Model(&models.PushJob{}).Where("citizen_id = ? AND type = ? AND status = 'cancelled'", f.citizen, models.PushTimelineReminder).Count(&n)
	if n != 2 {
		t.Fatalf("%d cancelled timeline reminders, want 2", n)
	}
}
