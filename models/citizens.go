package models

import (
	"time"
	"unicode/utf8"
)

// InviteLifetime is how long an invite code works.
const InviteLifetime = 14 * 24 * time.Hour

// Citizen is the sick-listed person's profile; its ID is their user ID.
type Citizen struct {
	ID            string `gorm:"primaryKey"`
	CaseworkerID  string
	FirstSickDay  string
	Category      int
	ExpectedWeeks *int
	EmployerName  string
	// Issue 8: the case over its whole life (see case_rules.go).
	Employment           string
	ExemptReason         *string
	ExemptUntil          *string
	ClosedOn             *string
	CloseReason          *string
	DoctorConsultationOn *string
	ReEvaluationOn       *string
	ReEvaluationOutcome  *string
	CreatedAt            time.Time
	UpdatedAt            time.Time

	User User `gorm:"foreignKey:ID;references:ID"`
}

// Invite lets a citizen set their password once.
type Invite struct {
	ID        string `gorm:"primaryKey"`
	CitizenID string
	CodeHash  string
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
	// UsableFrom and IssuedBy are set on a code re-issued for an active
	// account (see sign_in_codes.go).
	UsableFrom *time.Time
	IssuedBy   *string
}

// NewCitizen is what a caseworker registers.
type NewCitizen struct {
	Name          string
	Email         string
	Locale        string
	FirstSickDay  string
	Category      int
	ExpectedWeeks *int
	EmployerName  string
	Employment    string
}

// Validate checks a new citizen against now.
func (in *NewCitizen) Validate(now time.Time) error {
	var v Validation
	ValidateName(&v, "name", in.Name)
	ValidateEmail(&v, "email", in.Email)
	ValidateLocale(&v, "locale", in.Locale)
	if in.FirstSickDay == "" {
		v.Add("first_sick_day", "required")
	} else {
		ValidateDate(&v, "first_sick_day", in.FirstSickDay, now)
	}
	if in.Category < 1 || in.Category > 3 {
		v.Add("category", "invalid_category")
	}
	if in.ExpectedWeeks != nil && (*in.ExpectedWeeks < 1 || *in.ExpectedWeeks > 520) {
		v.Add("expected_weeks", "out_of_range", "min", 1, "max", 520)
	}
	if utf8.RuneCountInString(in.EmployerName) > 200 {
		v.Add("employer_name", "too_long", "max", 200)
	}
	validateEmployment(&v, in.Employment)
	return v.Err()
}

// IssuedInvite is an invite code, shown once.
type IssuedInvite struct {
	Code      string
	ExpiresAt time.Time
	// UsableFrom is set when the code replaces an active account's password.
	UsableFrom *time.Time
}
