package models

import (
	"strconv"
	"time"
)

// PushTimelineReminder reminds the citizen of a step on their timeline that
// they take themself (today: seeing their own doctor after an accepted
// fast-track request). The lock screen names no step: the message only says
// that something in "Mit forløb" is due, and when.
const PushTimelineReminder = "timeline_reminder"

// Timeline reminders come at TimelineReminderHour (Copenhagen) on each of
// these days before the due date: some days ahead, and on the day itself.
const TimelineReminderHour = 10

var timelineReminderDaysBefore = []int{3, 0}

// citizenSteps are the timeline items the citizen acts on themself. The
// follow-ups are meetings the jobcenter books (they have their own
// reminders), the re-evaluation is the jobcenter's to record, and the
// fast-track limit is a right, not a duty.
var citizenSteps = map[string]bool{TimelineDoctorConsultation: true}

// TimelineReminder is one planned push reminder of a timeline item.
type TimelineReminder struct {
	// EventKey is unique per citizen: the item, its due date and the day
	// offset. A new due date is a new event; the same one is never sent twice.
	EventKey string
	Item     string
	FireAt   time.Time
	// DueEnd is the last second of the due day: the message is worth
	// delivering until then, and not after.
	DueEnd time.Time
}

// TimelineReminders plans the reminders of the open items the citizen acts
// on, from the due dates Timeline computed as seen at now. A reminder whose
// time has passed is left out. Times are Copenhagen wall-clock times, so a
// reminder stays at 10:00 across a change to or from summer time.
func TimelineReminders(items []TimelineItem, now time.Time) []TimelineReminder {
	var out []TimelineReminder
	for _, it := range items {
		if !citizenSteps[it.Key] || !it.Open() {
			continue
		}
		due, ok := ParseDate(it.Due)
		if !ok {
			continue
		}
		end := time.Date(due.Year(), due.Month(), due.Day(), 23, 59, 59, 0, Copenhagen).UTC()
		for _, before := range timelineReminderDaysBefore {
			fire := time.Date(due.Year(), due.Month(), due.Day()-before, TimelineReminderHour, 0, 0, 0, Copenhagen).UTC()
			if !fire.After(now) {
				continue
			}
			out = append(out, TimelineReminder{EventKey: PushTimelineReminder + ":" + it.Key + ":" + it.Due + ":" + strconv.Itoa(before),
				Item: it.Key, FireAt: fire, DueEnd: end})
		}
	}
	return out
}
