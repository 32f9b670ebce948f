package models

import (
	"time"
)

// WhatCaseload is the access-log entry for seeing a citizen in the caseload
// list (name, week, wellbeing, open actions). It is kept once per caseworker
// and Copenhagen day, so the citizen's log is not buried in list views.
const WhatCaseload = "caseload"

// AccessEntry is what the citizen sees of one read.
type AccessEntry struct {
	ID             int64     `json:"id"`
	At             time.Time `json:"at"`
	CaseworkerName string    `json:"caseworker_name"`
	What           string    `json:"what"`
}

// MaxAccessLogPage caps one page of the access log.
const MaxAccessLogPage = 100
