package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"trappen/models"
)

// Session is what a request needs of its signed-in user.
type Session struct {
	UserID, Role, Locale string
}

// sessionSQL reads the user's role and language if the session (refresh
// family) is live. Written out, not built by GORM: every authenticated
// request runs it, and building and scanning a whole user by reflection was
// a tenth of the server's CPU on the load test's mix (issue 13).
const sessionSQL = `SELECT role, locale FROM users WHERE id = ?
	AND EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = ? AND r.user_id = users.id AND r.revoked_at IS NULL)`

// SessionUser loads the user of an access token whose session (refresh
// family) is still live, in one indexed query: a token works exactly as long
// as its session, so logout, a password change and a revoked family end it
// at once. A missing user or an ended session is not found.
func (s *Store) SessionUser(ctx context.Context, userID, family string) (Session, error) {
	u := Session{UserID: userID}
	// Every authenticated request asks this: on SQLite it goes to a reader,
	// never to the one writer connection (a revoked session is committed
	// before the revoking request answers, so a reader sees it).
	err := s.sql.Read.WithContext(ctx).Raw(sessionSQL, userID, family).Row().Scan(&u.Role, &u.Locale)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, models.ErrNotFound
	}
	if err != nil {
		return Session{}, fmt.Errorf("load session user: %w", err)
	}
	return u, nil
}
