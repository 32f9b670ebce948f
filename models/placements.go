package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Parties who place the citizen on the challenge staircase.
const (
	PartyCitizen   = "citizen"
	PartyEmployer  = "employer"
	PartyJobcenter = "jobcenter"
)

const maxPlacementNote = 1000

// StaircasePlacement is where a party placed the citizen on the staircase
// (1–6) on a date, optionally at a meeting; the caseworker records it. The
// citizen also places themself in their check-ins.
type StaircasePlacement struct {
	ID        string `gorm:"primaryKey"`
	CitizenID string
	Party     string
	Step      int
	Date      string
	Note      string
	MeetingID *string
	CreatedBy string
	CreatedAt time.Time
}

// PlacementView is a placement as shown.
type PlacementView struct {
	ID        string    `json:"id"`
	Party     string    `json:"party"`
	Step      int       `json:"step"`
	Date      string    `json:"date"`
	Note      string    `json:"note"`
	MeetingID *string   `json:"meeting_id"`
	CreatedAt time.Time `json:"created_at"`
}

// NewPlacement is a placement to record.
type NewPlacement struct {
	Party     string
	Step      int
	Date      string
	Note      string
	MeetingID *string
}

// Validate checks a placement; its date may not lie after today.
func (in *NewPlacement) Validate(now time.Time) error {
	var v Validation
	switch in.Party {
	case PartyCitizen, PartyEmployer, PartyJobcenter:
	case "":
		v.Add("party", "required")
	default:
		v.Add("party", "invalid_choice")
	}
	if in.Step < 1 || in.Step > 6 {
		v.Add("step", "out_of_range", "min", 1, "max", 6)
	}
	if in.Date == "" {
		v.Add("date", "required")
	} else if d, ok := ParseDate(in.Date); !ok || d.Year() < 2000 {
		v.Add("date", "invalid_date")
	} else if d.After(CopenhagenDate(now)) {
		v.Add("date", "date_in_future")
	}
	validateText(&v, "note", &in.Note, false, maxPlacementNote)
	if in.MeetingID != nil && *in.MeetingID == "" {
		in.MeetingID = nil
	}
	return v.Err()
}

// CreatePlacement records a placement by the caseworker.
func (s *Store) CreatePlacement(ctx context.Context, a Access, in NewPlacement, now time.Time) (*PlacementView, error) {
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	p := StaircasePlacement{ID: NewID(), CitizenID: a.CitizenID, Party: in.Party, Step: in.Step, Date: in.Date,
		Note: in.Note, MeetingID: in.MeetingID, CreatedBy: a.UserID, CreatedAt: now.UTC()}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := a.check(tx); err != nil {
			return err
		}
		if err := checkMeetingOf(tx, a.CitizenID, p.MeetingID); err != nil {
			return err
		}
		return tx.Create(&p).Error
	})
	if err != nil {
		return nil, err
	}
	v := toPlacementView(p)
	return &v, nil
}

// Placements lists a.CitizenID's placements by date.
func (s *Store) Placements(ctx context.Context, a Access) ([]PlacementView, error) {
	db := s.DB.WithContext(ctx)
	if err := a.check(db); err != nil {
		return nil, err
	}
	return loadPlacements(db, a.CitizenID)
}

func loadPlacements(db *gorm.DB, citizenID string) ([]PlacementView, error) {
	var rows []StaircasePlacement
	if err := db.Where("citizen_id = ?", citizenID).Order("date, created_at").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]PlacementView, len(rows))
	for i, p := range rows {
		out[i] = toPlacementView(p)
	}
	return out, nil
}

func toPlacementView(p StaircasePlacement) PlacementView {
	return PlacementView{ID: p.ID, Party: p.Party, Step: p.Step, Date: p.Date, Note: p.Note, MeetingID: p.MeetingID, CreatedAt: p.CreatedAt.UTC()}
}
