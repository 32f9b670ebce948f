package models

import (
	"sort"
	"time"
)

// The roundtable's third aim: an agreement on who does what, and when, so the
// case does not stall. Each item has an owner.
const (
	OwnerCitizen   = "citizen"
	OwnerEmployer  = "employer"
	OwnerJobcenter = "jobcenter"
	OwnerOther     = "other"
)

// Agreement statuses.
const (
	AgreementOpen = "open"
	AgreementDone = "done"
)

// ActionAgreementOverdue: an open agreement item whose due date has passed.
const ActionAgreementOverdue = "agreement_overdue"

// PushAgreementAdded tells the citizen that a new item names them. Like
// every push it says nothing of the item itself: the lock screen is not
// private.
const PushAgreementAdded = "agreement_added"

const maxAgreementText = 500

// AgreementOwners lists the owners in the order the apps group them.
var AgreementOwners = []string{OwnerCitizen, OwnerEmployer, OwnerJobcenter, OwnerOther}

// Agreement is one stored agreement item.
type Agreement struct {
	ID        string `gorm:"primaryKey"`
	CitizenID string
	MeetingID *string
	Text      string
	Owner     string
	DueDate   *string
	Status    string
	DoneAt    *time.Time
	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// AgreementView is an agreement item as shown to every party. Overdue is
// computed when read: open, with a due date before today (Copenhagen).
type AgreementView struct {
	ID        string     `json:"id"`
	Text      string     `json:"text"`
	Owner     string     `json:"owner"`
	DueDate   *string    `json:"due_date"`
	Status    string     `json:"status"`
	MeetingID *string    `json:"meeting_id"`
	Overdue   bool       `json:"overdue"`
	DoneAt    *time.Time `json:"done_at"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// NewAgreement is an agreement item to record.
type NewAgreement struct {
	Text      string
	Owner     string
	DueDate   *string
	MeetingID *string
}

// AgreementPatch changes an item; nil fields stay as they are. Clear* remove
// the due date or the meeting (sent as null).
type AgreementPatch struct {
	Text           *string
	Owner          *string
	DueDate        *string
	ClearDueDate   bool
	Status         *string
	MeetingID      *string
	ClearMeetingID bool
}

// Empty reports whether the patch changes nothing.
func (p AgreementPatch) Empty() bool {
	return p.Text == nil && p.Owner == nil && p.DueDate == nil && !p.ClearDueDate && p.Status == nil &&
		p.MeetingID == nil && !p.ClearMeetingID
}

// errNothingToChange answers a PATCH without a single known field.
var errNothingToChange = NewError(KindInvalid, "nothing_to_change")

// ErrNotYours answers a citizen who ticks off another party's item.
var ErrNotYours = NewError(KindForbidden, "not_yours")

// AgreementOverdue reports whether an item is open and its due date has
// passed (the due day itself is not overdue), seen at now in Copenhagen.
func AgreementOverdue(status string, dueDate *string, now time.Time) bool {
	if status != AgreementOpen || dueDate == nil {
		return false
	}
	due, ok := ParseDate(*dueDate)
	return ok && due.Before(CopenhagenDate(now))
}

// AnyAgreementOverdue reports whether one of the open items' due dates
// (YYYY-MM-DD) has passed: the caseload's agreement_overdue.
func AnyAgreementOverdue(openDueDates []string, now time.Time) bool {
	for i := range openDueDates {
		if AgreementOverdue(AgreementOpen, &openDueDates[i], now) {
			return true
		}
	}
	return false
}

func validateAgreementOwner(v *Validation, owner string) {
	switch owner {
	case OwnerCitizen, OwnerEmployer, OwnerJobcenter, OwnerOther:
	case "":
		v.Add("owner", "required")
	default:
		v.Add("owner", "invalid_choice")
	}
}

func validateAgreementStatus(v *Validation, status string) {
	if status != AgreementOpen && status != AgreementDone {
		v.Add("status", "invalid_choice")
	}
}

// validateDueDate accepts a real date from 2000 until ten years ahead; a date
// in the past is allowed (an item may be written down after the fact).
func validateDueDate(v *Validation, d string, now time.Time) {
	t, ok := ParseDate(d)
	if !ok || t.Year() < 2000 || t.After(CopenhagenDate(now).AddDate(10, 0, 0)) {
		v.Add("due_date", "invalid_date")
	}
}

// Validate checks a new item's own fields (the meeting is checked in storage).
func (in *NewAgreement) Validate(now time.Time) error {
	var v Validation
	validateText(&v, "text", &in.Text, true, maxAgreementText)
	validateAgreementOwner(&v, in.Owner)
	if in.DueDate != nil {
		validateDueDate(&v, *in.DueDate, now)
	}
	if in.MeetingID != nil && *in.MeetingID == "" {
		in.MeetingID = nil
	}
	return v.Err()
}

// Validate checks a patch; an empty one is refused.
func (p *AgreementPatch) Validate(now time.Time) error {
	if p.Empty() {
		return errNothingToChange
	}
	var v Validation
	if p.Text != nil {
		validateText(&v, "text", p.Text, true, maxAgreementText)
	}
	if p.Owner != nil {
		validateAgreementOwner(&v, *p.Owner)
	}
	if p.DueDate != nil {
		validateDueDate(&v, *p.DueDate, now)
	}
	if p.Status != nil {
		validateAgreementStatus(&v, *p.Status)
	}
	return v.Err()
}

// Apply changes a stored item by the patch at now.
func (p AgreementPatch) Apply(a *Agreement, now time.Time) {
	if p.Text != nil {
		a.Text = *p.Text
	}
	if p.Owner != nil {
		a.Owner = *p.Owner
	}
	if p.DueDate != nil {
		a.DueDate = p.DueDate
	} else if p.ClearDueDate {
		a.DueDate = nil
	}
	if p.MeetingID != nil {
		a.MeetingID = p.MeetingID
	} else if p.ClearMeetingID {
		a.MeetingID = nil
	}
	if p.Status != nil && *p.Status != a.Status {
		a.Status = *p.Status
		a.DoneAt = nil
		if a.Status == AgreementDone {
			at := now.UTC()
			a.DoneAt = &at
		}
	}
	a.UpdatedAt = now.UTC()
}

// ToAgreementView shows an item as seen at now.
func ToAgreementView(a Agreement, now time.Time) AgreementView {
	v := AgreementView{ID: a.ID, Text: a.Text, Owner: a.Owner, DueDate: a.DueDate, Status: a.Status,
		MeetingID: a.MeetingID, Overdue: AgreementOverdue(a.Status, a.DueDate, now),
		CreatedAt: a.CreatedAt.UTC(), UpdatedAt: a.UpdatedAt.UTC()}
	if a.DoneAt != nil {
		at := a.DoneAt.UTC()
		v.DoneAt = &at
	}
	return v
}

// OpenOwnAgreements picks the open items the citizen owns, the overdue and
// soonest due first (no due date last).
func OpenOwnAgreements(all []AgreementView) []AgreementView {
	out := []AgreementView{}
	for _, a := range all {
		if a.Owner == OwnerCitizen && a.Status == AgreementOpen {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].DueDate, out[j].DueDate
		if a == nil || b == nil {
			return a != nil && b == nil
		}
		return *a < *b
	})
	return out
}
