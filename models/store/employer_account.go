package store

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// An employer account exists for the employees it follows. When it follows
// no one any more — the caseworker ended the last access, or the last
// employee's case was deleted — it is deleted too: sessions, refresh tokens,
// devices, reminder settings, identity links and the account itself.

// eraseCase erases a citizen and then every employer account that followed
// only them.
func (s *Store) eraseCase(tx *gorm.DB, citizenID string, now time.Time) error {
	var employers []string
	if err := tx.Model(&models.EmployerContact{}).Where("citizen_id = ?", citizenID).Order("user_id").
		Pluck("user_id", &employers).Error; err != nil {
		return fmt.Errorf("erase case: %w", err)
	}
	if err := s.erasePerson(tx, citizenID); err != nil {
		return err
	}
	for _, id := range employers {
		if err := s.dropLoneEmployer(tx, id, now); err != nil {
			return fmt.Errorf("erase case: %w", err)
		}
	}
	return nil
}

// dropLoneEmployer deletes employerID's account if it follows no one. Where
// another citizen's records still name the employer (their access log shows
// who read their data, a placement or fast-track request says who made it),
// the account is kept as a name only: everything else is erased, the e-mail
// is replaced and no way to sign in is left, so a new invite to the same
// e-mail makes a new account.
func (s *Store) dropLoneEmployer(tx *gorm.DB, employerID string, now time.Time) error {
	var n int64
	if err := tx.Model(&models.EmployerContact{}).Where("user_id = ?", employerID).Count(&n).Error; err != nil {
		return fmt.Errorf("drop lone employer: %w", err)
	}
	if n > 0 {
		return nil
	}
	var role []string
	if err := tx.Model(&models.User{}).Where("id = ?", employerID).Pluck("role", &role).Error; err != nil {
		return fmt.Errorf("drop lone employer: %w", err)
	}
	if len(role) == 0 || role[0] != models.RoleEmployer {
		return nil
	}
	if err := tx.Exec("SAVEPOINT drop_employer").Error; err != nil {
		return fmt.Errorf("drop lone employer: %w", err)
	}
	err := s.erasePerson(tx, employerID)
	if err == nil {
		return sqldb.Wrap("drop lone employer", tx.Exec("RELEASE SAVEPOINT drop_employer").Error)
	}
	if !sqldb.IsForeignKeyViolation(err) {
		return fmt.Errorf("drop lone employer: %w", err)
	}
	if err := tx.Exec("ROLLBACK TO SAVEPOINT drop_employer").Error; err != nil {
		return fmt.Errorf("drop lone employer: %w", err)
	}
	return s.retireEmployer(tx, employerID, now)
}

// retireEmployer leaves only the employer's name and role.
func (s *Store) retireEmployer(tx *gorm.DB, employerID string, now time.Time) error {
	if err := s.eraseTraces(tx, employerID); err != nil {
		return fmt.Errorf("retire employer: %w", err)
	}
	now = now.UTC()
	return sqldb.Wrap("retire employer", tx.Model(&models.User{}).Where("id = ?", employerID).Updates(map[string]any{
		"email": RetiredEmail(employerID), "password_hash": nil, "password_changed_at": now, "oidc_linked_at": nil,
		"updated_at": now}).Error)
}

// RetiredEmail is the address a retired employer account keeps: unique,
// and on a domain that can never receive mail (RFC 2606).
func RetiredEmail(id string) string { return "deleted-" + id + "@trappen.invalid" }
