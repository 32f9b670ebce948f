package main

import (
	"os"
	"path/filepath"

	"context"
	"fmt"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"strings"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/storetest"
)

// The caseworker's workspace (issue 5) in Chromium at desk and tablet sizes:
// register a citizen and hand over the invite, the citizen activates it, the
// caseworker writes a goal, builds a plan with the step-up helper, books a
// meeting, records staircase placements, reads the graphs, prints the
// roundtable summary and snoozes the citizen; the citizen then sees the reads
// in "Hvem har set mine oplysninger".
//
// The walk runs at desk size; the screens it made are then checked again at
// tablet size (axe and layout) without entering the data a second time.
func TestBrowserCaseworkerWorkspace(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")
	s.createCaseworker("ali@example.dk", "Ali Berg", "a long enough password")
	b := newBrowser(t, desktop)
	size := "desktop"
	shot := 0
	screen := func(name string) {
		t.Helper()
		name += " (" + size + ")"
		b.axe(name)
		b.checkLayout(name)
		shot++
		saveScreenshot(t, b, fmt.Sprintf("%s-%02d-%s", t.Name(), shot, name))
	}

	// Sign in: the caseload, empty.
	b.open(s.URL + "/login")
	b.fill("email", "sara@example.dk")
	b.fill("password", "a long enough password")
	b.click(`form button[type=submit]`)
	b.waitText("Du har ingen borgere endnu")
	screen("the empty caseload")

	// Register a citizen and hand over the invite.
	b.click(`a[href="/sagsbehandler/ny"]`)
	b.waitText("Første sygedag")
	screen("the new-citizen form")
	b.click(`form button[type=submit]`)
	b.waitText("Skriv borgerens navn")
	screen("the new-citizen form with errors")
	firstSickDay := models.CopenhagenDate(s.clock.Now()).AddDate(0, 0, -20).Format(models.DateLayout)
	b.fill("new-name", "Bo Jensen")
	b.fill("new-email", "bo@example.dk")
	b.fill("new-first_sick_day", firstSickDay)
	b.click(`label[for="new-category-2"]`)
	b.fill("new-expected_weeks", "12")
	b.fill("new-employer_name", "Byens Bageri")
	b.click(`form button[type=submit]`)
	b.waitText("Invitation til Bo Jensen")
	screen("the invite hand-over")
	var code, link string
	var qrModules int
	b.eval(`document.getElementById('invite-code').textContent.trim()`, &code)
	b.eval(`document.getElementById('invite-link').href`, &link)
	b.eval(`(document.querySelector('svg.cw-qr path[d]')?.getAttribute('d').match(/h1v1/g) || []).length`, &qrModules)
	if code == "" || !strings.Contains(link, "/aktiver?kode=") || qrModules < 100 {
		t.Fatalf("invite: code %q, link %q, %d QR modules", code, link, qrModules)
	}

	// The citizen activates with the link, in a browser of their own.
	cb := newBrowser(t, phone)
	cb.open(link)
	var prefilled string
	// The page asks which sign-in methods there are before it shows the form.
	cb.waitJS("the activation form", `document.getElementById('invite_code')`)
	cb.eval(`document.getElementById('invite_code').value`, &prefilled)
	if prefilled != code {
		t.Fatalf("activation page prefilled %q, want %q", prefilled, code)
	}
	cb.fill("password", "bo's own long password")
	cb.fill("password_repeat", "bo's own long password")
	cb.click(`form button[type=submit]`)
	cb.waitText("Bo Jensen")

	// The citizen's page.
	b.click(`a[href^="/sagsbehandler/borger/"]`)
	b.waitText("Venter på dig")
	var path string
	b.eval(`location.pathname`, &path)
	citizenID := strings.TrimPrefix(path, "/sagsbehandler/borger/")
	screen("the citizen's page")

	// A goal: the vague-goal hint shows while typing, and goes with a date.
	b.click(`#goal-add-overall`)
	b.fill("g-new-title", "Blive rask")
	b.waitText("Målet er lidt uklart")
	b.fill("g-new-title", "Tilbage i mit job på fuld tid inden 1. juni")
	b.click(`#goals form button[type=submit]`)
	b.waitText("Tilføj delmål")

	// The plan: one week by hand, two more with the step-up helper (+25 %).
	b.click(`#plan-add-week`)
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri"} {
		b.fill("plan-0-"+d, "2")
	}
	b.fill("plan-count", "2")
	b.fill("plan-amount", "25")
	b.click(`#plan-step-up`)
	b.waitText("Der er trappet op")
	var totals []string
	b.eval(`[0,1,2].map(i => document.getElementById('plan-'+i+'-total')?.textContent)`, &totals)
	if strings.Join(totals, "|") != "10|12,5|16,25" {
		t.Fatalf("stepped-up weekly totals: %q, want 10|12,5|16,25", totals)
	}
	b.click(`#plan-save`)
	b.waitText("Planen er gemt som version 1")
	// The page reloads the citizen: wait for it, not just for the save.
	b.waitText("Version 1, gemt")
	screen("the citizen's page with a plan")

	// A roundtable tomorrow at 10:00 Copenhagen time.
	b.click(`#meeting-book`)
	tomorrow := models.CopenhagenDate(s.clock.Now()).AddDate(0, 0, 1).Format(models.DateLayout)
	b.fill("mt-new-starts_at", tomorrow+"T10:00")
	b.fill("mt-new-location", "Byens Bageri, Torvet 1")
	b.fill("mt-new-participants", "Bo Jensen\nLene (leder)")
	b.click(`#meetings form button[type=submit]`)
	b.waitText("Mødet er booket")
	b.waitText(", 10.00")
	// ", 10.00" is in the message too: the meeting's card comes with the reload.
	b.waitJS("the meeting's card", `[...document.querySelectorAll('#meetings article h4')].some(h => h.textContent.includes('10.00'))`)
	screen("the citizen's page with a meeting")

	// Staircase placements: the employer on step 4, the jobcenter on step 3.
	b.click(`label[for="pl-step-4"]`)
	b.click(`#pl-save`)
	b.waitText("Gemt: Arbejdsgiveren placerer borgeren på 4. Samarbejde")
	b.waitJS("the placement in the table", `document.querySelectorAll('#placements-table tbody tr').length === 1`)
	b.click(`label[for="pl-party-jobcenter"]`)
	b.click(`label[for="pl-step-3"]`)
	b.click(`#pl-save`)
	b.waitText("Gemt: Jobcentret placerer borgeren på 3. Arbejdsopgaver")
	b.waitJS("both placements in the table", `document.querySelectorAll('#placements-table tbody tr').length === 2`)

	// The citizen's own check-in (seeded) puts them on step 2.
	seedCheckin(t, s, citizenID)
	b.open(s.URL + path)
	b.waitText("Borger og arbejdsgiver er 2 trin fra hinanden")
	var charts int
	// The gap sentence comes with the page; the charts with their own chunk.
	b.waitJS("the progression's charts", `document.querySelectorAll('#progression svg.chart-svg').length >= 4`)
	b.eval(`document.querySelectorAll('#progression svg.chart-svg').length`, &charts)
	if charts < 4 {
		t.Fatalf("the progression shows %d charts, want 4 (staircase, goal, hours, wellbeing)", charts)
	}
	var tables string
	b.eval(`[...document.querySelectorAll('#progression .chart-table')].map(d => d.textContent).join(' | ')`, &tables)
	for _, want := range []string{"Arbejdsgiveren", "4 Samarbejde", "3 Arbejdsopgaver", "2 Fysisk", "Planlagt", "16,25", "7"} {
		if !strings.Contains(tables, want) {
			t.Errorf("the graphs' tables lack %q: %s", want, tables)
		}
	}
	screen("the citizen's page with graphs")

	// The one-page print for the roundtable table.
	b.open(s.URL + path + "/print")
	b.waitText("Til mødebordet: Bo Jensen")
	b.waitText("Byens Bageri, Torvet 1")
	b.waitText("Borger og arbejdsgiver er 2 trin fra hinanden") // the progression, loaded on its own
	screen("the printable summary")

	// Snooze from the caseload.
	b.open(s.URL + "/sagsbehandler")
	b.waitText("Bo Jensen")
	screen("the caseload")
	b.click(`.cw-caseload button`)
	b.waitText("Sæt Bo Jensen på pause")
	b.fill("snooze-reason", "Ferie")
	b.axe("the snooze dialog")
	b.click(`dialog form button[type=submit]`)
	b.waitText("er sat på pause til")
	b.waitText("På pause til")

	// The citizen sees who has read their data.
	cb.open(s.URL + "/adgang")
	cb.waitText("Sara Holm så")
	cb.waitText("din side med mål, plan og møder")
	cb.axe("the access log")
	cb.checkLayout("the access log")

	// The same screens on a tablet.
	size = "tablet"
	b.run(emulation.SetDeviceMetricsOverride(tablet[0], tablet[1], 1, false))
	b.open(s.URL + "/sagsbehandler")
	b.waitText("På pause til")
	screen("the caseload")
	b.open(s.URL + "/sagsbehandler/ny")
	b.waitText("Første sygedag")
	screen("the new-citizen form")
	b.open(s.URL + path)
	b.waitText("Version 1, gemt")
	b.waitJS("the meeting's card", `[...document.querySelectorAll('#meetings article h4')].some(h => h.textContent.includes('10.00'))`)
	b.waitJS("the progression's charts", `document.querySelectorAll('#progression svg.chart-svg').length >= 4`)
	screen("the citizen's page with graphs")
	b.open(s.URL + path + "/print")
	b.waitText("Borger og arbejdsgiver er 2 trin fra hinanden")
	screen("the printable summary")
}

// seedCheckin records the citizen's check-in with a score for their goal,
// staircase step 2, wellbeing 7 and 9 hours worked.
func seedCheckin(t *testing.T, s *testServer, citizenID string) {
	t.Helper()
	ctx := context.Background()
	goals, err := s.app.store.Goals(ctx, models.AsCitizen(citizenID))
	if err != nil || len(goals) == 0 {
		t.Fatalf("goals of %s: %v (%d)", citizenID, err, len(goals))
	}
	step, wellbeing, hours := 2, 7, 9.0
	_, _, err = s.app.store.RecordCheckin(ctx, citizenID, models.NewCheckin{
		ID: models.NewID(), RecordedAt: s.clock.Now().Add(-time.Hour),
		GoalScores:    []models.GoalScore{{GoalID: goals[0].ID, Score: 6}},
		StaircaseStep: &step, Wellbeing: &wellbeing, HoursWorked: &hours,
	}, s.clock.Now())
	if err != nil {
		t.Fatal(fmt.Errorf("seed check-in: %w", err))
	}
}

// saveScreenshot writes a full-page PNG into $TRAPPEN_SCREENSHOTS, if set, so
// a person can look at the screens the test walked through.
func saveScreenshot(t *testing.T, b *browser, name string) {
	dir := os.Getenv("TRAPPEN_SCREENSHOTS")
	if dir == "" {
		return
	}
	var buf []byte
	b.run(chromedp.FullScreenshot(&buf, 100))
	name = strings.NewReplacer("/", "-", " ", "-", "'", "").Replace(name)
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Log(err)
	}
}
