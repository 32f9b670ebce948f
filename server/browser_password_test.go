package main

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"

	"trappen/models/storetest"
)

// changePassword fills in the change-password form, which must be open,
// and submits it.
func (b *browser) changePassword(current, next string) {
	b.t.Helper()
	b.fill("current_password", current)
	b.fill("new_password", next)
	b.fill("new_password_repeat", next)
	b.click(`form button[type=submit]`)
}

// passwordScreen checks the form on the screen that is open: a wrong current
// password is told and linked from the error summary, the right one changes
// the password, and the session on this device survives a reload.
func (b *browser) passwordScreen(s *testServer, who, current, next string) {
	b.t.Helper()
	b.waitText("Nuværende adgangskode")
	b.checkScreen(who + "'s change-password form")
	var autocomplete []string
	b.eval(`[...document.querySelectorAll('form input')].map(e => e.id + '=' + e.autocomplete)`, &autocomplete)
	want := []string{"current_password=current-password", "new_password=new-password", "new_password_repeat=new-password"}
	if len(autocomplete) != 3 || autocomplete[0] != want[0] || autocomplete[1] != want[1] || autocomplete[2] != want[2] {
		b.t.Errorf("autocomplete = %v, want %v", autocomplete, want)
	}

	b.changePassword("not my password at all", next)
	b.waitText("Det er ikke din nuværende adgangskode")
	b.waitJS("the error summary to link the field", `document.querySelector('.error-summary a[href="#current_password"]')`)
	b.waitJS("the field to be marked invalid", `document.getElementById('current_password').getAttribute('aria-invalid') === 'true'`)
	b.checkScreen(who + "'s change-password form with an error")

	b.changePassword(current, next)
	b.waitText("Din adgangskode er skiftet")
	b.checkScreen(who + "'s password changed")

	// The refresh cookie is not sent to /me/password; the answer set a new
	// one, so this device stays signed in after a reload.
	b.open(s.URL + "/adgangskode")
	b.waitText("Nuværende adgangskode")
}

// signOutAndBackIn checks that the old password no longer works and the new one does.
func (b *browser) signOutAndBackIn(s *testServer, email, old, next, name string) {
	b.t.Helper()
	b.click(`.signed-in-bar button.sign-out`)
	b.waitText("Log ind")
	b.signIn(s, email, old, "forkert")
	b.fill("password", next)
	b.click(`form button[type=submit]`)
	b.waitText(name)
}

func TestBrowserCitizenChangesPassword(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")
	code := s.registerCitizen("sara@example.dk", "Bo Jensen", "bo@example.dk")
	s.apiCall("POST", "/auth/activate", "", map[string]string{"invite_code": code, "password": "my own long password"}, nil)

	b := newBrowser(t, phone)
	b.signIn(s, "bo@example.dk", "my own long password", "Bo Jensen")
	b.click(`main a[href="/mine-data"]`)
	b.waitText("Hent alle dine data")
	b.click(`main a[href="/adgangskode"]`)
	b.passwordScreen(s, "the citizen", "my own long password", "a new sentence I remember")
	b.signOutAndBackIn(s, "bo@example.dk", "my own long password", "a new sentence I remember", "Bo Jensen")
}

func TestBrowserCaseworkerChangesPassword(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")

	b := newBrowser(t, desktop)
	b.signIn(s, "sara@example.dk", "a long enough password", "Sara Holm")
	b.waitText("Skift adgangskode")
	// The bar with the extra link stays tidy on a phone too.
	b.run(emulation.SetDeviceMetricsOverride(phone[0], phone[1], 1, true))
	b.checkLayout("the caseworker's signed-in bar on a phone")
	b.run(emulation.SetDeviceMetricsOverride(desktop[0], desktop[1], 1, false))

	b.click(`.signed-in-bar a[href="/adgangskode"]`)
	b.passwordScreen(s, "the caseworker", "a long enough password", "another long enough password")
	b.signOutAndBackIn(s, "sara@example.dk", "a long enough password", "another long enough password", "Sara Holm")
}
