package push_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/store"
	"trappen/models/storetest"
	"trappen/push"
	"trappen/push/pushtest"
)

// fixture is one citizen with one phone, a push service stand-in and a
// worker whose clock the test moves.
type fixture struct {
	t       testing.TB
	ctx     context.Context
	store   *store.Store
	svc     *pushtest.Service
	worker  *push.Worker
	keys    *models.VAPIDKeys
	cw      string
	citizen string
	device  *pushtest.Device
}

// monday is Monday 2 March 2026, 10:00 in Copenhagen (CET).
var monday = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func cph(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, models.Copenhagen)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newFixture(t testing.TB, s *store.Store, locale string) *fixture {
	t.Helper()
	ctx := context.Background()
	keys, err := s.Outbox.LoadOrCreateVAPIDKeys(ctx, monday)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, ctx: ctx, store: s, keys: keys, svc: pushtest.New(t, keys.PublicKey)}
	f.worker = f.newWorker(s)
	cw, err := s.Identity.CreateCaseworker(ctx, models.NewCaseworker{Email: "cw@example.dk", Name: "Sara", Password: "correct horse battery"}, monday)
	if err != nil {
		t.Fatal(err)
	}
	f.cw = cw.ID
	c, _, err := s.CreateCitizen(ctx, cw.ID, models.NewCitizen{Name: "Bo", Email: "bo@example.dk", Locale: locale,
		FirstSickDay: "2026-02-16", Category: 2}, monday)
	if err != nil {
		t.Fatal(err)
	}
	f.citizen = c.ID
	f.device = f.subscribe()
	return f
}

func (f *fixture) newWorker(s *store.Store) *push.Worker {
	sender, err := push.NewWebPush(f.keys.PublicKey, f.keys.PrivateKey, "mailto:drift@trappen.example", push.DefaultConcurrency)
	if err != nil {
		f.t.Fatal(err)
	}
	return &push.Worker{Outbox: s.Outbox, Log: discard(), Lease: 2 * time.Minute, Sender: sender}
}

func (f *fixture) subscribe() *pushtest.Device {
	f.t.Helper()
	d := f.svc.NewDevice(f.t)
	_, err := f.store.Outbox.SavePushSubscription(f.ctx, f.citizen, models.NewPushSubscription{Endpoint: d.Endpoint, P256dh: d.P256dh, Auth: d.Auth},
		[]string{f.svc.Origin() + "/"}, monday)
	if err != nil {
		f.t.Fatal(err)
	}
	return d
}

// run is one worker round at now; it fails the test on a malformed request.
func (f *fixture) run(now time.Time) push.Stats {
	f.t.Helper()
	st, err := f.worker.RunOnce(f.ctx, now)
	if err != nil {
		f.t.Fatal(err)
	}
	if fails := f.svc.Failures(); len(fails) > 0 {
		f.t.Fatalf("the push service refused requests: %v", fails)
	}
	return st
}

// delivered returns and forgets what the stand-in received.
func (f *fixture) delivered() []pushtest.Received {
	got := f.svc.Delivered()
	f.svc.Reset()
	return got
}

func (f *fixture) meeting(kind string, at time.Time, now time.Time) string {
	f.t.Helper()
	m, err := f.store.CreateMeeting(f.ctx, models.AsCaseworker(f.cw, f.citizen), models.NewMeeting{Kind: kind,
		StartsAt: at.Format(time.RFC3339), Location: "Kantinen hos Rengøringen A/S", Agenda: "Min ryg og mine timer"}, now)
	if err != nil {
		f.t.Fatal(err)
	}
	return m.ID
}

func (f *fixture) move(id string, at, now time.Time) {
	f.t.Helper()
	s := at.Format(time.RFC3339)
	if _, err := f.store.UpdateMeeting(f.ctx, models.AsCaseworker(f.cw, f.citizen), id, models.MeetingPatch{StartsAt: &s}, now); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) fastTrack(at time.Time, now time.Time) string {
	f.t.Helper()
	weeks := 12
	r, err := f.store.RegisterFastTrack(f.ctx, f.cw, f.citizen, models.NewFastTrack{RequestedBy: "employer",
		RequestedAt: at.Format(time.RFC3339), ExpectedWeeks: &weeks}, now)
	if err != nil {
		f.t.Fatal(err)
	}
	return r.ID
}

func types(rs []pushtest.Received) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Payload["type"].(string)
	}
	return out
}

// one asserts exactly one message of typ arrived and returns it.
func (f *fixture) one(typ string, now time.Time) pushtest.Received {
	f.t.Helper()
	f.run(now)
	got := f.delivered()
	if len(got) != 1 || got[0].Payload["type"] != typ {
		f.t.Fatalf("at %s: got %v, want one %s", now.In(models.Copenhagen).Format("Mon 02 Jan 15:04"), types(got), typ)
	}
	return got[0]
}

// none asserts nothing arrives at now.
func (f *fixture) none(now time.Time) {
	f.t.Helper()
	f.run(now)
	if got := f.delivered(); len(got) != 0 {
		f.t.Fatalf("at %s: got %v, want nothing", now.In(models.Copenhagen).Format("Mon 02 Jan 15:04"), types(got))
	}
}

func each(t *testing.T, fn func(t *testing.T, s *store.Store)) { storetest.Each(t, fn) }
