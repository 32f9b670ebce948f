package models

import (
	"time"
)

// Profile is the citizen's own profile as shown to them.
type Profile struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	Email         string    `json:"email"`
	Locale        string    `json:"locale"`
	FirstSickDay  string    `json:"first_sick_day"`
	Category      int       `json:"category"`
	ExpectedWeeks *int      `json:"expected_weeks"`
	EmployerName  string    `json:"employer_name"`
	CreatedAt     time.Time `json:"created_at"`
	CaseStatus
}

// ToProfile shows a citizen's profile.
func ToProfile(c *Citizen) Profile {
	return Profile{ID: c.ID, Name: c.User.Name, Email: c.User.Email, Locale: c.User.Locale, FirstSickDay: c.FirstSickDay,
		Category: c.Category, ExpectedWeeks: c.ExpectedWeeks, EmployerName: c.EmployerName, CreatedAt: c.CreatedAt.UTC(),
		CaseStatus: caseStatusOf(c)}
}

// Home is everything the citizen's first screen shows.
type Home struct {
	Profile      Profile       `json:"profile"`
	Milestones   Milestones    `json:"milestones"`
	Actions      []HomeAction  `json:"actions"`
	News         []HomeNews    `json:"news"`
	ThisWeek     *ThisWeek     `json:"this_week"`
	NextMeetings []MeetingView `json:"next_meetings"`
	Goals        []GoalView    `json:"goals"`
	FastTrack    any           `json:"fast_track"`
	LastCheckin  *CheckinView  `json:"last_checkin"`
	// Caseworker is whom the citizen can call; MyAgreements the open
	// agreement items the citizen owns (issue 9).
	Caseworker   *ContactCard    `json:"caseworker"`
	MyAgreements []AgreementView `json:"my_agreements"`
	// SignInCode is the notice of a sign-in code made for the citizen's
	// account while it is pending.
	SignInCode *PendingSignInCode `json:"sign_in_code"`
}

// HomeAction is something that needs the citizen: "reflection" (before a
// roundtable), "checkin" (none this week) or "reply" (to a meeting).
type HomeAction struct {
	Kind        string     `json:"kind"`
	MeetingID   string     `json:"meeting_id,omitempty"`
	MeetingKind string     `json:"meeting_kind,omitempty"`
	StartsAt    *time.Time `json:"starts_at,omitempty"`
	WeekStart   string     `json:"week_start,omitempty"`
}

// HomeNews is something that changed since the citizen last looked:
// "plan_changed", "meeting_moved" or "meeting_cancelled".
type HomeNews struct {
	Kind        string     `json:"kind"`
	At          time.Time  `json:"at"`
	PlanVersion int        `json:"plan_version,omitempty"`
	MeetingID   string     `json:"meeting_id,omitempty"`
	MeetingKind string     `json:"meeting_kind,omitempty"`
	StartsAt    *time.Time `json:"starts_at,omitempty"`
}

// ThisWeek is the current week of the plan, day by day.
type ThisWeek struct {
	WeekStart     string    `json:"week_start"`
	Days          []DayPlan `json:"days"`
	Total         float64   `json:"total"`
	Note          string    `json:"note"`
	StatusMeeting *string   `json:"status_meeting"`
}

// DayPlan is one day's planned hours.
type DayPlan struct {
	Day   string  `json:"day"`
	Date  string  `json:"date"`
	Hours float64 `json:"hours"`
	Today bool    `json:"today"`
}

// HomeActions lists what needs the citizen now, most urgent kinds first.
func HomeActions(upcoming []MeetingView, last *CheckinView, now time.Time) []HomeAction {
	out := []HomeAction{}
	for _, m := range upcoming {
		if m.Kind == KindRoundtable && m.Reflection == nil && m.StartsAt.After(now) && m.StartsAt.Sub(now) <= ReflectionWindow {
			at := m.StartsAt
			out = append(out, HomeAction{Kind: "reflection", MeetingID: m.ID, MeetingKind: m.Kind, StartsAt: &at})
		}
	}
	if last == nil || last.RecordedAt.Before(WeekStartInstant(now)) {
		out = append(out, HomeAction{Kind: "checkin", WeekStart: WeekStart(now).Format(DateLayout)})
	}
	for _, m := range upcoming {
		if m.Reply == nil && m.StartsAt.After(now) {
			at := m.StartsAt
			out = append(out, HomeAction{Kind: "reply", MeetingID: m.ID, MeetingKind: m.Kind, StartsAt: &at})
		}
	}
	return out
}

// HomeNewsItems lists changes the citizen has not seen yet.
func HomeNewsItems(plan *PlanView, meetings *MeetingLists, seen CitizenSeen, now time.Time) []HomeNews {
	out := []HomeNews{}
	if plan != nil && plan.Version > seen.PlanVersion && plan.CreatedAt != nil {
		out = append(out, HomeNews{Kind: "plan_changed", At: *plan.CreatedAt, PlanVersion: plan.Version})
	}
	unseen := func(t *time.Time) bool {
		return t != nil && (seen.MeetingsSeenAt == nil || t.After(*seen.MeetingsSeenAt))
	}
	for _, m := range meetings.Upcoming {
		if unseen(m.MovedAt) {
			at := m.StartsAt
			out = append(out, HomeNews{Kind: "meeting_moved", At: *m.MovedAt, MeetingID: m.ID, MeetingKind: m.Kind, StartsAt: &at})
		}
	}
	for _, m := range meetings.Cancelled {
		if unseen(m.CancelledAt) && m.StartsAt.After(now) {
			at := m.StartsAt
			out = append(out, HomeNews{Kind: "meeting_cancelled", At: *m.CancelledAt, MeetingID: m.ID, MeetingKind: m.Kind, StartsAt: &at})
		}
	}
	return out
}

// CurrentWeekPlan picks this week out of the plan, or nil if it has no row.
func CurrentWeekPlan(plan *PlanView, now time.Time) *ThisWeek {
	if plan == nil {
		return nil
	}
	today := CopenhagenDate(now).Format(DateLayout)
	for _, w := range plan.Weeks {
		if !w.Current {
			continue
		}
		start, _ := ParseDate(w.WeekStart)
		tw := &ThisWeek{WeekStart: w.WeekStart, Total: w.Total, Note: w.Note, StatusMeeting: w.StatusMeeting}
		for i, d := range w.Hours.days() {
			date := start.AddDate(0, 0, i).Format(DateLayout)
			tw.Days = append(tw.Days, DayPlan{Day: d.name, Date: date, Hours: d.hours, Today: date == today})
		}
		return tw
	}
	return nil
}
