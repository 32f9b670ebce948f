package identity

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// InviteEmployer makes an employer contact for citizenID in tx. The e-mail
// decides the account: a new one is made with role employer and no
// password; an existing employer account is linked at once, so one manager
// follows several employees. An e-mail of a citizen or caseworker is taken.
// Either way an invite code is issued: a new account sets its password with
// it, an existing one signs in with it (see activateEmployer).
func InviteEmployer(tx *gorm.DB, citizenID, caseworkerID string, in models.NewEmployerContact, now time.Time) (*models.EmployerContactView, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	in.Name = strings.TrimSpace(in.Name)
	now = now.UTC()
	var u models.User
	err := tx.Where("lower(email) = lower(?)", in.Email).Take(&u).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		u = models.User{ID: models.NewID(), Role: models.RoleEmployer, Email: in.Email, Name: in.Name, Locale: "da",
			CreatedAt: now, UpdatedAt: now}
		if err := tx.Create(&u).Error; err != nil {
			return nil, UniqueEmail(err)
		}
	case err != nil:
		return nil, fmt.Errorf("invite employer: %w", err)
	case u.Role != models.RoleEmployer:
		return nil, UniqueEmail(gorm.ErrDuplicatedKey)
	}
	code := newInviteCode()
	hash := models.HashSecret(normalizeInviteCode(code))
	expires := now.Add(models.InviteLifetime)
	c := models.EmployerContact{ID: models.NewID(), CitizenID: citizenID, UserID: u.ID, Name: in.Name, Email: in.Email,
		InviteCodeHash: &hash, InviteExpiresAt: &expires, CreatedBy: caseworkerID, CreatedAt: now}
	if err := tx.Create(&c).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) || sqldb.IsUniqueViolation(err) {
			return nil, models.NewError(models.KindConflict, "contact_exists")
		}
		return nil, fmt.Errorf("invite employer: %w", err)
	}
	v := models.EmployerContactView{ID: c.ID, Name: c.Name, Email: c.Email, InviteCode: &code,
		InviteExpiresAt: c.InviteExpiresAt, InvitePending: true, CreatedAt: c.CreatedAt}
	return &v, nil
}

// activateEmployer spends an employer contact's invite code. A new account
// gets its password; an account that already has one must give it (the code
// then works as a sign-in and changes nothing), so a code that leaks cannot
// take over a manager's account.
func activateEmployer(tx *gorm.DB, d sqldb.Dialect, codeHash, password, newHash string, now time.Time, out *models.User) error {
	var c models.EmployerContact
	err := sqldb.LockForUpdate(tx, d).Where("invite_code_hash = ?", codeHash).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return errInvalidInvite
	}
	if err != nil {
		return fmt.Errorf("activate employer: %w", err)
	}
	if c.InviteUsedAt != nil || c.InviteExpiresAt == nil || !now.Before(*c.InviteExpiresAt) {
		return errInvalidInvite
	}
	if err := tx.Where("id = ?", c.UserID).Take(out).Error; err != nil {
		return fmt.Errorf("activate employer: %w", err)
	}
	if out.PasswordHash != nil && !CheckPassword(*out.PasswordHash, password) {
		return errInvalidInvite
	}
	if out.PasswordHash == nil && out.OIDCLinkedAt != nil {
		return errInvalidInvite // signs in with an identity provider; a code sets no password
	}
	if err := tx.Model(&models.EmployerContact{}).Where("id = ?", c.ID).Update("invite_used_at", now.UTC()).Error; err != nil {
		return fmt.Errorf("use employer invite: %w", err)
	}
	if out.PasswordHash != nil {
		return nil
	}
	if err := tx.Model(&models.User{}).Where("id = ?", c.UserID).
		Updates(map[string]any{"password_hash": newHash, "password_changed_at": now.UTC(), "updated_at": now.UTC()}).Error; err != nil {
		return fmt.Errorf("activate employer: %w", err)
	}
	return sqldb.Wrap("activate employer", tx.Where("id = ?", c.UserID).Take(out).Error)
}

// redeemEmployerInvite spends an employer contact's invite for a first
// sign-in with an identity provider. Only an account that has never been
// activated may be linked this way: an employer who already signs in
// follows the new employee at once and needs no code, and a leaked code
// must not link a stranger's identity to their account.
func redeemEmployerInvite(tx *gorm.DB, d sqldb.Dialect, codeHash string, now time.Time) (string, error) {
	var c models.EmployerContact
	err := sqldb.LockForUpdate(tx, d).Where("invite_code_hash = ?", codeHash).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", errInvalidInvite
	}
	if err != nil {
		return "", fmt.Errorf("redeem employer invite: %w", err)
	}
	if c.InviteUsedAt != nil || c.InviteExpiresAt == nil || !now.Before(*c.InviteExpiresAt) {
		return "", errInvalidInvite
	}
	var u models.User
	if err := tx.Where("id = ?", c.UserID).Take(&u).Error; err != nil {
		return "", fmt.Errorf("redeem employer invite: %w", err)
	}
	if u.PasswordHash != nil || u.OIDCLinkedAt != nil {
		return "", errInvalidInvite
	}
	if err := tx.Model(&models.EmployerContact{}).Where("id = ?", c.ID).Update("invite_used_at", now.UTC()).Error; err != nil {
		return "", fmt.Errorf("redeem employer invite: %w", err)
	}
	return c.UserID, nil
}
