package identity

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
)

// The rules of a code re-issued for an active account are described in
// models/sign_in_codes.go.

var errInviteWaiting = models.NewError(models.KindConflict, "invite_waiting")

// checkReset refuses a reset code before its waiting period ends, and for
// good once the citizen has signed in (or refreshed a session) since it was
// made. A first invitation has no waiting period.
func checkReset(tx *gorm.DB, inv *models.Invite, now time.Time) error {
	if inv.UsableFrom == nil {
		return nil
	}
	if now.Before(*inv.UsableFrom) {
		return errInviteWaiting
	}
	var n int64
	err := tx.Model(&models.RefreshToken{}).Where("user_id = ? AND created_at > ?", inv.CitizenID, inv.CreatedAt.UTC()).
		Limit(1).Count(&n).Error
	if err != nil {
		return fmt.Errorf("check reset: %w", err)
	}
	if n > 0 {
		return errInvalidInvite
	}
	return nil
}

// sealAfterReset hides the private reflections written before a reset from
// the new password holder. It writes the case's table by name: identity
// does not import the case store, and the seal must share the activation's
// transaction.
func sealAfterReset(tx *gorm.DB, inv *models.Invite) error {
	if inv.UsableFrom == nil {
		return nil
	}
	err := tx.Table("meeting_reflections").Where("citizen_id = ? AND shared = ?", inv.CitizenID, false).
		Update("sealed", true).Error
	if err != nil {
		return fmt.Errorf("seal reflections: %w", err)
	}
	return nil
}
