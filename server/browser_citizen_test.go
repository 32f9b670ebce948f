package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"trappen/models"
	"trappen/models/storetest"
)

// journey is a citizen seeded through the API the way a caseworker would:
// an overall goal with a sub-goal, a plan covering this week and an upcoming
// roundtable.
type journey struct {
	citizenID, email, password string
	goalID, subGoalID          string
	meetingID                  string
	cwToken                    string
	location                   string
}

// apiCall sends a JSON request to the running server and decodes the answer.
func (s *testServer) apiCall(method, path, token string, body, out any) int {
	s.t.Helper()
	var buf bytes.Buffer
	if body != nil {
		json.NewEncoder(&buf).Encode(body)
	}
	req, _ := http.NewRequest(method, s.URL+"/api/v1"+path, &buf)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 {
		var e map[string]any
		json.NewDecoder(res.Body).Decode(&e)
		s.t.Fatalf("%s %s: %d %v", method, path, res.StatusCode, e)
	}
	if out != nil {
		json.NewDecoder(res.Body).Decode(out)
	}
	return res.StatusCode
}

func seedJourney(t *testing.T, s *testServer, locale string) journey {
	t.Helper()
	j := journey{email: "bo@example.dk", password: "my own long password", location: "Byens Bageri, Torvet 1"}
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")
	var login struct {
		AccessToken string              `json:"access_token"`
		User        struct{ ID string } `json:"user"`
	}
	s.apiCall("POST", "/auth/login", "", map[string]string{"email": "sara@example.dk", "password": "a long enough password"}, &login)
	j.cwToken = login.AccessToken

	now := s.clock.Now()
	first := models.CopenhagenDate(now).AddDate(0, 0, -21).Format(models.DateLayout)
	var created struct {
		ID         string `json:"id"`
		InviteCode string `json:"invite_code"`
	}
	s.apiCall("POST", "/citizens", j.cwToken, map[string]any{"name": "Bo Jensen", "email": j.email, "locale": locale,
		"first_sick_day": first, "category": 2, "expected_weeks": 12, "employer_name": "Byens Bageri"}, &created)
	j.citizenID = created.ID
	s.apiCall("POST", "/auth/activate", "", map[string]string{"invite_code": created.InviteCode, "password": j.password}, nil)

	var goal, sub struct{ ID string }
	base := "/citizens/" + j.citizenID
	s.apiCall("POST", base+"/goals", j.cwToken, map[string]any{"title": "Tilbage i mit job som bager, 30 timer om ugen inden 1. juni"}, &goal)
	s.apiCall("POST", base+"/goals", j.cwToken, map[string]any{"title": "Få styr på min uro", "parent_id": goal.ID,
		"activities": []string{"Samtaler med psykolog", "Stresskursus"}}, &sub)
	j.goalID, j.subGoalID = goal.ID, sub.ID

	monday := models.WeekStart(now)
	week := func(d time.Time, h float64) map[string]any {
		return map[string]any{"week_start": d.Format(models.DateLayout),
			"hours": map[string]float64{"mon": h, "tue": 0, "wed": h, "thu": 0, "fri": h}}
	}
	s.apiCall("PUT", base+"/plan", j.cwToken, map[string]any{
		"weeks":         []any{week(monday.AddDate(0, 0, -7), 2), week(monday, 3), week(monday.AddDate(0, 0, 7), 4)},
		"allowed_tasks": []string{"Bage brød om morgenen"}, "avoid_tasks": []string{"Kundekontakt i butikken"},
		"mixing_desk": map[string]int{"hours": 2, "physical": 3, "tasks": 2, "responsibility": 1, "predictability": 4, "intensity": 2},
	}, nil)

	var meeting struct{ ID string }
	day := models.CopenhagenDate(now).AddDate(0, 0, 3)
	startsAt := time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, models.Copenhagen).Format(time.RFC3339)
	s.apiCall("POST", base+"/meetings", j.cwToken, map[string]any{"kind": "roundtable", "starts_at": startsAt,
		"location": j.location, "participants": []string{"Bo Jensen", "Sara Holm", "Mette (leder)"}}, &meeting)
	j.meetingID = meeting.ID
	return j
}

// signIn signs the citizen in on the login page and waits for I dag.
func (b *browser) signIn(s *testServer, email, password, expect string) {
	b.t.Helper()
	b.open(s.URL + "/login")
	b.fill("email", email)
	b.fill("password", password)
	b.click(`form button[type=submit]`)
	b.waitText(expect)
}

// checkScreen runs axe and the layout checks on the current screen.
func (b *browser) checkScreen(name string) {
	b.t.Helper()
	b.axe(name)
	b.checkLayout(name)
}

// nav follows one of the citizen's navigation links and waits for the heading.
func (b *browser) nav(href, heading string) {
	b.t.Helper()
	b.click(fmt.Sprintf(`nav.citizen-nav a[href=%q]`, href))
	b.waitText(heading)
}

// waitGone waits until the page no longer shows text (at least waitTimeout).
func (b *browser) waitGone(text string, within time.Duration) {
	b.t.Helper()
	if !b.waitFor(fmt.Sprintf(`!document.body.innerText.includes(%q)`, text), max(within, waitTimeout)) {
		b.t.Fatalf("page still shows %q:\n%s", text, b.textNoFail())
	}
}

func TestBrowserCitizenJourneyOnline(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	j := seedJourney(t, s, "da")
	b := newBrowser(t, phone)

	// I dag: this week's hours, the next meeting, the goals, the week of sickness.
	b.signIn(s, j.email, j.password, "Dine timer i denne uge")
	for _, want := range []string{"9 timer", "Rundbordssamtale", "kl. 10.00", j.location, "Tilbage i mit job som bager",
		"Få styr på min uro", "Du er i uge 4 af din sygemelding", "Forbered dig til mødet", "Fortæl, hvordan din uge er gået"} {
		b.waitText(want)
	}
	b.checkScreen("I dag")

	// Check-in: defaults filled in, a few changes, send; measure the submit.
	b.nav("/checkin", "Hvor på trappen er du nu?")
	b.waitJS("the check-in's goal sliders", fmt.Sprintf(`document.getElementById(%q) && document.getElementById(%q)`, "score-"+j.goalID, "score-"+j.subGoalID))
	b.checkScreen("check-in")
	b.fill("score-"+j.goalID, "6")
	b.fill("score-"+j.subGoalID, "4")
	b.click(`label[for="step-3"]`)
	b.fill("hours_worked", "8,5")
	start := time.Now()
	b.click(`.checkin-form button[type=submit]`)
	b.waitText("Din check-in er sendt")
	t.Logf("check-in submit to confirmation (online): %v", time.Since(start))
	b.checkScreen("check-in sent")
	checkins, err := s.app.store.Checkins(context.Background(), models.AsCitizen(j.citizenID))
	if err != nil || len(checkins) != 1 || *checkins[0].HoursWorked != 8.5 || *checkins[0].StaircaseStep != 3 {
		t.Fatalf("check-ins after sending: %+v, %v", checkins, err)
	}
	if c := checkins[0]; c.Wellbeing != nil || len(c.GoalScores) != 2 {
		t.Errorf("stored %+v; want both goals and no wellbeing (the citizen did not touch it)", c)
	}

	// Møder: reply, then the reflection, shared with the caseworker.
	b.nav("/moeder", "Kommende møder")
	b.checkScreen("Møder")
	b.click(fmt.Sprintf(`a[href="/moeder/%s"]`, j.meetingID))
	b.waitText("Hvilken situation kommer du fra?")
	b.checkScreen("a meeting")
	b.click(`label[for="response-attending"]`)
	b.click(`.meeting-reply button[type=submit]`)
	b.waitText("Gemt og sendt.")
	b.fill("came_from", "Jeg har været sygemeldt med stress i tre uger.")
	b.fill("heading_to", "Tilbage til bageriet, først om morgenen.")
	b.fill("proposal", "Tre korte vagte om ugen uden butikken.")
	b.click(`.reflection button[type=submit]`)
	b.waitText("Gemt – kun du kan se det.")
	b.click(`#share`)
	b.waitText("Din arbejdsgiver kan ikke se dem")
	b.checkScreen("sharing the reflection, asked to confirm")
	b.click(`#share-confirm`)
	b.waitText("Gemt og delt med")
	var lists struct {
		Upcoming []struct {
			Reply      *struct{ Response string } `json:"reply"`
			Reflection *struct {
				CameFrom string `json:"came_from"`
				Shared   bool   `json:"shared"`
			} `json:"reflection"`
		} `json:"upcoming"`
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.apiCall("GET", "/citizens/"+j.citizenID+"/meetings", j.cwToken, nil, &lists)
		if len(lists.Upcoming) == 1 && lists.Upcoming[0].Reflection != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the caseworker never saw the shared reflection")
		}
		time.Sleep(200 * time.Millisecond)
	}
	if m := lists.Upcoming[0]; !m.Reflection.Shared || !strings.Contains(m.Reflection.CameFrom, "stress") || m.Reply == nil || m.Reply.Response != "attending" {
		t.Errorf("the caseworker sees %+v", m)
	}
	b.checkScreen("a meeting after replying")
	// The caseworker has read it (above): the citizen sees when.
	b.open(s.URL + "/moeder/" + j.meetingID + "/forberedelse")
	b.waitText("Læst af")

	// Min plan and Mine mål: readable on a phone, accessible, graphs with tables.
	b.nav("/plan", "Uge for uge")
	for _, want := range []string{"Denne uge", "Bage brød om morgenen", "Kundekontakt i butikken", "Mixerpulten", "Kan du genkende dig selv i planen?"} {
		b.waitText(want)
	}
	b.click(`label[for="recognises-partly"]`)
	b.click(`.plan-feedback button[type=submit]`)
	b.waitText("Gemt og sendt.")
	b.checkScreen("Min plan")

	b.nav("/maal", "Sådan går det")
	for _, want := range []string{"Samtaler med psykolog", "Timer pr. uge: planlagt og arbejdet", "Trappen: hvor du er"} {
		b.waitText(want)
	}
	// Goals, hours and the staircase have answers; wellbeing was left
	// untouched, so its graph says so instead of drawing a made-up point.
	var charts, tables int
	b.waitJS("three charts, each with its table", `(n => n >= 3 && document.querySelectorAll('.chart-table table').length === n)(document.querySelectorAll('svg.chart-svg[role=img]').length)`)
	b.eval(`document.querySelectorAll('svg.chart-svg[role=img]').length`, &charts)
	b.eval(`document.querySelectorAll('.chart-table table').length`, &tables)
	if charts != 3 || tables != charts {
		t.Errorf("goals screen has %d charts and %d tables; want 3, each with a table", charts, tables)
	}
	for _, want := range []string{"Du har ikke svaret på, hvordan du har det, endnu.", "Ét svar indtil nu: trin 3.", "Ét svar indtil nu: 6 ud af 10."} {
		b.waitText(want)
	}
	b.checkScreen("Mine mål og fremskridt")
}

func TestBrowserCitizenJourneyOffline(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	j := seedJourney(t, s, "da")
	b := newBrowser(t, phone)
	b.signIn(s, j.email, j.password, "Dine timer i denne uge")
	b.waitText("9 timer")
	b.nav("/checkin", "Hvor på trappen er du nu?") // caches the check-in screen's data
	b.waitJS("the check-in form", `document.getElementById('hours_worked')`)
	b.nav("/", "Dine timer i denne uge")
	b.waitText("9 timer")
	b.waitServiceWorker()

	// Offline: the app opens on the citizen's screens with what it fetched.
	s.Stop()
	b.open(s.URL + "/")
	// "… vi hentede kl. 14.05." – or, fetched just before midnight,
	// "… vi hentede 3. marts kl. 23.59.": the time shows either way.
	b.waitJS("the offline notice with the time fetched", `/Du er offline\. Du ser det, vi hentede (.+ )?kl\. \d{1,2}[.:]\d{2}/.test(document.body.innerText)`)
	for _, want := range []string{"9 timer", "Rundbordssamtale", j.location, "Tilbage i mit job som bager"} {
		b.waitText(want)
	}
	b.checkScreen("I dag offline")

	// A check-in made offline waits in the outbox, also across a reload.
	b.nav("/checkin", "Hvor på trappen er du nu?")
	b.waitText("Du er offline.")
	b.fill("hours_worked", "5")
	start := time.Now()
	b.click(`.checkin-form button[type=submit]`)
	b.waitText("Din check-in er gemt på telefonen")
	t.Logf("check-in submit to confirmation (offline): %v", time.Since(start))
	b.waitText("1 registrering venter på at blive sendt")
	b.checkScreen("check-in saved offline")
	b.open(s.URL + "/")
	b.waitText("1 registrering venter på at blive sendt")
	b.waitText("Du er offline.")

	// Back online: it arrives once, and the app says nothing waits.
	b.backOnline(s)
	b.waitGone("registrering venter", 20*time.Second)
	b.waitGone("Du er offline", 10*time.Second)
	b.open(s.URL + "/") // a fresh start must not send it again
	b.waitText("Dine timer i denne uge")
	// The start's fresh fetch has answered (so nothing writes the cache
	// after the sign-out below) and the device's outbox is empty.
	b.waitJS("the start's fetch of /me/home", `performance.getEntriesByType('resource').some(e => e.name.endsWith('/api/v1/me/home'))`)
	b.waitJS("an empty outbox on the device", `new Promise(r => { const o = indexedDB.open('trappen-outbox'); o.onsuccess = () => { try {
		const c = o.result.transaction('items').objectStore('items').count(); c.onsuccess = () => r(c.result === 0); c.onerror = () => r(false);
		} catch (e) { r(false) } }; o.onerror = () => r(false); })`)
	time.Sleep(time.Second) // a grace period in which a second send would arrive: the check is that none does
	checkins, err := s.app.store.Checkins(context.Background(), models.AsCitizen(j.citizenID))
	if err != nil {
		t.Fatal(err)
	}
	if len(checkins) != 1 || checkins[0].HoursWorked == nil || *checkins[0].HoursWorked != 5 {
		t.Fatalf("after coming back online the store holds %d check-ins (%+v); want exactly the offline one", len(checkins), checkins)
	}

	// Signing out forgets the cached data on this device.
	b.click(`.signed-in-bar button.sign-out`)
	b.waitText("Log ind")
	var left int
	b.eval(`new Promise(r => { const o = indexedDB.open('trappen-data'); o.onsuccess = () => {
		const c = o.result.transaction('kv').objectStore('kv').count(); c.onsuccess = () => r(c.result); }; })`, &left)
	if left != 0 {
		t.Errorf("%d cached entries are left on the device after signing out", left)
	}
}

// On a bad mobile connection that neither answers nor fails ("lie-fi") the
// app gives up waiting after a few seconds and opens on what it fetched,
// rather than showing a blank page for minutes; it comes back by itself.
func TestBrowserCitizenOnLieFi(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	j := seedJourney(t, s, "da")
	b := newBrowser(t, phone)
	b.signIn(s, j.email, j.password, "Dine timer i denne uge")
	b.waitText("9 timer")
	b.waitServiceWorker()

	s.Hang()
	start := time.Now()
	// The page answers from the service worker's copy after its wait; the
	// navigation must not hang however long the connection does.
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	err := chromedp.Run(ctx, chromedp.Navigate(s.URL+"/"))
	cancel()
	if err != nil {
		t.Fatalf("opening the app on lie-fi: %v after %v; the page shows:\n%s", err, time.Since(start), b.textNoFail())
	}
	b.waitJS("the app", `document.querySelector('#app main h1')`)
	b.waitJS("the offline notice", `/Du er offline\. Du ser det, vi hentede/.test(document.body.innerText)`)
	t.Logf("opened on a connection that never answers in %v", time.Since(start))
	b.waitText("9 timer")
	b.waitText("Rundbordssamtale")

	b.backOnline(s)
	b.waitGone("Du er offline", 20*time.Second)
	b.waitText("9 timer")
}

func TestBrowserCitizenScreensInEnglish(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	j := seedJourney(t, s, "en")
	b := newBrowser(t, phone)
	b.signIn(s, j.email, j.password, "Your hours this week")
	b.waitText("You are in week 4 of your sick leave")
	b.waitText("Roundtable meeting")
	b.checkScreen("Today in English")
	b.nav("/plan", "Week by week")
	b.waitText("Do you recognise yourself in the plan?")
	b.checkScreen("My plan in English")
	b.nav("/maal", "Your progress") // the heading of the graphs, drawn with their data
	b.checkScreen("My goals in English")
	b.nav("/checkin", "Where on the staircase are you now?")
	b.waitJS("the check-in form", `document.getElementById('hours_worked')`)
	b.checkScreen("Check-in in English")
	b.nav("/moeder", "Upcoming meetings")
	b.click(fmt.Sprintf(`a[href="/moeder/%s"]`, j.meetingID))
	b.waitText("What will you propose to your employer?")
	b.checkScreen("A meeting in English")
	var lang string
	b.eval(`document.documentElement.lang`, &lang)
	if lang != "en" {
		t.Errorf("html lang = %q, want en", lang)
	}
}

// backOnline brings the test server back and tells the page it is online,
// as the browser does when the network returns.
func (b *browser) backOnline(s *testServer) {
	b.t.Helper()
	s.Restart()
	var fired bool
	b.eval(`dispatchEvent(new Event('online')), true`, &fired)
}
