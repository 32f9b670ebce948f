package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

var errCheckinConflict = models.NewError(models.KindConflict, "checkin_conflict")

// RecordCheckin stores a citizen's check-in once. It reports created=false
// for a replay of the same body; the same id with another body, or an id a
// different citizen used, is a conflict that reveals nothing of the other.
func (s *Store) RecordCheckin(ctx context.Context, citizenID string, in models.NewCheckin, now time.Time) (*models.CheckinView, bool, error) {
	in.Normalize()
	if err := in.Validate(now); err != nil {
		return nil, false, err
	}
	hash := in.Hash()
	if done, err := s.checkinReplay(ctx, citizenID, in.ID, hash); done || err != nil {
		return s.replayResult(ctx, citizenID, in.ID, err)
	}
	var stored models.Checkin
	err := s.Tx(ctx, func(tx *gorm.DB) (err error) {
		stored, err = insertCheckin(tx, citizenID, in, hash, now.UTC().Truncate(time.Microsecond))
		return err
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		// Another request with the same id won the race: judge it as a replay.
		done, err := s.checkinReplay(ctx, citizenID, in.ID, hash)
		if !done && err == nil {
			err = errCheckinConflict
		}
		return s.replayResult(ctx, citizenID, in.ID, err)
	}
	if err != nil {
		return nil, false, fmt.Errorf("record checkin: %w", err)
	}
	// The answer is what was stored, built from the values written (times to
	// the microsecond the database keeps, scores by goal as they are read),
	// not read back: two statements fewer on the most frequent write.
	v := toCheckinView(stored, in.GoalScores)
	return &v, true, nil
}

func (s *Store) replayResult(ctx context.Context, citizenID, id string, err error) (*models.CheckinView, bool, error) {
	if err != nil {
		return nil, false, fmt.Errorf("replay result: %w", err)
	}
	v, err := s.checkinView(ctx, citizenID, id)
	return v, false, err
}

// checkinReplay reports whether id is already stored as the same check-in of
// this citizen; a different one answers errCheckinConflict.
func (s *Store) checkinReplay(ctx context.Context, citizenID, id, hash string) (bool, error) {
	var c models.Checkin
	err := s.DB.WithContext(ctx).Select("id", "citizen_id", "body_hash").Where("id = ?", id).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("checkin replay: %w", err)
	}
	if c.CitizenID != citizenID || c.BodyHash != hash {
		return false, errCheckinConflict
	}
	return true, nil
}

func insertCheckin(tx *gorm.DB, citizenID string, in models.NewCheckin, hash string, now time.Time) (models.Checkin, error) {
	if len(in.GoalScores) > 0 {
		ids := make([]string, len(in.GoalScores))
		for i, sc := range in.GoalScores {
			ids[i] = sc.GoalID
		}
		var own []string
		if err := tx.Model(&models.Goal{}).Where("citizen_id = ? AND id IN ?", citizenID, ids).Pluck("id", &own).Error; err != nil {
			return models.Checkin{}, fmt.Errorf("insert checkin: %w", err)
		}
		if err := checkOwnGoals(in.GoalScores, own); err != nil {
			return models.Checkin{}, err
		}
	}
	c := models.Checkin{ID: in.ID, CitizenID: citizenID, RecordedAt: in.RecordedAt, StaircaseStep: in.StaircaseStep,
		NotAtWorkplace: in.NotAtWorkplace,
		Wellbeing:      in.Wellbeing, HoursWorked: in.HoursWorked, Note: in.Note, BodyHash: hash, CreatedAt: now}
	if err := tx.Create(&c).Error; err != nil {
		return models.Checkin{}, fmt.Errorf("insert checkin: %w", err)
	}
	if len(in.GoalScores) == 0 {
		return c, nil
	}
	rows := make([]models.CheckinScore, len(in.GoalScores))
	for i, sc := range in.GoalScores {
		rows[i] = models.CheckinScore{CheckinID: c.ID, GoalID: sc.GoalID, Score: sc.Score}
	}
	return c, sqldb.Wrap("insert checkin", tx.Create(&rows).Error)
}

// checkOwnGoals names, by its index in the request, each score whose goal is
// not one of the citizen's own.
func checkOwnGoals(scores []models.GoalScore, own []string) error {
	mine := map[string]bool{}
	for _, id := range own {
		mine[id] = true
	}
	var v models.Validation
	for i, sc := range scores {
		if !mine[sc.GoalID] {
			v.Add(fmt.Sprintf("goal_scores[%d].goal_id", i), "unknown_goal")
		}
	}
	return v.Err()
}

// Checkins lists a.CitizenID's check-ins, newest first.
func (s *Store) Checkins(ctx context.Context, a models.Access) ([]models.CheckinView, error) {
	db := s.Read.WithContext(ctx)
	if err := checkAccess(db, a); err != nil {
		return nil, err
	}
	return loadCheckins(db, a.CitizenID, 0)
}

func (s *Store) checkinView(ctx context.Context, citizenID, id string) (*models.CheckinView, error) {
	list, err := loadCheckins(s.Read.WithContext(ctx).Where("checkins.id = ?", id), citizenID, 1)
	if err != nil {
		return nil, fmt.Errorf("checkin view: %w", err)
	}
	if len(list) == 0 {
		return nil, models.ErrNotFound
	}
	return &list[0], nil
}

// loadCheckins reads check-ins newest first (limit 0: all) and their scores,
// in two queries.
func loadCheckins(db *gorm.DB, citizenID string, limit int) ([]models.CheckinView, error) {
	var rows []models.Checkin
	q := db.Where("citizen_id = ?", citizenID).Order("recorded_at DESC, created_at DESC, id")
	if limit > 0 {
		q = q.Limit(limit)
	}
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load checkins: %w", err)
	}
	out := make([]models.CheckinView, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]string, len(rows))
	for i, c := range rows {
		ids[i] = c.ID
	}
	var scores []models.CheckinScore
	if err := db.Session(&gorm.Session{NewDB: true}).Where("checkin_id IN ?", ids).Order("goal_id").Find(&scores).Error; err != nil {
		return nil, fmt.Errorf("load checkins: %w", err)
	}
	return checkinViews(rows, scores), nil
}

// checkinViews makes views of check-ins with their scores.
func checkinViews(rows []models.Checkin, scores []models.CheckinScore) []models.CheckinView {
	byCheckin := map[string][]models.GoalScore{}
	for _, sc := range scores {
		byCheckin[sc.CheckinID] = append(byCheckin[sc.CheckinID], models.GoalScore{GoalID: sc.GoalID, Score: sc.Score})
	}
	out := make([]models.CheckinView, len(rows))
	for i, c := range rows {
		out[i] = toCheckinView(c, byCheckin[c.ID])
	}
	return out
}

func toCheckinView(c models.Checkin, scores []models.GoalScore) models.CheckinView {
	if scores == nil {
		scores = []models.GoalScore{}
	}
	return models.CheckinView{ID: c.ID, RecordedAt: c.RecordedAt.UTC(), WeekStart: models.WeekStart(c.RecordedAt).Format(models.DateLayout),
		GoalScores: scores, StaircaseStep: c.StaircaseStep, NotAtWorkplace: c.NotAtWorkplace, Wellbeing: c.Wellbeing, HoursWorked: c.HoursWorked,
		Note: c.Note, CreatedAt: c.CreatedAt.UTC()}
}
