package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// CreatePlacement records a placement by the caseworker.
func (s *Store) CreatePlacement(ctx context.Context, a models.Access, in models.NewPlacement, now time.Time) (*models.PlacementView, error) {
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	p := models.StaircasePlacement{ID: models.NewID(), CitizenID: a.CitizenID, Party: in.Party, Step: in.Step, Date: in.Date,
		Note: in.Note, MeetingID: in.MeetingID, CreatedBy: a.UserID, CreatedAt: now.UTC()}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := checkAccess(tx, a); err != nil {
			return err
		}
		if err := checkMeetingOf(tx, a.CitizenID, p.MeetingID); err != nil {
			return err
		}
		return sqldb.Wrap("create placement", tx.Create(&p).Error)
	})
	if err != nil {
		return nil, fmt.Errorf("create placement: %w", err)
	}
	v := toPlacementView(p)
	return &v, nil
}

// Placements lists a.CitizenID's placements by date.
func (s *Store) Placements(ctx context.Context, a models.Access) ([]models.PlacementView, error) {
	db := s.Read.WithContext(ctx)
	if err := checkAccess(db, a); err != nil {
		return nil, err
	}
	return loadPlacements(db, a.CitizenID)
}

func loadPlacements(db *gorm.DB, citizenID string) ([]models.PlacementView, error) {
	var rows []models.StaircasePlacement
	if err := db.Where("citizen_id = ?", citizenID).Order("date, created_at").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load placements: %w", err)
	}
	return placementViews(rows), nil
}

// placementViews makes views of placements, in the order given.
func placementViews(rows []models.StaircasePlacement) []models.PlacementView {
	out := make([]models.PlacementView, len(rows))
	for i, p := range rows {
		out[i] = toPlacementView(p)
	}
	return out
}

func toPlacementView(p models.StaircasePlacement) models.PlacementView {
	return models.PlacementView{ID: p.ID, Party: p.Party, Step: p.Step, Date: p.Date, Note: p.Note, MeetingID: p.MeetingID, CreatedAt: p.CreatedAt.UTC()}
}
