package store

import (
	"gorm.io/gorm"

	"trappen/models"
)

// checkAccess answers ErrNotFound unless the caller may see the citizen. A
// citizen is authenticated as themself, so only a caseworker needs a look-up.
func checkAccess(tx *gorm.DB, a models.Access) error {
	if a.Employer {
		_, err := employeeOf(tx, a.UserID, a.CitizenID)
		return err
	}
	if !a.Caseworker {
		return nil
	}
	_, err := citizenOf(tx, a.UserID, a.CitizenID)
	return err
}
