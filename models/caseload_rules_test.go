package models

import (
	"reflect"
	"testing"
	"time"
)

// cph is a Copenhagen wall-clock time, in UTC.
func clAt(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, Copenhagen).UTC()
}

func clPtr[T any](v T) *T { return &v }

func clCitizen(firstSickDay string, created time.Time) CaseloadFacts {
	hash := "x"
	return CaseloadFacts{Citizen: Citizen{ID: "c1", FirstSickDay: firstSickDay, Category: 2, ExpectedWeeks: clPtr(12),
		CreatedAt: created, User: User{Name: "Bo", PasswordHash: &hash}}}
}

func clCheck(at time.Time, wellbeing *int, avg *float64) CaseloadCheckin {
	return CaseloadCheckin{CitizenID: "c1", RecordedAt: at, Wellbeing: wellbeing, AvgScore: avg}
}

func TestCheckinTrend(t *testing.T) {
	t.Parallel()
	day := clAt(2026, 3, 2, 9, 0)
	tests := []struct {
		name string
		in   []CaseloadCheckin
		want *string
	}{
		{"no check-ins have no trend", nil, nil},
		{"a single check-in has no trend", []CaseloadCheckin{clCheck(day, clPtr(5), clPtr(5.0))}, nil},
		{"a goal score one point above the last two is up",
			[]CaseloadCheckin{clCheck(day, clPtr(2), clPtr(6.0)), clCheck(day, clPtr(9), clPtr(5.0)), clCheck(day, clPtr(9), clPtr(5.0))}, clPtr(TrendUp)},
		{"goal scores decide over wellbeing when both exist",
			[]CaseloadCheckin{clCheck(day, clPtr(9), clPtr(3.0)), clCheck(day, clPtr(2), clPtr(5.0))}, clPtr(TrendDown)},
		{"less than a point either way is flat",
			[]CaseloadCheckin{clCheck(day, nil, clPtr(5.5)), clCheck(day, nil, clPtr(5.0)), clCheck(day, nil, clPtr(5.0))}, clPtr(TrendFlat)},
		{"without goal scores wellbeing is used",
			[]CaseloadCheckin{clCheck(day, clPtr(3), nil), clCheck(day, clPtr(6), nil), clCheck(day, clPtr(4), nil)}, clPtr(TrendDown)},
		{"a newest check-in without scores falls back to wellbeing",
			[]CaseloadCheckin{clCheck(day, clPtr(7), nil), clCheck(day, clPtr(5), clPtr(4.0))}, clPtr(TrendUp)},
		{"nothing comparable has no trend",
			[]CaseloadCheckin{clCheck(day, clPtr(7), nil), clCheck(day, nil, clPtr(4.0))}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckinTrend(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("trend = %v, want %v", trendName(got), trendName(tt.want))
			}
		})
	}
}

func trendName(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestOpenActions(t *testing.T) {
	t.Parallel()
	now := clAt(2026, 3, 10, 10, 0)
	created := clAt(2026, 2, 20, 9, 0)
	tests := []struct {
		name   string
		modify func(f *CaseloadFacts)
		want   []string
	}{
		{"a citizen who checked in yesterday needs nothing", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now.Add(-24*time.Hour), clPtr(5), nil)}
		}, []string{}},
		{"fourteen days without a check-in is flagged", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now.Add(-NoCheckinAfter), clPtr(5), nil)}
		}, []string{ActionNoCheckin14d}},
		{"thirteen days without a check-in is not flagged yet", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now.Add(-NoCheckinAfter+time.Hour), clPtr(5), nil)}
		}, []string{}},
		{"a citizen never checked in counts from activation", func(f *CaseloadFacts) {
			f.Invites = []CaseloadInvite{{ExpiresAt: now, UsedAt: clPtr(now.Add(-13 * 24 * time.Hour))}}
		}, []string{}},
		{"a pending fast track asks for the citizen's answer; the early follow-up waits for the acceptance", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now, nil, nil)}
			f.FastTrack = []CaseloadFastTrack{{Status: FastTrackPending, RequestedAt: now.Add(-time.Hour), ConsentDeadline: ConsentDeadline(now.Add(-time.Hour))}}
		}, []string{ActionFastTrackPending}},
		{"a pending fast track of a citizen who has not activated the app: call the citizen", func(f *CaseloadFacts) {
			f.Citizen.User.PasswordHash = nil
			f.Invites = []CaseloadInvite{{ExpiresAt: now.Add(time.Hour)}}
			f.FastTrack = []CaseloadFastTrack{{Status: FastTrackPending, RequestedAt: now.Add(-time.Hour), ConsentDeadline: ConsentDeadline(now.Add(-time.Hour))}}
		}, []string{ActionFastTrackPending, ActionFastTrackCallCitizen}},
		{"an accepted fast track with no follow-up booked within 14 days of the request asks for one", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now, nil, nil)}
			req := now.Add(-5 * 24 * time.Hour)
			f.FastTrack = []CaseloadFastTrack{{Status: FastTrackAccepted, RequestedAt: req, ConsentDeadline: ConsentDeadline(req)}}
			f.Meetings = []CaseloadMeeting{{ID: "late", Kind: "follow_up", StartsAt: now.Add(20 * 24 * time.Hour)}}
		}, []string{ActionFollowUpNotBooked}},
		{"an exempt citizen is asked for no check-in, so silence is no action", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now.Add(-NoCheckinAfter), clPtr(5), nil)}
			f.Citizen.ExemptReason = clPtr("treatment")
		}, []string{}},
		{"an exemption that has ended counts no more", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now.Add(-NoCheckinAfter), clPtr(5), nil)}
			f.Citizen.ExemptReason, f.Citizen.ExemptUntil = clPtr("treatment"), clPtr("2026-03-09")
		}, []string{ActionNoCheckin14d}},
		{"a first follow-up past the end of week 8 is overdue on the timeline", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now, nil, nil)}
			f.Citizen.FirstSickDay = "2025-12-01"
		}, []string{ActionTimelineOverdue, ActionFollowUpNotBooked}},
		{"the re-evaluation at the end of week 22 within 14 days and no meeting booked", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now, nil, nil)}
			f.Citizen.FirstSickDay = "2025-10-10" // re-evaluation due 2026-03-12
			f.Meetings = []CaseloadMeeting{{ID: "held", Kind: "follow_up", StartsAt: now.Add(-3 * 24 * time.Hour)}}
		}, []string{ActionReEvaluationNotBooked}},
		{"a status meeting booked before the re-evaluation's due date is enough", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now, nil, nil)}
			f.Citizen.FirstSickDay = "2025-10-10"
			f.Meetings = []CaseloadMeeting{{ID: "held", Kind: "follow_up", StartsAt: now.Add(-3 * 24 * time.Hour)},
				{ID: "s", Kind: "status", StartsAt: now.Add(24 * time.Hour)}}
		}, []string{}},
		{"a pending fast track past its deadline has lapsed and asks nothing", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now, nil, nil)}
			req := now.Add(-5 * 24 * time.Hour)
			f.FastTrack = []CaseloadFastTrack{{Status: FastTrackPending, RequestedAt: req, ConsentDeadline: ConsentDeadline(req)}}
		}, []string{}},
		{"an accepted fast track with a follow-up booked asks nothing", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now, nil, nil)}
			req := now.Add(-5 * 24 * time.Hour)
			f.FastTrack = []CaseloadFastTrack{{Status: FastTrackAccepted, RequestedAt: req, ConsentDeadline: ConsentDeadline(req)}}
			f.Meetings = []CaseloadMeeting{{ID: "m", Kind: "follow_up", StartsAt: now.Add(48 * time.Hour)}}
		}, []string{}},
		{"a declined fast track needs no follow-up", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now, nil, nil)}
			f.FastTrack = []CaseloadFastTrack{{Status: FastTrackDeclined, RequestedAt: now, ConsentDeadline: ConsentDeadline(now)}}
		}, []string{}},
		{"replies to upcoming meetings are actions", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now, nil, nil)}
			f.Meetings = []CaseloadMeeting{
				{ID: "a", Kind: "status", StartsAt: now.Add(time.Hour), Response: clPtr("another_time"), RepliedAt: clPtr(now)},
				{ID: "b", Kind: "other", StartsAt: now.Add(2 * time.Hour), Response: clPtr("cannot_come"), RepliedAt: clPtr(now)},
				{ID: "c", Kind: "other", StartsAt: now.Add(-time.Hour), Response: clPtr("cannot_come"), RepliedAt: clPtr(now)},
			}
		}, []string{ActionReplyAnotherTime, ActionReplyCannotCome}},
		{"a reply given before the meeting was moved is stale", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now, nil, nil)}
			f.Meetings = []CaseloadMeeting{{ID: "a", Kind: "status", StartsAt: now.Add(time.Hour), MovedAt: clPtr(now.Add(-time.Minute)),
				Response: clPtr("another_time"), RepliedAt: clPtr(now.Add(-time.Hour))}}
		}, []string{}},
		{"a shared reflection for an upcoming roundtable is to be read", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now, nil, nil)}
			f.Meetings = []CaseloadMeeting{{ID: "a", Kind: "roundtable", StartsAt: now.Add(time.Hour), ReflectionShared: true}}
		}, []string{ActionReflectionShared}},
		{"not recognising oneself in the plan is an action", func(f *CaseloadFacts) {
			f.Checkins = []CaseloadCheckin{clCheck(now, nil, nil)}
			f.PlanFeedback = "no"
		}, []string{ActionPlanFeedbackNo}},
		{"an expired invite of a citizen not yet active is an action", func(f *CaseloadFacts) {
			f.Citizen.User.PasswordHash = nil
			f.Invites = []CaseloadInvite{{ExpiresAt: now.Add(-time.Second)}}
		}, []string{ActionInviteExpired}},
		{"a working invite is no action", func(f *CaseloadFacts) {
			f.Citizen.User.PasswordHash = nil
			f.Invites = []CaseloadInvite{{ExpiresAt: now.Add(time.Hour)}}
		}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := clCitizen("2026-02-16", created)
			f.Invites = []CaseloadInvite{{ExpiresAt: created.Add(InviteLifetime), UsedAt: clPtr(created)}}
			tt.modify(&f)
			e := BuildCaseloadEntry(f, now)
			if !reflect.DeepEqual(e.OpenActions, tt.want) {
				t.Fatalf("open actions = %v, want %v", e.OpenActions, tt.want)
			}
		})
	}
}

func TestNearestDeadline(t *testing.T) {
	t.Parallel()
	now := clAt(2026, 3, 10, 10, 0) // first sick day 2026-02-16: day 23
	tests := []struct {
		name   string
		modify func(f *CaseloadFacts)
		want   *Deadline
	}{
		{"without a request the 5-week limit (end of day 35) comes first", func(f *CaseloadFacts) {},
			&Deadline{Kind: DeadlineFastTrackLimit, At: clAt(2026, 3, 23, 23, 59).Add(59 * time.Second)}},
		{"an unemployed citizen has no fast-track limit: the end of week 8 comes first", func(f *CaseloadFacts) { f.Citizen.Employment = Unemployed },
			&Deadline{Kind: DeadlineFirstFollowUp, At: clAt(2026, 4, 12, 23, 59).Add(59 * time.Second)}},
		{"a pending request's consent deadline comes first", func(f *CaseloadFacts) {
			req := clAt(2026, 3, 10, 9, 0)
			f.FastTrack = []CaseloadFastTrack{{Status: FastTrackPending, RequestedAt: req, ConsentDeadline: ConsentDeadline(req)}}
		}, &Deadline{Kind: DeadlineFastTrackConsent, At: clAt(2026, 3, 12, 23, 59).Add(59 * time.Second)}},
		{"an accepted request is followed up by the end of the 14th day", func(f *CaseloadFacts) {
			req := clAt(2026, 3, 9, 9, 0)
			f.FastTrack = []CaseloadFastTrack{{Status: FastTrackAccepted, RequestedAt: req, ConsentDeadline: ConsentDeadline(req)}}
		}, &Deadline{Kind: DeadlineFirstFollowUp, At: clAt(2026, 3, 23, 23, 59).Add(59 * time.Second)}},
		{"a follow-up held within 14 days meets the deadline; the doctor's 14 days remain", func(f *CaseloadFacts) {
			req := clAt(2026, 3, 9, 9, 0)
			f.FastTrack = []CaseloadFastTrack{{Status: FastTrackAccepted, RequestedAt: req, ConsentDeadline: ConsentDeadline(req)}}
			f.Meetings = []CaseloadMeeting{{Kind: "follow_up", StartsAt: clAt(2026, 3, 9, 14, 0)}}
		}, &Deadline{Kind: TimelineDoctorConsultation, At: clAt(2026, 3, 23, 23, 59).Add(59 * time.Second)}},
		{"an overdue follow-up stays, marked overdue", func(f *CaseloadFacts) {
			req := clAt(2026, 2, 20, 9, 0)
			f.FastTrack = []CaseloadFastTrack{{Status: FastTrackAccepted, RequestedAt: req, ConsentDeadline: ConsentDeadline(req)}}
		}, &Deadline{Kind: DeadlineFirstFollowUp, At: clAt(2026, 3, 6, 23, 59).Add(59 * time.Second), Overdue: true}},
		{"a long case with no follow-up held: the end of week 8, overdue", func(f *CaseloadFacts) { f.Citizen.FirstSickDay = "2025-09-01" },
			&Deadline{Kind: DeadlineFirstFollowUp, At: clAt(2025, 10, 26, 23, 59).Add(59 * time.Second), Overdue: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := clCitizen("2026-02-16", now)
			tt.modify(&f)
			got := BuildCaseloadEntry(f, now).NearestDeadline
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("nearest deadline = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestFollowUpDeadlineAcrossTheSpringChange(t *testing.T) {
	t.Parallel()
	// Requested Sunday 15 March 2026; due Sunday 29 March, the day clocks
	// go forward: 23:59:59 CEST is 21:59:59 UTC.
	req := clAt(2026, 3, 15, 12, 0)
	f := clCitizen("2026-02-16", req)
	f.FastTrack = []CaseloadFastTrack{{Status: FastTrackAccepted, RequestedAt: req, ConsentDeadline: ConsentDeadline(req)}}
	got := BuildCaseloadEntry(f, clAt(2026, 3, 28, 12, 0)).NearestDeadline
	want := time.Date(2026, 3, 29, 21, 59, 59, 0, time.UTC)
	if got == nil || got.Kind != DeadlineFirstFollowUp || !got.At.Equal(want) {
		t.Fatalf("deadline = %+v, want first_follow_up at %v", got, want)
	}
}

func TestRoundtableThisWeek(t *testing.T) {
	t.Parallel()
	// The week of the autumn change: Monday 26 October 2026 00:00 CET.
	tests := []struct {
		name     string
		now      time.Time
		startsAt time.Time
		want     bool
	}{
		{"a roundtable later this week counts", clAt(2026, 10, 26, 9, 0), clAt(2026, 10, 30, 10, 0), true},
		{"a roundtable earlier this week counts", clAt(2026, 10, 30, 9, 0), clAt(2026, 10, 26, 10, 0), true},
		{"Sunday late evening is still this week", clAt(2026, 10, 26, 9, 0), clAt(2026, 11, 1, 23, 30), true},
		{"Monday just after midnight is next week", clAt(2026, 10, 26, 9, 0), clAt(2026, 11, 2, 0, 15), false},
		{"Sunday before the week began is last week", clAt(2026, 10, 26, 9, 0), clAt(2026, 10, 25, 23, 30), false},
		{"Sunday 00:30 of the change day belongs to its week", clAt(2026, 10, 25, 0, 30), clAt(2026, 10, 19, 0, 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := []CaseloadMeeting{{Kind: "roundtable", StartsAt: tt.startsAt}}
			if got := clRoundtableThisWeek(ms, tt.now); got != tt.want {
				t.Fatalf("this week = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSnoozeLastsUntilTheDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		until string
		now   time.Time
		want  bool
	}{
		{"the day before the date it holds", "2026-03-11", clAt(2026, 3, 10, 23, 59), true},
		{"on the date itself the citizen is back", "2026-03-11", clAt(2026, 3, 11, 0, 0), false},
		{"UTC evening already on the date in Copenhagen counts as the date", "2026-03-11", time.Date(2026, 3, 10, 23, 30, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SnoozedOn(tt.until, tt.now); got != tt.want {
				t.Fatalf("snoozed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSnoozeInputValidation(t *testing.T) {
	t.Parallel()
	now := clAt(2026, 3, 10, 10, 0)
	tests := []struct {
		name  string
		in    SnoozeInput
		field string
	}{
		{"tomorrow is fine", SnoozeInput{Until: "2026-03-11"}, ""},
		{"a date is required", SnoozeInput{}, "until"},
		{"today is too soon", SnoozeInput{Until: "2026-03-10"}, "until"},
		{"more than a year ahead is too far", SnoozeInput{Until: "2027-03-11"}, "until"},
		{"not a date is invalid", SnoozeInput{Until: "11/3/2026"}, "until"},
		{"a reason over 300 characters is too long", SnoozeInput{Until: "2026-03-11", Reason: string(make([]rune, 301))}, "reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.in.Validate(now)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			e, ok := AsError(err)
			if !ok || e.Fields[tt.field].Key == "" {
				t.Fatalf("want an error on %s, got %v", tt.field, err)
			}
		})
	}
}

func TestSortCaseload(t *testing.T) {
	t.Parallel()
	at := func(d int) *Deadline { return &Deadline{At: clAt(2026, 3, d, 12, 0)} }
	entries := func() []CaseloadEntry {
		mk := func(name string, week int, dl *Deadline, snoozed bool) CaseloadEntry {
			return CaseloadEntry{Citizen: Citizen{User: User{Name: name}}, WeekOfSickness: week, NearestDeadline: dl, Snoozed: snoozed}
		}
		return []CaseloadEntry{mk("Åse", 3, at(20), false), mk("Ærbar", 9, nil, false), mk("Øjvind", 5, at(12), true),
			mk("Anna", 4, at(15), false), mk("bent", 2, at(15), false)}
	}
	tests := []struct {
		by   string
		want []string
	}{
		{SortDeadline, []string{"Anna", "bent", "Åse", "Ærbar", "Øjvind"}},
		{SortName, []string{"Anna", "bent", "Ærbar", "Åse", "Øjvind"}},
		{SortWeek, []string{"Ærbar", "Anna", "Åse", "bent", "Øjvind"}},
	}
	for _, tt := range tests {
		t.Run("by "+tt.by+" with snoozed citizens last", func(t *testing.T) {
			es := entries()
			SortCaseload(es, tt.by)
			var got []string
			for _, e := range es {
				got = append(got, e.Citizen.User.Name)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("order = %v, want %v", got, tt.want)
			}
		})
	}
}
