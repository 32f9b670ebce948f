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

// EnqueuePush writes jobs in the caller's transaction. An event already
// queued stays as it is; one that was cancelled (a meeting moved away and
// back) is revived with its new time.
func EnqueuePush(tx *gorm.DB, jobs ...models.PushJob) error {
	for i := range jobs {
		err := tx.Clauses(clause.OnConflict{
			Columns: []clause.Column{{Name: "citizen_id"}, {Name: "event_key"}},
			DoUpdates: clause.Assignments(map[string]any{"status": models.JobPending, "fire_at": jobs[i].FireAt,
				"ref_at": jobs[i].RefAt, "note": "", "updated_at": jobs[i].UpdatedAt}),
			Where: clause.Where{Exprs: []clause.Expression{clause.Eq{Column: clause.Column{Table: "push_jobs", Name: "status"}, Value: models.JobCancelled}}},
		}).Create(&jobs[i]).Error
		if err != nil {
			return fmt.Errorf("enqueue push: %w", err)
		}
	}
	return nil
}

// CancelPushJobs cancels the pending jobs of types about refID.
func CancelPushJobs(tx *gorm.DB, refID string, types []string, now time.Time) error {
	return sqldb.Wrap("cancel push jobs", tx.Model(&models.PushJob{}).Where("ref_id = ? AND type IN ? AND status = ?", refID, types, models.JobPending).
		Updates(map[string]any{"status": models.JobCancelled, "updated_at": now.UTC()}).Error)
}

// PurgePushHistory deletes jobs that fired before `before` and have nothing
// left to send (fanned out, cancelled or skipped), with their deliveries
// (sent or failed; ON DELETE CASCADE), batch rows at a time, oldest first.
// A reminder's time never returns, so its unique event key is not needed
// any more.
func (s *Store) PurgePushHistory(ctx context.Context, before time.Time, batch int) (int64, error) {
	n, err := s.sql.DeleteInBatches(ctx, "push_jobs", `SELECT id FROM push_jobs WHERE status <> 'pending' AND fire_at < ?
		AND NOT EXISTS (SELECT 1 FROM push_deliveries d WHERE d.job_id = push_jobs.id AND d.status = 'pending')
		ORDER BY fire_at LIMIT ?`, batch, before.UTC())
	if err != nil {
		return n, fmt.Errorf("purge push history: %w", err)
	}
	return n, nil
}
