package store

import (
	"context"
	"fmt"
	"time"

	"trappen/models"
)

// MarkReflectionsRead records that the citizen's caseworker has now read
// every reflection the citizen shares: the first read after sharing sets
// read_at, later reads keep it. It runs with the access log, after a
// successful caseworker read that shows the reflections.
func (s *Store) MarkReflectionsRead(ctx context.Context, citizenID string, now time.Time) error {
	err := s.DB.WithContext(ctx).Model(&models.MeetingReflection{}).
		Where("citizen_id = ? AND shared = ? AND read_at IS NULL", citizenID, true).
		Update("read_at", now.UTC()).Error
	if err != nil {
		return fmt.Errorf("mark reflections read: %w", err)
	}
	return nil
}
