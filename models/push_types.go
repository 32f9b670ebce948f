package models

// PushTypes lists every push message type a citizen receives, for tests
// that walk them all (every url a push opens must be a screen of the app):
// the contract's seven and those Trappen adds. The employer's are in
// EmployerPushTypes.
var PushTypes = []string{PushFastTrackRequest, PushFastTrackDeadline, PushMeetingScheduled,
	PushMeetingChanged, PushMeetingCancelled, PushMeetingReminder, PushReflectionPrompt,
	PushTimelineReminder, PushAgreementAdded, PushSignInCode}
