package push_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/store"
	"trappen/models/storetest"
	"trappen/push"
)

// acceptFastTrack has the employer's request (of monday) accepted by the
// citizen an hour later: the own doctor is then due by 16 March, 14 days
// after the request.
func (f *fixture) acceptFastTrack() string {
	f.t.Helper()
	id := f.fastTrack(monday, monday)
	f.one("fast_track_request", monday)
	if _, err := f.store.DecideFastTrack(f.ctx, f.citizen, id, "accept", monday.Add(time.Hour)); err != nil {
		f.t.Fatal(err)
	}
	return id
}

// assertNoHealth fails when the payload names the doctor, the sickness or
// fast track: the lock screen is not private.
func assertNoHealth(t *testing.T, raw []byte) {
	t.Helper()
	assertDiscreet(t, raw)
	for _, secret := range []string{"læge", "doctor", "consultation", "konsultation", "syg", "sick", "fast", "hurtig"} {
		if strings.Contains(strings.ToLower(string(raw)), secret) {
			t.Errorf("payload shows %q: %s", secret, raw)
		}
	}
}

func TestTheOwnDoctorIsRemindedBeforeAndOnTheDay(t *testing.T) {
	t.Parallel()
	cases := []struct{ locale, title, before, onTheDay string }{
		{"da", "Et skridt i dit forløb",
			"Husk et skridt, du selv skal tage senest den 16. marts. Du kan se det under Mit forløb.",
			"Husk et skridt, du selv skal tage senest i dag. Du kan se det under Mit forløb."},
		{"en", "A step on your way back",
			"Remember a step you take yourself, due on 16 March. You can see it under My way back.",
			"Remember a step you take yourself, due today. You can see it under My way back."},
	}
	for _, c := range cases {
		t.Run(c.locale, func(t *testing.T) {
			each(t, func(t *testing.T, s *store.Store) {
				f := newFixture(t, s, c.locale)
				f.acceptFastTrack()
				dueEnd := cph("2026-03-16 23:59").Add(59 * time.Second)
				for _, st := range []struct {
					at   time.Time
					body string
				}{{cph("2026-03-13 10:00"), c.before}, {cph("2026-03-16 10:00"), c.onTheDay}} {
					f.none(st.at.Add(-time.Minute))
					got := f.one(models.PushTimelineReminder, st.at)
					if got.Payload["title"] != c.title || got.Payload["body"] != st.body || got.Payload["url"] != "/forloeb" {
						t.Errorf("at %s: %v", st.at, got.Payload)
					}
					if got.TTL <= 0 || time.Duration(got.TTL)*time.Second > dueEnd.Sub(st.at) || got.Topic != push.Topic(f.citizen) || got.Urgency != "normal" {
						t.Errorf("at %s: ttl %d topic %q urgency %q", st.at, got.TTL, got.Topic, got.Urgency)
					}
					assertNoHealth(t, got.Raw)
					// Sent once: neither this worker nor a restarted one sends it again.
					f.none(st.at.Add(time.Minute))
					if st2, err := f.newWorker(s).RunOnce(f.ctx, st.at.Add(time.Hour)); err != nil || st2.Sent != 0 {
						t.Fatalf("a restarted worker: %+v %v", st2, err)
					}
				}
				f.none(cph("2026-03-20 10:00"))
			})
		})
	}
}

// Two instances on one database at the moment the reminder is due send it once.
func TestTwoInstancesSendTheTimelineReminderOnce(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			opts := storetest.Options(t, engine)
			a, b := openStore(t, opts), openStore(t, opts)
			f := newFixture(t, a, "da")
			f.acceptFastTrack()
			due := cph("2026-03-13 10:00")
			var wg sync.WaitGroup
			for _, w := range []*push.Worker{f.newWorker(a), f.newWorker(b)} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := w.RunOnce(f.ctx, due); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			if got := f.delivered(); len(got) != 1 || got[0].Payload["type"] != models.PushTimelineReminder {
				t.Fatalf("got %v, want one timeline reminder", types(got))
			}
		})
	}
}

func TestNoTimelineReminderOnceTheStepIsDoneOrGone(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		act  func(f *fixture) error
	}{
		{"the citizen records the consultation", func(f *fixture) error {
			f.acceptFastTrack()
			_, err := f.store.RecordDoctorConsultation(f.ctx, models.AsCitizen(f.citizen), "2026-03-05", cph("2026-03-05 15:00"))
			return err
		}},
		{"the citizen withdraws the acceptance", func(f *fixture) error {
			id := f.acceptFastTrack()
			_, err := f.store.WithdrawFastTrack(f.ctx, f.citizen, id, cph("2026-03-04 09:00"))
			return err
		}},
		{"a declined request asks nothing of the citizen", func(f *fixture) error {
			id := f.fastTrack(monday, monday)
			f.one("fast_track_request", monday)
			_, err := f.store.DecideFastTrack(f.ctx, f.citizen, id, "decline", monday.Add(time.Hour))
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			each(t, func(t *testing.T, s *store.Store) {
				f := newFixture(t, s, "da")
				if err := c.act(f); err != nil {
					t.Fatal(err)
				}
				f.none(cph("2026-03-13 10:00"))
				f.none(cph("2026-03-16 10:00"))
			})
		})
	}
}

// The reminder is an ordinary message: quiet hours hold it back and a pause
// skips it.
func TestTimelineRemindersHonourPauseAndQuietHours(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		f.acceptFastTrack()
		until := cph("2026-03-14 12:00").Format(time.RFC3339)
		if _, err := s.Outbox.UpdateNotificationSettings(f.ctx, f.citizen, models.SettingsChange{PausedSet: true, PausedUntil: &until}, monday); err != nil {
			t.Fatal(err)
		}
		f.none(cph("2026-03-13 10:00")) // in the pause: skipped
		f.none(cph("2026-03-14 13:00")) // and not sent after it
		start, end := "09:00", "11:30"
		if _, err := s.Outbox.UpdateNotificationSettings(f.ctx, f.citizen, models.SettingsChange{QuietSet: true, QuietStart: &start, QuietEnd: &end}, monday); err != nil {
			t.Fatal(err)
		}
		f.none(cph("2026-03-16 11:29"))
		got := f.one(models.PushTimelineReminder, cph("2026-03-16 11:30"))
		if !strings.Contains(got.Payload["body"].(string), "senest i dag") {
			t.Fatalf("held reminder %v", got.Payload)
		}
	})
}
