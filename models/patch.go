package models

// ErrEmptyPatch refuses a PATCH that names no field: it would change nothing
// yet answer with the resource, a read dressed as a write.
var ErrEmptyPatch = NewError(KindInvalid, "empty_patch")

// Empty reports whether p changes nothing.
func (p GoalPatch) Empty() bool {
	return p.Title == nil && p.Status == nil && p.TargetDate == nil && !p.ClearTargetDate && p.Activities == nil
}

// Empty reports whether p changes nothing.
func (p MeetingPatch) Empty() bool {
	return p.Kind == nil && p.StartsAt == nil && p.DurationMinutes == nil && p.Location == nil &&
		p.Participants == nil && p.Agenda == nil
}
