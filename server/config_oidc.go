package main

import (
	"fmt"
	"strings"
	"time"

	"trappen/api/oidcrp"
)

// loadSignInConfig reads TRAPPEN_PASSWORD_LOGIN and each
// audience's TRAPPEN_OIDC_<AUDIENCE>_* settings (issue 11).
func loadSignInConfig(getenv func(string) string, c *Config) error {
	// TRAPPEN_PUBLIC_URL is read (and checked) by LoadConfig before this.
	var err error
	if c.PasswordLogin, err = envBool(getenv, "TRAPPEN_PASSWORD_LOGIN", true); err != nil {
		return err
	}
	for _, aud := range oidcrp.Audiences {
		s, ok, err := audienceSettings(getenv, aud)
		if err != nil {
			return err
		}
		if ok {
			c.OIDC = append(c.OIDC, s)
		}
	}
	if len(c.OIDC) > 0 && c.PublicURL == "" {
		return fmt.Errorf("TRAPPEN_PUBLIC_URL is required with an identity provider: redirect URIs are built from it")
	}
	if !c.PasswordLogin && len(c.OIDC) == 0 {
		return fmt.Errorf("TRAPPEN_PASSWORD_LOGIN=false needs an identity provider (TRAPPEN_OIDC_*_ISSUER), or nobody can sign in")
	}
	return nil
}

// audienceSettings reads one audience; ok is false when it has no issuer.
func audienceSettings(getenv func(string) string, aud string) (oidcrp.Settings, bool, error) {
	p := "TRAPPEN_OIDC_" + strings.ToUpper(aud) + "_"
	s := oidcrp.Settings{Audience: aud, Issuer: strings.TrimSpace(getenv(p + "ISSUER")),
		ClientID: strings.TrimSpace(getenv(p + "CLIENT_ID")), Scopes: oidcrp.SplitList(getenv(p + "SCOPES")),
		ACRValues: oidcrp.SplitList(getenv(p + "ACR_VALUES"))}
	if s.Issuer == "" {
		if s.ClientID != "" {
			return s, false, fmt.Errorf("%sCLIENT_ID is set without %sISSUER", p, p)
		}
		return s, false, nil
	}
	secret, err := secret(getenv, p+"CLIENT_SECRET")
	if err != nil {
		return s, false, err
	}
	s.ClientSecret = string(secret)
	if len(s.Scopes) == 0 {
		s.Scopes = oidcrp.DefaultScopes
	}
	if aud == oidcrp.Caseworker {
		s.Group = strings.TrimSpace(getenv("TRAPPEN_OIDC_CASEWORKER_GROUP"))
		s.GroupClaim = envOr(getenv, "TRAPPEN_OIDC_CASEWORKER_GROUP_CLAIM", oidcrp.DefaultGroupClaim)
	}
	return s, true, s.Validate()
}

// oidcClients prepares a relying party per configured audience. Discovery
// waits for the first sign-in, so Trappen starts while a provider is down.
func oidcClients(cfg Config, now func() time.Time) (map[string]*oidcrp.Client, error) {
	out := map[string]*oidcrp.Client{}
	for _, s := range cfg.OIDC {
		cl, err := oidcrp.NewClient(s, cfg.PublicURL, nil, now)
		if err != nil {
			return nil, err
		}
		out[s.Audience] = cl
	}
	return out, nil
}
