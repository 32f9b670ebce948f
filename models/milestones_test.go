package models

import (
	"testing"
	"time"
)

func TestComputeMilestones(t *testing.T) {
	t.Parallel()
	cph := func(s string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", s, Copenhagen)
		if err != nil {
			panic(err)
		}
		return t
	}
	cases := []struct {
		name        string
		first       string
		now         time.Time
		day, week   int
		limit       string
		open        bool
		eight, re22 string // the end of week 8 (first + 55) and of week 22 (first + 153)
	}{
		{"the first sick day is day 1 of week 1", "2026-02-16", cph("2026-02-16 08:00"), 1, 1, "2026-03-23", true, "2026-04-12", "2026-07-19"},
		{"day 7 is still week 1", "2026-02-16", cph("2026-02-22 23:59"), 7, 1, "2026-03-23", true, "2026-04-12", "2026-07-19"},
		{"day 8 begins week 2", "2026-02-16", cph("2026-02-23 00:00"), 8, 2, "2026-03-23", true, "2026-04-12", "2026-07-19"},
		{"the 35th day after is the last day for fast track", "2026-02-16", cph("2026-03-23 23:59"), 36, 6, "2026-03-23", true, "2026-04-12", "2026-07-19"},
		{"the day after the limit fast track is closed", "2026-02-16", cph("2026-03-24 00:00"), 37, 6, "2026-03-23", false, "2026-04-12", "2026-07-19"},
		{"before the first sick day nothing has started", "2026-02-16", cph("2026-02-15 12:00"), 0, 0, "2026-03-23", true, "2026-04-12", "2026-07-19"},
		{"00:30 in Copenhagen is the next day though UTC is still on the one before", "2026-02-16", time.Date(2026, 2, 22, 23, 30, 0, 0, time.UTC), 8, 2, "2026-03-23", true, "2026-04-12", "2026-07-19"},
		{"across the spring daylight-saving change (29 March 2026)", "2026-03-01", cph("2026-03-29 03:30"), 29, 5, "2026-04-05", true, "2026-04-25", "2026-08-01"},
		{"across the autumn daylight-saving change (25 October 2026)", "2026-10-01", cph("2026-10-25 02:30"), 25, 4, "2026-11-05", true, "2026-11-25", "2027-03-03"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := ComputeMilestones(c.first, c.now)
			if m.DayOfSickness != c.day || m.WeekOfSickness != c.week || m.FastTrackLimit != c.limit ||
				m.FastTrackOpen != c.open || m.EightWeeks != c.eight || m.ReEvaluation != c.re22 {
				t.Fatalf("got day %d week %d limit %s open %v eight %s re %s", m.DayOfSickness, m.WeekOfSickness,
					m.FastTrackLimit, m.FastTrackOpen, m.EightWeeks, m.ReEvaluation)
			}
			if len(m.Items) != 3 {
				t.Fatalf("items = %v", m.Items)
			}
		})
	}
}

func TestWeekStart(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		now  time.Time
		want string
	}{
		{"a Monday morning", time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), "2026-03-02"},
		{"Sunday 23:30 in Copenhagen still belongs to the old week", time.Date(2026, 3, 1, 22, 30, 0, 0, time.UTC), "2026-02-23"},
		{"Sunday 23:30 UTC is Monday 00:30 in Copenhagen", time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC), "2026-03-02"},
		{"the Sunday of the spring change", time.Date(2026, 3, 29, 12, 0, 0, 0, time.UTC), "2026-03-23"},
		{"the Monday after the autumn change", time.Date(2026, 10, 25, 23, 0, 0, 0, time.UTC), "2026-10-26"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := WeekStart(c.now).Format(DateLayout); got != c.want {
				t.Fatalf("WeekStart = %s, want %s", got, c.want)
			}
		})
	}
	if got := WeekStartInstant(time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)); !got.Equal(time.Date(2026, 6, 28, 22, 0, 0, 0, time.UTC)) {
		t.Fatalf("summer Monday 00:00 in Copenhagen = %s", got)
	}
}
