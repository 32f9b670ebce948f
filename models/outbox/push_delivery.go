package outbox

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"trappen/models"
	"trappen/models/sqldb"
)

// staleAfterRef lists the types that are pointless once their moment passed.
var staleAfterRef = map[string]bool{models.PushMeetingReminder: true, models.PushReflectionPrompt: true, models.PushFastTrackDeadline: true, models.PushTimelineReminder: true}

// FanOutDuePush turns up to limit due jobs into one delivery per device of
// the citizen, in one transaction. Quiet hours move a non-urgent job to the
// end of the window; a pause or a passed moment skips it. Jobs are locked
// with SKIP LOCKED on PostgreSQL, so instances share the work; SQLite's
// immediate transaction holds the write lock. Returns jobs handled.
func (s *Store) FanOutDuePush(ctx context.Context, now time.Time, limit int) (int, error) {
	now = now.UTC().Truncate(time.Microsecond)
	if due, err := s.anyDue(ctx, "push_jobs", "fire_at", now); err != nil || !due {
		return 0, err
	}
	var n int
	err := s.pushTx(ctx, false, func(tx *gorm.DB) error {
		// 'pending' is written out, not bound, so the planner knows the
		// partial index push_jobs_pending applies.
		q := tx.Where("status = 'pending' AND fire_at <= ?", now).Order("fire_at, id").Limit(limit)
		if s.Dialect == sqldb.Postgres {
			q = q.Clauses(sqldb.ForUpdateSkipLocked)
		}
		var jobs []models.PushJob
		if err := q.Find(&jobs).Error; err != nil {
			return fmt.Errorf("fan out due push: %w", err)
		}
		n = len(jobs)
		fo := fanOutBatch{tx: tx, now: now, settings: map[string]*models.NotificationSettings{}, subs: map[string][]models.PushSubscription{}}
		for i := range jobs {
			if err := fo.add(&jobs[i]); err != nil {
				return fmt.Errorf("fan out due push: %w", err)
			}
		}
		return fo.flush()
	})
	return n, err
}

// fanOutBatch gathers one batch's deliveries and fanned-out jobs so they are
// written with a few statements, not a few per job.
type fanOutBatch struct {
	tx       *gorm.DB
	now      time.Time
	settings map[string]*models.NotificationSettings
	subs     map[string][]models.PushSubscription
	rows     []models.PushDelivery
	done     []string
}

func (b *fanOutBatch) add(j *models.PushJob) error {
	reason, err := skipReason(b.tx, j, b.settings, b.now)
	if err != nil {
		return fmt.Errorf("add: %w", err)
	}
	if reason != "" {
		return setJob(b.tx, j.ID, map[string]any{"status": models.JobSkipped, "note": reason}, b.now)
	}
	if !models.UrgentPush(j.Type) {
		if hold := b.settings[j.CitizenID].HoldUntil(b.now); hold.After(b.now) {
			return setJob(b.tx, j.ID, map[string]any{"fire_at": hold, "note": "quiet_hours"}, b.now)
		}
	}
	subs, ok := b.subs[j.CitizenID]
	if !ok {
		if err := b.tx.Where("citizen_id = ?", j.CitizenID).Find(&subs).Error; err != nil {
			return fmt.Errorf("add: %w", err)
		}
		b.subs[j.CitizenID] = subs
	}
	for _, sub := range subs {
		b.rows = append(b.rows, models.PushDelivery{ID: models.NewID(), JobID: j.ID, SubscriptionID: sub.ID, Status: models.DeliveryPending,
			NextAttemptAt: b.now, CreatedAt: b.now, UpdatedAt: b.now})
	}
	b.done = append(b.done, j.ID)
	return nil
}

func (b *fanOutBatch) flush() error {
	if len(b.rows) > 0 {
		if err := b.tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(b.rows, 500).Error; err != nil {
			return fmt.Errorf("flush: %w", err)
		}
	}
	if len(b.done) == 0 {
		return nil
	}
	return sqldb.Wrap("flush", b.tx.Model(&models.PushJob{}).Where("id IN ?", b.done).
		Updates(map[string]any{"status": models.JobFannedOut, "updated_at": b.now}).Error)
}

// SkipReason says why a due job is not to be sent at all, or "".
func skipReason(tx *gorm.DB, j *models.PushJob, cache map[string]*models.NotificationSettings, now time.Time) (string, error) {
	if staleAfterRef[j.Type] && j.RefAt != nil && !j.RefAt.After(now) {
		return "passed", nil
	}
	if models.UrgentPush(j.Type) {
		return fastTrackSkipReason(tx, j.RefID, now)
	}
	if models.EmployerPush(j.Type) {
		if reason, err := employerSkipReason(tx, j, now); err != nil || reason != "" {
			return reason, err
		}
	}
	st, ok := cache[j.CitizenID]
	if !ok {
		var err error
		if st, err = notificationSettings(tx, j.CitizenID); err != nil {
			return "", fmt.Errorf("skip reason: %w", err)
		}
		cache[j.CitizenID] = st
	}
	if st.Paused(now) {
		return "paused", nil
	}
	return "", nil
}

// fastTrackSkipReason skips a fast-track message once the request is decided.
func fastTrackSkipReason(tx *gorm.DB, requestID string, now time.Time) (string, error) {
	var r models.FastTrackRequest
	if err := tx.Where("id = ?", requestID).Take(&r).Error; err != nil {
		return "", fmt.Errorf("fast track skip reason: %w", err)
	}
	if r.Status != models.FastTrackPending || models.DeadlinePassed(r.ConsentDeadline, now) {
		return "decided", nil
	}
	return "", nil
}

func setJob(tx *gorm.DB, id string, fields map[string]any, now time.Time) error {
	fields["updated_at"] = now
	return sqldb.Wrap("set job", tx.Model(&models.PushJob{}).Where("id = ?", id).Updates(fields).Error)
}

// ClaimPushDeliveries leases up to limit due deliveries to the caller until
// now+lease. A worker that dies after claiming leaves them to be claimed
// again when the lease runs out; two workers never hold the same one.
func (s *Store) ClaimPushDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]models.Delivery, error) {
	now = now.UTC().Truncate(time.Microsecond)
	if due, err := s.anyDue(ctx, "push_deliveries", "next_attempt_at", now); err != nil || !due {
		return nil, err
	}
	token := models.NewID()
	skip := ""
	if s.Dialect == sqldb.Postgres {
		skip = " FOR UPDATE SKIP LOCKED"
	}
	// Joined to the chosen ids, each row is updated through its primary key;
	// "WHERE id IN (…)" lets the planner walk every pending row instead.
	// The claim changes no indexed column, so PostgreSQL updates the rows in
	// place (HOT) without touching an index.
	var ids []string
	err := s.pushTx(ctx, true, func(tx *gorm.DB) error {
		return tx.Raw(`UPDATE push_deliveries
		SET claimed_until = ?, claim_token = ?, attempts = attempts + 1, updated_at = ?
		FROM (SELECT id FROM push_deliveries
			WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
			ORDER BY next_attempt_at LIMIT ?`+skip+`) AS due
		WHERE push_deliveries.id = due.id RETURNING push_deliveries.id`,
			now.Add(lease), token, now, now, now, limit).Scan(&ids).Error
	})
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	var out []models.Delivery
	err = s.DB.WithContext(ctx).Raw(`SELECT d.id, d.job_id, d.claim_token, d.attempts, d.subscription_id,
		j.type, j.ref_id, j.ref_at, j.fire_at, j.citizen_id, COALESCE(j.employee_id, '') AS employee_id, u.locale, s.endpoint, s.p256dh, s.auth
		FROM push_deliveries d
		JOIN push_jobs j ON j.id = d.job_id
		JOIN push_subscriptions s ON s.id = d.subscription_id
		JOIN users u ON u.id = j.citizen_id
		WHERE d.id IN ? ORDER BY d.next_attempt_at, d.id`, ids).Scan(&out).Error
	return out, err
}

// anyDue is a cheap read before a claim, so an idle worker polling every
// second takes no write lock (SQLite has only one). Ordered by the due
// column, it reads the first entry of the partial index of pending rows;
// unordered, PostgreSQL may hope to find a due row early in a table scan.
func (s *Store) anyDue(ctx context.Context, table, column string, now time.Time) (bool, error) {
	var ids []string
	err := s.DB.WithContext(ctx).Table(table).Where("status = 'pending' AND "+column+" <= ?", now).
		Order(column).Limit(1).Pluck("id", &ids).Error
	return len(ids) > 0, err
}
