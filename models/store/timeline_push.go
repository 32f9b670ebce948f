package store

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/outbox"
	"trappen/models/sqldb"
)

// planTimelinePush brings the citizen's pending timeline reminders in line
// with their timeline as of now, in the caller's transaction. Every change
// that can move or settle a step the citizen takes calls it: a fast-track
// request accepted or withdrawn, a step recorded, the case changed or
// reopened (closing cancels every message; deleting erases them). The due
// dates come from models.Timeline, so there is no second copy of the rules.
//
// The citizen's row is locked first, so a close that runs at the same time
// either sees the new reminders and cancels them or is seen as closed here.
// A reminder already sent keeps its row, and its event key keeps it from
// being sent again.
func planTimelinePush(tx *gorm.DB, citizenID string, now time.Time) error {
	var c models.Citizen
	if err := sqldb.LockForUpdate(tx, sqldb.Dialect(tx.Dialector.Name())).Where("id = ?", citizenID).Take(&c).Error; err != nil {
		return fmt.Errorf("plan timeline push: %w", err)
	}
	var want []models.TimelineReminder
	if !c.Closed() {
		items, err := timelineOf(tx, &c, now)
		if err != nil {
			return fmt.Errorf("plan timeline push: %w", err)
		}
		want = models.TimelineReminders(items, now)
	}
	keys := make([]string, len(want))
	jobs := make([]models.PushJob, len(want))
	for i, r := range want {
		keys[i] = r.EventKey
		end := r.DueEnd
		jobs[i] = newPushJob(c.ID, models.PushTimelineReminder, c.ID, r.EventKey, &end, r.FireAt, now)
	}
	// Through the unique (citizen_id, event_key) index: a citizen has few jobs.
	stale := tx.Model(&models.PushJob{}).Where("citizen_id = ? AND status = 'pending' AND type = ?", c.ID, models.PushTimelineReminder)
	if len(keys) > 0 {
		stale = stale.Where("event_key NOT IN ?", keys)
	}
	if err := stale.Updates(map[string]any{"status": models.JobCancelled, "updated_at": now.UTC()}).Error; err != nil {
		return fmt.Errorf("plan timeline push: cancel: %w", err)
	}
	return outbox.EnqueuePush(tx, jobs...)
}
