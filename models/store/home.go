package store

import (
	"context"
	"fmt"
	"time"

	"trappen/models"
)

const homeMeetings = 3

// Home assembles the citizen's first screen.
func (s *Store) Home(ctx context.Context, citizenID string, now time.Time) (*models.Home, error) {
	a := models.AsCitizen(citizenID)
	c, err := s.CitizenByID(ctx, citizenID)
	if err != nil {
		return nil, fmt.Errorf("home: %w", err)
	}
	db := s.Read.WithContext(ctx)
	goals, err := loadGoalTree(db, citizenID)
	if err != nil {
		return nil, fmt.Errorf("home: %w", err)
	}
	meetings, err := s.Meetings(ctx, a, now)
	if err != nil {
		return nil, fmt.Errorf("home: %w", err)
	}
	plan, err := s.CurrentPlan(ctx, a, now)
	if err != nil {
		return nil, fmt.Errorf("home: %w", err)
	}
	seen, err := loadSeen(db, citizenID)
	if err != nil {
		return nil, fmt.Errorf("home: %w", err)
	}
	last, err := loadCheckins(db, citizenID, 1)
	if err != nil {
		return nil, fmt.Errorf("home: %w", err)
	}
	h := &models.Home{Profile: models.ToProfile(c), Milestones: models.ComputeMilestones(c.FirstSickDay, now), Goals: goals,
		News: models.HomeNewsItems(plan, meetings, seen, now), ThisWeek: models.CurrentWeekPlan(plan, now), NextMeetings: meetings.Upcoming}
	if len(last) > 0 {
		h.LastCheckin = &last[0]
	}
	h.Actions = models.HomeActions(meetings.Upcoming, h.LastCheckin, now)
	if c.ExemptOn(now) || c.Closed() {
		h.Actions = models.WithoutCheckin(h.Actions) // exempt: asked for no check-in (issue 8)
	}
	if h.FastTrack, err = s.PendingFastTrack(ctx, a, now); err != nil {
		return nil, fmt.Errorf("home: %w", err)
	}
	if err := homeAgreementsAndContact(db, c, h, now); err != nil {
		return nil, err
	}
	if len(h.NextMeetings) > homeMeetings {
		h.NextMeetings = h.NextMeetings[:homeMeetings]
	}
	return h, nil
}
