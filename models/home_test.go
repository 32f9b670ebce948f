package models

import (
	"testing"
	"time"
)

func TestHomeActions(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC) // a Wednesday
	inDays := func(d int) time.Time { return now.Add(time.Duration(d) * 24 * time.Hour) }
	reply := &ReplyView{Response: "attending"}
	refl := &ReflectionView{}
	thisWeek := &CheckinView{RecordedAt: time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)}
	lastWeek := &CheckinView{RecordedAt: time.Date(2026, 3, 1, 22, 59, 0, 0, time.UTC)} // Sunday 23:59 Copenhagen
	cases := []struct {
		name     string
		meetings []MeetingView
		last     *CheckinView
		want     []string
	}{
		{"nothing booked and no check-in yet", nil, nil, []string{"checkin"}},
		{"a check-in this week is enough", nil, thisWeek, nil},
		{"a check-in on Sunday night belongs to last week", nil, lastWeek, []string{"checkin"}},
		{"a roundtable in 3 days asks for a reflection and a reply",
			[]MeetingView{{ID: "m", Kind: KindRoundtable, StartsAt: inDays(3)}}, thisWeek, []string{"reflection", "reply"}},
		{"a roundtable in 20 days asks only for a reply",
			[]MeetingView{{ID: "m", Kind: KindRoundtable, StartsAt: inDays(20)}}, thisWeek, []string{"reply"}},
		{"a follow-up never asks for a reflection",
			[]MeetingView{{ID: "m", Kind: KindFollowUp, StartsAt: inDays(3), Reply: reply}}, thisWeek, nil},
		{"a prepared and answered roundtable asks nothing",
			[]MeetingView{{ID: "m", Kind: KindRoundtable, StartsAt: inDays(3), Reply: reply, Reflection: refl}}, thisWeek, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := HomeActions(c.meetings, c.last, now)
			if len(got) != len(c.want) {
				t.Fatalf("actions = %+v, want %v", got, c.want)
			}
			for i, k := range c.want {
				if got[i].Kind != k {
					t.Fatalf("action %d = %s, want %s", i, got[i].Kind, k)
				}
			}
		})
	}
}

func TestHomeNewsItems(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	earlier, later := now.Add(-2*time.Hour), now.Add(-time.Hour)
	plan := &PlanView{Version: 2, CreatedAt: &later}
	moved := MeetingView{ID: "m", StartsAt: now.Add(48 * time.Hour), MovedAt: &later}
	cancelled := MeetingView{ID: "c", StartsAt: now.Add(48 * time.Hour), CancelledAt: &later, Status: MeetingStatusCancelled}
	lists := &MeetingLists{Upcoming: []MeetingView{moved}, Cancelled: []MeetingView{cancelled}}
	cases := []struct {
		name string
		seen CitizenSeen
		want int
	}{
		{"nothing seen yet", CitizenSeen{}, 3},
		{"the plan seen", CitizenSeen{PlanVersion: 2}, 2},
		{"meetings seen before they changed", CitizenSeen{PlanVersion: 2, MeetingsSeenAt: &earlier}, 2},
		{"everything seen", CitizenSeen{PlanVersion: 2, MeetingsSeenAt: &now}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := HomeNewsItems(plan, lists, c.seen, now); len(got) != c.want {
				t.Fatalf("news = %+v, want %d", got, c.want)
			}
		})
	}
}
