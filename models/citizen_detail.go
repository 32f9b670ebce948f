package models

import (
	"context"
	"time"
)

// CitizenJourney is what a caseworker sees on a citizen's page besides the
// profile. Issue 4 fills FastTrack; add further sections here.
type CitizenJourney struct {
	Milestones Milestones      `json:"milestones"`
	Goals      []GoalView      `json:"goals"`
	Plan       *PlanView       `json:"plan"`
	Meetings   *MeetingLists   `json:"meetings"`
	Placements []PlacementView `json:"placements"`
	FastTrack  any             `json:"fast_track"`
	// Issue 9: the gap between the parties, and who does what.
	StaircaseGap StaircaseGap    `json:"staircase_gap"`
	Agreements   []AgreementView `json:"agreements"`
}

// Journey assembles the caseworker's view of a citizen. Meetings carry only
// the reflections the citizen has shared.
func (s *Store) Journey(ctx context.Context, caseworkerID string, c *Citizen, now time.Time) (*CitizenJourney, error) {
	a := AsCaseworker(caseworkerID, c.ID)
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
	staircase, err := s.Staircase(ctx, a)
	if err != nil {
		return nil, err
	}
	agreements, err := s.Agreements(ctx, a, now)
	if err != nil {
		return nil, err
	}
	fastTrack, err := s.FastTrackSection(ctx, a, now)
	if err != nil {
		return nil, err
	}
	return &CitizenJourney{Milestones: ComputeMilestones(c.FirstSickDay, now), Goals: goals, Plan: plan,
		Meetings: meetings, Placements: staircase.Items, FastTrack: fastTrack, StaircaseGap: staircase.Gap,
		Agreements: agreements}, nil
}
