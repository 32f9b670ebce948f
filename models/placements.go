package models

import (
	"time"
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
