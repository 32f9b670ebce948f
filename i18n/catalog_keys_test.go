package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// Keys built at run time. A key written out in full ('ui.citizen.checkin.title')
// is checked both ways: it must exist, and a catalog key nobody writes out is
// unused. A key completed at run time (`ui.citizen.nav.${item.key}`,
// "push."+d.Type) cannot be checked that way, so its prefix must be listed
// here, and every catalog key under a listed prefix counts as used.
//
// fromAPI are prefixes completed with values the server sends or rules in Go
// name (error codes, field keys, push types, chart summaries), with where.
var fromAPI = map[string]string{
	"error.":              "api/errors.go: error.<code> of every error the API answers",
	"field.":              "api/errors.go: field.<key> of every field error",
	"push.":               "push/messages.go: push.<type>.title/body, push.when.*, push.day.*, push.month.<n>",
	"calendar.kind.":      "api/calendar.go: calendar.kind.<meeting kind>",
	"count.":              "i18n plural helpers: count.<unit>",
	"ui.chart.goal.":      "components/charts/summary.js: chartSentence(prefix, summary.key from the API)",
	"ui.chart.hours.":     "components/charts/summary.js: chartSentence",
	"ui.chart.staircase.": "components/charts/summary.js: chartSentence",
	"ui.chart.wellbeing.": "components/charts/summary.js: chartSentence",
}

// inTemplates are the fixed starts of the PWA's template literals that build
// keys. The test fails on a template whose prefix is not listed (add it, and
// keep it as narrow as the code allows) and on a listed one no code uses.
var inTemplates = []string{
	"ui.access.what.",
	"ui.agree.owner.",
	"ui.agree.owner_you.",
	"ui.citizen.case.about.",
	"ui.citizen.case.due_",
	"ui.citizen.case.meeting.",
	"ui.citizen.case.step.",
	"ui.citizen.ft.actor.",
	"ui.citizen.ft.confirm_",
	"ui.citizen.ft.done.",
	"ui.citizen.ft.request_by.",
	"ui.citizen.ft.send_",
	"ui.citizen.ft.state.",
	"ui.citizen.ft.status.",
	"ui.citizen.ft.title.",
	"ui.citizen.goals.party.",
	"ui.citizen.meetings.replied.",
	"ui.citizen.meetings.response.",
	"ui.citizen.outbox.kind.",
	"ui.citizen.plan.answer.",
	"ui.citizen.plan.change.task_added_",
	"ui.citizen.plan.change.task_removed_",
	"ui.citizen.reminders.service.",
	"ui.citizen.sharing.part.",
	"ui.cw.action.",
	"ui.cw.caseload.status_",
	"ui.cw.category.explain_",
	"ui.cw.change.",
	"ui.cw.close_reason.",
	"ui.cw.day.",
	"ui.cw.day_short.",
	"ui.cw.deadline.",
	"ui.cw.employment.",
	"ui.cw.exempt.",
	"ui.cw.filter.",
	"ui.cw.ft.actor.",
	"ui.cw.ft.by.",
	"ui.cw.ft.status.",
	"ui.cw.goals.status.",
	"ui.cw.invite.method_",
	"ui.cw.kind.",
	"ui.cw.outcome.",
	"ui.cw.party.",
	"ui.cw.pending.",
	"ui.cw.plan.list_",
	"ui.cw.plan.recognises.",
	"ui.cw.reply.",
	"ui.cw.section.",
	"ui.cw.sort.",
	"ui.cw.timeline.record_",
	"ui.cw.trend.",
	"ui.day.",
	"ui.employer.part.",
	"ui.employer.party.",
	"ui.employer.prep.",
	"ui.goal.status.",
	"ui.language.",
	"ui.login.error.",
	"ui.meeting.kind.",
	"ui.mixing.",
	"ui.nav.",
	"ui.role.",
	"ui.staircase.",
	"ui.timeline.key.",
	"ui.timeline.status.",
}

// keyLiteral is a quoted string that looks like a catalog key.
var keyLiteral = regexp.MustCompile("[\"'`]((?:ui|page|push|error|field|count|calendar)\\.[a-z0-9_.]*[a-z0-9_])[\"'`]")

// templatePrefix is the fixed start of a JS template literal that builds a
// key: `ui.citizen.nav.${item.key}` gives "ui.citizen.nav.".
var templatePrefix = regexp.MustCompile("`((?:ui|page|push|error|field|count|calendar)\\.[a-z0-9_.]*)\\$\\{")

// goConcatPrefix is the same in Go: "push."+d.Type.
var goConcatPrefix = regexp.MustCompile(`"((?:ui|page|push|error|field|count|calendar)\.[a-z0-9_.]*\.)"\s*\+`)

type sources struct {
	literals map[string][]string // key → files that name it
	built    map[string][]string // prefix → files that build keys from it
}

func scanSources(t *testing.T) sources {
	t.Helper()
	s := sources{literals: map[string][]string{}, built: map[string][]string{}}
	root := ".."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if name == "node_modules" || name == "dist" || name == ".git" || name == "data" {
				return filepath.SkipDir
			}
			return nil
		}
		isGo := strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")
		isJS := strings.HasPrefix(filepath.ToSlash(path), "../pwa/src/") && (strings.HasSuffix(name, ".js") || strings.HasSuffix(name, ".jsx"))
		if !isGo && !isJS {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		src := string(raw)
		for _, m := range keyLiteral.FindAllStringSubmatch(src, -1) {
			s.literals[m[1]] = append(s.literals[m[1]], path)
		}
		for _, re := range []*regexp.Regexp{templatePrefix, goConcatPrefix} {
			for _, m := range re.FindAllStringSubmatch(src, -1) {
				s.built[m[1]] = append(s.built[m[1]], path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// dynamic reports whether key is built at run time from a listed prefix.
func dynamic(key string) bool {
	for p := range fromAPI {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	for _, p := range inTemplates {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

func TestEveryBuiltKeyPrefixIsListed(t *testing.T) {
	t.Parallel()
	s := scanSources(t)
	listed := map[string]bool{}
	for _, p := range inTemplates {
		listed[p] = true
	}
	for p := range fromAPI {
		listed[p] = true
	}
	for p, files := range s.built {
		if !listed[p] && !dynamic(p) {
			t.Errorf("%s builds keys from %q: list it in inTemplates (or fromAPI) in catalog_keys_test.go", files[0], p)
		}
	}
	for _, p := range inTemplates {
		if len(s.built[p]) == 0 {
			t.Errorf("inTemplates lists %q, but no code builds keys from it any more", p)
		}
	}
}

// Every key the code names exists in every catalog, and every key in the
// catalogs is named by the code (written out, or under a prefix the code
// builds keys from).
func TestEveryKeyUsedExistsAndNoneIsUnused(t *testing.T) {
	t.Parallel()
	s := scanSources(t)
	for key, files := range s.literals {
		for _, lang := range Languages {
			if _, ok := catalogs[lang][key]; ok {
				continue
			}
			if strings.HasSuffix(key, ".") || isPrefixOfSomeKey(key, lang) {
				continue
			}
			t.Errorf("%s names %q, which is not in %s.json", files[0], key, lang)
		}
	}
	var unused []string
	for _, key := range Keys(Default) {
		if len(s.literals[key]) == 0 && !dynamic(key) {
			unused = append(unused, key)
		}
	}
	sort.Strings(unused)
	for _, key := range unused {
		t.Errorf("%q is in the catalogs but no code uses it", key)
	}
}

// isPrefixOfSomeKey: a literal such as 'ui.chart.goal' passed on to be
// completed ("ui.chart.goal" + "." + summary.key).
func isPrefixOfSomeKey(p, lang string) bool {
	for k := range catalogs[lang] {
		if strings.HasPrefix(k, p+".") {
			return true
		}
	}
	return false
}

// fieldKey finds the key of a field error written out in Go:
// v.Add("field", "key") and models.Invalid("field", "key").
var fieldKey = regexp.MustCompile(`(?:\.Add|Invalid)\([^,()]+, "([a-z_]+)"\)`)

// Every field error the server can answer has its message in every
// language: a missing one reached the client as the bare key
// ("field.not_with_not_at_workplace").
func TestEveryFieldErrorKeyHasAMessage(t *testing.T) {
	t.Parallel()
	found := 0
	for _, dir := range []string{"../models", "../api"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range fieldKey.FindAllStringSubmatch(string(src), -1) {
				found++
				for _, lang := range []string{"da", "en"} {
					if key := "field." + m[1]; !slices.Contains(Keys(lang), key) {
						t.Errorf("%s: %s has no %s message", path, key, lang)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if found < 20 {
		t.Fatalf("found %d field error keys: the pattern no longer matches how they are written", found)
	}
}
