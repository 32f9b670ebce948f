package api

import (
	"testing"
	"time"

	"trappen/models"
)

// reminderRow is a timeline reminder as stored in the outbox.
type reminderRow struct {
	EventKey string
	Status   string
	FireAt   time.Time
	RefAt    time.Time
}

func timelineReminders(t *testing.T, e *env, citizenID string) map[string]reminderRow {
	t.Helper()
	var rows []reminderRow
	err := e.store.DB.Table("push_jobs").Select("event_key, status, fire_at, ref_at").
		Where("citizen_id = ? AND type = ?", citizenID, models.PushTimelineReminder).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]reminderRow{}
	for _, r := range rows {
		out[r.EventKey] = r
	}
	return out
}

// wantReminders checks the citizen's timeline reminders: key → status.
func wantReminders(t *testing.T, e *env, citizenID string, want map[string]string) {
	t.Helper()
	got := timelineReminders(t, e, citizenID)
	if len(got) != len(want) {
		t.Fatalf("reminders %+v, want %v", got, want)
	}
	for k, st := range want {
		if got[k].Status != st {
			t.Fatalf("%s: %q, want %q (all: %+v)", k, got[k].Status, st, got)
		}
	}
}

const (
	doctorBefore = "timeline_reminder:doctor_consultation:2026-03-16:3"
	doctorOnDay  = "timeline_reminder:doctor_consultation:2026-03-16:0"
)

// The own doctor within 14 days of an accepted fast-track request: the
// reminders are planned from the timeline's due date when the citizen says
// yes, and cancelled or revived as the case moves.
func TestTimelineRemindersFollowTheCase(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		id := expect(t, e.post(j.base+"/fast-track", j.cw.Token, ftBody("employer", testStart, 12)), 201).JSON(t)["id"].(string)
		wantReminders(t, e, j.cz.ID, map[string]string{}) // nothing asked of the citizen yet
		expect(t, e.post("/api/v1/me/fast-track/"+id+"/decision", j.cz.Token, map[string]string{"decision": "accept"}), 200)

		// The same due date the citizen sees on Mit forløb.
		wantItem(t, timelineItems(t, e.get("/api/v1/me/timeline", j.cz.Token)), "doctor_consultation", "2026-03-16", "open")
		wantReminders(t, e, j.cz.ID, map[string]string{doctorBefore: "pending", doctorOnDay: "pending"})
		got := timelineReminders(t, e, j.cz.ID)
		if want := time.Date(2026, 3, 13, 9, 0, 0, 0, time.UTC); !got[doctorBefore].FireAt.Equal(want) { // 10:00 CET
			t.Errorf("3 days before at %s, want %s", got[doctorBefore].FireAt, want)
		}
		if want := time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC); !got[doctorOnDay].FireAt.Equal(want) {
			t.Errorf("on the day at %s, want %s", got[doctorOnDay].FireAt, want)
		}
		if want := time.Date(2026, 3, 16, 22, 59, 59, 0, time.UTC); !got[doctorOnDay].RefAt.Equal(want) {
			t.Errorf("worth sending until %s, want the end of the due day", got[doctorOnDay].RefAt)
		}

		// Closing the case cancels them…
		e.clock.Set(time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC))
		j.cw, j.cz = e.login("cw@example.dk", testPassword), e.login("bo@example.dk", testPassword)
		expect(t, e.post(j.base+"/close", j.cw.Token, map[string]any{"date": "2026-03-14", "reason": "other"}), 200)
		wantReminders(t, e, j.cz.ID, map[string]string{doctorBefore: "cancelled", doctorOnDay: "cancelled"})
		// …reopening brings back the one still ahead, not the one whose time passed…
		expect(t, e.post(j.base+"/reopen", j.cw.Token, nil), 200)
		wantReminders(t, e, j.cz.ID, map[string]string{doctorBefore: "cancelled", doctorOnDay: "pending"})
		// …and a case edit leaves them as they are.
		expect(t, e.patch(j.base, j.cw.Token, map[string]any{"category": 3}), 200)
		wantReminders(t, e, j.cz.ID, map[string]string{doctorBefore: "cancelled", doctorOnDay: "pending"})

		// The citizen has seen the doctor: nothing more to remind of.
		expect(t, e.post("/api/v1/me/timeline/doctor_consultation", j.cz.Token, map[string]any{"done_on": "2026-03-13"}), 200)
		wantReminders(t, e, j.cz.ID, map[string]string{doctorBefore: "cancelled", doctorOnDay: "cancelled"})

		// Deleting the case leaves no reminder behind.
		expect(t, e.post(j.base+"/close", j.cw.Token, map[string]any{"date": "2026-03-14", "reason": "returned_to_work"}), 200)
		expect(t, e.delete(j.base, j.cw.Token), 204)
		wantReminders(t, e, j.cz.ID, map[string]string{})
	})
}

func TestTimelineRemindersOfOwnRequestsAndWithdrawals(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		j := e.journey("cw@example.dk", "bo@example.dk")
		// The citizen's own request is accepted at once.
		expect(t, e.post(j.base+"/fast-track", j.cw.Token, ftBody("citizen", testStart, 12)), 201)
		wantReminders(t, e, j.cz.ID, map[string]string{doctorBefore: "pending", doctorOnDay: "pending"})
		// The caseworker records the consultation for them.
		expect(t, e.post(j.base+"/timeline/doctor_consultation", j.cw.Token, map[string]any{"done_on": "2026-03-02"}), 200)
		wantReminders(t, e, j.cz.ID, map[string]string{doctorBefore: "cancelled", doctorOnDay: "cancelled"})

		// An employer's request accepted and then withdrawn.
		k := e.citizenOf(j.cw, "eva@example.dk")
		id := expect(t, e.post(k.base+"/fast-track", k.cw.Token, ftBody("employer", testStart, 12)), 201).JSON(t)["id"].(string)
		expect(t, e.post("/api/v1/me/fast-track/"+id+"/decision", k.cz.Token, map[string]string{"decision": "accept"}), 200)
		wantReminders(t, e, k.cz.ID, map[string]string{doctorBefore: "pending", doctorOnDay: "pending"})
		expect(t, e.post("/api/v1/me/fast-track/"+id+"/withdraw", k.cz.Token, nil), 200)
		wantReminders(t, e, k.cz.ID, map[string]string{doctorBefore: "cancelled", doctorOnDay: "cancelled"})

		// A declined request plans nothing.
		l := e.citizenOf(j.cw, "ida@example.dk")
		id = expect(t, e.post(l.base+"/fast-track", l.cw.Token, ftBody("employer", testStart, 12)), 201).JSON(t)["id"].(string)
		expect(t, e.post("/api/v1/me/fast-track/"+id+"/decision", l.cz.Token, map[string]string{"decision": "decline"}), 200)
		wantReminders(t, e, l.cz.ID, map[string]string{})
	})
}
