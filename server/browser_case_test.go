package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/storetest"
)

// The citizen's "Mit forløb" (issue 8) on a phone: the first-run welcome,
// dismissed and remembered; the way back with its dates, what each meeting is
// for and who may come along; recording the doctor's consultation.
func TestBrowserCitizenSeesTheWayBack(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	j := seedJourney(t, s, "da")
	// The citizen asked for fast track themself an hour ago: accepted, so the
	// doctor's consultation is on the timeline.
	s.apiCall("POST", "/citizens/"+j.citizenID+"/fast-track", j.cwToken, map[string]any{"requested_by": "citizen",
		"requested_at": s.clock.Now().Add(-time.Hour).Format(time.RFC3339), "expected_weeks": 12}, nil)
	b := newBrowser(t, phone)

	b.signIn(s, j.email, j.password, "Velkommen til Trappen")
	for _, want := range []string{"Hvad er Trappen?", "Hvem ser hvad?", "Hvad sker der nu?"} {
		b.waitText(want)
	}
	b.checkScreen("I dag with the welcome")
	b.click("#welcome-dismiss")
	b.waitGone("Velkommen til Trappen", 0)
	b.open(s.URL + "/")
	b.waitText("Dine timer i denne uge")
	var shown bool
	b.eval(`!!document.getElementById('welcome')`, &shown)
	if shown {
		t.Fatal("the dismissed welcome came back")
	}

	b.click("#today-case-link")
	b.waitText("Mit forløb")
	for _, want := range []string{"Du er i uge 4 af dit forløb", "Din første samtale med jobcentret", "En samtale med din egen læge",
		"Revurdering af din sygedagpenge", "bisidder", "tillidsrepræsentant", "Møderne på vejen"} {
		b.waitText(want)
	}
	b.checkScreen("Mit forløb")
	b.click("#doctor-done")
	b.waitGone("Jeg har talt med min læge", 0)
	b.waitText("Klaret")
	b.checkScreen("Mit forløb after the doctor")
	items, err := s.app.store.TimelineOf(context.Background(), models.AsCitizen(j.citizenID), s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if it := models.TimelineItemByKey(items, models.TimelineDoctorConsultation); it == nil || it.Status != models.TimelineDone {
		t.Fatalf("doctor's consultation after the click: %+v", it)
	}
}

// The caseworker changes the case, closes it, finds it on the closed list
// and deletes it (issue 8), on a desk screen, with axe at every step.
func TestBrowserCaseworkerEditsClosesAndDeletesACase(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	j := seedJourney(t, s, "da")
	b := newBrowser(t, desktop)
	b.open(s.URL + "/login")
	b.fill("email", "sara@example.dk")
	b.fill("password", "a long enough password")
	b.click(`form button[type=submit]`)
	b.waitText("Bo Jensen")
	b.click(fmt.Sprintf(`a[href="/sagsbehandler/borger/%s"]`, j.citizenID))
	b.waitText("Lovens frister")
	b.waitText("Første opfølgningssamtale")
	b.checkScreen("the citizen page with the timeline")

	// Change the category and the employment; the history keeps both categories.
	b.selectValue("case-category", "3")
	b.selectValue("case-employment", "unemployed")
	b.click("#case-save")
	b.waitText("Ændringerne er gemt.")
	b.waitText("Kategori 3 fra")
	b.checkScreen("the case editor after saving")
	c, err := s.app.store.CitizenOf(context.Background(), mustCaseworkerID(t, s), j.citizenID)
	if err != nil || c.Category != 3 || c.Employment != models.Unemployed {
		t.Fatalf("after saving: %+v %v", c, err)
	}

	// Close, with a confirmation.
	b.selectValue("close-reason", "returned_to_work")
	b.click("#close-submit")
	b.waitText("Tryk igen for at bekræfte")
	b.checkScreen("closing: confirm")
	b.click("#close-submit")
	b.waitText("Forløbet blev afsluttet")
	b.checkScreen("a closed case")

	// The closed list.
	b.open(s.URL + "/sagsbehandler")
	b.waitText("Åbne forløb")
	b.selectValue("caseload-status", "closed")
	b.waitText("Bo Jensen")
	b.checkScreen("the closed list")

	// Delete, with a confirmation: back on the caseload, and gone.
	b.click(fmt.Sprintf(`a[href="/sagsbehandler/borger/%s"]`, j.citizenID))
	b.waitText("Slet alt om borgeren nu")
	b.click("#case-delete")
	b.waitText("slettes for altid")
	b.checkScreen("deleting: confirm")
	b.click("#case-delete")
	b.waitText("Åbne forløb")
	if _, err := s.app.store.CitizenByID(context.Background(), j.citizenID); !models.IsNotFound(err) {
		t.Fatalf("the deleted citizen is still there: %v", err)
	}
}

// The caseload holds a real day's work: 37 citizens, searchable by name,
// with no column clipped at 1280 px or at 768 px.
func TestBrowserCaseloadHoldsADaysWork(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")
	for i := 0; i < 37; i++ {
		s.registerCitizen("sara@example.dk", fmt.Sprintf("Borger Nummer %02d Med Et Langt Efternavn", i), fmt.Sprintf("b%02d@example.dk", i))
	}
	for _, size := range [][2]int64{desktop, {768, 1024}} {
		t.Run(fmt.Sprintf("%dpx", size[0]), func(t *testing.T) {
			b := newBrowser(t, size)
			b.open(s.URL + "/login")
			b.fill("email", "sara@example.dk")
			b.fill("password", "a long enough password")
			b.click(`form button[type=submit]`)
			b.waitText("37 borgere")
			b.checkScreen("the caseload")
			var clipped bool
			b.eval(`(() => { const s = document.querySelector('.cw-scroll'); return s.scrollWidth > s.clientWidth + 1 })()`, &clipped)
			if clipped {
				t.Errorf("the caseload table is wider than the screen at %d px", size[0])
			}
			b.fill("caseload-search", "nummer 07")
			b.waitText("1 borger")
			b.waitGone("Borger Nummer 08", 0)
			b.checkScreen("the caseload searched")
		})
	}
}

func mustCaseworkerID(t *testing.T, s *testServer) string {
	t.Helper()
	u, err := s.app.store.Identity.Login(context.Background(), "sara@example.dk", "a long enough password", "127.0.0.1", s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}
