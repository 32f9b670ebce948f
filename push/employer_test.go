package push_test

import (
	"strings"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/store"
	"trappen/push/pushtest"
)

// employer is one employer account following the fixture's citizen, with
// one phone of its own.
type employer struct {
	id, contactID string
	device        *pushtest.Device
}

func (f *fixture) employer(email string) employer {
	f.t.Helper()
	c, err := f.store.CreateEmployerContact(f.ctx, f.cw, f.citizen, models.NewEmployerContact{Name: "Mette Leder", Email: email}, monday)
	if err != nil {
		f.t.Fatal(err)
	}
	var u models.User
	if err := f.store.DB.Where("email = ?", email).Take(&u).Error; err != nil {
		f.t.Fatal(err)
	}
	d := f.svc.NewDevice(f.t)
	_, err = f.store.Outbox.SavePushSubscription(f.ctx, u.ID, models.NewPushSubscription{Endpoint: d.Endpoint, P256dh: d.P256dh, Auth: d.Auth},
		[]string{f.svc.Origin() + "/"}, monday)
	if err != nil {
		f.t.Fatal(err)
	}
	return employer{id: u.ID, contactID: c.ID, device: d}
}

func (f *fixture) share(meetings, agreements bool, now time.Time) {
	f.t.Helper()
	off := false
	if _, err := f.store.SetSharing(f.ctx, f.citizen, models.SharingInput{Plan: &off, Meetings: &meetings, Agreements: &agreements, Placements: &off}, now); err != nil {
		f.t.Fatal(err)
	}
}

// to runs the worker at now and returns (and forgets) what reached the device.
func (f *fixture) to(d *pushtest.Device, now time.Time) []pushtest.Received {
	f.t.Helper()
	f.run(now)
	var out []pushtest.Received
	for _, r := range f.delivered() {
		if r.Device == d.ID {
			out = append(out, r)
		}
	}
	return out
}

func (f *fixture) oneTo(d *pushtest.Device, typ string, now time.Time) pushtest.Received {
	f.t.Helper()
	got := f.to(d, now)
	if len(got) != 1 || got[0].Payload["type"] != typ {
		f.t.Fatalf("at %s: the employer got %v, want one %s", now.In(models.Copenhagen).Format("Mon 02 Jan 15:04"), types(got), typ)
	}
	return got[0]
}

func (f *fixture) noneTo(d *pushtest.Device, now time.Time) {
	f.t.Helper()
	if got := f.to(d, now); len(got) != 0 {
		f.t.Fatalf("at %s: the employer got %v, want nothing", now.In(models.Copenhagen).Format("Mon 02 Jan 15:04"), types(got))
	}
}

// assertDiscreetForEmployer: nothing of the meeting, and not the employee's name.
func assertDiscreetForEmployer(t *testing.T, raw []byte) {
	t.Helper()
	assertDiscreet(t, raw)
	for _, secret := range []string{"Bo", "skrivebord"} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("payload shows %q: %s", secret, raw)
		}
	}
}

func TestTheEmployerIsRemindedOfARoundtableTheDayBefore(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ locale, title, body string }{
		{"da", "Påmindelse", "Du har et møde i morgen kl. 10:00. Se mere i Trappen."},
		{"en", "Reminder", "You have a meeting tomorrow at 10:00. See more in Trappen."},
	} {
		t.Run(c.locale, func(t *testing.T) {
			each(t, func(t *testing.T, s *store.Store) {
				f := newFixture(t, s, "da")
				m := f.employer("mette@firma.dk")
				if err := s.DB.Model(&models.User{}).Where("id = ?", m.id).Update("locale", c.locale).Error; err != nil {
					t.Fatal(err)
				}
				f.share(true, false, monday)
				start := cph("2026-03-06 10:00")
				id := f.meeting("roundtable", start, monday)
				f.meeting("follow_up", cph("2026-03-05 10:00"), monday)
				f.noneTo(m.device, monday)                  // no news of a booking: only the reminder
				f.noneTo(m.device, cph("2026-03-04 10:00")) // a follow-up is not the employer's meeting
				f.noneTo(m.device, start.Add(-24*time.Hour-time.Minute))
				got := f.oneTo(m.device, models.PushEmployerRoundtable, start.Add(-24*time.Hour))
				if got.Payload["title"] != c.title || got.Payload["body"] != c.body || got.Payload["url"] != "/arbejdsgiver/medarbejder/"+f.citizen {
					t.Errorf("reminder %v", got.Payload)
				}
				if got.TTL <= 0 || time.Duration(got.TTL)*time.Second > 24*time.Hour || got.Topic == "" || got.Topic != topicOf(id) {
					t.Errorf("ttl %d topic %q", got.TTL, got.Topic)
				}
				assertDiscreetForEmployer(t, got.Raw)
				f.noneTo(m.device, start.Add(-2*time.Hour)) // exactly once: the citizen's 2 h reminder is theirs alone
			})
		})
	}
}

func topicOf(id string) string { return strings.ReplaceAll(id, "-", "")[:32] }

func TestAnEmployerReminderFollowsTheMeetingTheSharingAndTheAccess(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		m := f.employer("mette@firma.dk")
		as := models.AsCaseworker(f.cw, f.citizen)
		f.share(true, true, monday)

		moved := f.meeting("roundtable", cph("2026-03-06 10:00"), monday)
		f.move(moved, cph("2026-03-09 10:00"), monday)
		cancelled := f.meeting("roundtable", cph("2026-03-07 10:00"), monday)
		if err := s.CancelMeeting(f.ctx, as, cancelled, monday); err != nil {
			t.Fatal(err)
		}
		f.noneTo(m.device, cph("2026-03-05 10:00")) // the old time of the moved meeting
		f.noneTo(m.device, cph("2026-03-06 10:00")) // the cancelled meeting
		got := f.oneTo(m.device, models.PushEmployerRoundtable, cph("2026-03-08 10:00"))
		if got.Payload["body"] != "Du har et møde i morgen kl. 10:00. Se mere i Trappen." {
			t.Fatalf("moved reminder %v", got.Payload)
		}

		t.Run("sharing off cancels, sharing on again brings it back", func(t *testing.T) {
			f.meeting("roundtable", cph("2026-03-13 10:00"), monday)
			f.share(false, true, monday)
			f.noneTo(m.device, cph("2026-03-12 10:00"))
			f.meeting("roundtable", cph("2026-03-16 10:00"), monday)
			f.noneTo(m.device, cph("2026-03-15 10:00")) // booked while not shared
			f.meeting("roundtable", cph("2026-03-20 10:00"), monday)
			f.share(true, true, cph("2026-03-16 12:00"))
			f.oneTo(m.device, models.PushEmployerRoundtable, cph("2026-03-19 10:00"))
		})
		t.Run("the employer's quiet hours and pause are theirs", func(t *testing.T) {
			early := cph("2026-03-25 07:00")
			f.meeting("roundtable", early, monday)
			f.noneTo(m.device, early.Add(-24*time.Hour)) // 07:00 lies in the default quiet hours
			f.oneTo(m.device, models.PushEmployerRoundtable, cph("2026-03-24 08:00"))
			until := cph("2026-03-28 12:00").Format(time.RFC3339)
			if _, err := s.Outbox.UpdateNotificationSettings(f.ctx, m.id, models.SettingsChange{PausedSet: true, PausedUntil: &until}, monday); err != nil {
				t.Fatal(err)
			}
			f.meeting("roundtable", cph("2026-03-27 10:00"), monday)
			f.noneTo(m.device, cph("2026-03-26 10:00"))
			f.noneTo(m.device, cph("2026-03-28 12:00")) // skipped, not held
		})
		t.Run("ending one employer's access cancels only theirs", func(t *testing.T) {
			lars := f.employer("lars@firma.dk")
			f.meeting("roundtable", cph("2026-04-03 10:00"), monday)
			if err := s.DeleteEmployerContact(f.ctx, f.cw, f.citizen, lars.contactID, monday); err != nil {
				t.Fatal(err)
			}
			f.run(cph("2026-04-02 10:00"))
			got := f.delivered()
			if n := countTo(got, lars.device); n != 0 {
				t.Errorf("the ended employer got %d messages", n)
			}
			if n := countTo(got, m.device); n != 1 {
				t.Errorf("the employer who still follows got %d messages", n)
			}
		})
		t.Run("closing the case cancels every employer's messages", func(t *testing.T) {
			f.meeting("roundtable", cph("2026-04-10 10:00"), monday)
			if _, err := s.CreateAgreement(f.ctx, as, models.NewAgreement{Text: "Finde et stille skrivebord", Owner: "employer"}, cph("2026-04-02 22:00")); err != nil {
				t.Fatal(err)
			}
			if err := s.CloseCase(f.ctx, f.cw, f.citizen, models.CloseInput{Date: "2026-04-02", Reason: "returned_to_work"}, cph("2026-04-02 23:00")); err != nil {
				t.Fatal(err)
			}
			f.noneTo(m.device, cph("2026-04-03 08:00")) // the agreement's message waited for the morning
			f.noneTo(m.device, cph("2026-04-09 10:00"))
		})
	})
}

func countTo(rs []pushtest.Received, d *pushtest.Device) int {
	n := 0
	for _, r := range rs {
		if r.Device == d.ID {
			n++
		}
	}
	return n
}

func TestANewAgreementItemTheEmployerOwnsIsAnnouncedWhileShared(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		m := f.employer("mette@firma.dk")
		as := models.AsCaseworker(f.cw, f.citizen)
		add := func(owner string) {
			t.Helper()
			if _, err := s.CreateAgreement(f.ctx, as, models.NewAgreement{Text: "Finde et stille skrivebord til Bo", Owner: owner}, monday); err != nil {
				t.Fatal(err)
			}
		}
		add("employer")
		f.noneTo(m.device, monday) // agreements not shared
		f.share(false, true, monday)
		add("jobcenter")
		add("citizen")
		f.noneTo(m.device, monday) // not the employer's items
		add("employer")
		got := f.oneTo(m.device, models.PushEmployerAgreement, monday)
		if got.Payload["title"] != "Ny aftale til dig" || got.Payload["body"] != "Der er en ny aftale, som du står for. Se den i Trappen." ||
			got.Payload["url"] != "/arbejdsgiver/medarbejder/"+f.citizen || got.TTL <= 0 || got.Urgency != "normal" {
			t.Fatalf("agreement message %+v", got)
		}
		assertDiscreetForEmployer(t, got.Raw)
		f.noneTo(m.device, monday.Add(time.Hour)) // exactly once
	})
}
