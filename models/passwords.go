package models

import (
	"unicode/utf8"
)

// Password length rules.
const (
	PasswordMinLen = 10
	PasswordMaxLen = 256
)

// ValidatePassword checks the length rules for a new password.
func ValidatePassword(v *Validation, field, password string) {
	n := utf8.RuneCountInString(password)
	switch {
	case password == "":
		v.Add(field, "required")
	case n < PasswordMinLen:
		v.Add(field, "password_too_short", "min", PasswordMinLen)
	case n > PasswordMaxLen:
		v.Add(field, "password_too_long", "max", PasswordMaxLen)
	}
}
