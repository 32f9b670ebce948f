// Package secretbox encrypts the secrets Trappen stores (the VAPID private
// key in the database, the JWT signing key on disk) with AES-256-GCM under a
// key derived from TRAPPEN_SECRET_KEY. During a rotation the previous key
// still opens what it sealed, and callers re-seal with the current one.
package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/hkdf"
)

// prefix marks a sealed value; anything without it is plaintext from before
// a key was set.
const prefix = "trappen-sealed:v1:"

// MinSecretLength is the shortest TRAPPEN_SECRET_KEY accepted.
const MinSecretLength = 32

// Box seals with its first key and opens with any of them.
type Box struct {
	keys []cipher.AEAD
}

// ErrNoKey means a sealed value was found but no key is configured.
var ErrNoKey = errors.New("the value is encrypted: set TRAPPEN_SECRET_KEY")

// New derives a box from the current secret and any previous ones. An empty
// current secret gives a nil box: secrets stay in plaintext.
func New(current []byte, previous ...[]byte) (*Box, error) {
	if len(current) == 0 {
		return nil, nil
	}
	b := &Box{}
	for _, secret := range append([][]byte{current}, previous...) {
		if len(secret) == 0 {
			continue
		}
		if len(secret) < MinSecretLength {
			return nil, fmt.Errorf("a secret key must be at least %d bytes", MinSecretLength)
		}
		aead, err := derive(secret)
		if err != nil {
			return nil, err
		}
		b.keys = append(b.keys, aead)
	}
	return b, nil
}

// derive stretches a secret into an AES-256 key with HKDF-SHA256, so a long
// passphrase or a random key both work and the raw secret is never the key.
func derive(secret []byte) (cipher.AEAD, error) {
	key := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, secret, nil, []byte("trappen secretbox v1")), key); err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// IsSealed reports whether s was sealed by a box.
func IsSealed(s string) bool { return strings.HasPrefix(s, prefix) }

// Seal encrypts plain with the current key.
func (b *Box) Seal(plain []byte) (string, error) {
	aead := b.keys[0]
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return prefix + base64.RawURLEncoding.EncodeToString(aead.Seal(nonce, nonce, plain, nil)), nil
}

// Open decrypts a sealed value; current is false when a previous key opened
// it (the caller should re-seal). A nil box cannot open anything.
func (b *Box) Open(sealed string) (plain []byte, current bool, err error) {
	if b == nil {
		return nil, false, ErrNoKey
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(sealed, prefix))
	if err != nil || !IsSealed(sealed) {
		return nil, false, errors.New("not a sealed value")
	}
	for i, aead := range b.keys {
		n := aead.NonceSize()
		if len(raw) < n {
			break
		}
		if plain, err := aead.Open(nil, raw[:n], raw[n:], nil); err == nil {
			return plain, i == 0, nil
		}
	}
	return nil, false, errors.New("no configured secret key opens the value (is TRAPPEN_SECRET_KEY_PREVIOUS missing?)")
}

// Reveal returns the plaintext of a stored value, sealed or not, and the
// value that should be stored instead ("" when it is fine as it is): plain
// values are sealed once a key is set, and values sealed with a previous
// key are re-sealed with the current one.
func (b *Box) Reveal(stored string) (plain []byte, restore string, err error) {
	if !IsSealed(stored) {
		if b == nil {
			return []byte(stored), "", nil
		}
		restore, err = b.Seal([]byte(stored))
		return []byte(stored), restore, err
	}
	plain, current, err := b.Open(stored)
	if err != nil || current {
		return plain, "", err
	}
	restore, err = b.Seal(plain)
	return plain, restore, err
}

// Store returns what to store for plain: sealed with a box, as is without.
func (b *Box) Store(plain []byte) (string, error) {
	if b == nil {
		return string(plain), nil
	}
	return b.Seal(plain)
}
