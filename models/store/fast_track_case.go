package store

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
)

// refuseSecondPending refuses a request while another one still waits for
// the citizen's answer (one past its deadline has lapsed and does not wait).
func refuseSecondPending(tx *gorm.DB, citizenID string, now time.Time) error {
	var deadlines []time.Time
	err := tx.Model(&models.FastTrackRequest{}).Where("citizen_id = ? AND status = ?", citizenID, models.FastTrackPending).
		Pluck("consent_deadline", &deadlines).Error
	if err != nil {
		return fmt.Errorf("register fast track: %w", err)
	}
	for _, d := range deadlines {
		if !models.DeadlinePassed(d, now) {
			return models.ErrFastTrackPendingExists
		}
	}
	return nil
}
