package models

import (
	"testing"
	"time"
)

func TestValidQuarterHours(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		hours float64
		ok    bool
	}{
		{"zero", 0, true},
		{"a quarter", 0.25, true},
		{"seven and a half", 7.5, true},
		{"a full day", 24, true},
		{"a tenth", 2.1, false},
		{"a third", 1.0 / 3, false},
		{"more than a day", 24.25, false},
		{"negative", -0.25, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if ValidQuarterHours(c.hours) != c.ok {
				t.Fatalf("ValidQuarterHours(%v) = %v", c.hours, !c.ok)
			}
		})
	}
}

func TestPlanValidationNamesTheField(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	week := func(start string) PlanWeek { return PlanWeek{WeekStart: start, Hours: DayHours{Mon: 2}} }
	bad := "soon"
	cases := []struct {
		name  string
		plan  PlanSnapshot
		field string
	}{
		{"a Sunday start", PlanSnapshot{Weeks: []PlanWeek{week("2026-03-01")}}, "weeks[0].week_start"},
		{"a duplicate week", PlanSnapshot{Weeks: []PlanWeek{week("2026-03-02"), week("2026-03-09"), week("2026-03-02")}}, "weeks[2].week_start"},
		{"a quarter too many", PlanSnapshot{Weeks: []PlanWeek{{WeekStart: "2026-03-02", Hours: DayHours{Thu: 24.25}}}}, "weeks[0].hours.thu"},
		{"a status meeting that is not a date", PlanSnapshot{Weeks: []PlanWeek{{WeekStart: "2026-03-02", StatusMeeting: &bad}}}, "weeks[0].status_meeting"},
		{"a slider out of range", PlanSnapshot{Weeks: []PlanWeek{}, MixingDesk: FullDesk(1, 1, 1, 1, 1, 9)}, "mixing_desk.intensity"},
		{"no weeks", PlanSnapshot{}, "weeks"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.plan.Validate(now)
			e, ok := AsError(err)
			if !ok || e.Fields[c.field].Key == "" {
				t.Fatalf("want an error on %s, got %v", c.field, err)
			}
		})
	}
}

func TestDiffPlans(t *testing.T) {
	t.Parallel()
	base := PlanSnapshot{
		Weeks:        []PlanWeek{{WeekStart: "2026-03-02", Hours: DayHours{Mon: 2, Wed: 2}}, {WeekStart: "2026-03-09", Hours: DayHours{Mon: 3}}},
		AllowedTasks: []string{"Opvask"}, AvoidTasks: []string{"Kunder"},
		MixingDesk: FullDesk(1, 1, 1, 1, 1, 1),
	}
	clone := func(f func(p *PlanSnapshot)) *PlanSnapshot {
		p := base
		p.Weeks = append([]PlanWeek(nil), base.Weeks...)
		p.AllowedTasks = append([]string(nil), base.AllowedTasks...)
		d := *base.MixingDesk
		p.MixingDesk = &d
		f(&p)
		return &p
	}
	date := "2026-03-04"
	cases := []struct {
		name  string
		cur   *PlanSnapshot
		kinds []string
	}{
		{"nothing changed", clone(func(p *PlanSnapshot) {}), nil},
		{"a week added", clone(func(p *PlanSnapshot) { p.Weeks = append(p.Weeks, PlanWeek{WeekStart: "2026-03-16"}) }), []string{"week_added"}},
		{"a week removed", clone(func(p *PlanSnapshot) { p.Weeks = p.Weeks[:1] }), []string{"week_removed"}},
		{"hours moved between days", clone(func(p *PlanSnapshot) { p.Weeks[0].Hours = DayHours{Mon: 2, Thu: 2} }), []string{"hours_changed"}},
		{"a status meeting set", clone(func(p *PlanSnapshot) { p.Weeks[0].StatusMeeting = &date }), []string{"status_meeting_changed"}},
		{"a task swapped", clone(func(p *PlanSnapshot) { p.AllowedTasks = []string{"Indkøb"} }), []string{"task_added", "task_removed"}},
		{"a slider moved", clone(func(p *PlanSnapshot) { three := 3; p.MixingDesk.Physical = &three }), []string{"slider_moved"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := DiffPlans(&base, c.cur)
			if len(got) != len(c.kinds) {
				t.Fatalf("changes = %+v, want kinds %v", got, c.kinds)
			}
			for i, k := range c.kinds {
				if got[i].Kind != k {
					t.Fatalf("change %d = %+v, want %s", i, got[i], k)
				}
			}
		})
	}
	t.Run("a first plan has no changes", func(t *testing.T) {
		if got := DiffPlans(nil, &base); len(got) != 0 {
			t.Fatalf("changes = %v", got)
		}
	})
	t.Run("hours moved between days keep the total and name the days", func(t *testing.T) {
		got := DiffPlans(&base, clone(func(p *PlanSnapshot) { p.Weeks[0].Hours = DayHours{Mon: 2, Thu: 2} }))
		if got[0].From != 4.0 || got[0].To != 4.0 || len(got[0].Days) != 2 {
			t.Fatalf("change = %+v", got[0])
		}
	})
}
