package models

import (
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// PushSubscription is one device's Web Push subscription.
type PushSubscription struct {
	ID        string `gorm:"primaryKey"`
	CitizenID string
	Endpoint  string
	P256dh    string // base64url, an uncompressed P-256 point
	Auth      string // base64url, 16 bytes
	CreatedAt time.Time
	UpdatedAt time.Time
}

// NewPushSubscription is what the browser's PushSubscription.toJSON() gives.
type NewPushSubscription struct {
	Endpoint string
	P256dh   string
	Auth     string
}

const maxEndpointLength = 2048

// DecodeBase64Key accepts the base64 variants browsers and libraries use.
func DecodeBase64Key(s string) ([]byte, bool) {
	s = strings.TrimRight(strings.TrimSpace(s), "=")
	if b, err := base64.RawURLEncoding.DecodeString(s); err == nil {
		return b, true
	}
	b, err := base64.RawStdEncoding.DecodeString(s)
	return b, err == nil
}

// Validate checks the endpoint against the allow-list (so the server never
// posts anywhere else) and the keys: a P-256 point and a 16-byte secret.
func (in *NewPushSubscription) Validate(allowlist []string) error {
	var v Validation
	if !EndpointAllowed(in.Endpoint, allowlist) {
		v.Add("endpoint", "endpoint_not_allowed")
	}
	if b, ok := DecodeBase64Key(in.P256dh); !ok || !validP256Point(b) {
		v.Add("keys.p256dh", "invalid_key")
	} else {
		in.P256dh = base64.RawURLEncoding.EncodeToString(b)
	}
	if b, ok := DecodeBase64Key(in.Auth); !ok || len(b) != 16 {
		v.Add("keys.auth", "invalid_key")
	} else {
		in.Auth = base64.RawURLEncoding.EncodeToString(b)
	}
	return v.Err()
}

func validP256Point(b []byte) bool {
	if len(b) != 65 || b[0] != 4 {
		return false
	}
	_, err := ecdh.P256().NewPublicKey(b)
	return err == nil
}

// EndpointAllowed reports whether endpoint is an absolute URL that starts
// with one of the allowed prefixes. A prefix may name a host pattern such as
// https://*.notify.windows.com/, which matches any subdomain (Windows' push
// service hands out a host per region).
func EndpointAllowed(endpoint string, allowlist []string) bool {
	if endpoint == "" || len(endpoint) > maxEndpointLength {
		return false
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || u.User != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return false
	}
	for _, p := range allowlist {
		if p != "" && (strings.HasPrefix(endpoint, p) || wildcardMatch(u, p)) {
			return true
		}
	}
	return false
}

// wildcardMatch matches u against a prefix of the form scheme://*.domain/path.
func wildcardMatch(u *url.URL, prefix string) bool {
	scheme, rest, ok := strings.Cut(prefix, "://*.")
	if !ok || u.Scheme != scheme {
		return false
	}
	domain, path, _ := strings.Cut(rest, "/")
	host := u.Hostname()
	if u.Port() != "" || domain == "" || !strings.HasSuffix(host, "."+domain) {
		return false
	}
	return strings.HasPrefix(u.EscapedPath(), "/"+path)
}

// errEndpointTaken refuses to move another citizen's device to the caller.
var errEndpointTaken = NewError(KindConflict, "push_endpoint_taken")

// SavePushSubscription upserts by endpoint: a browser re-subscribing updates
// its keys. A device that changed hands follows the citizen signed in only
// when the caller proves it holds the device: the stored auth secret (which
// never leaves the server or the browser) must match. Anyone else who learnt
// the endpoint cannot take another citizen's reminders.
func (s *Store) SavePushSubscription(ctx context.Context, citizenID string, in NewPushSubscription, allowlist []string, now time.Time) (*PushSubscription, error) {
	in.Endpoint = strings.TrimSpace(in.Endpoint)
	if err := in.Validate(allowlist); err != nil {
		return nil, err
	}
	now = now.UTC()
	sub := &PushSubscription{ID: NewID(), CitizenID: citizenID, Endpoint: in.Endpoint, P256dh: in.P256dh, Auth: in.Auth,
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
	var stored PushSubscription // sub's fresh ID lost to the existing row's
	err = s.DB.WithContext(ctx).Where("endpoint = ?", in.Endpoint).Take(&stored).Error
	if err != nil {
		return nil, fmt.Errorf("save push subscription: %w", err)
	}
	if stored.CitizenID != citizenID {
		return nil, errEndpointTaken
	}
	return &stored, nil
}

// DeletePushSubscription removes the citizen's subscription for endpoint;
// deleting one that is already gone is not an error.
func (s *Store) DeletePushSubscription(ctx context.Context, citizenID, endpoint string) error {
	return s.DB.WithContext(ctx).Where("citizen_id = ? AND endpoint = ?", citizenID, strings.TrimSpace(endpoint)).
		Delete(&PushSubscription{}).Error
}

// PushSubscriptions lists the citizen's devices, oldest first.
func (s *Store) PushSubscriptions(ctx context.Context, citizenID string) ([]PushSubscription, error) {
	var list []PushSubscription
	err := s.DB.WithContext(ctx).Where("citizen_id = ?", citizenID).Order("created_at, id").Find(&list).Error
	return list, err
}

// VAPIDKeys is the server's Web Push identity (base64url: the uncompressed
// public point and the 32-byte private scalar).
type VAPIDKeys struct {
	ID         int `gorm:"primaryKey"`
	PublicKey  string
	PrivateKey string
	CreatedAt  time.Time
}

// TableName maps VAPIDKeys to its one-row table.
func (VAPIDKeys) TableName() string { return "vapid_keys" }

// LoadOrCreateVAPIDKeys returns the key pair kept in the database, creating
// it on first start. Every instance on the database gets the same pair.
func (s *Store) LoadOrCreateVAPIDKeys(ctx context.Context, now time.Time) (*VAPIDKeys, error) {
	db := s.DB.WithContext(ctx)
	var k VAPIDKeys
	err := db.Where("id = 1").Take(&k).Error
	if err == nil {
		return &k, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, err
	}
	fresh, err := GenerateVAPIDKeys()
	if err != nil {
		return nil, err
	}
	fresh.CreatedAt = now.UTC()
	if err := db.Clauses(clause.OnConflict{DoNothing: true}).Create(fresh).Error; err != nil {
		return nil, err
	}
	err = db.Where("id = 1").Take(&k).Error // another instance may have won
	return &k, err
}

// GenerateVAPIDKeys makes a new P-256 key pair.
func GenerateVAPIDKeys() (*VAPIDKeys, error) {
	priv, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return &VAPIDKeys{ID: 1, PublicKey: base64.RawURLEncoding.EncodeToString(priv.PublicKey().Bytes()),
		PrivateKey: base64.RawURLEncoding.EncodeToString(priv.Bytes())}, nil
}

// PushSubscriptionView is what the citizen sees of a device: its endpoint
// (which the PWA compares with its own), never the keys.
type PushSubscriptionView struct {
	Endpoint  string    `json:"endpoint"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// PushSubscriptionViews lists the citizen's devices.
func (s *Store) PushSubscriptionViews(ctx context.Context, citizenID string) ([]PushSubscriptionView, error) {
	list, err := s.PushSubscriptions(ctx, citizenID)
	out := make([]PushSubscriptionView, len(list))
	for i, p := range list {
		out[i] = PushSubscriptionView{Endpoint: p.Endpoint, CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC()}
	}
	return out, err
}
