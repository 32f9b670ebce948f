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
	// Session is the refresh family the token was issued in; the token is
	// refused once that session ends.
	Session string `json:"sid"`
	jwt.RegisteredClaims
}

// Access is what a verified access token says.
type Access struct {
	UserID, Role, Session string
}

// Issue signs an access token for a user's session.
func (t *Tokens) Issue(userID, role, session string, now time.Time) (string, error) {
	claims := accessClaims{Role: role, Session: session, RegisteredClaims: jwt.RegisteredClaims{
		Subject:   userID,
		Issuer:    tokenIssuer,
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(AccessTokenLifetime)),
	}}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.key)
}

// Verify checks signature, algorithm, issuer and expiry against now.
func (t *Tokens) Verify(raw string, now time.Time) (Access, error) {
	var claims accessClaims
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(tokenIssuer),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(func() time.Time { return now }),
	)
	_, err := parser.ParseWithClaims(raw, &claims, func(*jwt.Token) (any, error) { return t.key, nil })
	if err != nil {
		return Access{}, err
	}
	if claims.Subject == "" || claims.Role == "" || claims.Session == "" {
		return Access{}, errors.New("token without subject, role or session")
	}
	return Access{UserID: claims.Subject, Role: claims.Role, Session: claims.Session}, nil
}
