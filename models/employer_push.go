package models

import "time"

// Push messages for the employer. Like the citizen's they name no one and
// say nothing of agenda, place or health: the lock screen is not private,
// and an employer may follow several employees.
const (
	// PushEmployerRoundtable reminds an employer of a roundtable meeting the
	// next day, while the employee shares meetings with them.
	PushEmployerRoundtable = "employer_meeting_reminder"
	// PushEmployerAgreement tells an employer of a new agreement item they
	// own, while the employee shares agreements with them.
	PushEmployerAgreement = "employer_agreement_added"
)

// EmployerPushTypes lists the employer's push types, for tests that walk
// them all.
var EmployerPushTypes = []string{PushEmployerRoundtable, PushEmployerAgreement}

// EmployerRoundtableBefore is how long before a roundtable its employer
// reminder comes.
const EmployerRoundtableBefore = 24 * time.Hour

// EmployerPush reports whether typ is a message to an employer.
func EmployerPush(typ string) bool {
	return typ == PushEmployerRoundtable || typ == PushEmployerAgreement
}

// SharedFor says which part of the sharing an employer message needs.
func (sh EmployerSharing) SharedFor(typ string) bool {
	switch typ {
	case PushEmployerRoundtable:
		return sh.Meetings
	case PushEmployerAgreement:
		return sh.Agreements
	}
	return false
}
