package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func envMap(m map[string]string) func(string) string { return func(n string) string { return m[n] } }

func TestSignInConfig(t *testing.T) {
	t.Parallel()
	cfg, err := LoadConfig(envMap(nil))
	if err != nil || !cfg.PasswordLogin || len(cfg.OIDC) != 0 || cfg.PublicURL != "" {
		t.Fatalf("default: %+v, %v: want password sign-in only", cfg, err)
	}
	secretFile := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secretFile, []byte("from-file\n"), 0o600)
	cfg, err = LoadConfig(envMap(map[string]string{
		"TRAPPEN_PUBLIC_URL":                         "https://trappen.example.dk/",
		"TRAPPEN_PASSWORD_LOGIN":                     "false",
		"TRAPPEN_OIDC_CITIZEN_ISSUER":                "https://broker.example.dk",
		"TRAPPEN_OIDC_CITIZEN_CLIENT_ID":             "trappen",
		"TRAPPEN_OIDC_CITIZEN_CLIENT_SECRET":         "s3cret",
		"TRAPPEN_OIDC_CITIZEN_ACR_VALUES":            "https://data.gov.dk/concept/core/nsis/loa/Substantial https://data.gov.dk/concept/core/nsis/loa/High",
		"TRAPPEN_OIDC_CASEWORKER_ISSUER":             "https://login.microsoftonline.com/tenant/v2.0",
		"TRAPPEN_OIDC_CASEWORKER_CLIENT_ID":          "app-id",
		"TRAPPEN_OIDC_CASEWORKER_CLIENT_SECRET_FILE": secretFile,
		"TRAPPEN_OIDC_CASEWORKER_SCOPES":             "openid,profile,email",
		"TRAPPEN_OIDC_CASEWORKER_GROUP":              "group-object-id",
		"TRAPPEN_OIDC_CASEWORKER_GROUP_CLAIM":        "roles",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.PublicURL != "https://trappen.example.dk" || cfg.PasswordLogin || len(cfg.OIDC) != 2 {
		t.Fatalf("config %+v", cfg)
	}
	c, w := cfg.OIDC[0], cfg.OIDC[1]
	if c.Audience != "citizen" || c.ClientSecret != "s3cret" || len(c.ACRValues) != 2 ||
		!reflect.DeepEqual(c.Scopes, []string{"openid", "profile", "email"}) {
		t.Errorf("citizen %+v", c)
	}
	if w.Audience != "caseworker" || w.ClientSecret != "from-file" || w.Group != "group-object-id" || w.GroupClaim != "roles" {
		t.Errorf("caseworker %+v", w)
	}

	for name, env := range map[string]map[string]string{
		"no public URL":       {"TRAPPEN_OIDC_CITIZEN_ISSUER": "https://b.example", "TRAPPEN_OIDC_CITIZEN_CLIENT_ID": "x"},
		"http issuer":         {"TRAPPEN_PUBLIC_URL": "https://t.example", "TRAPPEN_OIDC_CITIZEN_ISSUER": "http://b.example", "TRAPPEN_OIDC_CITIZEN_CLIENT_ID": "x"},
		"no client id":        {"TRAPPEN_PUBLIC_URL": "https://t.example", "TRAPPEN_OIDC_CITIZEN_ISSUER": "https://b.example"},
		"client id only":      {"TRAPPEN_OIDC_EMPLOYER_CLIENT_ID": "x"},
		"no group":            {"TRAPPEN_PUBLIC_URL": "https://t.example", "TRAPPEN_OIDC_CASEWORKER_ISSUER": "https://b.example", "TRAPPEN_OIDC_CASEWORKER_CLIENT_ID": "x"},
		"scopes w/o openid":   {"TRAPPEN_PUBLIC_URL": "https://t.example", "TRAPPEN_OIDC_CITIZEN_ISSUER": "https://b.example", "TRAPPEN_OIDC_CITIZEN_CLIENT_ID": "x", "TRAPPEN_OIDC_CITIZEN_SCOPES": "profile"},
		"nobody can sign in":  {"TRAPPEN_PASSWORD_LOGIN": "false"},
		"password login typo": {"TRAPPEN_PASSWORD_LOGIN": "nej"},
		"bad public URL":      {"TRAPPEN_PUBLIC_URL": "trappen.example.dk"},
		"missing secret file": {"TRAPPEN_PUBLIC_URL": "https://t.example", "TRAPPEN_OIDC_CITIZEN_ISSUER": "https://b.example", "TRAPPEN_OIDC_CITIZEN_CLIENT_ID": "x", "TRAPPEN_OIDC_CITIZEN_CLIENT_SECRET_FILE": "/nonexistent/secret"},
	} {
		if _, err := LoadConfig(envMap(env)); err == nil || strings.TrimSpace(err.Error()) == "" {
			t.Errorf("%s: accepted", name)
		}
	}
}
