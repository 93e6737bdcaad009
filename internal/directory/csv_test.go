package directory

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/directorytest"
)

const goodRow = `caritas-mbe,mbe,MBE Kassel,Caritas,Die Freiheit 2,34117,Kassel,51.3166,9.499,0561 7004-211,mbe@example.org,https://example.org,de ar fa-AF,residence letters,,,"Mo,Tu,Th 09:00-12:00; We 14:00-17:00","Termine nur nach Absprache, bitte anrufen",true,2026-10-01`

func TestReadCSVValid(t *testing.T) {
	offices, err := ReadCSV(strings.NewReader("\uFEFF" + directorytest.File(goodRow)))
	if err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	if len(offices) != 1 {
		t.Fatalf("got %d offices, want 1", len(offices))
	}
	o := offices[0]
	if o.ID != "caritas-mbe" || o.Kind != KindMBE || *o.Latitude != 51.3166 || o.Languages[2] != "fa-AF" ||
		o.Topics[1] != "letters" || !*o.AcceptingNewClients || FormatDate(o.ConfirmedAt) != "2026-10-01" {
		t.Errorf("parsed office = %+v", o)
	}
}

// A file saved by a spreadsheet with semicolons between the fields (German Excel's "CSV")
// reads as the same offices as the comma-separated export.
func TestReadCSVSemicolons(t *testing.T) {
	comma := directorytest.File(goodRow, "a-jmd,jmd,JMD,,,,,,,,,,,,12,26,,,false,")
	recs, err := csv.NewReader(strings.NewReader(comma)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var semi bytes.Buffer
	w := csv.NewWriter(&semi)
	w.Comma = ';'
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	want, err := ReadCSV(strings.NewReader(comma))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadCSV(&semi)
	if err != nil {
		t.Fatalf("ReadCSV with semicolons: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with semicolons %+v\nwith commas %+v", got, want)
	}
}

func TestReadCSVColumnsInAnyOrder(t *testing.T) {
	in := strings.Replace(directorytest.File("jmd,ib-jmd,JMD,,,,,,,,,,,,,,,,,"), "id,kind,", "kind,id,", 1) // id and kind swapped in the header
	offices, err := ReadCSV(strings.NewReader(in))
	if err != nil || len(offices) != 1 || offices[0].ID != "ib-jmd" || offices[0].Kind != KindJMD {
		t.Fatalf("ReadCSV = %+v, %v", offices, err)
	}
}

// The import reads opening hours as the bot and the web form do ("Mo-Do 9-12 Uhr") and
// stores them in the stored form; a value in the stored form stays as it is.
func TestReadCSVReadsHoursAsTyped(t *testing.T) {
	row := func(id, hours string) string {
		fields := []string{id, "mbe", "Name", "", "", "", "", "", "", "", "", "", "", "", "", "", `"` + hours + `"`, "", "", ""}
		return strings.Join(fields, ",")
	}
	cases := []struct{ in, want string }{
		{"Mo-Do 9-12 Uhr", "Mo-Th 09:00-12:00"},
		{"Mo-Fr 9-12; Sa geschlossen", "Mo-Fr 09:00-12:00; Sa off"},
		{"Mo,We,Tu 09:00-12:00", "Mo,We,Tu 09:00-12:00"},
		{"Mo-Fr 09:00-17:00; We off", "Mo-Fr 09:00-17:00; We off"},
	}
	var rows []string
	for i, c := range cases {
		rows = append(rows, row(fmt.Sprintf("o%d", i), c.in))
	}
	offices, err := ReadCSV(strings.NewReader(directorytest.File(rows...)))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		if got := offices[i].OpeningHours; got != c.want {
			t.Errorf("%q read as %q, want %q", c.in, got, c.want)
		}
	}
}

// Each bad row must be reported with its line and column, and no office returned.
func TestReadCSVReportsEveryProblem(t *testing.T) {
	row := func(replace map[int]string) string {
		fields := []string{"x", "mbe", "Name", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""}
		for i, v := range replace {
			fields[i] = v
		}
		return strings.Join(fields, ",")
	}
	cases := []struct {
		name, row, column, code string
	}{
		{"unknown kind", row(map[int]string{0: "a", 1: "office"}), "kind", "kind"},
		{"bad id", row(map[int]string{0: "Bad Id"}), "id", "id"},
		{"missing name", row(map[int]string{0: "b", 2: ""}), "name", "required"},
		{"bad postcode", row(map[int]string{0: "c", 5: "3411"}), "postcode", "postcode"},
		{"bad email", row(map[int]string{0: "d", 10: "info(at)example.org"}), "email", "email"},
		{"bad website", row(map[int]string{0: "e", 11: "www.example.org"}), "website", "website"},
		{"bad phone", row(map[int]string{0: "f", 9: "call us"}), "phone", "phone"},
		{"latitude out of range", row(map[int]string{0: "g", 7: "91", 8: "9.5"}), "latitude", "latitude"},
		{"longitude out of range", row(map[int]string{0: "h", 7: "51", 8: "-181"}), "longitude", "longitude"},
		{"half a position", row(map[int]string{0: "i", 7: "51"}), "latitude", "position"},
		{"unknown language", row(map[int]string{0: "j", 12: "de xx"}), "languages", "language"},
		{"unknown topic", row(map[int]string{0: "k", 13: "residence visa"}), "topics", "topic"},
		{"bad age", row(map[int]string{0: "l", 14: "twelve"}), "min_age", "age"},
		{"ages reversed", row(map[int]string{0: "m", 14: "30", 15: "20"}), "max_age", "age_order"},
		{"bad hours", row(map[int]string{0: "n", 16: "Monday 9-12 sometimes"}), "opening_hours", "hours"},
		{"bad flag", row(map[int]string{0: "o", 18: "yes"}), "accepting_new_clients", "bool"},
		{"bad date", row(map[int]string{0: "p", 19: "01.10.2026"}), "confirmed_at", "date"},
		{"confirmed on a day to come", row(map[int]string{0: "p", 19: "2999-01-01"}), "confirmed_at", "date_future"},
	}
	rows := []string{goodRow}
	for _, c := range cases {
		rows = append(rows, c.row)
	}
	rows = append(rows, goodRow) // a duplicate id
	offices, err := ReadCSV(strings.NewReader(directorytest.File(rows...)))
	if offices != nil {
		t.Fatalf("got %d offices from a file with errors, want none", len(offices))
	}
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("error %v is not Problems", err)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			line := i + 3
			for _, p := range probs {
				if p.Line == line && p.Column == c.column && p.Code == c.code {
					return
				}
			}
			t.Errorf("no problem at line %d, column %s, code %s in:\n%v", line, c.column, c.code, probs)
		})
	}
	last := probs[len(probs)-1]
	if last.Line != len(cases)+3 || last.Column != "id" || last.Code != "duplicate" || !strings.Contains(last.Message, "line 2") {
		t.Errorf("duplicate id reported as %v", last)
	}
}

func TestReadCSVHeaderAndShapeProblems(t *testing.T) {
	header := directorytest.File()
	cases := []struct{ name, in, want string }{
		{"empty", "", "line 1: the file is empty"},
		{"header only", header, "line 2: the file holds no offices"},
		{"missing column", strings.Replace(header, ",confirmed_at", "", 1), "line 1, column confirmed_at: column is missing"},
		{"unknown column", strings.Replace(header, "confirmed_at", "confirmed", 1), "line 1, column confirmed: unknown column"},
		{"twice", strings.Replace(header, "confirmed_at", "note", 1), "line 1, column note: column appears twice"},
		{"short row", directorytest.File("a,mbe,Name"), "line 2: has 3 fields, the header has 20"},
		{"broken quote", directorytest.File("a,mbe,\"Name,,,,,,,,,,,,,,,,,"), "the CSV is malformed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(c.in))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	offices, err := ReadCSV(strings.NewReader(directorytest.File(goodRow, "a-jmd,jmd,\"Name, with \"\"quotes\"\"\",,,,,,,,,,,,12,26,,\"two\nlines\",false,")))
	if err != nil {
		t.Fatal(err)
	}
	var first, second bytes.Buffer
	if err := WriteCSV(&first, offices); err != nil {
		t.Fatal(err)
	}
	again, err := ReadCSV(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatalf("reading our own export: %v", err)
	}
	if err := WriteCSV(&second, again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("export is not stable:\n%q\n%q", first.String(), second.String())
	}
	if !strings.HasPrefix(first.String(), "\uFEFFid,kind,") || !strings.Contains(first.String(), "\r\na-jmd,") {
		t.Errorf("export should start with a BOM and the header and be sorted by id:\n%s", first.String())
	}
}
