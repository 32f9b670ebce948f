package main

import (
	"context"
	"fmt"
	"time"

	"trappen/models"
	"trappen/models/store"
)

// The demo's employer contact: the manager of the first demo citizen, who
// shares plan, meetings, agreements and placements with her.
const (
	demoEmployerEmail = "leder@trappen.demo"
	demoEmployerName  = "Lone Dahl"
)

// seedDemoEmployer invites, activates and lets the first demo citizen share
// everything with the demo employer, so a newcomer can try all three roles.
func seedDemoEmployer(ctx context.Context, s *store.Store, caseworkerID string, now time.Time) error {
	var citizenID string
	err := s.DB.WithContext(ctx).Table("users").Select("id").Where("email = ?", demoCitizens[0].email).Scan(&citizenID).Error
	if err != nil || citizenID == "" {
		return fmt.Errorf("demo employer: find %s: %v", demoCitizens[0].email, err)
	}
	contact, err := s.CreateEmployerContact(ctx, caseworkerID, citizenID,
		models.NewEmployerContact{Name: demoEmployerName, Email: demoEmployerEmail}, now)
	if err != nil {
		return fmt.Errorf("demo employer: %w", err)
	}
	if _, err := s.Identity.Activate(ctx, *contact.InviteCode, demoPassword, "demo", now); err != nil {
		return fmt.Errorf("demo employer: %w", err)
	}
	on := true
	_, err = s.SetSharing(ctx, citizenID, models.SharingInput{Plan: &on, Meetings: &on, Agreements: &on, Placements: &on}, now)
	if err != nil {
		return fmt.Errorf("demo employer: %w", err)
	}
	return nil
}
