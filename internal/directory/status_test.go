package directory

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/directorytest"
)

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// A closure runs up to and including its last day, and ends by itself.
func TestClosedOn(t *testing.T) {
	until := date("2027-01-06")
	o := Office{ClosedUntil: &until}
	for day, want := range map[string]bool{"2026-12-23": true, "2027-01-06": true, "2027-01-07": false, "2027-03-01": false} {
		if got := o.ClosedOn(date(day)); got != want {
			t.Errorf("closed until 06.01.: ClosedOn(%s) = %v, want %v", day, got, want)
		}
	}
	evening := time.Date(2027, 1, 6, 22, 30, 0, 0, time.UTC)
	if !o.ClosedOn(evening) {
		t.Error("the last day's evening counts as closed")
	}
	if (&Office{}).ClosedOn(evening) {
		t.Error("an office without a closure is closed")
	}
	if w, ok := (&Office{}).WaitingWeeks(); ok || w != 0 {
		t.Errorf("no waiting list = %d, %v", w, ok)
	}
	four := 4
	if w, ok := (&Office{Waiting: &four}).WaitingWeeks(); !ok || w != 4 {
		t.Errorf("four weeks = %d, %v", w, ok)
	}
}

// The status columns come last: files without them still read, files with them round-trip.
func TestStatusColumns(t *testing.T) {
	old, err := ReadCSV(strings.NewReader(directorytest.File(goodRow)))
	if err != nil || old[0].ClosedUntil != nil || old[0].Waiting != nil || len(old[0].NoteKeys) != 0 {
		t.Fatalf("a file without the status columns: %+v, %v", old, err)
	}
	header := strings.TrimSuffix(directorytest.File(), "\n") + ",closed_until,waiting_weeks,notes\n"
	in := header + goodRow + ",2027-01-06,4,appointment_only interpreter\n"
	offices, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	o := offices[0]
	if FormatDate(o.ClosedUntil) != "2027-01-06" || *o.Waiting != 4 || strings.Join(o.NoteKeys, " ") != "appointment_only interpreter" {
		t.Errorf("status = %v %v %v", o.ClosedUntil, o.Waiting, o.NoteKeys)
	}
	var first, second bytes.Buffer
	if err := WriteCSV(&first, offices); err != nil {
		t.Fatal(err)
	}
	again, err := ReadCSV(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&second, again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) || !strings.Contains(first.String(), ",confirmed_at,closed_until,waiting_weeks,notes,closed_from,serves\r\n") {
		t.Errorf("export is not stable or lacks the columns:\n%s", first.String())
	}
}

func TestStatusColumnsAreChecked(t *testing.T) {
	header := strings.TrimSuffix(directorytest.File(), "\n") + ",closed_until,waiting_weeks,notes,closed_from\n"
	row := func(accepting, closed, weeks, notes string, from ...string) string {
		fields := make([]string, strings.Count(header, ",")+1) // the header's columns, not serves
		fields[0], fields[1], fields[2] = "x", "mbe", "Name"
		fields[18], fields[20], fields[21], fields[22] = accepting, closed, weeks, notes
		if len(from) > 0 {
			fields[23] = from[0]
		}
		return strings.Join(fields, ",")
	}
	cases := []struct{ name, row, column, code string }{
		{"bad date", row("", "6.1.", "", ""), "closed_until", "date"},
		{"zero weeks", row("", "", "0", ""), "waiting_weeks", "weeks"},
		{"a year and more", row("", "", "53", ""), "waiting_weeks", "weeks"},
		{"full with a wait", row("false", "", "4", ""), "waiting_weeks", "waiting"},
		{"unknown note", row("", "", "", "free parking"), "notes", "note_key"},
		{"note twice", row("", "", "", "free free"), "notes", "note_key_dup"},
		{"notes that contradict each other", row("", "", "", "free stairs_only wheelchair"), "notes", "note_opposite"},
		{"a closure's start alone", row("", "", "", "", "2026-12-23"), "closed_from", "closure_order"},
		{"a closure's start after its end", row("", "2026-12-22", "", "", "2026-12-23"), "closed_from", "closure_order"},
		{"a closure's start misspelt", row("", "2026-12-22", "", "", "23.12."), "closed_from", "date"},
		// As in the bot: an office closed for longer than a year is archived.
		{"a closure over a year", row("", time.Now().AddDate(1, 0, 3).Format(time.DateOnly), "", ""), "closed_until", "date_far"},
	}
	for _, c := range cases {
		_, err := ReadCSV(strings.NewReader(header + c.row + "\n"))
		var probs Problems
		if !errors.As(err, &probs) || len(probs) != 1 || probs[0].Column != c.column || probs[0].Code != c.code {
			t.Errorf("%s: %v, want one problem in %s (%s)", c.name, err, c.column, c.code)
		}
	}
}

// A closure announced ahead begins on its first day; one without a first day runs from now.
func TestClosureStart(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	from, until := day("2026-12-23"), day("2027-01-06")
	ahead := Office{ClosedFrom: &from, ClosedUntil: &until}
	now := Office{ClosedUntil: &until}
	for _, c := range []struct {
		on                  string
		ahead, now, closing bool
	}{
		{"2026-12-08", false, true, false}, {"2026-12-09", false, true, true}, {"2026-12-22", false, true, true},
		{"2026-12-23", true, true, false}, {"2027-01-06", true, true, false}, {"2027-01-07", false, false, false},
	} {
		at := day(c.on).Add(15 * time.Hour)
		if ahead.ClosedOn(at) != c.ahead || now.ClosedOn(at) != c.now || ahead.ClosingWithin(at, 14) != c.closing || now.ClosingWithin(at, 14) {
			t.Errorf("%s: closed %v/%v, closing %v", c.on, ahead.ClosedOn(at), now.ClosedOn(at), ahead.ClosingWithin(at, 14))
		}
	}
}

// An office's position is checked against its postcode's centre when a Centre is given: in an
// import, latitude and longitude swapped, or a point far off, are problems of the latitude.
func TestPositionNearItsPostcode(t *testing.T) {
	near := Centre(func(code string) (float64, float64, bool) { return 51.3127, 9.4797, code == "34117" })
	pos := func(lat, lon float64) *Office { return &Office{Postcode: "34117", Latitude: &lat, Longitude: &lon} }
	for _, c := range []struct {
		o    *Office
		code string
	}{
		{pos(51.3, 9.5), ""}, {pos(51.5, 9.6), ""}, {pos(9.4797, 51.3127), "position_swapped"}, {pos(48.137, 11.575), "position_far"},
		{&Office{Postcode: "34117"}, ""}, {&Office{Postcode: "99999", Latitude: pos(1, 1).Latitude, Longitude: pos(1, 1).Longitude}, ""},
	} {
		var inv *Invalid
		if err := near.Check(c.o); (c.code == "" && err != nil) || (c.code != "" && (!errors.As(err, &inv) || inv.Code != c.code)) {
			t.Errorf("%+v: %v, want %q", c.o, err, c.code)
		}
	}
	if err := Centre(nil).Check(pos(9.4797, 51.3127)); err != nil {
		t.Errorf("no centre: %v", err)
	}
	in := directorytest.File("a,mbe,A,,Street 1,34117,Kassel,9.4797,51.3127,,,,de,,,,,,,", "b,mbe,B,,Street 2,34117,Kassel,51.31,9.48,,,,de,,,,,,,")
	_, err := ReadCSVNear(strings.NewReader(in), UTF8, near)
	var probs Problems
	if !errors.As(err, &probs) || len(probs) != 1 || probs[0].Line != 2 || probs[0].Column != "latitude" || probs[0].Code != "position_swapped" {
		t.Errorf("import: %v", err)
	}
	if _, err := ReadCSV(strings.NewReader(in)); err != nil {
		t.Errorf("without a centre: %v", err)
	}
}
