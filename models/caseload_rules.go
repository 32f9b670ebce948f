package models

import (
	"time"
)

// Open actions: what a citizen's case asks of the caseworker now.
const (
	ActionFastTrackPending  = "fast_track_pending"   // the citizen has not answered yet
	ActionFollowUpNotBooked = "follow_up_not_booked" // the first follow-up is due within 14 days, none booked
	ActionReplyAnotherTime  = "reply_another_time"   // the citizen asked to move a meeting
	ActionReplyCannotCome   = "reply_cannot_come"    // the citizen cannot come to a meeting
	ActionNoCheckin14d      = "no_checkin_14d"       // silent for two weeks
	ActionPlanFeedbackNo    = "plan_feedback_no"     // "I do not recognise myself in the plan"
	ActionReflectionShared  = "reflection_shared"    // read it before the roundtable
	ActionInviteExpired     = "invite_expired"       // not activated and no working invite
	// Issue 8: the law's clock.
	ActionTimelineOverdue       = "timeline_overdue"         // an item of the timeline is overdue
	ActionReEvaluationNotBooked = "re_evaluation_not_booked" // re-evaluation within 14 days, no meeting booked
	ActionFastTrackCallCitizen  = "fast_track_call_citizen"  // a pending request, and the app is not activated
)

// BookingWindowDays is how far ahead a deadline asks for a booked meeting.
const BookingWindowDays = 14

// Deadline kinds among the computed milestones.
const (
	DeadlineFastTrackConsent = "fast_track_consent"
	DeadlineFirstFollowUp    = "first_follow_up"
	DeadlineFastTrackLimit   = "fast_track_limit"
	DeadlineReEvaluation     = "re_evaluation"
)

// Check-in trends.
const (
	TrendUp   = "up"
	TrendFlat = "flat"
	TrendDown = "down"
)

// NoCheckinAfter is how long without a check-in makes a citizen "silent".
const NoCheckinAfter = 14 * 24 * time.Hour

// CaseloadEntry is one row of the caseworker's caseload.
type CaseloadEntry struct {
	Citizen            Citizen
	WeekOfSickness     int
	Activated          bool
	InviteExpiresAt    *time.Time
	NextMeeting        *MeetingRef
	LastCheckin        *CheckinSummary
	OpenActions        []string
	NearestDeadline    *Deadline
	RoundtableThisWeek bool
	Snoozed            bool
	SnoozedUntil       *string
	SnoozeReason       *string
	Timeline           []TimelineItem
}

// NeedsAction is true when something is open and the citizen is not snoozed.
func (e CaseloadEntry) NeedsAction() bool { return !e.Snoozed && len(e.OpenActions) > 0 }

// HasAction reports whether code is among the open actions.
func (e CaseloadEntry) HasAction(code string) bool {
	for _, a := range e.OpenActions {
		if a == code {
			return true
		}
	}
	return false
}

// MeetingRef points at a meeting.
type MeetingRef struct {
	ID       string    `json:"id"`
	Kind     string    `json:"kind"`
	StartsAt time.Time `json:"starts_at"`
}

// CheckinSummary is the newest check-in and where it is heading.
type CheckinSummary struct {
	RecordedAt    time.Time `json:"recorded_at"`
	Wellbeing     *int      `json:"wellbeing"`
	StaircaseStep *int      `json:"staircase_step"`
	Trend         *string   `json:"trend"`
}

// Deadline is a dated milestone; Overdue when it has passed unmet.
type Deadline struct {
	Kind    string    `json:"kind"`
	At      time.Time `json:"at"`
	Overdue bool      `json:"overdue"`
}

// BuildCaseloadEntry turns what is stored about a citizen into their caseload
// row as seen at now.
func BuildCaseloadEntry(f CaseloadFacts, now time.Time) CaseloadEntry {
	e := CaseloadEntry{
		Citizen:        f.Citizen,
		WeekOfSickness: ComputeMilestones(f.Citizen.FirstSickDay, now).WeekOfSickness,
		Activated:      f.Citizen.User.Activated(),
		NextMeeting:    clNextMeeting(f.Meetings, now),
		LastCheckin:    clLastCheckin(f.Checkins),
	}
	if !e.Activated {
		e.InviteExpiresAt = clOpenInviteExpiry(f.Invites)
	}
	if f.Snooze != nil && SnoozedOn(f.Snooze.SnoozedUntil, now) {
		e.Snoozed = true
		e.SnoozedUntil, e.SnoozeReason = &f.Snooze.SnoozedUntil, &f.Snooze.Reason
	}
	e.Timeline = Timeline(f.Citizen.Clock(), clClockMeetings(f.Meetings), ClockFastTrackOf(f.FastTrack, now), now)
	e.OpenActions = clOpenActions(f, e, now)
	e.NearestDeadline = clNearest(clDeadlines(f, e.Timeline, now))
	e.RoundtableThisWeek = clRoundtableThisWeek(f.Meetings, now)
	return e
}

func clNextMeeting(ms []CaseloadMeeting, now time.Time) *MeetingRef {
	for _, m := range ms { // sorted by start
		if !m.StartsAt.Before(now) {
			return &MeetingRef{ID: m.ID, Kind: m.Kind, StartsAt: m.StartsAt.UTC()}
		}
	}
	return nil
}

func clLastCheckin(cs []CaseloadCheckin) *CheckinSummary {
	if len(cs) == 0 {
		return nil
	}
	c := cs[0]
	return &CheckinSummary{RecordedAt: c.RecordedAt.UTC(), Wellbeing: c.Wellbeing, StaircaseStep: c.StaircaseStep,
		Trend: CheckinTrend(cs)}
}

// CheckinTrend compares the newest check-in with the mean of the (up to two)
// before it. It uses the average goal score when the newest check-in and an
// earlier one have scores — the citizen's own goals are what progression is
// about — and falls back to wellbeing. A change of at least one point on the
// 0–10 scale is a trend; less is flat. Nil when there is nothing to compare.
func CheckinTrend(newestFirst []CaseloadCheckin) *string {
	scores := make([]*float64, len(newestFirst))
	wellbeing := make([]*float64, len(newestFirst))
	for i, c := range newestFirst {
		scores[i] = c.AvgScore
		if c.Wellbeing != nil {
			w := float64(*c.Wellbeing)
			wellbeing[i] = &w
		}
	}
	if t := clTrendOf(scores); t != nil {
		return t
	}
	return clTrendOf(wellbeing)
}

func clTrendOf(newestFirst []*float64) *string {
	if len(newestFirst) < 2 || newestFirst[0] == nil {
		return nil
	}
	var sum float64
	var n int
	for _, v := range newestFirst[1:min(len(newestFirst), 3)] {
		if v != nil {
			sum += *v
			n++
		}
	}
	if n == 0 {
		return nil
	}
	diff := *newestFirst[0] - sum/float64(n)
	t := TrendFlat
	if diff >= 1 {
		t = TrendUp
	} else if diff <= -1 {
		t = TrendDown
	}
	return &t
}

// clOpenInviteExpiry is when the newest unused invite expires (nil: none).
func clOpenInviteExpiry(invs []CaseloadInvite) *time.Time {
	for i := len(invs) - 1; i >= 0; i-- { // oldest first
		if invs[i].UsedAt == nil {
			t := invs[i].ExpiresAt.UTC()
			return &t
		}
	}
	return nil
}

// clActivatedAt is when the citizen spent their invite (else registration).
func clActivatedAt(f CaseloadFacts) time.Time {
	for i := len(f.Invites) - 1; i >= 0; i-- {
		if u := f.Invites[i].UsedAt; u != nil {
			return *u
		}
	}
	return f.Citizen.CreatedAt
}

// clCurrentFastTrack is the newest request with its state as of now: a pending
// request whose deadline has passed has lapsed, whether or not stored so.
func clCurrentFastTrack(reqs []CaseloadFastTrack, now time.Time) *CaseloadFastTrack {
	if len(reqs) == 0 {
		return nil
	}
	r := reqs[len(reqs)-1] // oldest first
	if r.Status == FastTrackPending && DeadlinePassed(r.ConsentDeadline, now) {
		r.Status = FastTrackLapsed
	}
	return &r
}

// clClockMeetings are the caseload's meetings as the timeline sees them
// (the caseload reads only scheduled ones).
func clClockMeetings(ms []CaseloadMeeting) []ClockMeeting {
	out := make([]ClockMeeting, len(ms))
	for i, m := range ms {
		out[i] = ClockMeeting{ID: m.ID, Kind: m.Kind, StartsAt: m.StartsAt}
	}
	return out
}

// clBooked reports whether a meeting that counts (conv: only follow-up
// conversations) is booked from now on, no later than the Copenhagen date
// due (any date when late is set: the deadline has passed already).
func clBooked(ms []CaseloadMeeting, conv bool, due time.Time, late bool, now time.Time) bool {
	for _, m := range ms {
		if m.StartsAt.Before(now) || (conv && !IsFollowUpConversation(ClockMeeting{Kind: m.Kind})) {
			continue
		}
		if late || !CopenhagenDate(m.StartsAt).After(due) {
			return true
		}
	}
	return false
}

// clDueSoonUnbooked: the timeline item key is open, due within the booking
// window (or overdue), and no meeting is booked for it.
func clDueSoonUnbooked(items []TimelineItem, key string, ms []CaseloadMeeting, conv bool, now time.Time) bool {
	it := TimelineItemByKey(items, key)
	if it == nil || !it.Open() {
		return false
	}
	due, _ := ParseDate(it.Due)
	if DaysBetween(CopenhagenDate(now), due) > BookingWindowDays {
		return false
	}
	return !clBooked(ms, conv, due, it.Status == TimelineOverdue, now)
}

func clOpenActions(f CaseloadFacts, e CaseloadEntry, now time.Time) []string {
	out := []string{}
	add := func(ok bool, code string) {
		if ok {
			out = append(out, code)
		}
	}
	ft := clCurrentFastTrack(f.FastTrack, now)
	add(ft != nil && ft.Status == FastTrackPending, ActionFastTrackPending)
	add(ft != nil && ft.Status == FastTrackPending && !e.Activated, ActionFastTrackCallCitizen)
	add(TimelineHasOverdue(e.Timeline), ActionTimelineOverdue)
	add(clDueSoonUnbooked(e.Timeline, TimelineFirstFollowUp, f.Meetings, true, now), ActionFollowUpNotBooked)
	add(clDueSoonUnbooked(e.Timeline, TimelineReEvaluation, f.Meetings, false, now), ActionReEvaluationNotBooked)
	another, cannot, reflection := clMeetingActions(f.Meetings, now)
	add(another, ActionReplyAnotherTime)
	add(cannot, ActionReplyCannotCome)
	add(e.Activated && !f.Citizen.ExemptOn(now) && clSilent(f, now), ActionNoCheckin14d)
	add(f.PlanFeedback == "no", ActionPlanFeedbackNo)
	add(reflection, ActionReflectionShared)
	add(!e.Activated && (e.InviteExpiresAt == nil || !now.Before(*e.InviteExpiresAt)), ActionInviteExpired)
	add(AnyAgreementOverdue(f.OpenAgreementDues, now), ActionAgreementOverdue)
	return out
}

// clMeetingActions reads the replies and shared reflections of upcoming
// meetings. A reply given before the meeting was last moved is stale.
func clMeetingActions(ms []CaseloadMeeting, now time.Time) (anotherTime, cannotCome, reflection bool) {
	for _, m := range ms {
		if m.StartsAt.Before(now) {
			continue
		}
		if m.Kind == "roundtable" && m.ReflectionShared {
			reflection = true
		}
		if m.Response == nil || (m.MovedAt != nil && m.RepliedAt != nil && m.RepliedAt.Before(*m.MovedAt)) {
			continue
		}
		anotherTime = anotherTime || *m.Response == "another_time"
		cannotCome = cannotCome || *m.Response == "cannot_come"
	}
	return anotherTime, cannotCome, reflection
}

// clSilent: no check-in for 14 days, counted from activation if none yet.
func clSilent(f CaseloadFacts, now time.Time) bool {
	since := clActivatedAt(f)
	if len(f.Checkins) > 0 {
		since = f.Checkins[0].RecordedAt
	}
	return now.Sub(since) >= NoCheckinAfter
}

// clEndOfDay is 23:59:59 local on the date d (as from ParseDate).
func clEndOfDay(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 0, Copenhagen).UTC()
}

// clDeadlines lists what is still to be met: the consent deadline while a
// request is pending, and every open or overdue item of the timeline (an
// overdue one is still owed), each at the end of its Copenhagen day.
func clDeadlines(f CaseloadFacts, items []TimelineItem, now time.Time) []Deadline {
	var out []Deadline
	add := func(kind string, at time.Time) {
		out = append(out, Deadline{Kind: kind, At: at, Overdue: DeadlinePassed(at, now)})
	}
	if ft := clCurrentFastTrack(f.FastTrack, now); ft != nil && ft.Status == FastTrackPending {
		add(DeadlineFastTrackConsent, ft.ConsentDeadline.UTC())
	}
	for _, it := range items {
		if d, ok := ParseDate(it.Due); ok && it.Open() {
			add(it.Key, clEndOfDay(d))
		}
	}
	return out
}

func clNearest(ds []Deadline) *Deadline {
	var best *Deadline
	for i := range ds {
		if best == nil || ds[i].At.Before(best.At) {
			best = &ds[i]
		}
	}
	return best
}

// clRoundtableThisWeek: a roundtable in the current Copenhagen week (Mon–Sun).
func clRoundtableThisWeek(ms []CaseloadMeeting, now time.Time) bool {
	start := WeekStartInstant(now)
	y, m, d := WeekStart(now).Date()
	end := time.Date(y, m, d+7, 0, 0, 0, 0, Copenhagen)
	for _, mt := range ms {
		if mt.Kind == "roundtable" && !mt.StartsAt.Before(start) && mt.StartsAt.Before(end) {
			return true
		}
	}
	return false
}
