package models

import (
	"time"
)

// MeetingEvent says what happened to a meeting.
type MeetingEvent string

const (
	MeetingScheduled MeetingEvent = "scheduled"
	MeetingChanged   MeetingEvent = "changed"
	MeetingCancelled MeetingEvent = "cancelled"
)

// ReflectionPromptBefore is when a roundtable's preparation prompt goes out.
const ReflectionPromptBefore = 48 * time.Hour
