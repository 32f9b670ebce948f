package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// LapseOverdueFastTrack records the lapse of every request still pending
// after its consent deadline, each in its own transaction, and reports how
// many it lapsed. The background worker calls it; readers show the lapse
// without writing (models.LapseIfDue).
func (s *Store) LapseOverdueFastTrack(ctx context.Context, now time.Time) (int, error) {
	now = now.UTC()
	var ids []string
	// DeadlinePassed: a full second after the deadline.
	err := s.DB.WithContext(ctx).Model(&models.FastTrackRequest{}).
		Where("status = ? AND consent_deadline <= ?", models.FastTrackPending, now.Add(-time.Second)).
		Pluck("id", &ids).Error
	if err != nil {
		return 0, fmt.Errorf("find overdue fast-track requests: %w", err)
	}
	n := 0
	for _, id := range ids {
		lapsed := false
		err := s.Tx(ctx, func(tx *gorm.DB) error {
			var r models.FastTrackRequest
			if err := sqldb.LockForUpdate(tx, s.Dialect).Where("id = ?", id).Take(&r).Error; err != nil {
				return fmt.Errorf("lapse overdue fast track: %w", err)
			}
			lapsed = r.Status == models.FastTrackPending && models.DeadlinePassed(r.ConsentDeadline, now)
			return lapseIfDue(tx, &r, now)
		})
		if err != nil {
			return n, fmt.Errorf("lapse fast-track request: %w", err)
		}
		if lapsed {
			n++
		}
	}
	return n, nil
}
