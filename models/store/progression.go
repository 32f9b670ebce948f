package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"trappen/models"
)

// Progression loads a.CitizenID's series in a fixed number of queries.
func (s *Store) Progression(ctx context.Context, a models.Access) (*models.Progression, error) {
	db := s.Read.WithContext(ctx)
	if err := checkAccess(db, a); err != nil {
		return nil, err
	}
	var goals []models.Goal
	if err := db.Where("citizen_id = ?", a.CitizenID).Order("created_at, id").Find(&goals).Error; err != nil {
		return nil, fmt.Errorf("progression: %w", err)
	}
	checkins, err := loadCheckins(db, a.CitizenID, 0)
	if err != nil {
		return nil, fmt.Errorf("progression: %w", err)
	}
	placements, err := loadPlacements(db, a.CitizenID)
	if err != nil {
		return nil, fmt.Errorf("progression: %w", err)
	}
	plan, err := latestSnapshot(db, a.CitizenID)
	if err != nil {
		return nil, fmt.Errorf("progression: %w", err)
	}
	p := models.BuildProgression(goals, checkins, placements, plan)
	return &p, nil
}

// latestSnapshot is the current plan, or nil when there is none.
func latestSnapshot(db *gorm.DB, citizenID string) (*models.PlanSnapshot, error) {
	var rows []models.PlanVersion
	if err := db.Where("citizen_id = ?", citizenID).Order("version DESC").Limit(1).Find(&rows).Error; err != nil || len(rows) == 0 {
		return nil, err
	}
	return decodeSnapshot(rows[0].Snapshot)
}
