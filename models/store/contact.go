package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/identity"
)

// contactCard is the card of the citizen's caseworker.
func contactCard(db *gorm.DB, caseworkerID string) (*models.ContactCard, error) {
	var u models.User
	if err := db.Where("id = ?", caseworkerID).Take(&u).Error; err != nil {
		return nil, fmt.Errorf("contact card: %w", err)
	}
	c, err := identity.LoadContact(db, caseworkerID)
	if err != nil {
		return nil, fmt.Errorf("contact card: %w", err)
	}
	return &models.ContactCard{Name: u.Name, Email: u.Email, Phone: c.Phone, ContactHours: c.ContactHours}, nil
}

// homeAgreementsAndContact fills the citizen's first screen with their
// caseworker's card and the open agreement items they own.
func homeAgreementsAndContact(db *gorm.DB, c *models.Citizen, h *models.Home, now time.Time) error {
	card, err := contactCard(db, c.CaseworkerID)
	if err != nil {
		return err
	}
	h.Caseworker = card
	all, err := loadAgreements(db, c.ID, now)
	if err != nil {
		return fmt.Errorf("home agreements: %w", err)
	}
	h.MyAgreements = models.OpenOwnAgreements(all)
	return nil
}

// CaseworkerCard is the card of citizenID's caseworker.
func (s *Store) CaseworkerCard(ctx context.Context, citizenID string) (*models.ContactCard, error) {
	c, err := s.CitizenByID(ctx, citizenID)
	if err != nil {
		return nil, err
	}
	return contactCard(s.Read.WithContext(ctx), c.CaseworkerID)
}
