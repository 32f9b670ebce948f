package models

// ReflectionUnread reports whether saving in over r gives the caseworker
// something they have not read: sharing it again, or changing what is shared.
func ReflectionUnread(r MeetingReflection, in NewReflection) bool {
	return !in.Shared || !r.Shared || r.CameFrom != in.CameFrom || r.HeadingTo != in.HeadingTo || r.Proposal != in.Proposal
}
