package oidcrp

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"time"

	"golang.org/x/oauth2"
)

// FlowLifetime is how long a started sign-in can be finished.
const FlowLifetime = 10 * time.Minute

// Flow is what one sign-in must remember between start and callback. It
// travels in a cookie sealed by a Sealer, so any instance can finish it.
type Flow struct {
	State      string `json:"s"`
	Nonce      string `json:"n"`
	Verifier   string `json:"v"`
	Audience   string `json:"a"`
	ReturnTo   string `json:"r"`
	InviteCode string `json:"i,omitempty"`
	// Expires is a Unix time.
	Expires int64 `json:"e"`
}

// NewFlow starts a flow with a fresh state, nonce and PKCE verifier.
func NewFlow(audience, returnTo, inviteCode string, now time.Time) Flow {
	return Flow{State: randomToken(), Nonce: randomToken(), Verifier: oauth2.GenerateVerifier(), Audience: audience,
		ReturnTo: returnTo, InviteCode: inviteCode, Expires: now.Add(FlowLifetime).Unix()}
}

// ExpiresAt is the flow's expiry as a time.
func (f Flow) ExpiresAt() time.Time { return time.Unix(f.Expires, 0).UTC() }

// Sealer encrypts and authenticates flows with AES-256-GCM.
type Sealer struct {
	aead cipher.AEAD
}

const sealInfo = "trappen oidc flow state v1"

// NewSealer derives its key from secret (the server's token key) with HKDF,
// so the flow cookie's key is not the key that signs access tokens.
func NewSealer(secret []byte) (*Sealer, error) {
	if len(secret) < 32 {
		return nil, errors.New("flow sealer: the secret must be at least 32 bytes")
	}
	key, err := hkdf.Key(sha256.New, secret, nil, sealInfo, 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Sealer{aead: aead}, nil
}

// Seal returns f encrypted, as URL-safe text.
func (s *Sealer) Seal(f Flow) (string, error) {
	plain, err := json.Marshal(f)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, s.aead.NonceSize())
	rand.Read(nonce)
	return base64.RawURLEncoding.EncodeToString(s.aead.Seal(nonce, nonce, plain, []byte(sealInfo))), nil
}

// ErrBadFlow is any flow cookie that is missing, altered or expired.
var ErrBadFlow = errors.New("no valid sign-in flow")

// Open decrypts a sealed flow and refuses it once expired at now.
func (s *Sealer) Open(sealed string, now time.Time) (Flow, error) {
	var f Flow
	raw, err := base64.RawURLEncoding.DecodeString(sealed)
	if err != nil || len(raw) < s.aead.NonceSize() {
		return f, ErrBadFlow
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, raw[:n], raw[n:], []byte(sealInfo))
	if err != nil || json.Unmarshal(plain, &f) != nil {
		return Flow{}, ErrBadFlow
	}
	if f.State == "" || f.Nonce == "" || f.Verifier == "" || !now.Before(f.ExpiresAt()) {
		return Flow{}, ErrBadFlow
	}
	return f, nil
}

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
