package models

import (
	"testing"
	"time"
)

func TestTimelineReminders(t *testing.T) {
	t.Parallel()
	base := CaseClock{FirstSickDay: "2026-02-02", Category: 2, Employment: EmployedEmployee}
	accepted := func(s string) []ClockFastTrack {
		return []ClockFastTrack{{Status: FastTrackAccepted, RequestedAt: at(s)}}
	}
	type reminder struct{ key, fireAt string }
	cases := []struct {
		name  string
		clock CaseClock
		ft    []ClockFastTrack
		now   time.Time
		want  []reminder // fire times in Copenhagen wall-clock time
	}{
		{
			name: "the own doctor within 14 days of an accepted request: 3 days before and on the day, at 10:00",
			ft:   accepted("2026-03-02 09:00"), now: at("2026-03-02 12:00"),
			want: []reminder{
				{"timeline_reminder:doctor_consultation:2026-03-16:3", "2026-03-13 10:00"},
				{"timeline_reminder:doctor_consultation:2026-03-16:0", "2026-03-16 10:00"},
			},
		},
		{
			// Summer time starts on Sunday 29 March 2026: both reminders
			// stay at 10:00 on the wall clock, an hour earlier in UTC.
			name: "a DST week: the reminders stay at 10:00 Copenhagen time",
			ft:   accepted("2026-03-18 09:00"), now: at("2026-03-18 12:00"),
			want: []reminder{
				{"timeline_reminder:doctor_consultation:2026-04-01:3", "2026-03-29 10:00"},
				{"timeline_reminder:doctor_consultation:2026-04-01:0", "2026-04-01 10:00"},
			},
		},
		{
			name: "a reminder whose time has passed is left out",
			ft:   accepted("2026-03-02 09:00"), now: at("2026-03-13 10:00"),
			want: []reminder{{"timeline_reminder:doctor_consultation:2026-03-16:0", "2026-03-16 10:00"}},
		},
		{
			name:  "no reminder once the consultation is recorded",
			clock: CaseClock{FirstSickDay: "2026-02-02", Category: 2, Employment: EmployedEmployee, DoctorConsultationOn: strp("2026-03-05")},
			ft:    accepted("2026-03-02 09:00"), now: at("2026-03-06 12:00"),
		},
		{
			name: "no reminder without an accepted request",
			ft:   []ClockFastTrack{{Status: FastTrackDeclined, RequestedAt: at("2026-03-02 09:00")}}, now: at("2026-03-02 12:00"),
		},
		{
			// The first follow-up, the re-evaluation and the fast-track
			// limit are the jobcenter's or a right: no citizen reminder.
			name: "nothing for the steps the jobcenter takes",
			now:  at("2026-02-10 09:00"),
		},
		{
			name: "an overdue consultation gets no late reminder",
			ft:   accepted("2026-03-02 09:00"), now: at("2026-03-17 09:00"),
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clock := base
			if c.clock.FirstSickDay != "" {
				clock = c.clock
			}
			got := TimelineReminders(Timeline(clock, nil, c.ft, c.now), c.now)
			if len(got) != len(c.want) {
				t.Fatalf("got %+v, want %v", got, c.want)
			}
			for i, w := range c.want {
				g := got[i]
				if g.EventKey != w.key || !g.FireAt.Equal(at(w.fireAt)) || g.FireAt.Location() != time.UTC {
					t.Errorf("reminder %d: %s at %s, want %s at %s", i, g.EventKey, g.FireAt.In(Copenhagen), w.key, w.fireAt)
				}
				if g.Item != TimelineDoctorConsultation {
					t.Errorf("reminder %d is about %s", i, g.Item)
				}
				// The message is worth delivering until the due day ends.
				if due := g.EventKey[len("timeline_reminder:doctor_consultation:"):][:10]; !g.DueEnd.Equal(cph(due + " 23:59:59")) {
					t.Errorf("reminder %d: due end %s", i, g.DueEnd.In(Copenhagen))
				}
			}
		})
	}
	// The DST case in UTC, so the test cannot agree with itself by accident.
	got := TimelineReminders(Timeline(base, nil, accepted("2026-03-18 09:00"), at("2026-03-18 12:00")), at("2026-03-18 12:00"))
	if want := time.Date(2026, 3, 29, 8, 0, 0, 0, time.UTC); !got[0].FireAt.Equal(want) {
		t.Errorf("on the DST Sunday: %s, want %s", got[0].FireAt, want)
	}
	if want := time.Date(2026, 3, 13, 9, 0, 0, 0, time.UTC); !TimelineReminders(Timeline(base, nil, accepted("2026-03-02 09:00"), at("2026-03-02 12:00")), at("2026-03-02 12:00"))[0].FireAt.Equal(want) {
		t.Error("in winter time 10:00 is 09:00 UTC")
	}
}
