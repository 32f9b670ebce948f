package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"math"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Login rate limits: failures within the window, per e-mail and per client.
const (
	LoginWindow          = 15 * time.Minute
	MaxFailuresPerEmail  = 5
	MaxFailuresPerClient = 100
	RefreshTokenLifetime = 30 * 24 * time.Hour
)

var (
	errInvalidCredentials = NewError(KindUnauthorized, "invalid_credentials")
	errInvalidRefresh     = NewError(KindUnauthorized, "invalid_refresh")
)

type loginFailure struct {
	ID       int64 `gorm:"primaryKey"`
	KeyHash  string
	FailedAt time.Time
}

func (loginFailure) TableName() string { return "login_failures" }

// RefreshToken is one link in a rotation family; only its hash is stored.
type RefreshToken struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	FamilyID  string
	TokenHash string
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

// Login checks credentials under the failure rate limit. An unknown e-mail
// and a wrong password give the same error and cost the same time.
func (s *Store) Login(ctx context.Context, email, password, client string, now time.Time) (*User, error) {
	keys := []string{rateKey("email", strings.ToLower(NormalizeEmail(email))), rateKey("client", client)}
	if err := s.checkRateLimit(ctx, keys, now); err != nil {
		return nil, err
	}
	u, err := s.userByEmail(ctx, email)
	if err != nil && !IsNotFound(err) {
		return nil, err
	}
	hash := dummyHash
	if u != nil && u.PasswordHash != nil {
		hash = *u.PasswordHash
	}
	ok := CheckPassword(hash, password)
	if u == nil || u.PasswordHash == nil || !ok {
		if err := s.recordFailure(ctx, keys, now); err != nil {
			return nil, err
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
	limits := []int{MaxFailuresPerEmail, MaxFailuresPerClient}
	since := now.UTC().Add(-LoginWindow)
	for i, key := range keys {
		var failures []time.Time
		err := s.DB.WithContext(ctx).Model(&loginFailure{}).
			Where("key_hash = ? AND failed_at > ?", key, since).
			Order("failed_at DESC").Limit(limits[i]).Pluck("failed_at", &failures).Error
		if err != nil {
			return err
		}
		if len(failures) >= limits[i] {
			oldest := failures[len(failures)-1]
			wait := oldest.Add(LoginWindow).Sub(now)
			return &Error{Kind: KindRateLimited, Code: "too_many_attempts",
				RetryAfterSeconds: max(1, int(math.Ceil(wait.Seconds())))}
		}
	}
	return nil
}

func (s *Store) recordFailure(ctx context.Context, keys []string, now time.Time) error {
	rows := make([]loginFailure, len(keys))
	for i, k := range keys {
		rows[i] = loginFailure{KeyHash: k, FailedAt: now.UTC()}
	}
	db := s.DB.WithContext(ctx)
	if err := db.Create(&rows).Error; err != nil {
		return err
	}
	// Keep the table small: old failures no longer count.
	return db.Where("failed_at < ?", now.UTC().Add(-LoginWindow)).Delete(&loginFailure{}).Error
}

// newSecret returns a random URL-safe token and its storage hash.
func newSecret() (raw, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	raw = base64.RawURLEncoding.EncodeToString(b)
	return raw, hashSecret(raw)
}

func hashSecret(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(sum[:])
}

// IssueRefreshToken starts a new rotation family for user and returns the raw token.
func (s *Store) IssueRefreshToken(ctx context.Context, userID string, now time.Time) (string, error) {
	return issueRefresh(s.DB.WithContext(ctx), userID, NewID(), now)
}

func issueRefresh(db *gorm.DB, userID, family string, now time.Time) (string, error) {
	raw, hash := newSecret()
	t := RefreshToken{ID: NewID(), UserID: userID, FamilyID: family, TokenHash: hash,
		ExpiresAt: now.UTC().Add(RefreshTokenLifetime), CreatedAt: now.UTC()}
	return raw, db.Create(&t).Error
}

// RotateRefreshToken spends raw and returns its user and a successor token.
// A token used twice means it was stolen: the whole family is revoked.
func (s *Store) RotateRefreshToken(ctx context.Context, raw string, now time.Time) (*User, string, error) {
	var user *User
	var next string
	reused := false
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		var t RefreshToken
		err := lockForUpdate(tx, s.Dialect).Where("token_hash = ?", hashSecret(raw)).Take(&t).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return errInvalidRefresh
		}
		if err != nil {
			return err
		}
		if t.UsedAt != nil && t.RevokedAt == nil {
			reused = true
			return revokeFamily(tx, t.FamilyID, now)
		}
		if t.RevokedAt != nil || !now.Before(t.ExpiresAt) {
			return errInvalidRefresh
		}
		res := tx.Model(&RefreshToken{}).Where("id = ? AND used_at IS NULL", t.ID).Update("used_at", now.UTC())
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return errInvalidRefresh
		}
		var u User
		if err := tx.Where("id = ?", t.UserID).Take(&u).Error; err != nil {
			return err
		}
		user = &u
		next, err = issueRefresh(tx, t.UserID, t.FamilyID, now)
		return err
	})
	if reused {
		return nil, "", errInvalidRefresh
	}
	if err != nil {
		return nil, "", err
	}
	return user, next, nil
}

func revokeFamily(tx *gorm.DB, family string, now time.Time) error {
	return tx.Model(&RefreshToken{}).Where("family_id = ? AND revoked_at IS NULL", family).
		Update("revoked_at", now.UTC()).Error
}

// RevokeRefreshToken ends the family raw belongs to (logout). Unknown tokens are ignored.
func (s *Store) RevokeRefreshToken(ctx context.Context, raw string, now time.Time) error {
	var t RefreshToken
	err := s.DB.WithContext(ctx).Where("token_hash = ?", hashSecret(raw)).Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return revokeFamily(s.DB.WithContext(ctx), t.FamilyID, now)
}

// lockForUpdate adds FOR UPDATE on PostgreSQL; SQLite's immediate
// transactions already hold the write lock.
func lockForUpdate(tx *gorm.DB, d Dialect) *gorm.DB {
	if d == Postgres {
		return tx.Clauses(forUpdate)
	}
	return tx
}
