package store

import (
	"context"
	"fmt"

	"trappen/models"
)

// progressionRows are the rows behind the progression: each list read as the
// screen that shows it alone reads it (goals.go, checkins.go, placements.go,
// plans.go), in one statement on PostgreSQL and one on SQLite.
type progressionRows struct {
	goals      []models.Goal
	checkins   []models.Checkin
	scores     []models.CheckinScore
	placements []models.StaircasePlacement
	plan       []models.PlanVersion
}

func (r *progressionRows) sets() []rowSet {
	return []rowSet{
		{table: "goals", where: "citizen_id = @c", order: "created_at, id", into: &r.goals},
		{table: "checkins", where: "citizen_id = @c", order: "recorded_at DESC, created_at DESC, id", into: &r.checkins},
		{table: "checkin_scores", where: "checkin_id IN (SELECT id FROM checkins WHERE citizen_id = @c)", order: "goal_id", into: &r.scores},
		{table: "staircase_placements", where: "citizen_id = @c", order: "date, created_at", into: &r.placements},
		{table: "plan_versions", where: "citizen_id = @c", order: "version DESC", limit: 1, cols: []string{"snapshot"}, into: &r.plan},
	}
}

// Progression loads a.CitizenID's series in one statement (issue 13: it
// took five, each scanned by reflection; a tenth of the load test's mix).
func (s *Store) Progression(ctx context.Context, a models.Access) (*models.Progression, error) {
	db := s.Read.WithContext(ctx)
	if err := checkAccess(db, a); err != nil {
		return nil, err
	}
	var r progressionRows
	if err := readSnapshot(db, s.Dialect, "progression", map[string]any{"c": a.CitizenID}, r.sets()...); err != nil {
		return nil, fmt.Errorf("progression: %w", err)
	}
	var plan *models.PlanSnapshot
	if len(r.plan) > 0 {
		var err error
		if plan, err = decodeSnapshot(r.plan[0].Snapshot); err != nil {
			return nil, fmt.Errorf("progression: %w", err)
		}
	}
	p := models.BuildProgression(r.goals, checkinViews(r.checkins, r.scores), placementViews(r.placements), plan)
	return &p, nil
}
