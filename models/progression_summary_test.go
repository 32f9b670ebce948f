package models

import "testing"

func TestChartSummariesSayWhatChanged(t *testing.T) {
	t.Parallel()
	f := func(v float64) *float64 { return &v }
	pts := func(vals ...int) []ValuePoint {
		out := []ValuePoint{}
		for i, v := range vals {
			out = append(out, ValuePoint{Date: "2026-10-0" + string(rune('1'+i)), Value: v})
		}
		return out
	}
	cases := []struct {
		name     string
		got      ChartSummary
		key      string
		from, to *float64
	}{
		{"nothing answered says so", valueTrend(pts()), "none", nil, nil},
		{"one answer is only that", valueTrend(pts(4)), "one", nil, f(4)},
		{"from 3 to 6 is better", valueTrend(pts(3, 2, 6)), "better", f(3), f(6)},
		{"from 6 to 3 is worse", valueTrend(pts(6, 8, 3)), "worse", f(6), f(3)},
		{"back where it began is the same", valueTrend(pts(5, 7, 5)), "same", f(5), f(5)},
		{"a higher step is better", stepTrend([]StepPoint{{"2026-10-01", 2}, {"2026-10-08", 3}}), "better", f(2), f(3)},
		{"no worked hours yet", hoursSummary([]HoursPoint{{WeekStart: "2026-10-05", Planned: f(9)}}), "none", nil, nil},
		{"more than planned is said", hoursSummary([]HoursPoint{{"2026-10-05", f(9), f(12)}, {"2026-10-12", f(10), nil}}), "above_plan", f(9), f(12)},
		{"less than planned", hoursSummary([]HoursPoint{{"2026-10-05", f(9), f(6)}}), "below_plan", f(9), f(6)},
		{"as planned", hoursSummary([]HoursPoint{{"2026-10-05", f(9), f(9)}}), "on_plan", f(9), f(9)},
		{"worked without a plan", hoursSummary([]HoursPoint{{"2026-10-05", nil, f(4)}}), "no_plan", nil, f(4)},
	}
	eq := func(a, b *float64) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got.Key != c.key || !eq(c.got.From, c.from) || !eq(c.got.To, c.to) {
				t.Fatalf("got %+v, want %s from %v to %v", c.got, c.key, c.from, c.to)
			}
		})
	}
}
