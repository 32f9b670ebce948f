package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"trappen/models/store"
)

// retentionInterval is how often closed cases past their retention period
// are deleted (the contract: at start-up and at least hourly).
const retentionInterval = time.Hour

// startRetention purges at once and then every retentionInterval until ctx
// ends; the returned function waits for a purge in progress.
func startRetention(ctx context.Context, st *store.Store, days int, now func() time.Time, log *slog.Logger) (wait func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(retentionInterval)
		defer t.Stop()
		for {
			purge(ctx, st, days, now(), log)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return wg.Wait
}

func purge(ctx context.Context, st *store.Store, days int, now time.Time, log *slog.Logger) int {
	n, err := st.PurgeClosedCases(ctx, days, now)
	if err != nil && ctx.Err() == nil {
		log.Error("purging closed cases failed", "err", err, "deleted", n)
	}
	if n > 0 {
		log.Info("closed cases deleted after their retention period", "deleted", n, "retention_days", days)
	}
	return n
}

// purgeOnce is `server purge`: delete every closed case past its retention
// period now, and say how many.
func purgeOnce(ctx context.Context, cfg Config, log *slog.Logger, stdout io.Writer) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.SQL.Close()
	n, err := st.PurgeClosedCases(ctx, cfg.RetentionDays, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "deleted %d closed case(s) older than %d day(s)\n", n, cfg.RetentionDays)
	return nil
}
