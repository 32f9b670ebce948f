package models

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"gorm.io/gorm"
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

// CreateGoal adds a goal for a.CitizenID. A citizen may only add sub-goals.
func (s *Store) CreateGoal(ctx context.Context, a Access, in NewGoal, now time.Time) (*GoalView, error) {
	if in.ParentID == nil && !a.Caseworker {
		return nil, Invalid("parent_id", "required")
	}
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	now = now.UTC()
	g := Goal{ID: NewID(), CitizenID: a.CitizenID, ParentID: in.ParentID, Title: in.Title, TargetDate: in.TargetDate,
		Status: GoalActive, CreatedBy: a.UserID, CreatedAt: now, UpdatedAt: now}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := a.check(tx); err != nil {
			return err
		}
		if g.ParentID != nil {
			if err := checkParent(tx, a.CitizenID, *g.ParentID); err != nil {
				return err
			}
		}
		if err := tx.Create(&g).Error; err != nil {
			return err
		}
		return replaceActivities(tx, g.ID, in.Activities, now)
	})
	if err != nil {
		return nil, err
	}
	return s.goalView(ctx, a.CitizenID, g.ID)
}

// checkParent refuses a parent that is not an overall goal of the citizen.
func checkParent(tx *gorm.DB, citizenID, parentID string) error {
	var n int64
	err := tx.Model(&Goal{}).Where("id = ? AND citizen_id = ? AND parent_id IS NULL", parentID, citizenID).Count(&n).Error
	if err != nil {
		return err
	}
	if n == 0 {
		return Invalid("parent_id", "invalid_parent_goal")
	}
	return nil
}

func replaceActivities(tx *gorm.DB, goalID string, titles []string, now time.Time) error {
	if err := tx.Where("goal_id = ?", goalID).Delete(&GoalActivity{}).Error; err != nil {
		return err
	}
	if len(titles) == 0 {
		return nil
	}
	rows := make([]GoalActivity, len(titles))
	for i, t := range titles {
		rows[i] = GoalActivity{ID: NewID(), GoalID: goalID, Position: i, Title: t, CreatedAt: now}
	}
	return tx.Create(&rows).Error
}

// UpdateGoal applies a patch to one of a.CitizenID's goals.
func (s *Store) UpdateGoal(ctx context.Context, a Access, goalID string, p GoalPatch, now time.Time) (*GoalView, error) {
	if p.Empty() {
		return nil, ErrEmptyPatch
	}
	if err := p.Validate(now); err != nil {
		return nil, err
	}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := a.check(tx); err != nil {
			return err
		}
		var g Goal
		if err := tx.Where("id = ? AND citizen_id = ?", goalID, a.CitizenID).Take(&g).Error; err != nil {
			return notFound(err)
		}
		return applyGoalPatch(tx, &g, p, now.UTC())
	})
	if err != nil {
		return nil, err
	}
	return s.goalView(ctx, a.CitizenID, goalID)
}

func applyGoalPatch(tx *gorm.DB, g *Goal, p GoalPatch, now time.Time) error {
	changes := map[string]any{"updated_at": now}
	if p.Title != nil {
		changes["title"] = *p.Title
	}
	if p.Status != nil {
		changes["status"] = *p.Status
	}
	if p.TargetDate != nil {
		changes["target_date"] = *p.TargetDate
	} else if p.ClearTargetDate {
		changes["target_date"] = nil
	}
	if err := tx.Model(&Goal{}).Where("id = ?", g.ID).Updates(changes).Error; err != nil {
		return err
	}
	if p.Activities != nil {
		return replaceActivities(tx, g.ID, *p.Activities, now)
	}
	return nil
}

// Goals lists a.CitizenID's goals as a tree: overall goals with their
// sub-goals, each sub-goal with its activities.
func (s *Store) Goals(ctx context.Context, a Access) ([]GoalView, error) {
	db := s.DB.WithContext(ctx)
	if err := a.check(db); err != nil {
		return nil, err
	}
	return loadGoalTree(db, a.CitizenID)
}

func (s *Store) goalView(ctx context.Context, citizenID, goalID string) (*GoalView, error) {
	goals, acts, err := loadGoals(s.DB.WithContext(ctx), citizenID)
	if err != nil {
		return nil, err
	}
	for _, g := range goals {
		if g.ID == goalID {
			v := toGoalView(g, acts[g.ID])
			if g.ParentID == nil {
				for _, sub := range goals {
					if sub.ParentID != nil && *sub.ParentID == g.ID {
						v.SubGoals = append(v.SubGoals, toGoalView(sub, acts[sub.ID]))
					}
				}
			}
			return &v, nil
		}
	}
	return nil, ErrNotFound
}

// loadGoals reads a citizen's goals and activities in two queries.
func loadGoals(db *gorm.DB, citizenID string) ([]Goal, map[string][]GoalActivity, error) {
	var goals []Goal
	if err := db.Where("citizen_id = ?", citizenID).Order("created_at, id").Find(&goals).Error; err != nil {
		return nil, nil, err
	}
	var acts []GoalActivity
	err := db.Where("goal_id IN (?)", db.Model(&Goal{}).Select("id").Where("citizen_id = ?", citizenID)).
		Order("goal_id, position").Find(&acts).Error
	byGoal := map[string][]GoalActivity{}
	for _, a := range acts {
		byGoal[a.GoalID] = append(byGoal[a.GoalID], a)
	}
	return goals, byGoal, err
}

func loadGoalTree(db *gorm.DB, citizenID string) ([]GoalView, error) {
	goals, acts, err := loadGoals(db, citizenID)
	if err != nil {
		return nil, err
	}
	out := []GoalView{}
	index := map[string]int{}
	for _, g := range goals {
		if g.ParentID == nil {
			index[g.ID] = len(out)
			out = append(out, toGoalView(g, acts[g.ID]))
		}
	}
	for _, g := range goals {
		if g.ParentID != nil {
			if i, ok := index[*g.ParentID]; ok {
				out[i].SubGoals = append(out[i].SubGoals, toGoalView(g, acts[g.ID]))
			}
		}
	}
	return out, nil
}

func toGoalView(g Goal, acts []GoalActivity) GoalView {
	v := GoalView{ID: g.ID, ParentID: g.ParentID, Level: "overall", Title: g.Title, TargetDate: g.TargetDate,
		Status: g.Status, Vague: IsVagueGoal(g.Title, g.TargetDate), CreatedBy: "caseworker",
		Activities: []ActivityView{}, SubGoals: []GoalView{}, CreatedAt: g.CreatedAt, UpdatedAt: g.UpdatedAt}
	if g.ParentID != nil {
		v.Level = "sub"
	}
	if g.CreatedBy == g.CitizenID {
		v.CreatedBy = "citizen"
	}
	for _, a := range acts {
		v.Activities = append(v.Activities, ActivityView{ID: a.ID, Title: a.Title})
	}
	return v
}
