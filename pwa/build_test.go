package pwa

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
)

// TestCommittedDistIsFresh rebuilds the app into a temporary directory and
// compares it with the committed dist/, so a change to src/ without a rebuild
// fails. Without node or node_modules it skips, except in CI, where it must run.
func TestCommittedDistIsFresh(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		skipOrFail(t, "node is not installed")
	}
	if _, err := os.Stat(filepath.Join("node_modules", "esbuild")); err != nil {
		skipOrFail(t, "pwa/node_modules is missing; run npm ci in pwa/")
	}

	readInputs(t)
	out := t.TempDir()
	cmd := exec.Command(node, "build.mjs", "--out", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("node build.mjs: %v\n%s", err, msg)
	}

	want := readTree(t, out)
	got := readTree(t, "dist")
	for _, name := range sortedKeys(want) {
		committed, ok := got[name]
		switch {
		case !ok:
			t.Errorf("dist/%s is missing", name)
		case !bytes.Equal(committed, want[name]):
			t.Errorf("dist/%s differs from a fresh build", name)
		}
	}
	for _, name := range sortedKeys(got) {
		if _, ok := want[name]; !ok {
			t.Errorf("dist/%s is not produced by the build any more", name)
		}
	}
	if t.Failed() {
		t.Log("dist/ is stale: run `npm run build` in pwa/ and commit dist/")
	}
}

// readInputs reads the build's inputs from the test process itself, so that
// go test's result cache is invalidated when one of them changes (files read
// only by the node child process are invisible to it).
func readInputs(t *testing.T) {
	t.Helper()
	for _, name := range []string{"build.mjs", "package.json", "package-lock.json"} {
		if _, err := os.ReadFile(name); err != nil {
			t.Fatal(err)
		}
	}
	readTree(t, "src")
}

func skipOrFail(t *testing.T, reason string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(reason + " (CI must run this test)")
	}
	t.Skip(reason)
}

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", root, err)
	}
	return files
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
