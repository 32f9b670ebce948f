package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/outbox"
	"trappen/models/sqldb"
)

// RegisterFastTrack records a request on a citizen of the caseworker's
// caseload, and in the same transaction schedules its push messages.
func (s *Store) RegisterFastTrack(ctx context.Context, caseworkerID, citizenID string, in models.NewFastTrack, now time.Time) (*models.FastTrackRequest, error) {
	now = now.UTC()
	var r *models.FastTrackRequest
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		c, err := citizenOf(tx, caseworkerID, citizenID)
		if err != nil {
			return fmt.Errorf("register fast track: %w", err)
		}
		if c.Closed() {
			return models.ErrCaseClosed
		}
		r, err = registerFastTrack(tx, c, caseworkerID, models.ActorCaseworker, in, now)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("register fast track: %w", err)
	}
	return r, nil
}

// registerFastTrack applies the rules and records a request on c by actorID,
// who acts as role (the caseworker, or the employer themself).
func registerFastTrack(tx *gorm.DB, c *models.Citizen, actorID, role string, in models.NewFastTrack, now time.Time) (*models.FastTrackRequest, error) {
	at, weeks, err := in.Parse(c, now)
	if err != nil {
		return nil, fmt.Errorf("register fast track: %w", err)
	}
	if err := models.CheckFastTrackRequest(c, at, weeks, now); err != nil {
		return nil, err
	}
	if err := refuseSecondPending(tx, c.ID, now); err != nil {
		return nil, err
	}
	r := newFastTrackRequest(c.ID, actorID, in.RequestedBy, at, weeks, now)
	if err := tx.Omit("Events").Create(r).Error; err != nil {
		return nil, fmt.Errorf("register fast track: %w", err)
	}
	if err := recordFastTrack(tx, r, role, &actorID, nil, r.Status, now); err != nil {
		return nil, fmt.Errorf("register fast track: %w", err)
	}
	if r.Status == models.FastTrackPending && models.DeadlinePassed(r.ConsentDeadline, now) {
		if err := transition(tx, r, models.ActorSystem, nil, models.FastTrackLapsed, now); err != nil {
			return nil, fmt.Errorf("register fast track: %w", err)
		}
	}
	if err := scheduleFastTrackPush(tx, r, now); err != nil {
		return nil, err
	}
	if r.Status == models.FastTrackAccepted { // the citizen's own request
		return r, planTimelinePush(tx, c.ID, now)
	}
	return r, nil
}

func newFastTrackRequest(citizenID, registeredBy, requestedBy string, at time.Time, weeks int, now time.Time) *models.FastTrackRequest {
	status := models.FastTrackPending
	if requestedBy == models.RequestedByCitizen {
		status = models.FastTrackAccepted // the citizen's own request needs no consent
	}
	return &models.FastTrackRequest{ID: models.NewID(), CitizenID: citizenID, RegisteredBy: registeredBy, RequestedBy: requestedBy,
		RequestedAt: at, ExpectedWeeks: weeks, ConsentDeadline: models.ConsentDeadline(at), Status: status,
		CreatedAt: now, UpdatedAt: now}
}

func recordFastTrack(tx *gorm.DB, r *models.FastTrackRequest, role string, actorID *string, from *string, to string, at time.Time) error {
	ev := models.FastTrackEvent{RequestID: r.ID, ActorRole: role, ActorID: actorID, FromStatus: from, ToStatus: to, At: at.UTC()}
	if err := tx.Create(&ev).Error; err != nil {
		return fmt.Errorf("record fast track: %w", err)
	}
	r.Events = append(r.Events, ev)
	return nil
}

// transition moves r to status, records who did it and when, and cancels
// the "deadline soon" message once the request is no longer pending.
func transition(tx *gorm.DB, r *models.FastTrackRequest, role string, actorID *string, to string, at time.Time) error {
	from := r.Status
	res := tx.Model(&models.FastTrackRequest{}).Where("id = ? AND status = ?", r.ID, from).
		Updates(map[string]any{"status": to, "updated_at": at.UTC()})
	if res.Error != nil {
		return res.Error
	}
	r.Status, r.UpdatedAt = to, at.UTC()
	if err := recordFastTrack(tx, r, role, actorID, &from, to, at); err != nil {
		return fmt.Errorf("transition: %w", err)
	}
	return outbox.CancelPushJobs(tx, r.ID, []string{models.PushFastTrackDeadline, models.PushFastTrackRequest}, at)
}

// FastTrackFor loads a citizen's requests as a caller with access sees them.
// A pending request past its deadline shows as lapsed, with the system's
// event, without writing: LapseOverdueFastTrack records it in the background,
// so reading never takes the write lock.
func (s *Store) FastTrackFor(ctx context.Context, a models.Access, now time.Time) (*models.FastTrackState, error) {
	db := s.Read.WithContext(ctx)
	if err := checkAccess(db, a); err != nil {
		return nil, err
	}
	st, err := fastTrackState(db, a.CitizenID, now)
	if err != nil {
		return nil, fmt.Errorf("load fast track: %w", err)
	}
	return st, nil
}

func fastTrackState(tx *gorm.DB, citizenID string, now time.Time) (*models.FastTrackState, error) {
	var all []models.FastTrackRequest
	err := tx.Preload("Events", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).
		Where("citizen_id = ?", citizenID).Order("created_at DESC, requested_at DESC").Find(&all).Error
	if err != nil {
		return nil, fmt.Errorf("fast track state: %w", err)
	}
	return newFastTrackState(all, now), nil
}

// newFastTrackState finds the current request among all (newest first,
// events read), lapsing in memory what has lapsed by now.
func newFastTrackState(all []models.FastTrackRequest, now time.Time) *models.FastTrackState {
	st := &models.FastTrackState{All: all}
	for i := range all {
		models.LapseIfDue(&all[i], now)
		if st.Current == nil && all[i].Status == models.FastTrackPending {
			st.Current = &all[i]
		}
	}
	if st.Current == nil && len(all) > 0 {
		st.Current = &all[0]
	}
	return st
}

// lapseIfDue persists a lapse that has happened by now, recorded at the
// moment it happened (the first second after the deadline).
func lapseIfDue(tx *gorm.DB, r *models.FastTrackRequest, now time.Time) error {
	if r.Status != models.FastTrackPending || !models.DeadlinePassed(r.ConsentDeadline, now) {
		return nil
	}
	return transition(tx, r, models.ActorSystem, nil, models.FastTrackLapsed, r.ConsentDeadline.Add(time.Second))
}

// DecideFastTrack records the citizen's answer. After the deadline the
// request lapses (and stays lapsed) and the answer is refused.
func (s *Store) DecideFastTrack(ctx context.Context, citizenID, id, decision string, now time.Time) (*models.FastTrackRequest, error) {
	to := map[string]string{models.DecisionAccept: models.FastTrackAccepted, models.DecisionDecline: models.FastTrackDeclined}[decision]
	if to == "" {
		return nil, models.Invalid("decision", "invalid_choice")
	}
	return s.changeFastTrack(ctx, citizenID, id, now, func(r *models.FastTrackRequest) (string, error) {
		switch r.Status {
		case models.FastTrackPending:
			return to, nil
		case models.FastTrackLapsed:
			return "", models.NewError(models.KindConflict, "fast_track_deadline_passed")
		default:
			return "", models.NewError(models.KindConflict, "fast_track_already_decided")
		}
	})
}

// WithdrawFastTrack takes back an acceptance; the record keeps both.
func (s *Store) WithdrawFastTrack(ctx context.Context, citizenID, id string, now time.Time) (*models.FastTrackRequest, error) {
	return s.changeFastTrack(ctx, citizenID, id, now, func(r *models.FastTrackRequest) (string, error) {
		if r.Status != models.FastTrackAccepted {
			return "", models.NewError(models.KindConflict, "fast_track_not_accepted")
		}
		return models.FastTrackWithdrawn, nil
	})
}

// changeFastTrack locks the citizen's request, lapses it if due, and applies
// the state rule decide. A refusal is returned after the commit, so a lapse
// found on the way is kept.
func (s *Store) changeFastTrack(ctx context.Context, citizenID, id string, now time.Time, decide func(*models.FastTrackRequest) (string, error)) (*models.FastTrackRequest, error) {
	now = now.UTC()
	var r models.FastTrackRequest
	var refusal error
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		// The citizen first, then their rows, as every other write does.
		if _, err := s.lockCitizen(tx, "", citizenID); err != nil {
			return err
		}
		err := sqldb.LockForUpdate(tx, s.Dialect).Where("id = ? AND citizen_id = ?", id, citizenID).Take(&r).Error
		if err != nil {
			return sqldb.NotFound(err)
		}
		if err := lapseIfDue(tx, &r, now); err != nil {
			return fmt.Errorf("change fast track: %w", err)
		}
		to, err := decide(&r)
		if err != nil {
			refusal = err
			return nil
		}
		from := r.Status
		if err := transition(tx, &r, models.ActorCitizen, &citizenID, to, now); err != nil {
			return err
		}
		if from == models.FastTrackAccepted || to == models.FastTrackAccepted {
			// An acceptance starts the citizen's own steps; a withdrawal ends them.
			return planTimelinePush(tx, citizenID, now)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("change fast track: %w", err)
	}
	if refusal != nil {
		return nil, refusal
	}
	err = s.Read.WithContext(ctx).Where("request_id = ?", r.ID).Order("id").Find(&r.Events).Error
	return &r, err
}

// scheduleFastTrackPush queues the request message now and the reminder 12
// hours before the deadline, for an employer's request still pending.
func scheduleFastTrackPush(tx *gorm.DB, r *models.FastTrackRequest, now time.Time) error {
	if r.Status != models.FastTrackPending || r.RequestedBy != models.RequestedByEmployer {
		return nil
	}
	deadline := r.ConsentDeadline
	jobs := []models.PushJob{newPushJob(r.CitizenID, models.PushFastTrackRequest, r.ID, "fast_track_request:"+r.ID, &deadline, now, now)}
	if remind := deadline.Add(-models.FastTrackDeadlineReminder); remind.After(now) {
		jobs = append(jobs, newPushJob(r.CitizenID, models.PushFastTrackDeadline, r.ID, "fast_track_deadline:"+r.ID, &deadline, remind, now))
	}
	return outbox.EnqueuePush(tx, jobs...)
}
