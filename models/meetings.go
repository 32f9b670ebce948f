package models

import (
	"fmt"
	"time"
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
	ReadAt    *time.Time // when the caseworker first read it after it was shared
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

// Validate checks a new meeting and returns it ready to store.
func (in *NewMeeting) Validate(now time.Time) (time.Time, error) {
	var v Validation
	validateKind(&v, in.Kind)
	at := parseStartsAt(&v, in.StartsAt, now)
	validateText(&v, "location", &in.Location, true, maxLocation)
	validateText(&v, "agenda", &in.Agenda, false, maxAgenda)
	validateMeetingFields(&v, in.DurationMinutes, in.Participants)
	return at, v.Err()
}

func (p *MeetingPatch) Validate(now time.Time) (time.Time, error) {
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
	ReadAt    *time.Time `json:"read_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// MeetingLists splits meetings for the citizen's and caseworker's screens.
type MeetingLists struct {
	Upcoming  []MeetingView `json:"upcoming"`  // scheduled, not yet over; soonest first
	Past      []MeetingView `json:"past"`      // scheduled and over; newest first
	Cancelled []MeetingView `json:"cancelled"` // newest first
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
