package models_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestTheDomainImportsNoStorage keeps models pure: its rules are functions
// of their inputs and now, and storage lives in the sub-packages. Only
// gorm's struct tags (plain strings) may mention the database here.
func TestTheDomainImportsNoStorage(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files found: %v", err)
	}
	forbidden := []string{"gorm.io/", "database/sql", "github.com/glebarez/", "github.com/jackc/", "modernc.org/sqlite", "trappen/models/"}
	fset := token.NewFileSet()
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			for _, bad := range forbidden {
				if strings.HasPrefix(path, bad) {
					t.Errorf("%s imports %s: models is the pure domain; put storage in models/sqldb, identity, outbox or store", name, path)
				}
			}
		}
	}
}
