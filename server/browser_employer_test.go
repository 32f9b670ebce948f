package main

import (
	"context"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/storetest"
)

// The citizen's sharing screen says who the employer contact is and what is
// never shared, starts with everything off, and saves the choice.
func TestBrowserCitizenChoosesWhatTheEmployerSees(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	w := newEmployerWorld(t, s, false)

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
	sh, err := s.app.store.Sharing(w.ctx, w.boID)
	if err != nil || !sh.Meetings || sh.Plan || sh.Agreements || sh.Placements {
		t.Fatalf("saved sharing %+v (%v), want meetings only", sh, err)
	}
}

// employerWorld is the people of the employer browser tests: the
// caseworker Sara, her citizen Bo (activated) and Bo's manager Mette, an
// employer contact; Mette has activated with managerPassword when
// activated is true.
type employerWorld struct {
	ctx        context.Context
	now        time.Time
	cwID, boID string
	contact    *models.EmployerContactView
	managerID  string // "" until Mette has activated
}

const managerPassword = "the manager's password"

func newEmployerWorld(t *testing.T, s *testServer, activated bool) employerWorld {
	t.Helper()
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")
	code := s.registerCitizen("sara@example.dk", "Bo Jensen", "bo@example.dk")
	s.apiCall("POST", "/auth/activate", "", map[string]string{"invite_code": code, "password": "my own long password"}, nil)
	w := employerWorld{ctx: context.Background(), now: s.clock.Now()}
	login := func(email, password string) string {
		t.Helper()
		u, err := s.app.store.Identity.Login(w.ctx, email, password, "127.0.0.1", w.now)
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	w.cwID = login("sara@example.dk", "a long enough password")
	w.boID = login("bo@example.dk", "my own long password")
	var err error
	w.contact, err = s.app.store.CreateEmployerContact(w.ctx, w.cwID, w.boID, models.NewEmployerContact{Name: "Mette Leder", Email: "mette@bageri.dk"}, w.now)
	if err != nil || w.contact.InviteCode == nil {
		t.Fatalf("employer contact %+v: %v", w.contact, err)
	}
	if activated {
		s.apiCall("POST", "/auth/activate", "", map[string]string{"invite_code": *w.contact.InviteCode, "password": managerPassword}, nil)
		w.managerID = login("mette@bageri.dk", managerPassword)
	}
	return w
}
