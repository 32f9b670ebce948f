package models

import "time"

// LapseIfDue shows r as lapsed when its consent deadline passed while it was
// still pending: the status and the system's event are the ones the
// background sweep records, at the first second after the deadline. It only
// changes r in memory (a reader never writes) and reports whether it did.
func LapseIfDue(r *FastTrackRequest, now time.Time) bool {
	if r.Status != FastTrackPending || !DeadlinePassed(r.ConsentDeadline, now) {
		return false
	}
	from := r.Status
	at := r.ConsentDeadline.Add(time.Second).UTC()
	r.Status, r.UpdatedAt = FastTrackLapsed, at
	r.Events = append(r.Events, FastTrackEvent{RequestID: r.ID, ActorRole: ActorSystem, FromStatus: &from, ToStatus: FastTrackLapsed, At: at})
	return true
}
