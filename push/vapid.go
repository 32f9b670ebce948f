package push

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// vapidLifetime is how long a signed VAPID header is valid (RFC 8292 allows
// up to 24 hours); it is renewed when less than vapidRenewBefore is left.
const (
	vapidLifetime    = 12 * time.Hour
	vapidRenewBefore = time.Hour
)

// vapidSigner makes "vapid t=<JWT>, k=<key>" headers, one per audience (a
// push service's origin), and keeps each for its lifetime: signing costs
// more than encrypting a message.
type vapidSigner struct {
	key        *ecdsa.PrivateKey
	publicKey  string // base64url, as sent in k=
	subscriber string

	mu    sync.Mutex
	cache map[string]vapidHeader
}

type vapidHeader struct {
	value   string
	expires time.Time
}

func newVAPIDSigner(publicKey, privateKey, subscriber string) (*vapidSigner, error) {
	pub, err1 := decodeKey(publicKey)
	priv, err2 := decodeKey(privateKey)
	if err1 != nil || err2 != nil || len(pub) != 65 || len(priv) != 32 {
		return nil, fmt.Errorf("VAPID keys must be base64url P-256 keys (65 and 32 bytes)")
	}
	key, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), priv)
	if err != nil {
		return nil, fmt.Errorf("VAPID private key: %w", err)
	}
	if derived, err := key.PublicKey.Bytes(); err != nil || string(derived) != string(pub) {
		return nil, fmt.Errorf("the VAPID public key does not belong to the private key")
	}
	return &vapidSigner{key: key, publicKey: base64.RawURLEncoding.EncodeToString(pub),
		subscriber: vapidSubject(subscriber), cache: map[string]vapidHeader{}}, nil
}

// vapidSubject is the JWT's sub: a mailto: or https: URL (RFC 8292 §2.1).
func vapidSubject(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "https:") || strings.HasPrefix(s, "mailto:") {
		return s
	}
	return "mailto:" + s
}

// header returns the Authorization header for endpoint's push service.
func (v *vapidSigner) header(endpoint string, now time.Time) (string, error) {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("push endpoint is not a URL")
	}
	aud := u.Scheme + "://" + u.Host
	v.mu.Lock()
	defer v.mu.Unlock()
	if h, ok := v.cache[aud]; ok && now.Add(vapidRenewBefore).Before(h.expires) {
		return h.value, nil
	}
	exp := now.Add(vapidLifetime)
	token, err := jwt.NewWithClaims(jwt.SigningMethodES256, jwt.MapClaims{
		"aud": aud, "exp": exp.Unix(), "sub": v.subscriber,
	}).SignedString(v.key)
	if err != nil {
		return "", fmt.Errorf("sign VAPID token: %w", err)
	}
	h := vapidHeader{value: "vapid t=" + token + ", k=" + v.publicKey, expires: exp}
	v.cache[aud] = h
	return h.value, nil
}

// decodeKey reads base64url with or without padding (browsers and key
// generators differ).
func decodeKey(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(strings.TrimSpace(s), "="))
}
