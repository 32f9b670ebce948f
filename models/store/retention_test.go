package store_test

import (
	"context"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/store"
	"trappen/models/storetest"
)

// A closed case is kept for the retention period counted from closed_on
// (GDPR art. 5(1)(e)), then deleted by the purge; an open case never is.
func TestThePurgeDeletesClosedCasesAfterTheRetentionPeriod(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		cw, closed := newCitizen(t, s, "closed@example.dk")
		_, open := newCitizen(t, s, "open@example.dk")
		if err := s.CloseCase(ctx, cw, closed, models.CloseInput{Date: "2026-03-02", Reason: "returned_to_work"}, journeyNow); err != nil {
			t.Fatal(err)
		}
		exists := func(id string) bool {
			var n int64
			s.DB.Table("users").Where("id = ?", id).Count(&n)
			return n == 1
		}
		// 365 days from 2 March 2026: kept through 1 March 2027 (Copenhagen).
		lastDay := time.Date(2027, 3, 1, 22, 59, 0, 0, time.UTC) // 23:59 CET
		if n, err := s.PurgeClosedCases(ctx, 365, lastDay); err != nil || n != 0 || !exists(closed) {
			t.Fatalf("on the last day of retention: deleted %d, err %v, still there %v", n, err, exists(closed))
		}
		if n, err := s.PurgeClosedCases(ctx, 365, lastDay.Add(2*time.Minute)); err != nil || n != 1 || exists(closed) {
			t.Fatalf("the day after: deleted %d, err %v, still there %v", n, err, exists(closed))
		}
		if !exists(open) {
			t.Fatal("an open case was deleted")
		}
		if n, err := s.PurgeClosedCases(ctx, 0, lastDay.AddDate(5, 0, 0)); err != nil || n != 0 || !exists(open) {
			t.Fatalf("an open case is never purged: deleted %d, err %v", n, err)
		}
	})
}

func TestRetentionZeroDeletesAtTheNextPurge(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		cw, id := newCitizen(t, s, "bo@example.dk")
		if err := s.CloseCase(ctx, cw, id, models.CloseInput{Date: "2026-03-02", Reason: "other"}, journeyNow); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PurgeClosedCases(ctx, 0, journeyNow); err != nil || n != 1 {
			t.Fatalf("deleted %d, err %v", n, err)
		}
		if _, err := s.CitizenOf(ctx, cw, id); !models.IsNotFound(err) {
			t.Fatalf("after the purge: %v", err)
		}
	})
}

func TestRetentionCutoffCountsCopenhagenDays(t *testing.T) {
	t.Parallel()
	// 00:30 in Copenhagen on 3 March is still 2 March in UTC.
	now := time.Date(2026, 3, 2, 23, 30, 0, 0, time.UTC)
	if got := models.RetentionCutoff(1, now); got != "2026-03-02" {
		t.Fatalf("cutoff %s, want 2026-03-02", got)
	}
	if got := models.RetentionCutoff(0, now); got != "2026-03-03" {
		t.Fatalf("cutoff %s, want 2026-03-03", got)
	}
}

// The access log of an open case is kept for its retention period, then
// deleted oldest first in batches by the purge; newer entries stay.
func TestThePurgeDeletesOldAccessLogEntriesInBatches(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		cw, citizen := newCitizen(t, s, "bo@example.dk")
		for day := range 10 {
			if err := s.RecordAccess(ctx, cw, citizen, "profile", journeyNow.AddDate(0, 0, -day)); err != nil {
				t.Fatal(err)
			}
		}
		// Entries of 0–4 days ago stay; the five older go, two at a time.
		n, err := s.PurgeAccessLog(ctx, journeyNow.AddDate(0, 0, -4).Add(-time.Minute), 2)
		if err != nil || n != 5 {
			t.Fatalf("purged %d (%v), want 5", n, err)
		}
		left, err := s.AccessLog(ctx, citizen, 0, 100)
		if err != nil || len(left) != 5 {
			t.Fatalf("left %d entries (%v), want 5", len(left), err)
		}
		for _, e := range left {
			if e.At.Before(journeyNow.AddDate(0, 0, -4).Add(-time.Minute)) {
				t.Errorf("an entry of %s survived", e.At)
			}
		}
		if n, err := s.PurgeAccessLog(ctx, journeyNow.AddDate(0, 0, -4).Add(-time.Minute), 2); err != nil || n != 0 {
			t.Fatalf("a second purge deleted %d (%v)", n, err)
		}
	})
}
