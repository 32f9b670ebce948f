package models

import (
	"time"
)

// Default quiet hours, Copenhagen time.
const (
	DefaultQuietStart = "21:00"
	DefaultQuietEnd   = "08:00"
)

// NotificationSettings is a citizen's choice about when messages may come.
// Nil QuietStart/QuietEnd mean no quiet hours.
type NotificationSettings struct {
	CitizenID   string `gorm:"primaryKey"`
	QuietStart  *string
	QuietEnd    *string
	PausedUntil *time.Time
	UpdatedAt   time.Time
}

// Paused reports whether non-urgent messages are switched off at now.
func (n *NotificationSettings) Paused(now time.Time) bool {
	return n.PausedUntil != nil && now.Before(*n.PausedUntil)
}

// HoldUntil says when a non-urgent message due at now may go out: now, or
// the end of the quiet window now lies in.
func (n *NotificationSettings) HoldUntil(now time.Time) time.Time {
	if n.QuietStart == nil || n.QuietEnd == nil {
		return now
	}
	if end, quiet := QuietUntil(now, *n.QuietStart, *n.QuietEnd); quiet {
		return end
	}
	return now
}

// QuietUntil reports whether t lies in the daily window [start, end) on
// Copenhagen clocks (HH:MM; the window may cross midnight) and, if so, the
// instant it ends. Wall-clock arithmetic keeps it right on DST days.
func QuietUntil(t time.Time, start, end string) (time.Time, bool) {
	s, ok1 := parseClock(start)
	e, ok2 := parseClock(end)
	if !ok1 || !ok2 || s == e {
		return time.Time{}, false
	}
	local := t.In(Copenhagen)
	m := local.Hour()*60 + local.Minute()
	y, mo, d := local.Date()
	switch {
	case s < e && m >= s && m < e: // same-day window
	case s > e && m >= s: // evening part of a window across midnight
		d++
	case s > e && m < e: // morning part
	default:
		return time.Time{}, false
	}
	return time.Date(y, mo, d, e/60, e%60, 0, 0, Copenhagen).UTC(), true
}

// parseClock reads HH:MM (00:00–23:59) as minutes after midnight.
func parseClock(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	return h*60 + m, h <= 23 && m <= 59
}

// ValidClock reports whether s is HH:MM.
func ValidClock(s string) bool { _, ok := parseClock(s); return ok }

// SettingsChange is a PUT: a field left unset (…Set false) keeps its value.
type SettingsChange struct {
	QuietSet    bool
	QuietStart  *string // nil with QuietSet: no quiet hours
	QuietEnd    *string
	PausedSet   bool
	PausedUntil *string // RFC 3339, or nil: not paused
}

func (c *SettingsChange) Apply(n *NotificationSettings) error {
	var v Validation
	if c.QuietSet {
		n.QuietStart, n.QuietEnd = c.QuietStart, c.QuietEnd
		if (n.QuietStart == nil) != (n.QuietEnd == nil) {
			v.Add("quiet_hours", "required")
		}
		if n.QuietStart != nil && !ValidClock(*n.QuietStart) {
			v.Add("quiet_hours.start", "invalid_clock")
		}
		if n.QuietEnd != nil && !ValidClock(*n.QuietEnd) {
			v.Add("quiet_hours.end", "invalid_clock")
		}
		if n.QuietStart != nil && n.QuietEnd != nil && *n.QuietStart == *n.QuietEnd && !v.Has("quiet_hours.start") {
			v.Add("quiet_hours.end", "same_as_start")
		}
	}
	if c.PausedSet {
		n.PausedUntil = nil
		if c.PausedUntil != nil {
			t, err := time.Parse(time.RFC3339, *c.PausedUntil)
			if err != nil {
				v.Add("paused_until", "invalid_timestamp")
			}
			t = t.UTC()
			n.PausedUntil = &t
		}
	}
	return v.Err()
}

// QuietHours is a daily window on Copenhagen clocks.
type QuietHours struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// NotificationSettingsView is the contract's shape of the settings.
type NotificationSettingsView struct {
	QuietHours  *QuietHours `json:"quiet_hours"`
	PausedUntil *time.Time  `json:"paused_until"`
}

// View shows n in the contract's shape.
func (n *NotificationSettings) View() NotificationSettingsView {
	var v NotificationSettingsView
	if n.QuietStart != nil && n.QuietEnd != nil {
		v.QuietHours = &QuietHours{Start: *n.QuietStart, End: *n.QuietEnd}
	}
	if n.PausedUntil != nil {
		t := n.PausedUntil.UTC()
		v.PausedUntil = &t
	}
	return v
}
