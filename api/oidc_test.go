package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"trappen/api/oidcrp/testop"
)

func TestOIDCCitizenLinksThroughInviteThenSignsInWithoutCode(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		cw := e.caseworker("sara@kommune.dk")
		id, code := e.invitedCitizen(cw, "bo@example.dk")
		e.mitid.AddUser(testop.User{Subject: "mitid-bo", Name: "Bo B", Email: "bo@example.dk"})
		e.mitid.SignInAs("mitid-bo")

		b := newBrowser(t)
		auth := e.start(b, "citizen", "return_to=%2Fplan&invite_code="+url.QueryEscape(code))
		q := auth.Query()
		for k, want := range map[string]string{"response_type": "code", "client_id": "trappen-citizen",
			"redirect_uri": e.base + "/api/v1/auth/oidc/citizen/callback", "scope": "openid profile email",
			"code_challenge_method": "S256"} {
			if q.Get(k) != want {
				t.Errorf("authorization %s = %q, want %q", k, q.Get(k), want)
			}
		}
		for _, k := range []string{"state", "nonce", "code_challenge"} {
			if len(q.Get(k)) < 32 {
				t.Errorf("authorization %s = %q: want a fresh random value", k, q.Get(k))
			}
		}
		flow := b.cookie(e.base+"/api/v1/auth/oidc/citizen/callback", flowCookie)
		if flow == nil {
			t.Fatal("no flow cookie for the callback")
		}
		if strings.Contains(flow.Value, code) || strings.Contains(flow.Value, q.Get("state")) {
			t.Fatal("the flow cookie is not sealed")
		}
		r := b.do("GET", e.approve(b, auth))
		for _, c := range r.Cookies {
			if c.Name == refreshCookie && (!c.HttpOnly || c.SameSite != http.SameSiteStrictMode) {
				t.Errorf("refresh cookie %+v: want HttpOnly and SameSite=Strict as at password sign-in", c)
			}
		}
		s := e.expectSignedIn(b, r, "/plan")
		if u := userOf(t, s); u["id"] != id || u["role"] != "citizen" || u["has_password"] != false {
			t.Fatalf("signed in as %v, want citizen %s without a password (the app offers no password change)", u, id)
		}
		if b.cookie(e.base+"/api/v1/auth/oidc/citizen/callback", flowCookie) != nil {
			t.Error("the flow cookie outlived the callback")
		}

		// The invite is used up: neither a password nor another identity can take it.
		expect(t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": code, "password": testPassword}), 401)
		e.mitid.AddUser(testop.User{Subject: "mitid-stranger", Name: "X"})
		e.mitid.SignInAs("mitid-stranger")
		expectLoginError(t, e.signIn(newBrowser(t), "citizen", "invite_code="+url.QueryEscape(code)), "not_registered")
		expectLoginError(t, e.signIn(newBrowser(t), "citizen", ""), "not_registered")

		// The caseworker sees how the citizen signs in.
		d := expect(t, e.get("/api/v1/citizens/"+id, cw.Token), 200).JSON(t)
		if d["sign_in_method"] != "mitid" || d["activated"] != true {
			t.Fatalf("sign_in_method %v, activated %v: want mitid, true", d["sign_in_method"], d["activated"])
		}

		// Later sign-ins need no code, on another device too.
		e.mitid.SignInAs("mitid-bo")
		b2 := newBrowser(t)
		s = e.expectSignedIn(b2, e.signIn(b2, "citizen", ""), "/")
		if userOf(t, s)["id"] != id {
			t.Fatal("the later sign-in found another user")
		}
	})
}

func TestOIDCSignInMethodPasswordAndNone(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		cw := e.caseworker("sara@kommune.dk")
		id, _ := e.invitedCitizen(cw, "new@example.dk")
		if d := expect(t, e.get("/api/v1/citizens/"+id, cw.Token), 200).JSON(t); d["sign_in_method"] != nil {
			t.Fatalf("before activation sign_in_method = %v, want null", d["sign_in_method"])
		}
		pw := e.citizen(cw, "pw@example.dk")
		if d := expect(t, e.get("/api/v1/citizens/"+pw.ID, cw.Token), 200).JSON(t); d["sign_in_method"] != "password" {
			t.Fatalf("sign_in_method = %v, want password", d["sign_in_method"])
		}
		if me := expect(t, e.get("/api/v1/me", pw.Token), 200).JSON(t); me["has_password"] != true {
			t.Fatalf("GET /me %v: want has_password true for a citizen who set one", me)
		}
	})
}

func TestOIDCStateIsCheckedAndUsedOnce(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		cw := e.caseworker("sara@kommune.dk")
		_, code := e.invitedCitizen(cw, "bo@example.dk")
		e.mitid.AddUser(testop.User{Subject: "mitid-bo"})
		e.mitid.SignInAs("mitid-bo")

		// A state other than the flow's.
		b := newBrowser(t)
		cb, _ := url.Parse(e.approve(b, e.start(b, "citizen", "invite_code="+url.QueryEscape(code))))
		q := cb.Query()
		q.Set("state", q.Get("state")+"x")
		wrong := *cb
		wrong.RawQuery = q.Encode()
		expectLoginError(t, b.do("GET", wrong.String()), "oidc_failed")

		// The right callback in a browser without the flow cookie.
		b = newBrowser(t)
		cbURL := e.approve(b, e.start(b, "citizen", "invite_code="+url.QueryEscape(code)))
		expectLoginError(t, newBrowser(t).do("GET", cbURL), "oidc_failed")

		// A flow older than its lifetime.
		b = newBrowser(t)
		cbURL = e.approve(b, e.start(b, "citizen", "invite_code="+url.QueryEscape(code)))
		e.clock.Advance(11 * time.Minute)
		expectLoginError(t, b.do("GET", cbURL), "oidc_failed")

		// A state used once, replayed with its own cookie (as from another instance).
		b = newBrowser(t)
		cbURL = e.approve(b, e.start(b, "citizen", "invite_code="+url.QueryEscape(code)))
		flow := b.cookie(cbURL, flowCookie)
		e.expectSignedIn(b, b.do("GET", cbURL), "/")
		replay := newBrowser(t)
		u, _ := url.Parse(e.base)
		replay.client.Jar.SetCookies(u, []*http.Cookie{{Name: flowCookie, Value: flow.Value, Path: flowCookiePath}})
		expectLoginError(t, replay.do("GET", cbURL), "oidc_failed")
	})
}

func TestOIDCCodeWorksOnce(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		e.linkedCitizen("mitid-bo")
		b := newBrowser(t)
		first, _ := url.Parse(e.approve(b, e.start(b, "citizen", "")))
		e.expectSignedIn(b, b.do("GET", first.String()), "/")
		// A new flow whose callback carries the first flow's code.
		second, _ := url.Parse(e.approve(b, e.start(b, "citizen", "")))
		q := second.Query()
		q.Set("code", first.Query().Get("code"))
		second.RawQuery = q.Encode()
		expectLoginError(t, b.do("GET", second.String()), "oidc_failed")
	})
}

// linkedCitizen makes a citizen whose MitID identity sub is already linked.
func (e *oidcEnv) linkedCitizen(sub string) string {
	e.t.Helper()
	cw := e.caseworker("cw-" + sub + "@kommune.dk")
	id, code := e.invitedCitizen(cw, sub+"@example.dk")
	e.mitid.AddUser(testop.User{Subject: sub, Name: "Bo", ACR: acrSubstan})
	e.mitid.SignInAs(sub)
	b := newBrowser(e.t)
	e.expectSignedIn(b, e.signIn(b, "citizen", "invite_code="+url.QueryEscape(code)), "/")
	return id
}

func TestOIDCRefusesTokensThatFailVerification(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		e.linkedCitizen("mitid-bo")
		for name, tm := range map[string]testop.Tampering{
			"wrong aud":       {WrongAudience: true},
			"wrong nonce":     {WrongNonce: true},
			"unpublished key": {UnpublishedKey: true},
			"expired":         {Expired: true},
		} {
			t.Run(name, func(t *testing.T) {
				e.mitid.Tamper(tm)
				expectLoginError(t, e.signIn(newBrowser(t), "citizen", ""), "oidc_failed")
				e.mitid.Tamper(testop.Tampering{})
				// The same sign-in untampered works, so the refusal was the tampering's.
				b := newBrowser(t)
				e.expectSignedIn(b, e.signIn(b, "citizen", ""), "/")
			})
		}
	})
}

func TestOIDCFollowsKeyRotation(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		e.linkedCitizen("mitid-bo") // the keys are now cached
		before := e.mitid.KeyID()
		e.mitid.RotateKey()
		if e.mitid.KeyID() == before {
			t.Fatal("the key did not rotate")
		}
		b := newBrowser(t)
		e.expectSignedIn(b, e.signIn(b, "citizen", ""), "/")
	})
}

func TestOIDCReturnToStaysOnTrappen(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		e.linkedCitizen("mitid-bo")
		for raw, want := range map[string]string{
			"/moeder/abc?vis=1":     "/moeder/abc?vis=1",
			"//evil.example":        "/",
			"/\\evil.example":       "/",
			"https://evil.example/": "/",
			"/%2F%2Fevil.example":   "/",
			"/%5Cevil.example":      "/",
			"/%252F%252Fevil":       "/",
			"/\t/evil.example":      "/",
			"javascript:alert(1)":   "/",
			"evil.example":          "/",
			"/api/v1/auth/logout":   "/",
		} {
			b := newBrowser(t)
			e.expectSignedIn(b, e.signIn(b, "citizen", "return_to="+url.QueryEscape(raw)), want)
		}
	})
}

func TestOIDCAnotherInstanceFinishesTheSignInOnce(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		e.linkedCitizen("mitid-bo")
		other := e.otherInstance()
		b := newBrowser(t)
		cb := e.approve(b, e.start(b, "citizen", "return_to=%2Fplan"))
		onOther := strings.Replace(cb, e.base, other, 1)
		flow := b.cookie(cb, flowCookie)
		r := b.do("GET", onOther)
		if r.Status != http.StatusFound || r.Header.Get("Location") != "/plan" {
			t.Fatalf("the other instance answered %d to %q", r.Status, r.Header.Get("Location"))
		}
		// The state is spent for every instance.
		replay := newBrowser(t)
		u, _ := url.Parse(e.base)
		replay.client.Jar.SetCookies(u, []*http.Cookie{{Name: flowCookie, Value: flow.Value, Path: flowCookiePath}})
		expectLoginError(t, replay.do("GET", cb), "oidc_failed")
	})
}

// A code re-issued for an account already in use cannot move it to another
// MitID at once: the code holder (the caseworker, or whoever they gave it to)
// gets not_registered, and the citizen's own MitID keeps working. The
// waiting period and the sealing are tested in models/identity.
func TestOIDCReissuedInviteCannotMoveAnActiveAccountAtOnce(t *testing.T) {
	t.Parallel()
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		cw := e.caseworker("sara@kommune.dk")
		id, code := e.invitedCitizen(cw, "bo@example.dk")
		e.mitid.AddUser(testop.User{Subject: "old-mitid"})
		e.mitid.AddUser(testop.User{Subject: "new-mitid"})
		e.mitid.SignInAs("old-mitid")
		first := newBrowser(t)
		e.expectSignedIn(first, e.signIn(first, "citizen", "invite_code="+url.QueryEscape(code)), "/")

		again := expect(t, e.post("/api/v1/citizens/"+id+"/invite", cw.Token, nil), 201).JSON(t)["invite_code"].(string)
		e.mitid.SignInAs("new-mitid")
		expectLoginError(t, e.signIn(newBrowser(t), "citizen", "invite_code="+url.QueryEscape(again)), "not_registered")
		// The citizen's own MitID and session still work.
		expect(t, first.do("POST", e.base+"/api/v1/auth/refresh"), 200)
		e.mitid.SignInAs("old-mitid")
		b := newBrowser(t)
		if u := userOf(t, e.expectSignedIn(b, e.signIn(b, "citizen", ""), "/")); u["id"] != id {
			t.Fatalf("the citizen's own MitID now opens %v", u["id"])
		}
	})
}
