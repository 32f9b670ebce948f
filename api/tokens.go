package api

import (
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// AccessTokenLifetime is how long an access token works.
const AccessTokenLifetime = 15 * time.Minute

const tokenIssuer = "trappen"

// Tokens signs and verifies access tokens with HS256 only.
type Tokens struct {
	key []byte
}

// NewTokens wraps a signing key of at least 32 bytes.
func NewTokens(key []byte) (*Tokens, error) {
	if len(key) < 32 {
		return nil, errors.New("JWT signing key must be at least 32 bytes")
	}
	return &Tokens{key: key}, nil
}

type accessClaims struct {
	Role string `json:"role"`
	jwt.RegisteredClaims
}

// Issue signs an access token for a user.
func (t *Tokens) Issue(userID, role string, now time.Time) (string, error) {
	claims := accessClaims{Role: role, RegisteredClaims: jwt.RegisteredClaims{
		Subject:   userID,
		Issuer:    tokenIssuer,
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(AccessTokenLifetime)),
	}}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.key)
}

// Verify checks signature, algorithm, issuer and expiry against now.
func (t *Tokens) Verify(raw string, now time.Time) (userID, role string, issuedAt time.Time, err error) {
	var claims accessClaims
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(tokenIssuer),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(func() time.Time { return now }),
	)
	_, err = parser.ParseWithClaims(raw, &claims, func(*jwt.Token) (any, error) { return t.key, nil })
	if err != nil {
		return "", "", time.Time{}, err
	}
	if claims.Subject == "" || claims.Role == "" || claims.IssuedAt == nil {
		return "", "", time.Time{}, errors.New("token without subject, role or issue time")
	}
	return claims.Subject, claims.Role, claims.IssuedAt.Time, nil
}
