package models

import (
	"context"
	"errors"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"
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
	// PasswordChangedAt ends access tokens issued before it.
	PasswordChangedAt *time.Time
	// OIDCLinkedAt is when the user first signed in with an identity provider.
	OIDCLinkedAt *time.Time `gorm:"column:oidc_linked_at"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// TokenStillValid reports whether an access token issued at issuedAt
// survives the user's last password change (JWT times are whole seconds).
func (u *User) TokenStillValid(issuedAt time.Time) bool {
	return u.PasswordChangedAt == nil || !issuedAt.Before(u.PasswordChangedAt.Truncate(time.Second))
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

// CreateCaseworker validates and stores a caseworker.
func (s *Store) CreateCaseworker(ctx context.Context, in NewCaseworker, now time.Time) (*User, error) {
	in.Email = NormalizeEmail(in.Email)
	in.Name = strings.TrimSpace(in.Name)
	if in.Locale == "" {
		in.Locale = "da"
	}
	var v Validation
	ValidateEmail(&v, "email", in.Email)
	ValidateName(&v, "name", in.Name)
	ValidateLocale(&v, "locale", in.Locale)
	ValidatePassword(&v, "password", in.Password)
	if err := v.Err(); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	u := &User{ID: NewID(), Role: RoleCaseworker, Email: in.Email, Name: in.Name, Locale: in.Locale,
		PasswordHash: &hash, CreatedAt: now.UTC(), UpdatedAt: now.UTC()}
	if err := s.DB.WithContext(ctx).Create(u).Error; err != nil {
		return nil, uniqueEmail(err)
	}
	return u, nil
}

// uniqueEmail turns a unique violation into the email_taken error.
func uniqueEmail(err error) error {
	if errors.Is(err, gorm.ErrDuplicatedKey) || isUniqueViolation(err) {
		return &Error{Kind: KindConflict, Code: "email_taken",
			Fields: map[string]FieldError{"email": {Key: "email_taken"}}}
	}
	return err
}

func isUniqueViolation(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}

// UserByID loads a user.
func (s *Store) UserByID(ctx context.Context, id string) (*User, error) {
	var u User
	err := s.DB.WithContext(ctx).Where("id = ?", id).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	return &u, err
}

// userByEmail finds a user case-insensitively.
func (s *Store) userByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	err := s.DB.WithContext(ctx).Where("lower(email) = lower(?)", NormalizeEmail(email)).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	return &u, err
}

// SetLocale changes the language a user reads Trappen and its messages in.
func (s *Store) SetLocale(ctx context.Context, userID, locale string, now time.Time) (*User, error) {
	var v Validation
	ValidateLocale(&v, "locale", locale)
	if err := v.Err(); err != nil {
		return nil, err
	}
	err := s.DB.WithContext(ctx).Model(&User{}).Where("id = ?", userID).
		UpdateColumns(map[string]any{"locale": locale, "updated_at": now.UTC()}).Error
	if err != nil {
		return nil, err
	}
	return s.UserByID(ctx, userID)
}
