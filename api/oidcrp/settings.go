// Package oidcrp is Trappen's OpenID Connect relying party: the settings of
// each audience's identity provider, the authorization code flow with PKCE,
// and the verification of the ID token. JWT and JWKS handling is left to
// github.com/coreos/go-oidc; this package holds only Trappen's rules.
package oidcrp

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
)

// The audiences that can sign in with an identity provider.
const (
	Citizen    = "citizen"
	Caseworker = "caseworker"
	Employer   = "employer"
)

// Audiences lists every audience in the order the API reports them.
var Audiences = []string{Citizen, Caseworker, Employer}

// DefaultScopes are asked for when an audience names none.
var DefaultScopes = []string{"openid", "profile", "email"}

// DefaultGroupClaim is the claim that holds a caseworker's groups.
const DefaultGroupClaim = "groups"

// Settings is one audience's identity provider and client.
type Settings struct {
	Audience     string
	Issuer       string
	ClientID     string
	ClientSecret string
	Scopes       []string
	// ACRValues, when set, are asked for and the returned acr must be one of them.
	ACRValues []string
	// Group must be in the GroupClaim of a caseworker's ID token.
	Group      string
	GroupClaim string
}

// Validate checks the settings of one audience.
func (s Settings) Validate() error {
	name := "TRAPPEN_OIDC_" + strings.ToUpper(s.Audience)
	if !slices.Contains(Audiences, s.Audience) {
		return fmt.Errorf("unknown OIDC audience %q", s.Audience)
	}
	if err := CheckIssuer(s.Issuer); err != nil {
		return fmt.Errorf("%s_ISSUER: %w", name, err)
	}
	if s.ClientID == "" {
		return fmt.Errorf("%s_CLIENT_ID is required with %s_ISSUER", name, name)
	}
	if !slices.Contains(s.Scopes, "openid") {
		return fmt.Errorf("%s_SCOPES must contain openid", name)
	}
	if s.Audience == Caseworker && s.Group == "" {
		return errors.New("TRAPPEN_OIDC_CASEWORKER_GROUP is required with TRAPPEN_OIDC_CASEWORKER_ISSUER: " +
			"without it anyone the identity provider knows would become a caseworker")
	}
	return nil
}

// CheckIssuer accepts an https URL, or an http URL on loopback (for tests).
func CheckIssuer(raw string) error {
	if raw == "" {
		return errors.New("is empty")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%q is not an absolute URL without query", raw)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if IsLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("%q: an http issuer is accepted only on loopback", raw)
	}
	return fmt.Errorf("%q: the scheme must be https", raw)
}

// IsLoopback reports whether host is localhost or a loopback address.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// SplitList splits a list separated by spaces or commas.
func SplitList(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}
