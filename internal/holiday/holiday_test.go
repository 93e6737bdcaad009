package holiday

import (
	"slices"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestHessen2026 lists every public holiday of Hessen in 2026 by walking the whole year.
func TestHessen2026(t *testing.T) {
	he, err := ForState("HE")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"01-01",          // Neujahr
		"04-03",          // Karfreitag
		"04-06",          // Ostermontag
		"05-01",          // Tag der Arbeit
		"05-14",          // Christi Himmelfahrt
		"05-25",          // Pfingstmontag
		"06-04",          // Fronleichnam
		"10-03",          // Tag der Deutschen Einheit
		"12-25", "12-26", // Weihnachten
	}
	var got []string
	for d := day(2026, 1, 1); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		if he.Is(d) {
			got = append(got, d.Format("01-02"))
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("Hessen 2026: %q\nwant %q", got, want)
	}
}

// TestStatesDiffer: a state's own holidays are not Hessen's (Epiphany in Bayern,
// Reformation Day in Niedersachsen), and codes are read as ISO 3166-2 in any case.
func TestStatesDiffer(t *testing.T) {
	cases := []struct {
		code string
		date time.Time
		want bool
	}{
		{"HE", day(2026, 1, 6), false}, {"BY", day(2026, 1, 6), true},
		{"HE", day(2026, 10, 31), false}, {"ni", day(2026, 10, 31), true},
		{"DE-HE", day(2026, 6, 4), true}, {"", day(2026, 6, 4), true}, {"NI", day(2026, 6, 4), false},
		{"HE", day(2026, 12, 24), false}, {"HE", day(2026, 12, 31), false},
	}
	for _, c := range cases {
		cal, err := ForState(c.code)
		if err != nil {
			t.Fatalf("ForState(%q): %v", c.code, err)
		}
		if got := cal.Is(c.date); got != c.want {
			t.Errorf("%q %s: holiday = %v, want %v", c.code, c.date.Format("2006-01-02"), got, c.want)
		}
	}
	if len(States()) != 16 {
		t.Errorf("States() = %v, want the 16 states", States())
	}
}

func TestUnknownState(t *testing.T) {
	for _, code := range []string{"XX", "Hessen", "DE", "AT-9"} {
		if _, err := ForState(code); err == nil {
			t.Errorf("ForState(%q) accepted", code)
		}
	}
}

// TestDayInItsOwnZone: a moment is read as the day it is where it is given: 25 December
// 00:30 in Berlin is Christmas, though in UTC it is still the 24th.
func TestDayInItsOwnZone(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	he, _ := ForState("HE")
	at := time.Date(2026, 12, 25, 0, 30, 0, 0, berlin)
	if !he.Is(at) || he.Is(at.UTC()) {
		t.Errorf("25 Dec 00:30 Berlin: %v; as UTC (24 Dec): %v", he.Is(at), he.Is(at.UTC()))
	}
}
