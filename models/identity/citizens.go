package identity

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

func IssueInvite(tx *gorm.DB, citizenID string, now time.Time) (*models.IssuedInvite, error) {
	code := newInviteCode()
	inv := models.Invite{ID: models.NewID(), CitizenID: citizenID, CodeHash: models.HashSecret(normalizeInviteCode(code)),
		ExpiresAt: now.UTC().Add(models.InviteLifetime), CreatedAt: now.UTC()}
	if err := tx.Create(&inv).Error; err != nil {
		return nil, fmt.Errorf("issue invite: %w", err)
	}
	return &models.IssuedInvite{Code: code, ExpiresAt: inv.ExpiresAt}, nil
}

// inviteAlphabet leaves out letters and digits that are easy to confuse.
const inviteAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

func newInviteCode() string {
	var b strings.Builder
	for i := 0; i < 12; i++ {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(inviteAlphabet))))
		if err != nil {
			panic(err)
		}
		b.WriteByte(inviteAlphabet[n.Int64()])
	}
	return b.String()
}

func normalizeInviteCode(code string) string {
	code = strings.ToUpper(code)
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, code)
}

var errInvalidInvite = models.NewError(models.KindUnauthorized, "invalid_invite")

// Activate spends an invite code and sets the citizen's password. Wrong
// codes from one client address are rate limited like failed logins.
func (s *Store) Activate(ctx context.Context, code, password, client string, now time.Time) (*models.User, error) {
	key := rateKey("activate", client)
	if err := s.checkKeyLimit(ctx, key, models.MaxActivationFailures, now); err != nil {
		return nil, fmt.Errorf("activate: %w", err)
	}
	u, err := s.activate(ctx, code, password, now)
	if errors.Is(err, errInvalidInvite) {
		if ferr := s.recordFailure(ctx, []rateLimit{{key, models.MaxActivationFailures}}, now); ferr != nil {
			return nil, ferr
		}
	}
	return u, err
}

func (s *Store) activate(ctx context.Context, code, password string, now time.Time) (*models.User, error) {
	var v models.Validation
	if strings.TrimSpace(code) == "" {
		v.Add("invite_code", "required")
	}
	models.ValidatePassword(&v, "password", password)
	if err := v.Err(); err != nil {
		return nil, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return nil, fmt.Errorf("activate: %w", err)
	}
	var user models.User
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		var inv models.Invite
		codeHash := models.HashSecret(normalizeInviteCode(code))
		err := sqldb.LockForUpdate(tx, s.Dialect).Where("code_hash = ?", codeHash).Take(&inv).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			// Not a citizen's invite: perhaps an employer contact's.
			return activateEmployer(tx, s.Dialect, codeHash, password, hash, now, &user)
		}
		if err != nil {
			return fmt.Errorf("activate: %w", err)
		}
		if inv.UsedAt != nil || !now.Before(inv.ExpiresAt) {
			return errInvalidInvite
		}
		if err := checkReset(tx, &inv, now); err != nil {
			return err
		}
		res := tx.Model(&models.Invite{}).Where("id = ? AND used_at IS NULL", inv.ID).Update("used_at", now.UTC())
		if res.Error != nil {
			return fmt.Errorf("use invite: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return errInvalidInvite
		}
		if err := tx.Model(&models.User{}).Where("id = ?", inv.CitizenID).
			Updates(map[string]any{"password_hash": hash, "password_changed_at": now.UTC(), "updated_at": now.UTC()}).Error; err != nil {
			return fmt.Errorf("activate: %w", err)
		}
		// A re-issued invite is how a forgotten password is replaced: sessions
		// on other devices end with the old password.
		if err := tx.Model(&models.RefreshToken{}).Where("user_id = ? AND revoked_at IS NULL", inv.CitizenID).
			Update("revoked_at", now.UTC()).Error; err != nil {
			return fmt.Errorf("activate: %w", err)
		}
		if err := sealAfterReset(tx, &inv); err != nil {
			return err
		}
		return sqldb.Wrap("activate", tx.Where("id = ?", inv.CitizenID).Take(&user).Error)
	})
	if err != nil {
		return nil, fmt.Errorf("activate: %w", err)
	}
	return &user, nil
}
