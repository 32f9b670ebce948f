package main

import (
	"strings"
	"testing"
	"time"

	"trappen/models/storetest"
)

// The roundtable's agreement and the caseworker's contact card, on both
// sides: Sara sets her phone and hours, writes down who does what at the
// roundtable and places Bo on the staircase at it; Bo (on a phone) sees his
// open items and Sara's card on I dag, the whole agreement by owner, ticks
// off his own item, and finds the card on the meeting, on the fast-track card
// and behind every "contact your caseworker".
func TestBrowserAgreementsAndTheContactCard(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	j := seedJourney(t, s, "da")
	base := "/citizens/" + j.citizenID

	b := newBrowser(t, desktop)
	b.signIn(s, "sara@example.dk", "a long enough password", "Mine borgere")

	// The contact card, from the link in the signed-in bar.
	b.click(`a[href="/sagsbehandler/kontakt"]`)
	b.waitText("Telefontid")
	b.fill("cp-phone", "33 66")
	b.click(`#cp-save`)
	b.waitText("Skriv et telefonnummer med 6 til 15 cifre")
	b.screen("the contact card form with an error")
	b.fill("cp-phone", "+45 33 66 33 66")
	b.fill("cp-contact_hours", "Man–tor kl. 9–12")
	b.click(`#cp-save`)
	b.waitText("Gemt. Dine borgere ser det nu.")
	b.screen("the contact card form")

	// Agreements on the citizen's page, grouped by owner.
	b.open(s.URL + "/sagsbehandler/borger/" + j.citizenID + "#agreements")
	b.waitText("Ny aftale")
	b.click(`#ag-save`)
	b.waitText("Skriv, hvad der skal gøres.")
	b.fill("ag-text", "Tale med lægen om skånehensyn")
	b.fill("ag-due_date", cwmDate(s, 7))
	b.selectValue("ag-meeting_id", j.meetingID)
	b.click(`#ag-save`)
	b.waitText("Aftalen er tilføjet under Borgeren.")
	b.waitJS("Bo's item in the list", `document.querySelectorAll('#agreements .agree-item').length === 1`)
	b.fill("ag-text", "Finde et stille skrivebord")
	b.click(`label[for="ag-owner-employer"]`)
	b.click(`#ag-save`)
	b.waitText("Aftalen er tilføjet under Arbejdsgiveren.")
	b.waitJS("both items in the list", `document.querySelectorAll('#agreements .agree-item').length === 2`)
	var groups []string
	b.eval(`[...document.querySelectorAll('#agreements h4')].map(h => h.textContent)`, &groups)
	if strings.Join(groups, "|") != "Borgeren|Arbejdsgiveren" {
		t.Fatalf("agreement groups = %q", groups)
	}
	b.screen("the agreements")
	b.click(`#agreements section[aria-labelledby="agree-owner-employer"] .agree-item button:nth-of-type(2)`)
	b.waitText("Ret aftalen")
	b.screen("editing an agreement")
	b.click(`#agreements .agree-edit button.button-secondary`)
	b.waitGone("Ret aftalen", waitTimeout)
	b.click(`#agreements section[aria-labelledby="agree-owner-employer"] .agree-item button:nth-of-type(1)`)
	b.waitText("Markeret som gjort: Finde et stille skrivebord")
	b.waitJS("the employer's item marked done", `[...document.querySelectorAll('#agreements .agree-item')].some(li => li.textContent.includes('Gjort'))`)

	// Bo's own placement, made at the roundtable, and the gap the API computes.
	b.click(`label[for="pl-party-citizen"]`)
	b.click(`label[for="pl-step-2"]`)
	b.selectValue("pl-meeting_id", j.meetingID)
	b.click(`#pl-save`)
	b.waitText("Gemt: Borgeren placerer borgeren på 2. Fysisk")
	b.click(`label[for="pl-party-employer"]`)
	b.click(`label[for="pl-step-4"]`)
	b.click(`#pl-save`)
	b.waitText("Gemt: Arbejdsgiveren placerer borgeren på 4. Samarbejde")
	b.waitText("Borger og arbejdsgiver er 2 trin fra hinanden")
	b.screen("the staircase with the citizen's own placement")

	// An employer's fast-track request, so I dag shows the fast-track card.
	s.apiCall("POST", base+"/fast-track", j.cwToken, map[string]any{"requested_by": "employer",
		"requested_at": s.clock.Now().Add(-time.Hour).Format(time.RFC3339), "expected_weeks": 12}, nil)

	// Bo on his phone.
	cb := newBrowser(t, phone)
	cb.signIn(s, j.email, j.password, "Dine timer i denne uge")
	cb.waitText("Dine aftaler")
	cb.waitText("Tale med lægen om skånehensyn")
	var today string
	cb.eval(`document.querySelector('main').innerText`, &today)
	if strings.Contains(today, "Finde et stille skrivebord") {
		t.Error("I dag shows only the citizen's own open items")
	}
	var cards []string
	cb.eval(`[...document.querySelectorAll('.contact-card')].map(c => c.innerText)`, &cards)
	if len(cards) != 2 {
		t.Fatalf("I dag shows the contact card on the fast-track card and on its own: %q", cards)
	}
	for _, c := range cards {
		for _, want := range []string{"Sara Holm", "+45 33 66 33 66", "Man–tor kl. 9–12", "sara@example.dk"} {
			if !strings.Contains(c, want) {
				t.Errorf("a contact card lacks %q: %q", want, c)
			}
		}
	}
	var tel string
	cb.eval(`document.querySelector('#kontakt a[href^="tel:"]').getAttribute('href')`, &tel)
	if tel != "tel:+4533663366" {
		t.Errorf("the phone link is %q", tel)
	}
	cb.checkScreen("I dag with agreements and the contact card")

	// Hvem gør hvad: all items by owner; only Bo's own has a checkbox.
	cb.click(`a[href="/aftaler"]`)
	cb.waitText("Hvem gør hvad")
	cb.waitText("Det gør din arbejdsgiver")
	var boxes int
	cb.eval(`document.querySelectorAll('main input[type=checkbox]').length`, &boxes)
	if boxes != 1 {
		t.Fatalf("%d checkboxes; only the citizen's own item can be ticked off", boxes)
	}
	cb.checkScreen("who does what")
	cb.click(`main .agree-item label`)
	cb.waitJS("the own item ticked off", `document.querySelector('main input[type=checkbox]').checked === true`)
	var mine struct {
		Items []struct{ Owner, Status string }
	}
	s.apiCall("GET", base+"/agreements", j.cwToken, nil, &mine)
	for _, a := range mine.Items {
		if a.Owner == "citizen" && a.Status != "done" {
			t.Fatalf("the tick did not reach the server: %+v", mine.Items)
		}
	}
	cb.checkScreen("who does what, ticked off")

	// "Kontakt din sagsbehandler" leads to the card.
	cb.click(`main a.contact-link`)
	cb.waitText("Har du spørgsmål")
	cb.waitText("+45 33 66 33 66")
	cb.checkScreen("the contact page")

	// The card on the meeting, too.
	cb.open(s.URL + "/moeder/" + j.meetingID)
	cb.waitText(j.location)
	cb.waitText("+45 33 66 33 66")
	cb.checkScreen("a meeting with the contact card")

	// Back on I dag, nothing of Bo's is open any more.
	cb.open(s.URL + "/")
	cb.waitText("Du har ingen åbne aftaler.")
}
