package oidcrp

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// CallbackPath is where an audience's provider sends the browser back.
func CallbackPath(audience string) string { return "/api/v1/auth/oidc/" + audience + "/callback" }

// Client is one audience's relying party. Discovery happens on first use and
// is retried until it succeeds, so Trappen starts while a provider is down.
// The provider's keys are fetched by go-oidc's remote key set, which caches
// them and fetches them again when a token names a key it does not know
// (key rotation).
type Client struct {
	settings    Settings
	redirectURL string
	http        *http.Client
	now         func() time.Time

	mu       sync.Mutex
	failedAt time.Time // when discovery last failed (zero: never)
	failures int       // failed discoveries in a row
	lastErr  error
	provider *oidc.Provider
	verifier *oidc.IDTokenVerifier
	oauth    *oauth2.Config
	endSess  string
}

// NewClient prepares the relying party for s; publicURL is where users reach
// Trappen. A nil httpClient means one with a 10-second timeout.
func NewClient(s Settings, publicURL string, httpClient *http.Client, now func() time.Time) (*Client, error) {
	if len(s.Scopes) == 0 {
		s.Scopes = DefaultScopes
	}
	if s.GroupClaim == "" {
		s.GroupClaim = DefaultGroupClaim
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if httpClient == nil {
		httpClient = &http.Client{Timeout: 10 * time.Second}
	}
	if now == nil {
		now = time.Now
	}
	return &Client{settings: s, redirectURL: strings.TrimRight(publicURL, "/") + CallbackPath(s.Audience),
		http: httpClient, now: now}, nil
}

// Settings returns the client's settings with defaults filled in.
func (c *Client) Settings() Settings { return c.settings }

// RedirectURL is the callback URL registered with the provider.
func (c *Client) RedirectURL() string { return c.redirectURL }

// discover fetches the provider's discovery document once it answers.
func (c *Client) discover(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.provider != nil {
		return nil
	}
	// While the provider is down, sign-ins fail at once with the last
	// reason instead of each waiting out the HTTP timeout in turn behind
	// this lock; the wait before the next try doubles up to a minute.
	if c.failures > 0 && c.now().Before(c.failedAt.Add(discoveryBackoff(c.failures))) {
		return c.lastErr
	}
	p, extra, err := c.fetchDiscovery(ctx)
	if err != nil {
		c.failures++
		c.failedAt, c.lastErr = c.now(), fmt.Errorf("discover %s: %w", c.settings.Issuer, err)
		return c.lastErr
	}
	c.failures, c.lastErr = 0, nil
	c.provider = p
	c.verifier = p.Verifier(&oidc.Config{ClientID: c.settings.ClientID, Now: c.now})
	c.oauth = &oauth2.Config{ClientID: c.settings.ClientID, ClientSecret: c.settings.ClientSecret,
		Endpoint: p.Endpoint(), RedirectURL: c.redirectURL, Scopes: c.settings.Scopes}
	c.endSess = extra.EndSession
	return nil
}

// fetchDiscovery reads the provider's discovery document.
func (c *Client) fetchDiscovery(ctx context.Context) (*oidc.Provider, discoveryExtra, error) {
	var extra discoveryExtra
	// The key set keeps the HTTP client from this context, not its deadline.
	p, err := oidc.NewProvider(oidc.ClientContext(ctx, c.http), c.settings.Issuer)
	if err != nil {
		return nil, extra, err
	}
	if err := p.Claims(&extra); err != nil {
		return nil, extra, err
	}
	return p, extra, nil
}

// discoveryExtra is what Trappen reads from discovery beyond go-oidc.
type discoveryExtra struct {
	EndSession string `json:"end_session_endpoint"`
}

// discoveryBackoff is the wait after n failed discoveries in a row: 2 s,
// 4 s, 8 s … at most a minute.
func discoveryBackoff(n int) time.Duration {
	d := 2 * time.Second
	for i := 1; i < n && d < time.Minute; i++ {
		d *= 2
	}
	return min(d, time.Minute)
}

// AuthCodeURL is the provider's authorization URL for one sign-in, with
// state, nonce and the S256 challenge of verifier.
func (c *Client) AuthCodeURL(ctx context.Context, state, nonce, verifier string) (string, error) {
	if err := c.discover(ctx); err != nil {
		return "", err
	}
	opts := []oauth2.AuthCodeOption{oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)}
	if len(c.settings.ACRValues) > 0 {
		opts = append(opts, oauth2.SetAuthURLParam("acr_values", strings.Join(c.settings.ACRValues, " ")))
	}
	return c.oauth.AuthCodeURL(state, opts...), nil
}

// Identity is what a verified ID token says about the person.
type Identity struct {
	Issuer  string
	Subject string
	Name    string
	Email   string
	ACR     string
	// InGroup is whether the group claim holds Settings.Group (false when no
	// group is configured).
	InGroup bool
}

// ErrVerification wraps every reason an exchange or ID token is refused.
var ErrVerification = errors.New("OpenID Connect sign-in failed")

// Finish exchanges code (with the PKCE verifier and the client secret) and
// verifies the ID token: signature from the provider's keys, iss, aud, exp,
// the nonce of this sign-in and, when configured, acr.
func (c *Client) Finish(ctx context.Context, code, verifier, nonce string) (*Identity, error) {
	if err := c.discover(ctx); err != nil {
		return nil, err
	}
	tok, err := c.oauth.Exchange(oidc.ClientContext(ctx, c.http), code, oauth2.VerifierOption(verifier))
	if err != nil {
		return nil, fmt.Errorf("%w: exchange code: %w", ErrVerification, err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, fmt.Errorf("%w: no id_token in the token response", ErrVerification)
	}
	idt, err := c.verifier.Verify(ctx, raw)
	if err != nil {
		return nil, fmt.Errorf("%w: verify ID token: %w", ErrVerification, err)
	}
	if nonce == "" || subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nonce)) != 1 {
		return nil, fmt.Errorf("%w: the ID token's nonce is not this sign-in's", ErrVerification)
	}
	var claims map[string]json.RawMessage
	if err := idt.Claims(&claims); err != nil {
		return nil, fmt.Errorf("%w: read claims: %w", ErrVerification, err)
	}
	id := &Identity{Issuer: idt.Issuer, Subject: idt.Subject, Name: stringClaim(claims, "name"),
		Email: stringClaim(claims, "email"), ACR: stringClaim(claims, "acr")}
	if id.Email == "" && strings.Contains(stringClaim(claims, "preferred_username"), "@") {
		id.Email = stringClaim(claims, "preferred_username") // Entra ID's user principal name
	}
	if len(c.settings.ACRValues) > 0 && !slices.Contains(c.settings.ACRValues, id.ACR) {
		return nil, fmt.Errorf("%w: acr %q is not one of the configured values", ErrVerification, id.ACR)
	}
	if c.settings.Group != "" {
		id.InGroup = slices.Contains(listClaim(claims, c.settings.GroupClaim), c.settings.Group)
	}
	return id, nil
}

// EndSessionURL is the provider's logout URL (RP-initiated logout) that
// returns the browser to postLogout; ok is false when the provider's
// discovery names no end_session_endpoint or is not reachable.
func (c *Client) EndSessionURL(ctx context.Context, postLogout string) (string, bool) {
	if err := c.discover(ctx); err != nil || c.endSess == "" {
		return "", false
	}
	u, err := url.Parse(c.endSess)
	if err != nil {
		return "", false
	}
	q := u.Query()
	q.Set("client_id", c.settings.ClientID)
	q.Set("post_logout_redirect_uri", postLogout)
	u.RawQuery = q.Encode()
	return u.String(), true
}

func stringClaim(claims map[string]json.RawMessage, name string) string {
	var s string
	if raw, ok := claims[name]; ok && json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	return ""
}

// listClaim reads a claim that is a list of strings or a single string.
func listClaim(claims map[string]json.RawMessage, name string) []string {
	raw, ok := claims[name]
	if !ok {
		return nil
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return list
	}
	if s := stringClaim(claims, name); s != "" {
		return []string{s}
	}
	return nil
}
