package pwa

import (
	"encoding/json"
	"io/fs"
	"slices"
	"testing"

	"trappen/i18n"
)

func TestFSHasTheShellAtItsRoot(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"index.html", "sw.js", "manifest.webmanifest", "asset-manifest.json", "icons/icon-192.png"} {
		if _, err := fs.Stat(FS(), name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestTheServiceWorkerKeepsTheCatalogPartsForOffline: every catalog part but
// the caseworker's is precached in both languages, so a citizen's or an
// employer's screen opens offline with its words.
func TestTheServiceWorkerKeepsTheCatalogPartsForOffline(t *testing.T) {
	t.Parallel()
	raw, err := fs.ReadFile(FS(), "asset-manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Precache []string }
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	for part := range i18n.Parts {
		for _, lang := range []string{"da", "en"} {
			url := "/i18n/" + lang + "." + part + ".json"
			if part != "cw" && !slices.Contains(m.Precache, url) {
				t.Errorf("%s is not precached: a screen that needs it would wait for it offline", url)
			}
		}
	}
}
