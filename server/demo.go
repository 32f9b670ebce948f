package main

import (
	"context"
	"errors"
	"io"
)

// seedDemo fills the database with a demo caseworker and citizens.
func seedDemo(ctx context.Context, cfg Config, stdout io.Writer) error {
	return errors.New("demo: not available yet")
}
