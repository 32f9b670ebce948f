package outbox

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"trappen/models"
	"trappen/models/sqldb"
)

// SavePushSubscription upserts by endpoint: a browser re-subscribing updates
// its keys, and a device that changed hands follows the citizen signed in.
func (s *Store) SavePushSubscription(ctx context.Context, citizenID string, in models.NewPushSubscription, allowlist []string, now time.Time) (*models.PushSubscription, error) {
	in.Endpoint = strings.TrimSpace(in.Endpoint)
	if err := in.Validate(allowlist); err != nil {
		return nil, err
	}
	now = now.UTC()
	sub := &models.PushSubscription{ID: models.NewID(), CitizenID: citizenID, Endpoint: in.Endpoint, P256dh: in.P256dh, Auth: in.Auth,
		CreatedAt: now, UpdatedAt: now}
	err := s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "endpoint"}},
		DoUpdates: clause.AssignmentColumns([]string{"citizen_id", "p256dh", "auth", "updated_at"}),
	}).Create(sub).Error
	if err != nil {
		return nil, fmt.Errorf("save push subscription: %w", err)
	}
	var stored models.PushSubscription // sub's fresh ID lost to the existing row's
	err = s.DB.WithContext(ctx).Where("endpoint = ?", in.Endpoint).Take(&stored).Error
	return &stored, err
}

// DeletePushSubscription removes the citizen's subscription for endpoint;
// deleting one that is already gone is not an error.
func (s *Store) DeletePushSubscription(ctx context.Context, citizenID, endpoint string) error {
	return sqldb.Wrap("delete push subscription", s.DB.WithContext(ctx).Where("citizen_id = ? AND endpoint = ?", citizenID, strings.TrimSpace(endpoint)).
		Delete(&models.PushSubscription{}).Error)
}

// PushSubscriptions lists the citizen's devices, oldest first.
func (s *Store) PushSubscriptions(ctx context.Context, citizenID string) ([]models.PushSubscription, error) {
	var list []models.PushSubscription
	err := s.DB.WithContext(ctx).Where("citizen_id = ?", citizenID).Order("created_at, id").Find(&list).Error
	return list, err
}

// LoadOrCreateVAPIDKeys returns the key pair kept in the database, creating
// it on first start. Every instance on the database gets the same pair.
func (s *Store) LoadOrCreateVAPIDKeys(ctx context.Context, now time.Time) (*models.VAPIDKeys, error) {
	db := s.DB.WithContext(ctx)
	var k models.VAPIDKeys
	err := db.Where("id = 1").Take(&k).Error
	if err == nil {
		return &k, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, err
	}
	fresh, err := models.GenerateVAPIDKeys()
	if err != nil {
		return nil, fmt.Errorf("load or create vapid keys: %w", err)
	}
	fresh.CreatedAt = now.UTC()
	if err := db.Clauses(clause.OnConflict{DoNothing: true}).Create(fresh).Error; err != nil {
		return nil, fmt.Errorf("load or create vapid keys: %w", err)
	}
	err = db.Where("id = 1").Take(&k).Error // another instance may have won
	return &k, err
}

// PushSubscriptionViews lists the citizen's devices.
func (s *Store) PushSubscriptionViews(ctx context.Context, citizenID string) ([]models.PushSubscriptionView, error) {
	list, err := s.PushSubscriptions(ctx, citizenID)
	out := make([]models.PushSubscriptionView, len(list))
	for i, p := range list {
		out[i] = models.PushSubscriptionView{Endpoint: p.Endpoint, CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC()}
	}
	return out, err
}
