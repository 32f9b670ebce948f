package models

import (
	"time"
)

// DateLayout is the wire and storage format of a calendar date.
const DateLayout = "2006-01-02"

// Copenhagen is the time zone every calendar rule in Trappen is counted in.
var Copenhagen = mustLoadLocation("Europe/Copenhagen")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// ParseDate parses YYYY-MM-DD as a date (midnight UTC, for arithmetic only).
func ParseDate(s string) (time.Time, bool) {
	d, err := time.Parse(DateLayout, s)
	return d, err == nil && d.Format(DateLayout) == s
}

// CopenhagenDate is the calendar date of t in Copenhagen, as midnight UTC.
func CopenhagenDate(t time.Time) time.Time {
	y, m, d := t.In(Copenhagen).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DaysBetween counts calendar days from a to b (both dates as from ParseDate).
func DaysBetween(a, b time.Time) int {
	return int(b.Sub(a).Hours() / 24)
}

// ValidateDate checks a YYYY-MM-DD field within sane bounds around now.
func ValidateDate(v *Validation, field, s string, now time.Time) {
	d, ok := ParseDate(s)
	if !ok {
		v.Add(field, "invalid_date")
		return
	}
	earliest := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	latest := CopenhagenDate(now).AddDate(1, 0, 1)
	if d.Before(earliest) || d.After(latest) {
		v.Add(field, "invalid_date")
	}
}
