package csvsafe

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
)

func TestEscape(t *testing.T) {
	cases := []struct{ in, out string }{
		{"", ""},
		{"plain", "plain"},
		{"=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")"},
		{"+49 561 1", "'+49 561 1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"a=1", "a=1"},
		{" =1", " =1"},
		{"'quoted'", "'quoted'"},
		{"'=1", "''=1"},
		{"''-1", "'''-1"},
		{"'", "'"},
	}
	for _, c := range cases {
		if got := Escape(c.in); got != c.out {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.out)
		}
		if got := Unescape(c.out); got != c.in {
			t.Errorf("Unescape(%q) = %q, want %q", c.out, got, c.in)
		}
		if Risky(Escape(c.in)) {
			t.Errorf("Escape(%q) = %q is still risky", c.in, Escape(c.in))
		}
	}
}

func TestWriterEscapesEveryCellButVerbatimOnes(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Verbatim = func(col int, cell string) bool { return col == 1 && cell == "+33 1 23 45 67 89" }
	records := [][]string{{"=1+1", "+33 1 23 45 67 89", "-x"}, {"ok", "+1", "@y"}}
	if err := w.WriteAll(records); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"'=1+1", "+33 1 23 45 67 89", "'-x"}, {"ok", "'+1", "'@y"}}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("row %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// FuzzEscape: no cell comes out risky, and Unescape restores every cell exactly.
func FuzzEscape(f *testing.F) {
	f.Fuzz(func(t *testing.T, cell string) {
		e := Escape(cell)
		if Risky(e) {
			t.Fatalf("Escape(%q) = %q is risky", cell, e)
		}
		if back := Unescape(e); back != cell {
			t.Fatalf("Unescape(Escape(%q)) = %q", cell, back)
		}
		if e != cell && e != Prefix+cell {
			t.Fatalf("Escape(%q) = %q changed more than the prefix", cell, e)
		}
	})
}
