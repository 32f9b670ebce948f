package identity

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

var (
	errInvalidCredentials = models.NewError(models.KindUnauthorized, "invalid_credentials")
	errInvalidRefresh     = models.NewError(models.KindUnauthorized, "invalid_refresh")
)

type loginFailure struct {
	ID       int64 `gorm:"primaryKey"`
	KeyHash  string
	FailedAt time.Time
}

func (loginFailure) TableName() string { return "login_failures" }

// Login checks credentials under the failure rate limit. An unknown e-mail
// and a wrong password give the same error and cost the same time.
func (s *Store) Login(ctx context.Context, email, password, client string, now time.Time) (*models.User, error) {
	keys := []string{rateKey("email", strings.ToLower(models.NormalizeEmail(email))), rateKey("client", client)}
	if err := s.checkRateLimit(ctx, keys, now); err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	u, err := s.userByEmail(ctx, email)
	if err != nil && !models.IsNotFound(err) {
		return nil, err
	}
	hash := dummyHash
	if u != nil && u.PasswordHash != nil {
		hash = *u.PasswordHash
	}
	ok := CheckPassword(hash, password)
	if u == nil || u.PasswordHash == nil || !ok {
		if err := s.recordFailure(ctx, keys, now); err != nil {
			return nil, fmt.Errorf("login: %w", err)
		}
		return nil, errInvalidCredentials
	}
	// A success clears the e-mail's failures, not the client's.
	err = s.DB.WithContext(ctx).Where("key_hash = ?", keys[0]).Delete(&loginFailure{}).Error
	return u, err
}

func rateKey(kind, value string) string {
	sum := sha256.Sum256([]byte(kind + ":" + value))
	return hex.EncodeToString(sum[:])
}

func (s *Store) checkRateLimit(ctx context.Context, keys []string, now time.Time) error {
	limits := []int{models.MaxFailuresPerEmail, models.MaxFailuresPerClient}
	for i, key := range keys {
		if err := s.checkKeyLimit(ctx, key, limits[i], now); err != nil {
			return fmt.Errorf("check rate limit: %w", err)
		}
	}
	return nil
}

// checkKeyLimit refuses when key has limit failures within the window.
func (s *Store) checkKeyLimit(ctx context.Context, key string, limit int, now time.Time) error {
	var failures []time.Time
	err := s.DB.WithContext(ctx).Model(&loginFailure{}).
		Where("key_hash = ? AND failed_at > ?", key, now.UTC().Add(-models.LoginWindow)).
		Order("failed_at DESC").Limit(limit).Pluck("failed_at", &failures).Error
	if err != nil {
		return fmt.Errorf("check key limit: %w", err)
	}
	if len(failures) < limit {
		return nil
	}
	wait := failures[len(failures)-1].Add(models.LoginWindow).Sub(now)
	return &models.Error{Kind: models.KindRateLimited, Code: "too_many_attempts",
		RetryAfterSeconds: max(1, int(math.Ceil(wait.Seconds())))}
}

func (s *Store) recordFailure(ctx context.Context, keys []string, now time.Time) error {
	rows := make([]loginFailure, len(keys))
	for i, k := range keys {
		rows[i] = loginFailure{KeyHash: k, FailedAt: now.UTC()}
	}
	db := s.DB.WithContext(ctx)
	if err := db.Create(&rows).Error; err != nil {
		return fmt.Errorf("record failure: %w", err)
	}
	// Keep the table small: old failures no longer count.
	return sqldb.Wrap("record failure", db.Where("failed_at < ?", now.UTC().Add(-models.LoginWindow)).Delete(&loginFailure{}).Error)
}

// IssueRefreshToken starts a new rotation family for user and returns the raw token.
func (s *Store) IssueRefreshToken(ctx context.Context, userID string, now time.Time) (string, error) {
	return issueRefresh(s.DB.WithContext(ctx), userID, models.NewID(), now)
}

func issueRefresh(db *gorm.DB, userID, family string, now time.Time) (string, error) {
	raw, hash := models.NewSecret()
	t := models.RefreshToken{ID: models.NewID(), UserID: userID, FamilyID: family, TokenHash: hash,
		ExpiresAt: now.UTC().Add(models.RefreshTokenLifetime), CreatedAt: now.UTC()}
	return raw, sqldb.Wrap("issue refresh", db.Create(&t).Error)
}

// RotateRefreshToken spends raw and returns its user and a successor token.
// A token used twice means it was stolen: the whole family is revoked.
func (s *Store) RotateRefreshToken(ctx context.Context, raw string, now time.Time) (*models.User, string, error) {
	var user *models.User
	var next string
	reused := false
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		var t models.RefreshToken
		err := sqldb.LockForUpdate(tx, s.Dialect).Where("token_hash = ?", models.HashSecret(raw)).Take(&t).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return errInvalidRefresh
		}
		if err != nil {
			return fmt.Errorf("rotate refresh token: %w", err)
		}
		if t.UsedAt != nil && t.RevokedAt == nil {
			reused = true
			return revokeFamily(tx, t.FamilyID, now)
		}
		if t.RevokedAt != nil || !now.Before(t.ExpiresAt) {
			return errInvalidRefresh
		}
		res := tx.Model(&models.RefreshToken{}).Where("id = ? AND used_at IS NULL", t.ID).Update("used_at", now.UTC())
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return errInvalidRefresh
		}
		var u models.User
		if err := tx.Where("id = ?", t.UserID).Take(&u).Error; err != nil {
			return fmt.Errorf("rotate refresh token: %w", err)
		}
		user = &u
		next, err = issueRefresh(tx, t.UserID, t.FamilyID, now)
		return err
	})
	if reused {
		return nil, "", errInvalidRefresh
	}
	if err != nil {
		return nil, "", fmt.Errorf("rotate refresh token: %w", err)
	}
	return user, next, nil
}

func revokeFamily(tx *gorm.DB, family string, now time.Time) error {
	return sqldb.Wrap("revoke family", tx.Model(&models.RefreshToken{}).Where("family_id = ? AND revoked_at IS NULL", family).
		Update("revoked_at", now.UTC()).Error)
}

// RevokeRefreshToken ends the family raw belongs to (logout). Unknown tokens are ignored.
func (s *Store) RevokeRefreshToken(ctx context.Context, raw string, now time.Time) error {
	var t models.RefreshToken
	err := s.DB.WithContext(ctx).Where("token_hash = ?", models.HashSecret(raw)).Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("revoke refresh token: %w", err)
	}
	return revokeFamily(s.DB.WithContext(ctx), t.FamilyID, now)
}

// ChangePassword sets a new password for a signed-in user who proves the
// current one. A wrong current password counts as a failed login for the
// user's e-mail, so the endpoint cannot be used to guess passwords. Every
// other refresh-token family of the user is revoked, which signs out other
// devices; the family of keepRefresh (the caller's own token) survives. When
// keepRefresh is missing or not a live token of this user, the caller's
// family cannot be told apart: all are revoked and a new family is started,
// whose raw token is returned ("" when the caller's family was kept).
func (s *Store) ChangePassword(ctx context.Context, userID, current, next, keepRefresh string, now time.Time) (string, error) {
	u, err := s.UserByID(ctx, userID)
	if err != nil {
		return "", fmt.Errorf("change password: %w", err)
	}
	keys := []string{rateKey("email", strings.ToLower(models.NormalizeEmail(u.Email)))}
	if err := s.checkRateLimit(ctx, keys, now); err != nil {
		return "", fmt.Errorf("change password: %w", err)
	}
	if err := s.checkPasswordChange(ctx, u, current, next, keys, now); err != nil {
		return "", fmt.Errorf("change password: %w", err)
	}
	hash, err := HashPassword(next)
	if err != nil {
		return "", fmt.Errorf("change password: %w", err)
	}
	var fresh string
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		err := tx.Model(&models.User{}).Where("id = ?", u.ID).
			UpdateColumns(map[string]any{"password_hash": hash, "password_changed_at": now.UTC(), "updated_at": now.UTC()}).Error
		if err != nil {
			return fmt.Errorf("change password: %w", err)
		}
		fresh, err = revokeOtherFamilies(tx, u.ID, keepRefresh, now)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("change password: %w", err)
	}
	// Proving the password clears the e-mail's failures, as a login does.
	return fresh, sqldb.Wrap("change password", s.DB.WithContext(ctx).Where("key_hash = ?", keys[0]).Delete(&loginFailure{}).Error)
}

// checkPasswordChange validates both passwords; a wrong current one is
// recorded as a failed login. An empty one is not a guess and costs nothing.
func (s *Store) checkPasswordChange(ctx context.Context, u *models.User, current, next string, keys []string, now time.Time) error {
	var v models.Validation
	switch {
	case current == "":
		v.Add("current_password", "required")
	case u.PasswordHash == nil || !CheckPassword(*u.PasswordHash, current):
		if err := s.recordFailure(ctx, keys, now); err != nil {
			return fmt.Errorf("check password change: %w", err)
		}
		v.Add("current_password", "wrong_password")
	}
	models.ValidatePassword(&v, "new_password", next)
	if !v.Has("current_password") && !v.Has("new_password") && next == current {
		v.Add("new_password", "password_unchanged")
	}
	return v.Err()
}

// revokeOtherFamilies revokes the user's refresh-token families except the
// one keepRaw belongs to; without a live keepRaw it starts a new family and
// returns its raw token.
func revokeOtherFamilies(tx *gorm.DB, userID, keepRaw string, now time.Time) (string, error) {
	var keep models.RefreshToken
	if keepRaw != "" {
		err := tx.Where("token_hash = ? AND user_id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?",
			models.HashSecret(keepRaw), userID, now.UTC()).Take(&keep).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return "", err
		}
	}
	err := tx.Model(&models.RefreshToken{}).Where("user_id = ? AND family_id <> ? AND revoked_at IS NULL", userID, keep.FamilyID).
		Update("revoked_at", now.UTC()).Error
	if err != nil || keep.FamilyID != "" {
		return "", err
	}
	return issueRefresh(tx, userID, models.NewID(), now)
}
