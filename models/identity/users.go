package identity

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// CreateCaseworker validates and stores a caseworker.
func (s *Store) CreateCaseworker(ctx context.Context, in models.NewCaseworker, now time.Time) (*models.User, error) {
	in.Email = models.NormalizeEmail(in.Email)
	in.Name = strings.TrimSpace(in.Name)
	if in.Locale == "" {
		in.Locale = "da"
	}
	var v models.Validation
	models.ValidateEmail(&v, "email", in.Email)
	models.ValidateName(&v, "name", in.Name)
	models.ValidateLocale(&v, "locale", in.Locale)
	models.ValidatePassword(&v, "password", in.Password)
	if err := v.Err(); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, fmt.Errorf("create caseworker: %w", err)
	}
	u := &models.User{ID: models.NewID(), Role: models.RoleCaseworker, Email: in.Email, Name: in.Name, Locale: in.Locale,
		PasswordHash: &hash, CreatedAt: now.UTC(), UpdatedAt: now.UTC()}
	if err := s.DB.WithContext(ctx).Create(u).Error; err != nil {
		return nil, UniqueEmail(err)
	}
	return u, nil
}

// UniqueEmail turns a unique violation into the email_taken error.
func UniqueEmail(err error) error {
	if errors.Is(err, gorm.ErrDuplicatedKey) || sqldb.IsUniqueViolation(err) {
		return &models.Error{Kind: models.KindConflict, Code: "email_taken",
			Fields: map[string]models.FieldError{"email": {Key: "email_taken"}}}
	}
	return err
}

// UserByID loads a user.
func (s *Store) UserByID(ctx context.Context, id string) (*models.User, error) {
	var u models.User
	err := s.DB.WithContext(ctx).Where("id = ?", id).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	return &u, err
}

// userByEmail finds a user case-insensitively.
func (s *Store) userByEmail(ctx context.Context, email string) (*models.User, error) {
	var u models.User
	err := s.DB.WithContext(ctx).Where("lower(email) = lower(?)", models.NormalizeEmail(email)).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	return &u, err
}

// SetLocale changes the language a user reads Trappen and its messages in.
func (s *Store) SetLocale(ctx context.Context, userID, locale string, now time.Time) (*models.User, error) {
	var v models.Validation
	models.ValidateLocale(&v, "locale", locale)
	if err := v.Err(); err != nil {
		return nil, err
	}
	err := s.DB.WithContext(ctx).Model(&models.User{}).Where("id = ?", userID).
		UpdateColumns(map[string]any{"locale": locale, "updated_at": now.UTC()}).Error
	if err != nil {
		return nil, fmt.Errorf("set locale: %w", err)
	}
	return s.UserByID(ctx, userID)
}
