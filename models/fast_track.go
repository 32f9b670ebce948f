package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// FastTrackRequest is one request for early follow-up and its consent.
type FastTrackRequest struct {
	ID              string `gorm:"primaryKey"`
	CitizenID       string
	RegisteredBy    string
	RequestedBy     string
	RequestedAt     time.Time
	ExpectedWeeks   int
	ConsentDeadline time.Time
	Status          string
	CreatedAt       time.Time
	UpdatedAt       time.Time

	Events []FastTrackEvent `gorm:"foreignKey:RequestID"`
}

// FastTrackEvent is one recorded transition. FromStatus is nil on creation;
// ActorID is nil for the system (a lapse).
type FastTrackEvent struct {
	ID         int64 `gorm:"primaryKey"`
	RequestID  string
	ActorRole  string
	ActorID    *string
	FromStatus *string
	ToStatus   string
	At         time.Time
}

// Actor roles in the record.
const (
	ActorCitizen    = "citizen"
	ActorCaseworker = "caseworker"
	ActorSystem     = "system"
)

// NewFastTrack is what a caseworker registers. ExpectedWeeks falls back to the
// citizen's registered expectation when nil.
type NewFastTrack struct {
	RequestedBy   string
	RequestedAt   string
	ExpectedWeeks *int
}

// FastTrackState is what a citizen or caseworker sees: the request that
// matters now (the newest pending one, else the newest) and every request.
type FastTrackState struct {
	Current *FastTrackRequest
	All     []FastTrackRequest
}

func (in *NewFastTrack) parse(c *Citizen, now time.Time) (time.Time, int, error) {
	var v Validation
	if in.RequestedBy != RequestedByEmployer && in.RequestedBy != RequestedByCitizen {
		v.Add("requested_by", "invalid_choice")
	}
	at, err := time.Parse(time.RFC3339, in.RequestedAt)
	switch {
	case in.RequestedAt == "":
		v.Add("requested_at", "required")
	case err != nil:
		v.Add("requested_at", "invalid_timestamp")
	case at.Year() < 2000:
		v.Add("requested_at", "invalid_timestamp")
	}
	weeks := in.ExpectedWeeks
	if weeks == nil {
		weeks = c.ExpectedWeeks
	}
	if weeks == nil {
		v.Add("expected_weeks", "required")
	} else if *weeks > 520 {
		// The same bound as on the citizen; a larger count would also
		// overflow PostgreSQL's INTEGER column (a 500, not a 422).
		v.Add("expected_weeks", "out_of_range", "min", 1, "max", 520)
	}
	if err := v.Err(); err != nil {
		return time.Time{}, 0, err
	}
	return at.UTC(), *weeks, nil
}

// RegisterFastTrack records a request on a citizen of the caseworker's
// caseload, and in the same transaction schedules its push messages.
func (s *Store) RegisterFastTrack(ctx context.Context, caseworkerID, citizenID string, in NewFastTrack, now time.Time) (*FastTrackRequest, error) {
	now = now.UTC()
	var r *FastTrackRequest
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		c, err := citizenOf(tx, caseworkerID, citizenID)
		if err != nil {
			return err
		}
		if c.Closed() {
			return ErrCaseClosed
		}
		at, weeks, err := in.parse(c, now)
		if err != nil {
			return err
		}
		if err := CheckFastTrackRequest(c, at, weeks, now); err != nil {
			return err
		}
		if err := refuseSecondPending(tx, c.ID, now); err != nil {
			return err
		}
		r = newFastTrackRequest(c.ID, caseworkerID, in.RequestedBy, at, weeks, now)
		if err := tx.Omit("Events").Create(r).Error; err != nil {
			return err
		}
		if err := recordFastTrack(tx, r, ActorCaseworker, &caseworkerID, nil, r.Status, now); err != nil {
			return err
		}
		if r.Status == FastTrackPending && DeadlinePassed(r.ConsentDeadline, now) {
			if err := transition(tx, r, ActorSystem, nil, FastTrackLapsed, now); err != nil {
				return err
			}
		}
		return scheduleFastTrackPush(tx, r, now)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

func newFastTrackRequest(citizenID, registeredBy, requestedBy string, at time.Time, weeks int, now time.Time) *FastTrackRequest {
	status := FastTrackPending
	if requestedBy == RequestedByCitizen {
		status = FastTrackAccepted // the citizen's own request needs no consent
	}
	return &FastTrackRequest{ID: NewID(), CitizenID: citizenID, RegisteredBy: registeredBy, RequestedBy: requestedBy,
		RequestedAt: at, ExpectedWeeks: weeks, ConsentDeadline: ConsentDeadline(at), Status: status,
		CreatedAt: now, UpdatedAt: now}
}

func recordFastTrack(tx *gorm.DB, r *FastTrackRequest, role string, actorID *string, from *string, to string, at time.Time) error {
	ev := FastTrackEvent{RequestID: r.ID, ActorRole: role, ActorID: actorID, FromStatus: from, ToStatus: to, At: at.UTC()}
	if err := tx.Create(&ev).Error; err != nil {
		return err
	}
	r.Events = append(r.Events, ev)
	return nil
}

// transition moves r to status, records who did it and when, and cancels
// the "deadline soon" message once the request is no longer pending.
func transition(tx *gorm.DB, r *FastTrackRequest, role string, actorID *string, to string, at time.Time) error {
	from := r.Status
	res := tx.Model(&FastTrackRequest{}).Where("id = ? AND status = ?", r.ID, from).
		Updates(map[string]any{"status": to, "updated_at": at.UTC()})
	if res.Error != nil {
		return res.Error
	}
	r.Status, r.UpdatedAt = to, at.UTC()
	if err := recordFastTrack(tx, r, role, actorID, &from, to, at); err != nil {
		return err
	}
	return cancelPushJobs(tx, r.ID, []string{PushFastTrackDeadline, PushFastTrackRequest}, at)
}

// FastTrackFor loads a citizen's requests as a caller with access sees them.
// A pending request past its deadline is lapsed (and recorded) on the way:
// the state is right whenever it is read.
func (s *Store) FastTrackFor(ctx context.Context, a Access, now time.Time) (*FastTrackState, error) {
	var st *FastTrackState
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := a.check(tx); err != nil {
			return err
		}
		var err error
		st, err = fastTrackState(tx, a.CitizenID, now)
		return err
	})
	return st, err
}

func fastTrackState(tx *gorm.DB, citizenID string, now time.Time) (*FastTrackState, error) {
	var all []FastTrackRequest
	err := tx.Preload("Events", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).
		Where("citizen_id = ?", citizenID).Order("created_at DESC, requested_at DESC").Find(&all).Error
	if err != nil {
		return nil, err
	}
	st := &FastTrackState{All: all}
	for i := range all {
		if err := lapseIfDue(tx, &all[i], now); err != nil {
			return nil, err
		}
		if st.Current == nil && all[i].Status == FastTrackPending {
			st.Current = &all[i]
		}
	}
	if st.Current == nil && len(all) > 0 {
		st.Current = &all[0]
	}
	return st, nil
}

// lapseIfDue persists a lapse that has happened by now, recorded at the
// moment it happened (the first second after the deadline).
func lapseIfDue(tx *gorm.DB, r *FastTrackRequest, now time.Time) error {
	if r.Status != FastTrackPending || !DeadlinePassed(r.ConsentDeadline, now) {
		return nil
	}
	return transition(tx, r, ActorSystem, nil, FastTrackLapsed, r.ConsentDeadline.Add(time.Second))
}

// Decisions a citizen can make.
const (
	DecisionAccept  = "accept"
	DecisionDecline = "decline"
)

// DecideFastTrack records the citizen's answer. After the deadline the
// request lapses (and stays lapsed) and the answer is refused.
func (s *Store) DecideFastTrack(ctx context.Context, citizenID, id, decision string, now time.Time) (*FastTrackRequest, error) {
	to := map[string]string{DecisionAccept: FastTrackAccepted, DecisionDecline: FastTrackDeclined}[decision]
	if to == "" {
		return nil, Invalid("decision", "invalid_choice")
	}
	return s.changeFastTrack(ctx, citizenID, id, now, func(r *FastTrackRequest) (string, error) {
		switch r.Status {
		case FastTrackPending:
			return to, nil
		case FastTrackLapsed:
			return "", NewError(KindConflict, "fast_track_deadline_passed")
		default:
			return "", NewError(KindConflict, "fast_track_already_decided")
		}
	})
}

// WithdrawFastTrack takes back an acceptance; the record keeps both.
func (s *Store) WithdrawFastTrack(ctx context.Context, citizenID, id string, now time.Time) (*FastTrackRequest, error) {
	return s.changeFastTrack(ctx, citizenID, id, now, func(r *FastTrackRequest) (string, error) {
		if r.Status != FastTrackAccepted {
			return "", NewError(KindConflict, "fast_track_not_accepted")
		}
		return FastTrackWithdrawn, nil
	})
}

// changeFastTrack locks the citizen's request, lapses it if due, and applies
// the state rule decide. A refusal is returned after the commit, so a lapse
// found on the way is kept.
func (s *Store) changeFastTrack(ctx context.Context, citizenID, id string, now time.Time, decide func(*FastTrackRequest) (string, error)) (*FastTrackRequest, error) {
	now = now.UTC()
	var r FastTrackRequest
	var refusal error
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		err := lockForUpdate(tx, s.Dialect).Where("id = ? AND citizen_id = ?", id, citizenID).Take(&r).Error
		if err != nil {
			return notFound(err)
		}
		if err := lapseIfDue(tx, &r, now); err != nil {
			return err
		}
		to, err := decide(&r)
		if err != nil {
			refusal = err
			return nil
		}
		return transition(tx, &r, ActorCitizen, &citizenID, to, now)
	})
	if err != nil {
		return nil, err
	}
	if refusal != nil {
		return nil, refusal
	}
	err = s.DB.WithContext(ctx).Where("request_id = ?", r.ID).Order("id").Find(&r.Events).Error
	return &r, err
}

// scheduleFastTrackPush queues the request message now and the reminder 12
// hours before the deadline, for an employer's request still pending.
func scheduleFastTrackPush(tx *gorm.DB, r *FastTrackRequest, now time.Time) error {
	if r.Status != FastTrackPending || r.RequestedBy != RequestedByEmployer {
		return nil
	}
	deadline := r.ConsentDeadline
	jobs := []PushJob{newPushJob(r.CitizenID, PushFastTrackRequest, r.ID, "fast_track_request:"+r.ID, &deadline, now, now)}
	if remind := deadline.Add(-FastTrackDeadlineReminder); remind.After(now) {
		jobs = append(jobs, newPushJob(r.CitizenID, PushFastTrackDeadline, r.ID, "fast_track_deadline:"+r.ID, &deadline, remind, now))
	}
	return enqueuePush(tx, jobs...)
}
