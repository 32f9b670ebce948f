package models

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Roles.
const (
	RoleCitizen    = "citizen"
	RoleCaseworker = "caseworker"
)

// User is anyone who signs in.
type User struct {
	ID           string `gorm:"primaryKey"`
	Role         string
	Email        string
	Name         string
	Locale       string
	PasswordHash *string
	// PasswordChangedAt is when the password was last set (access tokens end
	// with their session, see SessionUser).
	PasswordChangedAt *time.Time
	// OIDCLinkedAt is when the user first signed in with an identity provider.
	OIDCLinkedAt *time.Time `gorm:"column:oidc_linked_at"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// NewID returns a random UUID string for a new row.
func NewID() string { return uuid.NewString() }

// NormalizeEmail trims an address; uniqueness is case-insensitive in the index.
func NormalizeEmail(email string) string { return strings.TrimSpace(email) }

// ValidateEmail checks an e-mail address field.
func ValidateEmail(v *Validation, field, email string) {
	if email == "" {
		v.Add(field, "required")
		return
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || !strings.Contains(email, "@") || len(email) > 254 {
		v.Add(field, "invalid_email")
	}
}

// ValidateName checks a person's name field.
func ValidateName(v *Validation, field, name string) {
	switch {
	case strings.TrimSpace(name) == "":
		v.Add(field, "required")
	case utf8.RuneCountInString(name) > 200:
		v.Add(field, "too_long", "max", 200)
	}
}

// ValidateLocale checks a locale field (da or en).
func ValidateLocale(v *Validation, field, locale string) {
	if locale != "da" && locale != "en" {
		v.Add(field, "invalid_locale")
	}
}

// NewCaseworker is what it takes to create a caseworker account.
type NewCaseworker struct {
	Email, Name, Password, Locale string
}
