package models

import (
	"sort"
	"time"
)

// The law's clock: the one home of the follow-up, fast-track, doctor and
// re-evaluation deadlines. The caseload, the citizen page and the citizen's
// own screen all read Timeline; nothing else computes these dates.

// Timeline item keys, in the order they appear on equal dates.
const (
	TimelineFastTrackLimit     = "fast_track_limit"
	TimelineFirstFollowUp      = "first_follow_up"
	TimelineNextFollowUp       = "next_follow_up"
	TimelineDoctorConsultation = "doctor_consultation"
	TimelineReEvaluation       = "re_evaluation"
)

// Timeline item states.
const (
	TimelineOpen          = "open"
	TimelineDone          = "done"
	TimelineOverdue       = "overdue"
	TimelineNotApplicable = "not_applicable"
)

// Employment situations. Only the employed have an employer at the table.
const (
	EmployedEmployee = "employed"
	SelfEmployed     = "self_employed"
	Unemployed       = "unemployed"
)

// Day offsets of the rules, counted from day 1 = the first sick day.
const (
	FirstFollowUpDays     = 8*7 - 1  // by the end of week 8
	ReEvaluationByDays    = 22*7 - 1 // by the end of week 22
	FastTrackFollowUpDays = 14       // first follow-up and own doctor, after an accepted request
	NextFollowUpDaysClose = 28       // categories 2 and 3: every 4 weeks
	NextFollowUpDaysLoose = 56       // category 1: every 8 weeks
)

// CaseClock is what the timeline needs to know about a case.
type CaseClock struct {
	FirstSickDay         string
	Category             int
	Employment           string
	DoctorConsultationOn *string
	ReEvaluationOn       *string
	ReEvaluationOutcome  *string
}

// ClockMeeting is a meeting as the timeline sees it.
type ClockMeeting struct {
	ID        string
	Kind      string
	StartsAt  time.Time
	Cancelled bool
}

// ClockFastTrack is a fast-track request as the timeline sees it; Status is
// its state as of now (a pending one past its deadline reads as lapsed).
type ClockFastTrack struct {
	Status      string
	RequestedAt time.Time
}

// TimelineItem is one deadline of the case.
type TimelineItem struct {
	Key       string  `json:"key"`
	Due       string  `json:"due"`
	Status    string  `json:"status"`
	DoneOn    *string `json:"done_on"`
	MeetingID *string `json:"meeting_id"`
	Outcome   *string `json:"outcome,omitempty"`
}

// Open reports whether the item still asks for something (open or overdue).
func (it TimelineItem) Open() bool { return it.Status == TimelineOpen || it.Status == TimelineOverdue }

// IsFollowUpConversation: a follow-up or a roundtable (the jobcenter is at
// the table) that is not cancelled.
func IsFollowUpConversation(m ClockMeeting) bool {
	return !m.Cancelled && (m.Kind == "follow_up" || m.Kind == "roundtable")
}

// Timeline computes the case's deadlines as seen at now. Every date is a
// Copenhagen date; the items are ordered by due date.
func Timeline(c CaseClock, meetings []ClockMeeting, fastTrack []ClockFastTrack, now time.Time) []TimelineItem {
	first, ok := ParseDate(c.FirstSickDay)
	if !ok {
		return []TimelineItem{}
	}
	today := CopenhagenDate(now)
	held := heldFollowUps(meetings, now)
	accepted := latestAccepted(fastTrack)
	items := []TimelineItem{fastTrackLimitItem(c, first, fastTrack, today)}
	items = append(items, firstFollowUpItem(first, accepted, held, today))
	if len(held) > 0 {
		items = append(items, nextFollowUpItem(c.Category, held[len(held)-1], today))
	}
	if accepted != nil {
		items = append(items, recordedItem(TimelineDoctorConsultation,
			CopenhagenDate(accepted.RequestedAt).AddDate(0, 0, FastTrackFollowUpDays), c.DoctorConsultationOn, today))
	}
	re := recordedItem(TimelineReEvaluation, first.AddDate(0, 0, ReEvaluationByDays), c.ReEvaluationOn, today)
	if re.Status == TimelineDone {
		re.Outcome = c.ReEvaluationOutcome
	}
	items = append(items, re)
	sort.SliceStable(items, func(i, j int) bool { return items[i].Due < items[j].Due })
	return items
}

// heldFollowUps are the follow-up conversations that have started, oldest first.
func heldFollowUps(ms []ClockMeeting, now time.Time) []ClockMeeting {
	var out []ClockMeeting
	for _, m := range ms {
		if IsFollowUpConversation(m) && !m.StartsAt.After(now) {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].StartsAt.Before(out[j].StartsAt) })
	return out
}

// latestAccepted is the newest accepted fast-track request, if any.
func latestAccepted(rs []ClockFastTrack) *ClockFastTrack {
	var best *ClockFastTrack
	for i := range rs {
		if rs[i].Status == FastTrackAccepted && (best == nil || rs[i].RequestedAt.After(best.RequestedAt)) {
			best = &rs[i]
		}
	}
	return best
}

// fastTrackLimitItem: a right, not a duty, so never overdue.
func fastTrackLimitItem(c CaseClock, first time.Time, rs []ClockFastTrack, today time.Time) TimelineItem {
	due := first.AddDate(0, 0, FastTrackLimitDays)
	it := TimelineItem{Key: TimelineFastTrackLimit, Due: due.Format(DateLayout), Status: TimelineOpen}
	if len(rs) > 0 {
		earliest := rs[0].RequestedAt
		for _, r := range rs[1:] {
			if r.RequestedAt.Before(earliest) {
				earliest = r.RequestedAt
			}
		}
		it.Status, it.DoneOn = TimelineDone, dateRef(CopenhagenDate(earliest))
		return it
	}
	if c.Employment != EmployedEmployee || today.After(due) {
		it.Status = TimelineNotApplicable
	}
	return it
}

func firstFollowUpItem(first time.Time, accepted *ClockFastTrack, held []ClockMeeting, today time.Time) TimelineItem {
	due := first.AddDate(0, 0, FirstFollowUpDays)
	if accepted != nil {
		if ft := CopenhagenDate(accepted.RequestedAt).AddDate(0, 0, FastTrackFollowUpDays); ft.Before(due) {
			due = ft
		}
	}
	it := openOrOverdue(TimelineFirstFollowUp, due, today)
	if len(held) > 0 {
		id := held[0].ID
		it.Status, it.DoneOn, it.MeetingID = TimelineDone, dateRef(CopenhagenDate(held[0].StartsAt)), &id
	}
	return it
}

func nextFollowUpItem(category int, latest ClockMeeting, today time.Time) TimelineItem {
	days := NextFollowUpDaysClose
	if category == 1 {
		days = NextFollowUpDaysLoose
	}
	return openOrOverdue(TimelineNextFollowUp, CopenhagenDate(latest.StartsAt).AddDate(0, 0, days), today)
}

// recordedItem is done once its date has been recorded.
func recordedItem(key string, due time.Time, doneOn *string, today time.Time) TimelineItem {
	it := openOrOverdue(key, due, today)
	if doneOn != nil {
		d := *doneOn
		it.Status, it.DoneOn = TimelineDone, &d
	}
	return it
}

func openOrOverdue(key string, due, today time.Time) TimelineItem {
	it := TimelineItem{Key: key, Due: due.Format(DateLayout), Status: TimelineOpen}
	if due.Before(today) {
		it.Status = TimelineOverdue
	}
	return it
}

func dateRef(d time.Time) *string {
	s := d.Format(DateLayout)
	return &s
}

// TimelineHasOverdue reports whether any item is overdue.
func TimelineHasOverdue(items []TimelineItem) bool {
	for _, it := range items {
		if it.Status == TimelineOverdue {
			return true
		}
	}
	return false
}

// TimelineItemByKey finds an item (nil when absent).
func TimelineItemByKey(items []TimelineItem, key string) *TimelineItem {
	for i := range items {
		if items[i].Key == key {
			return &items[i]
		}
	}
	return nil
}

// ClockFastTrackOf gives each stored request its state as of now: a pending
// request past its consent deadline reads as lapsed.
func ClockFastTrackOf(reqs []CaseloadFastTrack, now time.Time) []ClockFastTrack {
	out := make([]ClockFastTrack, len(reqs))
	for i, r := range reqs {
		st := r.Status
		if st == FastTrackPending && DeadlinePassed(r.ConsentDeadline, now) {
			st = FastTrackLapsed
		}
		out[i] = ClockFastTrack{Status: st, RequestedAt: r.RequestedAt}
	}
	return out
}
