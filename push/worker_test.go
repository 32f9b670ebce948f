package push_test

import (
	"strings"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/store"
	"trappen/push"
)

func TestMessagesOfAMeeting(t *testing.T) {
	t.Parallel()
	cases := []struct {
		locale string
		want   map[string][2]string // type → title, body
	}{
		{"da", map[string][2]string{
			"meeting_scheduled": {"Nyt møde", "Du har fået et møde den 6. marts kl. 10:00."},
			"reflection_prompt": {"Forbered dig til mødet", "Du har et møde den 6. marts kl. 10:00. Tre korte spørgsmål kan hjælpe dig med at forberede dig."},
			"reminder_24h":      {"Påmindelse", "Du har et møde i morgen kl. 10:00."},
			"reminder_2h":       {"Påmindelse", "Du har et møde i dag kl. 10:00."},
		}},
		{"en", map[string][2]string{
			"meeting_scheduled": {"New meeting", "You have a meeting on 6 March at 10:00."},
			"reflection_prompt": {"Prepare for your meeting", "You have a meeting on 6 March at 10:00. Three short questions can help you prepare."},
			"reminder_24h":      {"Reminder", "You have a meeting tomorrow at 10:00."},
			"reminder_2h":       {"Reminder", "You have a meeting today at 10:00."},
		}},
	}
	for _, c := range cases {
		t.Run(c.locale, func(t *testing.T) {
			each(t, func(t *testing.T, s *store.Store) {
				f := newFixture(t, s, c.locale)
				start := cph("2026-03-06 10:00")
				id := f.meeting("roundtable", start, monday)
				steps := []struct {
					key, typ string
					at       time.Time
					urgency  string
				}{
					{"meeting_scheduled", "meeting_scheduled", monday, "normal"},
					{"reflection_prompt", "reflection_prompt", start.Add(-48 * time.Hour), "low"},
					{"reminder_24h", "meeting_reminder", start.Add(-24 * time.Hour), "normal"},
					{"reminder_2h", "meeting_reminder", start.Add(-2 * time.Hour), "normal"},
				}
				for _, st := range steps {
					f.none(st.at.Add(-time.Minute))
					got := f.one(st.typ, st.at)
					want := c.want[st.key]
					if got.Payload["title"] != want[0] || got.Payload["body"] != want[1] || got.Payload["url"] == "" {
						t.Errorf("%s: got %v, want %q / %q", st.key, got.Payload, want[0], want[1])
					}
					if got.Topic != push.Topic(id) || got.Urgency != st.urgency || got.TTL <= 0 {
						t.Errorf("%s: topic %q urgency %q ttl %d", st.key, got.Topic, got.Urgency, got.TTL)
					}
					if st.typ == "meeting_reminder" && time.Duration(got.TTL)*time.Second > start.Sub(st.at) {
						t.Errorf("%s: TTL %d outlives the meeting", st.key, got.TTL)
					}
					assertDiscreet(t, got.Raw)
				}
				f.none(start.Add(time.Hour))
			})
		})
	}
}

func assertDiscreet(t *testing.T, raw []byte) {
	t.Helper()
	for _, secret := range []string{"Kantinen", "Rengøringen", "ryg", "timer", "roundtable", "rundbord"} {
		if strings.Contains(strings.ToLower(string(raw)), strings.ToLower(secret)) {
			t.Errorf("payload shows %q: %s", secret, raw)
		}
	}
}

func TestMessagesOfAFastTrackRequest(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		f.fastTrack(monday, monday)
		got := f.one("fast_track_request", monday)
		if got.Payload["body"] != "Læs den i Trappen, og svar senest den 4. marts kl. 23:59." || got.Payload["url"] != "/" || got.Urgency != "high" {
			t.Fatalf("request message %+v", got)
		}
		if deadline := cph("2026-03-04 23:59").Add(59 * time.Second); time.Duration(got.TTL)*time.Second > deadline.Sub(monday) {
			t.Fatalf("TTL %d outlives the deadline", got.TTL)
		}
		remind := cph("2026-03-04 11:59").Add(59 * time.Second)
		f.none(remind.Add(-time.Second))
		got = f.one("fast_track_deadline", remind)
		if got.Payload["body"] != "Fristen for at svare på anmodningen er i dag kl. 23:59." || got.Urgency != "high" {
			t.Fatalf("deadline message %+v", got)
		}
	})
}

func TestNoDeadlineReminderOnceAnswered(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		id := f.fastTrack(monday, monday)
		f.one("fast_track_request", monday)
		if _, err := s.DecideFastTrack(f.ctx, f.citizen, id, "accept", monday.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		f.none(cph("2026-03-04 12:00"))
	})
}

func TestMovedAndCancelledMeetings(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		start := cph("2026-03-06 10:00")
		id := f.meeting("follow_up", start, monday)
		f.one("meeting_scheduled", monday)

		moved := cph("2026-03-10 14:30")
		f.move(id, moved, monday.Add(time.Hour))
		got := f.one("meeting_changed", monday.Add(time.Hour))
		if got.Payload["body"] != "Dit møde er nu den 10. marts kl. 14:30." || got.Topic != push.Topic(id) {
			t.Fatalf("changed message %+v", got)
		}
		assertDiscreet(t, got.Raw)
		t.Run("the old reminders are gone and the new ones come", func(t *testing.T) {
			f.none(start.Add(-24 * time.Hour))
			f.none(start.Add(-2 * time.Hour))
			f.one("meeting_reminder", moved.Add(-24*time.Hour))
		})
		t.Run("a cancelled meeting sends word and no more reminders", func(t *testing.T) {
			now := moved.Add(-20 * time.Hour)
			if err := s.CancelMeeting(f.ctx, models.AsCaseworker(f.cw, f.citizen), id, now); err != nil {
				t.Fatal(err)
			}
			got := f.one("meeting_cancelled", now)
			if got.Payload["body"] != "Dit møde i morgen kl. 14:30 er aflyst." {
				t.Fatalf("cancelled message %+v", got)
			}
			f.none(moved.Add(-2 * time.Hour))
		})
	})
}

func TestRemindersAlreadyDueAreNotCreated(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		start := monday.Add(90 * time.Minute) // both reminder times lie in the past
		f.meeting("roundtable", start, monday)
		f.one("meeting_scheduled", monday)
		f.none(start.Add(-time.Minute))
	})
}

func TestReflectionPromptOnlyWithoutReflection(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		start := cph("2026-03-06 10:00")
		id := f.meeting("roundtable", start, monday)
		f.one("meeting_scheduled", monday)
		if _, err := s.SaveReflection(f.ctx, f.citizen, id, models.NewReflection{CameFrom: "Fra en travl periode"}, monday.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		f.none(start.Add(-48 * time.Hour))
		f.one("meeting_reminder", start.Add(-24*time.Hour))
	})
}

func TestQuietHours(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		evening := cph("2026-03-02 22:00")
		f.meeting("status", cph("2026-03-09 10:00"), evening)
		f.fastTrack(evening, evening)
		f.one("fast_track_request", evening) // urgent: never held back
		f.none(cph("2026-03-03 07:59"))
		got := f.one("meeting_scheduled", cph("2026-03-03 08:00"))
		if got.Payload["body"] != "Du har fået et møde den 9. marts kl. 10:00." {
			t.Fatalf("held message %+v", got)
		}
		t.Run("a window of one's own, across the DST change", func(t *testing.T) {
			start, end := "23:00", "06:30"
			_, err := s.Outbox.UpdateNotificationSettings(f.ctx, f.citizen, models.SettingsChange{QuietSet: true, QuietStart: &start, QuietEnd: &end}, monday)
			if err != nil {
				t.Fatal(err)
			}
			night := cph("2026-03-28 23:30")
			f.meeting("other", cph("2026-04-02 10:00"), night)
			f.none(cph("2026-03-29 06:29"))
			f.one("meeting_scheduled", cph("2026-03-29 06:30"))
		})
		t.Run("with quiet hours off, the night is like the day", func(t *testing.T) {
			_, err := s.Outbox.UpdateNotificationSettings(f.ctx, f.citizen, models.SettingsChange{QuietSet: true}, monday)
			if err != nil {
				t.Fatal(err)
			}
			night := cph("2026-04-03 02:00")
			f.meeting("other", cph("2026-04-09 10:00"), night)
			f.one("meeting_scheduled", night)
		})
	})
}

func TestPausedRemindersAreNotSent(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		until := cph("2026-03-05 12:00").Format(time.RFC3339)
		if _, err := s.Outbox.UpdateNotificationSettings(f.ctx, f.citizen, models.SettingsChange{PausedSet: true, PausedUntil: &until}, monday); err != nil {
			t.Fatal(err)
		}
		start := cph("2026-03-06 10:00")
		f.meeting("follow_up", start, monday)
		f.fastTrack(monday, monday)
		f.one("fast_track_request", monday) // urgent: not paused
		f.none(start.Add(-24 * time.Hour))  // the 24 h reminder falls in the pause: skipped
		f.none(cph("2026-03-05 13:00"))     // and is not sent after the pause either
		f.one("meeting_reminder", start.Add(-2*time.Hour))
	})
}

func TestGoneSubscriptionIsDeleted(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		other := f.subscribe()
		f.svc.RespondWith(f.device, 410)
		f.meeting("other", cph("2026-03-10 10:00"), monday)
		st := f.run(monday)
		if st.Gone != 1 || st.Sent != 1 {
			t.Fatalf("stats %+v", st)
		}
		subs, err := s.Outbox.PushSubscriptions(f.ctx, f.citizen)
		if err != nil || len(subs) != 1 || subs[0].Endpoint != other.Endpoint {
			t.Fatalf("subscriptions %v %v", subs, err)
		}
		f.svc.Reset()
		f.none(monday.Add(time.Hour))
		if n := len(f.svc.Received()); n != 0 {
			t.Fatalf("%d more requests to the gone device", n)
		}
	})
}

func TestRetryOnServiceUnavailable(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		f.svc.RespondWith(f.device, 503, 429)
		f.meeting("other", cph("2026-03-10 10:00"), monday)
		if st := f.run(monday); st.Retried != 1 {
			t.Fatalf("first round %+v", st)
		}
		f.none(monday.Add(push.Backoff(1) - time.Second)) // waits out its backoff
		if st := f.run(monday.Add(push.Backoff(1))); st.Retried != 1 {
			t.Fatalf("second round %+v", st)
		}
		f.delivered()
		got := f.one("meeting_scheduled", monday.Add(push.Backoff(1)+push.Backoff(2)))
		if got.Payload["body"] == "" {
			t.Fatal("empty body")
		}
		f.none(monday.Add(24 * time.Hour))
	})
}

func TestEveryDeviceGetsTheMessage(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		second := f.subscribe()
		f.meeting("other", cph("2026-03-10 10:00"), monday)
		f.run(monday)
		got := f.delivered()
		if len(got) != 2 || got[0].Device == got[1].Device {
			t.Fatalf("got %v", got)
		}
		_ = second
	})
}

// A new agreement item that names the citizen is announced without its text;
// an item for another party is not announced at all.
func TestANewAgreementForTheCitizenIsAnnouncedDiscreetly(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		as := models.AsCaseworker(f.cw, f.citizen)
		if _, err := s.CreateAgreement(f.ctx, as, models.NewAgreement{Text: "Finde et stille skrivebord", Owner: "employer"}, monday); err != nil {
			t.Fatal(err)
		}
		f.none(monday)
		if _, err := s.CreateAgreement(f.ctx, as, models.NewAgreement{Text: "Tale med lægen om min ryg og mine timer", Owner: "citizen"}, monday); err != nil {
			t.Fatal(err)
		}
		got := f.one("agreement_added", monday)
		if got.Payload["url"] != "/aftaler" || got.Payload["body"] != "Der er en ny aftale til dig i Trappen." || got.TTL <= 0 {
			t.Fatalf("agreement message %+v", got)
		}
		assertDiscreet(t, got.Raw)
		for _, secret := range []string{"lægen", "skrivebord"} {
			if strings.Contains(string(got.Raw), secret) {
				t.Errorf("payload shows %q: %s", secret, got.Raw)
			}
		}
	})
}
