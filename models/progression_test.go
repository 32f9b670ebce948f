package models

import (
	"testing"
	"time"
)

func TestBuildProgression(t *testing.T) {
	t.Parallel()
	parent := "g1"
	goals := []Goal{{ID: "g2", ParentID: &parent, Title: "12 timer"}, {ID: "g1", Title: "Fuld tid"}}
	h := func(f float64) *float64 { return &f }
	n := func(i int) *int { return &i }
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	checkins := []CheckinView{ // deliberately not in time order
		{RecordedAt: at("2026-03-01T23:30:00Z"), HoursWorked: h(7), Wellbeing: n(6), GoalScores: []GoalScore{{"g2", 5}}},     // Monday 2 March in Copenhagen
		{RecordedAt: at("2026-02-24T10:00:00Z"), HoursWorked: h(4), StaircaseStep: n(2), GoalScores: []GoalScore{{"g2", 3}}}, // week of 23 Feb
		{RecordedAt: at("2026-02-27T10:00:00Z"), HoursWorked: h(5)},                                                          // later the same week
		{RecordedAt: at("2026-02-28T10:00:00Z"), Wellbeing: n(4)},                                                            // no hours: does not count
	}
	placements := []PlacementView{{Party: "employer", Step: 3, Date: "2026-02-25"}, {Party: "jobcenter", Step: 2, Date: "2026-02-25"}}
	plan := &PlanSnapshot{Weeks: []PlanWeek{{WeekStart: "2026-02-23", Hours: DayHours{Mon: 2, Wed: 2}}, {WeekStart: "2026-03-09", Hours: DayHours{Mon: 3}}}}

	p := BuildProgression(goals, checkins, placements, plan)

	t.Run("overall goals come first, each followed by its sub-goals", func(t *testing.T) {
		if len(p.Goals) != 2 || p.Goals[0].GoalID != "g1" || p.Goals[1].Level != "sub" {
			t.Fatalf("goals = %+v", p.Goals)
		}
	})
	t.Run("scores are in time order", func(t *testing.T) {
		pts := p.Goals[1].Points
		if len(pts) != 2 || pts[0].Value != 3 || pts[1].Value != 5 || pts[1].Date != "2026-03-02" {
			t.Fatalf("points = %+v", pts)
		}
	})
	t.Run("the latest check-in with hours gives the week's actual hours", func(t *testing.T) {
		want := []HoursPoint{{"2026-02-23", h(4), h(5)}, {"2026-03-02", nil, h(7)}, {"2026-03-09", h(3), nil}}
		if len(p.Hours) != len(want) {
			t.Fatalf("hours = %+v", p.Hours)
		}
		for i, w := range want {
			g := p.Hours[i]
			if g.WeekStart != w.WeekStart || !sameFloat(g.Planned, w.Planned) || !sameFloat(g.Actual, w.Actual) {
				t.Fatalf("week %d = %+v, want %+v", i, g, w)
			}
		}
	})
	t.Run("every party has its own staircase series", func(t *testing.T) {
		s := p.Staircase
		if len(s.Citizen) != 1 || s.Citizen[0].Step != 2 || len(s.Employer) != 1 || len(s.Jobcenter) != 1 {
			t.Fatalf("staircase = %+v", s)
		}
	})
	t.Run("wellbeing in time order", func(t *testing.T) {
		if len(p.Wellbeing) != 2 || p.Wellbeing[0].Value != 4 {
			t.Fatalf("wellbeing = %+v", p.Wellbeing)
		}
	})
}

func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
