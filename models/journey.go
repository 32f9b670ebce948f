package models

import (
	"errors"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Access says who acts on a citizen's data: the citizen themself, or a
// caseworker who must have the citizen on their caseload.
type Access struct {
	UserID     string
	CitizenID  string
	Caseworker bool
}

// AsCitizen is a citizen acting on their own data.
func AsCitizen(citizenID string) Access {
	return Access{UserID: citizenID, CitizenID: citizenID}
}

// AsCaseworker is caseworkerID acting on citizenID's data.
func AsCaseworker(caseworkerID, citizenID string) Access {
	return Access{UserID: caseworkerID, CitizenID: citizenID, Caseworker: true}
}

// check answers ErrNotFound unless the caller may see the citizen. A citizen
// is authenticated as themself, so only a caseworker needs a look-up.
func (a Access) check(tx *gorm.DB) error {
	if !a.Caseworker {
		return nil
	}
	_, err := citizenOf(tx, a.UserID, a.CitizenID)
	return err
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

// notFound turns gorm's "no row" into the domain's not-found.
func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	return err
}
