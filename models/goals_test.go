package models

import (
	"testing"
)

func TestIsVagueGoal(t *testing.T) {
	t.Parallel()
	date := "2026-06-01"
	cases := []struct {
		name   string
		title  string
		target *string
		vague  bool
	}{
		{"get well is vague", "Blive rask", nil, true},
		{"feel better in English is vague", "Feel better", nil, true},
		{"a worry without a number is vague", "Få styr på min bekymring for tilbagefald", nil, true},
		{"hours a week is concrete", "Genoptage arbejdet 12 timer om ugen", nil, false},
		{"full time within months is concrete", "Tilbage i mit job, fuld tid på almindelige vilkår inden for 3-4 måneder", nil, false},
		{"a month name is a date", "Tilbage på arbejde i august", nil, false},
		{"a number word counts", "Arbejde tre dage om ugen", nil, false},
		{"a target date makes any title concrete", "Blive rask", &date, false},
		{"an empty target date does not", "Blive rask", new(string), true},
		{"English 'to' is not a number", "Go back to work", nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := IsVagueGoal(c.title, c.target); got != c.vague {
				t.Fatalf("IsVagueGoal(%q) = %v, want %v", c.title, got, c.vague)
			}
		})
	}
}
