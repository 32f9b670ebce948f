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
			item := models.EmployeeItem{ID: c.ID, Name: c.User.Name, FirstSickDay: c.FirstSickDay,
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
		out = &models.EmployeeView{ID: c.ID, Name: c.User.Name, FirstSickDay: c.FirstSickDay,
			WeekOfSickness: models.ComputeMilestones(c.FirstSickDay, now).WeekOfSickness, Shared: sh}
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
		out.Meetings = ms
	}
	if sh.Placements {
		ps, err := loadPlacements(tx, out.ID)
		if err != nil {
			return err
		}
		out.Placements = []models.EmployerPlacement{}
		for _, p := range ps {
			out.Placements = append(out.Placements, models.ToEmployerPlacement(p))
		}
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
