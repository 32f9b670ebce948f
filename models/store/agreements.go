package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/outbox"
)

// CreateAgreement records an agreement item for a.CitizenID (caseworker).
// models.Access is checked before the body, so another caseworker learns nothing
// from validation errors.
func (s *Store) CreateAgreement(ctx context.Context, a models.Access, in models.NewAgreement, now time.Time) (*models.AgreementView, error) {
	now = now.UTC()
	var row models.Agreement
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := checkAccess(tx, a); err != nil {
			return err
		}
		if err := in.Validate(now); err != nil {
			return err
		}
		row = models.Agreement{ID: models.NewID(), CitizenID: a.CitizenID, MeetingID: in.MeetingID, Text: in.Text, Owner: in.Owner,
			DueDate: in.DueDate, Status: models.AgreementOpen, CreatedBy: a.UserID, CreatedAt: now, UpdatedAt: now}
		if err := checkMeetingOf(tx, a.CitizenID, row.MeetingID); err != nil {
			return err
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		if row.Owner == models.OwnerEmployer {
			return queueEmployerAgreement(tx, &row, now)
		}
		if row.Owner != models.OwnerCitizen {
			return nil
		}
		return outbox.EnqueuePush(tx, newPushJob(a.CitizenID, models.PushAgreementAdded, row.ID, "agreement_added:"+row.ID, nil, now, now))
	})
	if err != nil {
		return nil, fmt.Errorf("create agreement: %w", err)
	}
	v := models.ToAgreementView(row, now)
	return &v, nil
}

// UpdateAgreement changes an item of a.CitizenID (caseworker).
func (s *Store) UpdateAgreement(ctx context.Context, a models.Access, id string, p models.AgreementPatch, now time.Time) (*models.AgreementView, error) {
	var row models.Agreement
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := checkAccess(tx, a); err != nil {
			return err
		}
		if err := loadAgreement(tx, a.CitizenID, id, &row); err != nil {
			return err
		}
		if err := p.Validate(now); err != nil {
			return err
		}
		if err := checkMeetingOf(tx, a.CitizenID, p.MeetingID); err != nil {
			return err
		}
		p.Apply(&row, now)
		return tx.Save(&row).Error
	})
	if err != nil {
		return nil, fmt.Errorf("update agreement: %w", err)
	}
	v := models.ToAgreementView(row, now)
	return &v, nil
}

// SetOwnAgreementStatus lets a party of citizenID's case tick off (or
// reopen) an item that party owns: the citizen their own (owner "citizen"),
// and later the employer theirs. Another party's item answers 403
// not_yours; the caller has already checked that party may see the case.
func (s *Store) SetOwnAgreementStatus(ctx context.Context, citizenID, owner, id string, status *string, now time.Time) (*models.AgreementView, error) {
	p := models.AgreementPatch{Status: status}
	var row models.Agreement
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := loadAgreement(tx, citizenID, id, &row); err != nil {
			return err
		}
		if row.Owner != owner {
			return models.ErrNotYours
		}
		if status == nil {
			return models.Invalid("status", "required")
		}
		if err := p.Validate(now); err != nil {
			return err
		}
		p.Apply(&row, now)
		return tx.Save(&row).Error
	})
	if err != nil {
		return nil, fmt.Errorf("set own agreement status: %w", err)
	}
	v := models.ToAgreementView(row, now)
	return &v, nil
}

// Agreements lists all of a.CitizenID's items, oldest first: every party
// sees who does what.
func (s *Store) Agreements(ctx context.Context, a models.Access, now time.Time) ([]models.AgreementView, error) {
	db := s.Read.WithContext(ctx)
	if err := checkAccess(db, a); err != nil {
		return nil, err
	}
	list, err := loadAgreements(db, a.CitizenID, now)
	if err != nil {
		return nil, fmt.Errorf("list agreements: %w", err)
	}
	return list, nil
}

func loadAgreements(db *gorm.DB, citizenID string, now time.Time) ([]models.AgreementView, error) {
	var rows []models.Agreement
	if err := db.Where("citizen_id = ?", citizenID).Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	return agreementViews(rows, now), nil
}

func agreementViews(rows []models.Agreement, now time.Time) []models.AgreementView {
	out := make([]models.AgreementView, len(rows))
	for i, r := range rows {
		out[i] = models.ToAgreementView(r, now)
	}
	return out
}

// loadAgreement reads one item of the citizen; another's answers 404.
func loadAgreement(tx *gorm.DB, citizenID, id string, row *models.Agreement) error {
	err := tx.Where("id = ? AND citizen_id = ?", id, citizenID).Take(row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}

// checkMeetingOf refuses a meeting id that is not one of the citizen's.
func checkMeetingOf(tx *gorm.DB, citizenID string, meetingID *string) error {
	if meetingID == nil {
		return nil
	}
	var n int64
	if err := tx.Table("meetings").Where("id = ? AND citizen_id = ?", *meetingID, citizenID).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return models.Invalid("meeting_id", "unknown_meeting")
	}
	return nil
}
