package identity

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"trappen/models"
)

// SessionUser loads the user of an access token whose session (refresh
// family) is still live, in one indexed query: a token works exactly as long
// as its session, so logout, a password change and a revoked family end it
// at once. A missing user or an ended session is not found.
func (s *Store) SessionUser(ctx context.Context, userID, family string) (*models.User, error) {
	var u models.User
	// Every authenticated request asks this: on SQLite it goes to a reader,
	// never to the one writer connection (a revoked session is committed
	// before the revoking request answers, so a reader sees it).
	err := s.sql.Read.WithContext(ctx).Where("id = ?", userID).
		Where("EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = ? AND r.user_id = users.id AND r.revoked_at IS NULL)", family).
		Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("load session user: %w", err)
	}
	return &u, nil
}
