package models

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Snooze puts a citizen aside in the caseload until a date: they sort last
// and do not count as needing action before that day.
type Snooze struct {
	CitizenID    string `gorm:"primaryKey"`
	CaseworkerID string
	SnoozedUntil string
	Reason       string
	CreatedAt    time.Time
}

func (Snooze) TableName() string { return "citizen_snoozes" }

// MaxSnoozeReason caps the reason's length.
const MaxSnoozeReason = 300

// SnoozeInput is what the caseworker sends.
type SnoozeInput struct {
	Until  string
	Reason string
}

// Validate checks a snooze against now: the date must lie after today
// (Copenhagen) and at most a year ahead.
func (in SnoozeInput) Validate(now time.Time) error {
	var v Validation
	until, ok := ParseDate(in.Until)
	today := CopenhagenDate(now)
	switch {
	case in.Until == "":
		v.Add("until", "required")
	case !ok:
		v.Add("until", "invalid_date")
	case !until.After(today) || until.After(today.AddDate(1, 0, 0)):
		v.Add("until", "snooze_until_range")
	}
	if utf8.RuneCountInString(in.Reason) > MaxSnoozeReason {
		v.Add("reason", "too_long", "max", MaxSnoozeReason)
	}
	return v.Err()
}

// SnoozedOn reports whether a snooze until the date until still holds on
// now's Copenhagen day: the citizen is back on the date itself.
func SnoozedOn(until string, now time.Time) bool {
	d, ok := ParseDate(until)
	return ok && d.After(CopenhagenDate(now))
}

// SnoozeCitizen sets (or replaces) the snooze of a citizen on caseworkerID's caseload.
func (s *Store) SnoozeCitizen(ctx context.Context, caseworkerID, citizenID string, in SnoozeInput, now time.Time) (*Snooze, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	if _, err := s.CitizenOf(ctx, caseworkerID, citizenID); err != nil {
		return nil, err
	}
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	sn := &Snooze{CitizenID: citizenID, CaseworkerID: caseworkerID, SnoozedUntil: in.Until, Reason: in.Reason, CreatedAt: now.UTC()}
	err := s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "citizen_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"caseworker_id", "snoozed_until", "reason", "created_at"}),
	}).Create(sn).Error
	return sn, err
}

// Unsnooze removes a citizen's snooze; it is not an error if there was none.
func (s *Store) Unsnooze(ctx context.Context, caseworkerID, citizenID string) error {
	if _, err := s.CitizenOf(ctx, caseworkerID, citizenID); err != nil {
		return err
	}
	return s.DB.WithContext(ctx).Where("citizen_id = ?", citizenID).Delete(&Snooze{}).Error
}

// snoozesOf loads the snoozes of a caseworker's caseload in one query.
func snoozesOf(db *gorm.DB, caseworkerID string) (map[string]Snooze, error) {
	var rows []Snooze
	err := db.Where("citizen_id IN (SELECT id FROM citizens WHERE caseworker_id = ?)", caseworkerID).Find(&rows).Error
	out := make(map[string]Snooze, len(rows))
	for _, r := range rows {
		out[r.CitizenID] = r
	}
	return out, err
}

// exportSnooze is the caseworker's snooze (with its reason) or nil: it is
// written about the citizen, so it is theirs to see.
func (s *Store) exportSnooze(ctx context.Context, citizenID string, _ time.Time) (any, error) {
	var sn Snooze
	err := s.DB.WithContext(ctx).Where("citizen_id = ?", citizenID).Limit(1).Find(&sn).Error
	if err != nil || sn.CitizenID == "" {
		return nil, err
	}
	return map[string]string{"snoozed_until": sn.SnoozedUntil, "reason": sn.Reason}, nil
}
