package main

import (
	"context"
	"fmt"
	"testing"

	"trappen/models"
	"trappen/models/storetest"
	"trappen/push"
)

// An untouched check-in is stored without made-up values: the sliders say
// "Ikke besvaret", an answer can be taken back, and the graphs stay empty.
func TestBrowserAnUntouchedCheckInIsStoredAsNotAnswered(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			s := startServer(t, storetest.Options(t, engine))
			j := seedJourney(t, s, "da")
			b := newBrowser(t, phone)
			b.signIn(s, j.email, j.password, "Dine timer i denne uge")
			b.nav("/checkin", "Hvor på trappen er du nu?")
			b.waitJS("the goal sliders", fmt.Sprintf(`document.getElementById(%q)`, "score-"+j.goalID))
			var unset int
			b.eval(`[...document.querySelectorAll('input[type=range]')].filter(e => e.getAttribute('aria-valuetext') === 'Ikke besvaret').length`, &unset)
			if unset != 3 {
				t.Errorf("%d sliders say they are not answered; want the two goals and wellbeing", unset)
			}
			b.checkScreen("an untouched check-in")

			b.fill("wellbeing", "7")
			b.waitText("Fjern mit svar")
			b.click(`.range-group:not(.is-unset) .answer-clear`)
			b.waitJS("wellbeing unanswered again", `document.getElementById('wellbeing').getAttribute('aria-valuetext') === 'Ikke besvaret'`)
			b.click(`.checkin-form button[type=submit]`)
			b.waitText("Din check-in er sendt")

			list, err := s.app.store.Checkins(context.Background(), models.AsCitizen(j.citizenID))
			if err != nil || len(list) != 1 {
				t.Fatalf("check-ins: %+v, %v", list, err)
			}
			if c := list[0]; c.Wellbeing != nil || c.StaircaseStep != nil || c.NotAtWorkplace || c.HoursWorked != nil || len(c.GoalScores) != 0 {
				t.Fatalf("an untouched check-in was stored as %+v", c)
			}
			b.nav("/maal", "Sådan går det")
			b.waitText("Du har ikke svaret på, hvordan du har det, endnu.")
			b.checkScreen("the graphs after an untouched check-in")
		})
	}
}

// The footer is on every screen, and its pages open without signing in.
func TestBrowserFooterPagesOpenForEveryone(t *testing.T) {
	t.Parallel()
	s := startServerEnv(t, storetest.Options(t, storetest.SQLite), map[string]string{
		"TRAPPEN_ORG_NAME": "Jobcenter Helsingør", "TRAPPEN_ORG_EMAIL": "jobcenter@helsingor.dk", "TRAPPEN_RETENTION_DAYS": "180",
		"TRAPPEN_ACCESS_LOG_RETENTION_DAYS": "90"})
	b := newBrowser(t, phone)
	b.open(s.URL + "/login")
	b.waitText("Trappen drives af Jobcenter Helsingør")
	pages := []struct{ href, heading, want string }{
		{"/privatliv", "Sådan behandler vi dine oplysninger", "gemmer vi oplysningerne i 180 dage"},
		{"/tilgaengelighed", "Tilgængelighedserklæring", "WCAG 2.1"},
		{"/hjaelp", "Hjælp", "Har du glemt din adgangskode"},
	}
	for i, p := range pages {
		b.click(fmt.Sprintf(`footer a[href=%q]`, p.href))
		b.waitText(p.want)
		if i == 0 { // the citizen's log of who read what: kept as set up
			b.waitText("Listen over, hvem der har læst dine oplysninger, gemmer vi i 90 dage.")
		}
		b.waitText("jobcenter@helsingor.dk")
		b.checkScreen(p.heading + " signed out")
	}

	j := seedJourney(t, s, "da")
	b.signIn(s, j.email, j.password, "Dine timer i denne uge")
	b.waitText("Trappen drives af Jobcenter Helsingør")
	b.click(`footer a[href="/privatliv"]`)
	b.waitText("Din arbejdsgiver kan aldrig se dine check-ins")
	b.checkScreen("the privacy notice signed in")

	// 200 % text: the bottom menu stays out of the way of the focused field.
	b.nav("/checkin", "Hvor på trappen er du nu?")
	b.eval(`document.documentElement.style.fontSize = '200%', true`, new(bool))
	b.waitJS("the hours field", `document.getElementById('hours_worked')`)
	var covered bool
	b.eval(`(async () => { const e = document.getElementById('hours_worked'); e.focus();
		await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
		const r = e.getBoundingClientRect(), nav = document.querySelector('.citizen-nav').getBoundingClientRect();
		return r.bottom > nav.top && r.top < nav.bottom })()`, &covered)
	if covered {
		t.Error("with 200 % text the bottom menu covers the focused hours field")
	}
	var current string
	b.eval(`document.querySelector('.citizen-nav a[aria-current=page]').getAttribute('href')`, &current)
	if current != "/checkin" {
		t.Errorf("the menu marks %q as the current screen", current)
	}
}

// Every push type's url opens a screen of the app, never its not-found page.
func TestBrowserEveryPushURLOpensAScreen(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	j := seedJourney(t, s, "da")
	b := newBrowser(t, phone)
	b.signIn(s, j.email, j.password, "Dine timer i denne uge")
	now := s.clock.Now()
	if len(models.PushTypes) != 10 {
		t.Fatalf("push types: %v; the contract names seven and Trappen adds three", models.PushTypes)
	}
	for _, typ := range models.PushTypes {
		url := push.Render(models.Delivery{Type: typ, RefID: j.meetingID, Locale: "da", RefAt: &now}, now).URL
		t.Run(typ, func(t *testing.T) {
			b.t = t
			b.openPushURL(s, typ, url)
			if typ == models.PushReflectionPrompt {
				b.waitJS("focus on the three questions", `document.activeElement && document.activeElement.id === 'refleksion'`)
			}
		})
	}
	b.t = t
}

// openPushURL opens the url of a push message of type typ and fails if the
// app has no screen for it.
func (b *browser) openPushURL(s *testServer, typ, url string) {
	b.t.Helper()
	b.open(s.URL + url)
	b.waitJS("the screen to load", `document.querySelector('#main h1') && !document.querySelector('#main .loading')`)
	var notFound bool
	b.eval(`!!document.querySelector('#main [data-not-found]')`, &notFound)
	if notFound {
		b.t.Fatalf("push %s opens %s, which is the not-found page", typ, url)
	}
}
