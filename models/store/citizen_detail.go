package store

import (
	"context"
	"time"

	"trappen/models"
)

// Journey assembles the caseworker's view of a citizen. Meetings carry only
// the reflections the citizen has shared.
func (s *Store) Journey(ctx context.Context, caseworkerID string, c *models.Citizen, now time.Time) (*models.CitizenJourney, error) {
	a := models.AsCaseworker(caseworkerID, c.ID)
	goals, err := s.Goals(ctx, a)
	if err != nil {
		return nil, err
	}
	plan, err := s.CurrentPlan(ctx, a, now)
	if err != nil {
		return nil, err
	}
	meetings, err := s.Meetings(ctx, a, now)
	if err != nil {
		return nil, err
	}
	placements, err := s.Placements(ctx, a)
	if err != nil {
		return nil, err
	}
	fastTrack, err := s.FastTrackSection(ctx, a, now)
	if err != nil {
		return nil, err
	}
	return &models.CitizenJourney{Milestones: models.ComputeMilestones(c.FirstSickDay, now), Goals: goals, Plan: plan,
		Meetings: meetings, Placements: placements, FastTrack: fastTrack}, nil
}
