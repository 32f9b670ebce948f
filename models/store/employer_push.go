package store

import (
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/outbox"
	"trappen/models/sqldb"
)

// An employer's push messages follow the same rules as what they may read:
// a live contact, an open case, and the part shared. Every change to one of
// those cancels or (re)queues the messages in its own transaction.

// employerRecipients are the employer accounts following citizenID while
// the case is open and part of the sharing is on; nil otherwise.
func employerRecipients(tx *gorm.DB, citizenID, typ string) ([]string, error) {
	var closed []string
	if err := tx.Model(&models.Citizen{}).Where("id = ? AND closed_on IS NOT NULL", citizenID).Pluck("id", &closed).Error; err != nil {
		return nil, sqldb.Wrap("employer recipients", err)
	}
	if len(closed) > 0 {
		return nil, nil
	}
	sh, err := loadSharing(tx, citizenID)
	if err != nil || !sh.SharedFor(typ) {
		return nil, err
	}
	var ids []string
	err = tx.Model(&models.EmployerContact{}).Where("citizen_id = ?", citizenID).Order("user_id").Pluck("user_id", &ids).Error
	return ids, sqldb.Wrap("employer recipients", err)
}

func employerJob(employerID, citizenID, typ, refID, key string, refAt *time.Time, fireAt, now time.Time) models.PushJob {
	j := newPushJob(employerID, typ, refID, key, refAt, fireAt, now)
	j.EmployeeID = &citizenID
	return j
}

// scheduleEmployerRoundtable (re)queues the employers' reminder of a
// roundtable, 24 hours before it. The key carries the start, so a meeting
// moved away and back revives the same reminder; a moved or cancelled
// meeting's old reminder is cancelled first, so none goes out stale.
func scheduleEmployerRoundtable(tx *gorm.DB, m *models.Meeting, now time.Time) error {
	return queueEmployerRoundtable(tx, m, nil, now)
}

// queueEmployerRoundtable is scheduleEmployerRoundtable for employers
// already looked up (recipients), or looked up here when nil.
func queueEmployerRoundtable(tx *gorm.DB, m *models.Meeting, recipients []string, now time.Time) error {
	if err := outbox.CancelPushJobs(tx, m.ID, []string{models.PushEmployerRoundtable}, now); err != nil {
		return fmt.Errorf("schedule employer roundtable: %w", err)
	}
	at := m.StartsAt.UTC()
	fire := at.Add(-models.EmployerRoundtableBefore)
	if m.Status != models.MeetingStatusScheduled || m.Kind != models.KindRoundtable || !fire.After(now) {
		return nil
	}
	ids := recipients
	if ids == nil {
		var err error
		if ids, err = employerRecipients(tx, m.CitizenID, models.PushEmployerRoundtable); err != nil {
			return fmt.Errorf("schedule employer roundtable: %w", err)
		}
	}
	key := "employer_meeting_reminder:" + m.ID + ":" + strconv.FormatInt(at.Unix(), 10)
	var jobs []models.PushJob
	for _, id := range ids {
		jobs = append(jobs, employerJob(id, m.CitizenID, models.PushEmployerRoundtable, m.ID, key, &at, fire, now))
	}
	return outbox.EnqueuePush(tx, jobs...)
}

// queueEmployerAgreement tells the employers of a new item they own.
func queueEmployerAgreement(tx *gorm.DB, a *models.Agreement, now time.Time) error {
	ids, err := employerRecipients(tx, a.CitizenID, models.PushEmployerAgreement)
	if err != nil {
		return fmt.Errorf("queue employer agreement: %w", err)
	}
	var jobs []models.PushJob
	for _, id := range ids {
		jobs = append(jobs, employerJob(id, a.CitizenID, models.PushEmployerAgreement, a.ID, "employer_agreement_added:"+a.ID, nil, now, now))
	}
	return outbox.EnqueuePush(tx, jobs...)
}

// syncEmployerPush brings citizenID's employer messages in line with the
// sharing and the contacts after either changed: what is no longer shared
// is cancelled, and while meetings are shared every employer has a
// reminder of each coming roundtable.
func syncEmployerPush(tx *gorm.DB, citizenID string, now time.Time) error {
	sh, err := loadSharing(tx, citizenID)
	if err != nil {
		return err
	}
	var off []string
	for _, typ := range models.EmployerPushTypes {
		if !sh.SharedFor(typ) {
			off = append(off, typ)
		}
	}
	if len(off) > 0 {
		if err := cancelEmployerPush(tx, citizenID, "", off, now); err != nil {
			return err
		}
	}
	if !sh.Meetings {
		return nil
	}
	var ms []models.Meeting
	err = tx.Where("citizen_id = ? AND kind = ? AND status = ? AND starts_at > ?", citizenID, models.KindRoundtable,
		models.MeetingStatusScheduled, now.UTC().Add(models.EmployerRoundtableBefore)).Find(&ms).Error
	if err != nil {
		return fmt.Errorf("sync employer push: %w", err)
	}
	if len(ms) == 0 {
		return nil
	}
	// The recipients are the same for every meeting: look them up once.
	ids, err := employerRecipients(tx, citizenID, models.PushEmployerRoundtable)
	if err != nil {
		return fmt.Errorf("sync employer push: %w", err)
	}
	if ids == nil {
		ids = []string{}
	}
	for i := range ms {
		if err := queueEmployerRoundtable(tx, &ms[i], ids, now); err != nil {
			return err
		}
	}
	return nil
}

// cancelEmployerPush cancels the pending employer messages of types about
// citizenID: every employer's, or only employerID's when given.
func cancelEmployerPush(tx *gorm.DB, citizenID, employerID string, types []string, now time.Time) error {
	q := tx.Model(&models.PushJob{}).Where("employee_id = ? AND type IN ? AND status = ?", citizenID, types, models.JobPending)
	if employerID != "" {
		q = q.Where("citizen_id = ?", employerID)
	}
	return sqldb.Wrap("cancel employer push", q.Updates(map[string]any{"status": models.JobCancelled, "updated_at": now.UTC()}).Error)
}
