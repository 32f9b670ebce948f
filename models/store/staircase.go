package store

import (
	"context"
	"fmt"

	"trappen/models"
)

// Staircase loads a.CitizenID's placements and computes the gap.
func (s *Store) Staircase(ctx context.Context, a models.Access) (*models.StaircaseOverview, error) {
	db := s.Read.WithContext(ctx)
	if err := checkAccess(db, a); err != nil {
		return nil, err
	}
	placements, err := loadPlacements(db, a.CitizenID)
	if err != nil {
		return nil, fmt.Errorf("staircase placements: %w", err)
	}
	checkins, err := loadCheckins(db, a.CitizenID, 0)
	if err != nil {
		return nil, fmt.Errorf("staircase check-ins: %w", err)
	}
	return &models.StaircaseOverview{Items: placements, Gap: models.ComputeStaircaseGap(models.BuildStaircase(checkins, placements))}, nil
}
