package pwa

import (
	"io/fs"
	"testing"
)

func TestFSHasTheShellAtItsRoot(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"index.html", "sw.js", "manifest.webmanifest", "asset-manifest.json", "icons/icon-192.png"} {
		if _, err := fs.Stat(FS(), name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
