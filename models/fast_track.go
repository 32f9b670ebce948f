package models

import (
	"time"
)

// FastTrackRequest is one request for early follow-up and its consent.
type FastTrackRequest struct {
	ID              string `gorm:"primaryKey"`
	CitizenID       string
	RegisteredBy    string
	RequestedBy     string
	RequestedAt     time.Time
	ExpectedWeeks   int
	ConsentDeadline time.Time
	Status          string
	CreatedAt       time.Time
	UpdatedAt       time.Time

	Events []FastTrackEvent `gorm:"foreignKey:RequestID"`
}

// FastTrackEvent is one recorded transition. FromStatus is nil on creation;
// ActorID is nil for the system (a lapse).
type FastTrackEvent struct {
	ID         int64 `gorm:"primaryKey"`
	RequestID  string
	ActorRole  string
	ActorID    *string
	FromStatus *string
	ToStatus   string
	At         time.Time
}

// Actor roles in the record.
const (
	ActorCitizen    = "citizen"
	ActorCaseworker = "caseworker"
	ActorSystem     = "system"
	ActorEmployer   = "employer"
)

// NewFastTrack is what a caseworker registers. ExpectedWeeks falls back to the
// citizen's registered expectation when nil.
type NewFastTrack struct {
	RequestedBy   string
	RequestedAt   string
	ExpectedWeeks *int
}

// FastTrackState is what a citizen or caseworker sees: the request that
// matters now (the newest pending one, else the newest) and every request.
// The follow-up it asks for is on the timeline (timeline.go).
type FastTrackState struct {
	Current *FastTrackRequest
	All     []FastTrackRequest
}

func (in *NewFastTrack) Parse(c *Citizen, now time.Time) (time.Time, int, error) {
	var v Validation
	if in.RequestedBy != RequestedByEmployer && in.RequestedBy != RequestedByCitizen {
		v.Add("requested_by", "invalid_choice")
	}
	at, err := time.Parse(time.RFC3339, in.RequestedAt)
	switch {
	case in.RequestedAt == "":
		v.Add("requested_at", "required")
	case err != nil:
		v.Add("requested_at", "invalid_timestamp")
	case at.Year() < 2000:
		v.Add("requested_at", "invalid_timestamp")
	}
	weeks := in.ExpectedWeeks
	if weeks == nil {
		weeks = c.ExpectedWeeks
	}
	if weeks == nil {
		v.Add("expected_weeks", "required")
	} else if *weeks > 520 {
		// The same bound as on the citizen; a larger count would also
		// overflow PostgreSQL's INTEGER column (a 500, not a 422).
		v.Add("expected_weeks", "out_of_range", "min", 1, "max", 520)
	}
	if err := v.Err(); err != nil {
		return time.Time{}, 0, err
	}
	return at.UTC(), *weeks, nil
}

// Decisions a citizen can make.
const (
	DecisionAccept  = "accept"
	DecisionDecline = "decline"
)
