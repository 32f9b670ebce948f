package models

import (
	"time"
	"unicode/utf8"
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
