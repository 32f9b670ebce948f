package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// Employees lists the employees employerID follows, with their week and,
// while they share meetings, the next meeting. Each is logged once a day in
// the employee's access log.
func (s *Store) Employees(ctx context.Context, employerID string, now time.Time) ([]models.EmployeeItem, error) {
	out := []models.EmployeeItem{}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		var cs []models.Citizen
		if err := tx.Preload("User").Where("id IN (SELECT citizen_id FROM employer_contacts WHERE user_id = ?)", employerID).
			Find(&cs).Error; err != nil {
			return fmt.Errorf("list employees: %w", err)
		}
		for _, c := range cs {
			if c.Closed() {
				out = append(out, models.EmployeeItem{ID: c.ID, Name: c.User.Name, Status: models.EmployeeClosed})
				continue
			}
			item := models.EmployeeItem{ID: c.ID, Name: c.User.Name, Status: models.EmployeeOpen, FirstSickDay: c.FirstSickDay,
				WeekOfSickness: models.ComputeMilestones(c.FirstSickDay, now).WeekOfSickness}
			sh, err := loadSharing(tx, c.ID)
			if err != nil {
				return err
			}
			if sh.Meetings {
				ms, err := employerMeetings(tx, c.ID)
				if err != nil {
					return err
				}
				item.NextMeeting = models.NextEmployerMeeting(ms, now)
			}
			if err := recordEmployerRead(tx, employerID, c.ID, WhatEmployees, now); err != nil {
				return err
			}
			out = append(out, item)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list employees: %w", err)
	}
	models.SortEmployees(out)
	return out, nil
}

// Employee is one employee as employerID sees them: only what is shared.
func (s *Store) Employee(ctx context.Context, employerID, citizenID string, now time.Time) (*models.EmployeeView, error) {
	var out *models.EmployeeView
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		c, err := employeeOf(tx, employerID, citizenID)
		if err != nil {
			return err
		}
		sh, err := loadSharing(tx, c.ID)
		if err != nil {
			return err
		}
		if c.Closed() {
			// After the case closes the employer gets a notice, nothing else.
			out = &models.EmployeeView{ID: c.ID, Name: c.User.Name, Status: models.EmployeeClosed}
			return recordEmployerRead(tx, employerID, c.ID, WhatEmployee, now)
		}
		out = &models.EmployeeView{ID: c.ID, Name: c.User.Name, Status: models.EmployeeOpen, FirstSickDay: c.FirstSickDay,
			WeekOfSickness: models.ComputeMilestones(c.FirstSickDay, now).WeekOfSickness, Shared: &sh}
		if err := fillShared(tx, out, sh, now); err != nil {
			return err
		}
		return recordEmployerRead(tx, employerID, c.ID, WhatEmployee, now)
	})
	if err != nil {
		return nil, fmt.Errorf("employee: %w", err)
	}
	return out, nil
}

func fillShared(tx *gorm.DB, out *models.EmployeeView, sh models.EmployerSharing, now time.Time) error {
	if sh.Plan {
		views, err := loadPlanViews(tx, out.ID, 1, now)
		if err != nil {
			return err
		}
		p := emptyPlan(now)
		if len(views) > 0 {
			p = &views[0]
		}
		out.Plan = models.ToEmployerPlan(p)
	}
	if sh.Meetings {
		ms, err := employerMeetings(tx, out.ID)
		if err != nil {
			return err
		}
		out.Meetings = &ms
	}
	if sh.Agreements {
		as, err := loadAgreements(tx, out.ID, now)
		if err != nil {
			return err
		}
		out.Agreements = &as
	}
	if sh.Placements {
		ps, err := loadPlacements(tx, out.ID)
		if err != nil {
			return err
		}
		list := []models.EmployerPlacement{}
		for _, p := range ps {
			list = append(list, models.ToEmployerPlacement(p))
		}
		out.Placements = &list
	}
	return nil
}

// employerMeetings are the citizen's meetings with kind, time and place only.
func employerMeetings(tx *gorm.DB, citizenID string) ([]models.EmployerMeeting, error) {
	var rows []models.Meeting
	if err := tx.Where("citizen_id = ?", citizenID).Order("starts_at, id").Find(&rows).Error; err != nil {
		return nil, sqldb.Wrap("load employee meetings", err)
	}
	out := []models.EmployerMeeting{}
	for _, m := range rows {
		out = append(out, models.ToEmployerMeeting(m))
	}
	return out, nil
}

// RequestFastTrackAsEmployer records the employer's own fast-track request:
// requested by the employer, now, under the same rules and the citizen's
// consent as when the caseworker registers it.
func (s *Store) RequestFastTrackAsEmployer(ctx context.Context, employerID, citizenID string, in models.EmployerFastTrack, now time.Time) (*models.FastTrackRequest, error) {
	var r *models.FastTrackRequest
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		c, err := employeeOf(tx, employerID, citizenID)
		if err != nil {
			return err
		}
		nf := models.NewFastTrack{RequestedBy: models.RequestedByEmployer, RequestedAt: now.UTC().Format(time.RFC3339),
			ExpectedWeeks: in.ExpectedWeeks}
		r, err = registerFastTrack(tx, c, employerID, models.ActorEmployer, nf, now)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("employer fast track: %w", err)
	}
	return r, nil
}

// SetEmployerAgreementStatus ticks off (or reopens) an agreement item the
// employer owns, while the employee shares agreements; an item the employer
// cannot see is not found, another party's item is 403 not_yours.
func (s *Store) SetEmployerAgreementStatus(ctx context.Context, employerID, citizenID, id string, status *string, now time.Time) (*models.AgreementView, error) {
	db := s.DB.WithContext(ctx)
	if _, err := employeeOf(db, employerID, citizenID); err != nil {
		return nil, err
	}
	sh, err := loadSharing(db, citizenID)
	if err != nil {
		return nil, err
	}
	if !sh.Agreements {
		return nil, models.ErrNotFound
	}
	return s.SetOwnAgreementStatus(ctx, citizenID, models.OwnerEmployer, id, status, now)
}
