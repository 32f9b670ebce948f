package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// citizenCategory is one row of the category history.
type citizenCategory struct {
	ID        string `gorm:"primaryKey"`
	CitizenID string
	Category  int
	FromDate  string
	CreatedAt time.Time
}

func (citizenCategory) TableName() string { return "citizen_categories" }

func recordCategory(tx *gorm.DB, citizenID string, category int, now time.Time) error {
	row := citizenCategory{ID: models.NewID(), CitizenID: citizenID, Category: category,
		FromDate: models.CopenhagenDate(now).Format(models.DateLayout), CreatedAt: now.UTC()}
	if err := tx.Create(&row).Error; err != nil {
		return fmt.Errorf("record category: %w", err)
	}
	return nil
}

// CategoryHistory lists a case's categories, oldest first.
func (s *Store) CategoryHistory(ctx context.Context, citizenID string) ([]models.CategoryChange, error) {
	var rows []citizenCategory
	if err := s.Read.WithContext(ctx).Where("citizen_id = ?", citizenID).Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("category history: %w", err)
	}
	out := make([]models.CategoryChange, len(rows))
	for i, r := range rows {
		out[i] = models.CategoryChange{Category: r.Category, From: r.FromDate}
	}
	return out, nil
}

// openCaseOf locks a citizen of caseworkerID's caseload whose case is open.
func (s *Store) openCaseOf(tx *gorm.DB, caseworkerID, citizenID string) (*models.Citizen, error) {
	c, err := s.lockCitizen(tx, caseworkerID, citizenID)
	if err != nil {
		return nil, err
	}
	if c.Closed() {
		return nil, models.ErrCaseClosed
	}
	return c, nil
}

func (s *Store) lockCitizen(tx *gorm.DB, caseworkerID, citizenID string) (*models.Citizen, error) {
	var c models.Citizen
	q := sqldb.LockForUpdate(tx, s.Dialect).Where("id = ?", citizenID)
	if caseworkerID != "" {
		q = q.Where("caseworker_id = ?", caseworkerID)
	}
	if err := q.Take(&c).Error; err != nil {
		return nil, sqldb.NotFound(err)
	}
	return &c, nil
}

// UpdateCase changes an open case; a new category is added to the history.
func (s *Store) UpdateCase(ctx context.Context, caseworkerID, citizenID string, p models.CasePatch, now time.Time) error {
	if err := p.Validate(now); err != nil {
		return err
	}
	return s.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.openCaseOf(tx, caseworkerID, citizenID)
		if err != nil {
			return err
		}
		changed := p.Apply(c)
		c.UpdatedAt = now.UTC()
		if err := tx.Model(c).Select("category", "first_sick_day", "expected_weeks", "employment", "employer_name",
			"exempt_reason", "exempt_until", "updated_at").Updates(c).Error; err != nil {
			return fmt.Errorf("update case: %w", err)
		}
		if changed {
			if err := recordCategory(tx, c.ID, c.Category, now); err != nil {
				return err
			}
		}
		return planTimelinePush(tx, c.ID, now)
	})
}

// CloseCase ends an open case on in.Date. Meetings after that date are
// cancelled, and nothing more is sent to the citizen: every pending push
// message is cancelled with them.
func (s *Store) CloseCase(ctx context.Context, caseworkerID, citizenID string, in models.CloseInput, now time.Time) error {
	now = now.UTC()
	return s.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.openCaseOf(tx, caseworkerID, citizenID)
		if err != nil {
			return err
		}
		if err := in.Validate(c, now); err != nil {
			return err
		}
		if err := tx.Model(&models.Citizen{}).Where("id = ?", c.ID).Updates(map[string]any{
			"closed_on": in.Date, "close_reason": in.Reason, "updated_at": now}).Error; err != nil {
			return fmt.Errorf("close case: %w", err)
		}
		d, _ := models.ParseDate(in.Date)
		after := time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, models.Copenhagen).UTC()
		if err := tx.Model(&models.Meeting{}).Where("citizen_id = ? AND status = ? AND starts_at >= ?", c.ID, models.MeetingStatusScheduled, after).
			Updates(map[string]any{"status": models.MeetingStatusCancelled, "cancelled_at": now, "updated_at": now}).Error; err != nil {
			return fmt.Errorf("close case: cancel meetings: %w", err)
		}
		if err := tx.Model(&models.PushJob{}).Where("citizen_id = ? AND status = ?", c.ID, models.JobPending).
			Updates(map[string]any{"status": models.JobCancelled, "updated_at": now}).Error; err != nil {
			return fmt.Errorf("close case: cancel push: %w", err)
		}
		return cancelEmployerPush(tx, c.ID, "", models.EmployerPushTypes, now)
	})
}

// ReopenCase opens a closed case again. Meetings cancelled at the close stay
// cancelled.
func (s *Store) ReopenCase(ctx context.Context, caseworkerID, citizenID string, now time.Time) error {
	return s.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.lockCitizen(tx, caseworkerID, citizenID)
		if err != nil {
			return err
		}
		if !c.Closed() {
			return models.ErrCaseOpen
		}
		err = tx.Model(&models.Citizen{}).Where("id = ?", c.ID).
			Updates(map[string]any{"closed_on": nil, "close_reason": nil, "updated_at": now.UTC()}).Error
		if err != nil {
			return fmt.Errorf("reopen case: %w", err)
		}
		// The citizen's own steps still ahead are reminded of again.
		return planTimelinePush(tx, c.ID, now)
	})
}

// DeleteCase erases a closed case of caseworkerID's caseload at once.
func (s *Store) DeleteCase(ctx context.Context, caseworkerID, citizenID string, now time.Time) error {
	return s.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.lockCitizen(tx, caseworkerID, citizenID)
		if err != nil {
			return err
		}
		if !c.Closed() {
			return models.ErrCaseOpen
		}
		return s.eraseCase(tx, c.ID, now)
	})
}

// PurgeClosedCases erases every case closed for retentionDays days by now,
// one transaction per person, and returns how many it erased.
func (s *Store) PurgeClosedCases(ctx context.Context, retentionDays int, now time.Time) (int, error) {
	var ids []string
	err := s.DB.WithContext(ctx).Model(&models.Citizen{}).Where("closed_on IS NOT NULL AND closed_on <= ?",
		models.RetentionCutoff(retentionDays, now)).Order("id").Pluck("id", &ids).Error
	if err != nil {
		return 0, fmt.Errorf("purge closed cases: %w", err)
	}
	for i, id := range ids {
		err := s.Tx(ctx, func(tx *gorm.DB) error {
			c, err := s.lockCitizen(tx, "", id)
			if models.IsNotFound(err) {
				return nil // erased meanwhile
			}
			if err != nil || !c.Closed() {
				return err // reopened meanwhile: kept
			}
			return s.eraseCase(tx, id, now)
		})
		if err != nil {
			return i, fmt.Errorf("purge closed cases: %w", err)
		}
	}
	return len(ids), nil
}

// CaseClosed reports whether the case a caller acts on is closed. A case
// the caller cannot see reads as not closed, so the route answers 404.
func (s *Store) CaseClosed(ctx context.Context, a models.Access) (bool, error) {
	q := s.Read.WithContext(ctx).Model(&models.Citizen{}).Where("id = ? AND closed_on IS NOT NULL", a.CitizenID)
	if a.Caseworker {
		q = q.Where("caseworker_id = ?", a.UserID)
	}
	if a.Employer {
		q = q.Where("id IN (SELECT citizen_id FROM employer_contacts WHERE user_id = ?)", a.UserID)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return false, fmt.Errorf("case closed: %w", err)
	}
	return n > 0, nil
}
