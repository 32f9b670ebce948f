package main

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"trappen/api/oidcrp"
	"trappen/api/oidcrp/testop"
	"trappen/models/storetest"
)

// startOIDCServer runs Trappen with a test OpenID Provider for citizens
// (MitID) and caseworkers (the municipality's login). The provider's issuer
// is on "localhost", another site than Trappen on 127.0.0.1, so the browser
// treats the trip through it as a real cross-site sign-in.
func startOIDCServer(t *testing.T, extra map[string]string) (*testServer, *testop.Provider) {
	t.Helper()
	addr := holdAddr(t)
	base := "http://" + addr.String()
	op := testop.StartAt(t, "localhost")
	for _, aud := range []string{oidcrp.Citizen, oidcrp.Caseworker} {
		op.AddClient("trappen-"+aud, "secret-"+aud, []string{base + oidcrp.CallbackPath(aud)}, []string{base + "/login"})
	}
	env := map[string]string{
		"TRAPPEN_PUBLIC_URL":                    base,
		"TRAPPEN_OIDC_CITIZEN_ISSUER":           op.Issuer,
		"TRAPPEN_OIDC_CITIZEN_CLIENT_ID":        "trappen-citizen",
		"TRAPPEN_OIDC_CITIZEN_CLIENT_SECRET":    "secret-citizen",
		"TRAPPEN_OIDC_CASEWORKER_ISSUER":        op.Issuer,
		"TRAPPEN_OIDC_CASEWORKER_CLIENT_ID":     "trappen-caseworker",
		"TRAPPEN_OIDC_CASEWORKER_CLIENT_SECRET": "secret-caseworker",
		"TRAPPEN_OIDC_CASEWORKER_GROUP":         "sagsbehandlere",
	}
	for k, v := range extra {
		env[k] = v
	}
	cfg, err := LoadConfig(envFor(storetest.Options(t, storetest.SQLite), env))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DataDir == "" {
		cfg.DataDir = t.TempDir()
	}
	clk := &testClock{}
	a, err := newApp(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), clk.Now)
	if err != nil {
		t.Fatal(err)
	}
	s := &testServer{t: t, app: a, URL: base, clock: clk, addr: addr, cfg: cfg}
	addr.serve(a.http)
	t.Cleanup(s.Stop)
	return s, op
}

func TestBrowserCitizenSignsInWithMitID(t *testing.T) {
	t.Parallel()
	s, op := startOIDCServer(t, nil)
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")
	code := s.registerCitizen("sara@example.dk", "Bo Jensen", "bo@example.dk")
	op.AddUser(testop.User{Subject: "mitid-bo", Name: "Bo Jensen"})
	op.SignInAs("mitid-bo")

	b := newBrowser(t, phone)
	// First time: the activation link carries the code through MitID.
	b.open(s.URL + "/aktiver?kode=" + code)
	b.waitText("Fortsæt med MitID")
	b.oidcScreen("the activation page with MitID")
	b.click(`#activate-mitid`)
	b.approveAtProvider()
	b.waitText("Bo Jensen")
	b.waitText("I dag")
	// No password to change: "Mine oplysninger" says how she signs in instead.
	b.open(s.URL + "/mine-data")
	b.waitText("Du logger ind med MitID")
	var links int
	b.eval(`document.querySelectorAll('a[href="/adgangskode"]').length`, &links)
	if links != 0 {
		t.Errorf("a citizen who signs in with MitID is offered %d password-change links", links)
	}

	// Signing out ends the provider's session too and comes back to sign-in.
	b.signOutThroughProvider()
	b.waitText("Log ind med MitID")
	b.oidcScreen("the sign-in page with MitID")
	var first string
	b.eval(`document.querySelector('main button, main a.button')?.id`, &first)
	if first != "login-mitid" {
		t.Fatalf("the first choice on the sign-in page is %q, want the MitID button", first)
	}

	// Later: MitID alone, no code.
	b.click(`#login-mitid`)
	b.approveAtProvider()
	b.waitText("Bo Jensen")

	// A refused sign-in explains itself.
	b.signOutThroughProvider()
	b.waitText("Log ind med MitID")
	op.AddUser(testop.User{Subject: "mitid-stranger", Name: "Ukendt"})
	op.SignInAs("mitid-stranger")
	b.click(`#login-mitid`)
	b.approveAtProvider()
	b.waitText("Vi kan ikke finde dig i Trappen endnu")
	b.oidcScreen("the sign-in page after an unknown MitID")

	// Caseworkers take the staff path with the municipality's login.
	op.AddUser(testop.User{Subject: "entra-sara", Name: "Sara Holm", Email: "sara@example.dk", Groups: []string{"sagsbehandlere"}})
	op.SignInAs("entra-sara")
	b.click(`a[href="/login/medarbejder"]`)
	b.waitText("Log ind med kommunens login")
	b.oidcScreen("the staff sign-in page")
	b.click(`#login-caseworker`)
	b.approveAtProvider()
	b.waitText("Mine borgere")
	b.click(`a[href^="/sagsbehandler/borger/"]`)
	b.waitText("Borgeren logger ind med MitID.")
}

func TestBrowserPasswordSignInTurnedOff(t *testing.T) {
	t.Parallel()
	s, _ := startOIDCServer(t, map[string]string{"TRAPPEN_PASSWORD_LOGIN": "false"})
	b := newBrowser(t, phone)
	b.open(s.URL + "/login")
	b.waitText("Log ind med MitID")
	b.oidcScreen("the sign-in page without passwords")
	var fields int
	b.eval(`document.querySelectorAll('input[type=password], input[type=email]').length`, &fields)
	if fields != 0 {
		t.Fatalf("the sign-in page shows %d e-mail or password fields with password sign-in off", fields)
	}
	b.open(s.URL + "/aktiver?kode=ABCD-EFGH-JKLM")
	b.waitText("Fortsæt med MitID")
	b.oidcScreen("the activation page without passwords")
	b.eval(`document.querySelectorAll('input[type=password]').length`, &fields)
	if fields != 0 {
		t.Fatalf("the activation page shows %d password fields with password sign-in off", fields)
	}
	// Without a code, MitID is not started: the field says what is missing.
	b.fill("invite_code", "")
	b.click(`#activate-mitid`)
	b.waitText("Skriv koden")
}

// approveAtProvider presses the test provider's one button.
func (b *browser) approveAtProvider() {
	b.t.Helper()
	b.waitText("Test provider")
	b.click(`#approve`)
}

// oidcScreen checks the screen and keeps a picture of it when
// TRAPPEN_SCREENSHOTS names a folder.
// signOutThroughProvider signs out and waits until the browser is back
// from the provider's sign-out: the app shows its sign-in page before it
// goes there, so the page's text alone cannot tell the two apart.
func (b *browser) signOutThroughProvider() {
	b.t.Helper()
	var marked bool
	b.eval(`window.__beforeSignOut = true`, &marked)
	b.click(`.signed-in-bar button.sign-out`)
	b.waitJS("the sign-in page, back from the provider", `!window.__beforeSignOut && document.getElementById('login-mitid')`)
}

func (b *browser) oidcScreen(name string) {
	b.t.Helper()
	b.checkScreen(name)
	saveScreenshot(b.t, b, b.t.Name()+"-"+name)
}
