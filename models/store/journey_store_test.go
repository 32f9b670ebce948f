package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/store"
	"trappen/models/storetest"
)

var journeyNow = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// newCitizen makes a caseworker and a citizen on their caseload.
func newCitizen(t *testing.T, s *store.Store, email string) (cwID, czID string) {
	t.Helper()
	ctx := context.Background()
	cw, err := s.Identity.CreateCaseworker(ctx, models.NewCaseworker{Email: "cw-" + email, Name: "Sara", Password: "correct horse battery"}, journeyNow)
	if err != nil {
		t.Fatal(err)
	}
	weeks := 12
	c, _, err := s.CreateCitizen(ctx, cw.ID, models.NewCitizen{Name: "Bo", Email: email, Locale: "da",
		FirstSickDay: "2026-02-16", Category: 2, ExpectedWeeks: &weeks}, journeyNow)
	if err != nil {
		t.Fatal(err)
	}
	return cw.ID, c.ID
}

func TestConcurrentReplaysOfACheckInStoreItOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		_, cz := newCitizen(t, s, "bo@example.dk")
		in := models.NewCheckin{ID: "6F1C1E0A-3B7E-4A39-9A3E-0C2D9B1F7A11", RecordedAt: journeyNow, Note: "ok"}
		var wg sync.WaitGroup
		created := make(chan bool, 8)
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, c, err := s.RecordCheckin(context.Background(), cz, in, journeyNow)
				if err != nil {
					t.Error(err)
				}
				created <- c
			}()
		}
		wg.Wait()
		close(created)
		n := 0
		for c := range created {
			if c {
				n++
			}
		}
		list, err := s.Checkins(context.Background(), models.AsCitizen(cz))
		if err != nil || len(list) != 1 || n != 1 {
			t.Fatalf("created %d times, stored %d (%v)", n, len(list), err)
		}
		if list[0].ID != "6f1c1e0a-3b7e-4a39-9a3e-0c2d9b1f7a11" {
			t.Fatalf("the id is stored in canonical form, got %s", list[0].ID)
		}
	})
}

func TestACancelledMeetingKeepsItsRow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		cw, cz := newCitizen(t, s, "bo@example.dk")
		a := models.AsCaseworker(cw, cz)
		m, err := s.CreateMeeting(ctx, a, models.NewMeeting{Kind: "status", StartsAt: "2026-03-04T10:00:00+01:00", Location: "Jobcentret"}, journeyNow)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CancelMeeting(ctx, a, m.ID, journeyNow); err != nil {
			t.Fatal(err)
		}
		var row models.Meeting
		if err := s.DB.Where("id = ?", m.ID).Take(&row).Error; err != nil || row.Status != "cancelled" || row.CancelledAt == nil {
			t.Fatalf("row = %+v, %v", row, err)
		}
		if err := s.CancelMeeting(ctx, models.AsCaseworker("someone-else", cz), m.ID, journeyNow); !models.IsNotFound(err) {
			t.Fatalf("another caseworker cancels: %v", err)
		}
	})
}

func TestPlanVersionsAreNumberedInOrder(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		cw, cz := newCitizen(t, s, "bo@example.dk")
		a := models.AsCaseworker(cw, cz)
		for i := 0; i < 3; i++ {
			p := models.PlanSnapshot{Weeks: []models.PlanWeek{{WeekStart: "2026-03-02", Hours: models.DayHours{Mon: float64(i)}}}}
			if _, err := s.SavePlan(ctx, a, p, journeyNow); err != nil {
				t.Fatal(err)
			}
		}
		list, err := s.PlanVersions(ctx, a, journeyNow)
		if err != nil || len(list) != 3 || list[0].Version != 3 || list[2].Version != 1 {
			t.Fatalf("versions = %v, %v", list, err)
		}
		if len(list[0].Changes) != 1 || list[0].Changes[0].Kind != "hours_changed" || len(list[2].Changes) != 0 {
			t.Fatalf("changes = %+v / %+v", list[0].Changes, list[2].Changes)
		}
	})
}
