package identity

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes).
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword returns an encoded argon2id hash.
func HashPassword(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	p := hashCost
	key := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.memory, p.time, p.threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword compares password with an encoded hash in constant time.
func CheckPassword(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// argonCost is what a new hash costs; a stored hash names its own.
type argonCost struct {
	memory, time uint32
	threads      uint8
}

// hashCost is the production cost; only test binaries lower it, through
// UseCheapPasswordHashesInTests.
var hashCost = argonCost{memory: argonMemory, time: argonTime, threads: argonThreads}

// dummyHash is checked against when the user is unknown, so that an unknown
// e-mail costs as much time as a wrong password.
var dummyHash = mustHashDummy()

func mustHashDummy() string {
	h, err := HashPassword("not a real password, only for timing")
	if err != nil {
		panic(err)
	}
	return h
}

// UseCheapPasswordHashesInTests makes new password hashes cost almost
// nothing (8 KiB, one pass) for the rest of the process. A test binary calls
// it from TestMain before any test runs; it panics outside a test binary, so
// the server can never run with it.
func UseCheapPasswordHashesInTests() {
	if !testing.Testing() {
		panic("UseCheapPasswordHashesInTests called outside a test binary")
	}
	hashCost = argonCost{memory: 8, time: 1, threads: 1}
	dummyHash = mustHashDummy()
}
