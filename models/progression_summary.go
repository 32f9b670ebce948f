package models

// Charts that speak: one plain sentence per graph, computed here once and
// served with the series, so the citizen's and the caseworker's apps say the
// same. The apps turn a summary into words with its Key.

// ChartSummary is the fact behind a chart's sentence. Key is one of:
//   - "none": nothing answered yet;
//   - "one": one answer (To, on Date);
//   - "better", "worse", "same": the latest answer (To) against the first
//     (From, on Since) – for the staircase "better" is a higher step;
//   - for hours, the latest week with worked hours (Week): "above_plan",
//     "below_plan", "on_plan" (From is the plan, To what was worked), or
//     "no_plan" (To only).
type ChartSummary struct {
	Key   string   `json:"key"`
	From  *float64 `json:"from"`
	To    *float64 `json:"to"`
	Since string   `json:"since,omitempty"`
	Date  string   `json:"date,omitempty"`
	Week  string   `json:"week,omitempty"`
}

// ProgressionSummaries are the sentences of the charts that are not per goal.
type ProgressionSummaries struct {
	Wellbeing ChartSummary `json:"wellbeing"`
	Staircase ChartSummary `json:"staircase"` // the citizen's own steps
	Hours     ChartSummary `json:"hours"`
}

type datedValue struct {
	date  string
	value float64
}

// summarizeTrend compares the latest answer with the first; points are
// oldest first and hold only what was answered.
func summarizeTrend(points []datedValue) ChartSummary {
	switch len(points) {
	case 0:
		return ChartSummary{Key: "none"}
	case 1:
		v := points[0].value
		return ChartSummary{Key: "one", To: &v, Date: points[0].date}
	}
	first, last := points[0], points[len(points)-1]
	s := ChartSummary{Key: "same", From: &first.value, To: &last.value, Since: first.date, Date: last.date}
	switch {
	case last.value > first.value:
		s.Key = "better"
	case last.value < first.value:
		s.Key = "worse"
	}
	return s
}

func valueTrend(pts []ValuePoint) ChartSummary {
	out := make([]datedValue, len(pts))
	for i, p := range pts {
		out[i] = datedValue{p.Date, float64(p.Value)}
	}
	return summarizeTrend(out)
}

func stepTrend(pts []StepPoint) ChartSummary {
	out := make([]datedValue, len(pts))
	for i, p := range pts {
		out[i] = datedValue{p.Date, float64(p.Step)}
	}
	return summarizeTrend(out)
}

// hoursSummary speaks of the latest week with worked hours against its plan.
func hoursSummary(weeks []HoursPoint) ChartSummary {
	for i := len(weeks) - 1; i >= 0; i-- {
		w := weeks[i]
		if w.Actual == nil {
			continue
		}
		s := ChartSummary{Key: "no_plan", To: w.Actual, Week: w.WeekStart}
		if w.Planned == nil {
			return s
		}
		s.From = w.Planned
		switch {
		case *w.Actual > *w.Planned:
			s.Key = "above_plan"
		case *w.Actual < *w.Planned:
			s.Key = "below_plan"
		default:
			s.Key = "on_plan"
		}
		return s
	}
	return ChartSummary{Key: "none"}
}

// summarize fills in every chart's sentence of p.
func (p *Progression) summarize() {
	for i := range p.Goals {
		p.Goals[i].Summary = valueTrend(p.Goals[i].Points)
	}
	p.Summaries = ProgressionSummaries{Wellbeing: valueTrend(p.Wellbeing),
		Staircase: stepTrend(p.Staircase.Citizen), Hours: hoursSummary(p.Hours)}
}
