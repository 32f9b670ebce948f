package store

import (
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/outbox"
)

// Reminder offsets before a meeting.
var meetingReminders = []struct {
	name   string
	before time.Duration
}{{"24h", 24 * time.Hour}, {"2h", 2 * time.Hour}}

var (
	reminderTypes = []string{models.PushMeetingReminder, models.PushReflectionPrompt}
	newsTypes     = []string{models.PushMeetingScheduled, models.PushMeetingChanged}
)

// onMeetingEvent runs inside the transaction that changed m: it queues the
// message about the change and (re)schedules the reminders, so both commit
// or neither does.
func (s *Store) onMeetingEvent(tx *gorm.DB, m *models.Meeting, ev models.MeetingEvent, now time.Time) error {
	now = now.UTC()
	if err := outbox.CancelPushJobs(tx, m.ID, reminderTypes, now); err != nil {
		return fmt.Errorf("on meeting event: %w", err)
	}
	if err := scheduleEmployerRoundtable(tx, m, now); err != nil {
		return fmt.Errorf("on meeting event: %w", err)
	}
	switch ev {
	case models.MeetingScheduled:
		err := outbox.EnqueuePush(tx, newPushJob(m.CitizenID, models.PushMeetingScheduled, m.ID, "meeting_scheduled:"+m.ID, &m.StartsAt, now, now))
		if err != nil {
			return fmt.Errorf("on meeting event: %w", err)
		}
	case models.MeetingChanged:
		if m.MovedAt == nil || !m.MovedAt.Equal(now) {
			break // an edit of agenda or participants is not news on the lock screen
		}
		if err := queueMeetingChanged(tx, m, now); err != nil {
			return fmt.Errorf("on meeting event: %w", err)
		}
	case models.MeetingCancelled:
		return queueMeetingCancelled(tx, m, now)
	}
	return scheduleMeetingReminders(tx, m, now)
}

// queueMeetingChanged updates a news message not sent yet, so the citizen
// gets one message with the new time rather than two.
func queueMeetingChanged(tx *gorm.DB, m *models.Meeting, now time.Time) error {
	res := tx.Model(&models.PushJob{}).Where("ref_id = ? AND type IN ? AND status = ?", m.ID, newsTypes, models.JobPending).
		Updates(map[string]any{"ref_at": m.StartsAt.UTC(), "updated_at": now})
	if res.Error != nil || res.RowsAffected > 0 {
		return res.Error
	}
	key := "meeting_changed:" + m.ID + ":" + strconv.FormatInt(now.UnixNano(), 10)
	return outbox.EnqueuePush(tx, newPushJob(m.CitizenID, models.PushMeetingChanged, m.ID, key, &m.StartsAt, now, now))
}

// queueMeetingCancelled tells the citizen, unless they were never told of
// the meeting (its news still waits, e.g. in quiet hours): then both go.
func queueMeetingCancelled(tx *gorm.DB, m *models.Meeting, now time.Time) error {
	res := tx.Model(&models.PushJob{}).Where("ref_id = ? AND type = ? AND status = ?", m.ID, models.PushMeetingScheduled, models.JobPending).
		Updates(map[string]any{"status": models.JobCancelled, "updated_at": now})
	if res.Error != nil || res.RowsAffected > 0 {
		return res.Error
	}
	if err := outbox.CancelPushJobs(tx, m.ID, newsTypes, now); err != nil {
		return fmt.Errorf("queue meeting cancelled: %w", err)
	}
	return outbox.EnqueuePush(tx, newPushJob(m.CitizenID, models.PushMeetingCancelled, m.ID, "meeting_cancelled:"+m.ID, &m.StartsAt, now, now))
}

// scheduleMeetingReminders queues the reminders still ahead of now. Their
// keys carry the start time, so moving a meeting away and back revives the
// same reminders rather than adding new ones.
func scheduleMeetingReminders(tx *gorm.DB, m *models.Meeting, now time.Time) error {
	if m.Status != models.MeetingStatusScheduled {
		return nil
	}
	at := m.StartsAt.UTC()
	base := m.ID + ":" + strconv.FormatInt(at.Unix(), 10)
	var jobs []models.PushJob
	for _, r := range meetingReminders {
		if fire := at.Add(-r.before); fire.After(now) {
			jobs = append(jobs, newPushJob(m.CitizenID, models.PushMeetingReminder, m.ID, "meeting_reminder:"+base+":"+r.name, &at, fire, now))
		}
	}
	if fire := at.Add(-models.ReflectionPromptBefore); m.Kind == models.KindRoundtable && fire.After(now) {
		var n int64
		if err := tx.Model(&models.MeetingReflection{}).Where("meeting_id = ?", m.ID).Count(&n).Error; err != nil {
			return fmt.Errorf("schedule meeting reminders: %w", err)
		}
		if n == 0 {
			jobs = append(jobs, newPushJob(m.CitizenID, models.PushReflectionPrompt, m.ID, "reflection_prompt:"+base, &at, fire, now))
		}
	}
	return outbox.EnqueuePush(tx, jobs...)
}

// onReflectionSaved runs inside the transaction that saved a reflection for
// m: the prompt to write one is no longer needed.
func (s *Store) onReflectionSaved(tx *gorm.DB, m *models.Meeting, now time.Time) error {
	return outbox.CancelPushJobs(tx, m.ID, []string{models.PushReflectionPrompt}, now)
}
