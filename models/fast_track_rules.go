package models

import (
	"time"
)

// Fast-track states. Withdrawn is an acceptance the citizen took back later.
const (
	FastTrackPending   = "pending"
	FastTrackAccepted  = "accepted"
	FastTrackDeclined  = "declined"
	FastTrackLapsed    = "lapsed"
	FastTrackWithdrawn = "withdrawn"
)

// Who asked for fast track.
const (
	RequestedByEmployer = "employer"
	RequestedByCitizen  = "citizen"
)

// FastTrackMinWeeks is the expected length a sickness must exceed.
const FastTrackMinWeeks = 8

// ConsentDeadline is the end (23:59:59 local) of the second calendar day after
// the Copenhagen day a request was received. It counts calendar days, not
// hours, so a daylight-saving change in between does not move it.
func ConsentDeadline(receivedAt time.Time) time.Time {
	y, m, d := receivedAt.In(Copenhagen).Date()
	return time.Date(y, m, d+2, 23, 59, 59, 0, Copenhagen).UTC()
}

// DeadlinePassed reports whether now lies after the last second of deadline.
// The whole second 23:59:59 still counts as in time.
func DeadlinePassed(deadline, now time.Time) bool {
	return !now.Before(deadline.Add(time.Second))
}

// CheckFastTrackEligibility applies the rules of early follow-up: requested at
// most 35 days after the first sick day (checked first), expected to last more
// than 8 weeks.
func CheckFastTrackEligibility(firstSickDay string, requestedAt time.Time, expectedWeeks int) error {
	if first, ok := ParseDate(firstSickDay); ok &&
		DaysBetween(first, CopenhagenDate(requestedAt)) > FastTrackLimitDays {
		return NewError(KindInvalid, "fast_track_too_late")
	}
	if expectedWeeks <= FastTrackMinWeeks {
		return NewError(KindInvalid, "fast_track_too_short")
	}
	return nil
}

// FastTrackDeadlineReminder is when the "deadline soon" message goes out.
const FastTrackDeadlineReminder = 12 * time.Hour
