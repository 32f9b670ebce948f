package models

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Kind classifies a domain error; the API maps each kind to an HTTP status.
type Kind int

const (
	KindInvalid      Kind = iota + 1 // 422
	KindNotFound                     // 404
	KindConflict                     // 409
	KindUnauthorized                 // 401
	KindForbidden                    // 403
	KindRateLimited                  // 429
)

// Error is a domain error with a stable code. Its message is looked up in the
// i18n catalog as "error.<code>"; field messages as "field.<key>".
type Error struct {
	Kind   Kind
	Code   string
	Fields map[string]FieldError
	Vars   map[string]any
	// RetryAfterSeconds goes with KindRateLimited.
	RetryAfterSeconds int
}

// FieldError says what is wrong with one input field.
type FieldError struct {
	Key  string
	Vars map[string]any
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Code
	}
	names := make([]string, 0, len(e.Fields))
	for f, fe := range e.Fields {
		names = append(names, f+": "+fe.Key)
	}
	sort.Strings(names)
	return fmt.Sprintf("%s (%s)", e.Code, strings.Join(names, ", "))
}

// Common errors.
var (
	ErrNotFound = &Error{Kind: KindNotFound, Code: "not_found"}
)

// NewError makes an error of kind with code.
func NewError(kind Kind, code string) *Error { return &Error{Kind: kind, Code: code} }

// AsError unwraps err into a domain error, if it is one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// IsNotFound reports whether err means "no such thing (for you)".
func IsNotFound(err error) bool {
	e, ok := AsError(err)
	return ok && e.Kind == KindNotFound
}

// Validation collects field errors and becomes a 422 "validation_failed".
type Validation struct {
	fields map[string]FieldError
}

// Add records that field is wrong, with a message key (without "field.").
func (v *Validation) Add(field, key string, vars ...any) {
	if v.fields == nil {
		v.fields = map[string]FieldError{}
	}
	if _, seen := v.fields[field]; seen {
		return
	}
	fe := FieldError{Key: key}
	if len(vars) > 0 {
		fe.Vars = map[string]any{}
		for i := 0; i+1 < len(vars); i += 2 {
			fe.Vars[fmt.Sprint(vars[i])] = vars[i+1]
		}
	}
	v.fields[field] = fe
}

// Has reports whether field already has an error.
func (v *Validation) Has(field string) bool { _, ok := v.fields[field]; return ok }

// Err returns nil when nothing was added.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Kind: KindInvalid, Code: "validation_failed", Fields: v.fields}
}

// Invalid is a shortcut for a single-field validation error.
func Invalid(field, key string, vars ...any) error {
	var v Validation
	v.Add(field, key, vars...)
	return v.Err()
}
