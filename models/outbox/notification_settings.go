package outbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"trappen/models"
	"trappen/models/sqldb"
)

func defaultNotificationSettings(citizenID string) *models.NotificationSettings {
	start, end := models.DefaultQuietStart, models.DefaultQuietEnd
	return &models.NotificationSettings{CitizenID: citizenID, QuietStart: &start, QuietEnd: &end}
}

// NotificationSettingsFor returns the citizen's settings, or the defaults.
func (s *Store) NotificationSettingsFor(ctx context.Context, citizenID string) (*models.NotificationSettings, error) {
	return notificationSettings(s.DB.WithContext(ctx), citizenID)
}

func notificationSettings(db *gorm.DB, citizenID string) (*models.NotificationSettings, error) {
	var n models.NotificationSettings
	err := db.Where("citizen_id = ?", citizenID).Take(&n).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return defaultNotificationSettings(citizenID), nil
	}
	return &n, err
}

// UpdateNotificationSettings applies a change and returns the result.
func (s *Store) UpdateNotificationSettings(ctx context.Context, citizenID string, c models.SettingsChange, now time.Time) (*models.NotificationSettings, error) {
	var n *models.NotificationSettings
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		var err error
		if n, err = notificationSettings(tx, citizenID); err != nil {
			return fmt.Errorf("update notification settings: %w", err)
		}
		if err := c.Apply(n); err != nil {
			return fmt.Errorf("update notification settings: %w", err)
		}
		n.UpdatedAt = now.UTC()
		return sqldb.Wrap("update notification settings", tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(n).Error)
	})
	return n, err
}
