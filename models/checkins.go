package models

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/google/uuid"
)

// Limits on a check-in.
const (
	MaxHoursWorked  = 168 // hours in a week
	maxCheckinNote  = 2000
	maxGoalScores   = 50
	checkinFutureOK = 24 * time.Hour // tolerated clock skew of a phone
)

// Checkin is one progression registration, identified by the client's UUID.
type Checkin struct {
	ID            string `gorm:"primaryKey"`
	CitizenID     string
	RecordedAt    time.Time
	StaircaseStep *int
	// NotAtWorkplace is the answer "I am not at the workplace yet": below
	// the staircase's first step, so StaircaseStep stays nil.
	NotAtWorkplace bool
	Wellbeing      *int
	HoursWorked    *float64
	Note           string
	BodyHash       string
	CreatedAt      time.Time
}

// CheckinScore is the score a check-in gave one goal.
type CheckinScore struct {
	CheckinID string `gorm:"primaryKey"`
	GoalID    string `gorm:"primaryKey"`
	Score     int
}

// GoalScore is a score for one goal, 0–10.
type GoalScore struct {
	GoalID string `json:"goal_id"`
	Score  int    `json:"score"`
}

// NewCheckin is a check-in as the client sent it.
type NewCheckin struct {
	ID            string      `json:"id"`
	RecordedAt    time.Time   `json:"recorded_at"`
	GoalScores    []GoalScore `json:"goal_scores"`
	StaircaseStep *int        `json:"staircase_step"`
	// omitempty keeps the fingerprint of check-ins made before the answer
	// existed, so their offline replays still count as replays.
	NotAtWorkplace bool     `json:"not_at_workplace,omitempty"`
	Wellbeing      *int     `json:"wellbeing"`
	HoursWorked    *float64 `json:"hours_worked"`
	Note           string   `json:"note"`
}

// CheckinView is a stored check-in.
type CheckinView struct {
	ID             string      `json:"id"`
	RecordedAt     time.Time   `json:"recorded_at"`
	WeekStart      string      `json:"week_start"`
	GoalScores     []GoalScore `json:"goal_scores"`
	StaircaseStep  *int        `json:"staircase_step"`
	NotAtWorkplace bool        `json:"not_at_workplace"`
	Wellbeing      *int        `json:"wellbeing"`
	HoursWorked    *float64    `json:"hours_worked"`
	Note           string      `json:"note"`
	CreatedAt      time.Time   `json:"created_at"`
}

// Normalize puts a check-in in canonical form: UUID lower case, time in UTC,
// scores by goal. Two requests that mean the same normalize to the same value.
func (in *NewCheckin) Normalize() {
	if id, err := uuid.Parse(in.ID); err == nil {
		in.ID = id.String()
	}
	in.RecordedAt = in.RecordedAt.UTC().Truncate(time.Microsecond)
	sort.SliceStable(in.GoalScores, func(i, j int) bool { return in.GoalScores[i].GoalID < in.GoalScores[j].GoalID })
	if in.GoalScores == nil {
		in.GoalScores = []GoalScore{}
	}
}

// Hash is the fingerprint of a normalized check-in, to tell a replay from a
// different check-in with the same id.
func (in *NewCheckin) Hash() string {
	raw, _ := json.Marshal(in)
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

// Validate checks a normalized check-in. Goal ownership is checked in storage.
func (in *NewCheckin) Validate(now time.Time) error {
	var v Validation
	if _, err := uuid.Parse(in.ID); err != nil || len(in.ID) != 36 {
		v.Add("id", "invalid_uuid")
	}
	if in.RecordedAt.IsZero() {
		v.Add("recorded_at", "required")
	} else if in.RecordedAt.Year() < 2000 || in.RecordedAt.After(now.Add(checkinFutureOK)) {
		v.Add("recorded_at", "invalid_time")
	}
	validateScores(&v, in.GoalScores)
	optionalRange(&v, "staircase_step", in.StaircaseStep, 1, 6)
	if in.NotAtWorkplace && in.StaircaseStep != nil {
		v.Add("staircase_step", "not_with_not_at_workplace")
	}
	optionalRange(&v, "wellbeing", in.Wellbeing, 0, 10)
	if h := in.HoursWorked; h != nil && (math.IsNaN(*h) || *h < 0 || *h > MaxHoursWorked) {
		v.Add("hours_worked", "out_of_range", "min", 0, "max", MaxHoursWorked)
	}
	validateText(&v, "note", &in.Note, false, maxCheckinNote)
	return v.Err()
}

func validateScores(v *Validation, scores []GoalScore) {
	if len(scores) > maxGoalScores {
		v.Add("goal_scores", "too_many", "max", maxGoalScores)
		return
	}
	seen := map[string]bool{}
	for i, s := range scores {
		field := fmt.Sprintf("goal_scores[%d]", i)
		switch {
		case s.GoalID == "":
			v.Add(field+".goal_id", "required")
		case seen[s.GoalID]:
			v.Add(field+".goal_id", "duplicate")
		}
		seen[s.GoalID] = true
		if s.Score < 0 || s.Score > 10 {
			v.Add(field+".score", "out_of_range", "min", 0, "max", 10)
		}
	}
}

func optionalRange(v *Validation, field string, n *int, min, max int) {
	if n != nil && (*n < min || *n > max) {
		v.Add(field, "out_of_range", "min", min, "max", max)
	}
}
