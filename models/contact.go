package models

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

const maxContactHours = 200

// CaseworkerContact is how citizens reach a caseworker; empty until set.
type CaseworkerContact struct {
	UserID       string `gorm:"primaryKey"`
	Phone        string
	ContactHours string
	UpdatedAt    time.Time
}

// ContactCard is the caseworker as the citizen sees them, so the citizen
// always knows whom to call.
type ContactCard struct {
	Name         string `json:"name"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	ContactHours string `json:"contact_hours"`
}

// ContactPatch changes the caseworker's contact details; nil stays, "" clears.
type ContactPatch struct {
	Phone        *string
	ContactHours *string
}

// Empty reports whether the patch changes nothing.
func (p ContactPatch) Empty() bool { return p.Phone == nil && p.ContactHours == nil }

// phoneChars: digits, spaces, "+", "-", "(", ")" and ".", as people write
// numbers ("+45 33 66 33 66", "3366-3366").
var phoneChars = regexp.MustCompile(`^\+?[0-9 ().-]+$`)

// Validate checks the contact details and trims them.
func (p *ContactPatch) Validate(v *Validation) {
	if p.Phone != nil {
		*p.Phone = strings.TrimSpace(*p.Phone)
		if *p.Phone != "" && !validPhone(*p.Phone) {
			v.Add("phone", "invalid_phone")
		}
	}
	if p.ContactHours != nil {
		validateText(v, "contact_hours", p.ContactHours, false, maxContactHours)
	}
}

// validPhone accepts 6 to 15 digits (E.164's maximum) in the usual notation.
func validPhone(s string) bool {
	if !phoneChars.MatchString(s) || len(s) > 30 {
		return false
	}
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits >= 6 && digits <= 15
}

// SetContact stores the caseworker's contact details (validated by the caller).
func (s *Store) SetContact(ctx context.Context, userID string, p ContactPatch, now time.Time) error {
	if p.Empty() {
		return nil
	}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		row, err := loadContact(tx, userID)
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
func (s *Store) Contact(ctx context.Context, userID string) (CaseworkerContact, error) {
	row, err := loadContact(s.DB.WithContext(ctx), userID)
	if err != nil {
		return row, fmt.Errorf("read caseworker contact: %w", err)
	}
	return row, nil
}

func loadContact(db *gorm.DB, userID string) (CaseworkerContact, error) {
	var rows []CaseworkerContact
	if err := db.Where("user_id = ?", userID).Limit(1).Find(&rows).Error; err != nil || len(rows) == 0 {
		return CaseworkerContact{UserID: userID}, err
	}
	return rows[0], nil
}

// contactCard is the card of the citizen's caseworker.
func contactCard(db *gorm.DB, caseworkerID string) (*ContactCard, error) {
	var u User
	if err := db.Where("id = ?", caseworkerID).Take(&u).Error; err != nil {
		return nil, fmt.Errorf("contact card: %w", err)
	}
	c, err := loadContact(db, caseworkerID)
	if err != nil {
		return nil, fmt.Errorf("contact card: %w", err)
	}
	return &ContactCard{Name: u.Name, Email: u.Email, Phone: c.Phone, ContactHours: c.ContactHours}, nil
}

// homeAgreementsAndContact fills the citizen's first screen with their
// caseworker's card and the open agreement items they own.
func homeAgreementsAndContact(db *gorm.DB, c *Citizen, h *Home, now time.Time) error {
	card, err := contactCard(db, c.CaseworkerID)
	if err != nil {
		return err
	}
	h.Caseworker = card
	all, err := loadAgreements(db, c.ID, now)
	if err != nil {
		return fmt.Errorf("home agreements: %w", err)
	}
	h.MyAgreements = OpenOwnAgreements(all)
	return nil
}

// CaseworkerCard is the card of citizenID's caseworker.
func (s *Store) CaseworkerCard(ctx context.Context, citizenID string) (*ContactCard, error) {
	c, err := s.CitizenByID(ctx, citizenID)
	if err != nil {
		return nil, err
	}
	return contactCard(s.DB.WithContext(ctx), c.CaseworkerID)
}
