package models

import (
	"time"
)

// Milestone offsets from the first sick day, in calendar days. The end of
// week 8 and of week 22 are the timeline's (timeline.go): one home per rule.
const (
	FastTrackLimitDays = 35                 // fast track may be requested up to 5 weeks in
	EightWeeksDays     = FirstFollowUpDays  // the end of week 8: the first follow-up conversation
	ReEvaluationDays   = ReEvaluationByDays // the end of week 22: the re-evaluation of the sickness benefit (not of the category)
)

// Milestones are the dates derived from the first sick day, seen from today
// in Copenhagen.
type Milestones struct {
	FirstSickDay   string          `json:"first_sick_day"`
	Today          string          `json:"today"`
	DayOfSickness  int             `json:"day_of_sickness"`
	WeekOfSickness int             `json:"week_of_sickness"`
	FastTrackLimit string          `json:"fast_track_limit"`
	FastTrackOpen  bool            `json:"fast_track_open"`
	EightWeeks     string          `json:"eight_weeks"`
	ReEvaluation   string          `json:"re_evaluation"`
	Items          []MilestoneItem `json:"items"`
}

// MilestoneItem is one dated milestone, ready for a timeline.
type MilestoneItem struct {
	Key       string `json:"key"`
	Date      string `json:"date"`
	Passed    bool   `json:"passed"`
	DaysUntil int    `json:"days_until"`
}

// ComputeMilestones derives the milestones of a sickness that began on
// firstSickDay (YYYY-MM-DD), as seen at now. Day 1 is the first sick day and
// week 1 its first seven days; before the first sick day both are 0.
func ComputeMilestones(firstSickDay string, now time.Time) Milestones {
	first, ok := ParseDate(firstSickDay)
	if !ok {
		return Milestones{FirstSickDay: firstSickDay, Items: []MilestoneItem{}}
	}
	today := CopenhagenDate(now)
	elapsed := DaysBetween(first, today)
	m := Milestones{FirstSickDay: firstSickDay, Today: today.Format(DateLayout)}
	if elapsed >= 0 {
		m.DayOfSickness = elapsed + 1
		m.WeekOfSickness = elapsed/7 + 1
	}
	limit := first.AddDate(0, 0, FastTrackLimitDays)
	m.FastTrackLimit = limit.Format(DateLayout)
	m.FastTrackOpen = !today.After(limit)
	m.EightWeeks = first.AddDate(0, 0, EightWeeksDays).Format(DateLayout)
	m.ReEvaluation = first.AddDate(0, 0, ReEvaluationDays).Format(DateLayout)
	for _, it := range []struct {
		key  string
		days int
	}{{"fast_track_limit", FastTrackLimitDays}, {"eight_weeks", EightWeeksDays}, {"re_evaluation", ReEvaluationDays}} {
		d := first.AddDate(0, 0, it.days)
		until := DaysBetween(today, d)
		m.Items = append(m.Items, MilestoneItem{Key: it.key, Date: d.Format(DateLayout), Passed: until < 0, DaysUntil: until})
	}
	return m
}

// WeekStart is the Monday of the Copenhagen week that holds t, as a date.
func WeekStart(t time.Time) time.Time {
	d := CopenhagenDate(t)
	offset := (int(d.Weekday()) + 6) % 7 // Monday → 0 … Sunday → 6
	return d.AddDate(0, 0, -offset)
}

// WeekStartInstant is the instant Monday 00:00 Copenhagen of t's week began.
func WeekStartInstant(t time.Time) time.Time {
	y, mo, d := WeekStart(t).Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, Copenhagen).UTC()
}
