package models

import "time"

// FastTrackClockSkew is how far ahead of the server's clock a request's
// time may lie (a device clock a little fast), before it is "in the future".
const FastTrackClockSkew = 5 * time.Minute

// CheckFastTrackRequest applies every rule to a request on case c: fast
// track needs an employer (the citizen is employed); then the law's limits
// (CheckFastTrackEligibility: too late is checked first, as the contract
// says); and a request cannot be received in the future or before the
// first sick day.
func CheckFastTrackRequest(c *Citizen, requestedAt time.Time, expectedWeeks int, now time.Time) error {
	if c.Clock().Employment != EmployedEmployee {
		return NewError(KindInvalid, "fast_track_no_employer")
	}
	if err := CheckFastTrackEligibility(c.FirstSickDay, requestedAt, expectedWeeks); err != nil {
		return err
	}
	if requestedAt.After(now.Add(FastTrackClockSkew)) {
		return NewError(KindInvalid, "fast_track_in_future")
	}
	if first, ok := ParseDate(c.FirstSickDay); ok && CopenhagenDate(requestedAt).Before(first) {
		return NewError(KindInvalid, "fast_track_before_first_sick_day")
	}
	return nil
}

// ErrFastTrackPendingExists: a citizen answers one request at a time.
var ErrFastTrackPendingExists = NewError(KindConflict, "fast_track_pending_exists")
