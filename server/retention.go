package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"trappen/models"
	"trappen/models/sqldb"
	"trappen/models/store"
)

// retentionInterval is how often closed cases past their retention period
// are deleted (the contract: at start-up and at least hourly).
const retentionInterval = time.Hour

// retention says how long what is kept: closed cases (TRAPPEN_RETENTION_DAYS),
// the access log (TRAPPEN_ACCESS_LOG_RETENTION_DAYS) and finished push
// messages (models.PushHistoryRetention).
type retention struct{ caseDays, accessLogDays int }

func (c Config) retention() retention {
	return retention{caseDays: c.RetentionDays, accessLogDays: c.AccessLogRetentionDays}
}

// purged counts what one purge deleted.
type purged struct {
	cases               int
	accessLog, pushJobs int64
}

// purgeAll deletes what is past its time: closed cases, then old access-log
// entries and finished push messages in batches. A failure of one does
// not hold back the others.
func purgeAll(ctx context.Context, st *store.Store, r retention, now time.Time) (purged, error) {
	var p purged
	var errCases, errLog, errPush error
	p.cases, errCases = st.PurgeClosedCases(ctx, r.caseDays, now)
	p.accessLog, errLog = st.PurgeAccessLog(ctx, now.Add(-time.Duration(r.accessLogDays)*24*time.Hour), sqldb.PurgeBatch)
	p.pushJobs, errPush = st.Outbox.PurgePushHistory(ctx, now.Add(-models.PushHistoryRetention), sqldb.PurgeBatch)
	return p, errors.Join(errCases, errLog, errPush)
}

// startRetention purges at once and then every retentionInterval until ctx
// ends; the returned function waits for a purge in progress.
func startRetention(ctx context.Context, st *store.Store, r retention, now func() time.Time, log *slog.Logger) (wait func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(retentionInterval)
		defer t.Stop()
		for {
			purge(ctx, st, r, now(), log)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return wg.Wait
}

func purge(ctx context.Context, st *store.Store, r retention, now time.Time, log *slog.Logger) purged {
	p, err := purgeAll(ctx, st, r, now)
	if err != nil && ctx.Err() == nil {
		log.Error("purging failed", "err", err, "cases_deleted", p.cases)
	}
	if p.cases > 0 {
		log.Info("closed cases deleted after their retention period", "deleted", p.cases, "retention_days", r.caseDays)
	}
	if p.accessLog > 0 || p.pushJobs > 0 {
		log.Info("old history deleted", "access_log_entries", p.accessLog, "access_log_retention_days", r.accessLogDays,
			"push_messages", p.pushJobs)
	}
	return p
}

// purgeOnce is `server purge`: delete every closed case past its retention
// period, old access-log entries and finished push messages now, and say
// how many.
func purgeOnce(ctx context.Context, cfg Config, log *slog.Logger, stdout io.Writer) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.SQL.Close()
	r := cfg.retention()
	p, err := purgeAll(ctx, st, r, time.Now())
	fmt.Fprintf(stdout, "deleted %d closed case(s) older than %d day(s)\n", p.cases, r.caseDays)
	fmt.Fprintf(stdout, "deleted %d access-log entr(y/ies) older than %d day(s)\n", p.accessLog, r.accessLogDays)
	fmt.Fprintf(stdout, "deleted %d push message(s) finished more than %d day(s) ago\n", p.pushJobs, int(models.PushHistoryRetention.Hours()/24))
	return err
}
