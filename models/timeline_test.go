package models

import (
	"testing"
	"time"
)

// at is a Copenhagen wall-clock time.
func at(s string) time.Time { return cph(s + ":00") }

func strp(s string) *string { return &s }

// item returns the timeline item with key, failing when it is absent.
func item(t *testing.T, items []TimelineItem, key string) TimelineItem {
	t.Helper()
	it := TimelineItemByKey(items, key)
	if it == nil {
		t.Fatalf("no %s item in %+v", key, items)
	}
	return *it
}

func TestTimelineRules(t *testing.T) {
	t.Parallel()
	// Day 1 is Monday 2 February 2026.
	base := CaseClock{FirstSickDay: "2026-02-02", Category: 2, Employment: EmployedEmployee}
	type want struct {
		key, due, status  string
		doneOn, meetingID *string
	}
	cases := []struct {
		name     string
		clock    CaseClock
		meetings []ClockMeeting
		ft       []ClockFastTrack
		now      time.Time
		want     []want
		absent   []string
	}{
		{
			name: "the first follow-up is due by the end of week 8: first sick day + 55 days",
			now:  at("2026-02-10 09:00"),
			want: []want{{key: TimelineFirstFollowUp, due: "2026-03-29", status: TimelineOpen}},
			// No follow-up held yet and no accepted request.
			absent: []string{TimelineNextFollowUp, TimelineDoctorConsultation},
		},
		{
			name: "the first follow-up is overdue from the day after the end of week 8",
			now:  at("2026-03-30 00:00"),
			want: []want{{key: TimelineFirstFollowUp, due: "2026-03-29", status: TimelineOverdue}},
		},
		{
			name: "on the last day of week 8 the first follow-up is still open",
			now:  at("2026-03-29 23:59"),
			want: []want{{key: TimelineFirstFollowUp, due: "2026-03-29", status: TimelineOpen}},
		},
		{
			name:  "the re-evaluation is due by the end of week 22: first sick day + 153 days, whatever the category",
			clock: CaseClock{FirstSickDay: "2026-02-02", Category: 1, Employment: EmployedEmployee},
			now:   at("2026-02-10 09:00"),
			want:  []want{{key: TimelineReEvaluation, due: "2026-07-05", status: TimelineOpen}},
		},
		{
			name: "the re-evaluation is done once recorded, with its outcome",
			clock: CaseClock{FirstSickDay: "2026-02-02", Category: 3, Employment: EmployedEmployee,
				ReEvaluationOn: strp("2026-07-01"), ReEvaluationOutcome: strp("extended")},
			now:  at("2026-07-10 09:00"),
			want: []want{{key: TimelineReEvaluation, due: "2026-07-05", status: TimelineDone, doneOn: strp("2026-07-01")}},
		},
		{
			name: "fast track may be requested until first sick day + 35 days",
			now:  at("2026-03-09 12:00"),
			want: []want{{key: TimelineFastTrackLimit, due: "2026-03-09", status: TimelineOpen}},
		},
		{
			name: "fast track passed without a request is not applicable, never overdue (a right, not a duty)",
			now:  at("2026-03-10 00:00"),
			want: []want{{key: TimelineFastTrackLimit, due: "2026-03-09", status: TimelineNotApplicable}},
		},
		{
			name:  "fast track is not applicable to an unemployed citizen (no employer)",
			clock: CaseClock{FirstSickDay: "2026-02-02", Category: 2, Employment: Unemployed},
			now:   at("2026-02-10 09:00"),
			want:  []want{{key: TimelineFastTrackLimit, due: "2026-03-09", status: TimelineNotApplicable}},
		},
		{
			name: "fast track is done on the date of the request, whatever came of it",
			ft:   []ClockFastTrack{{Status: FastTrackDeclined, RequestedAt: at("2026-02-20 10:00")}},
			now:  at("2026-02-25 09:00"),
			want: []want{{key: TimelineFastTrackLimit, due: "2026-03-09", status: TimelineDone, doneOn: strp("2026-02-20")}},
			// A declined request brings no earlier follow-up and no doctor.
			absent: []string{TimelineDoctorConsultation},
		},
		{
			name: "14 days after an accepted request: the first follow-up and the doctor's consultation",
			ft:   []ClockFastTrack{{Status: FastTrackAccepted, RequestedAt: at("2026-02-10 15:00")}},
			now:  at("2026-02-11 09:00"),
			want: []want{
				{key: TimelineFirstFollowUp, due: "2026-02-24", status: TimelineOpen},
				{key: TimelineDoctorConsultation, due: "2026-02-24", status: TimelineOpen},
			},
		},
		{
			name: "a late accepted request never moves the first follow-up past the end of week 8",
			clock: CaseClock{FirstSickDay: "2026-02-02", Category: 2, Employment: EmployedEmployee,
				DoctorConsultationOn: strp("2026-03-20")},
			ft:  []ClockFastTrack{{Status: FastTrackAccepted, RequestedAt: at("2026-03-20 10:00")}},
			now: at("2026-03-21 09:00"),
			want: []want{
				{key: TimelineFirstFollowUp, due: "2026-03-29", status: TimelineOpen},
				{key: TimelineDoctorConsultation, due: "2026-04-03", status: TimelineDone, doneOn: strp("2026-03-20")},
			},
		},
		{
			name: "a roundtable held within the 14 days counts as the first follow-up conversation",
			ft:   []ClockFastTrack{{Status: FastTrackAccepted, RequestedAt: at("2026-02-10 15:00")}},
			meetings: []ClockMeeting{
				{ID: "rt", Kind: "roundtable", StartsAt: at("2026-02-20 10:00")},
			},
			now: at("2026-02-21 09:00"),
			want: []want{
				{key: TimelineFirstFollowUp, due: "2026-02-24", status: TimelineDone, doneOn: strp("2026-02-20"), meetingID: strp("rt")},
				{key: TimelineNextFollowUp, due: "2026-03-20", status: TimelineOpen},
			},
		},
		{
			name: "a follow-up booked but not yet started does not count as held",
			meetings: []ClockMeeting{
				{ID: "fu", Kind: "follow_up", StartsAt: at("2026-03-20 10:00")},
			},
			now:    at("2026-03-20 09:59"),
			want:   []want{{key: TimelineFirstFollowUp, due: "2026-03-29", status: TimelineOpen}},
			absent: []string{TimelineNextFollowUp},
		},
		{
			name: "a cancelled follow-up and a status meeting are not follow-up conversations",
			meetings: []ClockMeeting{
				{ID: "x", Kind: "follow_up", StartsAt: at("2026-03-02 10:00"), Cancelled: true},
				{ID: "s", Kind: "status", StartsAt: at("2026-03-03 10:00")},
			},
			now:  at("2026-03-31 09:00"),
			want: []want{{key: TimelineFirstFollowUp, due: "2026-03-29", status: TimelineOverdue}},
		},
		{
			name: "categories 2 and 3: the next follow-up is due 28 days after the latest held one",
			meetings: []ClockMeeting{
				{ID: "a", Kind: "follow_up", StartsAt: at("2026-03-10 10:00")},
				{ID: "b", Kind: "follow_up", StartsAt: at("2026-04-07 10:00")},
			},
			now: at("2026-04-08 09:00"),
			want: []want{
				{key: TimelineFirstFollowUp, due: "2026-03-29", status: TimelineDone, doneOn: strp("2026-03-10"), meetingID: strp("a")},
				{key: TimelineNextFollowUp, due: "2026-05-05", status: TimelineOpen},
			},
		},
		{
			name:     "category 1: the next follow-up is due 56 days after the latest held one",
			clock:    CaseClock{FirstSickDay: "2026-02-02", Category: 1, Employment: EmployedEmployee},
			meetings: []ClockMeeting{{ID: "a", Kind: "follow_up", StartsAt: at("2026-03-10 10:00")}},
			now:      at("2026-05-06 09:00"),
			want:     []want{{key: TimelineNextFollowUp, due: "2026-05-05", status: TimelineOverdue}},
		},
		{
			name: "DST: a follow-up at 00:30 on the night clocks go forward counts on its Copenhagen date",
			// 29 March 2026, 00:30 CET is 28 March 23:30 UTC.
			meetings: []ClockMeeting{{ID: "n", Kind: "follow_up", StartsAt: time.Date(2026, 3, 28, 23, 30, 0, 0, time.UTC)}},
			now:      time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), // 03:30 CEST
			want: []want{
				{key: TimelineFirstFollowUp, due: "2026-03-29", status: TimelineDone, doneOn: strp("2026-03-29"), meetingID: strp("n")},
				{key: TimelineNextFollowUp, due: "2026-04-26", status: TimelineOpen},
			},
		},
		{
			name: "DST: overdue begins at Copenhagen midnight, an hour earlier in UTC in summer time",
			clock: CaseClock{FirstSickDay: "2026-02-02", Category: 2, Employment: EmployedEmployee,
				DoctorConsultationOn: nil},
			ft: []ClockFastTrack{{Status: FastTrackAccepted, RequestedAt: at("2026-03-15 12:00")}},
			// Due 29 March; 30 March 00:00 CEST is 29 March 22:00 UTC.
			now:  time.Date(2026, 3, 29, 22, 0, 0, 0, time.UTC),
			want: []want{{key: TimelineDoctorConsultation, due: "2026-03-29", status: TimelineOverdue}},
		},
		{
			name: "DST: the day before, 21:59 UTC is still 29 March in Copenhagen",
			ft:   []ClockFastTrack{{Status: FastTrackAccepted, RequestedAt: at("2026-03-15 12:00")}},
			now:  time.Date(2026, 3, 29, 21, 59, 0, 0, time.UTC),
			want: []want{{key: TimelineDoctorConsultation, due: "2026-03-29", status: TimelineOpen}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.clock
			if c.FirstSickDay == "" {
				c = base
			}
			items := Timeline(c, tc.meetings, tc.ft, tc.now)
			for i := 1; i < len(items); i++ {
				if items[i].Due < items[i-1].Due {
					t.Fatalf("not ordered by due: %+v", items)
				}
			}
			for _, w := range tc.want {
				got := item(t, items, w.key)
				if got.Due != w.due || got.Status != w.status {
					t.Errorf("%s: due %s status %s, want due %s status %s", w.key, got.Due, got.Status, w.due, w.status)
				}
				if !eqStr(got.DoneOn, w.doneOn) || !eqStr(got.MeetingID, w.meetingID) {
					t.Errorf("%s: done_on %v meeting %v, want %v %v", w.key, show(got.DoneOn), show(got.MeetingID), show(w.doneOn), show(w.meetingID))
				}
			}
			for _, k := range tc.absent {
				if TimelineItemByKey(items, k) != nil {
					t.Errorf("%s present, want absent", k)
				}
			}
		})
	}
}

func TestTimelineCarriesTheReEvaluationOutcome(t *testing.T) {
	t.Parallel()
	c := CaseClock{FirstSickDay: "2026-02-02", Category: 2, Employment: EmployedEmployee,
		ReEvaluationOn: strp("2026-07-01"), ReEvaluationOutcome: strp("jobafklaring")}
	it := item(t, Timeline(c, nil, nil, at("2026-07-02 09:00")), TimelineReEvaluation)
	if it.Outcome == nil || *it.Outcome != "jobafklaring" {
		t.Fatalf("outcome %v, want jobafklaring", show(it.Outcome))
	}
}

func TestTimelineOfAnUnreadableFirstSickDayIsEmpty(t *testing.T) {
	t.Parallel()
	if items := Timeline(CaseClock{FirstSickDay: "x"}, nil, nil, time.Now()); len(items) != 0 {
		t.Fatalf("items %+v", items)
	}
}

func eqStr(a, b *string) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }

func show(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
