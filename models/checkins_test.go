package models

import (
	"testing"
	"time"
)

func TestCheckinHashIgnoresOnlyWhatDoesNotChangeTheMeaning(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, Copenhagen)
	five, six := 5, 6
	base := func() NewCheckin {
		return NewCheckin{ID: "6f1c1e0a-3b7e-4a39-9a3e-0c2d9b1f7a11", RecordedAt: at, Wellbeing: &five,
			GoalScores: []GoalScore{{"a", 1}, {"b", 2}}}
	}
	hash := func(in NewCheckin) string { in.Normalize(); return in.Hash() }
	want := hash(base())
	cases := []struct {
		name string
		edit func(*NewCheckin)
		same bool
	}{
		{"the same instant in UTC", func(c *NewCheckin) { c.RecordedAt = at.UTC() }, true},
		{"the id in upper case", func(c *NewCheckin) { c.ID = "6F1C1E0A-3B7E-4A39-9A3E-0C2D9B1F7A11" }, true},
		{"scores in another order", func(c *NewCheckin) { c.GoalScores = []GoalScore{{"b", 2}, {"a", 1}} }, true},
		{"another wellbeing", func(c *NewCheckin) { c.Wellbeing = &six }, false},
		{"no wellbeing", func(c *NewCheckin) { c.Wellbeing = nil }, false},
		{"another time", func(c *NewCheckin) { c.RecordedAt = at.Add(time.Second) }, false},
		{"another score", func(c *NewCheckin) { c.GoalScores[0].Score = 9 }, false},
		{"a note", func(c *NewCheckin) { c.Note = "x" }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := base()
			c.edit(&in)
			if got := hash(in); (got == want) != c.same {
				t.Fatalf("same hash = %v, want %v", got == want, c.same)
			}
		})
	}
}
