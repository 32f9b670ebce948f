package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"trappen/models"
	"trappen/models/sqldb"
)

var errMeetingCancelled = models.NewError(models.KindConflict, "meeting_cancelled")

// CreateMeeting books a meeting with a.CitizenID.
func (s *Store) CreateMeeting(ctx context.Context, a models.Access, in models.NewMeeting, now time.Time) (*models.MeetingView, error) {
	at, err := in.Validate(now)
	if err != nil {
		return nil, fmt.Errorf("create meeting: %w", err)
	}
	now = now.UTC()
	m := models.Meeting{ID: models.NewID(), CitizenID: a.CitizenID, Kind: in.Kind, StartsAt: at, DurationMinutes: models.DefaultMeetingMinutes,
		Location: in.Location, Participants: in.Participants, Agenda: in.Agenda, Status: models.MeetingStatusScheduled,
		CreatedBy: a.UserID, CreatedAt: now, UpdatedAt: now}
	if in.DurationMinutes != nil {
		m.DurationMinutes = *in.DurationMinutes
	}
	if m.Participants == nil {
		m.Participants = []string{}
	}
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		if err := checkAccess(tx, a); err != nil {
			return err
		}
		if err := tx.Create(&m).Error; err != nil {
			return fmt.Errorf("create meeting: %w", err)
		}
		return s.onMeetingEvent(tx, &m, models.MeetingScheduled, now)
	})
	if err != nil {
		return nil, fmt.Errorf("create meeting: %w", err)
	}
	return s.meetingView(ctx, a, m.ID)
}

// UpdateMeeting moves or edits a scheduled meeting. A new time clears the
// citizen's reply, so they are asked again.
func (s *Store) UpdateMeeting(ctx context.Context, a models.Access, id string, p models.MeetingPatch, now time.Time) (*models.MeetingView, error) {
	if p.Empty() {
		return nil, models.ErrEmptyPatch
	}
	at, err := p.Validate(now)
	if err != nil {
		return nil, fmt.Errorf("update meeting: %w", err)
	}
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		m, err := s.lockMeeting(tx, a, id)
		if err != nil {
			return fmt.Errorf("update meeting: %w", err)
		}
		if m.Status == models.MeetingStatusCancelled {
			return errMeetingCancelled
		}
		changed, moved := applyMeetingPatch(m, p, at)
		if !changed {
			return nil
		}
		return s.saveMeetingChange(tx, m, moved, now.UTC())
	})
	if err != nil {
		return nil, fmt.Errorf("update meeting: %w", err)
	}
	return s.meetingView(ctx, a, id)
}

func applyMeetingPatch(m *models.Meeting, p models.MeetingPatch, at time.Time) (changed, moved bool) {
	if p.StartsAt != nil && !at.Equal(m.StartsAt) {
		m.StartsAt, changed, moved = at, true, true
	}
	if p.Location != nil && *p.Location != m.Location {
		m.Location, changed, moved = *p.Location, true, true
	}
	if p.DurationMinutes != nil && *p.DurationMinutes != m.DurationMinutes {
		m.DurationMinutes, changed = *p.DurationMinutes, true
	}
	if p.Kind != nil && *p.Kind != m.Kind {
		m.Kind, changed = *p.Kind, true
	}
	if p.Agenda != nil && *p.Agenda != m.Agenda {
		m.Agenda, changed = *p.Agenda, true
	}
	if p.Participants != nil {
		m.Participants, changed = *p.Participants, true
	}
	return changed, moved
}

func (s *Store) saveMeetingChange(tx *gorm.DB, m *models.Meeting, moved bool, now time.Time) error {
	m.UpdatedAt = now
	if moved {
		m.MovedAt = &now
	}
	// UpdateColumns, not Updates: gorm would overwrite updated_at with the
	// wall clock, not the now this change happens at.
	if err := tx.Select("kind", "starts_at", "duration_minutes", "location", "participants", "agenda",
		"updated_at", "moved_at").UpdateColumns(m).Error; err != nil {
		return fmt.Errorf("save meeting change: %w", err)
	}
	if moved {
		if err := tx.Where("meeting_id = ?", m.ID).Delete(&models.MeetingReply{}).Error; err != nil {
			return fmt.Errorf("save meeting change: %w", err)
		}
	}
	return s.onMeetingEvent(tx, m, models.MeetingChanged, now)
}

// CancelMeeting marks a meeting cancelled; the row stays. Cancelling twice is
// harmless and tells no one again.
func (s *Store) CancelMeeting(ctx context.Context, a models.Access, id string, now time.Time) error {
	now = now.UTC()
	return s.Tx(ctx, func(tx *gorm.DB) error {
		m, err := s.lockMeeting(tx, a, id)
		if err != nil || m.Status == models.MeetingStatusCancelled {
			return err
		}
		m.Status, m.CancelledAt, m.UpdatedAt = models.MeetingStatusCancelled, &now, now
		if err := tx.Select("status", "cancelled_at", "updated_at").UpdateColumns(m).Error; err != nil {
			return fmt.Errorf("cancel meeting: %w", err)
		}
		return s.onMeetingEvent(tx, m, models.MeetingCancelled, now)
	})
}

// lockMeeting loads one of a.CitizenID's meetings for update.
func (s *Store) lockMeeting(tx *gorm.DB, a models.Access, id string) (*models.Meeting, error) {
	if err := checkAccess(tx, a); err != nil {
		return nil, err
	}
	var m models.Meeting
	err := sqldb.LockForUpdate(tx, s.Dialect).Where("id = ? AND citizen_id = ?", id, a.CitizenID).Take(&m).Error
	return &m, sqldb.NotFound(err)
}

// ReplyToMeeting stores (or replaces) the citizen's reply to a scheduled meeting.
func (s *Store) ReplyToMeeting(ctx context.Context, citizenID, id string, in models.NewMeetingReply, now time.Time) (*models.ReplyView, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now = now.UTC()
	r := models.MeetingReply{MeetingID: id, CitizenID: citizenID, Response: in.Response, Reason: in.Reason, CreatedAt: now, UpdatedAt: now}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		m, err := s.lockMeeting(tx, models.AsCitizen(citizenID), id)
		if err != nil {
			return fmt.Errorf("reply to meeting: %w", err)
		}
		if m.Status == models.MeetingStatusCancelled {
			return errMeetingCancelled
		}
		return sqldb.Wrap("reply to meeting", tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "meeting_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"response", "reason", "updated_at"})}).Create(&r).Error)
	})
	if err != nil {
		return nil, fmt.Errorf("reply to meeting: %w", err)
	}
	v := toReplyView(r)
	return &v, nil
}

// SaveReflection stores (or replaces) the citizen's reflection before a
// meeting. It is allowed for any meeting, also a cancelled one, so nothing
// typed offline is lost; the app asks for it before roundtables.
func (s *Store) SaveReflection(ctx context.Context, citizenID, id string, in models.NewReflection, now time.Time) (*models.ReflectionView, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now = now.UTC()
	var saved models.MeetingReflection
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		m, err := s.lockMeeting(tx, models.AsCitizen(citizenID), id)
		if err != nil {
			return fmt.Errorf("save reflection: %w", err)
		}
		if saved, err = upsertReflection(tx, citizenID, id, in, now); err != nil {
			return fmt.Errorf("save reflection: %w", err)
		}
		return s.onReflectionSaved(tx, m, now)
	})
	if err != nil {
		return nil, fmt.Errorf("save reflection: %w", err)
	}
	v := toReflectionView(saved)
	return &v, nil
}

func upsertReflection(tx *gorm.DB, citizenID, id string, in models.NewReflection, now time.Time) (models.MeetingReflection, error) {
	var r models.MeetingReflection
	err := tx.Where("meeting_id = ?", id).Take(&r).Error
	exists := err == nil
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return r, err
	}
	if !exists {
		r = models.MeetingReflection{MeetingID: id, CitizenID: citizenID, CreatedAt: now}
	}
	if in.Shared && !r.Shared {
		r.SharedAt = &now
	} else if !in.Shared {
		r.SharedAt = nil
	}
	if models.ReflectionUnread(r, in) {
		r.ReadAt = nil
	}
	r.CameFrom, r.HeadingTo, r.Proposal, r.Shared, r.UpdatedAt = in.CameFrom, in.HeadingTo, in.Proposal, in.Shared, now
	r.Sealed = false // the new text replaces the sealed one
	if exists {
		return r, sqldb.Wrap("upsert reflection", tx.Select("*").UpdateColumns(&r).Error) // keeps updated_at = now, as above
	}
	return r, sqldb.Wrap("upsert reflection", tx.Create(&r).Error)
}

// MarkMeetingsSeen records that the citizen has seen changes to their meetings.
func (s *Store) MarkMeetingsSeen(ctx context.Context, citizenID string, now time.Time) error {
	now = now.UTC()
	return sqldb.Wrap("mark meetings seen", s.DB.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "citizen_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"meetings_seen_at"})}).
		Create(&models.CitizenSeen{CitizenID: citizenID, MeetingsSeenAt: &now}).Error)
}

func toReplyView(r models.MeetingReply) models.ReplyView {
	return models.ReplyView{Response: r.Response, Reason: r.Reason, UpdatedAt: r.UpdatedAt.UTC()}
}

func toReflectionView(r models.MeetingReflection) models.ReflectionView {
	v := models.ReflectionView{MeetingID: r.MeetingID, CameFrom: r.CameFrom, HeadingTo: r.HeadingTo, Proposal: r.Proposal,
		Shared: r.Shared, UpdatedAt: r.UpdatedAt.UTC()}
	v.SharedAt, v.ReadAt = utcPtr(r.SharedAt), utcPtr(r.ReadAt)
	return v
}

// Meetings lists a.CitizenID's meetings. A caseworker sees a reflection only
// once the citizen has shared it.
func (s *Store) Meetings(ctx context.Context, a models.Access, now time.Time) (*models.MeetingLists, error) {
	db := s.Read.WithContext(ctx)
	if err := checkAccess(db, a); err != nil {
		return nil, err
	}
	all, err := loadMeetingViews(db, a, "")
	if err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	return models.SplitMeetings(all, now), nil
}

func (s *Store) meetingView(ctx context.Context, a models.Access, id string) (*models.MeetingView, error) {
	list, err := loadMeetingViews(s.Read.WithContext(ctx), a, id)
	if err != nil {
		return nil, fmt.Errorf("meeting view: %w", err)
	}
	if len(list) == 0 {
		return nil, models.ErrNotFound
	}
	return &list[0], nil
}

// loadMeetingViews reads meetings (one, when id is set), replies and
// reflections in three queries, ordered by start.
func loadMeetingViews(db *gorm.DB, a models.Access, id string) ([]models.MeetingView, error) {
	var rows []models.Meeting
	q := db.Where("citizen_id = ?", a.CitizenID)
	if id != "" {
		q = q.Where("id = ?", id)
	}
	if err := q.Order("starts_at, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load meeting views: %w", err)
	}
	fresh := db.Session(&gorm.Session{NewDB: true})
	var replies []models.MeetingReply
	if err := fresh.Where("citizen_id = ?", a.CitizenID).Find(&replies).Error; err != nil {
		return nil, fmt.Errorf("load meeting views: %w", err)
	}
	refl := fresh.Where("citizen_id = ? AND sealed = ?", a.CitizenID, false)
	if a.Caseworker {
		refl = refl.Where("shared = ?", true)
	}
	var reflections []models.MeetingReflection
	if err := refl.Find(&reflections).Error; err != nil {
		return nil, fmt.Errorf("load meeting views: %w", err)
	}
	return assembleMeetings(rows, replies, reflections), nil
}

func assembleMeetings(rows []models.Meeting, replies []models.MeetingReply, reflections []models.MeetingReflection) []models.MeetingView {
	rep := map[string]*models.ReplyView{}
	for _, r := range replies {
		v := toReplyView(r)
		rep[r.MeetingID] = &v
	}
	ref := map[string]*models.ReflectionView{}
	for _, r := range reflections {
		v := toReflectionView(r)
		ref[r.MeetingID] = &v
	}
	out := make([]models.MeetingView, len(rows))
	for i, m := range rows {
		out[i] = toMeetingView(m)
		out[i].Reply, out[i].Reflection = rep[m.ID], ref[m.ID]
	}
	return out
}

func toMeetingView(m models.Meeting) models.MeetingView {
	parts := m.Participants
	if parts == nil {
		parts = []string{}
	}
	return models.MeetingView{ID: m.ID, Kind: m.Kind, StartsAt: m.StartsAt.UTC(), EndsAt: m.EndsAt().UTC(),
		DurationMinutes: m.DurationMinutes, Location: m.Location, Participants: parts, Agenda: m.Agenda,
		Status: m.Status, MovedAt: utcPtr(m.MovedAt), CancelledAt: utcPtr(m.CancelledAt),
		CreatedAt: m.CreatedAt.UTC(), UpdatedAt: m.UpdatedAt.UTC(), ReflectionWanted: m.Kind == models.KindRoundtable}
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
