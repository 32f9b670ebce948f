package push_test

import (
	"strings"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/outbox"
	"trappen/models/store"
	"trappen/models/storetest"
)

type deliveryRow struct {
	Status       string
	LastStatus   *int
	SentAt       *time.Time
	ClaimedUntil *time.Time
	Attempts     int
}

func deliveryState(t *testing.T, s *store.Store, id string) deliveryRow {
	t.Helper()
	var r deliveryRow
	if err := s.DB.Raw("SELECT status, last_status, sent_at, claimed_until, attempts FROM push_deliveries WHERE id = ?", id).Scan(&r).Error; err != nil {
		t.Fatal(err)
	}
	return r
}

// A worker that stalled past its lease finds the delivery claimed again by
// another; what it then records is ignored, and the other's outcome stands.
func TestAnExpiredClaimCannotOverwrite(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		f.meeting("other", cph("2026-03-10 10:00"), monday)
		if _, err := s.Outbox.FanOutDuePush(f.ctx, monday, 100); err != nil {
			t.Fatal(err)
		}
		a, err := s.Outbox.ClaimPushDeliveries(f.ctx, monday, time.Minute, 100)
		if err != nil || len(a) != 1 {
			t.Fatalf("first claim: %d, %v", len(a), err)
		}
		later := monday.Add(time.Minute + time.Second)
		b, err := s.Outbox.ClaimPushDeliveries(f.ctx, later, time.Minute, 100)
		if err != nil || len(b) != 1 || b[0].ID != a[0].ID || b[0].ClaimToken == a[0].ClaimToken {
			t.Fatalf("second claim: %+v, %v", b, err)
		}
		stale := outbox.PushOutcome{DeliveryID: a[0].ID, ClaimToken: a[0].ClaimToken, Status: models.DeliveryFailed, HTTPStatus: 400}
		if err := s.Outbox.RecordPushOutcomes(f.ctx, []outbox.PushOutcome{stale}, later); err != nil {
			t.Fatal(err)
		}
		if st := deliveryState(t, s, a[0].ID); st.Status != models.DeliveryPending || st.ClaimedUntil == nil || st.Attempts != 2 {
			t.Fatalf("the stale worker's outcome counted: %+v", st)
		}
		ok := outbox.PushOutcome{DeliveryID: b[0].ID, ClaimToken: b[0].ClaimToken, Status: models.DeliverySent, HTTPStatus: 201}
		if err := s.Outbox.RecordPushOutcomes(f.ctx, []outbox.PushOutcome{ok}, later); err != nil {
			t.Fatal(err)
		}
		// Late again, and after the outcome: still nothing changes.
		if err := s.Outbox.RecordPushOutcomes(f.ctx, []outbox.PushOutcome{stale}, later.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
		st := deliveryState(t, s, a[0].ID)
		if st.Status != models.DeliverySent || st.LastStatus == nil || *st.LastStatus != 201 || st.SentAt == nil || st.ClaimedUntil != nil {
			t.Fatalf("after the current claim's outcome: %+v", st)
		}
		f.none(later.Add(time.Hour))
	})
}

// The outcomes of many deliveries, of every kind, are one statement.
func TestOutcomesOfABatchAreOneStatement(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		f.subscribe()
		f.subscribe()
		f.meeting("other", cph("2026-03-10 10:00"), monday)
		if _, err := s.Outbox.FanOutDuePush(f.ctx, monday, 100); err != nil {
			t.Fatal(err)
		}
		c, err := s.Outbox.ClaimPushDeliveries(f.ctx, monday, time.Minute, 100)
		if err != nil || len(c) != 3 {
			t.Fatalf("claimed %d, %v", len(c), err)
		}
		retryAt := monday.Add(30 * time.Second)
		outcomes := []outbox.PushOutcome{
			{DeliveryID: c[0].ID, ClaimToken: c[0].ClaimToken, Status: models.DeliverySent, HTTPStatus: 201},
			{DeliveryID: c[1].ID, ClaimToken: c[1].ClaimToken, Status: models.DeliveryPending, HTTPStatus: 503, RetryAt: retryAt},
			{DeliveryID: c[2].ID, ClaimToken: c[2].ClaimToken, Status: models.DeliveryFailed, HTTPStatus: 413},
		}
		rec := storetest.Record(t, s.DB)
		rec.Start()
		if err := s.Outbox.RecordPushOutcomes(f.ctx, outcomes, monday); err != nil {
			t.Fatal(err)
		}
		var writes []string
		for _, st := range rec.Stop() {
			if strings.Contains(st.SQL, "push_deliveries") {
				writes = append(writes, st.SQL)
			}
		}
		if len(writes) != 1 || !strings.Contains(writes[0], "UPDATE push_deliveries") {
			t.Fatalf("%d statements: %v", len(writes), writes)
		}
		for i, want := range []string{models.DeliverySent, models.DeliveryPending, models.DeliveryFailed} {
			st := deliveryState(t, s, c[i].ID)
			if st.Status != want || st.LastStatus == nil || *st.LastStatus != outcomes[i].HTTPStatus || st.ClaimedUntil != nil || (st.SentAt != nil) != (i == 0) {
				t.Errorf("delivery %d: %+v, want %s", i, st, want)
			}
		}
		// The retry comes due at its time, not before.
		if again, _ := s.Outbox.ClaimPushDeliveries(f.ctx, retryAt.Add(-time.Second), time.Minute, 100); len(again) != 0 {
			t.Fatalf("claimed %d before the retry time", len(again))
		}
		if again, _ := s.Outbox.ClaimPushDeliveries(f.ctx, retryAt, time.Minute, 100); len(again) != 1 || again[0].ID != c[1].ID {
			t.Fatalf("at the retry time: %+v", again)
		}
	})
}
