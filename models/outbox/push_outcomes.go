package outbox

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// PushOutcome is what became of one claimed delivery.
type PushOutcome struct {
	DeliveryID string
	ClaimToken string
	// Status is models.DeliverySent, models.DeliveryFailed, or models.DeliveryPending for a retry
	// at RetryAt.
	Status     string
	HTTPStatus int // 0 when the push service did not answer
	RetryAt    time.Time
}

// maxOutcomesPerStatement keeps one statement's parameters well inside
// both engines' limits.
const maxOutcomesPerStatement = 500

// RecordPushOutcomes writes the outcomes of claimed deliveries, in one
// statement per 500. An outcome counts only while its claim is still the
// delivery's: a worker whose lease ran out, so that another worker claimed
// the delivery again, cannot overwrite what that worker records. A finished
// delivery is never touched again.
func (s *Store) RecordPushOutcomes(ctx context.Context, outcomes []PushOutcome, now time.Time) error {
	now = now.UTC().Truncate(time.Microsecond)
	for len(outcomes) > 0 {
		chunk := outcomes[:min(len(outcomes), maxOutcomesPerStatement)]
		outcomes = outcomes[len(chunk):]
		sql, args := s.outcomeStatement(chunk, now)
		err := s.pushTx(ctx, true, func(tx *gorm.DB) error { return tx.Exec(sql, args...).Error })
		if err != nil {
			return fmt.Errorf("record push outcomes: %w", err)
		}
	}
	return nil
}

// outcomeStatement is one UPDATE … FROM a list of values. PostgreSQL needs
// the first row's types spelled out; SQLite keeps what it is given.
func (s *Store) outcomeStatement(outcomes []PushOutcome, now time.Time) (string, []any) {
	row := "(?, ?, ?, ?, ?, ?)"
	first := row
	if s.Dialect == sqldb.Postgres {
		first = "(?::text, ?::text, ?::text, ?::integer, ?::timestamptz, ?::timestamptz)"
	}
	var b strings.Builder
	b.WriteString("WITH v (id, token, status, last_status, sent_at, next_at) AS (VALUES ")
	args := make([]any, 0, 6*len(outcomes)+1)
	for i, o := range outcomes {
		if i == 0 {
			b.WriteString(first)
		} else {
			b.WriteString(", " + row)
		}
		var lastStatus, sentAt, nextAt any
		if o.HTTPStatus != 0 {
			lastStatus = o.HTTPStatus
		}
		switch o.Status {
		case models.DeliverySent:
			sentAt = now
		case models.DeliveryPending:
			nextAt = o.RetryAt.UTC().Truncate(time.Microsecond)
		}
		args = append(args, o.DeliveryID, o.ClaimToken, o.Status, lastStatus, sentAt, nextAt)
	}
	b.WriteString(`) UPDATE push_deliveries SET status = v.status,
		last_status = COALESCE(v.last_status, push_deliveries.last_status),
		sent_at = COALESCE(v.sent_at, push_deliveries.sent_at),
		next_attempt_at = COALESCE(v.next_at, push_deliveries.next_attempt_at),
		claimed_until = NULL, updated_at = ?
		FROM v WHERE push_deliveries.id = v.id AND push_deliveries.claim_token = v.token
		AND push_deliveries.status = 'pending'`)
	args = append(args, now)
	return b.String(), args
}

// pushTx runs fn in a transaction for the push bookkeeping (fan-out, claim,
// outcomes). On PostgreSQL it sets two things for that transaction only:
//
//   - synchronous_commit = off: the commit does not wait for the log to
//     reach the disk. When the database server itself crashes, the last
//     fraction of a second of claims and outcomes may be lost, and those
//     messages are sent once more after the lease runs out — as when a
//     worker dies between a send and its record. A crash of Trappen loses
//     nothing. Otherwise the disk's flush time per claim and per batch of
//     outcomes would bound the push rate.
//   - enable_sort = off: a claim takes the oldest due rows in the order of
//     the partial index and stops after a batch. Right after a burst of
//     inserts the planner's statistics still say the queue is short, and it
//     would rather sort the whole queue for every batch.
//
// On SQLite a single statement (single=true) runs on its own: it is atomic
// anyway, and a transaction would only hold the one write lock longer.
func (s *Store) pushTx(ctx context.Context, single bool, fn func(tx *gorm.DB) error) error {
	if s.Dialect != sqldb.Postgres {
		if single {
			return fn(s.DB.WithContext(ctx))
		}
		return s.Tx(ctx, fn)
	}
	return s.Tx(ctx, func(tx *gorm.DB) error {
		err := tx.Exec("SELECT set_config('synchronous_commit', 'off', true), set_config('enable_sort', 'off', true)").Error
		if err != nil {
			return err
		}
		return fn(tx)
	})
}

// DropPushSubscription deletes a subscription the push service no longer
// knows (404/410); its deliveries go with it.
func (s *Store) DropPushSubscription(ctx context.Context, subscriptionID string) error {
	return s.DB.WithContext(ctx).Where("id = ?", subscriptionID).Delete(&models.PushSubscription{}).Error
}
