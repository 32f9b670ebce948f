package models

import (
	"sort"
	"time"
)

// RoleEmployer is the citizen's manager or HR contact, invited per employee.
const RoleEmployer = "employer"

// EmployerContact links an employer account to one employee (a citizen).
// Deleting it ends the access at once. The invite is kept on the contact.
type EmployerContact struct {
	ID              string `gorm:"primaryKey"`
	CitizenID       string
	UserID          string
	Name            string
	Email           string
	InviteCodeHash  *string
	InviteExpiresAt *time.Time
	InviteUsedAt    *time.Time
	CreatedBy       string
	CreatedAt       time.Time
}

// NewEmployerContact is what the caseworker types in.
type NewEmployerContact struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// Validate checks and trims the input.
func (in *NewEmployerContact) Validate() error {
	var v Validation
	in.Email = NormalizeEmail(in.Email)
	ValidateName(&v, "name", in.Name)
	ValidateEmail(&v, "email", in.Email)
	return v.Err()
}

// EmployerContactView is a contact as the caseworker sees it. The invite
// code is only there right after it was made; invite_pending says whether
// the employer still has to activate.
type EmployerContactView struct {
	ID              string     `json:"id"`
	Name            string     `json:"name"`
	Email           string     `json:"email"`
	InviteCode      *string    `json:"invite_code,omitempty"`
	InviteExpiresAt *time.Time `json:"invite_expires_at"`
	InvitePending   bool       `json:"invite_pending"`
	CreatedAt       time.Time  `json:"created_at"`
}

// EmployerSharing is what the citizen lets their employer contacts see.
// Everything is off until the citizen chooses.
type EmployerSharing struct {
	CitizenID  string    `gorm:"primaryKey" json:"-"`
	Plan       bool      `json:"plan"`
	Meetings   bool      `json:"meetings"`
	Agreements bool      `json:"agreements"`
	Placements bool      `json:"placements"`
	UpdatedAt  time.Time `json:"-"`
}

// TableName keeps the table's singular name.
func (EmployerSharing) TableName() string { return "employer_sharing" }

// SharingInput is the citizen's choice; every field must be given.
type SharingInput struct {
	Plan       *bool `json:"plan"`
	Meetings   *bool `json:"meetings"`
	Agreements *bool `json:"agreements"`
	Placements *bool `json:"placements"`
}

// Validate requires all four answers, so a typo never turns sharing off or on.
func (in SharingInput) Validate() error {
	var v Validation
	for _, f := range []struct {
		name string
		val  *bool
	}{{"plan", in.Plan}, {"meetings", in.Meetings}, {"agreements", in.Agreements}, {"placements", in.Placements}} {
		if f.val == nil {
			v.Add(f.name, "required")
		}
	}
	return v.Err()
}

// SharingView is the citizen's sharing screen: the choice and who it is for.
type SharingView struct {
	EmployerSharing
	Contacts []EmployerContactName `json:"contacts"`
}

// EmployerContactName names an employer contact to the citizen.
type EmployerContactName struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// An employee's case as the employer sees it: open, or closed (a notice only).
const (
	EmployeeOpen   = "open"
	EmployeeClosed = "closed"
)

// EmployeeItem is one employee in the employer's list; a closed case shows
// only id, name and status.
type EmployeeItem struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Status         string `json:"status"`
	FirstSickDay   string `json:"first_sick_day,omitempty"`
	WeekOfSickness int    `json:"week_of_sickness,omitempty"`
	// NextMeeting is there only while the employee shares meetings.
	NextMeeting *EmployerMeeting `json:"next_meeting,omitempty"`
}

// EmployeeView is one employee as their employer sees them: each part is
// present only while the employee shares it.
type EmployeeView struct {
	ID             string               `json:"id"`
	Name           string               `json:"name"`
	Status         string               `json:"status"`
	FirstSickDay   string               `json:"first_sick_day,omitempty"`
	WeekOfSickness int                  `json:"week_of_sickness,omitempty"`
	Shared         *EmployerSharing     `json:"shared,omitempty"`
	Plan           *EmployerPlan        `json:"plan,omitempty"`
	Meetings       *[]EmployerMeeting   `json:"meetings,omitempty"`
	Agreements     *[]AgreementView     `json:"agreements,omitempty"`
	Placements     *[]EmployerPlacement `json:"placements,omitempty"`
}

// EmployerMeeting is a meeting without its agenda or participants' replies.
type EmployerMeeting struct {
	ID       string    `json:"id"`
	Kind     string    `json:"kind"`
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
	Location string    `json:"location"`
	Status   string    `json:"status"`
}

// ToEmployerMeeting keeps only kind, time and place.
func ToEmployerMeeting(m Meeting) EmployerMeeting {
	return EmployerMeeting{ID: m.ID, Kind: m.Kind, StartsAt: m.StartsAt.UTC(), EndsAt: m.EndsAt().UTC(),
		Location: m.Location, Status: m.Status}
}

// EmployerPlan is the graded return plan without week notes, the citizen's
// feedback or who wrote it.
type EmployerPlan struct {
	Version      int                `json:"version"`
	CurrentWeek  string             `json:"current_week"`
	Weeks        []EmployerPlanWeek `json:"weeks"`
	AllowedTasks []string           `json:"allowed_tasks"`
	AvoidTasks   []string           `json:"avoid_tasks"`
	MixingDesk   *MixingDesk        `json:"mixing_desk"`
}

// EmployerPlanWeek is one week's hours and status meeting.
type EmployerPlanWeek struct {
	WeekStart     string   `json:"week_start"`
	Hours         DayHours `json:"hours"`
	Total         float64  `json:"total"`
	StatusMeeting *string  `json:"status_meeting"`
	Current       bool     `json:"current"`
}

// ToEmployerPlan drops what is not the employer's to read.
func ToEmployerPlan(p *PlanView) *EmployerPlan {
	out := &EmployerPlan{Version: p.Version, CurrentWeek: p.CurrentWeek, Weeks: []EmployerPlanWeek{},
		AllowedTasks: p.AllowedTasks, AvoidTasks: p.AvoidTasks, MixingDesk: p.MixingDesk}
	for _, w := range p.Weeks {
		out.Weeks = append(out.Weeks, EmployerPlanWeek{WeekStart: w.WeekStart, Hours: w.Hours, Total: w.Total,
			StatusMeeting: w.StatusMeeting, Current: w.Current})
	}
	return out
}

// EmployerPlacement is a staircase placement; only the employer's own
// placements keep their note.
type EmployerPlacement struct {
	Party string `json:"party"`
	Step  int    `json:"step"`
	Date  string `json:"date"`
	Note  string `json:"note,omitempty"`
}

// ToEmployerPlacement drops the note of the other parties' placements.
func ToEmployerPlacement(p PlacementView) EmployerPlacement {
	out := EmployerPlacement{Party: p.Party, Step: p.Step, Date: p.Date}
	if p.Party == PartyEmployer {
		out.Note = p.Note
	}
	return out
}

// EmployerFastTrack is the employer's fast-track request: always requested
// by the employer, now.
type EmployerFastTrack struct {
	ExpectedWeeks *int `json:"expected_weeks"`
}

// EmployerPlacementInput is the employer's placement on the staircase.
type EmployerPlacementInput struct {
	Step int     `json:"step"`
	Note *string `json:"note"`
}

// NextEmployerMeeting is the first scheduled meeting that has not ended.
func NextEmployerMeeting(ms []EmployerMeeting, now time.Time) *EmployerMeeting {
	for i := range ms {
		if ms[i].Status == MeetingStatusScheduled && ms[i].EndsAt.After(now) {
			return &ms[i]
		}
	}
	return nil
}

// SortEmployees orders the employer's list by name, then id.
func SortEmployees(items []EmployeeItem) {
	sort.Slice(items, func(i, j int) bool {
		if items[i].Name != items[j].Name {
			return items[i].Name < items[j].Name
		}
		return items[i].ID < items[j].ID
	})
}

// Placement is the employer's placement as a staircase placement of today.
func (in EmployerPlacementInput) Placement(now time.Time) NewPlacement {
	p := NewPlacement{Party: PartyEmployer, Step: in.Step, Date: CopenhagenDate(now).Format(DateLayout)}
	if in.Note != nil {
		p.Note = *in.Note
	}
	return p
}
