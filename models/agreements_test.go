package models

import (
	"testing"
	"time"
)

func TestAnAgreementIsOverdueTheDayAfterItsDueDateInCopenhagen(t *testing.T) {
	t.Parallel()
	due := func(s string) *string { return &s }
	cases := []struct {
		name    string
		status  string
		due     *string
		now     time.Time
		overdue bool
	}{
		{"on the due day", AgreementOpen, due("2026-03-05"), time.Date(2026, 3, 5, 22, 59, 0, 0, time.UTC), false},
		{"at midnight after it (CET)", AgreementOpen, due("2026-03-05"), time.Date(2026, 3, 5, 23, 0, 0, 0, time.UTC), true},
		{"at midnight after it in summer time (CEST)", AgreementOpen, due("2026-03-29"), time.Date(2026, 3, 29, 22, 0, 0, 0, time.UTC), true},
		{"an hour before that midnight in summer time", AgreementOpen, due("2026-03-29"), time.Date(2026, 3, 29, 21, 59, 0, 0, time.UTC), false},
		{"a done item", AgreementDone, due("2026-03-01"), time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC), false},
		{"an item without a due date", AgreementOpen, nil, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := AgreementOverdue(c.status, c.due, c.now); got != c.overdue {
				t.Fatalf("overdue = %v, want %v", got, c.overdue)
			}
		})
	}
}

func TestAnEmptyAgreementPatchIsRefused(t *testing.T) {
	t.Parallel()
	var p AgreementPatch
	if e, ok := AsError(p.Validate(time.Now())); !ok || e.Code != "nothing_to_change" {
		t.Fatalf("empty patch: %v", e)
	}
	p.ClearDueDate = true
	if err := p.Validate(time.Now()); err != nil {
		t.Fatalf("clearing the due date is a change: %v", err)
	}
}

func TestTheStaircaseGapComparesEachPartysLatestPlacement(t *testing.T) {
	t.Parallel()
	at := func(s string) time.Time { ts, _ := time.Parse(time.RFC3339, s); return ts }
	step := func(n int) *int { return &n }
	cases := []struct {
		name       string
		checkins   []CheckinView
		placements []PlacementView
		ce, cj     *int
		wide       bool
	}{
		{"nobody has placed the citizen", nil, nil, nil, nil, false},
		{"only the employer", nil, []PlacementView{{Party: PartyEmployer, Step: 4, Date: "2026-03-01"}}, nil, nil, false},
		{"one step apart is not wide",
			[]CheckinView{{RecordedAt: at("2026-03-01T09:00:00Z"), StaircaseStep: step(3)}},
			[]PlacementView{{Party: PartyEmployer, Step: 4, Date: "2026-03-01"}}, step(1), nil, false},
		{"the citizen's newest answer counts, check-in or meeting",
			[]CheckinView{{RecordedAt: at("2026-03-05T09:00:00Z"), StaircaseStep: step(1)}},
			[]PlacementView{{Party: PartyCitizen, Step: 4, Date: "2026-03-02", CreatedAt: at("2026-03-02T10:00:00Z")},
				{Party: PartyEmployer, Step: 4, Date: "2026-03-02"}, {Party: PartyJobcenter, Step: 2, Date: "2026-03-02"}},
			step(3), step(1), true},
		{"a check-in without a step is not an answer",
			[]CheckinView{{RecordedAt: at("2026-03-05T09:00:00Z")}},
			[]PlacementView{{Party: PartyCitizen, Step: 4, Date: "2026-03-02"}, {Party: PartyEmployer, Step: 2, Date: "2026-03-02"}},
			step(2), nil, true},
	}
	eq := func(a, b *int) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := ComputeStaircaseGap(BuildStaircase(c.checkins, c.placements))
			if !eq(g.CitizenEmployer, c.ce) || !eq(g.CitizenJobcenter, c.cj) || g.Wide != c.wide {
				t.Fatalf("gap = %+v", g)
			}
		})
	}
}
