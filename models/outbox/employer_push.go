package outbox

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
)

// employerSkipReason checks an employer's message once more when it is due:
// the access may have ended, the case closed, the sharing been turned off or
// the roundtable passed since it was queued. Those changes cancel the
// message in their own transaction; this check is the second lock on the
// door, so a missed cancel can never tell an employer more than they may see.
func employerSkipReason(tx *gorm.DB, j *models.PushJob, now time.Time) (string, error) {
	if j.Type == models.PushEmployerRoundtable && j.RefAt != nil && !j.RefAt.After(now) {
		return "passed", nil
	}
	if j.EmployeeID == nil {
		return "no_access", nil
	}
	var row struct {
		Contacts int
		ClosedOn *string
	}
	err := tx.Raw(`SELECT (SELECT COUNT(*) FROM employer_contacts WHERE citizen_id = c.id AND user_id = ?) AS contacts, c.closed_on
		FROM citizens c WHERE c.id = ?`, j.CitizenID, *j.EmployeeID).Scan(&row).Error
	if err != nil {
		return "", fmt.Errorf("employer skip reason: %w", err)
	}
	switch {
	case row.Contacts == 0:
		return "no_access", nil
	case row.ClosedOn != nil:
		return "closed", nil
	}
	var sh models.EmployerSharing
	if err := tx.Where("citizen_id = ?", *j.EmployeeID).Limit(1).Find(&sh).Error; err != nil {
		return "", fmt.Errorf("employer skip reason: %w", err)
	}
	if !sh.SharedFor(j.Type) {
		return "not_shared", nil
	}
	return "", nil
}
