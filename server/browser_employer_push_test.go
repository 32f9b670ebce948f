package main

import (
	"testing"

	"trappen/models"
	"trappen/models/storetest"
	"trappen/push"
)

// The manager's menu bar takes them to their employees, their reminders and
// their password; on the reminders screen they set quiet hours and a pause
// of their own; every url an employer's push message opens is a screen of
// theirs; and "Log ud" signs them out.
func TestBrowserEmployerMenuAndReminders(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	w := newEmployerWorld(t, s, true)
	ctx, now := w.ctx, w.now

	b := newBrowser(t, phone)
	b.signIn(s, "mette@bageri.dk", "the manager's password", "Mine medarbejdere")
	b.waitText("Bo Jensen")
	current := func() string {
		var href string
		b.eval(`document.querySelector('nav.employer-nav a[aria-current=page]')?.getAttribute('href') ?? ''`, &href)
		return href
	}
	if got := current(); got != "/arbejdsgiver/medarbejdere" {
		var html string
		b.eval(`document.querySelector("header").outerHTML + location.pathname`, &html)
		t.Errorf("on the list the menu marks %q: %s", got, html)
	}
	b.checkScreen("the employer's list with the menu bar")

	b.click(`nav.employer-nav a[href="/arbejdsgiver/paamindelser"]`)
	b.waitText("Påmindelser på denne enhed")
	b.waitText("dagen før en rundbordssamtale")
	b.waitText("der står aldrig medarbejderens navn")
	b.waitText("Stille timer fra kl. 21:00 til kl. 08:00.")
	if got := current(); got != "/arbejdsgiver/paamindelser" {
		t.Errorf("on the reminders the menu marks %q", got)
	}
	b.checkScreen("the employer's reminders")

	b.fill("qh-start", "20:00")
	b.click("#qh-save")
	b.waitText("Stille timer fra kl. 20:00 til kl. 08:00.")
	b.fill("pause-date", models.CopenhagenDate(now).AddDate(0, 0, 7).Format(models.DateLayout))
	b.click("#pause-save")
	b.waitText("Påmindelser holder pause til og med")
	b.checkScreen("the employer's reminders, paused")
	st, err := s.app.store.Outbox.NotificationSettingsFor(ctx, w.managerID)
	if err != nil || st.QuietStart == nil || *st.QuietStart != "20:00" || !st.Paused(now) {
		t.Fatalf("the employer's settings %+v (%v)", st, err)
	}
	if own, _ := s.app.store.Outbox.NotificationSettingsFor(ctx, w.boID); *own.QuietStart != models.DefaultQuietStart {
		t.Fatal("the employer's quiet hours became the employee's")
	}

	for _, typ := range models.EmployerPushTypes {
		url := push.Render(models.Delivery{Type: typ, RefID: models.NewID(), EmployeeID: w.boID, Locale: "da", RefAt: &now}, now).URL
		t.Run(typ, func(t *testing.T) {
			b.t = t
			b.openPushURL(s, typ, url)
			b.waitText("Bo Jensen")
		})
	}
	b.t = t

	b.click(`.signed-in-bar .sign-out`)
	b.waitJS("the sign-in screen", `location.pathname === '/login'`)
}
