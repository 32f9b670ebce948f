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
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")
	code := s.registerCitizen("sara@example.dk", "Bo Jensen", "bo@example.dk")
	s.apiCall("POST", "/auth/activate", "", map[string]string{"invite_code": code, "password": "my own long password"}, nil)
	ctx := context.Background()
	now := s.clock.Now()
	cw, err := s.app.store.Identity.Login(ctx, "sara@example.dk", "a long enough password", "127.0.0.1", now)
	if err != nil {
		t.Fatal(err)
	}
	bo, err := s.app.store.Identity.Login(ctx, "bo@example.dk", "my own long password", "127.0.0.1", now)
	if err != nil {
		t.Fatal(err)
	}
	contact, err := s.app.store.CreateEmployerContact(ctx, cw.ID, bo.ID, models.NewEmployerContact{Name: "Mette Leder", Email: "mette@bageri.dk"}, now)
	if err != nil || contact.InviteCode == nil {
		t.Fatalf("employer contact %+v: %v", contact, err)
	}
	s.apiCall("POST", "/auth/activate", "", map[string]string{"invite_code": *contact.InviteCode, "password": "the manager's password"}, nil)
	yes, no := true, false
	if _, err := s.app.store.SetSharing(ctx, bo.ID, models.SharingInput{Plan: &no, Meetings: &no, Agreements: &yes, Placements: &yes}, now); err != nil {
		t.Fatal(err)
	}
	own, err := s.app.store.CreateAgreement(ctx, models.AsCaseworker(cw.ID, bo.ID), models.NewAgreement{Text: "Finde et stille skrivebord", Owner: "employer"}, now)
	if err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, phone)
	b.signIn(s, "mette@bageri.dk", "the manager's password", "Mine medarbejdere")
	b.waitText("Bo Jensen")
	b.waitText("Sygemeldt i uge 4")
	b.checkScreen("the employer's list of employees")

	b.click(`main a[href="/arbejdsgiver/medarbejder/` + bo.ID + `"]`)
	b.waitText("Det deler medarbejderen med dig")
	b.waitText("Ikke delt med dig: planen, møderne.")
	b.waitText("Du ser aldrig medarbejderens check-ins")
	b.waitText("Hvad kan I tilbyde? Opgaver, timer, tilpasninger.")
	b.checkScreen("the employer's view of one employee")

	b.click(`#agr-` + own.ID)
	b.waitText("Markeret som gjort.")
	items, err := s.app.store.Agreements(ctx, models.AsCitizen(bo.ID), now)
	if err != nil || len(items) != 1 || items[0].Status != models.AgreementDone {
		t.Fatalf("agreements after the tick %+v (%v), want the employer's item done", items, err)
	}

	b.click(`#step-3`)
	b.click(`#staircase-form button[type=submit]`)
	b.waitText("Gemt: trin 3, Arbejdsopgaver.")
	b.waitText("Arbejdsgiveren: trin 3, Arbejdsopgaver")
	b.axe("the employer's view after placing the employee")
}
