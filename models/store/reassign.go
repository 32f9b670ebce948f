package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// Caseworkers lists every caseworker by name. Trappen serves one jobcenter,
// so any caseworker may hand a citizen to any other.
func (s *Store) Caseworkers(ctx context.Context) ([]models.User, error) {
	var out []models.User
	err := s.Read.WithContext(ctx).Where("role = ?", models.RoleCaseworker).Order("name, email").Find(&out).Error
	return out, err
}

// Reassign moves a citizen on caseworkerID's caseload to toID. The snooze is
// the old caseworker's note to self, so it goes; the move is kept in the
// citizen's history. Reassigning to the current caseworker changes nothing.
func (s *Store) Reassign(ctx context.Context, caseworkerID, citizenID, toID string, now time.Time) (*models.User, error) {
	if toID == "" {
		return nil, models.Invalid("caseworker_id", "required")
	}
	var to models.User
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		err := sqldb.LockForUpdate(tx, s.Dialect).Where("id = ? AND caseworker_id = ?", citizenID, caseworkerID).Take(&models.Citizen{}).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return models.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("reassign: %w", err)
		}
		err = tx.Where("id = ? AND role = ?", toID, models.RoleCaseworker).Take(&to).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return models.Invalid("caseworker_id", "unknown_caseworker")
		}
		if err != nil || toID == caseworkerID {
			return err
		}
		return moveCitizen(tx, caseworkerID, citizenID, toID, now.UTC())
	})
	if err != nil {
		return nil, fmt.Errorf("reassign: %w", err)
	}
	return &to, nil
}

func moveCitizen(tx *gorm.DB, fromID, citizenID, toID string, now time.Time) error {
	if err := tx.Model(&models.Citizen{}).Where("id = ?", citizenID).
		Updates(map[string]any{"caseworker_id": toID, "updated_at": now}).Error; err != nil {
		return fmt.Errorf("move citizen: %w", err)
	}
	if err := tx.Where("citizen_id = ?", citizenID).Delete(&models.Snooze{}).Error; err != nil {
		return fmt.Errorf("move citizen: %w", err)
	}
	return sqldb.Wrap("move citizen", tx.Create(&models.Reassignment{ID: models.NewID(), CitizenID: citizenID, FromCaseworkerID: fromID,
		ToCaseworkerID: toID, ByUserID: fromID, At: now}).Error)
}

// CaseworkerChanges lists a citizen's reassignments, oldest first (for the export).
func (s *Store) CaseworkerChanges(ctx context.Context, citizenID string) ([]models.CaseworkerChange, error) {
	out := []models.CaseworkerChange{}
	err := s.Read.WithContext(ctx).Table("citizen_reassignments AS r").
		Select("r.at, f.name AS \"from\", t.name AS \"to\"").
		Joins("JOIN users f ON f.id = r.from_caseworker_id").
		Joins("JOIN users t ON t.id = r.to_caseworker_id").
		Where("r.citizen_id = ?", citizenID).Order("r.at, r.id").Scan(&out).Error
	for i := range out {
		out[i].At = out[i].At.UTC()
	}
	return out, err
}

func (s *Store) exportCaseworkerChanges(ctx context.Context, citizenID string, _ time.Time) (any, error) {
	return s.CaseworkerChanges(ctx, citizenID)
}
