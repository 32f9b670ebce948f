package identity

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
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
	keys := append(emailLimits(email, client), rateLimit{rateKey("client", client), models.MaxFailuresPerClient})
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
	return u, s.clearOwnFailures(ctx, keys)
}

// rateLimit is a failure counter and how many failures it allows.
type rateLimit struct {
	key   string
	limit int
}

// emailLimits are the counters of failures for e-mail: from this client
// (listed first) and from anywhere.
func emailLimits(email, client string) []rateLimit {
	e := EmailFailureKey(email)
	// The pair's key starts with the e-mail's, so erasing a person finds it.
	return []rateLimit{{e + "/" + rateKey("client", client), models.MaxFailuresPerEmailAndClient},
		{e, models.MaxFailuresPerEmail}}
}

// clearOwnFailures forgets the failures of the e-mail from the client that
// just proved the password. The e-mail's global count stays, or the owner
// signing in would reset a distributed attacker's budget.
func (s *Store) clearOwnFailures(ctx context.Context, keys []rateLimit) error {
	err := s.DB.WithContext(ctx).Where("key_hash = ?", keys[0].key).Delete(&loginFailure{}).Error
	if err != nil {
		return fmt.Errorf("clear login failures: %w", err)
	}
	return nil
}

func rateKey(kind, value string) string {
	sum := sha256.Sum256([]byte(kind + ":" + value))
	return hex.EncodeToString(sum[:])
}

func (s *Store) checkRateLimit(ctx context.Context, keys []rateLimit, now time.Time) error {
	for _, k := range keys {
		if err := s.checkKeyLimit(ctx, k.key, k.limit, now); err != nil {
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

func (s *Store) recordFailure(ctx context.Context, keys []rateLimit, now time.Time) error {
	rows := make([]loginFailure, len(keys))
	for i, k := range keys {
		rows[i] = loginFailure{KeyHash: k.key, FailedAt: now.UTC()}
	}
	db := s.DB.WithContext(ctx)
	if err := db.Create(&rows).Error; err != nil {
		return fmt.Errorf("record failure: %w", err)
	}
	// Keep the table small: old failures no longer count.
	return sqldb.Wrap("record failure", db.Where("failed_at < ?", now.UTC().Add(-models.LoginWindow)).Delete(&loginFailure{}).Error)
}

// IssueRefreshToken starts a new rotation family (a session) for user and
// returns the raw token and the family's id, which access tokens carry.
func (s *Store) IssueRefreshToken(ctx context.Context, userID string, now time.Time) (raw, family string, err error) {
	family = models.NewID()
	raw, err = issueRefresh(s.DB.WithContext(ctx), userID, family, now)
	return raw, family, err
}

func issueRefresh(db *gorm.DB, userID, family string, now time.Time) (string, error) {
	raw, hash := models.NewSecret()
	t := models.RefreshToken{ID: models.NewID(), UserID: userID, FamilyID: family, TokenHash: hash,
		ExpiresAt: now.UTC().Add(models.RefreshTokenLifetime), CreatedAt: now.UTC()}
	return raw, sqldb.Wrap("issue refresh", db.Create(&t).Error)
}

// RotateRefreshToken spends raw and returns its user, a successor token and
// their family. A token used twice means it was stolen: the whole family is
// revoked.
func (s *Store) RotateRefreshToken(ctx context.Context, raw string, now time.Time) (*models.User, string, string, error) {
	var user *models.User
	var next, family string
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
		user, family = &u, t.FamilyID
		next, err = issueRefresh(tx, t.UserID, t.FamilyID, now)
		return err
	})
	if reused {
		return nil, "", "", errInvalidRefresh
	}
	if err != nil {
		return nil, "", "", fmt.Errorf("rotate refresh token: %w", err)
	}
	return user, next, family, nil
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
// other session (refresh-token family) of the user is revoked, which signs
// out other devices and ends their access tokens at once; keepFamily (the
// caller's own session) survives. When keepFamily is not a live session of
// this user, all are revoked and a new one is started, whose raw refresh
// token is returned ("" when the caller's session was kept).
func (s *Store) ChangePassword(ctx context.Context, userID, current, next, keepFamily, client string, now time.Time) (string, error) {
	u, err := s.UserByID(ctx, userID)
	if err != nil {
		return "", fmt.Errorf("change password: %w", err)
	}
	keys := emailLimits(u.Email, client)
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
		fresh, err = revokeOtherFamilies(tx, u.ID, keepFamily, now)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("change password: %w", err)
	}
	// Proving the password clears the failures, as a login does.
	return fresh, s.clearOwnFailures(ctx, keys)
}

// checkPasswordChange validates both passwords; a wrong current one is
// recorded as a failed login. An empty one is not a guess and costs nothing.
func (s *Store) checkPasswordChange(ctx context.Context, u *models.User, current, next string, keys []rateLimit, now time.Time) error {
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

// revokeOtherFamilies revokes the user's refresh-token families except
// keepFamily; when that is not a live family of the user it starts a new one
// and returns its raw token.
func revokeOtherFamilies(tx *gorm.DB, userID, keepFamily string, now time.Time) (string, error) {
	var keep models.RefreshToken
	if keepFamily != "" {
		err := tx.Where("family_id = ? AND user_id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?",
			keepFamily, userID, now.UTC()).Take(&keep).Error
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
