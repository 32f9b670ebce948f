package models

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// Login rate limits: failures within the window. The owner's own guesses
// from their own address are held back after MaxFailuresPerEmailAndClient;
// an attacker elsewhere cannot lock them out that way. All addresses
// together get MaxFailuresPerEmail, which stops a distributed guess (and
// then holds back the owner too, until the window passes).
const (
	LoginWindow                  = 15 * time.Minute
	MaxFailuresPerEmailAndClient = 5
	MaxFailuresPerEmail          = 20
	MaxFailuresPerClient         = 100
	// MaxActivationFailures bounds wrong invite codes per client address: a
	// code has 60 bits, but nobody should get to try many.
	MaxActivationFailures = 30
	RefreshTokenLifetime  = 30 * 24 * time.Hour
)

// RefreshToken is one link in a rotation family; only its hash is stored.
type RefreshToken struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	FamilyID  string
	TokenHash string
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

// NewSecret returns a random URL-safe token and its storage hash.
func NewSecret() (raw, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	raw = base64.RawURLEncoding.EncodeToString(b)
	return raw, HashSecret(raw)
}

func HashSecret(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(sum[:])
}
