package sqldb

import (
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"trappen/models"
)

// NotFound turns gorm's "no row" into the domain's not-found.
func NotFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}

// IsUniqueViolation reports whether err is a unique-index violation on
// either engine.
func IsUniqueViolation(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}

// Wrap says which operation failed: it returns nil for nil, and otherwise
// err wrapped as "op: err" (errors.Is and errors.As still see through it).
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, err)
}

// IsForeignKeyViolation reports whether err is a foreign-key violation on
// either engine.
func IsForeignKeyViolation(err error) bool {
	if errors.Is(err, gorm.ErrForeignKeyViolated) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "FOREIGN KEY constraint failed") || strings.Contains(msg, "SQLSTATE 23503")
}
