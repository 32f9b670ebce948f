package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm/clause"

	"trappen/models"
	"trappen/models/sqldb"
)

// SnoozeCitizen sets (or replaces) the snooze of a citizen on caseworkerID's caseload.
func (s *Store) SnoozeCitizen(ctx context.Context, caseworkerID, citizenID string, in models.SnoozeInput, now time.Time) (*models.Snooze, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	if _, err := s.CitizenOf(ctx, caseworkerID, citizenID); err != nil {
		return nil, fmt.Errorf("snooze citizen: %w", err)
	}
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	sn := &models.Snooze{CitizenID: citizenID, CaseworkerID: caseworkerID, SnoozedUntil: in.Until, Reason: in.Reason, CreatedAt: now.UTC()}
	err := s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "citizen_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"caseworker_id", "snoozed_until", "reason", "created_at"}),
	}).Create(sn).Error
	return sn, err
}

// Unsnooze removes a citizen's snooze; it is not an error if there was none.
func (s *Store) Unsnooze(ctx context.Context, caseworkerID, citizenID string) error {
	if _, err := s.CitizenOf(ctx, caseworkerID, citizenID); err != nil {
		return fmt.Errorf("unsnooze: %w", err)
	}
	return sqldb.Wrap("unsnooze", s.DB.WithContext(ctx).Where("citizen_id = ?", citizenID).Delete(&models.Snooze{}).Error)
}

// exportSnooze is the caseworker's snooze (with its reason) or nil: it is
// written about the citizen, so it is theirs to see.
func (s *Store) exportSnooze(ctx context.Context, citizenID string, _ time.Time) (any, error) {
	var sn models.Snooze
	err := s.Read.WithContext(ctx).Where("citizen_id = ?", citizenID).Limit(1).Find(&sn).Error
	if err != nil || sn.CitizenID == "" {
		return nil, err
	}
	return map[string]string{"snoozed_until": sn.SnoozedUntil, "reason": sn.Reason}, nil
}
