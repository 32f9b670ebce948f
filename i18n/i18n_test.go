package i18n

import (
	"sort"
	"testing"
)

func TestEveryKeyExistsInEveryLanguage(t *testing.T) {
	t.Parallel()
	for _, lang := range Languages {
		for _, other := range Languages {
			for _, key := range Keys(lang) {
				if _, ok := catalogs[other][key]; !ok {
					t.Errorf("key %q is in %s.json but missing in %s.json", key, lang, other)
				}
			}
		}
	}
}

func TestPluralKeysHaveBothForms(t *testing.T) {
	t.Parallel()
	for _, lang := range Languages {
		keys := Keys(lang)
		sort.Strings(keys)
		for _, key := range keys {
			e := catalogs[lang][key]
			if e.plural != nil && (e.plural["one"] == "" || e.plural["other"] == "") {
				t.Errorf("%s: plural key %q needs both one and other", lang, key)
			}
			if e.plural == nil && e.text == "" {
				t.Errorf("%s: key %q is empty", lang, key)
			}
		}
	}
}

func TestTranslate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, lang, key string
		vars            Vars
		want            string
	}{
		{"danish plural one", "da", "count.days", Vars{"n": 1}, "1 dag"},
		{"danish plural other", "da", "count.days", Vars{"n": 3}, "3 dage"},
		{"english plural other", "en", "count.days", Vars{"n": 0}, "0 days"},
		{"unknown language falls back to danish", "sv", "count.days", Vars{"n": 2}, "2 dage"},
		{"unknown key returns the key", "da", "no.such.key", nil, "no.such.key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := T(c.lang, c.key, c.vars); got != c.want {
				t.Errorf("T(%q, %q) = %q, want %q", c.lang, c.key, got, c.want)
			}
		})
	}
}

func TestNegotiate(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"":                        "da",
		"en-US,en;q=0.9":          "en",
		"da-DK,da;q=0.9,en;q=0.8": "da",
		"sv-SE,en;q=0.5":          "en",
		"de":                      "da",
		"en-GB;q=0.8, da;q=0.9":   "da",
		"da;q=0, en;q=0.1":        "en",
		"EN":                      "en",
		"en;q=x":                  "da",
		"*":                       "da",
	}
	for header, want := range cases {
		if got := Negotiate(header); got != want {
			t.Errorf("Negotiate(%q) = %q, want %q", header, got, want)
		}
	}
}
