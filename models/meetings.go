package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Meeting kinds and statuses.
const (
	KindRoundtable = "roundtable"
	KindFollowUp   = "follow_up"
	KindStatus     = "status"
	KindOther      = "other"

	MeetingStatusScheduled = "scheduled"
	MeetingStatusCancelled = "cancelled"
)

// Limits on meetings.
const (
	DefaultMeetingMinutes = 60
	maxLocation           = 200
	maxParticipants       = 20
	maxParticipant        = 200
	maxAgenda             = 2000
	maxReplyReason        = 300
	maxReflectionAnswer   = 2000
	// ReflectionWindow is how long before a roundtable the citizen is asked to prepare.
	ReflectionWindow = 14 * 24 * time.Hour
)

// Meeting is a meeting the caseworker booked with the citizen.
type Meeting struct {
	ID              string `gorm:"primaryKey"`
	CitizenID       string
	Kind            string
	StartsAt        time.Time
	DurationMinutes int
	Location        string
	Participants    []string `gorm:"serializer:json"`
	Agenda          string
	Status          string
	CreatedBy       string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	// MovedAt is when the time or place last changed, for "meeting moved" news.
	MovedAt     *time.Time
	CancelledAt *time.Time
}

// EndsAt is when the meeting is over.
func (m *Meeting) EndsAt() time.Time {
	return m.StartsAt.Add(time.Duration(m.DurationMinutes) * time.Minute)
}

// MeetingReply is the citizen's answer to a meeting invitation.
type MeetingReply struct {
	MeetingID string `gorm:"primaryKey"`
	CitizenID string
	Response  string
	Reason    string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// MeetingReflection is the citizen's preparation: the three empowerment
// questions. Private until Shared.
type MeetingReflection struct {
	MeetingID string `gorm:"primaryKey"`
	CitizenID string
	CameFrom  string
	HeadingTo string
	Proposal  string
	Shared    bool
	SharedAt  *time.Time
	// Sealed hides a private reflection from the account after a password
	// reset by a re-issued code (see sign_in_codes.go).
	Sealed    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// NewMeeting is a meeting to book.
type NewMeeting struct {
	Kind            string
	StartsAt        string
	DurationMinutes *int
	Location        string
	Participants    []string
	Agenda          string
}

// MeetingPatch moves or edits a meeting; nil fields stay as they are.
type MeetingPatch struct {
	Kind            *string
	StartsAt        *string
	DurationMinutes *int
	Location        *string
	Participants    *[]string
	Agenda          *string
}

func validateKind(v *Validation, kind string) {
	switch kind {
	case KindRoundtable, KindFollowUp, KindStatus, KindOther:
	case "":
		v.Add("kind", "required")
	default:
		v.Add("kind", "invalid_choice")
	}
}

// parseStartsAt reads an RFC 3339 time within sane bounds around now.
func parseStartsAt(v *Validation, s string, now time.Time) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	switch {
	case s == "":
		v.Add("starts_at", "required")
	case err != nil:
		v.Add("starts_at", "invalid_time")
	case t.Year() < 2000 || t.After(now.AddDate(3, 0, 0)):
		v.Add("starts_at", "invalid_time")
	}
	return t.UTC().Truncate(time.Microsecond)
}

func validateMeetingFields(v *Validation, dur *int, participants []string) {
	if dur != nil && (*dur < 5 || *dur > 600) {
		v.Add("duration_minutes", "out_of_range", "min", 5, "max", 600)
	}
	if len(participants) > maxParticipants {
		v.Add("participants", "too_many", "max", maxParticipants)
		return
	}
	for i := range participants {
		validateText(v, fmt.Sprintf("participants[%d]", i), &participants[i], true, maxParticipant)
	}
}

// validate checks a new meeting and returns it ready to store.
func (in *NewMeeting) validate(now time.Time) (time.Time, error) {
	var v Validation
	validateKind(&v, in.Kind)
	at := parseStartsAt(&v, in.StartsAt, now)
	validateText(&v, "location", &in.Location, true, maxLocation)
	validateText(&v, "agenda", &in.Agenda, false, maxAgenda)
	validateMeetingFields(&v, in.DurationMinutes, in.Participants)
	return at, v.Err()
}

func (p *MeetingPatch) validate(now time.Time) (time.Time, error) {
	var v Validation
	var at time.Time
	if p.Kind != nil {
		validateKind(&v, *p.Kind)
	}
	if p.StartsAt != nil {
		at = parseStartsAt(&v, *p.StartsAt, now)
	}
	if p.Location != nil {
		validateText(&v, "location", p.Location, true, maxLocation)
	}
	if p.Agenda != nil {
		validateText(&v, "agenda", p.Agenda, false, maxAgenda)
	}
	var parts []string
	if p.Participants != nil {
		parts = *p.Participants
	}
	validateMeetingFields(&v, p.DurationMinutes, parts)
	return at, v.Err()
}

var errMeetingCancelled = NewError(KindConflict, "meeting_cancelled")

// CreateMeeting books a meeting with a.CitizenID.
func (s *Store) CreateMeeting(ctx context.Context, a Access, in NewMeeting, now time.Time) (*MeetingView, error) {
	at, err := in.validate(now)
	if err != nil {
		return nil, err
	}
	now = now.UTC()
	m := Meeting{ID: NewID(), CitizenID: a.CitizenID, Kind: in.Kind, StartsAt: at, DurationMinutes: DefaultMeetingMinutes,
		Location: in.Location, Participants: in.Participants, Agenda: in.Agenda, Status: MeetingStatusScheduled,
		CreatedBy: a.UserID, CreatedAt: now, UpdatedAt: now}
	if in.DurationMinutes != nil {
		m.DurationMinutes = *in.DurationMinutes
	}
	if m.Participants == nil {
		m.Participants = []string{}
	}
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		if err := a.check(tx); err != nil {
			return err
		}
		if err := tx.Create(&m).Error; err != nil {
			return err
		}
		return s.onMeetingEvent(tx, &m, MeetingScheduled, now)
	})
	if err != nil {
		return nil, err
	}
	return s.meetingView(ctx, a, m.ID)
}

// UpdateMeeting moves or edits a scheduled meeting. A new time clears the
// citizen's reply, so they are asked again.
func (s *Store) UpdateMeeting(ctx context.Context, a Access, id string, p MeetingPatch, now time.Time) (*MeetingView, error) {
	if p.Empty() {
		return nil, ErrEmptyPatch
	}
	at, err := p.validate(now)
	if err != nil {
		return nil, err
	}
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		m, err := s.lockMeeting(tx, a, id)
		if err != nil {
			return err
		}
		if m.Status == MeetingStatusCancelled {
			return errMeetingCancelled
		}
		changed, moved := applyMeetingPatch(m, p, at)
		if !changed {
			return nil
		}
		return s.saveMeetingChange(tx, m, moved, now.UTC())
	})
	if err != nil {
		return nil, err
	}
	return s.meetingView(ctx, a, id)
}

func applyMeetingPatch(m *Meeting, p MeetingPatch, at time.Time) (changed, moved bool) {
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

func (s *Store) saveMeetingChange(tx *gorm.DB, m *Meeting, moved bool, now time.Time) error {
	m.UpdatedAt = now
	if moved {
		m.MovedAt = &now
	}
	// UpdateColumns, not Updates: gorm would overwrite updated_at with the
	// wall clock, not the now this change happens at.
	if err := tx.Select("kind", "starts_at", "duration_minutes", "location", "participants", "agenda",
		"updated_at", "moved_at").UpdateColumns(m).Error; err != nil {
		return err
	}
	if moved {
		if err := tx.Where("meeting_id = ?", m.ID).Delete(&MeetingReply{}).Error; err != nil {
			return err
		}
	}
	return s.onMeetingEvent(tx, m, MeetingChanged, now)
}

// CancelMeeting marks a meeting cancelled; the row stays. Cancelling twice is
// harmless and tells no one again.
func (s *Store) CancelMeeting(ctx context.Context, a Access, id string, now time.Time) error {
	now = now.UTC()
	return s.Tx(ctx, func(tx *gorm.DB) error {
		m, err := s.lockMeeting(tx, a, id)
		if err != nil || m.Status == MeetingStatusCancelled {
			return err
		}
		m.Status, m.CancelledAt, m.UpdatedAt = MeetingStatusCancelled, &now, now
		if err := tx.Select("status", "cancelled_at", "updated_at").UpdateColumns(m).Error; err != nil {
			return err
		}
		return s.onMeetingEvent(tx, m, MeetingCancelled, now)
	})
}

// lockMeeting loads one of a.CitizenID's meetings for update.
func (s *Store) lockMeeting(tx *gorm.DB, a Access, id string) (*Meeting, error) {
	if err := a.check(tx); err != nil {
		return nil, err
	}
	var m Meeting
	err := lockForUpdate(tx, s.Dialect).Where("id = ? AND citizen_id = ?", id, a.CitizenID).Take(&m).Error
	return &m, notFound(err)
}

// NewMeetingReply is the citizen's answer to a meeting.
type NewMeetingReply struct {
	Response string
	Reason   string
}

// Validate checks the reply.
func (in *NewMeetingReply) Validate() error {
	var v Validation
	switch in.Response {
	case "attending", "another_time", "cannot_come":
	case "":
		v.Add("response", "required")
	default:
		v.Add("response", "invalid_choice")
	}
	validateText(&v, "reason", &in.Reason, false, maxReplyReason)
	return v.Err()
}

// ReplyToMeeting stores (or replaces) the citizen's reply to a scheduled meeting.
func (s *Store) ReplyToMeeting(ctx context.Context, citizenID, id string, in NewMeetingReply, now time.Time) (*ReplyView, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now = now.UTC()
	r := MeetingReply{MeetingID: id, CitizenID: citizenID, Response: in.Response, Reason: in.Reason, CreatedAt: now, UpdatedAt: now}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		m, err := s.lockMeeting(tx, AsCitizen(citizenID), id)
		if err != nil {
			return err
		}
		if m.Status == MeetingStatusCancelled {
			return errMeetingCancelled
		}
		return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "meeting_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"response", "reason", "updated_at"})}).Create(&r).Error
	})
	if err != nil {
		return nil, err
	}
	v := toReplyView(r)
	return &v, nil
}

// NewReflection is the citizen's answers to the three empowerment questions.
type NewReflection struct {
	CameFrom  string
	HeadingTo string
	Proposal  string
	Shared    bool
}

// Validate checks the answers.
func (in *NewReflection) Validate() error {
	var v Validation
	validateText(&v, "came_from", &in.CameFrom, false, maxReflectionAnswer)
	validateText(&v, "heading_to", &in.HeadingTo, false, maxReflectionAnswer)
	validateText(&v, "proposal", &in.Proposal, false, maxReflectionAnswer)
	return v.Err()
}

// SaveReflection stores (or replaces) the citizen's reflection before a
// meeting. It is allowed for any meeting, also a cancelled one, so nothing
// typed offline is lost; the app asks for it before roundtables.
func (s *Store) SaveReflection(ctx context.Context, citizenID, id string, in NewReflection, now time.Time) (*ReflectionView, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now = now.UTC()
	var saved MeetingReflection
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		m, err := s.lockMeeting(tx, AsCitizen(citizenID), id)
		if err != nil {
			return err
		}
		if saved, err = upsertReflection(tx, citizenID, id, in, now); err != nil {
			return err
		}
		return s.onReflectionSaved(tx, m, now)
	})
	if err != nil {
		return nil, err
	}
	v := toReflectionView(saved)
	return &v, nil
}

func upsertReflection(tx *gorm.DB, citizenID, id string, in NewReflection, now time.Time) (MeetingReflection, error) {
	var r MeetingReflection
	err := tx.Where("meeting_id = ?", id).Take(&r).Error
	exists := err == nil
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return r, err
	}
	if !exists {
		r = MeetingReflection{MeetingID: id, CitizenID: citizenID, CreatedAt: now}
	}
	if in.Shared && !r.Shared {
		r.SharedAt = &now
	} else if !in.Shared {
		r.SharedAt = nil
	}
	r.CameFrom, r.HeadingTo, r.Proposal, r.Shared, r.UpdatedAt = in.CameFrom, in.HeadingTo, in.Proposal, in.Shared, now
	r.Sealed = false // the new text replaces the sealed one
	if exists {
		return r, tx.Select("*").UpdateColumns(&r).Error // keeps updated_at = now, as above
	}
	return r, tx.Create(&r).Error
}

// MarkMeetingsSeen records that the citizen has seen changes to their meetings.
func (s *Store) MarkMeetingsSeen(ctx context.Context, citizenID string, now time.Time) error {
	now = now.UTC()
	return s.DB.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "citizen_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"meetings_seen_at"})}).
		Create(&CitizenSeen{CitizenID: citizenID, MeetingsSeenAt: &now}).Error
}

// MeetingView is a meeting with the citizen's reply and reflection.
type MeetingView struct {
	ID               string          `json:"id"`
	Kind             string          `json:"kind"`
	StartsAt         time.Time       `json:"starts_at"`
	EndsAt           time.Time       `json:"ends_at"`
	DurationMinutes  int             `json:"duration_minutes"`
	Location         string          `json:"location"`
	Participants     []string        `json:"participants"`
	Agenda           string          `json:"agenda"`
	Status           string          `json:"status"`
	MovedAt          *time.Time      `json:"moved_at"`
	CancelledAt      *time.Time      `json:"cancelled_at"`
	CreatedAt        time.Time       `json:"created_at"`
	UpdatedAt        time.Time       `json:"updated_at"`
	ReflectionWanted bool            `json:"reflection_wanted"`
	Reply            *ReplyView      `json:"reply"`
	Reflection       *ReflectionView `json:"reflection"`
}

// ReplyView is the citizen's reply to a meeting.
type ReplyView struct {
	Response  string    `json:"response"`
	Reason    string    `json:"reason"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ReflectionView is the citizen's preparation for a meeting.
type ReflectionView struct {
	MeetingID string     `json:"meeting_id"`
	CameFrom  string     `json:"came_from"`
	HeadingTo string     `json:"heading_to"`
	Proposal  string     `json:"proposal"`
	Shared    bool       `json:"shared"`
	SharedAt  *time.Time `json:"shared_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// MeetingLists splits meetings for the citizen's and caseworker's screens.
type MeetingLists struct {
	Upcoming  []MeetingView `json:"upcoming"`  // scheduled, not yet over; soonest first
	Past      []MeetingView `json:"past"`      // scheduled and over; newest first
	Cancelled []MeetingView `json:"cancelled"` // newest first
}

func toReplyView(r MeetingReply) ReplyView {
	return ReplyView{Response: r.Response, Reason: r.Reason, UpdatedAt: r.UpdatedAt.UTC()}
}

func toReflectionView(r MeetingReflection) ReflectionView {
	v := ReflectionView{MeetingID: r.MeetingID, CameFrom: r.CameFrom, HeadingTo: r.HeadingTo, Proposal: r.Proposal,
		Shared: r.Shared, UpdatedAt: r.UpdatedAt.UTC()}
	if r.SharedAt != nil {
		t := r.SharedAt.UTC()
		v.SharedAt = &t
	}
	return v
}

// Meetings lists a.CitizenID's meetings. A caseworker sees a reflection only
// once the citizen has shared it.
func (s *Store) Meetings(ctx context.Context, a Access, now time.Time) (*MeetingLists, error) {
	db := s.DB.WithContext(ctx)
	if err := a.check(db); err != nil {
		return nil, err
	}
	all, err := loadMeetingViews(db, a, "")
	if err != nil {
		return nil, err
	}
	return SplitMeetings(all, now), nil
}

// SplitMeetings sorts meetings (ordered by start) into upcoming, past and cancelled.
func SplitMeetings(all []MeetingView, now time.Time) *MeetingLists {
	out := &MeetingLists{Upcoming: []MeetingView{}, Past: []MeetingView{}, Cancelled: []MeetingView{}}
	for _, m := range all {
		switch {
		case m.Status == MeetingStatusCancelled:
			out.Cancelled = append([]MeetingView{m}, out.Cancelled...)
		case m.EndsAt.After(now):
			out.Upcoming = append(out.Upcoming, m)
		default:
			out.Past = append([]MeetingView{m}, out.Past...)
		}
	}
	return out
}

func (s *Store) meetingView(ctx context.Context, a Access, id string) (*MeetingView, error) {
	list, err := loadMeetingViews(s.DB.WithContext(ctx), a, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, ErrNotFound
	}
	return &list[0], nil
}

// loadMeetingViews reads meetings (one, when id is set), replies and
// reflections in three queries, ordered by start.
func loadMeetingViews(db *gorm.DB, a Access, id string) ([]MeetingView, error) {
	var rows []Meeting
	q := db.Where("citizen_id = ?", a.CitizenID)
	if id != "" {
		q = q.Where("id = ?", id)
	}
	if err := q.Order("starts_at, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	fresh := db.Session(&gorm.Session{NewDB: true})
	var replies []MeetingReply
	if err := fresh.Where("citizen_id = ?", a.CitizenID).Find(&replies).Error; err != nil {
		return nil, err
	}
	refl := fresh.Where("citizen_id = ? AND sealed = ?", a.CitizenID, false)
	if a.Caseworker {
		refl = refl.Where("shared = ?", true)
	}
	var reflections []MeetingReflection
	if err := refl.Find(&reflections).Error; err != nil {
		return nil, err
	}
	return assembleMeetings(rows, replies, reflections), nil
}

func assembleMeetings(rows []Meeting, replies []MeetingReply, reflections []MeetingReflection) []MeetingView {
	rep := map[string]*ReplyView{}
	for _, r := range replies {
		v := toReplyView(r)
		rep[r.MeetingID] = &v
	}
	ref := map[string]*ReflectionView{}
	for _, r := range reflections {
		v := toReflectionView(r)
		ref[r.MeetingID] = &v
	}
	out := make([]MeetingView, len(rows))
	for i, m := range rows {
		out[i] = toMeetingView(m)
		out[i].Reply, out[i].Reflection = rep[m.ID], ref[m.ID]
	}
	return out
}

func toMeetingView(m Meeting) MeetingView {
	parts := m.Participants
	if parts == nil {
		parts = []string{}
	}
	return MeetingView{ID: m.ID, Kind: m.Kind, StartsAt: m.StartsAt.UTC(), EndsAt: m.EndsAt().UTC(),
		DurationMinutes: m.DurationMinutes, Location: m.Location, Participants: parts, Agenda: m.Agenda,
		Status: m.Status, MovedAt: utcPtr(m.MovedAt), CancelledAt: utcPtr(m.CancelledAt),
		CreatedAt: m.CreatedAt.UTC(), UpdatedAt: m.UpdatedAt.UTC(), ReflectionWanted: m.Kind == KindRoundtable}
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
