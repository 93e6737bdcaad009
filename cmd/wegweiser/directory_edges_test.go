package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/storetest"
)

// formulaFile has a formula-like value in every text column (and phones as people write them).
var formulaFile = directorytest.File(
	`f-name,mbe,"=HYPERLINK(""http://evil.example/"",""click"")",,,,,,,,,,,,,,,,,`,
	`f-provider,mbe,Name,"=cmd|' /C calc'!A0",,,,,,,,,,,,,,,,`,
	`f-street,mbe,Name,,+Straße 1,,,,,,,,,,,,,,,`,
	`f-city,mbe,Name,,,,-Kassel,,,,,,,,,,,,,`,
	`f-note,mbe,Name,,,,,,,,,,,,,,,"@SUM(1+1)
second line",,`,
	`f-email,mbe,Name,,,,,,,,-x@example.org,,,,,,,,,`,
	`f-phone-de,mbe,Name,,,,,,,+49 561 7004142,,,,,,,,,,`,
	`f-phone-fr,mbe,Name,,,,,,,+33 1 23 45 67 89,,,,,,,,,,`,
)

// Formula cells in every column go into the database as they are, come out of the export
// with the apostrophe a spreadsheet needs to open them as text, and import again unchanged.
func TestFormulaCellsRoundTripThroughTheDatabase(t *testing.T) {
	url := pgtest.NewDatabase(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "formulas.csv")
	if err := os.WriteFile(src, []byte(formulaFile), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, errOut, err := cli(t, url, "directory", "import", src); err != nil || !strings.Contains(out, "8 new") {
		t.Fatalf("import: %v\n%s%s", err, out, errOut)
	}
	st := storetest.Open(t, url, "")
	stored, err := st.Office(context.Background(), "f-name")
	if err != nil || stored.Name != `=HYPERLINK("http://evil.example/","click")` {
		t.Errorf("stored name = %q, %v", stored.Name, err)
	}
	first := filepath.Join(dir, "first.csv")
	if _, errOut, err := cli(t, url, "directory", "export", "-o", first); err != nil {
		t.Fatalf("export: %v %s", err, errOut)
	}
	firstBytes, _ := os.ReadFile(first)
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(firstBytes, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{ // id → column, cell as written
		"f-name":     {"name", `'=HYPERLINK("http://evil.example/","click")`},
		"f-provider": {"provider", `'=cmd|' /C calc'!A0`},
		"f-street":   {"street", "'+Straße 1"},
		"f-city":     {"city", "'-Kassel"},
		"f-note":     {"note", "'@SUM(1+1)\nsecond line"},
		"f-email":    {"email", "'-x@example.org"},
		"f-phone-de": {"phone", "0561 7004142"},
		"f-phone-fr": {"phone", "+33 1 23 45 67 89"},
	}
	for _, rec := range recs[1:] {
		w := want[rec[0]]
		if got := rec[slices.Index(directory.Columns, w[0])]; got != w[1] {
			t.Errorf("%s: %s exported as %q, want %q", rec[0], w[0], got, w[1])
		}
	}
	if out, _, err := cli(t, url, "directory", "import", "--replace", first); err != nil || !strings.Contains(out, "8 unchanged, 0 archived") {
		t.Fatalf("re-import: %v %s", err, out)
	}
	second, _, err := cli(t, url, "directory", "export")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(firstBytes, []byte(second)) {
		t.Errorf("export → import → export differs:\n%s\n%s", firstBytes, second)
	}
}

// A file saved as Latin-1 (Windows-1252) is refused by check and import with its line and
// column and what to do, and read correctly when its encoding is named.
func TestLatin1FileIsRefusedWithItsLineAndReadWithTheFlag(t *testing.T) {
	url := pgtest.NewDatabase(t)
	path := filepath.Join(t.TempDir(), "latin1.csv")
	content := directorytest.File(
		"a-office,mbe,Office A,,,,Kassel,,,,,,,,,,,,,",
		"b-office,mbe,Office B,,K\xf6nigsplatz 1,34117,Kassel,,,,,,,,,,,,,",
	)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"check", "import"} {
		_, errOut, err := cli(t, url, "directory", cmd, path)
		if err == nil {
			t.Fatalf("directory %s accepted a Latin-1 file", cmd)
		}
		for _, want := range []string{"line 3, column street: byte 0xF6 is not UTF-8", "save the file as UTF-8", "--encoding windows-1252", "1 problem(s)"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("directory %s output lacks %q:\n%s", cmd, want, errOut)
			}
		}
	}
	if out, errOut, err := cli(t, url, "directory", "check", "--encoding", "windows-1252", path); err != nil || !strings.Contains(out, "2 offices, no problems") {
		t.Fatalf("check --encoding windows-1252: %v\n%s%s", err, out, errOut)
	}
	if out, errOut, err := cli(t, url, "directory", "import", "--encoding", "windows-1252", path); err != nil || !strings.Contains(out, "2 new") {
		t.Fatalf("import --encoding windows-1252: %v\n%s%s", err, out, errOut)
	}
	out, _, err := cli(t, url, "directory", "export")
	if err != nil || !strings.Contains(out, "Königsplatz 1") {
		t.Errorf("export after a Windows-1252 import: %v\n%s", err, out)
	}
	if _, errOut, err := cli(t, url, "directory", "check", "--encoding", "ebcdic", path); err == nil || !strings.Contains(errOut, "unknown encoding") {
		t.Errorf("an unknown encoding: %v %s", err, errOut)
	}
}
