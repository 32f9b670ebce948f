package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Push message types (the contract's list).
const (
	PushFastTrackRequest  = "fast_track_request"
	PushFastTrackDeadline = "fast_track_deadline"
	PushMeetingScheduled  = "meeting_scheduled"
	PushMeetingChanged    = "meeting_changed"
	PushMeetingCancelled  = "meeting_cancelled"
	PushMeetingReminder   = "meeting_reminder"
	PushReflectionPrompt  = "reflection_prompt"
)

// UrgentPush reports whether a type ignores quiet hours and pauses: the
// fast-track request and its deadline must never wait past the deadline.
func UrgentPush(typ string) bool {
	return typ == PushFastTrackRequest || typ == PushFastTrackDeadline
}

// Push job states.
const (
	JobPending   = "pending"
	JobFannedOut = "fanned_out"
	JobCancelled = "cancelled"
	JobSkipped   = "skipped"
)

// PushJob is one message to one citizen, due at FireAt. The unique
// (citizen, event key) makes a second enqueue of the same event a no-op.
type PushJob struct {
	ID        string `gorm:"primaryKey"`
	CitizenID string
	EventKey  string
	Type      string
	RefID     string     // the meeting or fast-track request
	RefAt     *time.Time // the meeting's start or the consent deadline
	FireAt    time.Time
	Status    string
	Note      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

func newPushJob(citizenID, typ, refID, key string, refAt *time.Time, fireAt, now time.Time) PushJob {
	if refAt != nil {
		t := refAt.UTC()
		refAt = &t
	}
	return PushJob{ID: NewID(), CitizenID: citizenID, EventKey: key, Type: typ, RefID: refID, RefAt: refAt,
		FireAt: fireAt.UTC(), Status: JobPending, CreatedAt: now.UTC(), UpdatedAt: now.UTC()}
}

// enqueuePush writes jobs in the caller's transaction. An event already
// queued stays as it is; one that was cancelled (a meeting moved away and
// back) is revived with its new time.
func enqueuePush(tx *gorm.DB, jobs ...PushJob) error {
	for i := range jobs {
		err := tx.Clauses(clause.OnConflict{
			Columns: []clause.Column{{Name: "citizen_id"}, {Name: "event_key"}},
			DoUpdates: clause.Assignments(map[string]any{"status": JobPending, "fire_at": jobs[i].FireAt,
				"ref_at": jobs[i].RefAt, "note": "", "updated_at": jobs[i].UpdatedAt}),
			Where: clause.Where{Exprs: []clause.Expression{clause.Eq{Column: clause.Column{Table: "push_jobs", Name: "status"}, Value: JobCancelled}}},
		}).Create(&jobs[i]).Error
		if err != nil {
			return err
		}
	}
	return nil
}

// cancelPushJobs cancels the pending jobs of types about refID.
func cancelPushJobs(tx *gorm.DB, refID string, types []string, now time.Time) error {
	return tx.Model(&PushJob{}).Where("ref_id = ? AND type IN ? AND status = ?", refID, types, JobPending).
		Updates(map[string]any{"status": JobCancelled, "updated_at": now.UTC()}).Error
}

// PushHistoryRetention is how long finished push jobs are kept: long enough
// to investigate a complaint, short enough that the table does not grow
// without end.
const PushHistoryRetention = 90 * 24 * time.Hour

// PurgePushHistory deletes jobs that fired before `before` and have nothing
// left to send, with their deliveries. A reminder's time never returns, so
// its unique event key is not needed any more.
func (s *Store) PurgePushHistory(ctx context.Context, before time.Time) (int64, error) {
	res := s.DB.WithContext(ctx).
		Where("status <> 'pending' AND fire_at < ?", before.UTC()).
		Where("NOT EXISTS (SELECT 1 FROM push_deliveries d WHERE d.job_id = push_jobs.id AND d.status = 'pending')").
		Delete(&PushJob{})
	return res.RowsAffected, res.Error
}
