package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"trappen/models"
	"trappen/models/sqldb"
)

// SavePlan stores a new version of the plan, by the caseworker.
func (s *Store) SavePlan(ctx context.Context, a models.Access, in models.PlanSnapshot, now time.Time) (*models.PlanView, error) {
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	in.Normalize()
	raw, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("save plan: %w", err)
	}
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		if err := checkAccess(tx, a); err != nil {
			return err
		}
		// Serialise saves of one citizen's plan so version numbers do not collide.
		var c models.Citizen
		if err := sqldb.LockForUpdate(tx, s.Dialect).Select("id").Where("id = ?", a.CitizenID).Take(&c).Error; err != nil {
			return sqldb.NotFound(err)
		}
		var last int
		if err := tx.Model(&models.PlanVersion{}).Where("citizen_id = ?", a.CitizenID).Select("COALESCE(MAX(version), 0)").Scan(&last).Error; err != nil {
			return fmt.Errorf("save plan: %w", err)
		}
		return sqldb.Wrap("save plan", tx.Create(&models.PlanVersion{ID: models.NewID(), CitizenID: a.CitizenID, Version: last + 1, Snapshot: string(raw),
			CreatedBy: a.UserID, CreatedAt: now.UTC()}).Error)
	})
	if err != nil {
		return nil, fmt.Errorf("save plan: %w", err)
	}
	return s.CurrentPlan(ctx, a, now)
}

// CurrentPlan is the newest plan version with the changes since the one
// before. With no plan yet it is an empty plan of version 0.
func (s *Store) CurrentPlan(ctx context.Context, a models.Access, now time.Time) (*models.PlanView, error) {
	db := s.Read.WithContext(ctx)
	if err := checkAccess(db, a); err != nil {
		return nil, err
	}
	views, err := loadPlanViews(db, a.CitizenID, 2, now)
	if err != nil || len(views) == 0 {
		return emptyPlan(now), err
	}
	return &views[0], nil
}

// PlanVersions is the plan's history, newest first.
func (s *Store) PlanVersions(ctx context.Context, a models.Access, now time.Time) ([]models.PlanView, error) {
	db := s.Read.WithContext(ctx)
	if err := checkAccess(db, a); err != nil {
		return nil, err
	}
	views, err := loadPlanViews(db, a.CitizenID, 0, now)
	if err != nil {
		return nil, fmt.Errorf("plan versions: %w", err)
	}
	if len(views) == 0 {
		return []models.PlanView{}, nil
	}
	return views, nil
}

func emptyPlan(now time.Time) *models.PlanView {
	return &models.PlanView{CurrentWeek: models.WeekStart(now).Format(models.DateLayout), Weeks: []models.PlanWeekView{},
		AllowedTasks: []string{}, AvoidTasks: []string{}, Changes: []models.PlanChange{}}
}

// loadPlanViews reads the newest versions (limit 0: all) with their authors,
// feedback and seen state in a fixed number of queries. With a limit, the
// last version read only serves as the base of the diff.
func loadPlanViews(db *gorm.DB, citizenID string, limit int, now time.Time) ([]models.PlanView, error) {
	var rows []models.PlanVersion
	q := db.Where("citizen_id = ?", citizenID).Order("version DESC")
	if limit > 0 {
		q = q.Limit(limit)
	}
	if err := q.Find(&rows).Error; err != nil || len(rows) == 0 {
		return nil, err
	}
	users, fb, seen, err := planExtras(db, citizenID, rows)
	if err != nil {
		return nil, fmt.Errorf("load plan views: %w", err)
	}
	return planViews(rows, users, fb, seen, limit, now)
}

// planViews makes views of rows (newest first) with their authors, feedback
// and the version the citizen has seen.
func planViews(rows []models.PlanVersion, users []models.User, fb []models.PlanFeedback, seen, limit int, now time.Time) ([]models.PlanView, error) {
	authors := map[string]models.User{}
	for _, u := range users {
		authors[u.ID] = u
	}
	version := map[string]int{}
	for _, r := range rows {
		version[r.ID] = r.Version
	}
	feedback := map[string]*models.FeedbackView{}
	for _, f := range fb {
		feedback[f.PlanVersionID] = &models.FeedbackView{PlanVersion: version[f.PlanVersionID], Recognises: f.Recognises,
			Comment: f.Comment, CreatedAt: f.CreatedAt.UTC(), UpdatedAt: f.UpdatedAt.UTC()}
	}
	n := len(rows)
	if limit > 0 && n == limit {
		n--
	}
	out := make([]models.PlanView, 0, n)
	for i := 0; i < n; i++ {
		v, err := buildPlanView(rows, i, now)
		if err != nil {
			return nil, fmt.Errorf("load plan views: %w", err)
		}
		if u, ok := authors[rows[i].CreatedBy]; ok {
			v.CreatedBy = &models.PersonRef{ID: u.ID, Name: u.Name, Role: u.Role}
		}
		v.Feedback = feedback[rows[i].ID]
		v.SeenByCitizen = seen >= rows[i].Version
		out = append(out, *v)
	}
	return out, nil
}

// buildPlanView makes rows[i] a view, diffed against rows[i+1] (older).
func buildPlanView(rows []models.PlanVersion, i int, now time.Time) (*models.PlanView, error) {
	cur, err := decodeSnapshot(rows[i].Snapshot)
	if err != nil {
		return nil, fmt.Errorf("build plan view: %w", err)
	}
	var prev *models.PlanSnapshot
	if i+1 < len(rows) {
		if prev, err = decodeSnapshot(rows[i+1].Snapshot); err != nil {
			return nil, fmt.Errorf("build plan view: %w", err)
		}
	}
	v := snapshotView(cur, now)
	id, at := rows[i].ID, rows[i].CreatedAt.UTC()
	v.ID, v.Version, v.CreatedAt = &id, rows[i].Version, &at
	v.Changes = models.DiffPlans(prev, cur)
	return v, nil
}

func decodeSnapshot(raw string) (*models.PlanSnapshot, error) {
	var p models.PlanSnapshot
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return nil, fmt.Errorf("plan snapshot: %w", err)
	}
	p.Normalize()
	return &p, nil
}

// snapshotView adds totals and flags this week (in Copenhagen).
func snapshotView(p *models.PlanSnapshot, now time.Time) *models.PlanView {
	v := emptyPlan(now)
	for _, w := range p.Weeks {
		total := w.Hours.Total()
		v.Weeks = append(v.Weeks, models.PlanWeekView{PlanWeek: w, Total: total,
			Current: w.WeekStart == v.CurrentWeek, Past: w.WeekStart < v.CurrentWeek})
		v.TotalHours += total
	}
	v.AllowedTasks, v.AvoidTasks, v.MixingDesk = p.AllowedTasks, p.AvoidTasks, p.MixingDesk
	return v
}

func planExtras(db *gorm.DB, citizenID string, rows []models.PlanVersion) ([]models.User, []models.PlanFeedback, int, error) {
	ids, userIDs := make([]string, len(rows)), make([]string, len(rows))
	for i, r := range rows {
		ids[i], userIDs[i] = r.ID, r.CreatedBy
	}
	fresh := db.Session(&gorm.Session{NewDB: true})
	var users []models.User
	if err := fresh.Select("id", "name", "role").Where("id IN ?", userIDs).Find(&users).Error; err != nil {
		return nil, nil, 0, fmt.Errorf("plan extras: %w", err)
	}
	var fb []models.PlanFeedback
	if err := fresh.Where("plan_version_id IN ?", ids).Find(&fb).Error; err != nil {
		return nil, nil, 0, fmt.Errorf("plan extras: %w", err)
	}
	seen, err := loadSeen(fresh, citizenID)
	return users, fb, seen.PlanVersion, err
}

func loadSeen(db *gorm.DB, citizenID string) (models.CitizenSeen, error) {
	var seen models.CitizenSeen
	err := db.Where("citizen_id = ?", citizenID).Take(&seen).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.CitizenSeen{CitizenID: citizenID}, nil
	}
	return seen, err
}

var errNoPlan = models.NewError(models.KindNotFound, "no_plan")

// SavePlanFeedback stores (or replaces) the citizen's answer to the current
// plan version. Answering also counts as having seen the plan.
func (s *Store) SavePlanFeedback(ctx context.Context, citizenID string, in models.NewPlanFeedback, now time.Time) (*models.FeedbackView, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now = now.UTC()
	var out models.FeedbackView
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		var pv models.PlanVersion
		err := tx.Where("citizen_id = ?", citizenID).Order("version DESC").Take(&pv).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return errNoPlan
		}
		if err != nil {
			return fmt.Errorf("save plan feedback: %w", err)
		}
		fb := models.PlanFeedback{PlanVersionID: pv.ID, CitizenID: citizenID, Recognises: in.Recognises, Comment: in.Comment,
			CreatedAt: now, UpdatedAt: now}
		if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "plan_version_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"recognises", "comment", "updated_at"})}).Create(&fb).Error; err != nil {
			return fmt.Errorf("save plan feedback: %w", err)
		}
		if err := tx.Where("plan_version_id = ?", pv.ID).Take(&fb).Error; err != nil {
			return fmt.Errorf("save plan feedback: %w", err)
		}
		out = models.FeedbackView{PlanVersion: pv.Version, Recognises: fb.Recognises, Comment: fb.Comment,
			CreatedAt: fb.CreatedAt.UTC(), UpdatedAt: fb.UpdatedAt.UTC()}
		return markPlanSeen(tx, citizenID, pv.Version)
	})
	if err != nil {
		return nil, fmt.Errorf("save plan feedback: %w", err)
	}
	return &out, nil
}

// MarkPlanSeen records that the citizen has seen the current plan.
func (s *Store) MarkPlanSeen(ctx context.Context, citizenID string) error {
	return s.Tx(ctx, func(tx *gorm.DB) error {
		var last int
		if err := tx.Model(&models.PlanVersion{}).Where("citizen_id = ?", citizenID).Select("COALESCE(MAX(version), 0)").Scan(&last).Error; err != nil {
			return fmt.Errorf("mark plan seen: %w", err)
		}
		return markPlanSeen(tx, citizenID, last)
	})
}

func markPlanSeen(tx *gorm.DB, citizenID string, version int) error {
	return sqldb.Wrap("mark plan seen", tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "citizen_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"plan_version"})}).
		Create(&models.CitizenSeen{CitizenID: citizenID, PlanVersion: version}).Error)
}
