package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/identity"
)

// CreateCitizen stores a citizen on caseworkerID's caseload with a fresh invite.
func (s *Store) CreateCitizen(ctx context.Context, caseworkerID string, in models.NewCitizen, now time.Time) (*models.Citizen, *models.IssuedInvite, error) {
	in.Name = strings.TrimSpace(in.Name)
	in.Email = models.NormalizeEmail(in.Email)
	in.EmployerName = strings.TrimSpace(in.EmployerName)
	if in.Locale == "" {
		in.Locale = "da"
	}
	if in.Employment == "" {
		in.Employment = models.EmployedEmployee
	}
	if err := in.Validate(now); err != nil {
		return nil, nil, err
	}
	now = now.UTC()
	c := &models.Citizen{ID: models.NewID(), CaseworkerID: caseworkerID, FirstSickDay: in.FirstSickDay, Category: in.Category,
		ExpectedWeeks: in.ExpectedWeeks, EmployerName: in.EmployerName, Employment: in.Employment, CreatedAt: now, UpdatedAt: now}
	c.User = models.User{ID: c.ID, Role: models.RoleCitizen, Email: in.Email, Name: in.Name, Locale: in.Locale, CreatedAt: now, UpdatedAt: now}
	var inv *models.IssuedInvite
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&c.User).Error; err != nil {
			return identity.UniqueEmail(err)
		}
		if err := tx.Omit("User").Create(c).Error; err != nil {
			return fmt.Errorf("create citizen: %w", err)
		}
		if err := recordCategory(tx, c.ID, c.Category, now); err != nil {
			return err
		}
		var err error
		inv, err = identity.IssueInvite(tx, c.ID, now)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("create citizen: %w", err)
	}
	return c, inv, nil
}

// ReissueInvite replaces any unused invite of a citizen on caseworkerID's caseload.
func (s *Store) ReissueInvite(ctx context.Context, caseworkerID, citizenID string, now time.Time) (*models.IssuedInvite, error) {
	var inv *models.IssuedInvite
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		c, err := citizenOf(tx, caseworkerID, citizenID)
		if err != nil {
			return fmt.Errorf("reissue invite: %w", err)
		}
		if err := tx.Where("citizen_id = ? AND used_at IS NULL", citizenID).Delete(&models.Invite{}).Error; err != nil {
			return fmt.Errorf("reissue invite: %w", err)
		}
		if inv, err = identity.IssueInvite(tx, citizenID, now); err != nil || !c.User.Activated() {
			return err
		}
		return holdReset(tx, c, caseworkerID, inv, now)
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}

// citizenOf loads a citizen only if it is on caseworkerID's caseload.
func citizenOf(tx *gorm.DB, caseworkerID, citizenID string) (*models.Citizen, error) {
	var c models.Citizen
	err := tx.Preload("User").Where("id = ? AND caseworker_id = ?", citizenID, caseworkerID).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	return &c, err
}

// CitizenOf loads a citizen on caseworkerID's caseload; others are not found.
func (s *Store) CitizenOf(ctx context.Context, caseworkerID, citizenID string) (*models.Citizen, error) {
	return citizenOf(s.Read.WithContext(ctx), caseworkerID, citizenID)
}

// CitizenByID loads a citizen's own profile.
func (s *Store) CitizenByID(ctx context.Context, id string) (*models.Citizen, error) {
	var c models.Citizen
	err := s.Read.WithContext(ctx).Joins("User").Where("citizens.id = ?", id).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	return &c, err
}

// Caseload lists caseworkerID's citizens by name.
func (s *Store) Caseload(ctx context.Context, caseworkerID string) ([]models.Citizen, error) {
	var out []models.Citizen
	err := s.Read.WithContext(ctx).Joins("User").Where("citizens.caseworker_id = ?", caseworkerID).
		Order(`"User"."name"`).Find(&out).Error
	return out, err
}
