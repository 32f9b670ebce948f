package models

import (
	"time"
)

// FastTrackView is a request as the citizen and the caseworker see it, with
// its whole record.
type FastTrackView struct {
	ID              string               `json:"id"`
	Status          string               `json:"status"`
	RequestedBy     string               `json:"requested_by"`
	RequestedAt     time.Time            `json:"requested_at"`
	ConsentDeadline time.Time            `json:"consent_deadline"`
	ExpectedWeeks   int                  `json:"expected_weeks"`
	CreatedAt       time.Time            `json:"created_at"`
	Events          []FastTrackEventView `json:"events"`
}

// FastTrackEventView is one transition: from (null on creation) → to, by
// actor ("citizen", "caseworker" or "system"), at.
type FastTrackEventView struct {
	From  *string   `json:"from"`
	To    string    `json:"to"`
	Actor string    `json:"actor"`
	At    time.Time `json:"at"`
}

// FastTrackSummary is the caseworker's fast-track section of a citizen.
type FastTrackSummary struct {
	Current  *FastTrackView  `json:"current"`
	Requests []FastTrackView `json:"requests"`
}

// ToFastTrackView shows r.
func ToFastTrackView(r *FastTrackRequest) FastTrackView {
	v := FastTrackView{ID: r.ID, Status: r.Status, RequestedBy: r.RequestedBy, RequestedAt: r.RequestedAt.UTC(),
		ConsentDeadline: r.ConsentDeadline.UTC(), ExpectedWeeks: r.ExpectedWeeks, CreatedAt: r.CreatedAt.UTC(),
		Events: make([]FastTrackEventView, len(r.Events))}
	for i, e := range r.Events {
		v.Events[i] = FastTrackEventView{From: e.FromStatus, To: e.ToStatus, Actor: e.ActorRole, At: e.At.UTC()}
	}
	return v
}

// Views shows the state: the current request and every request, newest
// first. The follow-up it asks for is on the timeline (timeline.go).
func (st *FastTrackState) Views() (*FastTrackView, []FastTrackView) {
	all := make([]FastTrackView, len(st.All))
	var cur *FastTrackView
	for i := range st.All {
		all[i] = ToFastTrackView(&st.All[i])
		if st.Current != nil && st.All[i].ID == st.Current.ID {
			cur = &all[i]
		}
	}
	return cur, all
}
