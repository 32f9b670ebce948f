package identity

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"trappen/models"
)

// SetContact stores the caseworker's contact details (validated by the caller).
func (s *Store) SetContact(ctx context.Context, userID string, p models.ContactPatch, now time.Time) error {
	if p.Empty() {
		return nil
	}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		row, err := LoadContact(tx, userID)
		if err != nil {
			return err
		}
		if p.Phone != nil {
			row.Phone = *p.Phone
		}
		if p.ContactHours != nil {
			row.ContactHours = *p.ContactHours
		}
		row.UserID, row.UpdatedAt = userID, now.UTC()
		return tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error
	})
	if err != nil {
		return fmt.Errorf("set caseworker contact: %w", err)
	}
	return nil
}

// Contact reads a caseworker's contact details (empty when never set).
func (s *Store) Contact(ctx context.Context, userID string) (models.CaseworkerContact, error) {
	row, err := LoadContact(s.DB.WithContext(ctx), userID)
	if err != nil {
		return row, fmt.Errorf("read caseworker contact: %w", err)
	}
	return row, nil
}

// LoadContact reads a caseworker's contact details in db (empty when never set).
func LoadContact(db *gorm.DB, userID string) (models.CaseworkerContact, error) {
	var rows []models.CaseworkerContact
	if err := db.Where("user_id = ?", userID).Limit(1).Find(&rows).Error; err != nil || len(rows) == 0 {
		return models.CaseworkerContact{UserID: userID}, err
	}
	return rows[0], nil
}
