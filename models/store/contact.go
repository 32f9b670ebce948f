package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"trappen/models"
)

// contactCard is the card of the citizen's caseworker, in one statement
// (the contact details are optional).
func contactCard(db *gorm.DB, caseworkerID string) (*models.ContactCard, error) {
	var rows []models.ContactCard
	err := db.Table("users AS u").
		Select("u.name, u.email, COALESCE(c.phone, '') AS phone, COALESCE(c.contact_hours, '') AS contact_hours").
		Joins("LEFT JOIN caseworker_contacts c ON c.user_id = u.id").
		Where("u.id = ?", caseworkerID).Limit(1).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("contact card: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("contact card: %w", gorm.ErrRecordNotFound)
	}
	return &rows[0], nil
}

// CaseworkerCard is the card of citizenID's caseworker.
func (s *Store) CaseworkerCard(ctx context.Context, citizenID string) (*models.ContactCard, error) {
	c, err := s.CitizenByID(ctx, citizenID)
	if err != nil {
		return nil, err
	}
	return contactCard(s.Read.WithContext(ctx), c.CaseworkerID)
}
