package main

import (
	"context"
	"testing"

	"trappen/models"
	"trappen/models/storetest"
)

// The manager signs in, lands on the employees they follow, opens one who
// shares agreements and placements (not the plan or the meetings), ticks off
// their own agreement item and places the employee on the staircase.
func TestBrowserEmployerFollowsAnEmployee(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	w := newEmployerWorld(t, s, true)
	ctx, now := w.ctx, w.now
	yes, no := true, false
	if _, err := s.app.store.SetSharing(ctx, w.boID, models.SharingInput{Plan: &no, Meetings: &no, Agreements: &yes, Placements: &yes}, now); err != nil {
		t.Fatal(err)
	}
	own, err := s.app.store.CreateAgreement(ctx, models.AsCaseworker(w.cwID, w.boID), models.NewAgreement{Text: "Finde et stille skrivebord", Owner: "employer"}, now)
	if err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, phone)
	b.signIn(s, "mette@bageri.dk", "the manager's password", "Mine medarbejdere")
	b.waitText("Bo Jensen")
	b.waitText("Sygemeldt i uge 4")
	b.checkScreen("the employer's list of employees")

	b.click(`main a[href="/arbejdsgiver/medarbejder/` + w.boID + `"]`)
	b.waitText("Det deler medarbejderen med dig")
	b.waitText("Ikke delt med dig: planen, møderne.")
	b.waitText("Du ser aldrig medarbejderens check-ins")
	b.waitText("Hvad kan I tilbyde? Opgaver, timer, tilpasninger.")
	b.checkScreen("the employer's view of one employee")

	b.click(`#agr-` + own.ID)
	b.waitText("Markeret som gjort.")
	items, err := s.app.store.Agreements(ctx, models.AsCitizen(w.boID), now)
	if err != nil || len(items) != 1 || items[0].Status != models.AgreementDone {
		t.Fatalf("agreements after the tick %+v (%v), want the employer's item done", items, err)
	}

	b.click(`#step-3`)
	b.click(`#staircase-form button[type=submit]`)
	b.waitText("Gemt: trin 3, Arbejdsopgaver.")
	b.waitText("Arbejdsgiveren: trin 3, Arbejdsopgaver")
	b.axe("the employer's view after placing the employee")

	// The API's refusal is shown as it says it, in Danish.
	b.fill("ft-weeks", "8")
	b.click(`#ft-form button[type=submit]`)
	b.waitText("Fast track kræver, at sygemeldingen ventes at vare mere end 8 uger.")
	b.fill("ft-weeks", "12")
	b.click(`#ft-form button[type=submit]`)
	b.waitText("Anmodningen er sendt. Medarbejderen har nu 2 dage til at svare.")
}

// The caseworker invites the employer's contact on the citizen's page, gets
// the code, link and QR code, sees the contact listed and ends the access
// after confirming.
func TestBrowserCaseworkerInvitesAndEndsAnEmployerContact(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")
	boCode := s.registerCitizen("sara@example.dk", "Bo Jensen", "bo@example.dk")
	s.apiCall("POST", "/auth/activate", "", map[string]string{"invite_code": boCode, "password": "my own long password"}, nil)
	ctx := context.Background()
	cw, err := s.app.store.Identity.Login(ctx, "sara@example.dk", "a long enough password", "127.0.0.1", s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	boUser, err := s.app.store.Identity.Login(ctx, "bo@example.dk", "my own long password", "127.0.0.1", s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	bo := boUser.ID

	b := newBrowser(t, desktop)
	b.signIn(s, "sara@example.dk", "a long enough password", "Mine borgere")
	b.open(s.URL + "/sagsbehandler/borger/" + bo)
	b.waitText("Ingen fra arbejdspladsen har adgang.")
	b.click(`#employer-contact-form button[type=submit]`)
	b.waitText("Skriv kontaktpersonens navn")
	b.fill("emp-name", "Mette Leder")
	b.fill("emp-email", "mette@bageri.dk")
	b.click(`#employer-contact-form button[type=submit]`)
	b.waitText("Invitation til Mette Leder")
	var code string
	b.eval(`document.querySelector('#employer-invite-code').textContent.trim()`, &code)
	var hasQR bool
	b.eval(`!!document.querySelector('#employer-contacts svg.cw-qr')`, &hasQR)
	if code == "" || !hasQR {
		t.Fatalf("invite code %q, QR code shown %v", code, hasQR)
	}
	b.waitText("Mette Leder (mette@bageri.dk) – inviteret, ikke aktiveret")
	b.axe("the caseworker's employer section with an invite")

	// The code works: the contact becomes an employer following Bo.
	if st := s.apiCall("POST", "/auth/activate", "", map[string]string{"invite_code": code, "password": "the manager's password"}, nil); st != 200 {
		t.Fatalf("activate with the shown code: %d", st)
	}
	b.open(s.URL + "/sagsbehandler/borger/" + bo)
	b.waitText("Mette Leder (mette@bageri.dk) – har adgang")
	b.click(`#employer-contacts li button`)
	b.waitText("Mette Leder mister straks adgangen til Bo Jensen. Er du sikker?")
	b.click(`#employer-contacts li button`)
	b.waitText("Mette Leder har ikke længere adgang.")
	b.waitText("Ingen fra arbejdspladsen har adgang.")
	items, err := s.app.store.EmployerContacts(ctx, cw.ID, bo, s.clock.Now())
	if err != nil || len(items) != 0 {
		t.Fatalf("contacts after ending %+v (%v), want none", items, err)
	}
}
