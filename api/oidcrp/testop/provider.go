// Package testop runs a real OpenID Provider (zitadel's op package) on
// loopback for Trappen's tests: discovery, JWKS, authorize, token and
// end-session endpoints are the library's; this package only keeps its
// in-memory storage and a login page that approves the chosen test user at
// once. It also lets a test make the provider misbehave (wrong audience or
// nonce, an unpublished signing key, expired tokens) and rotate its key.
package testop

import (
	"crypto/sha256"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"
)

// User is a person the provider knows.
type User struct {
	Subject string
	Name    string
	Email   string
	Groups  []string
	// ACR is the authentication context the provider reports for them.
	ACR string
}

// Tampering makes the provider issue ID tokens that a relying party must refuse.
type Tampering struct {
	WrongAudience  bool // aud names another client
	WrongNonce     bool // nonce is not the one asked for
	UnpublishedKey bool // signed by a key the JWKS does not hold (same kid)
	Expired        bool // exp is already past
}

// Provider is a running OpenID Provider.
type Provider struct {
	// Issuer is the provider's URL (http://127.0.0.1:port).
	Issuer string
	store  *storage
	server *httptest.Server
	down   atomic.Bool
}

const loginPath = "/login"

const loginPage = `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Test provider</title></head>
<body><main><h1>Test provider</h1><form method="post" action="%s"><button id="approve">Godkend</button></form></main></body></html>`

// Start runs a provider on loopback until the test ends.
func Start(t testing.TB) *Provider { return StartAt(t, "127.0.0.1") }

// StartAt runs a provider whose issuer names host ("localhost" makes it
// another site than Trappen on 127.0.0.1, as a real provider is).
func StartAt(t testing.TB, host string) *Provider {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	issuer := "http://" + net.JoinHostPort(host, port)
	st := newStorage()
	cfg := &op.Config{
		CryptoKey:                sha256.Sum256([]byte("trappen test provider")),
		DefaultLogoutRedirectURI: "/logged-out",
		CodeMethodS256:           true,
		AuthMethodPost:           true,
		SupportedUILocales:       []language.Tag{language.Danish},
		SupportedClaims:          append(op.DefaultSupportedClaims, "groups"),
	}
	p, err := op.NewProvider(cfg, st, op.StaticIssuer(issuer), op.WithAllowInsecure())
	if err != nil {
		t.Fatalf("test provider: %v", err)
	}
	mux := http.NewServeMux()
	intercept := op.NewIssuerInterceptor(p.IssuerFromRequest)
	callback := op.AuthCallbackURL(p)
	// The login page asks for nothing: one button approves the chosen user.
	// The way back to Trappen thus starts from the provider's own page, as
	// after a real MitID approval (a browser then sends no SameSite=Strict
	// cookie to Trappen's callback).
	mux.Handle(loginPath, intercept.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("authRequestID")
		if r.Method != http.MethodPost {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, loginPage, html.EscapeString(r.URL.RequestURI()))
			return
		}
		if err := st.approve(id); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		http.Redirect(w, r, callback(r.Context(), id), http.StatusFound)
	}))
	mux.HandleFunc("/logged-out", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("signed out")) })
	mux.Handle("/", p)
	prov := &Provider{Issuer: issuer, store: st, server: srv}
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if prov.down.Load() {
			http.Error(w, "down for the test", http.StatusServiceUnavailable)
			return
		}
		mux.ServeHTTP(w, r)
	})
	srv.Start()
	t.Cleanup(srv.Close)
	return prov
}

// SetDown makes every endpoint answer 503 (true) or work again (false).
func (p *Provider) SetDown(down bool) { p.down.Store(down) }

// AddClient registers a confidential web client.
func (p *Provider) AddClient(id, secret string, redirectURIs, postLogoutURIs []string) {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	p.store.clients[id] = &client{id: id, secret: secret, redirectURIs: redirectURIs, postLogout: postLogoutURIs}
}

// AddUser adds or replaces a user.
func (p *Provider) AddUser(u User) {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	p.store.users[u.Subject] = u
}

// SignInAs chooses whom the login page approves from now on.
func (p *Provider) SignInAs(subject string) {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	p.store.next = subject
}

// Tamper sets how the next ID tokens go wrong (the zero value: not at all).
func (p *Provider) Tamper(tm Tampering) {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	p.store.tamper = tm
}

// RotateKey replaces the signing key: the JWKS publishes only the new one.
func (p *Provider) RotateKey() {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	p.store.key = newKeyUnlike(p.store.key)
}

// KeyID is the id of the key the JWKS publishes now.
func (p *Provider) KeyID() string {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	return p.store.key.id
}

// client is a confidential web client of the provider.
type client struct {
	id, secret   string
	redirectURIs []string
	postLogout   []string
	expired      bool
}

func (c *client) GetID() string                       { return c.id }
func (c *client) RedirectURIs() []string              { return c.redirectURIs }
func (c *client) PostLogoutRedirectURIs() []string    { return c.postLogout }
func (c *client) ApplicationType() op.ApplicationType { return op.ApplicationTypeWeb }
func (c *client) AuthMethod() oidc.AuthMethod         { return oidc.AuthMethodBasic }
func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c *client) GrantTypes() []oidc.GrantType         { return []oidc.GrantType{oidc.GrantTypeCode} }
func (c *client) LoginURL(id string) string            { return loginPath + "?authRequestID=" + id }
func (c *client) AccessTokenType() op.AccessTokenType  { return op.AccessTokenTypeBearer }
func (c *client) DevMode() bool                        { return false }
func (c *client) IsScopeAllowed(string) bool           { return false }
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return true }
func (c *client) ClockSkew() time.Duration             { return 0 }
func (c *client) IDTokenLifetime() time.Duration {
	if c.expired {
		return -time.Minute
	}
	return time.Hour
}
func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
