package models

import (
	"strings"
	"unicode/utf8"
)

// Access says who acts on a citizen's data: the citizen themself, or a
// caseworker who must have the citizen on their caseload.
type Access struct {
	UserID     string
	CitizenID  string
	Caseworker bool
	// Employer is an employer contact acting on their employee's case.
	Employer bool
}

// AsCitizen is a citizen acting on their own data.
func AsCitizen(citizenID string) Access {
	return Access{UserID: citizenID, CitizenID: citizenID}
}

// AsEmployer is employerID acting on their employee citizenID's case.
func AsEmployer(employerID, citizenID string) Access {
	return Access{UserID: employerID, CitizenID: citizenID, Employer: true}
}

// AsCaseworker is caseworkerID acting on citizenID's data.
func AsCaseworker(caseworkerID, citizenID string) Access {
	return Access{UserID: caseworkerID, CitizenID: citizenID, Caseworker: true}
}

// validateText trims *s and checks it against max characters.
func validateText(v *Validation, field string, s *string, required bool, max int) {
	*s = strings.TrimSpace(*s)
	switch {
	case *s == "" && required:
		v.Add(field, "required")
	case utf8.RuneCountInString(*s) > max:
		v.Add(field, "too_long", "max", max)
	}
}
