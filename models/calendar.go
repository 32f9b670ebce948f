package models

import (
	"time"
)

// CalendarToken lets a calendar app read a citizen's meetings without a
// sign-in. Only its hash is stored; a new one replaces the old.
type CalendarToken struct {
	CitizenID string `gorm:"primaryKey"`
	TokenHash string
	CreatedAt time.Time
}

// CalendarEntry is what the feed shows of a meeting: kind and time only.
type CalendarEntry struct {
	ID              string
	Kind            string
	StartsAt        time.Time
	DurationMinutes int
	Status          string
	UpdatedAt       time.Time
}
