package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"trappen/models"
	"trappen/models/sqldb"
)

// RotateCalendarToken issues a new token for the citizen; the old one stops
// working. The raw token is returned once.
func (s *Store) RotateCalendarToken(ctx context.Context, citizenID string, now time.Time) (string, error) {
	raw, hash := models.NewSecret()
	t := models.CalendarToken{CitizenID: citizenID, TokenHash: hash, CreatedAt: now.UTC()}
	err := s.DB.WithContext(ctx).Clauses(clause.OnConflict{UpdateAll: true}).Create(&t).Error
	return raw, err
}

// RevokeCalendarToken switches the feed off.
func (s *Store) RevokeCalendarToken(ctx context.Context, citizenID string) error {
	return sqldb.Wrap("revoke calendar token", s.DB.WithContext(ctx).Where("citizen_id = ?", citizenID).Delete(&models.CalendarToken{}).Error)
}

// CalendarTokenFor reports whether the citizen has a live token, and since when.
func (s *Store) CalendarTokenFor(ctx context.Context, citizenID string) (*models.CalendarToken, error) {
	var t models.CalendarToken
	err := s.Read.WithContext(ctx).Where("citizen_id = ?", citizenID).Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	return &t, err
}

// calendarWindow is how far back the feed reaches.
const calendarWindow = 90 * 24 * time.Hour

// CalendarFeed returns the meetings of the citizen whose token raw is, and
// the citizen's language, or ErrNotFound for an unknown or revoked token.
func (s *Store) CalendarFeed(ctx context.Context, raw string, now time.Time) ([]models.CalendarEntry, string, error) {
	if raw == "" {
		return nil, "", models.ErrNotFound
	}
	db := s.Read.WithContext(ctx)
	var t models.CalendarToken
	if err := db.Where("token_hash = ?", models.HashSecret(raw)).Take(&t).Error; err != nil {
		return nil, "", sqldb.NotFound(err)
	}
	var u models.User
	if err := db.Where("id = ?", t.CitizenID).Take(&u).Error; err != nil {
		return nil, "", sqldb.NotFound(err)
	}
	var out []models.CalendarEntry
	err := db.Table("meetings").Select("id, kind, starts_at, duration_minutes, status, updated_at").
		Where("citizen_id = ? AND starts_at >= ?", t.CitizenID, now.UTC().Add(-calendarWindow)).
		Order("starts_at").Scan(&out).Error
	return out, u.Locale, err
}
