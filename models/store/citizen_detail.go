package store

import (
	"context"
	"fmt"
	"time"

	"trappen/models"
)

// Journey assembles the caseworker's view of a citizen. Meetings carry only
// the reflections the citizen has shared.
func (s *Store) Journey(ctx context.Context, caseworkerID string, c *models.Citizen, now time.Time) (*models.CitizenJourney, error) {
	a := models.AsCaseworker(caseworkerID, c.ID)
	goals, err := s.Goals(ctx, a)
	if err != nil {
		return nil, fmt.Errorf("journey: %w", err)
	}
	plan, err := s.CurrentPlan(ctx, a, now)
	if err != nil {
		return nil, fmt.Errorf("journey: %w", err)
	}
	meetings, err := s.Meetings(ctx, a, now)
	if err != nil {
		return nil, fmt.Errorf("journey: %w", err)
	}
	staircase, err := s.Staircase(ctx, a)
	if err != nil {
		return nil, err
	}
	agreements, err := s.Agreements(ctx, a, now)
	if err != nil {
		return nil, fmt.Errorf("journey: %w", err)
	}
	fastTrack, err := s.FastTrackSection(ctx, a, now)
	if err != nil {
		return nil, fmt.Errorf("journey: %w", err)
	}
	history, err := s.CategoryHistory(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	timeline, err := timelineOf(s.Read.WithContext(ctx), c, now)
	if err != nil {
		return nil, err
	}
	return &models.CitizenJourney{Milestones: models.ComputeMilestones(c.FirstSickDay, now), Goals: goals, Plan: plan,
		Meetings: meetings, Placements: staircase.Items, FastTrack: fastTrack, StaircaseGap: staircase.Gap,
		Agreements: agreements, CategoryHistory: history, Timeline: timeline}, nil
}
