package directory

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/directorytest"
)

// row builds a directory row: a valid MBE office with id, and the given columns set.
func row(id string, set map[string]string) string {
	// The columns of the test file's header: every one but the optional ones.
	cols := slices.DeleteFunc(slices.Clone(Columns), func(c string) bool { return slices.Contains(optionalColumns, c) })
	fields := make([]string, len(cols))
	fields[0], fields[1], fields[2] = id, "mbe", "Name"
	for col, v := range set {
		fields[slices.Index(cols, col)] = v
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(fields)
	w.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// exported reads a WriteCSV file back cell by cell, as a spreadsheet program sees it.
func exported(t *testing.T, file []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(file, []byte(bom)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// Every text column holding a formula is written with an apostrophe in front, so that a
// spreadsheet opens it as text, and is read back without it: export → import is unchanged,
// also for values that start with an apostrophe themselves.
func TestFormulaCellsRoundTripInEveryTextColumn(t *testing.T) {
	values := map[string][]string{
		"name":     {`=HYPERLINK("http://evil.example/","click")`, "+1+1", "-2+3", "@SUM(A1:A2)", "'=already quoted"},
		"provider": {"=cmd|' /C calc'!A0", "+Träger", "-Träger", "@Träger", "'-x"},
		"street":   {"=1+1", "+Straße 1", "-Straße 1", "@Straße 1", "''=2"},
		"city":     {"=Kassel", "+Kassel", "-Kassel", "@Kassel", "'@x"},
		"note":     {"=1+1\nzweite Zeile", "+note", "- bitte anrufen", "@note", "'+note"},
		"email":    {"=x@example.org", "+x@example.org", "-x@example.org", "-=@example.org", "x@example.org"},
	}
	var offices []Office
	want := map[string]map[string]string{} // id → column → value
	for col, vs := range values {
		for _, v := range vs {
			o := Office{ID: fmt.Sprintf("office-%d", len(offices)), Kind: KindMBE, Name: "Name", Languages: []string{}, Topics: []Topic{}}
			rec := Record(&o)
			rec[slices.Index(Columns, col)] = v
			parsed, probs := ParseRecord(func(c string) string { return rec[slices.Index(Columns, c)] })
			if len(probs) > 0 {
				t.Fatalf("%s %q is not a valid value: %v", col, v, probs)
			}
			offices = append(offices, parsed)
			want[o.ID] = map[string]string{col: v}
		}
	}
	var first bytes.Buffer
	if err := WriteCSV(&first, offices); err != nil {
		t.Fatal(err)
	}
	for _, rec := range exported(t, first.Bytes())[1:] {
		for i, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("%s: column %s is written as %q, which a spreadsheet runs", rec[0], Columns[i], cell)
			}
		}
		for col, v := range want[rec[0]] {
			if got := rec[slices.Index(Columns, col)]; got != v && got != "'"+v {
				t.Errorf("%s: %s written as %q for %q", rec[0], col, got, v)
			}
		}
	}
	again, err := ReadCSV(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatalf("reading the export: %v", err)
	}
	if len(again) != len(offices) {
		t.Fatalf("read %d offices back, want %d", len(again), len(offices))
	}
	for _, o := range again {
		rec := Record(&o)
		for col, v := range want[o.ID] {
			if got := rec[slices.Index(Columns, col)]; got != v {
				t.Errorf("%s: %s read back as %q, want %q", o.ID, col, got, v)
			}
		}
	}
	var second bytes.Buffer
	if err := WriteCSV(&second, again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("export → import → export differs:\n%s\n%s", first.String(), second.String())
	}
}

// Phones are read as phone numbers and kept in one display form; one in that form is
// written without the apostrophe even when it starts with "+".
func TestPhonesAreValidatedAndNormalised(t *testing.T) {
	good := map[string]string{
		"0561 7004-211":      "0561 7004211",
		"(0561) 98350-0":     "0561 983500",
		"+49 561 7004142":    "0561 7004142",
		"0049 (0)561 700414": "0561 700414",
		"0561/7004142":       "0561 7004142",
		"0800 1110111":       "0800 1110111",
		"+33 1 23 45 67 89":  "+33 1 23 45 67 89",
		" 0561 123456 ":      "0561 123456",
	}
	for in, want := range good {
		got, err := ParsePhone(in)
		if err != nil || got != want {
			t.Errorf("ParsePhone(%q) = %q, %v; want %q", in, got, err, want)
		}
		if again, _ := ParsePhone(got); again != got || !IsDisplayPhone(got) {
			t.Errorf("the display form %q does not read as itself", got)
		}
	}
	for _, bad := range []string{"=1+1", "+49 561", "116 016", "110", "call us", "0561 7004142 ext. 12", "0561 7004142;=1", "+999 1234 5678", "@0561 7004142"} {
		if got, err := ParsePhone(bad); err == nil {
			t.Errorf("ParsePhone(%q) = %q, want it refused", bad, got)
		}
	}
	offices, err := ReadCSV(strings.NewReader(directorytest.File(row("a", map[string]string{"phone": "+33 1 23 45 67 89"}),
		row("b", map[string]string{"phone": "+49 561 7004142"}))))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, offices); err != nil {
		t.Fatal(err)
	}
	cells := exported(t, buf.Bytes())
	if phone := cells[1][slices.Index(Columns, "phone")]; phone != "+33 1 23 45 67 89" {
		t.Errorf("a valid international number is written as %q", phone)
	}
	if phone := cells[2][slices.Index(Columns, "phone")]; phone != "0561 7004142" {
		t.Errorf("a German number is written as %q", phone)
	}
	// A negative coordinate is a plain number, written as it is.
	var west bytes.Buffer
	lat, lon := 51.3, -0.12
	if err := WriteCSV(&west, []Office{{ID: "w", Kind: KindMBE, Name: "N", Latitude: &lat, Longitude: &lon}}); err != nil {
		t.Fatal(err)
	}
	if cell := exported(t, west.Bytes())[1][slices.Index(Columns, "longitude")]; cell != "-0.12" {
		t.Errorf("a negative longitude is written as %q", cell)
	}
	// A number stored before the rule, not in the display form, is escaped like any cell.
	var old bytes.Buffer
	if err := WriteCSV(&old, []Office{{ID: "c", Kind: KindMBE, Name: "N", Phone: "+49 561 7004142"}}); err != nil {
		t.Fatal(err)
	}
	if phone := exported(t, old.Bytes())[1][slices.Index(Columns, "phone")]; phone != "'+49 561 7004142" {
		t.Errorf("an old-form number is written as %q", phone)
	}
}

// problemsOf returns the Problems of err, failing the test when it is something else.
func problemsOf(t *testing.T, err error) Problems {
	t.Helper()
	var probs Problems
	if !errors.As(err, &probs) || len(probs) == 0 {
		t.Fatalf("error %v is not Problems", err)
	}
	return probs
}

func TestEncodingProblemsNameLineAndColumn(t *testing.T) {
	latin1 := directorytest.File(
		row("a", nil),
		row("b", map[string]string{"street": "K\xf6nigsplatz 1"}),
		row("c", map[string]string{"note": "first line\nsecond line with \xe4"}),
	)
	probs := problemsOf(t, func() error { _, err := ReadCSV(strings.NewReader(latin1)); return err }())
	// The encoding is the file's: said once, at its first line, not once per row.
	want := []Problem{{Line: 3, Column: "street", Code: "encoding"}}
	if len(probs) != len(want) {
		t.Fatalf("problems = %v, want 1", probs)
	}
	for i, w := range want {
		if p := probs[i]; p.Line != w.Line || p.Column != w.Column || p.Code != w.Code ||
			!strings.Contains(p.Message, "save the file as UTF-8") || !strings.Contains(p.Message, "--encoding windows-1252") {
			t.Errorf("problem %d = %+v, want line %d, column %s", i, p, w.Line, w.Column)
		}
	}
	if !strings.Contains(probs[0].Message, "byte 0xF6") {
		t.Errorf("the message does not name the byte: %s", probs[0].Message)
	}

	offices, err := ReadCSVEncoded(strings.NewReader(latin1), Windows1252)
	if err != nil {
		t.Fatalf("as Windows-1252: %v", err)
	}
	if offices[1].Street != "Königsplatz 1" || offices[2].Note != "first line\nsecond line with ä" {
		t.Errorf("decoded as %q and %q", offices[1].Street, offices[2].Note)
	}

	cases := []struct {
		name string
		in   string
		enc  Encoding
		line int
		msg  string
	}{
		{"header in UTF-16", "\xff\xfei\x00d\x00", UTF8, 1, "byte 0xFF is not UTF-8"},
		{"BOM read as Windows-1252", bom + directorytest.File(row("a", nil)), Windows1252, 1, "the file is UTF-8"},
		{"UTF-8 read as Windows-1252", directorytest.File(row("a", map[string]string{"city": "Baunatal-Großenritte"})), Windows1252, 1, "without --encoding"},
		{"byte undefined in Windows-1252", directorytest.File(row("a", map[string]string{"city": "a\x81b"})), Windows1252, 2, "does not define"},
		{"control character", directorytest.File(row("a", map[string]string{"city": "Kas\u0085sel"})), UTF8, 2, "control characters"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadCSVEncoded(strings.NewReader(c.in), c.enc)
			p := problemsOf(t, err)[0]
			if p.Line != c.line || !strings.Contains(p.Message, c.msg) {
				t.Errorf("problem = %v, want line %d with %q", p, c.line, c.msg)
			}
		})
	}
}

func TestParseEncoding(t *testing.T) {
	for in, want := range map[string]Encoding{"utf-8": UTF8, "UTF8": UTF8, "windows-1252": Windows1252, "latin1": Windows1252, "ISO-8859-1": Windows1252} {
		if got, err := ParseEncoding(in); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseEncoding("utf-16"); err == nil {
		t.Error("utf-16 accepted")
	}
}

func TestDetectEncoding(t *testing.T) {
	cases := []struct {
		name, in string
		want     Encoding
	}{
		{"ASCII", "id,name\n", UTF8},
		{"UTF-8 with a BOM", bom + "Nordstraße", UTF8},
		{"Windows-1252", "Nordstra\xdfe", Windows1252},
	}
	for _, c := range cases {
		if got := DetectEncoding([]byte(c.in)); got != c.want {
			t.Errorf("%s: DetectEncoding = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestFormatOpeningHours(t *testing.T) {
	rules, err := ParseOpeningHours("Mo-We,Fr 09:00-12:00,13:00-15:30; Sa closed; Su 10:00-24:00")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := FormatOpeningHours(rules), "Mo-We,Fr 09:00-12:00,13:00-15:30; Sa off; Su 10:00-24:00"; got != want {
		t.Errorf("FormatOpeningHours = %q, want %q", got, want)
	}
}

// A crafted header of a million unknown columns is checked as a file of a million bad rows
// is: the check stops after MaxProblems problems, and says so.
func TestHugeHeaderStopsAfterMaxProblems(t *testing.T) {
	header := strings.TrimSuffix(directorytest.File(), "\n") + strings.Repeat(",x", 1<<20) + "\n"
	probs := problemsOf(t, func() error { _, err := ReadCSV(strings.NewReader(header + row("a", nil) + "\n")); return err }())
	if len(probs) != MaxProblems+1 || probs[len(probs)-1].Code != "too_many_problems" {
		t.Errorf("%d problems, the last %v; want %d and then too_many_problems", len(probs), probs[len(probs)-1], MaxProblems)
	}
	// An unknown column's name is quoted as a short prefix, however long it is.
	long := strings.TrimSuffix(directorytest.File(), "\n") + "," + strings.Repeat("y", 1<<20) + "\n"
	probs = problemsOf(t, func() error { _, err := ReadCSV(strings.NewReader(long + row("a", nil) + "\n")); return err }())
	if n := len(probs.Error()); n > 500 {
		t.Errorf("a column name of 1 MiB made a problem of %d bytes", n)
	}
}

// A huge bad value is quoted as a short prefix in its problem, not whole (twice: in the
// message and as the value).
func TestHugeBadValueIsQuotedShort(t *testing.T) {
	huge := strings.Repeat("Ä", 1<<20)
	for _, col := range []string{"id", "opening_hours", "languages", "topics", "notes", "phone", "website", "email", "kind", "postcode", "min_age", "confirmed_at", "accepting_new_clients", "waiting_weeks"} {
		id := "a"
		set := map[string]string{col: huge}
		if col == "id" {
			id, set = huge, nil
		}
		if col == "notes" || col == "waiting_weeks" {
			continue // optional columns the test file's header lacks: checked below
		}
		probs := problemsOf(t, func() error { _, err := ReadCSV(strings.NewReader(directorytest.File(row(id, set)))); return err }())
		for _, p := range probs {
			if tooMuchQuoted(p) {
				t.Errorf("%s: a bad value of 2 MiB made a problem of %d bytes: %.100s…", col, len(p.Message)+len(p.Value), p.Message)
			}
			if !utf8.ValidString(p.Message) || !utf8.ValidString(p.Value) {
				t.Errorf("%s: the value's prefix is cut inside a character", col)
			}
		}
	}
	for _, col := range []string{"notes", "waiting_weeks"} {
		_, probs := ParseRecord(func(c string) string {
			switch c {
			case "id":
				return "a"
			case "kind":
				return "mbe"
			case "name":
				return "Name"
			case col:
				return huge
			}
			return ""
		})
		if len(probs) == 0 {
			t.Errorf("%s: a huge value passed", col)
		}
		for _, p := range probs {
			if tooMuchQuoted(p) {
				t.Errorf("%s: a bad value of 2 MiB made a problem of %d bytes", col, len(p.Message)+len(p.Value))
			}
		}
	}
}

// tooMuchQuoted says whether p quotes more of a bad value of Ä than a short prefix.
func tooMuchQuoted(p Problem) bool {
	return utf8.RuneCountInString(p.Value) > maxQuoted+1 || strings.Contains(p.Message, strings.Repeat("Ä", maxQuoted+1))
}
