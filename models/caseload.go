package models

import (
	"time"
)

// The caseload is read with a fixed number of queries whatever its size:
// each loader below reads one table (or join) for the whole caseload, and the
// rules in caseload_rules.go turn the rows into what the caseworker sees.

// CaseloadFacts is everything known about one citizen for the caseload.
type CaseloadFacts struct {
	Citizen   Citizen
	Invites   []CaseloadInvite
	Snooze    *Snooze
	Meetings  []CaseloadMeeting
	Checkins  []CaseloadCheckin // newest first, at most three
	FastTrack []CaseloadFastTrack
	// PlanFeedback is the answer to the newest plan version, if any.
	PlanFeedback string
	// OpenAgreementDues are the due dates of the open agreement items.
	OpenAgreementDues []string
}

type CaseloadInvite struct {
	CitizenID string
	ExpiresAt time.Time
	UsedAt    *time.Time
}

type CaseloadMeeting struct {
	ID               string
	CitizenID        string
	Kind             string
	StartsAt         time.Time
	MovedAt          *time.Time
	Response         *string
	RepliedAt        *time.Time
	ReflectionShared bool
}

type CaseloadCheckin struct {
	CitizenID     string
	RecordedAt    time.Time
	Wellbeing     *int
	StaircaseStep *int
	AvgScore      *float64
}

type CaseloadFastTrack struct {
	CitizenID       string
	Status          string
	RequestedAt     time.Time
	ConsentDeadline time.Time
}
