package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"trappen/models"
	"trappen/models/storetest"
)

// The parts of the caseworker's workspace that TestBrowserCaseworkerWorkspace
// does not walk through: moving and cancelling meetings, fast track and its
// refusals, reassigning, a new invite after the first expired, the caseload's
// filters, the printed summary under print media, and the plan editor by
// keyboard alone. Desktop unless a test says otherwise; the reassign flow
// runs on a tablet and the caseload's filters on a phone.

const (
	cwmPassword        = "a long enough password"
	cwmCitizenPassword = "the citizen's own long password"
)

// cwmServer starts Trappen with two caseworkers, Sara and Ali.
func cwmServer(t *testing.T) *testServer {
	t.Helper()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	s.createCaseworker("sara@example.dk", "Sara Holm", cwmPassword)
	s.createCaseworker("ali@example.dk", "Ali Berg", cwmPassword)
	return s
}

func cwmCaseworkerID(t *testing.T, s *testServer, email string) string {
	t.Helper()
	u, err := s.app.store.Identity.Login(context.Background(), email, cwmPassword, "127.0.0.1", s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

type cwmCitizenOpts struct {
	name, email   string
	category      int // default 2
	sickDaysAgo   int // default 20
	expectedWeeks int // default 12
	activate      bool
}

// cwmCitizen registers a citizen on cwEmail's caseload (and activates the
// invite when asked); it returns the citizen's id and the invite code.
func cwmCitizen(t *testing.T, s *testServer, cwEmail string, o cwmCitizenOpts) (id, code string) {
	t.Helper()
	ctx := context.Background()
	if o.category == 0 {
		o.category = 2
	}
	if o.sickDaysAgo == 0 {
		o.sickDaysAgo = 20
	}
	if o.expectedWeeks == 0 {
		o.expectedWeeks = 12
	}
	c, inv, err := s.app.store.CreateCitizen(ctx, cwmCaseworkerID(t, s, cwEmail), models.NewCitizen{Name: o.name, Email: o.email,
		Locale: "da", FirstSickDay: cwmDate(s, -o.sickDaysAgo), Category: o.category, ExpectedWeeks: &o.expectedWeeks,
		EmployerName: "Byens Bageri"}, s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if o.activate {
		if _, err := s.app.store.Identity.Activate(ctx, inv.Code, cwmCitizenPassword, "127.0.0.1", s.clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return c.ID, inv.Code
}

// cwmDate is the Copenhagen date `days` from today, as YYYY-MM-DD.
func cwmDate(s *testServer, days int) string {
	return models.CopenhagenDate(s.clock.Now()).AddDate(0, 0, days).Format(models.DateLayout)
}

// cwmWall is hh:mm Copenhagen time on the day `days` from today.
func cwmWall(s *testServer, days, hh, mm int) time.Time {
	d := models.CopenhagenDate(s.clock.Now()).AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, models.Copenhagen)
}

var cwmMonths = []string{"jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."}

// cwmDanishDate is how the workspace writes a date: "3. mar. 2026".
func cwmDanishDate(t time.Time) string {
	t = t.In(models.Copenhagen)
	return fmt.Sprintf("%d. %s %d", t.Day(), cwmMonths[t.Month()-1], t.Year())
}

var cwmLongMonths = []string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}

// cwmCitizenDate is how the citizen's screens write a date: "3. marts".
func cwmCitizenDate(t time.Time) string {
	t = t.In(models.Copenhagen)
	return fmt.Sprintf("%d. %s", t.Day(), cwmLongMonths[t.Month()-1])
}

func cwmMeeting(t *testing.T, s *testServer, cwID, citizenID, kind string, at time.Time, location string) string {
	t.Helper()
	m, err := s.app.store.CreateMeeting(context.Background(), models.AsCaseworker(cwID, citizenID), models.NewMeeting{
		Kind: kind, StartsAt: at.Format(time.RFC3339), Location: location, Participants: []string{"Bo Jensen", "Sara Holm"},
	}, s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return m.ID
}

// cwmWaitJob waits until the store holds a push job for ref of type typ for
// which ok holds, and returns it.
func cwmWaitJob(t *testing.T, s *testServer, ref, typ string, ok func(models.PushJob) bool) models.PushJob {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		var jobs []models.PushJob
		if err := s.app.store.DB.Where("ref_id = ? AND type = ?", ref, typ).Find(&jobs).Error; err != nil {
			t.Fatal(err)
		}
		for _, j := range jobs {
			if ok(j) {
				return j
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s push job for %s as wanted; the store has %+v", typ, ref, jobs)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// screen runs axe and the layout check on the current state.
func (b *browser) screen(name string) {
	b.t.Helper()
	b.axe(name)
	b.checkLayout(name)
	// axe only reports skipped heading levels as moderate: check them here.
	var skips []string
	b.eval(`(() => { let prev = 0; const out = [];
		for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
			if (!h.getClientRects().length) continue;
			const n = +h.tagName[1];
			if (n > prev + 1) out.push(h.tagName + ' ' + h.textContent.slice(0, 40) + ' after h' + prev);
			prev = n;
		}
		return out })()`, &skips)
	for _, s := range skips {
		b.t.Errorf("%s: a heading skips a level: %s", name, s)
	}
	saveScreenshot(b.t, b, b.t.Name()+"-"+name)
}

// selectValue picks value in the <select id=id> as a person would.
func (b *browser) selectValue(id, value string) {
	b.t.Helper()
	b.waitVisible("#" + id)
	var ok bool
	b.eval(fmt.Sprintf(`(() => { const e = document.getElementById(%q);
		Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(e, %q);
		e.dispatchEvent(new Event('change', {bubbles: true})); return e.value === %q })()`, id, value, value), &ok)
	if !ok {
		b.t.Fatalf("#%s has no option %q", id, value)
	}
}

// signInAs signs a caseworker in and waits for the caseload.
func (b *browser) signInAs(s *testServer, email string) {
	b.t.Helper()
	b.signIn(s, email, cwmPassword, "Mine borgere")
}

// caseloadNames waits until the caseload lists exactly want, in order.
func (b *browser) caseloadNames(what string, want ...string) {
	b.t.Helper()
	if want == nil {
		want = []string{} // [] as the page writes it, not null
	}
	var wantJSON strings.Builder
	enc := json.NewEncoder(&wantJSON)
	enc.SetEscapeHTML(false) // as JSON.stringify writes it
	enc.Encode(want)
	names := `[...document.querySelectorAll('.cw-caseload tbody th a')].map(a => a.textContent.trim())`
	if b.waitFor(fmt.Sprintf(`!(document.querySelector('.cw-count')?.textContent.includes('Henter') ?? true)
		&& JSON.stringify(%s) === %q`, names, strings.TrimSpace(wantJSON.String())), waitTimeout) {
		return
	}
	var got []string
	b.eval(names, &got)
	b.t.Fatalf("%s: the caseload lists %q, want %q", what, got, want)
}

func TestBrowserCaseworkerMovesAndCancelsMeetings(t *testing.T) {
	t.Parallel()
	s := cwmServer(t)
	ctx := context.Background()
	sara := cwmCaseworkerID(t, s, "sara@example.dk")
	bo, _ := cwmCitizen(t, s, "sara@example.dk", cwmCitizenOpts{name: "Bo Jensen", email: "bo@example.dk", activate: true})
	// No quiet hours: the booking news goes out at once, so moving and
	// cancelling are news of their own whatever the time of day.
	if _, err := s.app.store.Outbox.UpdateNotificationSettings(ctx, bo, models.SettingsChange{QuietSet: true}, s.clock.Now()); err != nil {
		t.Fatal(err)
	}
	roundtable := cwmMeeting(t, s, sara, bo, "roundtable", cwmWall(s, 2, 10, 0), "Byens Bageri, Torvet 1")
	followUp := cwmMeeting(t, s, sara, bo, "follow_up", cwmWall(s, 3, 9, 0), "Jobcentret, Rådhuspladsen 2")
	// The push worker does not run in tests: one round sends the news.
	if _, err := s.app.push.RunOnce(ctx, s.clock.Now()); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{roundtable, followUp} {
		cwmWaitJob(t, s, id, models.PushMeetingScheduled, func(j models.PushJob) bool { return j.Status != models.JobPending })
	}

	b := newBrowser(t, desktop)
	b.signInAs(s, "sara@example.dk")
	b.open(s.URL + "/sagsbehandler/borger/" + bo)
	b.waitText("Kommende møder")
	b.waitText("Jobcentret, Rådhuspladsen 2")
	b.screen("two meetings")

	// Move the roundtable (the first card) to 13:30 four days from now.
	b.click(`#meetings article:nth-of-type(1) .cw-card-actions .button-secondary`)
	var whenID string
	b.waitJS("the move form", `document.querySelector('#meetings article form input[type=datetime-local]')`)
	b.eval(`document.querySelector('#meetings article form input[type=datetime-local]').id`, &whenID)
	b.screen("the move form")
	moved := cwmWall(s, 4, 13, 30)
	b.fill(whenID, moved.Format("2006-01-02T15:04"))
	b.click(`#meetings article form button[type=submit]`)
	b.waitText("Mødet er flyttet til")
	b.waitText(cwmDanishDate(moved))
	b.waitText("13.30")
	// The message says the new time at once; the cards follow with the reload.
	b.waitJS("the roundtable's card at its new time", fmt.Sprintf(`[...document.querySelectorAll('#meetings > div > article h4')].some(h => h.textContent.startsWith('Rundbordssamtale') && h.textContent.includes(%q) && h.textContent.includes('13.30'))`, cwmDanishDate(moved)))
	b.screen("a moved meeting")
	var order []string
	b.eval(`[...document.querySelectorAll('#meetings > div > article h4')].map(h => h.textContent)`, &order)
	if len(order) != 2 || !strings.HasPrefix(order[0], "Opfølgningssamtale") || !strings.HasPrefix(order[1], "Rundbordssamtale") {
		t.Errorf("after the move the upcoming meetings read %q, want the follow-up first", order)
	}
	changed := cwmWaitJob(t, s, roundtable, models.PushMeetingChanged, func(models.PushJob) bool { return true })
	if changed.RefAt == nil || !changed.RefAt.Equal(moved) {
		t.Errorf("the meeting_changed push job points at %v, want %v", changed.RefAt, moved)
	}

	// Cancel the follow-up, now the first card; "no" keeps it.
	b.click(`#meetings article:nth-of-type(1) .cw-card-actions .button-tertiary`)
	b.waitText("Vil du aflyse mødet?")
	b.screen("the cancel question")
	b.click(`#meetings .cw-confirm .button-secondary`)
	b.waitGone("Vil du aflyse mødet?", 5*time.Second)
	b.click(`#meetings article:nth-of-type(1) .cw-card-actions .button-tertiary`)
	b.click(`#meetings .cw-confirm .button-primary`)
	b.waitText("er aflyst. Borgeren får besked.")
	b.waitText("Aflyste møder (1)")
	b.screen("a cancelled meeting")
	cwmWaitJob(t, s, followUp, models.PushMeetingCancelled, func(models.PushJob) bool { return true })

	// The citizen's list: the roundtable at its new time, the follow-up cancelled.
	cb := newBrowser(t, phone)
	cb.signIn(s, "bo@example.dk", cwmCitizenPassword, "Bo Jensen")
	cb.open(s.URL + "/moeder")
	cb.waitText("Aflyste møder")
	var upcoming, cancelled string
	cb.eval(`document.querySelector('section[aria-labelledby=upcoming-h]').innerText`, &upcoming)
	cb.eval(`document.querySelector('section[aria-labelledby=cancelled-h]').innerText`, &cancelled)
	if !strings.Contains(upcoming, cwmCitizenDate(moved)) || !strings.Contains(upcoming, "13.30") || strings.Contains(upcoming, "Rådhuspladsen") {
		t.Errorf("the citizen's upcoming meetings read %q", upcoming)
	}
	if !strings.Contains(cancelled, "Rådhuspladsen 2") {
		t.Errorf("the citizen's cancelled meetings read %q", cancelled)
	}
	cb.screen("the citizen's meetings")
}

func TestBrowserCaseworkerRegistersFastTrack(t *testing.T) {
	t.Parallel()
	s := cwmServer(t)
	bo, _ := cwmCitizen(t, s, "sara@example.dk", cwmCitizenOpts{name: "Bo Jensen", email: "bo@example.dk", activate: true})
	eva, _ := cwmCitizen(t, s, "sara@example.dk", cwmCitizenOpts{name: "Eva Lund", email: "eva@example.dk", sickDaysAgo: 40, activate: true})
	b := newBrowser(t, desktop)
	b.signInAs(s, "sara@example.dk")
	received := cwmWall(s, -1, 14, 0).Format("2006-01-02T15:04")

	// The error summary lists the server's refusal, linked to its field.
	summaryLinks := func() map[string]string {
		t.Helper()
		var links map[string]string
		b.eval(`Object.fromEntries([...document.querySelectorAll('#fast_track .error-summary a')].map(a => [a.getAttribute('href'), a.textContent]))`, &links)
		return links
	}
	refused := func(field, message string) {
		t.Helper()
		b.waitText(message)
		links := summaryLinks()
		if !strings.Contains(links["#"+field], message) {
			t.Fatalf("the error summary links %v, want %q to #%s", links, message, field)
		}
		var fieldState struct {
			Invalid     string `json:"invalid"`
			DescribedBy string `json:"describedBy"`
			Message     string `json:"message"`
		}
		b.eval(fmt.Sprintf(`(() => { const e = document.getElementById(%q);
			return {invalid: e.getAttribute('aria-invalid') || '', describedBy: e.getAttribute('aria-describedby') || '',
				message: document.getElementById(%q)?.textContent || ''} })()`, field, field+"-error"), &fieldState)
		if fieldState.Invalid != "true" || !strings.Contains(fieldState.DescribedBy, field+"-error") || !strings.Contains(fieldState.Message, message) {
			t.Errorf("#%s after the refusal: %+v", field, fieldState)
		}
		// The summary takes focus as it appears (after the paint): let it,
		// or it takes focus back from the field the link is about to focus.
		b.waitJS("focus on the error summary", `document.activeElement && document.activeElement.matches('#fast_track .error-summary')`)
		var focused string
		b.click(fmt.Sprintf(`#fast_track .error-summary a[href="#%s"]`, field))
		b.waitJS("focus to leave the error summary", `document.activeElement && !document.activeElement.closest('#fast_track .error-summary')`)
		b.eval(`document.activeElement.id`, &focused)
		if focused != field {
			t.Errorf("following the summary's link focused %q, want %q", focused, field)
		}
	}

	// Bo: a request expecting 6 weeks is too short; with 12 it waits for Bo.
	b.open(s.URL + "/sagsbehandler/borger/" + bo)
	b.waitText("Registrér en anmodning om fast track")
	b.screen("the fast-track form")
	b.click(`label[for="ft-requested_by-employer"]`)
	b.fill("ft-requested_at", received)
	b.fill("ft-expected_weeks", "6")
	b.click(`#fast_track form button[type=submit]`)
	refused("ft-expected_weeks", "Fast track kræver, at sygemeldingen ventes at vare mere end 8 uger.")
	b.screen("fast track refused as too short")

	b.fill("ft-expected_weeks", "12")
	b.click(`#fast_track form button[type=submit]`)
	b.waitText("Anmodningen er registreret: Venter på borgerens svar.")
	// The message comes with the answer; the request's state with the reload.
	b.waitJS("the waiting request's state", `document.querySelector('#fast_track .cw-ft-pending')`)
	deadline := cwmDanishDate(cwmWall(s, 1, 12, 0))
	var state string
	b.eval(`document.querySelector('#fast_track .cw-ft').innerText`, &state)
	for _, want := range []string{"Venter på borgerens svar", "Arbejdsgiveren", "modtaget", cwmDanishDate(cwmWall(s, -1, 12, 0)), "14.00",
		"Borgeren skal svare senest", deadline, "23.59"} {
		if !strings.Contains(state, want) {
			t.Errorf("the fast-track state lacks %q: %s", want, state)
		}
	}
	var formShown bool
	b.eval(`!!document.getElementById('ft-requested_at')`, &formShown)
	if formShown {
		t.Error("the form to register a request still shows while one waits for an answer")
	}
	b.screen("fast track waiting for the citizen")

	// Eva: 40 days after the first sick day is too late.
	b.open(s.URL + "/sagsbehandler/borger/" + eva)
	b.waitText("Registrér en anmodning om fast track")
	b.waitText("Fristen for fast track var")
	b.fill("ft-requested_at", received)
	b.fill("ft-expected_weeks", "12")
	b.click(`#fast_track form button[type=submit]`)
	refused("ft-requested_at", "Fast track kan kun anmodes om senest 5 uger (35 dage) efter første sygedag.")
	b.screen("fast track refused as too late")
	// Two forms with errors at once: each summary is named by its own title.
	b.click(`#reassign-form button[type=submit]`)
	b.waitText("Vælg en sagsbehandler")
	var summaries int
	b.eval(`document.querySelectorAll('.error-summary').length`, &summaries)
	if summaries != 2 {
		t.Errorf("%d error summaries show, want 2", summaries)
	}
	var dup []string
	b.eval(`(() => { const seen = new Set(), dup = [];
		for (const e of document.querySelectorAll('[id]')) { if (seen.has(e.id)) dup.push(e.id); seen.add(e.id); }
		return dup })()`, &dup)
	if len(dup) > 0 {
		t.Errorf("ids used twice on the page: %q", dup)
	}
	b.screen("two forms with errors")
}

// Reassigning on a tablet: Bo leaves Sara's caseload and joins Ali's.
func TestBrowserCaseworkerReassignsACitizen(t *testing.T) {
	t.Parallel()
	s := cwmServer(t)
	bo, _ := cwmCitizen(t, s, "sara@example.dk", cwmCitizenOpts{name: "Bo Jensen", email: "bo@example.dk", activate: true})
	cwmCitizen(t, s, "sara@example.dk", cwmCitizenOpts{name: "Eva Lund", email: "eva@example.dk", activate: true})
	cwmCitizen(t, s, "ali@example.dk", cwmCitizenOpts{name: "Ole Dam", email: "ole@example.dk", activate: true})
	ali := cwmCaseworkerID(t, s, "ali@example.dk")

	b := newBrowser(t, tablet)
	b.signInAs(s, "sara@example.dk")
	b.caseloadNames("Sara's caseload", "Bo Jensen", "Eva Lund")
	b.open(s.URL + "/sagsbehandler/borger/" + bo)
	b.waitText("Giv borgeren til en anden sagsbehandler")
	b.waitJS("the list of caseworkers", `document.querySelectorAll('#ra-caseworker_id option').length > 1`)
	var options []string
	b.eval(`[...document.querySelectorAll('#ra-caseworker_id option')].map(o => o.textContent)`, &options)
	if len(options) != 2 || !strings.Contains(options[1], "Ali Berg") {
		t.Fatalf("the reassign list offers %q, want only Ali Berg", options)
	}
	b.click(`#reassign-form button[type=submit]`)
	b.waitText("Vælg en sagsbehandler")
	b.screen("reassign without a choice")
	b.selectValue("ra-caseworker_id", ali)
	b.click(`#reassign-form button[type=submit]`)
	b.waitText("Bo Jensen flytter til Ali Berg")
	b.screen("reassign asks to confirm")
	b.click(`#reassign-form button[type=submit]`)
	b.waitText("Mine borgere")
	b.caseloadNames("Sara's caseload after the hand-over", "Eva Lund")
	b.screen("the caseload after the hand-over")
	b.open(s.URL + "/sagsbehandler/borger/" + bo)
	b.waitText("Vi kunne ikke finde")

	b.click(`.signed-in-bar button.sign-out`)
	b.waitText("Log ind")
	b.signInAs(s, "ali@example.dk")
	b.caseloadNames("Ali's caseload", "Bo Jensen", "Ole Dam")
	b.click(fmt.Sprintf(`a[href="/sagsbehandler/borger/%s"]`, bo))
	b.waitText("Kommende møder")
	b.screen("Ali's new citizen")
}

// A new invite after the first expired: the old code is dead, the new works.
func TestBrowserCaseworkerReissuesAnExpiredInvite(t *testing.T) {
	t.Parallel()
	s := cwmServer(t)
	dan, oldCode := cwmCitizen(t, s, "sara@example.dk", cwmCitizenOpts{name: "Dan Dahl", email: "dan@example.dk"})
	s.clock.Advance(15 * 24 * time.Hour)

	b := newBrowser(t, desktop)
	b.signInAs(s, "sara@example.dk")
	b.waitText("Invitationen er udløbet")
	b.screen("the caseload with an expired invite")
	b.click(fmt.Sprintf(`a[href="/sagsbehandler/borger/%s"]`, dan))
	b.waitText("Borgeren har ikke aktiveret sin adgang endnu")
	b.click(`#invite-reissue`)
	b.waitText("Invitation til Dan Dahl")
	b.screen("the new invite")
	var code, link string
	b.eval(`document.getElementById('invite-code').textContent.trim()`, &code)
	b.eval(`document.getElementById('invite-link').href`, &link)
	if code == "" || code == oldCode || !strings.Contains(link, code) {
		t.Fatalf("new invite: code %q (old %q), link %q", code, oldCode, link)
	}
	var expires string
	b.eval(`document.querySelector('.cw-invite .form-hint').textContent`, &expires)
	if want := cwmDanishDate(s.clock.Now().Add(models.InviteLifetime)); !strings.Contains(expires, want) {
		t.Errorf("the new invite says %q, want it to expire %s", expires, want)
	}

	cb := newBrowser(t, phone)
	cb.open(s.URL + "/aktiver")
	cb.fill("invite_code", oldCode)
	cb.fill("password", cwmCitizenPassword)
	cb.fill("password_repeat", cwmCitizenPassword)
	cb.click(`form button[type=submit]`)
	cb.waitText("Koden virker ikke")
	cb.open(link)
	cb.fill("password", cwmCitizenPassword)
	cb.fill("password_repeat", cwmCitizenPassword)
	cb.click(`form button[type=submit]`)
	cb.waitText("Dan Dahl")

	b.open(s.URL + "/sagsbehandler/borger/" + dan)
	b.waitText("Borgeren har aktiveret sin adgang.")
	b.open(s.URL + "/sagsbehandler")
	b.caseloadNames("the caseload", "Dan Dahl")
	b.waitGone("Invitationen er udløbet", 5*time.Second)
}

// The caseload's filters on a phone, with four citizens.
func TestBrowserCaseworkerFiltersTheCaseload(t *testing.T) {
	t.Parallel()
	s := cwmServer(t)
	ctx := context.Background()
	sara := cwmCaseworkerID(t, s, "sara@example.dk")
	now := s.clock.Now()
	// Anna waits to answer her employer's fast-track request.
	anna, _ := cwmCitizen(t, s, "sara@example.dk", cwmCitizenOpts{name: "Anna Ahl", email: "anna@example.dk", category: 1, sickDaysAgo: 12, activate: true})
	weeks := 12
	if _, err := s.app.store.RegisterFastTrack(ctx, sara, anna, models.NewFastTrack{RequestedBy: "employer",
		RequestedAt: now.Add(-time.Hour).Format(time.RFC3339), ExpectedWeeks: &weeks}, now); err != nil {
		t.Fatal(err)
	}
	// Bo last checked in 15 days ago.
	bo, _ := cwmCitizen(t, s, "sara@example.dk", cwmCitizenOpts{name: "Bo Berg", email: "bo@example.dk", sickDaysAgo: 20, activate: true})
	wellbeing := 6
	if _, _, err := s.app.store.RecordCheckin(ctx, bo, models.NewCheckin{ID: models.NewID(), RecordedAt: now.Add(-15 * 24 * time.Hour),
		Wellbeing: &wellbeing}, now); err != nil {
		t.Fatal(err)
	}
	// Cara has a roundtable this week.
	cara, _ := cwmCitizen(t, s, "sara@example.dk", cwmCitizenOpts{name: "Cara Carlsen", email: "cara@example.dk", category: 3, sickDaysAgo: 10, activate: true})
	at := now.Add(time.Hour)
	if !models.WeekStart(at).Equal(models.WeekStart(now)) { // late on a Sunday
		at = now.Add(-time.Hour)
	}
	cwmMeeting(t, s, sara, cara, "roundtable", at, "Byens Bageri")
	// Dan has not activated yet; his invite still works.
	cwmCitizen(t, s, "sara@example.dk", cwmCitizenOpts{name: "Dan Dahl", email: "dan@example.dk", sickDaysAgo: 30})

	b := newBrowser(t, phone)
	b.signInAs(s, "sara@example.dk")
	// By nearest deadline: Anna's answer, Dan's and Bo's fast-track limits, Cara's.
	b.caseloadNames("all, by deadline", "Anna Ahl", "Dan Dahl", "Bo Berg", "Cara Carlsen")
	b.screen("the caseload on a phone")

	for _, f := range []struct {
		radio string
		want  []string
	}{
		{"filter-needs_action", []string{"Anna Ahl", "Bo Berg"}},
		{"filter-fast_track_pending", []string{"Anna Ahl"}},
		{"filter-no_checkin_14d", []string{"Bo Berg"}},
		{"filter-roundtable_this_week", []string{"Cara Carlsen"}},
		{"filter-all", []string{"Anna Ahl", "Dan Dahl", "Bo Berg", "Cara Carlsen"}},
	} {
		b.click(fmt.Sprintf(`label[for=%q]`, f.radio))
		b.caseloadNames(f.radio, f.want...)
		b.screen(f.radio)
	}
	b.selectValue("filter-category", "2")
	b.caseloadNames("category 2", "Dan Dahl", "Bo Berg")
	b.click(`label[for="filter-needs_action"]`)
	b.caseloadNames("category 2 and needs action", "Bo Berg")
	b.selectValue("filter-category", "1")
	b.caseloadNames("category 1 and needs action", "Anna Ahl")
	b.click(`label[for="filter-roundtable_this_week"]`)
	b.caseloadNames("category 1 with a roundtable this week")
	b.waitText("Ingen borgere passer til filteret.")
	b.screen("no citizen matches")
	b.selectValue("filter-category", "")
	b.caseloadNames("all categories with a roundtable this week", "Cara Carlsen")
	b.click(`label[for="filter-all"]`)
	b.caseloadNames("all again, by deadline", "Anna Ahl", "Dan Dahl", "Bo Berg", "Cara Carlsen")
	b.selectValue("sort", "name")
	b.caseloadNames("all, by name", "Anna Ahl", "Bo Berg", "Cara Carlsen", "Dan Dahl")
	b.screen("the caseload by name")

	// Anna's page works on the phone too: book her follow-up there.
	b.click(fmt.Sprintf(`a[href="/sagsbehandler/borger/%s"]`, anna))
	b.waitText("Fast track venter på borgerens svar")
	b.screen("a citizen's page on a phone")
	b.click(`#meeting-book`)
	b.selectValue("mt-new-kind", "follow_up")
	b.fill("mt-new-starts_at", cwmWall(s, 3, 9, 0).Format("2006-01-02T15:04"))
	b.fill("mt-new-location", "Jobcentret")
	b.screen("booking on a phone")
	b.click(`#meetings form button[type=submit]`)
	b.waitText("Mødet er booket")
	b.open(s.URL + "/sagsbehandler")
	b.caseloadNames("all after booking Anna's follow-up", "Anna Ahl", "Dan Dahl", "Bo Berg", "Cara Carlsen")
	b.click(`label[for="filter-needs_action"]`)
	b.caseloadNames("needs action after booking Anna's follow-up", "Anna Ahl", "Bo Berg")
}

// The two print-outs. "Til mødebordet" is read by everyone at the table, the
// employer included: a reflection the citizen shared only with the
// caseworker, a check-in note and self-ratings must not be on it. The
// internal one has them, marked as internal on screen and on paper.
func TestBrowserCaseworkerPrintsTheSummary(t *testing.T) {
	t.Parallel()
	const reflection, note = "REFLEKSION-KUN-TIL-SARA-4412", "NOTE-OM-SØVNEN-7731"
	s := cwmServer(t)
	ctx := context.Background()
	sara := cwmCaseworkerID(t, s, "sara@example.dk")
	now := s.clock.Now()
	bo, _ := cwmCitizen(t, s, "sara@example.dk", cwmCitizenOpts{name: "Bo Jensen", email: "bo@example.dk", activate: true})
	as := models.AsCaseworker(sara, bo)
	if _, err := s.app.store.CreateGoal(ctx, as, models.NewGoal{Title: "Tilbage i mit job på fuld tid inden 1. juni"}, now); err != nil {
		t.Fatal(err)
	}
	monday := models.WeekStart(now).Format(models.DateLayout)
	nextMonday := models.WeekStart(now).AddDate(0, 0, 7).Format(models.DateLayout)
	if _, err := s.app.store.SavePlan(ctx, as, models.PlanSnapshot{Weeks: []models.PlanWeek{
		{WeekStart: monday, Hours: models.DayHours{Mon: 2, Tue: 2, Wed: 2, Thu: 2, Fri: 2}},
		{WeekStart: nextMonday, Hours: models.DayHours{Mon: 3, Tue: 3, Wed: 3, Thu: 3, Fri: 2.5}},
	}, AllowedTasks: []string{"Bage brød"}, AvoidTasks: []string{"Kasse"}}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.app.store.CreatePlacement(ctx, as, models.NewPlacement{Party: "employer", Step: 4, Date: cwmDate(s, 0)}, now); err != nil {
		t.Fatal(err)
	}
	seedCheckin(t, s, bo) // the citizen's own step: 2
	wellbeing := 3
	if _, _, err := s.app.store.RecordCheckin(ctx, bo, models.NewCheckin{ID: models.NewID(), RecordedAt: now.Add(-30 * time.Minute),
		Wellbeing: &wellbeing, Note: note}, now); err != nil {
		t.Fatal(err)
	}
	meeting := cwmMeeting(t, s, sara, bo, "roundtable", cwmWall(s, 2, 10, 0), "Byens Bageri, Torvet 1")
	if _, err := s.app.store.SaveReflection(ctx, bo, meeting, models.NewReflection{CameFrom: reflection, HeadingTo: "Hjem", Proposal: "Færre timer", Shared: true}, now); err != nil {
		t.Fatal(err)
	}
	due := cwmDate(s, 7)
	for _, a := range []models.NewAgreement{{Text: "Finde et stille skrivebord", Owner: "employer", DueDate: &due}, {Text: "Tale med lægen om skånehensyn", Owner: "citizen"}} {
		if _, err := s.app.store.CreateAgreement(ctx, as, a, now); err != nil {
			t.Fatal(err)
		}
	}

	b := newBrowser(t, desktop)
	b.signInAs(s, "sara@example.dk")
	b.open(s.URL + "/sagsbehandler/borger/" + bo)
	b.waitText(note) // the caseworker reads the note on the citizen's page
	b.click(fmt.Sprintf(`a[href="/sagsbehandler/borger/%s/print"]`, bo))
	b.waitText("Til mødebordet: Bo Jensen")
	b.waitText("Borger og arbejdsgiver er 2 trin fra hinanden")
	var text string
	b.eval(`document.querySelector('main').innerText`, &text)
	for _, want := range []string{"Næste møde", "Rundbordssamtale", "Byens Bageri, Torvet 1", cwmDanishDate(cwmWall(s, 2, 10, 0)), "10.00",
		"Tilbage i mit job på fuld tid inden 1. juni", "Arbejdsgiveren: trin 4", "Borgeren: trin 2",
		fmt.Sprintf("Uge %d", isoWeekOf(models.WeekStart(now))), "14,5", "Aftaler",
		"Finde et stille skrivebord", "Tale med lægen om skånehensyn"} {
		if !strings.Contains(text, want) {
			t.Errorf("the table print lacks %q:\n%s", want, text)
		}
	}
	var page string
	b.eval(`document.documentElement.outerHTML`, &page)
	for _, secret := range []string{reflection, note, "6/10", "Trivsel", "INTERNT", "Venter på dig"} {
		if strings.Contains(page, secret) {
			t.Errorf("the table print holds %q, which is not for the employer's eyes", secret)
		}
	}
	b.screen("the table print on screen")
	checkPrintedA4(t, b, "table")

	b.open(s.URL + "/sagsbehandler/borger/" + bo)
	b.click(fmt.Sprintf(`a[href="/sagsbehandler/borger/%s/print/intern"]`, bo))
	b.waitText("Internt resumé: Bo Jensen")
	b.waitText(reflection)
	b.waitText(note)
	b.waitText("6/10")
	var mark struct {
		First, Last string
	}
	b.eval(`(() => { const m = [...document.querySelectorAll('main .cw-print-internal')];
		return {First: m[0]?.textContent || '', Last: m[m.length - 1]?.textContent || ''} })()`, &mark)
	if !strings.Contains(mark.First, "INTERNT – MÅ IKKE UDLEVERES") || !strings.Contains(mark.Last, "INTERNT") {
		t.Fatalf("the internal print is not marked at its start and end: %+v", mark)
	}
	b.screen("the internal print on screen")
	checkPrintedA4(t, b, "internal")
	var markPrinted bool
	b.run(emulation.SetEmulatedMedia().WithMedia("print"))
	b.eval(`document.getElementById('print-internal-mark').getClientRects().length > 0`, &markPrinted)
	b.run(emulation.SetEmulatedMedia().WithMedia(""))
	if !markPrinted {
		t.Fatal("on paper, the internal print lost its mark")
	}
}

// checkPrintedA4 emulates print media on A4 and checks that the screen's
// chrome is gone and nothing is wider than the paper.
func checkPrintedA4(t *testing.T, b *browser, what string) {
	t.Helper()
	// As printed: A4 is 794 CSS px wide at 96 dpi.
	b.run(emulation.SetDeviceMetricsOverride(794, 1123, 1, false), emulation.SetEmulatedMedia().WithMedia("print"))
	var printed struct {
		Hidden   map[string]bool `json:"hidden"`
		Wide     []string        `json:"wide"`
		Width    int             `json:"width"`
		Headings int             `json:"headings"`
	}
	b.eval(`(() => {
		const gone = (sel) => [...document.querySelectorAll(sel)].every(e => e.getClientRects().length === 0);
		const hidden = {header: gone('header'), nav: gone('nav'), skipnav: gone('.skipnav'), tools: gone('.cw-print-tools'), buttons: gone('button')};
		const wide = [...document.querySelectorAll('main *')].filter(e => e.getClientRects().length && e.getBoundingClientRect().right > 794.5)
			.map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
		return {hidden, wide, width: document.documentElement.scrollWidth, headings: [...document.querySelectorAll('main h2')].filter(h => h.getClientRects().length).length};
	})()`, &printed)
	for part, gone := range printed.Hidden {
		if !gone {
			t.Errorf("%s printed, the %s still shows", what, part)
		}
	}
	if printed.Width > 794 || len(printed.Wide) > 0 {
		t.Errorf("%s printed, the page is %d px wide; wider than A4: %v", what, printed.Width, printed.Wide)
	}
	if printed.Headings < 5 {
		t.Errorf("%s printed, only %d sections show", what, printed.Headings)
	}
	saveScreenshot(t, b, t.Name()+"-printed-"+what)
	b.run(emulation.SetEmulatedMedia().WithMedia(""), emulation.SetDeviceMetricsOverride(desktop[0], desktop[1], 1, false))
}

func isoWeekOf(t time.Time) int {
	_, w := t.ISOWeek()
	return w
}

// The plan editor and its step-up helper by keyboard alone.
func TestBrowserCaseworkerPlansByKeyboard(t *testing.T) {
	t.Parallel()
	s := cwmServer(t)
	sara := cwmCaseworkerID(t, s, "sara@example.dk")
	now := s.clock.Now()
	bo, _ := cwmCitizen(t, s, "sara@example.dk", cwmCitizenOpts{name: "Bo Jensen", email: "bo@example.dk", activate: true})
	if _, err := s.app.store.SavePlan(context.Background(), models.AsCaseworker(sara, bo), models.PlanSnapshot{Weeks: []models.PlanWeek{
		{WeekStart: models.WeekStart(now).Format(models.DateLayout), Hours: models.DayHours{Mon: 2, Tue: 2, Wed: 2, Thu: 2, Fri: 2}},
	}}, now); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, desktop)
	b.signInAs(s, "sara@example.dk")
	b.open(s.URL + "/sagsbehandler/borger/" + bo)
	b.waitText("Optrapningsplan")
	b.waitVisible(`#plan-0-mon`)

	press := func(keys string, opts ...chromedp.KeyOption) {
		t.Helper()
		b.run(chromedp.KeyEvent(keys, opts...))
	}
	type focusState struct {
		ID      string  `json:"id"`
		Name    string  `json:"name"`
		Visible bool    `json:"visible"`
		Outline float64 `json:"outline"`
		Style   string  `json:"style"`
	}
	focused := func() focusState {
		t.Helper()
		var f focusState
		b.eval(`(() => { const e = document.activeElement;
			const box = e.matches('.form-radio, .form-checkbox') ? getComputedStyle(document.querySelector('label[for="' + e.id + '"]'), '::before') : getComputedStyle(e);
			// A date field's calendar button has focus inside the field: :focus-within.
			const visible = e.matches(':focus-visible') || (e.matches(':focus-within') && !e.matches(':focus'));
			return {id: e.id, name: e.id || (e.tagName + ' ' + e.textContent.trim().slice(0, 30)), visible, outline: parseFloat(box.outlineWidth) || 0, style: box.outlineStyle} })()`, &f)
		return f
	}
	// tabTo presses Tab until id has focus, checking each stop shows its focus.
	tabTo := func(id string) {
		t.Helper()
		var path []string
		for i := 0; i < 30; i++ {
			press(kb.Tab)
			f := focused()
			path = append(path, f.Name)
			if f.Name != "BODY " && (!f.Visible || f.Outline <= 0 || f.Style == "none") {
				t.Errorf("%s has keyboard focus but no visible focus: %+v", f.Name, f)
			}
			if f.ID == id {
				return
			}
		}
		t.Fatalf("Tab never reached #%s; it went %v", id, path)
	}
	typeInto := func(id, value string) {
		t.Helper()
		if f := focused(); f.ID != id {
			t.Fatalf("typing %q: focus is on %q, want %q", value, f.ID, id)
		}
		for i := 0; i < 4; i++ {
			press(kb.Backspace)
		}
		press(value)
		var got string
		b.eval(`document.activeElement.value`, &got)
		if got != value {
			t.Fatalf("#%s holds %q after typing %q", id, got, value)
		}
	}

	// From the plan's section, Tab into the grid and type 3 hours a day.
	b.eval(`(document.getElementById('plan').focus(), document.activeElement.id)`, new(string))
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri"} {
		tabTo("plan-0-" + d)
		typeInto("plan-0-"+d, "3")
	}
	var total string
	b.eval(`document.getElementById('plan-0-total').textContent`, &total)
	if total != "15" {
		t.Fatalf("after typing, the week's total is %q, want 15", total)
	}
	b.screen("the grid typed by keyboard")

	// The step-up helper: 2 weeks, +5 hours a week each.
	tabTo("plan-count")
	typeInto("plan-count", "2")
	tabTo("plan-mode-percent")
	press(kb.ArrowRight)
	if f := focused(); f.ID != "plan-mode-hours" {
		t.Fatalf("the arrow key moved focus to %q, want plan-mode-hours", f.ID)
	}
	b.waitText("Timer mere pr. uge")
	tabTo("plan-amount")
	typeInto("plan-amount", "5")
	tabTo("plan-step-up")
	press(kb.Enter)
	b.waitText("Der er trappet op")
	var totals []string
	b.eval(`[0,1,2].map(i => document.getElementById('plan-'+i+'-total')?.textContent)`, &totals)
	if strings.Join(totals, "|") != "15|20|25" {
		t.Fatalf("stepped-up weekly totals: %q, want 15|20|25", totals)
	}
	b.screen("the helper used by keyboard")

	// Save with the keyboard.
	tabTo("plan-save")
	press(" ")
	b.waitText("Planen er gemt som version 2")
	b.screen("the plan saved by keyboard")
}
