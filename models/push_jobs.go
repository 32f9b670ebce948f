package models

import (
	"time"
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
	// PushSignInCode tells the citizen a new sign-in code was made for
	// their active account.
	PushSignInCode = "sign_in_code"
)

// UrgentPush reports whether a type ignores quiet hours and pauses: the
// fast-track request and its deadline must never wait past the deadline.
func UrgentPush(typ string) bool {
	return typ == PushFastTrackRequest || typ == PushFastTrackDeadline || typ == PushSignInCode
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

	// EmployeeID is the employee an employer's message is about (nil for a
	// citizen's own); CitizenID is then the employer, who receives it.
	EmployeeID *string
}

// PushHistoryRetention is how long finished push jobs and their deliveries
// are kept after they were due: long enough to answer "I never got the
// reminder" about last month's meetings, short enough that at 100,000
// citizens the tables hold about a month of messages, not every message
// ever sent (issue 13). A message says only its kind and a time; what it
// was about stays in the case.
const PushHistoryRetention = 30 * 24 * time.Hour
