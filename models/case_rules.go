package models

import "time"

// The case over its whole life: its state, what may change, how it ends.

// Case states.
const (
	CaseOpen   = "open"
	CaseClosed = "closed"
)

// Why a case closed.
var closeReasons = map[string]bool{
	"returned_to_work": true, "jobafklaring": true, "moved_municipality": true, "other": true,
}

// What the re-evaluation at 22 weeks decided.
var reEvaluationOutcomes = map[string]bool{
	"extended": true, "jobafklaring": true, "returned_to_work": true, "other": true,
}

// Why a citizen is exempt from the active effort (seed 003 p. 8). A fixed
// list, not free text: the reason must never become a diagnosis.
var exemptReasons = map[string]bool{
	"illness": true, "treatment": true, "pregnancy": true, "other": true,
}

var employments = map[string]bool{EmployedEmployee: true, SelfEmployed: true, Unemployed: true}

// Errors of the case's life.
var (
	ErrCaseClosed = NewError(KindConflict, "case_closed")
	ErrCaseOpen   = NewError(KindConflict, "case_open")
)

// Exemption is the citizen's exemption from the active effort.
type Exemption struct {
	Reason string  `json:"reason"`
	Until  *string `json:"until"`
}

// CaseStatus is the case's state, part of every citizen profile.
type CaseStatus struct {
	Status      string     `json:"status"`
	ClosedOn    *string    `json:"closed_on"`
	CloseReason *string    `json:"close_reason"`
	Employment  string     `json:"employment"`
	Exempt      *Exemption `json:"exempt"`
}

func caseStatusOf(c *Citizen) CaseStatus {
	st := CaseStatus{Status: CaseOpen, ClosedOn: c.ClosedOn, CloseReason: c.CloseReason, Employment: c.Employment}
	if c.ClosedOn != nil {
		st.Status = CaseClosed
	}
	if st.Employment == "" {
		st.Employment = EmployedEmployee
	}
	if c.ExemptReason != nil {
		st.Exempt = &Exemption{Reason: *c.ExemptReason, Until: c.ExemptUntil}
	}
	return st
}

// Closed reports whether the case has ended.
func (c *Citizen) Closed() bool { return c.ClosedOn != nil }

// ExemptOn reports whether the citizen is exempt from the active effort on
// now's Copenhagen date (an exemption lasts through its until date).
func (c *Citizen) ExemptOn(now time.Time) bool {
	if c.ExemptReason == nil {
		return false
	}
	return c.ExemptUntil == nil || *c.ExemptUntil >= CopenhagenDate(now).Format(DateLayout)
}

// Clock is the case as the timeline sees it.
func (c *Citizen) Clock() CaseClock {
	emp := c.Employment
	if emp == "" {
		emp = EmployedEmployee
	}
	return CaseClock{FirstSickDay: c.FirstSickDay, Category: c.Category, Employment: emp,
		DoctorConsultationOn: c.DoctorConsultationOn, ReEvaluationOn: c.ReEvaluationOn,
		ReEvaluationOutcome: c.ReEvaluationOutcome}
}

func validateEmployment(v *Validation, emp string) {
	if emp != "" && !employments[emp] {
		v.Add("employment", "invalid_choice")
	}
}

// CasePatch is a caseworker's change to a case; nil fields stay as they are.
// SetExempt with a nil Exempt ends an exemption.
type CasePatch struct {
	Category      *int
	FirstSickDay  *string
	ExpectedWeeks *int
	Employment    *string
	EmployerName  *string
	SetExempt     bool
	Exempt        *Exemption
}

// Validate checks the patch against now.
func (p *CasePatch) Validate(now time.Time) error {
	var v Validation
	if p.Category != nil && (*p.Category < 1 || *p.Category > 3) {
		v.Add("category", "invalid_category")
	}
	if p.FirstSickDay != nil {
		ValidateDate(&v, "first_sick_day", *p.FirstSickDay, now)
	}
	if p.ExpectedWeeks != nil && (*p.ExpectedWeeks < 1 || *p.ExpectedWeeks > 520) {
		v.Add("expected_weeks", "out_of_range", "min", 1, "max", 520)
	}
	if p.Employment != nil {
		if *p.Employment == "" {
			v.Add("employment", "invalid_choice")
		}
		validateEmployment(&v, *p.Employment)
	}
	if p.EmployerName != nil {
		validateText(&v, "employer_name", p.EmployerName, false, 200)
	}
	if p.Exempt != nil {
		if !exemptReasons[p.Exempt.Reason] {
			v.Add("exempt.reason", "invalid_choice")
		}
		if p.Exempt.Until != nil {
			ValidateDate(&v, "exempt.until", *p.Exempt.Until, now)
		}
	}
	return v.Err()
}

// Apply changes c and reports whether the category changed.
func (p *CasePatch) Apply(c *Citizen) (categoryChanged bool) {
	if p.Category != nil {
		categoryChanged = *p.Category != c.Category
		c.Category = *p.Category
	}
	if p.FirstSickDay != nil {
		c.FirstSickDay = *p.FirstSickDay
	}
	if p.ExpectedWeeks != nil {
		c.ExpectedWeeks = p.ExpectedWeeks
	}
	if p.Employment != nil {
		c.Employment = *p.Employment
	}
	if p.EmployerName != nil {
		c.EmployerName = *p.EmployerName
	}
	if p.SetExempt {
		c.ExemptReason, c.ExemptUntil = nil, nil
		if p.Exempt != nil {
			reason := p.Exempt.Reason
			c.ExemptReason, c.ExemptUntil = &reason, p.Exempt.Until
		}
	}
	return categoryChanged
}

// CloseInput is how a case ends.
type CloseInput struct {
	Date   string
	Reason string
}

// Validate: a known reason, and a date neither in the future nor before the
// first sick day.
func (in CloseInput) Validate(c *Citizen, now time.Time) error {
	var v Validation
	if !closeReasons[in.Reason] {
		v.Add("reason", requiredOr(in.Reason, "invalid_choice"))
	}
	validatePastDate(&v, "date", in.Date, c.FirstSickDay, now)
	return v.Err()
}

// ReEvaluationInput records the re-evaluation at 22 weeks.
type ReEvaluationInput struct {
	DoneOn  string
	Outcome string
}

// Validate checks the outcome and the date.
func (in ReEvaluationInput) Validate(c *Citizen, now time.Time) error {
	var v Validation
	if !reEvaluationOutcomes[in.Outcome] {
		v.Add("outcome", requiredOr(in.Outcome, "invalid_choice"))
	}
	validatePastDate(&v, "done_on", in.DoneOn, c.FirstSickDay, now)
	return v.Err()
}

// ValidateDoneOn checks a recorded date: not in the future, not before the
// first sick day.
func ValidateDoneOn(c *Citizen, doneOn string, now time.Time) error {
	var v Validation
	validatePastDate(&v, "done_on", doneOn, c.FirstSickDay, now)
	return v.Err()
}

func validatePastDate(v *Validation, field, s, firstSickDay string, now time.Time) {
	d, ok := ParseDate(s)
	switch {
	case s == "":
		v.Add(field, "required")
	case !ok:
		v.Add(field, "invalid_date")
	case d.After(CopenhagenDate(now)):
		v.Add(field, "date_in_future")
	case s < firstSickDay:
		v.Add(field, "before_first_sick_day")
	}
}

func requiredOr(s, key string) string {
	if s == "" {
		return "required"
	}
	return key
}

// RetentionCutoff is the latest closed_on date whose case is deleted at now:
// a case is kept for retentionDays days counted from closed_on (0: deleted at
// the next purge).
func RetentionCutoff(retentionDays int, now time.Time) string {
	return CopenhagenDate(now).AddDate(0, 0, -retentionDays).Format(DateLayout)
}

// CategoryChange is one entry of the category history.
type CategoryChange struct {
	Category int    `json:"category"`
	From     string `json:"from"`
}

// WithoutCheckin drops the "check in this week" action: an exempt citizen
// (or a closed case) is asked for no check-in.
func WithoutCheckin(actions []HomeAction) []HomeAction {
	out := actions[:0:0]
	for _, a := range actions {
		if a.Kind != "checkin" {
			out = append(out, a)
		}
	}
	return out
}
