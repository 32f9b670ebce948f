package push

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"trappen/models"
	"trappen/models/outbox"
)

// Worker moves due jobs to devices. Any number of workers may run against
// one database: claims are exclusive and leased.
type Worker struct {
	Outbox *outbox.Store
	Sender Sender
	Log    *slog.Logger
	// Batch is how many jobs or deliveries one claim takes (default 200).
	Batch int
	// Concurrency is how many sends run at once (default 16).
	Concurrency int
	// Lease is how long a claim lasts before another worker may take it
	// over (default 2 minutes); it must outlast a send.
	Lease time.Duration
	// MaxAttempts ends retries of a delivery (default 10).
	MaxAttempts int
}

// Stats counts what one RunOnce did.
type Stats struct {
	Jobs, Sent, Retried, Failed, Gone int
}

func (s *Stats) add(o outcome) {
	switch o {
	case sent:
		s.Sent++
	case retried:
		s.Retried++
	case failed:
		s.Failed++
	case gone:
		s.Gone++
	}
}

type outcome int

const (
	sent outcome = iota + 1
	retried
	failed
	gone
)

func (w *Worker) defaults() {
	if w.Batch <= 0 {
		w.Batch = 200
	}
	if w.Concurrency <= 0 {
		w.Concurrency = 16
	}
	if w.Lease <= 0 {
		w.Lease = 2 * time.Minute
	}
	if w.MaxAttempts <= 0 {
		w.MaxAttempts = 10
	}
	if w.Log == nil {
		w.Log = slog.Default()
	}
}

// RunOnce fans out every job due at now and sends every delivery due at now,
// then returns. ctx stops it between batches.
func (w *Worker) RunOnce(ctx context.Context, now time.Time) (Stats, error) {
	w.defaults()
	var st Stats
	for ctx.Err() == nil {
		n, err := w.Outbox.FanOutDuePush(ctx, now, w.Batch)
		if err != nil {
			return st, err
		}
		st.Jobs += n
		if n < w.Batch {
			break
		}
	}
	for ctx.Err() == nil {
		batch, err := w.Outbox.ClaimPushDeliveries(ctx, now, w.Lease, w.Batch)
		if err != nil || len(batch) == 0 {
			return st, err
		}
		w.sendAll(ctx, batch, now, &st)
	}
	return st, ctx.Err()
}

func (w *Worker) sendAll(ctx context.Context, batch []models.Delivery, now time.Time, st *Stats) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, w.Concurrency)
	for _, d := range batch {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			o := w.deliver(ctx, d, now)
			mu.Lock()
			st.add(o)
			mu.Unlock()
		}()
	}
	wg.Wait()
}

// deliver sends one delivery and records the outcome. The record is written
// even when ctx ends meanwhile, so a finished send is not repeated.
func (w *Worker) deliver(ctx context.Context, d models.Delivery, now time.Time) outcome {
	msg, err := Build(d, now)
	if err != nil {
		return w.record(ctx, d, failed, 0, now, 0)
	}
	res, err := w.Sender.Send(ctx, msg)
	if err != nil {
		w.Log.Warn("push send failed", "host", host(d.Endpoint), "type", d.Type, "attempt", d.Attempts, "err", safeError(err, d.Endpoint))
		return w.record(ctx, d, w.retryOrFail(d), 0, now, 0)
	}
	return w.record(ctx, d, w.classify(d, res.Status), res.Status, now, res.RetryAfter)
}

// classify follows RFC 8030: 404/410 mean the subscription is gone; 408,
// 429 and 5xx are temporary; any other 4xx will not get better.
func (w *Worker) classify(d models.Delivery, status int) outcome {
	switch {
	case status >= 200 && status < 300:
		return sent
	case status == 404 || status == 410:
		return gone
	case status == 408 || status == 429 || status >= 500:
		return w.retryOrFail(d)
	default:
		return failed
	}
}

func (w *Worker) retryOrFail(d models.Delivery) outcome {
	if d.Attempts >= w.MaxAttempts {
		return failed
	}
	return retried
}

func (w *Worker) record(ctx context.Context, d models.Delivery, o outcome, status int, now time.Time, retryAfter time.Duration) outcome {
	ctx = context.WithoutCancel(ctx)
	var err error
	switch o {
	case sent:
		err = w.Outbox.MarkPushSent(ctx, d.ID, status, now)
	case retried:
		err = w.Outbox.RetryPushDelivery(ctx, d.ID, status, now.Add(max(Backoff(d.Attempts), retryAfter)), now)
	case failed:
		w.Log.Warn("push delivery given up", "host", host(d.Endpoint), "type", d.Type, "status", status, "attempts", d.Attempts)
		err = w.Outbox.FailPushDelivery(ctx, d.ID, status, now)
	case gone:
		err = w.Outbox.DropPushSubscription(ctx, d.SubscriptionID)
	}
	if err != nil {
		// The lease runs out and another round tries again.
		w.Log.Error("push outcome not recorded", "delivery", d.ID, "err", err)
	}
	return o
}

// Backoff is the wait before attempt n+1: 30 s doubling, at most an hour.
func Backoff(attempt int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempt && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// safeError is err's text without the endpoint: the HTTP client names the
// URL it failed on, and the URL is a bearer secret for the device.
func safeError(err error, endpoint string) string {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = fmt.Errorf("%s: %w", uerr.Op, uerr.Err)
	}
	msg := err.Error()
	if u, perr := url.Parse(endpoint); perr == nil && u.Path != "" && u.Path != "/" {
		msg = strings.ReplaceAll(msg, u.Path, "/…")
	}
	return strings.ReplaceAll(msg, endpoint, host(endpoint))
}

// host is all of an endpoint that is safe to log: the rest identifies a device.
func host(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil {
		return ""
	}
	return u.Host
}
