package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// A caseworker holds every code they make, so a code re-issued for an
// account that is already active (the citizen forgot their password) must
// not let the caseworker take the account over unseen. Such a code:
//   - is announced to the citizen: an access-log entry naming the
//     caseworker, a push message, and a notice on I dag with a way to
//     remove it;
//   - works only after ResetWaitingPeriod, so the citizen has time to see it;
//   - stops working for good as soon as the citizen signs in or uses a
//     session after it was made (whoever still has the password needs no
//     reset); the old password keeps working meanwhile;
//   - when used, hides the citizen's private (unshared) reflections from the
//     new password holder: they stay stored but sealed.

// ResetWaitingPeriod is how long a code re-issued for an active account
// waits before it can set a new password.
const ResetWaitingPeriod = 72 * time.Hour

var errInviteWaiting = NewError(KindConflict, "invite_waiting")

// PendingSignInCode is a re-issued code for the citizen's active account,
// shown on I dag until it is used, removed or expires.
type PendingSignInCode struct {
	IssuedAt       time.Time `json:"issued_at"`
	UsableFrom     time.Time `json:"usable_from"`
	ExpiresAt      time.Time `json:"expires_at"`
	CaseworkerName string    `json:"caseworker_name"`
}

// holdReset makes inv, just issued for the active account c, a reset code:
// it waits, names its maker and is announced by push.
func holdReset(tx *gorm.DB, c *Citizen, caseworkerID string, inv *IssuedInvite, now time.Time) error {
	from := now.UTC().Add(ResetWaitingPeriod)
	var row Invite
	err := tx.Where("code_hash = ?", hashSecret(normalizeInviteCode(inv.Code))).Take(&row).Error
	if err != nil {
		return fmt.Errorf("hold reset: %w", err)
	}
	err = tx.Model(&Invite{}).Where("id = ?", row.ID).
		UpdateColumns(map[string]any{"usable_from": from, "issued_by": caseworkerID}).Error
	if err != nil {
		return fmt.Errorf("hold reset: %w", err)
	}
	inv.UsableFrom = &from
	return enqueuePush(tx, newPushJob(c.ID, PushSignInCode, row.ID, "sign_in_code:"+row.ID, nil, now, now))
}

// checkReset refuses a reset code before its waiting period ends, and for
// good once the citizen has signed in (or refreshed a session) since it was
// made. A first invitation has no waiting period.
func checkReset(tx *gorm.DB, inv *Invite, now time.Time) error {
	if inv.UsableFrom == nil {
		return nil
	}
	if now.Before(*inv.UsableFrom) {
		return errInviteWaiting
	}
	var n int64
	err := tx.Model(&RefreshToken{}).Where("user_id = ? AND created_at > ?", inv.CitizenID, inv.CreatedAt.UTC()).
		Limit(1).Count(&n).Error
	if err != nil {
		return fmt.Errorf("check reset: %w", err)
	}
	if n > 0 {
		return errInvalidInvite
	}
	return nil
}

// sealAfterReset hides the private reflections written before a reset.
func sealAfterReset(tx *gorm.DB, inv *Invite) error {
	if inv.UsableFrom == nil {
		return nil
	}
	err := tx.Model(&MeetingReflection{}).Where("citizen_id = ? AND shared = ?", inv.CitizenID, false).
		Update("sealed", true).Error
	if err != nil {
		return fmt.Errorf("seal reflections: %w", err)
	}
	return nil
}

// PendingSignInCodeOf is the citizen's unused, unexpired reset code, or nil.
func (s *Store) PendingSignInCodeOf(ctx context.Context, citizenID string, now time.Time) (*PendingSignInCode, error) {
	var rows []PendingSignInCode
	err := s.DB.WithContext(ctx).Table("invites AS i").
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
		Delete(&Invite{}).Error
	if err != nil {
		return fmt.Errorf("cancel sign-in codes: %w", err)
	}
	return nil
}
