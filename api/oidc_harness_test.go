package api

import (
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"trappen/api/oidcrp"
	"trappen/api/oidcrp/testop"
	"trappen/models/store"
	"trappen/models/storetest"
)

// oidcEnv is Trappen with identity providers: "mitid" serves the citizen and
// employer audiences, "entra" the caseworkers. Both are real OpenID
// Providers (zitadel's op) on loopback.
type oidcEnv struct {
	*env
	mitid, entra *testop.Provider
	// settings builds the same relying parties for another instance.
	settings []oidcrp.Settings
}

const (
	testGroup  = "trappen-sagsbehandlere"
	acrSubstan = "https://data.gov.dk/concept/core/nsis/loa/Substantial"
)

// oidcOptions adjusts the app before it starts.
type oidcOptions struct {
	passwordOff bool
	citizenACR  []string
}

func eachOIDCEnv(t *testing.T, opts oidcOptions, fn func(t *testing.T, e *oidcEnv)) {
	storetest.Each(t, func(t *testing.T, s *store.Store) { fn(t, newOIDCEnv(t, s, opts)) })
}

func newOIDCEnv(t *testing.T, st *store.Store, opts oidcOptions) *oidcEnv {
	t.Helper()
	tokens, err := NewTokens(testKey)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	// The provider stamps tokens with the real time, so this clock starts there.
	clk := &clock{t: time.Now().UTC()}
	mitid, entra := testop.Start(t), testop.Start(t)
	clients := map[string]*oidcrp.Client{}
	var settings []oidcrp.Settings
	add := func(p *testop.Provider, s oidcrp.Settings) {
		s.ClientID, s.ClientSecret = "trappen-"+s.Audience, "secret-"+s.Audience
		cl, err := oidcrp.NewClient(s, base, nil, clk.Now)
		if err != nil {
			t.Fatal(err)
		}
		p.AddClient(s.ClientID, s.ClientSecret, []string{cl.RedirectURL()}, []string{base + "/login"})
		clients[s.Audience] = cl
		settings = append(settings, s)
	}
	add(mitid, oidcrp.Settings{Audience: oidcrp.Citizen, Issuer: mitid.Issuer, ACRValues: opts.citizenACR})
	add(mitid, oidcrp.Settings{Audience: oidcrp.Employer, Issuer: mitid.Issuer})
	add(entra, oidcrp.Settings{Audience: oidcrp.Caseworker, Issuer: entra.Issuer, Group: testGroup})
	app := New(Deps{Store: st, Tokens: tokens, Now: clk.Now, Log: discardLogger(), PublicURL: base,
		PasswordLoginOff: opts.passwordOff, OIDC: clients})
	go app.Listener(ln)
	t.Cleanup(func() { app.Shutdown() })
	e := &env{t: t, app: app, store: st, clock: clk, base: base}
	return &oidcEnv{env: e, mitid: mitid, entra: entra, settings: settings}
}

// otherInstance starts a second Trappen on the same database, key and
// public address, as behind a load balancer, and returns its own address.
func (e *oidcEnv) otherInstance() string {
	e.t.Helper()
	tokens, err := NewTokens(testKey)
	if err != nil {
		e.t.Fatal(err)
	}
	clients := map[string]*oidcrp.Client{}
	for _, s := range e.settings {
		if clients[s.Audience], err = oidcrp.NewClient(s, e.base, nil, e.clock.Now); err != nil {
			e.t.Fatal(err)
		}
	}
	app := New(Deps{Store: e.store, Tokens: tokens, Now: e.clock.Now, Log: discardLogger(), PublicURL: e.base, OIDC: clients})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		e.t.Fatal(err)
	}
	go app.Listener(ln)
	e.t.Cleanup(func() { app.Shutdown() })
	return "http://" + ln.Addr().String()
}

// browser is a cookie-keeping HTTP client that does not follow redirects,
// so each hop can be checked.
type browser struct {
	t      *testing.T
	client *http.Client
}

func newBrowser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, client: &http.Client{Jar: jar, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) do(method, rawURL string) resp {
	b.t.Helper()
	req, err := http.NewRequest(method, rawURL, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	res, err := b.client.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", method, rawURL, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return resp{Status: res.StatusCode, Header: res.Header, Body: body, Cookies: res.Cookies()}
}

// cookie is the browser's cookie name for u, or nil.
func (b *browser) cookie(u, name string) *http.Cookie {
	pu, _ := url.Parse(u)
	for _, c := range b.client.Jar.Cookies(pu) {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// start opens the start URL and returns the provider's authorization URL.
func (e *oidcEnv) start(b *browser, audience, query string) *url.URL {
	e.t.Helper()
	r := b.do("GET", e.base+"/api/v1/auth/oidc/"+audience+"/start?"+query)
	if r.Status != http.StatusFound {
		e.t.Fatalf("start: status %d: %s", r.Status, r.Body)
	}
	u, err := url.Parse(r.Header.Get("Location"))
	if err != nil || u.Host == "" {
		e.t.Fatalf("start: Location %q is not the provider", r.Header.Get("Location"))
	}
	return u
}

// approve follows the provider's redirects from the authorization URL until
// it sends the browser back to Trappen, and returns that callback URL.
func (e *oidcEnv) approve(b *browser, authURL *url.URL) string {
	e.t.Helper()
	next := authURL.String()
	for i := 0; i < 10; i++ {
		if strings.HasPrefix(next, e.base) {
			return next
		}
		r := b.do("GET", next)
		if r.Status == http.StatusOK && strings.Contains(string(r.Body), `id="approve"`) {
			r = b.do("POST", next) // the provider's login page: approve
		}
		if r.Status != http.StatusFound && r.Status != http.StatusSeeOther {
			e.t.Fatalf("provider at %s: status %d: %s", next, r.Status, r.Body)
		}
		loc, err := url.Parse(r.Header.Get("Location"))
		if err != nil {
			e.t.Fatal(err)
		}
		cur, _ := url.Parse(next)
		next = cur.ResolveReference(loc).String()
	}
	e.t.Fatal("the provider never sent the browser back")
	return ""
}

// signIn runs a whole sign-in and returns the callback's answer.
func (e *oidcEnv) signIn(b *browser, audience, query string) resp {
	e.t.Helper()
	return b.do("GET", e.approve(b, e.start(b, audience, query)))
}

// expectLoginError checks a callback answer that refuses the sign-in.
func expectLoginError(t *testing.T, r resp, code string) {
	t.Helper()
	if r.Status != http.StatusFound || r.Header.Get("Location") != "/login?error="+code {
		t.Fatalf("want 302 to /login?error=%s, got %d to %q", code, r.Status, r.Header.Get("Location"))
	}
	for _, c := range r.Cookies {
		if c.Name == refreshCookie && c.Value != "" {
			t.Fatalf("a refused sign-in set a refresh cookie")
		}
	}
}

// expectSignedIn checks a callback answer that signs in and goes to path,
// then gets the session with the refresh cookie as the PWA does on load.
func (e *oidcEnv) expectSignedIn(b *browser, r resp, path string) map[string]any {
	e.t.Helper()
	if r.Status != http.StatusFound || r.Header.Get("Location") != path {
		e.t.Fatalf("want 302 to %s, got %d to %q: %s", path, r.Status, r.Header.Get("Location"), r.Body)
	}
	s := b.do("POST", e.base+"/api/v1/auth/refresh")
	if s.Status != http.StatusOK {
		e.t.Fatalf("refresh after the callback: %d %s", s.Status, s.Body)
	}
	return s.JSON(e.t)
}

// invitedCitizen registers a citizen and returns their id and invite code.
func (e *oidcEnv) invitedCitizen(cw session, email string) (id, code string) {
	e.t.Helper()
	m := expect(e.t, e.post("/api/v1/citizens", cw.Token, citizenInput(email)), 201).JSON(e.t)
	return m["id"].(string), m["invite_code"].(string)
}

func userOf(t *testing.T, s map[string]any) map[string]any {
	t.Helper()
	u, ok := s["user"].(map[string]any)
	if !ok {
		t.Fatalf("no user in session: %v", s)
	}
	return u
}
