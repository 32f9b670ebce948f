package api

import (
	"context"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"trappen/api/oidcrp/testop"
	"trappen/models"
)

func TestOIDCCaseworkerIsCreatedOnlyWithTheGroup(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		e.entra.AddUser(testop.User{Subject: "entra-ole", Name: "Ole Olsen", Email: "ole@kommune.dk",
			Groups: []string{"alle", testGroup}})
		e.entra.AddUser(testop.User{Subject: "entra-kim", Name: "Kim", Email: "kim@kommune.dk", Groups: []string{"alle"}})

		e.entra.SignInAs("entra-kim")
		expectLoginError(t, e.signIn(newBrowser(t), "caseworker", ""), "not_allowed")

		e.entra.SignInAs("entra-ole")
		b := newBrowser(t)
		s := e.expectSignedIn(b, e.signIn(b, "caseworker", "return_to=%2Fsagsbehandler"), "/sagsbehandler")
		u := userOf(t, s)
		if u["role"] != "caseworker" || u["name"] != "Ole Olsen" {
			t.Fatalf("JIT caseworker %v", u)
		}
		// The new caseworker works: registers a citizen.
		expect(t, e.post("/api/v1/citizens", s["access_token"].(string), citizenInput("b@example.dk")), 201)

		// Same identity again: the same account, not a second one.
		b = newBrowser(t)
		if again := userOf(t, e.expectSignedIn(b, e.signIn(b, "caseworker", ""), "/")); again["id"] != u["id"] {
			t.Fatal("a second sign-in made another caseworker")
		}
		// The group is checked at every sign-in.
		e.entra.AddUser(testop.User{Subject: "entra-ole", Name: "Ole Olsen", Email: "ole@kommune.dk"})
		expectLoginError(t, e.signIn(newBrowser(t), "caseworker", ""), "not_allowed")
	})
}

func TestOIDCCaseworkerWithPasswordAccountIsLinkedByEmail(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		cw := e.caseworker("sara@kommune.dk")
		e.entra.AddUser(testop.User{Subject: "entra-sara", Name: "Sara", Email: "Sara@Kommune.dk", Groups: []string{testGroup}})
		e.entra.SignInAs("entra-sara")
		b := newBrowser(t)
		if u := userOf(t, e.expectSignedIn(b, e.signIn(b, "caseworker", ""), "/")); u["id"] != cw.ID {
			t.Fatalf("signed in as %v, want the existing caseworker %s", u["id"], cw.ID)
		}
		// A citizen's e-mail never becomes a caseworker.
		e.citizen(cw, "bo@example.dk")
		e.entra.AddUser(testop.User{Subject: "entra-bo", Name: "Bo", Email: "bo@example.dk", Groups: []string{testGroup}})
		e.entra.SignInAs("entra-bo")
		expectLoginError(t, e.signIn(newBrowser(t), "caseworker", ""), "not_allowed")
	})
}

func TestOIDCACRMustBeOneOfTheConfigured(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{citizenACR: []string{acrSubstan}}, func(t *testing.T, e *oidcEnv) {
		cw := e.caseworker("sara@kommune.dk")
		_, code := e.invitedCitizen(cw, "bo@example.dk")
		e.mitid.AddUser(testop.User{Subject: "mitid-bo", ACR: "https://data.gov.dk/concept/core/nsis/loa/Low"})
		e.mitid.SignInAs("mitid-bo")
		b := newBrowser(t)
		auth := e.start(b, "citizen", "invite_code="+url.QueryEscape(code))
		if auth.Query().Get("acr_values") != acrSubstan {
			t.Fatalf("acr_values = %q, want %q", auth.Query().Get("acr_values"), acrSubstan)
		}
		expectLoginError(t, b.do("GET", e.approve(b, auth)), "oidc_failed")

		e.mitid.AddUser(testop.User{Subject: "mitid-bo", ACR: acrSubstan})
		b = newBrowser(t)
		e.expectSignedIn(b, e.signIn(b, "citizen", "invite_code="+url.QueryEscape(code)), "/")
	})
}

func TestOIDCPasswordLoginOff(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{passwordOff: true}, func(t *testing.T, e *oidcEnv) {
		m := expect(t, e.get("/api/v1/auth/methods", ""), 200).JSON(t)
		if m["password"] != false || !reflect.DeepEqual(m["oidc"], []any{"citizen", "caseworker", "employer"}) {
			t.Fatalf("methods %v", m)
		}
		if _, err := e.store.Identity.CreateCaseworker(context.Background(), models.NewCaseworker{Email: "s@kommune.dk",
			Name: "S", Password: testPassword}, e.clock.Now()); err != nil {
			t.Fatal(err)
		}
		r := expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": "s@kommune.dk", "password": testPassword}), 404)
		if r.ErrorCode(t) != "not_found" {
			t.Fatalf("login code %s", r.ErrorCode(t))
		}
		expect(t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": "ABCD-EFGH-JKLM", "password": testPassword}), 404)
	})
}

func TestOIDCMethodsWithoutProviders(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		m := expect(t, e.get("/api/v1/auth/methods", ""), 200).JSON(t)
		if m["password"] != true || !reflect.DeepEqual(m["oidc"], []any{}) {
			t.Fatalf("methods %v", m)
		}
		// Without a provider the OIDC routes do not exist.
		expect(t, e.get("/api/v1/auth/oidc/citizen/start", ""), 404)
		expect(t, e.get("/api/v1/auth/oidc/citizen/callback?code=x&state=y", ""), 404)
	})
}

func TestOIDCProviderDownThenUp(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		e.mitid.SetDown(true)
		m := expect(t, e.get("/api/v1/auth/methods", ""), 200).JSON(t)
		if len(m["oidc"].([]any)) != 3 {
			t.Fatalf("methods %v: a provider that is down is still offered", m)
		}
		r := newBrowser(t).do("GET", e.base+"/api/v1/auth/oidc/citizen/start")
		expectLoginError(t, r, "oidc_failed")
		// At once, the same refusal without waiting for the provider again;
		// after the back-off, discovery is tried again at the next sign-in.
		e.mitid.SetDown(false)
		expectLoginError(t, newBrowser(t).do("GET", e.base+"/api/v1/auth/oidc/citizen/start"), "oidc_failed")
		e.clock.Advance(2 * time.Second)
		e.start(newBrowser(t), "citizen", "")
	})
}

func TestOIDCUnknownAudienceAndBadCallbacks(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		expect(t, e.get("/api/v1/auth/oidc/admin/start", ""), 404)
		b := newBrowser(t)
		for _, q := range []string{"", "code=x", "state=y", "code=x&state=y", "error=access_denied&state=y",
			"code=" + strings.Repeat("x", 1000) + "&state=%ZZ"} {
			expectLoginError(t, b.do("GET", e.base+"/api/v1/auth/oidc/citizen/callback?"+q), "oidc_failed")
		}
		// A flow started for one audience does not finish another.
		e.mitid.AddUser(testop.User{Subject: "mitid-bo"})
		e.mitid.SignInAs("mitid-bo")
		cb := e.approve(b, e.start(b, "citizen", ""))
		expectLoginError(t, b.do("GET", strings.Replace(cb, "/citizen/", "/employer/", 1)), "oidc_failed")
		// The provider's refusal (the person cancelled) is oidc_failed too.
		state := e.start(b, "citizen", "").Query().Get("state")
		flowURL := e.base + "/api/v1/auth/oidc/citizen/callback?error=access_denied&state="
		expectLoginError(t, b.do("GET", flowURL+url.QueryEscape(state)), "oidc_failed")
	})
}

func TestOIDCEmployerAudienceIsNotForCitizens(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		cw := e.caseworker("sara@kommune.dk")
		_, code := e.invitedCitizen(cw, "bo@example.dk")
		e.mitid.AddUser(testop.User{Subject: "mitid-bo"})
		e.mitid.SignInAs("mitid-bo")
		expectLoginError(t, e.signIn(newBrowser(t), "employer", "invite_code="+url.QueryEscape(code)), "not_allowed")
		// The refusal did not spend the invite.
		b := newBrowser(t)
		e.expectSignedIn(b, e.signIn(b, "citizen", "invite_code="+url.QueryEscape(code)), "/")
		// Once linked as a citizen, the identity cannot use the employer audience either.
		expectLoginError(t, e.signIn(newBrowser(t), "employer", ""), "not_allowed")
	})
}

func TestOIDCLogoutEndsBothSessions(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		e.linkedCitizen("mitid-bo")
		b := newBrowser(t)
		e.expectSignedIn(b, e.signIn(b, "citizen", ""), "/")
		r := b.do("GET", e.base+"/api/v1/auth/oidc/citizen/logout")
		loc, _ := url.Parse(r.Header.Get("Location"))
		if r.Status != 302 || !strings.HasPrefix(loc.String(), e.mitid.Issuer) ||
			loc.Query().Get("post_logout_redirect_uri") != e.base+"/login" || loc.Query().Get("client_id") != "trappen-citizen" {
			t.Fatalf("logout: %d to %q", r.Status, loc)
		}
		expect(t, b.do("POST", e.base+"/api/v1/auth/refresh"), 401)
		// The provider ends its session and sends the browser back to the sign-in page.
		back := b.do("GET", loc.String())
		if back.Status != 302 || back.Header.Get("Location") != e.base+"/login" {
			t.Fatalf("provider logout: %d to %q: %s", back.Status, back.Header.Get("Location"), back.Body)
		}
	})
}
