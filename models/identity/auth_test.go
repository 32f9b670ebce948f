package identity_test

import (
	"context"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/store"
	"trappen/models/storetest"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newCaseworker(t *testing.T, s *store.Store, email string) *models.User {
	t.Helper()
	u, err := s.Identity.CreateCaseworker(context.Background(), models.NewCaseworker{Email: email, Name: "Sara Sagsbehandler", Password: "correct horse battery"}, t0)
	if err != nil {
		t.Fatalf("create caseworker: %v", err)
	}
	return u
}

func TestEmailIsUniqueIgnoringCase(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		newCaseworker(t, s, "Sara@Example.dk")
		_, err := s.Identity.CreateCaseworker(context.Background(), models.NewCaseworker{Email: "sara@example.DK", Name: "Other", Password: "another password"}, t0)
		e, ok := models.AsError(err)
		if !ok || e.Code != "email_taken" {
			t.Fatalf("second caseworker with same e-mail: err = %v, want email_taken", err)
		}
	})
}

func TestLoginAcceptsRightPasswordAndRefusesWrongOnesAlike(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		newCaseworker(t, s, "sara@example.dk")
		if _, err := s.Identity.Login(ctx, "SARA@example.dk", "correct horse battery", "10.0.0.1", t0); err != nil {
			t.Fatalf("login with right password: %v", err)
		}
		_, errWrong := s.Identity.Login(ctx, "sara@example.dk", "wrong password!", "10.0.0.1", t0)
		_, errUnknown := s.Identity.Login(ctx, "nobody@example.dk", "wrong password!", "10.0.0.1", t0)
		if errWrong == nil || errUnknown == nil || errWrong.Error() != errUnknown.Error() {
			t.Fatalf("wrong password %v and unknown e-mail %v must fail alike", errWrong, errUnknown)
		}
	})
}

func TestRepeatedFailuresAreRateLimitedPerEmailAndClient(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		newCaseworker(t, s, "sara@example.dk")
		for i := 0; i < models.MaxFailuresPerEmailAndClient; i++ {
			s.Identity.Login(ctx, "sara@example.dk", "wrong password!", "10.0.0.1", t0.Add(time.Duration(i)*time.Second))
		}
		_, err := s.Identity.Login(ctx, "sara@example.dk", "correct horse battery", "10.0.0.1", t0.Add(time.Minute))
		e, ok := models.AsError(err)
		if !ok || e.Kind != models.KindRateLimited || e.RetryAfterSeconds <= 0 {
			t.Fatalf("after %d failures: err = %v, want rate limited with a retry time", models.MaxFailuresPerEmailAndClient, err)
		}
		if _, err := s.Identity.Login(ctx, "sara@example.dk", "correct horse battery", "10.0.0.2", t0.Add(time.Minute)); err != nil {
			t.Fatalf("another address was locked out too: %v", err)
		}
		if _, err := s.Identity.Login(ctx, "sara@example.dk", "correct horse battery", "10.0.0.1", t0.Add(models.LoginWindow+time.Minute)); err != nil {
			t.Fatalf("after the window: %v", err)
		}
	})
}

func TestRefreshTokenRotatesAndReuseRevokesTheFamily(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newCaseworker(t, s, "sara@example.dk")
		first, family, err := s.Identity.IssueRefreshToken(ctx, u.ID, t0)
		if err != nil {
			t.Fatal(err)
		}
		_, second, next, err := s.Identity.RotateRefreshToken(ctx, first, t0.Add(time.Minute))
		if err != nil || next != family {
			t.Fatalf("first rotation: %v (family %q, want %q)", err, next, family)
		}
		if _, err := s.Identity.SessionUser(ctx, u.ID, family); err != nil {
			t.Fatalf("the session is not live: %v", err)
		}
		if _, _, _, err := s.Identity.RotateRefreshToken(ctx, first, t0.Add(2*time.Minute)); err == nil {
			t.Fatal("a spent token worked again")
		}
		if _, _, _, err := s.Identity.RotateRefreshToken(ctx, second, t0.Add(3*time.Minute)); err == nil {
			t.Fatal("the successor still works after its family was revoked by reuse")
		}
		if _, err := s.Identity.SessionUser(ctx, u.ID, family); !models.IsNotFound(err) {
			t.Fatalf("the revoked session still loads its user: %v", err)
		}
	})
}

func TestRefreshTokenExpires(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newCaseworker(t, s, "sara@example.dk")
		tok, _, _ := s.Identity.IssueRefreshToken(ctx, u.ID, t0)
		if _, _, _, err := s.Identity.RotateRefreshToken(ctx, tok, t0.Add(models.RefreshTokenLifetime)); err == nil {
			t.Fatal("an expired refresh token worked")
		}
	})
}

func TestInviteActivatesOnceAndExpires(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		cw := newCaseworker(t, s, "sara@example.dk")
		in := models.NewCitizen{Name: "Bo Borger", Email: "bo@example.dk", Locale: "da", FirstSickDay: "2026-02-16", Category: 2}
		_, inv, err := s.CreateCitizen(ctx, cw.ID, in, t0)
		if err != nil {
			t.Fatalf("create citizen: %v", err)
		}
		if _, err := s.Identity.Activate(ctx, inv.Code, "my own new password", "10.0.0.1", t0.Add(models.InviteLifetime)); err == nil {
			t.Fatal("an expired invite worked")
		}
		u, err := s.Identity.Activate(ctx, inv.Code, "my own new password", "10.0.0.1", t0.Add(time.Hour))
		if err != nil || u.Role != models.RoleCitizen {
			t.Fatalf("activate: %v", err)
		}
		if _, err := s.Identity.Activate(ctx, inv.Code, "another password!", "10.0.0.1", t0.Add(2*time.Hour)); err == nil {
			t.Fatal("an invite worked twice")
		}
		if _, err := s.Identity.Login(ctx, "bo@example.dk", "my own new password", "10.0.0.1", t0.Add(3*time.Hour)); err != nil {
			t.Fatalf("citizen login after activation: %v", err)
		}
	})
}

func TestWrongInviteCodesAreRateLimitedPerClient(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		cw := newCaseworker(t, s, "sara@example.dk")
		_, inv, err := s.CreateCitizen(ctx, cw.ID, models.NewCitizen{Name: "Bo Borger", Email: "bo@example.dk", Locale: "da", FirstSickDay: "2026-02-16", Category: 2}, t0)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < models.MaxActivationFailures; i++ {
			s.Identity.Activate(ctx, "AAAA-BBBB-CCCC", "my own new password", "10.0.0.9", t0)
		}
		_, err = s.Identity.Activate(ctx, inv.Code, "my own new password", "10.0.0.9", t0)
		if e, ok := models.AsError(err); !ok || e.Kind != models.KindRateLimited {
			t.Fatalf("after %d wrong codes: %v, want rate limited", models.MaxActivationFailures, err)
		}
		if _, err := s.Identity.Activate(ctx, inv.Code, "my own new password", "10.0.0.10", t0); err != nil {
			t.Fatalf("another client is not limited: %v", err)
		}
	})
}
