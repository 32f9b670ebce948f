package models

import (
	"fmt"
	"regexp"
	"time"
)

// Goal statuses.
const (
	GoalActive  = "active"
	GoalReached = "reached"
	GoalDropped = "dropped"
)

// Limits on goals.
const (
	maxGoalTitle     = 300
	maxActivities    = 20
	maxActivityTitle = 200
)

// Goal is an overall goal (no parent) or a sub-goal (delmål) under one.
type Goal struct {
	ID         string `gorm:"primaryKey"`
	CitizenID  string
	ParentID   *string
	Title      string
	TargetDate *string
	Status     string
	CreatedBy  string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// GoalActivity is something done to reach a sub-goal; kept apart from it.
type GoalActivity struct {
	ID        string `gorm:"primaryKey"`
	GoalID    string
	Position  int
	Title     string
	CreatedAt time.Time
}

// GoalView is a goal as shown to the citizen and the caseworker.
type GoalView struct {
	ID         string         `json:"id"`
	ParentID   *string        `json:"parent_id"`
	Level      string         `json:"level"` // "overall" or "sub"
	Title      string         `json:"title"`
	TargetDate *string        `json:"target_date"`
	Status     string         `json:"status"`
	Vague      bool           `json:"vague"`
	CreatedBy  string         `json:"created_by"` // "caseworker" or "citizen"
	Activities []ActivityView `json:"activities"`
	SubGoals   []GoalView     `json:"sub_goals"`
	CreatedAt  time.Time      `json:"created_at"`
	UpdatedAt  time.Time      `json:"updated_at"`
}

// ActivityView is one activity of a sub-goal.
type ActivityView struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// NewGoal is a goal to create.
type NewGoal struct {
	Title      string
	ParentID   *string
	TargetDate *string
	Activities []string
}

// GoalPatch changes a goal; nil fields stay as they are.
type GoalPatch struct {
	Title           *string
	Status          *string
	TargetDate      *string
	ClearTargetDate bool
	Activities      *[]string
}

// vagueNumber finds what makes a goal measurable: a digit, a number word or
// a month (Danish and English). "to"/"en"/"one" are left out because they are
// also everyday words.
var vagueNumber = regexp.MustCompile(`(?i)\d|\b(tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|halv|halvdelen|hel|fuld|fuldtid|deltid|two|three|four|five|six|seven|eight|nine|ten|twelve|half|full|januar|january|februar|february|marts|march|april|maj|may|juni|june|juli|july|august|september|oktober|october|november|december)\b`)

// IsVagueGoal reports whether a goal needs a gentle hint: no number and no
// date in its title, and no target date. "Blive rask" is vague; "Tilbage i mit
// job 12 timer om ugen" is not.
func IsVagueGoal(title string, targetDate *string) bool {
	if targetDate != nil && *targetDate != "" {
		return false
	}
	return !vagueNumber.MatchString(title)
}

func validateGoalStatus(v *Validation, status string) {
	switch status {
	case GoalActive, GoalReached, GoalDropped:
	default:
		v.Add("status", "invalid_choice")
	}
}

func validateTargetDate(v *Validation, d string, now time.Time) {
	t, ok := ParseDate(d)
	if !ok || t.Year() < 2000 || t.After(CopenhagenDate(now).AddDate(10, 0, 0)) {
		v.Add("target_date", "invalid_date")
	}
}

func validateActivities(v *Validation, list []string) {
	if len(list) > maxActivities {
		v.Add("activities", "too_many", "max", maxActivities)
		return
	}
	for i := range list {
		validateText(v, fmt.Sprintf("activities[%d]", i), &list[i], true, maxActivityTitle)
	}
}

// Validate checks a new goal's own fields (the parent is checked in storage).
func (in *NewGoal) Validate(now time.Time) error {
	var v Validation
	validateText(&v, "title", &in.Title, true, maxGoalTitle)
	if in.TargetDate != nil {
		validateTargetDate(&v, *in.TargetDate, now)
	}
	validateActivities(&v, in.Activities)
	return v.Err()
}

// Validate checks a goal patch.
func (p *GoalPatch) Validate(now time.Time) error {
	var v Validation
	if p.Title != nil {
		validateText(&v, "title", p.Title, true, maxGoalTitle)
	}
	if p.Status != nil {
		validateGoalStatus(&v, *p.Status)
	}
	if p.TargetDate != nil {
		validateTargetDate(&v, *p.TargetDate, now)
	}
	if p.Activities != nil {
		validateActivities(&v, *p.Activities)
	}
	return v.Err()
}
