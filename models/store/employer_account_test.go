package store_test

import (
	"context"
	"testing"

	"trappen/models"
	"trappen/models/store"
	"trappen/models/storetest"
)

// The purge of a closed case takes with it the employer accounts that
// followed only that employee, and keeps those that follow someone else.
func TestThePurgeDeletesAnEmployerWhoFollowedOnlyThatEmployee(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		cw, closed := newCitizen(t, s, "closed@example.dk")
		cw2, open := newCitizen(t, s, "open@example.dk")
		invite := func(cw, citizen, email string) string {
			if _, err := s.CreateEmployerContact(ctx, cw, citizen, models.NewEmployerContact{Name: "Leder", Email: email}, journeyNow); err != nil {
				t.Fatal(err)
			}
			var u models.User
			if err := s.DB.Where("email = ?", email).Take(&u).Error; err != nil {
				t.Fatal(err)
			}
			return u.ID
		}
		lone := invite(cw, closed, "lone@firma.dk")
		both := invite(cw, closed, "both@firma.dk")
		invite(cw2, open, "both@firma.dk")
		start := "21:00"
		if _, err := s.Outbox.UpdateNotificationSettings(ctx, lone, models.SettingsChange{QuietSet: true, QuietStart: &start, QuietEnd: &start}, journeyNow); err == nil {
			t.Fatal("settings with the same start and end were taken")
		}
		end := "07:00"
		if _, err := s.Outbox.UpdateNotificationSettings(ctx, lone, models.SettingsChange{QuietSet: true, QuietStart: &start, QuietEnd: &end}, journeyNow); err != nil {
			t.Fatal(err)
		}
		if err := s.CloseCase(ctx, cw, closed, models.CloseInput{Date: "2026-03-02", Reason: "other"}, journeyNow); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PurgeClosedCases(ctx, 0, journeyNow); err != nil || n != 1 {
			t.Fatalf("purged %d, err %v", n, err)
		}
		count := func(table, col, id string) int64 {
			var n int64
			if err := s.DB.Table(table).Where(col+" = ?", id).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		if count("users", "id", lone) != 0 || count("notification_settings", "citizen_id", lone) != 0 {
			t.Fatal("the employer who followed only the purged case is still there")
		}
		if count("users", "id", both) != 1 || count("employer_contacts", "user_id", both) != 1 {
			t.Fatal("the employer who still follows someone was deleted")
		}
	})
}
