package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"trappen/i18n"
	"trappen/models"
)

// createCaseworker implements `caseworker create --email E --name N`,
// reading the password as one line from stdin.
func createCaseworker(ctx context.Context, cfg Config, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("caseworker create", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	email := fs.String("email", "", "e-mail address")
	name := fs.String("name", "", "full name")
	locale := fs.String("locale", "da", "da or en")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("caseworker create: %v", err)
	}
	if *email == "" || *name == "" {
		return errors.New("caseworker create: --email and --name are required")
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	store, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.SQL.Close()
	u, err := store.Identity.CreateCaseworker(ctx, models.NewCaseworker{Email: *email, Name: *name, Password: password, Locale: *locale}, time.Now())
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "created caseworker %s (%s)\n", u.Email, u.ID)
	return nil
}

// describe turns a domain error into one English line for the terminal.
func describe(err error) error {
	e, ok := models.AsError(err)
	if !ok {
		return err
	}
	msg := i18n.T("en", "error."+e.Code, e.Vars)
	if e.Code != "validation_failed" {
		return errors.New(msg)
	}
	fields := make([]string, 0, len(e.Fields))
	for field, fe := range e.Fields {
		fields = append(fields, field+": "+i18n.T("en", "field."+fe.Key, fe.Vars))
	}
	sort.Strings(fields)
	return errors.New(msg + " " + strings.Join(fields, "; "))
}
