package main

import (
	"context"
	"testing"

	"trappen/models"
	"trappen/models/storetest"
)

// The citizen's sharing screen says who the employer contact is and what is
// never shared, starts with everything off, and saves the choice.
func TestBrowserCitizenChoosesWhatTheEmployerSees(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")
	code := s.registerCitizen("sara@example.dk", "Bo Jensen", "bo@example.dk")
	s.apiCall("POST", "/auth/activate", "", map[string]string{"invite_code": code, "password": "my own long password"}, nil)
	ctx := context.Background()
	cw, err := s.app.store.Identity.Login(ctx, "sara@example.dk", "a long enough password", "127.0.0.1", s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	bo, err := s.app.store.Identity.Login(ctx, "bo@example.dk", "my own long password", "127.0.0.1", s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.app.store.CreateEmployerContact(ctx, cw.ID, bo.ID, models.NewEmployerContact{Name: "Mette Leder", Email: "mette@bageri.dk"}, s.clock.Now()); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, phone)
	b.signIn(s, "bo@example.dk", "my own long password", "Bo Jensen")
	b.click(`main a[href="/mine-data"]`)
	b.click(`main a[href="/arbejdsgiver"]`)
	b.waitText("Din arbejdsgivers kontaktperson er Mette Leder (mette@bageri.dk).")
	b.waitText("Din arbejdsgiver ser aldrig dine check-ins")
	var checked int
	b.eval(`document.querySelectorAll('main input[type=checkbox]:checked').length`, &checked)
	if checked != 0 {
		t.Fatalf("%d parts shared before the citizen chose", checked)
	}
	b.checkScreen("the citizen's sharing screen")
	b.click(`#share-meetings`)
	b.click(`main form button[type=submit]`)
	b.waitText("Dit valg er gemt.")
	b.axe("the citizen's sharing screen after saving")
	sh, err := s.app.store.Sharing(ctx, bo.ID)
	if err != nil || !sh.Meetings || sh.Plan || sh.Agreements || sh.Placements {
		t.Fatalf("saved sharing %+v (%v), want meetings only", sh, err)
	}
}
