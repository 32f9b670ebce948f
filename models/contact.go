package models

import (
	"regexp"
	"strings"
	"time"
)

const maxContactHours = 200

// CaseworkerContact is how citizens reach a caseworker; empty until set.
type CaseworkerContact struct {
	UserID       string `gorm:"primaryKey"`
	Phone        string
	ContactHours string
	UpdatedAt    time.Time
}

// ContactCard is the caseworker as the citizen sees them, so the citizen
// always knows whom to call.
type ContactCard struct {
	Name         string `json:"name"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	ContactHours string `json:"contact_hours"`
}

// ContactPatch changes the caseworker's contact details; nil stays, "" clears.
type ContactPatch struct {
	Phone        *string
	ContactHours *string
}

// Empty reports whether the patch changes nothing.
func (p ContactPatch) Empty() bool { return p.Phone == nil && p.ContactHours == nil }

// phoneChars: digits, spaces, "+", "-", "(", ")" and ".", as people write
// numbers ("+45 33 66 33 66", "3366-3366").
var phoneChars = regexp.MustCompile(`^\+?[0-9 ().-]+$`)

// Validate checks the contact details and trims them.
func (p *ContactPatch) Validate(v *Validation) {
	if p.Phone != nil {
		*p.Phone = strings.TrimSpace(*p.Phone)
		if *p.Phone != "" && !validPhone(*p.Phone) {
			v.Add("phone", "invalid_phone")
		}
	}
	if p.ContactHours != nil {
		validateText(v, "contact_hours", p.ContactHours, false, maxContactHours)
	}
}

// validPhone accepts 6 to 15 digits (E.164's maximum) in the usual notation.
func validPhone(s string) bool {
	if !phoneChars.MatchString(s) || len(s) > 30 {
		return false
	}
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits >= 6 && digits <= 15
}
