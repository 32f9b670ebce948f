package push_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/sqldb"
	"trappen/models/store"
	"trappen/models/storetest"
)

func TestNoDuplicatesAcrossARestart(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		f.meeting("other", cph("2026-03-10 10:00"), monday)

		// The first instance claims the message and dies before sending it.
		if _, err := s.Outbox.FanOutDuePush(f.ctx, monday, 100); err != nil {
			t.Fatal(err)
		}
		claimed, err := s.Outbox.ClaimPushDeliveries(f.ctx, monday, f.worker.Lease, 100)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("claimed %d, %v", len(claimed), err)
		}
		// A new instance leaves it alone while the lease holds…
		f.none(monday.Add(time.Minute))
		// …and sends it once after the lease ran out.
		f.one("meeting_scheduled", monday.Add(f.worker.Lease+time.Second))
		// What was sent is never sent again.
		f.none(monday.Add(f.worker.Lease + time.Hour))
	})
}

func TestAReminderDueWhileDownIsSentOnceAfterwards(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		start := cph("2026-03-06 10:00")
		f.meeting("follow_up", start, monday)
		f.one("meeting_scheduled", monday)
		// The server is down from before the 24 h reminder until 40 minutes after.
		back := start.Add(-24*time.Hour + 40*time.Minute)
		restarted := f.newWorker(s)
		if st, err := restarted.RunOnce(f.ctx, back); err != nil || st.Sent != 1 {
			t.Fatalf("after the restart: %+v %v", st, err)
		}
		if got := f.delivered(); len(got) != 1 || got[0].Payload["body"] != "Du har et møde i morgen kl. 10:00." {
			t.Fatalf("got %v", got)
		}
		f.none(back.Add(time.Minute))
	})
}

// Two instances on one database share the work and send each message once.
func TestTwoWorkersSendEachMessageOnce(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			opts := storetest.Options(t, engine)
			a := openStore(t, opts)
			b := openStore(t, opts)
			f := newFixture(t, a, "da")
			second := f.subscribe()
			const meetings = 40
			for i := range meetings {
				f.meeting("other", cph("2026-03-20 10:00").Add(time.Duration(i)*time.Hour), monday)
			}
			wa, wb := f.newWorker(a), f.newWorker(b)
			wa.Batch, wb.Batch = 7, 5 // small batches, so the two interleave
			var wg sync.WaitGroup
			for _, w := range []func() error{
				func() error { _, err := wa.RunOnce(f.ctx, monday); return err },
				func() error { _, err := wb.RunOnce(f.ctx, monday); return err },
			} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if err := w(); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			seen := map[string]int{}
			for _, r := range f.svc.Received() {
				seen[fmt.Sprint(r.Device, r.Topic, r.Payload["type"])]++
			}
			if len(seen) != 2*meetings {
				t.Fatalf("%d distinct messages, want %d", len(seen), 2*meetings)
			}
			for k, n := range seen {
				if n != 1 {
					t.Fatalf("%s sent %d times", k, n)
				}
			}
			_ = second
		})
	}
}

func openStore(t *testing.T, opts sqldb.OpenOptions) *store.Store {
	s, err := store.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.SQL.Close() })
	return s
}

func TestOldPushHistoryIsPurgedButNothingPending(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		f.meeting("follow_up", cph("2026-03-10 10:00"), monday)
		f.one("meeting_scheduled", monday)
		later := monday.Add(models.PushHistoryRetention + 30*24*time.Hour)
		n, err := s.Outbox.PurgePushHistory(f.ctx, later.Add(-models.PushHistoryRetention), 1)
		if err != nil {
			t.Fatal(err)
		}
		var left []string
		s.DB.Raw("SELECT type FROM push_jobs ORDER BY type").Scan(&left)
		// The sent message went; the two reminders were sent or skipped by
		// now in real life, but here they are still pending and must stay.
		if n != 1 || len(left) != 2 {
			t.Fatalf("purged %d, left %v", n, left)
		}
	})
}
