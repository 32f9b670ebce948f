package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// CreateGoal adds a goal for a.CitizenID. A citizen may only add sub-goals.
func (s *Store) CreateGoal(ctx context.Context, a models.Access, in models.NewGoal, now time.Time) (*models.GoalView, error) {
	if in.ParentID == nil && !a.Caseworker {
		return nil, models.Invalid("parent_id", "required")
	}
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	now = now.UTC()
	g := models.Goal{ID: models.NewID(), CitizenID: a.CitizenID, ParentID: in.ParentID, Title: in.Title, TargetDate: in.TargetDate,
		Status: models.GoalActive, CreatedBy: a.UserID, CreatedAt: now, UpdatedAt: now}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := checkAccess(tx, a); err != nil {
			return err
		}
		if g.ParentID != nil {
			if err := checkParent(tx, a.CitizenID, *g.ParentID); err != nil {
				return err
			}
		}
		if err := tx.Create(&g).Error; err != nil {
			return fmt.Errorf("create goal: %w", err)
		}
		return replaceActivities(tx, g.ID, in.Activities, now)
	})
	if err != nil {
		return nil, fmt.Errorf("create goal: %w", err)
	}
	return s.goalView(ctx, a.CitizenID, g.ID)
}

// checkParent refuses a parent that is not an overall goal of the citizen.
func checkParent(tx *gorm.DB, citizenID, parentID string) error {
	var n int64
	err := tx.Model(&models.Goal{}).Where("id = ? AND citizen_id = ? AND parent_id IS NULL", parentID, citizenID).Count(&n).Error
	if err != nil {
		return fmt.Errorf("check parent: %w", err)
	}
	if n == 0 {
		return models.Invalid("parent_id", "invalid_parent_goal")
	}
	return nil
}

func replaceActivities(tx *gorm.DB, goalID string, titles []string, now time.Time) error {
	if err := tx.Where("goal_id = ?", goalID).Delete(&models.GoalActivity{}).Error; err != nil {
		return fmt.Errorf("replace activities: %w", err)
	}
	if len(titles) == 0 {
		return nil
	}
	rows := make([]models.GoalActivity, len(titles))
	for i, t := range titles {
		rows[i] = models.GoalActivity{ID: models.NewID(), GoalID: goalID, Position: i, Title: t, CreatedAt: now}
	}
	return sqldb.Wrap("replace activities", tx.Create(&rows).Error)
}

// UpdateGoal applies a patch to one of a.CitizenID's goals.
func (s *Store) UpdateGoal(ctx context.Context, a models.Access, goalID string, p models.GoalPatch, now time.Time) (*models.GoalView, error) {
	if p.Empty() {
		return nil, models.ErrEmptyPatch
	}
	if err := p.Validate(now); err != nil {
		return nil, err
	}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := checkAccess(tx, a); err != nil {
			return err
		}
		var g models.Goal
		if err := tx.Where("id = ? AND citizen_id = ?", goalID, a.CitizenID).Take(&g).Error; err != nil {
			return sqldb.NotFound(err)
		}
		return applyGoalPatch(tx, &g, p, now.UTC())
	})
	if err != nil {
		return nil, fmt.Errorf("update goal: %w", err)
	}
	return s.goalView(ctx, a.CitizenID, goalID)
}

func applyGoalPatch(tx *gorm.DB, g *models.Goal, p models.GoalPatch, now time.Time) error {
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
	if err := tx.Model(&models.Goal{}).Where("id = ?", g.ID).Updates(changes).Error; err != nil {
		return fmt.Errorf("apply goal patch: %w", err)
	}
	if p.Activities != nil {
		return replaceActivities(tx, g.ID, *p.Activities, now)
	}
	return nil
}

// Goals lists a.CitizenID's goals as a tree: overall goals with their
// sub-goals, each sub-goal with its activities.
func (s *Store) Goals(ctx context.Context, a models.Access) ([]models.GoalView, error) {
	db := s.Read.WithContext(ctx)
	if err := checkAccess(db, a); err != nil {
		return nil, err
	}
	return loadGoalTree(db, a.CitizenID)
}

func (s *Store) goalView(ctx context.Context, citizenID, goalID string) (*models.GoalView, error) {
	goals, acts, err := loadGoals(s.Read.WithContext(ctx), citizenID)
	if err != nil {
		return nil, fmt.Errorf("goal view: %w", err)
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
	return nil, models.ErrNotFound
}

// loadGoals reads a citizen's goals and activities in two queries.
func loadGoals(db *gorm.DB, citizenID string) ([]models.Goal, map[string][]models.GoalActivity, error) {
	var goals []models.Goal
	if err := db.Where("citizen_id = ?", citizenID).Order("created_at, id").Find(&goals).Error; err != nil {
		return nil, nil, fmt.Errorf("load goals: %w", err)
	}
	var acts []models.GoalActivity
	err := db.Where("goal_id IN (?)", db.Model(&models.Goal{}).Select("id").Where("citizen_id = ?", citizenID)).
		Order("goal_id, position").Find(&acts).Error
	return goals, activitiesByGoal(acts), err
}

func activitiesByGoal(acts []models.GoalActivity) map[string][]models.GoalActivity {
	byGoal := map[string][]models.GoalActivity{}
	for _, a := range acts {
		byGoal[a.GoalID] = append(byGoal[a.GoalID], a)
	}
	return byGoal
}

func loadGoalTree(db *gorm.DB, citizenID string) ([]models.GoalView, error) {
	goals, acts, err := loadGoals(db, citizenID)
	if err != nil {
		return nil, fmt.Errorf("load goal tree: %w", err)
	}
	return goalTree(goals, acts), nil
}

// goalTree nests sub-goals under their overall goals, in the order read.
func goalTree(goals []models.Goal, acts map[string][]models.GoalActivity) []models.GoalView {
	out := []models.GoalView{}
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
	return out
}

func toGoalView(g models.Goal, acts []models.GoalActivity) models.GoalView {
	v := models.GoalView{ID: g.ID, ParentID: g.ParentID, Level: "overall", Title: g.Title, TargetDate: g.TargetDate,
		Status: g.Status, Vague: models.IsVagueGoal(g.Title, g.TargetDate), CreatedBy: "caseworker",
		Activities: []models.ActivityView{}, SubGoals: []models.GoalView{}, CreatedAt: g.CreatedAt, UpdatedAt: g.UpdatedAt}
	if g.ParentID != nil {
		v.Level = "sub"
	}
	if g.CreatedBy == g.CitizenID {
		v.CreatedBy = "citizen"
	}
	for _, a := range acts {
		v.Activities = append(v.Activities, models.ActivityView{ID: a.ID, Title: a.Title})
	}
	return v
}
