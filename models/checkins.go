package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
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

var errCheckinConflict = NewError(KindConflict, "checkin_conflict")

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

// RecordCheckin stores a citizen's check-in once. It reports created=false
// for a replay of the same body; the same id with another body, or an id a
// different citizen used, is a conflict that reveals nothing of the other.
func (s *Store) RecordCheckin(ctx context.Context, citizenID string, in NewCheckin, now time.Time) (*CheckinView, bool, error) {
	in.Normalize()
	if err := in.Validate(now); err != nil {
		return nil, false, err
	}
	hash := in.Hash()
	if done, err := s.checkinReplay(ctx, citizenID, in.ID, hash); done || err != nil {
		return s.replayResult(ctx, citizenID, in.ID, err)
	}
	err := s.Tx(ctx, func(tx *gorm.DB) error { return insertCheckin(tx, citizenID, in, hash, now.UTC()) })
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		// Another request with the same id won the race: judge it as a replay.
		done, err := s.checkinReplay(ctx, citizenID, in.ID, hash)
		if !done && err == nil {
			err = errCheckinConflict
		}
		return s.replayResult(ctx, citizenID, in.ID, err)
	}
	if err != nil {
		return nil, false, err
	}
	v, err := s.checkinView(ctx, citizenID, in.ID)
	return v, true, err
}

func (s *Store) replayResult(ctx context.Context, citizenID, id string, err error) (*CheckinView, bool, error) {
	if err != nil {
		return nil, false, err
	}
	v, err := s.checkinView(ctx, citizenID, id)
	return v, false, err
}

// checkinReplay reports whether id is already stored as the same check-in of
// this citizen; a different one answers errCheckinConflict.
func (s *Store) checkinReplay(ctx context.Context, citizenID, id, hash string) (bool, error) {
	var c Checkin
	err := s.DB.WithContext(ctx).Select("id", "citizen_id", "body_hash").Where("id = ?", id).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if c.CitizenID != citizenID || c.BodyHash != hash {
		return false, errCheckinConflict
	}
	return true, nil
}

func insertCheckin(tx *gorm.DB, citizenID string, in NewCheckin, hash string, now time.Time) error {
	if len(in.GoalScores) > 0 {
		ids := make([]string, len(in.GoalScores))
		for i, sc := range in.GoalScores {
			ids[i] = sc.GoalID
		}
		var own []string
		if err := tx.Model(&Goal{}).Where("citizen_id = ? AND id IN ?", citizenID, ids).Pluck("id", &own).Error; err != nil {
			return err
		}
		if err := checkOwnGoals(in.GoalScores, own); err != nil {
			return err
		}
	}
	c := Checkin{ID: in.ID, CitizenID: citizenID, RecordedAt: in.RecordedAt, StaircaseStep: in.StaircaseStep,
		NotAtWorkplace: in.NotAtWorkplace, Wellbeing: in.Wellbeing, HoursWorked: in.HoursWorked, Note: in.Note, BodyHash: hash, CreatedAt: now}
	if err := tx.Create(&c).Error; err != nil {
		return err
	}
	if len(in.GoalScores) == 0 {
		return nil
	}
	rows := make([]CheckinScore, len(in.GoalScores))
	for i, sc := range in.GoalScores {
		rows[i] = CheckinScore{CheckinID: c.ID, GoalID: sc.GoalID, Score: sc.Score}
	}
	return tx.Create(&rows).Error
}

// checkOwnGoals names, by its index in the request, each score whose goal is
// not one of the citizen's own.
func checkOwnGoals(scores []GoalScore, own []string) error {
	mine := map[string]bool{}
	for _, id := range own {
		mine[id] = true
	}
	var v Validation
	for i, sc := range scores {
		if !mine[sc.GoalID] {
			v.Add(fmt.Sprintf("goal_scores[%d].goal_id", i), "unknown_goal")
		}
	}
	return v.Err()
}

// Checkins lists a.CitizenID's check-ins, newest first.
func (s *Store) Checkins(ctx context.Context, a Access) ([]CheckinView, error) {
	db := s.DB.WithContext(ctx)
	if err := a.check(db); err != nil {
		return nil, err
	}
	return loadCheckins(db, a.CitizenID, 0)
}

func (s *Store) checkinView(ctx context.Context, citizenID, id string) (*CheckinView, error) {
	list, err := loadCheckins(s.DB.WithContext(ctx).Where("checkins.id = ?", id), citizenID, 1)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, ErrNotFound
	}
	return &list[0], nil
}

// loadCheckins reads check-ins newest first (limit 0: all) and their scores,
// in two queries.
func loadCheckins(db *gorm.DB, citizenID string, limit int) ([]CheckinView, error) {
	var rows []Checkin
	q := db.Where("citizen_id = ?", citizenID).Order("recorded_at DESC, created_at DESC, id")
	if limit > 0 {
		q = q.Limit(limit)
	}
	if err := q.Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]CheckinView, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]string, len(rows))
	for i, c := range rows {
		ids[i] = c.ID
	}
	var scores []CheckinScore
	if err := db.Session(&gorm.Session{NewDB: true}).Where("checkin_id IN ?", ids).Order("goal_id").Find(&scores).Error; err != nil {
		return nil, err
	}
	byCheckin := map[string][]GoalScore{}
	for _, sc := range scores {
		byCheckin[sc.CheckinID] = append(byCheckin[sc.CheckinID], GoalScore{GoalID: sc.GoalID, Score: sc.Score})
	}
	for i, c := range rows {
		out[i] = toCheckinView(c, byCheckin[c.ID])
	}
	return out, nil
}

func toCheckinView(c Checkin, scores []GoalScore) CheckinView {
	if scores == nil {
		scores = []GoalScore{}
	}
	return CheckinView{ID: c.ID, RecordedAt: c.RecordedAt.UTC(), WeekStart: WeekStart(c.RecordedAt).Format(DateLayout),
		GoalScores: scores, StaircaseStep: c.StaircaseStep, NotAtWorkplace: c.NotAtWorkplace, Wellbeing: c.Wellbeing, HoursWorked: c.HoursWorked,
		Note: c.Note, CreatedAt: c.CreatedAt.UTC()}
}
