// Package i18n holds the one message catalog shared by the server and the PWA.
// Danish is the first language; English the second.
package i18n

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Default is the language used when nothing else is known.
const Default = "da"

// Languages lists the supported languages, Danish first.
var Languages = []string{"da", "en"}

//go:embed da.json en.json
var files embed.FS

// entry is a message: a plain string, or plural forms keyed by "one"/"other".
type entry struct {
	text   string
	plural map[string]string
}

func (e *entry) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &e.text); err == nil {
		return nil
	}
	return json.Unmarshal(b, &e.plural)
}

var catalogs = mustLoad()

func mustLoad() map[string]map[string]entry {
	out := map[string]map[string]entry{}
	for _, lang := range Languages {
		raw, err := files.ReadFile(lang + ".json")
		if err != nil {
			panic(err)
		}
		var m map[string]entry
		if err := json.Unmarshal(raw, &m); err != nil {
			panic(fmt.Sprintf("i18n: %s.json: %v", lang, err))
		}
		out[lang] = m
	}
	return out
}

// Parts keeps the first visit small: keys under these prefixes stay in the
// same catalog files but are served as parts of their own, which the app
// loads with the screens that need them — the footer pages' long texts
// (privacy notice, accessibility statement, help), the caseworker's screens
// and the citizen's screens (each role's chunk brings its own words).
var Parts = map[string]string{"pages": "page.", "cw": "ui.cw.", "citizen": "ui.citizen.", "employer": "ui.employer."}

var served = mustSplit()

// Raw returns lang's catalog as served to the PWA: part "" is everything
// outside Parts, a named part only its keys.
func Raw(lang, part string) ([]byte, bool) {
	b, ok := served[lang+"/"+part]
	return b, ok && Supported(lang)
}

// partOf names the served part a key belongs to ("" for the first one).
func partOf(key string) string {
	for part, prefix := range Parts {
		if strings.HasPrefix(key, prefix) {
			return part
		}
	}
	return ""
}

// mustSplit encodes each language's catalog in its two served parts, compact
// and with keys sorted, so the bytes are the same on every start.
func mustSplit() map[string][]byte {
	out := map[string][]byte{}
	for _, lang := range Languages {
		raw, err := files.ReadFile(lang + ".json")
		if err != nil {
			panic(err)
		}
		var all map[string]json.RawMessage
		if err := json.Unmarshal(raw, &all); err != nil {
			panic(fmt.Sprintf("i18n: %s.json: %v", lang, err))
		}
		parts := map[string]map[string]json.RawMessage{"": {}}
		for part := range Parts {
			parts[part] = map[string]json.RawMessage{}
		}
		for k, v := range all {
			parts[partOf(k)][k] = v
		}
		for part, m := range parts {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(m); err != nil {
				panic(err)
			}
			out[lang+"/"+part] = buf.Bytes()
		}
	}
	return out
}

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Keys returns every key of lang's catalog (for tests).
func Keys(lang string) []string {
	keys := make([]string, 0, len(catalogs[lang]))
	for k := range catalogs[lang] {
		keys = append(keys, k)
	}
	return keys
}

// Vars are the values substituted for {name} placeholders.
type Vars map[string]any

// T translates key into lang, falling back to Danish and then to the key itself.
func T(lang, key string, vars Vars) string {
	e, ok := lookup(lang, key)
	if !ok {
		return key
	}
	text := e.text
	if e.plural != nil {
		text = e.plural[pluralForm(vars)]
	}
	return substitute(text, vars)
}

func lookup(lang, key string) (entry, bool) {
	if e, ok := catalogs[lang][key]; ok {
		return e, true
	}
	e, ok := catalogs[Default][key]
	return e, ok
}

// pluralForm picks the Danish/English form from vars["n"]: one for exactly 1.
func pluralForm(vars Vars) string {
	if n, ok := vars["n"]; ok && fmt.Sprint(n) == "1" {
		return "one"
	}
	return "other"
}

func substitute(text string, vars Vars) string {
	if len(vars) == 0 {
		return text
	}
	pairs := make([]string, 0, 2*len(vars))
	for k, v := range vars {
		pairs = append(pairs, "{"+k+"}", format(v))
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

func format(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// Negotiate picks the supported language with the highest q-value from an
// Accept-Language header (the first one on a tie; q=0 means "not this").
func Negotiate(header string) string {
	best, bestQ := Default, 0.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(part, ";")
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if q := quality(params); Supported(base) && q > bestQ {
			best, bestQ = base, q
		}
	}
	return best
}

// quality is the q parameter of one Accept-Language entry (1 when absent,
// 0 when unreadable).
func quality(params string) float64 {
	for _, p := range strings.Split(params, ";") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(p), "q="); ok {
			q, err := strconv.ParseFloat(v, 64)
			if err != nil || q < 0 || q > 1 {
				return 0
			}
			return q
		}
	}
	return 1
}
