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
	ID         int64     `json:"id"`
	At         time.Time `json:"at"`
	What       string    `json:"what"`
	ReaderName string    `json:"reader_name"`
	ReaderRole string    `json:"reader_role"`
	// CaseworkerName stays on a caseworker's entries for older clients.
	CaseworkerName string `json:"caseworker_name,omitempty"`
}

// NameReaders fills caseworker_name on the caseworkers' entries.
func NameReaders(items []AccessEntry) {
	for i := range items {
		items[i].At = items[i].At.UTC()
		if items[i].ReaderRole == RoleCaseworker {
			items[i].CaseworkerName = items[i].ReaderName
		}
	}
}

// MaxAccessLogPage caps one page of the access log.
const MaxAccessLogPage = 100
