package identity

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// Identity links a person at an identity provider, the pair (issuer,
// subject), to a Trappen user.
type Identity struct {
	Issuer    string `gorm:"primaryKey"`
	Subject   string `gorm:"primaryKey"`
	UserID    string
	Audience  string
	CreatedAt time.Time
}

func (Identity) TableName() string { return "oidc_identities" }

// ExternalIdentity is what a verified ID token says about the person.
type ExternalIdentity struct {
	Audience, Issuer, Subject string
	Name, Email               string
}

// UserByIdentity is the user linked to (issuer, subject), or models.ErrNotFound.
func (s *Store) UserByIdentity(ctx context.Context, issuer, subject string) (*models.User, error) {
	return userByIdentity(s.DB.WithContext(ctx), issuer, subject)
}

func userByIdentity(db *gorm.DB, issuer, subject string) (*models.User, error) {
	var u models.User
	err := db.Joins("JOIN oidc_identities ON oidc_identities.user_id = users.id").
		Where("oidc_identities.issuer = ? AND oidc_identities.subject = ?", issuer, subject).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("user by identity: %w", err)
	}
	return &u, nil
}

// LinkIdentityByInvite spends an unused invite code and links id to the
// invited account, which is thereby activated: the first sign-in of a
// citizen (or employer) with an identity provider. The account's role must
// suit id.Audience (models.ErrNotAllowed); a wrong, used or expired code is
// models.ErrNotRegistered and counts against the client like a wrong code at
// activation. As at activation, the user's other sessions end; a link the
// user had at the same issuer is replaced (a re-issued invite is how a
// person moves to a new identity, on the terms of sign_in_codes.go: a code
// still in its waiting period is models.ErrNotRegistered too).
func (s *Store) LinkIdentityByInvite(ctx context.Context, id ExternalIdentity, code, client string, now time.Time) (*models.User, error) {
	key := rateKey("activate", client)
	if err := s.checkKeyLimit(ctx, key, models.MaxActivationFailures, now); err != nil {
		return nil, err
	}
	var user models.User
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		userID, err := redeemInvite(tx, s.Dialect, code, now)
		if err != nil {
			return err
		}
		if err := tx.Where("id = ?", userID).Take(&user).Error; err != nil {
			return err
		}
		if !models.AudienceAllowsRole(id.Audience, user.Role) {
			return models.ErrNotAllowed
		}
		if err := linkIdentity(tx, &user, id, now); err != nil {
			return err
		}
		return tx.Model(&models.RefreshToken{}).Where("user_id = ? AND revoked_at IS NULL", user.ID).
			Update("revoked_at", now.UTC()).Error
	})
	if errors.Is(err, errInviteWaiting) {
		return nil, models.ErrNotRegistered
	}
	if errors.Is(err, errInvalidInvite) {
		if ferr := s.recordFailure(ctx, []rateLimit{{key, models.MaxActivationFailures}}, now); ferr != nil {
			return nil, ferr
		}
		return nil, models.ErrNotRegistered
	}
	if err != nil {
		return nil, fmt.Errorf("link identity by invite: %w", err)
	}
	return &user, nil
}

// redeemInvite marks an unused, unexpired invite used and returns whose it
// is. Every kind of invite that can link an identity is spent here.
func redeemInvite(tx *gorm.DB, d sqldb.Dialect, code string, now time.Time) (string, error) {
	if strings.TrimSpace(code) == "" {
		return "", errInvalidInvite
	}
	var inv models.Invite
	codeHash := models.HashSecret(normalizeInviteCode(code))
	err := sqldb.LockForUpdate(tx, d).Where("code_hash = ?", codeHash).Take(&inv).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return redeemEmployerInvite(tx, d, codeHash, now)
	}
	if err != nil {
		return "", err
	}
	if inv.UsedAt != nil || !now.Before(inv.ExpiresAt) {
		return "", errInvalidInvite
	}
	// A code re-issued for an account already in use links an identity only
	// on the same terms as it sets a password (sign_in_codes.go): after the
	// waiting period, if the citizen has not signed in since, and private
	// reflections stay sealed from whoever holds the code.
	if err := checkReset(tx, &inv, now); err != nil {
		return "", err
	}
	if err := sealAfterReset(tx, &inv); err != nil {
		return "", err
	}
	res := tx.Model(&models.Invite{}).Where("id = ? AND used_at IS NULL", inv.ID).Update("used_at", now.UTC())
	if res.Error != nil {
		return "", res.Error
	}
	if res.RowsAffected != 1 {
		return "", errInvalidInvite
	}
	return inv.CitizenID, nil
}

// linkIdentity stores the link and marks the user as signing in with an
// identity provider.
func linkIdentity(tx *gorm.DB, u *models.User, id ExternalIdentity, now time.Time) error {
	if err := tx.Where("user_id = ? AND issuer = ?", u.ID, id.Issuer).Delete(&Identity{}).Error; err != nil {
		return err
	}
	err := tx.Create(&Identity{Issuer: id.Issuer, Subject: id.Subject, UserID: u.ID, Audience: id.Audience,
		CreatedAt: now.UTC()}).Error
	if err != nil && sqldb.IsUniqueViolation(err) {
		// The identity was linked to someone else a moment ago.
		return models.ErrNotRegistered
	}
	if err != nil {
		return err
	}
	if u.OIDCLinkedAt != nil {
		return nil
	}
	t := now.UTC()
	u.OIDCLinkedAt = &t
	return tx.Model(&models.User{}).Where("id = ?", u.ID).
		UpdateColumns(map[string]any{"oidc_linked_at": t, "updated_at": t}).Error
}

// SignInCaseworkerIdentity returns the caseworker linked to id, creating the
// account on first sign-in from the name and e-mail claims (the caller has
// checked the group claim). A caseworker account with the same e-mail (made
// with a password) is linked rather than duplicated; an e-mail that belongs
// to another role is models.ErrNotAllowed.
func (s *Store) SignInCaseworkerIdentity(ctx context.Context, id ExternalIdentity, now time.Time) (*models.User, error) {
	var user *models.User
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		u, err := userByIdentity(tx, id.Issuer, id.Subject)
		if err == nil {
			if u.Role != models.RoleCaseworker {
				return models.ErrNotAllowed
			}
			user = u
			return nil
		}
		if !models.IsNotFound(err) {
			return err
		}
		user, err = caseworkerForIdentity(tx, id, now)
		if err != nil {
			return err
		}
		return linkIdentity(tx, user, id, now)
	})
	if err != nil {
		return nil, fmt.Errorf("caseworker sign-in: %w", err)
	}
	return user, nil
}

// caseworkerForIdentity finds the caseworker with id's e-mail or creates one.
func caseworkerForIdentity(tx *gorm.DB, id ExternalIdentity, now time.Time) (*models.User, error) {
	email := models.NormalizeEmail(id.Email)
	name := strings.TrimSpace(id.Name)
	if name == "" {
		name = email
	}
	var v models.Validation
	models.ValidateEmail(&v, "email", email)
	models.ValidateName(&v, "name", name)
	if v.Err() != nil {
		return nil, models.ErrNotAllowed
	}
	var existing models.User
	err := tx.Where("lower(email) = lower(?)", email).Take(&existing).Error
	if err == nil {
		if existing.Role != models.RoleCaseworker {
			return nil, models.ErrNotAllowed
		}
		return &existing, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, err
	}
	u := &models.User{ID: models.NewID(), Role: models.RoleCaseworker, Email: email, Name: name, Locale: "da",
		CreatedAt: now.UTC(), UpdatedAt: now.UTC()}
	if err := tx.Create(u).Error; err != nil {
		return nil, UniqueEmail(err)
	}
	return u, nil
}

// ErrStateUsed is a sign-in state presented a second time.
var ErrStateUsed = errors.New("sign-in state already used")

type usedState struct {
	StateHash string `gorm:"primaryKey"`
	ExpiresAt time.Time
}

func (usedState) TableName() string { return "oidc_used_states" }

// SpendSignInState records that a sign-in's state has been used, so that a
// callback replayed on this or any other instance is refused (ErrStateUsed).
// States whose flows have expired are forgotten.
func (s *Store) SpendSignInState(ctx context.Context, state string, expires, now time.Time) error {
	db := s.DB.WithContext(ctx)
	if err := db.Where("expires_at < ?", now.UTC()).Delete(&usedState{}).Error; err != nil {
		return fmt.Errorf("spend sign-in state: %w", err)
	}
	err := db.Create(&usedState{StateHash: models.HashSecret(state), ExpiresAt: expires.UTC()}).Error
	if err != nil && (errors.Is(err, gorm.ErrDuplicatedKey) || sqldb.IsUniqueViolation(err)) {
		return ErrStateUsed
	}
	if err != nil {
		return fmt.Errorf("spend sign-in state: %w", err)
	}
	return nil
}
