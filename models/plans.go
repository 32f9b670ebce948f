package models

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// Limits on a plan.
const (
	maxPlanWeeks    = 104
	maxPlanTasks    = 50
	maxTaskText     = 200
	maxWeekNote     = 500
	maxFeedbackText = 2000
)

// PlanVersion is one saved state of a citizen's optrapningsplan. Every save is
// a new version; the newest is the current plan.
type PlanVersion struct {
	ID        string `gorm:"primaryKey"`
	CitizenID string
	Version   int
	Snapshot  string
	CreatedBy string
	CreatedAt time.Time
}

// PlanFeedback is the citizen's answer to "Do you recognise yourself in the
// plan?" for one plan version.
type PlanFeedback struct {
	PlanVersionID string `gorm:"primaryKey"`
	CitizenID     string
	Recognises    string
	Comment       string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TableName keeps GORM from pluralising.
func (PlanFeedback) TableName() string { return "plan_feedback" }

// CitizenSeen records what the citizen has already seen.
type CitizenSeen struct {
	CitizenID      string `gorm:"primaryKey"`
	PlanVersion    int
	MeetingsSeenAt *time.Time
}

// TableName keeps GORM from pluralising.
func (CitizenSeen) TableName() string { return "citizen_seen" }

// DayHours are a week's planned hours, Monday to Friday.
type DayHours struct {
	Mon float64 `json:"mon"`
	Tue float64 `json:"tue"`
	Wed float64 `json:"wed"`
	Thu float64 `json:"thu"`
	Fri float64 `json:"fri"`
}

// Total is the week's hours.
func (h DayHours) Total() float64 { return h.Mon + h.Tue + h.Wed + h.Thu + h.Fri }

func (h DayHours) days() []struct {
	name  string
	hours float64
} {
	return []struct {
		name  string
		hours float64
	}{{"mon", h.Mon}, {"tue", h.Tue}, {"wed", h.Wed}, {"thu", h.Thu}, {"fri", h.Fri}}
}

// PlanWeek is one row of the plan.
type PlanWeek struct {
	WeekStart     string   `json:"week_start"`
	Hours         DayHours `json:"hours"`
	Note          string   `json:"note"`
	StatusMeeting *string  `json:"status_meeting"` // a date, YYYY-MM-DD
}

// MixingDesk is the six sliders, each 1 (needs accommodation) to 5 (ordinary
// terms), or nil (null) while nobody has set it: touching one slider never
// gives the others a value.
type MixingDesk struct {
	Hours          *int `json:"hours"`
	Physical       *int `json:"physical"`
	Tasks          *int `json:"tasks"`
	Responsibility *int `json:"responsibility"`
	Predictability *int `json:"predictability"`
	Intensity      *int `json:"intensity"`
}

func (m MixingDesk) sliders() []struct {
	name  string
	value *int
} {
	return []struct {
		name  string
		value *int
	}{{"hours", m.Hours}, {"physical", m.Physical}, {"tasks", m.Tasks},
		{"responsibility", m.Responsibility}, {"predictability", m.Predictability}, {"intensity", m.Intensity}}
}

// PlanSnapshot is the whole plan as saved in one version.
type PlanSnapshot struct {
	Weeks        []PlanWeek  `json:"weeks"`
	AllowedTasks []string    `json:"allowed_tasks"`
	AvoidTasks   []string    `json:"avoid_tasks"`
	MixingDesk   *MixingDesk `json:"mixing_desk"`
}

// Validate checks a plan; field names follow the request (weeks[0].hours.mon).
func (p *PlanSnapshot) Validate(now time.Time) error {
	var v Validation
	if p.Weeks == nil {
		v.Add("weeks", "required")
	} else if len(p.Weeks) > maxPlanWeeks {
		v.Add("weeks", "too_many", "max", maxPlanWeeks)
	}
	seen := map[string]bool{}
	for i := range p.Weeks {
		validateWeek(&v, fmt.Sprintf("weeks[%d]", i), &p.Weeks[i], seen, now)
	}
	validateTasks(&v, "allowed_tasks", p.AllowedTasks)
	validateTasks(&v, "avoid_tasks", p.AvoidTasks)
	if p.MixingDesk != nil {
		for _, s := range p.MixingDesk.sliders() {
			if s.value != nil && (*s.value < 1 || *s.value > 5) {
				v.Add("mixing_desk."+s.name, "out_of_range", "min", 1, "max", 5)
			}
		}
	}
	return v.Err()
}

func validateWeek(v *Validation, field string, w *PlanWeek, seen map[string]bool, now time.Time) {
	d, ok := ParseDate(w.WeekStart)
	switch {
	case w.WeekStart == "":
		v.Add(field+".week_start", "required")
	case !ok || d.Year() < 2000 || d.After(CopenhagenDate(now).AddDate(3, 0, 0)):
		v.Add(field+".week_start", "invalid_date")
	case d.Weekday() != time.Monday:
		v.Add(field+".week_start", "not_monday")
	case seen[w.WeekStart]:
		v.Add(field+".week_start", "duplicate_week")
	}
	seen[w.WeekStart] = true
	for _, day := range w.Hours.days() {
		if !ValidQuarterHours(day.hours) {
			v.Add(field+".hours."+day.name, "quarter_hours")
		}
	}
	validateText(v, field+".note", &w.Note, false, maxWeekNote)
	if w.StatusMeeting != nil {
		if _, ok := ParseDate(*w.StatusMeeting); !ok {
			v.Add(field+".status_meeting", "invalid_date")
		}
	}
}

// ValidQuarterHours reports whether h is 0–24 in steps of a quarter hour.
func ValidQuarterHours(h float64) bool {
	q := h * 4
	return h >= 0 && h <= 24 && math.Abs(q-math.Round(q)) < 1e-9
}

func validateTasks(v *Validation, field string, list []string) {
	if len(list) > maxPlanTasks {
		v.Add(field, "too_many", "max", maxPlanTasks)
		return
	}
	for i := range list {
		validateText(v, fmt.Sprintf("%s[%d]", field, i), &list[i], true, maxTaskText)
	}
}

// Normalize sorts the weeks and turns missing lists into empty ones.
func (p *PlanSnapshot) Normalize() {
	sort.SliceStable(p.Weeks, func(i, j int) bool { return p.Weeks[i].WeekStart < p.Weeks[j].WeekStart })
	if p.AllowedTasks == nil {
		p.AllowedTasks = []string{}
	}
	if p.AvoidTasks == nil {
		p.AvoidTasks = []string{}
	}
}

// PlanChange is one difference between a plan version and the one before.
type PlanChange struct {
	Kind      string      `json:"kind"`
	WeekStart string      `json:"week_start,omitempty"`
	Days      []DayChange `json:"days,omitempty"`
	List      string      `json:"list,omitempty"`
	Task      string      `json:"task,omitempty"`
	Slider    string      `json:"slider,omitempty"`
	From      any         `json:"from,omitempty"`
	To        any         `json:"to,omitempty"`
}

// DayChange is one day's hours before and after.
type DayChange struct {
	Day  string  `json:"day"`
	From float64 `json:"from"`
	To   float64 `json:"to"`
}

// DiffPlans lists what changed from prev to cur; prev nil means a first plan,
// which has no changes to show.
func DiffPlans(prev, cur *PlanSnapshot) []PlanChange {
	out := []PlanChange{}
	if prev == nil || cur == nil {
		return out
	}
	out = append(out, diffWeeks(prev.Weeks, cur.Weeks)...)
	out = append(out, diffTasks("allowed", prev.AllowedTasks, cur.AllowedTasks)...)
	out = append(out, diffTasks("avoid", prev.AvoidTasks, cur.AvoidTasks)...)
	return append(out, diffDesk(prev.MixingDesk, cur.MixingDesk)...)
}

func diffWeeks(prev, cur []PlanWeek) []PlanChange {
	var out []PlanChange
	before := map[string]PlanWeek{}
	for _, w := range prev {
		before[w.WeekStart] = w
	}
	now := map[string]bool{}
	for _, w := range cur {
		now[w.WeekStart] = true
		old, ok := before[w.WeekStart]
		if !ok {
			out = append(out, PlanChange{Kind: "week_added", WeekStart: w.WeekStart, To: w.Hours.Total()})
			continue
		}
		out = append(out, diffWeek(old, w)...)
	}
	for _, w := range prev {
		if !now[w.WeekStart] {
			out = append(out, PlanChange{Kind: "week_removed", WeekStart: w.WeekStart, From: w.Hours.Total()})
		}
	}
	return out
}

func diffWeek(old, w PlanWeek) []PlanChange {
	var out []PlanChange
	var days []DayChange
	oldDays := old.Hours.days()
	for i, d := range w.Hours.days() {
		if d.hours != oldDays[i].hours {
			days = append(days, DayChange{Day: d.name, From: oldDays[i].hours, To: d.hours})
		}
	}
	if len(days) > 0 {
		out = append(out, PlanChange{Kind: "hours_changed", WeekStart: w.WeekStart, Days: days,
			From: old.Hours.Total(), To: w.Hours.Total()})
	}
	if old.Note != w.Note {
		out = append(out, PlanChange{Kind: "note_changed", WeekStart: w.WeekStart})
	}
	if deref(old.StatusMeeting) != deref(w.StatusMeeting) {
		out = append(out, PlanChange{Kind: "status_meeting_changed", WeekStart: w.WeekStart,
			From: old.StatusMeeting, To: w.StatusMeeting})
	}
	return out
}

func diffTasks(list string, prev, cur []string) []PlanChange {
	var out []PlanChange
	had, has := map[string]bool{}, map[string]bool{}
	for _, t := range prev {
		had[t] = true
	}
	for _, t := range cur {
		has[t] = true
		if !had[t] {
			out = append(out, PlanChange{Kind: "task_added", List: list, Task: t})
		}
	}
	for _, t := range prev {
		if !has[t] {
			out = append(out, PlanChange{Kind: "task_removed", List: list, Task: t})
		}
	}
	return out
}

func diffDesk(prev, cur *MixingDesk) []PlanChange {
	var out []PlanChange
	var a, b []struct {
		name  string
		value *int
	}
	if prev != nil {
		a = prev.sliders()
	}
	if cur != nil {
		b = cur.sliders()
	}
	for i, slider := range (MixingDesk{}).sliders() { // the six dimensions, named once
		name := slider.name
		var from, to any
		if a != nil && a[i].value != nil {
			from = *a[i].value
		}
		if b != nil && b[i].value != nil {
			to = *b[i].value
		}
		if from != to {
			out = append(out, PlanChange{Kind: "slider_moved", Slider: name, From: from, To: to})
		}
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// PlanView is the current plan (or one version) as shown.
type PlanView struct {
	ID            *string        `json:"id"`
	Version       int            `json:"version"`
	CreatedAt     *time.Time     `json:"created_at"`
	CreatedBy     *PersonRef     `json:"created_by"`
	CurrentWeek   string         `json:"current_week"`
	Weeks         []PlanWeekView `json:"weeks"`
	TotalHours    float64        `json:"total_hours"`
	AllowedTasks  []string       `json:"allowed_tasks"`
	AvoidTasks    []string       `json:"avoid_tasks"`
	MixingDesk    *MixingDesk    `json:"mixing_desk"`
	Changes       []PlanChange   `json:"changes"`
	Feedback      *FeedbackView  `json:"feedback"`
	SeenByCitizen bool           `json:"seen_by_citizen"`
}

// PlanWeekView is a plan row with its total and whether it is this week.
type PlanWeekView struct {
	PlanWeek
	Total   float64 `json:"total"`
	Current bool    `json:"current"`
	Past    bool    `json:"past"`
}

// PersonRef names who did something.
type PersonRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Role string `json:"role"`
}

// FeedbackView is the citizen's answer to one plan version.
type FeedbackView struct {
	PlanVersion int       `json:"plan_version"`
	Recognises  string    `json:"recognises"`
	Comment     string    `json:"comment"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// NewPlanFeedback is the citizen's answer to the current plan.
type NewPlanFeedback struct {
	Recognises string
	Comment    string
}

// Validate checks the answer.
func (in *NewPlanFeedback) Validate() error {
	var v Validation
	switch in.Recognises {
	case "yes", "partly", "no":
	case "":
		v.Add("recognises", "required")
	default:
		v.Add("recognises", "invalid_choice")
	}
	validateText(&v, "comment", &in.Comment, false, maxFeedbackText)
	return v.Err()
}
