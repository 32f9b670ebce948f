package models

import (
	"sort"
	"time"
)

// Progression is the series behind the progress graphs, the same for the
// citizen and the caseworker.
type Progression struct {
	Goals     []GoalSeries    `json:"goals"`
	Staircase StaircaseSeries `json:"staircase"`
	// StaircaseGap is computed here once; the apps show it as it is.
	StaircaseGap StaircaseGap `json:"staircase_gap"`
	Hours        []HoursPoint `json:"hours"`
	Wellbeing    []ValuePoint `json:"wellbeing"`
	// Summaries: one plain sentence per chart (progression_summary.go).
	Summaries ProgressionSummaries `json:"summaries"`
}

// GoalSeries is one goal's scores over time.
type GoalSeries struct {
	GoalID   string       `json:"goal_id"`
	Title    string       `json:"title"`
	ParentID *string      `json:"parent_id"`
	Level    string       `json:"level"`
	Status   string       `json:"status"`
	Points   []ValuePoint `json:"points"`
	Summary  ChartSummary `json:"summary"`
}

// ValuePoint is a value recorded at a time (with its Copenhagen date).
type ValuePoint struct {
	At    time.Time `json:"at"`
	Date  string    `json:"date"`
	Value int       `json:"value"`
}

// StaircaseSeries is each party's placements, oldest first.
type StaircaseSeries struct {
	Citizen   []StepPoint `json:"citizen"`
	Employer  []StepPoint `json:"employer"`
	Jobcenter []StepPoint `json:"jobcenter"`
}

// StepPoint is a place on the staircase on a date.
type StepPoint struct {
	Date string `json:"date"`
	Step int    `json:"step"`
}

// HoursPoint is a week's planned and actually worked hours; null when unknown.
type HoursPoint struct {
	WeekStart string   `json:"week_start"`
	Planned   *float64 `json:"planned"`
	Actual    *float64 `json:"actual"`
}

// BuildProgression turns goals, check-ins (any order), placements and the
// current plan into series. A week's actual hours are those of the latest
// check-in in that week that gives hours.
func BuildProgression(goals []Goal, checkins []CheckinView, placements []PlacementView, plan *PlanSnapshot) Progression {
	sort.SliceStable(checkins, func(i, j int) bool { return checkins[i].RecordedAt.Before(checkins[j].RecordedAt) })
	p := Progression{Goals: goalSeries(goals, checkins), Wellbeing: []ValuePoint{},
		Staircase: BuildStaircase(checkins, placements)}
	p.StaircaseGap = ComputeStaircaseGap(p.Staircase)
	for _, c := range checkins {
		date := CopenhagenDate(c.RecordedAt).Format(DateLayout)
		if c.Wellbeing != nil {
			p.Wellbeing = append(p.Wellbeing, ValuePoint{At: c.RecordedAt, Date: date, Value: *c.Wellbeing})
		}
	}
	p.Hours = hoursSeries(checkins, plan)
	p.summarize()
	return p
}

// goalSeries lists overall goals each followed by its sub-goals.
func goalSeries(goals []Goal, checkins []CheckinView) []GoalSeries {
	points := map[string][]ValuePoint{}
	for _, c := range checkins {
		date := CopenhagenDate(c.RecordedAt).Format(DateLayout)
		for _, s := range c.GoalScores {
			points[s.GoalID] = append(points[s.GoalID], ValuePoint{At: c.RecordedAt, Date: date, Value: s.Score})
		}
	}
	out := []GoalSeries{}
	add := func(g Goal) {
		pts := points[g.ID]
		if pts == nil {
			pts = []ValuePoint{}
		}
		level := "overall"
		if g.ParentID != nil {
			level = "sub"
		}
		out = append(out, GoalSeries{GoalID: g.ID, Title: g.Title, ParentID: g.ParentID, Level: level, Status: g.Status, Points: pts})
	}
	for _, g := range goals {
		if g.ParentID != nil {
			continue
		}
		add(g)
		for _, sub := range goals {
			if sub.ParentID != nil && *sub.ParentID == g.ID {
				add(sub)
			}
		}
	}
	return out
}

func hoursSeries(checkins []CheckinView, plan *PlanSnapshot) []HoursPoint {
	weeks := map[string]*HoursPoint{}
	get := func(week string) *HoursPoint {
		if weeks[week] == nil {
			weeks[week] = &HoursPoint{WeekStart: week}
		}
		return weeks[week]
	}
	if plan != nil {
		for _, w := range plan.Weeks {
			total := w.Hours.Total()
			get(w.WeekStart).Planned = &total
		}
	}
	for _, c := range checkins { // oldest first, so the latest wins
		if c.HoursWorked != nil {
			h := *c.HoursWorked
			get(WeekStart(c.RecordedAt).Format(DateLayout)).Actual = &h
		}
	}
	out := make([]HoursPoint, 0, len(weeks))
	for _, w := range weeks {
		out = append(out, *w)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].WeekStart < out[j].WeekStart })
	return out
}
