package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/identity"
	"trappen/models/sqldb"
)

// What an employer read, in the citizen's access log.
const (
	WhatEmployees = "employees"
	WhatEmployee  = "employee"
)

// employeeOf loads citizenID if employerID has a live contact for them;
// anyone else's employee, or one whose contact was ended, is not found.
func employeeOf(tx *gorm.DB, employerID, citizenID string) (*models.Citizen, error) {
	var c models.Citizen
	err := tx.Preload("User").
		Where("id = ? AND id IN (SELECT citizen_id FROM employer_contacts WHERE user_id = ?)", citizenID, employerID).
		Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	return &c, sqldb.Wrap("load employee", err)
}

// CreateEmployerContact invites an employer contact for a citizen on the
// caseworker's caseload.
func (s *Store) CreateEmployerContact(ctx context.Context, caseworkerID, citizenID string, in models.NewEmployerContact, now time.Time) (*models.EmployerContactView, error) {
	var out *models.EmployerContactView
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if _, err := citizenOf(tx, caseworkerID, citizenID); err != nil {
			return err
		}
		var err error
		if out, err = identity.InviteEmployer(tx, citizenID, caseworkerID, in, now); err != nil {
			return err
		}
		return syncEmployerPush(tx, citizenID, now)
	})
	if err != nil {
		return nil, fmt.Errorf("create employer contact: %w", err)
	}
	return out, nil
}

// EmployerContacts lists a citizen's employer contacts for the caseworker.
func (s *Store) EmployerContacts(ctx context.Context, caseworkerID, citizenID string, now time.Time) ([]models.EmployerContactView, error) {
	db := s.DB.WithContext(ctx)
	if _, err := citizenOf(db, caseworkerID, citizenID); err != nil {
		return nil, err
	}
	var rows []models.EmployerContact
	if err := db.Where("citizen_id = ?", citizenID).Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list employer contacts: %w", err)
	}
	out := []models.EmployerContactView{}
	for _, c := range rows {
		pending := c.InviteUsedAt == nil && c.InviteExpiresAt != nil && now.Before(*c.InviteExpiresAt)
		out = append(out, models.EmployerContactView{ID: c.ID, Name: c.Name, Email: c.Email,
			InviteExpiresAt: utcPtr(c.InviteExpiresAt), InvitePending: pending, CreatedAt: c.CreatedAt.UTC()})
	}
	return out, nil
}

// DeleteEmployerContact ends one employer's access to the citizen at once,
// on an open or a closed case (it only takes away), and cancels that
// employer's messages about the citizen. An employer account that follows
// no one else any more is deleted with it (dropLoneEmployer).
func (s *Store) DeleteEmployerContact(ctx context.Context, caseworkerID, citizenID, contactID string, now time.Time) error {
	return s.Tx(ctx, func(tx *gorm.DB) error {
		if _, err := citizenOf(tx, caseworkerID, citizenID); err != nil {
			return err
		}
		var c models.EmployerContact
		if err := tx.Where("id = ? AND citizen_id = ?", contactID, citizenID).Take(&c).Error; err != nil {
			return sqldb.NotFound(err)
		}
		if err := tx.Delete(&c).Error; err != nil {
			return fmt.Errorf("delete employer contact: %w", err)
		}
		if err := cancelEmployerPush(tx, citizenID, c.UserID, models.EmployerPushTypes, now); err != nil {
			return fmt.Errorf("delete employer contact: %w", err)
		}
		return s.dropLoneEmployer(tx, c.UserID, now)
	})
}

func loadSharing(db *gorm.DB, citizenID string) (models.EmployerSharing, error) {
	var sh models.EmployerSharing
	err := db.Where("citizen_id = ?", citizenID).Take(&sh).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.EmployerSharing{CitizenID: citizenID}, nil
	}
	return sh, sqldb.Wrap("load employer sharing", err)
}

// Sharing is the citizen's sharing choice and the employer contacts it is for.
func (s *Store) Sharing(ctx context.Context, citizenID string) (*models.SharingView, error) {
	db := s.DB.WithContext(ctx)
	sh, err := loadSharing(db, citizenID)
	if err != nil {
		return nil, err
	}
	out := &models.SharingView{EmployerSharing: sh, Contacts: []models.EmployerContactName{}}
	err = db.Table("employer_contacts").Select("name, email").Where("citizen_id = ?", citizenID).
		Order("created_at, id").Scan(&out.Contacts).Error
	return out, sqldb.Wrap("load employer contacts", err)
}

// SetSharing saves the citizen's choice.
func (s *Store) SetSharing(ctx context.Context, citizenID string, in models.SharingInput, now time.Time) (*models.SharingView, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	sh := models.EmployerSharing{CitizenID: citizenID, Plan: *in.Plan, Meetings: *in.Meetings,
		Agreements: *in.Agreements, Placements: *in.Placements, UpdatedAt: now.UTC()}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Save(&sh).Error; err != nil {
			return err
		}
		return syncEmployerPush(tx, citizenID, now)
	})
	if err != nil {
		return nil, fmt.Errorf("save employer sharing: %w", err)
	}
	return s.Sharing(ctx, citizenID)
}

// recordEmployerRead writes that employerID read what of citizenID; only a
// live contact writes anything. List views are kept once a day.
func recordEmployerRead(db *gorm.DB, employerID, citizenID, what string, now time.Time) error {
	now = now.UTC()
	day := models.CopenhagenDate(now).Format(models.DateLayout)
	return sqldb.Wrap("record employer read", db.Exec(`INSERT INTO access_log (citizen_id, caseworker_id, what, day, at)
		SELECT citizen_id, user_id, ?, ?, ? FROM employer_contacts WHERE citizen_id = ? AND user_id = ?
		AND (? <> ? OR NOT EXISTS (SELECT 1 FROM access_log WHERE citizen_id = ? AND caseworker_id = ? AND what = ? AND day = ?))`,
		what, day, now, citizenID, employerID, what, WhatEmployees, citizenID, employerID, what, day).Error)
}
