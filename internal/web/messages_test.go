package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/stats"
	"github.com/kassel/wegweiser/internal/testharness"
)

var (
	templateID = regexp.MustCompile(`\.T "([a-z0-9_.]+)"`)
	messageID  = regexp.MustCompile(`^(web|staff|stats|invalid)\.[a-z0-9_.]*[a-z0-9_]$`) // not a prefix ending in "."
)

// consoleMessageIDs collects the catalog ids the console uses: literal ones in the templates
// and the Go files, and those it builds from a key (periods, granularities, steps, import
// actions, kinds, roles, validation codes).
func consoleMessageIDs(t *testing.T) []string {
	t.Helper()
	var ids []string
	err := fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templateFS, path)
		for _, m := range templateID.FindAllStringSubmatch(string(data), -1) {
			ids = append(ids, m[1])
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, _ := strconv.Unquote(lit.Value); messageID.MatchString(s) {
					ids = append(ids, s)
				}
			}
			return true
		})
	}
	for _, p := range stats.Periods {
		ids = append(ids, "stats.period."+p)
	}
	for _, g := range stats.Granularities {
		ids = append(ids, "web.stats.per_"+string(g))
	}
	for _, s := range stats.Steps {
		ids = append(ids, "web.step."+s)
	}
	for _, a := range []directory.Action{directory.ActionInsert, directory.ActionUpdate, directory.ActionRestore, directory.ActionArchive} {
		ids = append(ids, "web.import."+string(a))
	}
	for _, k := range directory.Kinds {
		ids = append(ids, "staff.kind."+string(k))
	}
	for _, r := range staff.Roles {
		ids = append(ids, "staff.role."+string(r))
	}
	for code := range directory.Explanations {
		ids = append(ids, "invalid."+invalidID(code))
	}
	for _, code := range directory.FileCodes {
		ids = append(ids, "invalid."+invalidID(code))
	}
	return ids
}

// TestEveryMessageTheConsoleUsesExists: every catalog id of the console is in the reference
// catalog (the catalog tests check that every language has what English has).
func TestEveryMessageTheConsoleUsesExists(t *testing.T) {
	cat := testharness.KasselCatalog(t)
	ids := consoleMessageIDs(t)
	if len(ids) < 150 {
		t.Fatalf("found only %d message ids: the scan is broken", len(ids))
	}
	for _, id := range ids {
		if cat.Render("en", dialog.T(id)) == id {
			t.Errorf("the console uses %q, which the catalogs lack", id)
		}
	}
}
