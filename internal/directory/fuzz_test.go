package directory

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/csvsafe"
)

// The fuzz targets of the directory's parsers. Their seed corpora are in testdata/fuzz and
// run with every `go test`; `make fuzz` explores further. Each checks: no panic, what is
// accepted reads back as itself, what is refused says why.

// FuzzReadCSV: a file is either read, and then written and read back unchanged, or refused
// with problems that each name a line and say what is wrong. Both encodings; the input is
// read as a whole file and, to reach the rows more often, as rows after a valid header.
func FuzzReadCSV(f *testing.F) {
	header := []byte(strings.Join(Columns, ",") + "\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, file := range [][]byte{data, append(slices.Clip(header), data...)} {
			readBack(t, file)
		}
	})
}

// readBack checks FuzzReadCSV's property on one file.
func readBack(t *testing.T, data []byte) {
	t.Helper()
	for _, enc := range []Encoding{UTF8, Windows1252} {
		offices, err := ReadCSVEncoded(bytes.NewReader(data), enc)
		if err != nil {
			checkProblems(t, err)
			continue
		}
		var first, second bytes.Buffer
		if err := WriteCSV(&first, offices); err != nil {
			t.Fatalf("%s: writing what was read: %v", enc, err)
		}
		again, err := ReadCSV(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("%s: reading our own export:\n%s\n%v", enc, first.Bytes(), err)
		}
		if !sameOffices(offices, again) {
			t.Fatalf("%s: export → import changed the offices:\n%v\n%v", enc, offices, again)
		}
		if err := WriteCSV(&second, again); err != nil || !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("%s: export → import → export differs (%v)", enc, err)
		}
		for _, rec := range exported(t, first.Bytes()) {
			for i, cell := range rec {
				if csvsafe.Risky(cell) && !verbatim(i, cell) {
					t.Fatalf("%s: the cell %q is written so that a spreadsheet runs it", enc, cell)
				}
			}
		}
	}
}

func checkProblems(t *testing.T, err error) {
	t.Helper()
	var probs Problems
	if !errors.As(err, &probs) || len(probs) == 0 {
		t.Fatalf("refused without problems: %v", err)
	}
	for _, p := range probs {
		if p.Line < 1 || p.Message == "" {
			t.Fatalf("a problem without line or reason: %+v", p)
		}
	}
}

// sameOffices compares offices by what the file holds of them (sorted by id, as written).
func sameOffices(a, b []Office) bool {
	return reflect.DeepEqual(recordsOf(a), recordsOf(b))
}

func recordsOf(offices []Office) [][]string {
	sorted := slices.Clone(offices)
	slices.SortFunc(sorted, func(x, y Office) int { return strings.Compare(x.ID, y.ID) })
	recs := make([][]string, len(sorted))
	for i := range sorted {
		recs[i] = Record(&sorted[i])
	}
	return recs
}

// FuzzOpeningHours: accepted hours format into text that parses to the same rules (and
// formats the same again); refused hours name the rule that is wrong.
func FuzzOpeningHours(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		rules, err := ParseOpeningHours(s)
		if err != nil {
			var inv *Invalid
			if !errors.As(err, &inv) || inv.Code != "hours" {
				t.Fatalf("refused %q without the hours code: %v", s, err)
			}
			return
		}
		text := FormatOpeningHours(rules)
		again, err := ParseOpeningHours(text)
		if err != nil || !reflect.DeepEqual(daysSorted(rules), daysSorted(again)) {
			t.Fatalf("%q → %q → %+v, %v; want %+v", s, text, again, err, rules)
		}
		if FormatOpeningHours(again) != text {
			t.Fatalf("%q formats differently the second time", text)
		}
		for _, r := range rules {
			for _, sp := range r.Spans {
				if sp.From < 0 || sp.To > 24*60 || sp.From >= sp.To {
					t.Fatalf("%q gave the span %v", s, sp)
				}
			}
		}
	})
}

// FuzzParsePostcode: an accepted postcode is empty or five ASCII digits and reads as itself.
func FuzzParsePostcode(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePostcode(s)
		if err != nil {
			var inv *Invalid
			if !errors.As(err, &inv) || inv.Code != "postcode" {
				t.Fatalf("refused %q without the postcode code: %v", s, err)
			}
			return
		}
		if p != "" && (len(p) != 5 || strings.Trim(p, "0123456789") != "") {
			t.Fatalf("accepted %q as %q", s, p)
		}
		if again, err := ParsePostcode(p); err != nil || again != p {
			t.Fatalf("%q does not read as itself: %q, %v", p, again, err)
		}
	})
}

// FuzzParsePhone: an accepted number has its display form, which reads as itself, holds only
// digits, spaces and + ( ) / -, and starts with "+" only for a number outside Germany.
func FuzzParsePhone(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePhone(s)
		if err != nil {
			var inv *Invalid
			if !errors.As(err, &inv) || inv.Code != "phone" {
				t.Fatalf("refused %q without the phone code: %v", s, err)
			}
			return
		}
		if p == "" {
			if strings.TrimSpace(s) != "" {
				t.Fatalf("%q read as no number", s)
			}
			return
		}
		if again, err := ParsePhone(p); err != nil || again != p || !IsDisplayPhone(p) {
			t.Fatalf("%q → %q → %q, %v", s, p, again, err)
		}
		if !utf8.ValidString(p) || !phoneChars.MatchString(p) || (csvsafe.Risky(p) && p[0] != '+') {
			t.Fatalf("%q → %q", s, p)
		}
	})
}

// daysSorted is rules with each rule's days in weekday order: the stored form lists them
// Monday first, whatever order they were typed in ("Sa-Mo" is Mo,Sa,Su).
func daysSorted(rules []HoursRule) []HoursRule {
	out := slices.Clone(rules)
	for i := range out {
		out[i].Days = slices.Sorted(slices.Values(out[i].Days))
	}
	return out
}
