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
	"trappen/models/sqldb"
)

// Worker moves due jobs to devices. Any number of workers may run against
// one database: claims are exclusive and leased.
type Worker struct {
	Outbox *outbox.Store
	Sender Sender
	Log    *slog.Logger
	// Batch is how many jobs or deliveries one claim takes (default 200).
	Batch int
	// Concurrency is how many sends are in flight at once (default
	// DefaultConcurrency). A push service answers in 50–150 ms, so this
	// many sends carry about Concurrency×10 messages a second.
	Concurrency int
	// Lease is how long a claim lasts before another worker may take it
	// over (default 2 minutes); it must outlast a send and its queueing.
	Lease time.Duration
	// MaxAttempts ends retries of a delivery (default 10).
	MaxAttempts int
}

// DefaultConcurrency is the default number of sends in flight.
const DefaultConcurrency = 256

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
		w.Concurrency = DefaultConcurrency
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
// then returns. Sending starts with the first fanned-out batch. ctx stops
// it between claims; what was sent is recorded.
func (w *Worker) RunOnce(ctx context.Context, now time.Time) (Stats, error) {
	w.defaults()
	var jobs int
	fanned := make(chan struct{}, 1) // a batch of jobs became deliveries
	fanErr := make(chan error, 1)
	go func() {
		defer close(fanned)
		for ctx.Err() == nil {
			n, err := w.Outbox.FanOutDuePush(ctx, now, w.Batch)
			jobs += n
			if err != nil {
				fanErr <- err
				return
			}
			if n > 0 {
				select {
				case fanned <- struct{}{}:
				default:
				}
			}
			if n < w.Batch {
				break
			}
		}
		fanErr <- nil
	}()
	if w.Outbox.Dialect == sqldb.SQLite {
		// One writer at a time: fanning out while claiming would only make
		// the two wait for each other's write lock.
		for range fanned {
		}
	}
	st, err := w.sendDue(ctx, now, fanned)
	if ferr := <-fanErr; ferr != nil && err == nil {
		err = ferr
	}
	st.Jobs = jobs // the fan-out is done
	if err == nil {
		err = ctx.Err()
	}
	return st, err
}

// result is one finished send on its way to the recorder.
type result struct {
	d          models.Delivery
	o          outcome
	status     int
	retryAfter time.Duration
}

// sendDue claims due deliveries while a pool of Concurrency senders works
// through them: a new claim is made as soon as there is room, not when the
// slowest send of the last batch is done. When nothing is due it waits for
// the fan-out's next batch, until fanned is closed. Outcomes are written by
// one recorder, as many in one statement as have finished meanwhile.
func (w *Worker) sendDue(ctx context.Context, now time.Time, fanned <-chan struct{}) (Stats, error) {
	work := make(chan models.Delivery, w.Batch)
	results := make(chan result, w.Concurrency)
	var senders sync.WaitGroup
	for range w.Concurrency {
		senders.Add(1)
		go func() {
			defer senders.Done()
			for d := range work {
				if ctx.Err() != nil {
					continue // left claimed: the lease runs out and another round sends it
				}
				results <- w.deliver(ctx, d, now)
			}
		}()
	}
	var st Stats
	recorded := make(chan struct{})
	go func() {
		defer close(recorded)
		w.recordAll(results, now, &st)
	}()
	err := w.claimAll(ctx, now, fanned, work)
	close(work)
	senders.Wait()
	close(results)
	<-recorded
	return st, err
}

// claimAll hands due deliveries to the senders until none is left and the
// fan-out is done.
func (w *Worker) claimAll(ctx context.Context, now time.Time, fanned <-chan struct{}, work chan<- models.Delivery) error {
	fanning := true
	for ctx.Err() == nil {
		batch, err := w.Outbox.ClaimPushDeliveries(ctx, now, w.Lease, w.Batch)
		if err != nil {
			return err
		}
		for _, d := range batch {
			work <- d
		}
		if len(batch) > 0 {
			continue
		}
		if !fanning {
			return nil
		}
		select { // nothing due yet: wait for the fan-out, then look once more
		case _, ok := <-fanned:
			fanning = ok
		case <-ctx.Done():
		}
	}
	return nil
}

// deliver sends one delivery and says what became of it.
func (w *Worker) deliver(ctx context.Context, d models.Delivery, now time.Time) result {
	msg, err := Build(d, now)
	if err != nil {
		return result{d: d, o: failed}
	}
	res, err := w.Sender.Send(ctx, msg)
	if err != nil {
		w.Log.Warn("push send failed", "host", host(d.Endpoint), "type", d.Type, "attempt", d.Attempts, "err", safeError(err, d.Endpoint))
		return result{d: d, o: w.retryOrFail(d)}
	}
	return result{d: d, o: w.classify(d, res.Status), status: res.Status, retryAfter: res.RetryAfter}
}

// recordAll writes outcomes as they arrive: it takes whatever has finished
// (up to 500) and writes it in one statement, so under load the batches
// grow and when idle each outcome is written at once. Outcomes are written
// even after ctx ends, so a finished send is not repeated.
func (w *Worker) recordAll(results <-chan result, now time.Time, st *Stats) {
	ctx := context.Background()
	buf := make([]outbox.PushOutcome, 0, 500)
	for r := range results {
		buf = w.collect(ctx, buf, r, now, st)
	more:
		for len(buf) < cap(buf) {
			select {
			case r, ok := <-results:
				if !ok {
					break more
				}
				buf = w.collect(ctx, buf, r, now, st)
			default:
				break more
			}
		}
		if err := w.Outbox.RecordPushOutcomes(ctx, buf, now); err != nil {
			// The leases run out and another round tries these again.
			w.Log.Error("push outcomes not recorded", "deliveries", len(buf), "err", err)
		}
		buf = buf[:0]
	}
}

func (w *Worker) collect(ctx context.Context, buf []outbox.PushOutcome, r result, now time.Time, st *Stats) []outbox.PushOutcome {
	st.add(r.o)
	d := r.d
	switch r.o {
	case sent:
		return append(buf, outbox.PushOutcome{DeliveryID: d.ID, ClaimToken: d.ClaimToken, Status: models.DeliverySent, HTTPStatus: r.status})
	case retried:
		return append(buf, outbox.PushOutcome{DeliveryID: d.ID, ClaimToken: d.ClaimToken, Status: models.DeliveryPending,
			HTTPStatus: r.status, RetryAt: now.Add(max(Backoff(d.Attempts), r.retryAfter))})
	case failed:
		w.Log.Warn("push delivery given up", "host", host(d.Endpoint), "type", d.Type, "status", r.status, "attempts", d.Attempts)
		return append(buf, outbox.PushOutcome{DeliveryID: d.ID, ClaimToken: d.ClaimToken, Status: models.DeliveryFailed, HTTPStatus: r.status})
	default: // gone: the subscription and its deliveries are deleted
		if err := w.Outbox.DropPushSubscription(ctx, d.SubscriptionID); err != nil {
			w.Log.Error("push subscription not dropped", "err", err)
		}
		return buf
	}
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
