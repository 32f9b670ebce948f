package main

import "testing"

func TestThePublicURLIsAnHTTPAddress(t *testing.T) {
	t.Parallel()
	for v, want := range map[string]string{
		"":                            "",
		"https://trappen.example.dk/": "https://trappen.example.dk",
		"http://127.0.0.1:8080":       "http://127.0.0.1:8080",
		"https://kommune.dk/trappen":  "https://kommune.dk/trappen",
	} {
		cfg, err := LoadConfig(func(n string) string {
			if n == "TRAPPEN_PUBLIC_URL" {
				return v
			}
			return ""
		})
		if err != nil || cfg.PublicURL != want {
			t.Errorf("%q: PublicURL %q (%v), want %q", v, cfg.PublicURL, err, want)
		}
	}
	for _, bad := range []string{"trappen.example.dk", "ftp://x.example", "https://", "https://u:p@x.example", "https://x.example/?a=1"} {
		if _, err := LoadConfig(func(n string) string {
			if n == "TRAPPEN_PUBLIC_URL" {
				return bad
			}
			return ""
		}); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
