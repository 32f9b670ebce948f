package outbox

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm/clause"

	"trappen/models"
	"trappen/models/sqldb"
)

// SavePushSubscription upserts by endpoint: a browser re-subscribing updates
// its keys. A device that changed hands follows the citizen signed in only
// when the caller proves it holds the device: the stored auth secret (which
// never leaves the server or the browser) must match. Anyone else who learnt
// the endpoint cannot take another citizen's reminders.
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
		Where: clause.Where{Exprs: []clause.Expression{clause.Expr{
			SQL: "push_subscriptions.citizen_id = excluded.citizen_id OR push_subscriptions.auth = excluded.auth"}}},
	}).Create(sub).Error
	if err != nil {
		return nil, fmt.Errorf("save push subscription: %w", err)
	}
	var stored models.PushSubscription // sub's fresh ID lost to the existing row's
	err = s.DB.WithContext(ctx).Where("endpoint = ?", in.Endpoint).Take(&stored).Error
	if err != nil {
		return nil, fmt.Errorf("save push subscription: %w", err)
	}
	if stored.CitizenID != citizenID {
		return nil, errEndpointTaken
	}
	return &stored, nil
}

// errEndpointTaken refuses to move another citizen's device to the caller.
var errEndpointTaken = models.NewError(models.KindConflict, "push_endpoint_taken")

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
	return s.LoadOrCreateSealedVAPIDKeys(ctx, now, nil)
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
