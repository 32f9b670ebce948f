package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/outbox"
)

// The rules of a code re-issued for an active account are described in
// models/sign_in_codes.go; identity enforces them at activation.

// holdReset makes inv, just issued for the active account c, a reset code:
// it waits, names its maker and is announced by push.
func holdReset(tx *gorm.DB, c *models.Citizen, caseworkerID string, inv *models.IssuedInvite, now time.Time) error {
	from := now.UTC().Add(models.ResetWaitingPeriod)
	var row models.Invite
	err := tx.Where("citizen_id = ? AND used_at IS NULL", c.ID).Order("created_at DESC").Take(&row).Error
	if err != nil {
		return fmt.Errorf("hold reset: %w", err)
	}
	err = tx.Model(&models.Invite{}).Where("id = ?", row.ID).
		UpdateColumns(map[string]any{"usable_from": from, "issued_by": caseworkerID}).Error
	if err != nil {
		return fmt.Errorf("hold reset: %w", err)
	}
	inv.UsableFrom = &from
	return outbox.EnqueuePush(tx, newPushJob(c.ID, models.PushSignInCode, row.ID, "sign_in_code:"+row.ID, nil, now, now))
}

// PendingSignInCodeOf is the citizen's unused, unexpired reset code, or nil.
func (s *Store) PendingSignInCodeOf(ctx context.Context, citizenID string, now time.Time) (*models.PendingSignInCode, error) {
	var rows []models.PendingSignInCode
	err := s.Read.WithContext(ctx).Table("invites AS i").
		Select("i.created_at AS issued_at, i.usable_from, i.expires_at, COALESCE(u.name, '') AS caseworker_name").
		Joins("LEFT JOIN users u ON u.id = i.issued_by").
		Where("i.citizen_id = ? AND i.used_at IS NULL AND i.usable_from IS NOT NULL AND i.expires_at > ?", citizenID, now.UTC()).
		Order("i.created_at DESC").Limit(1).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("pending sign-in code: %w", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	p := rows[0]
	p.IssuedAt, p.UsableFrom, p.ExpiresAt = p.IssuedAt.UTC(), p.UsableFrom.UTC(), p.ExpiresAt.UTC()
	return &p, nil
}

// CancelSignInCodes removes the citizen's unused reset codes.
func (s *Store) CancelSignInCodes(ctx context.Context, citizenID string) error {
	err := s.DB.WithContext(ctx).Where("citizen_id = ? AND used_at IS NULL AND usable_from IS NOT NULL", citizenID).
		Delete(&models.Invite{}).Error
	if err != nil {
		return fmt.Errorf("cancel sign-in codes: %w", err)
	}
	return nil
}
