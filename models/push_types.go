package models

// PushTypes lists every push message type, for tests that walk them all
// (every url a push opens must be a screen of the app).
var PushTypes = []string{PushFastTrackRequest, PushFastTrackDeadline, PushMeetingScheduled,
	PushMeetingChanged, PushMeetingCancelled, PushMeetingReminder, PushReflectionPrompt,
	PushTimelineReminder}
