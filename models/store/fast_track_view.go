package store

import (
	"context"
	"fmt"
	"time"

	"trappen/models"
)

// FastTrackSection is the caseworker's fast-track part of a citizen's page.
func (s *Store) FastTrackSection(ctx context.Context, a models.Access, now time.Time) (*models.FastTrackSummary, error) {
	st, err := s.FastTrackFor(ctx, a, now)
	if err != nil {
		return nil, fmt.Errorf("fast track section: %w", err)
	}
	cur, all := st.Views()
	return &models.FastTrackSummary{Current: cur, Requests: all}, nil
}

// PendingFastTrack is the request waiting for the citizen's answer, or nil.
func (s *Store) PendingFastTrack(ctx context.Context, a models.Access, now time.Time) (*models.FastTrackView, error) {
	st, err := s.FastTrackFor(ctx, a, now)
	if err != nil {
		return nil, fmt.Errorf("pending fast track: %w", err)
	}
	cur, _ := st.Views()
	if cur == nil || cur.Status != models.FastTrackPending {
		return nil, nil
	}
	return cur, nil
}
