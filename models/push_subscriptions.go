package models

import (
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"net/url"
	"strings"
	"time"
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
