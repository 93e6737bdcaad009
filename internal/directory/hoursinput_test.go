package directory

import (
	"errors"
	"testing"
)

// Counsellors type opening hours as they write them anywhere: German or English day names,
// ranges, short times, closed days and appointment notes. Each becomes one stored form.
func TestNormalizeHours(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Mo-Do 9-12", "Mo-Th 09:00-12:00"},
		{"Mo,Di,Mi,Do 09:00-12:00; Fr geschlossen", "Mo-Th 09:00-12:00; Fr off"},
		{"Montag bis Freitag 9:00–12:00 und 14-16 Uhr", "Mo-Fr 09:00-12:00,14:00-16:00"},
		{"Mo. – Do. 9.30 bis 12 Uhr", "Mo-Th 09:30-12:00"},
		{"Mo 9-12, Di 14-16", "Mo 09:00-12:00; Tu 14:00-16:00"},
		{"Mo, Mi 9-12\nFr 8-10", "Mo,We 09:00-12:00; Fr 08:00-10:00"},
		{"Mi nur nach Terminvereinbarung", `We "by appointment"`},
		{"Mo-Fr 9-12 nach Vereinbarung", `Mo-Fr 09:00-12:00 "by appointment"`},
		{"nur nach Terminvereinbarung", `"by appointment"`},
		{"Mo-Do 9-12; Termine nur nach Vereinbarung", `Mo-Th 09:00-12:00; "by appointment"`},
		{"Monday to Thursday 9am-12, Friday closed", "Mo-Th 09:00-12:00; Fr off"},
		{"Tue, Thu 0900-1230 by appointment only", `Tu,Th 09:00-12:30 "by appointment"`},
		{"werktags 8-16", "Mo-Fr 08:00-16:00"},
		{"Sa-Mo 10-11", "Mo,Sa,Su 10:00-11:00"},
		{"Mo 9–24", "Mo 09:00-24:00"},
		{"Mo,Tu,Th 09:00-12:00; We 14:00-17:00", "Mo,Tu,Th 09:00-12:00; We 14:00-17:00"},
		{"Mo-Fr 09:00-17:00; We off", "Mo-Fr 09:00-17:00; We off"},
		// Times typed for a day a rule before covered too are both meant: added up, where the
		// stored form would let the later rule replace the day.
		{"Mo-Fr 9-12, Di 14-16", "Mo,We-Fr 09:00-12:00; Tu 09:00-12:00,14:00-16:00"},
		{"Mo-Do 9-12; Mo-Do 13-15", "Mo-Th 09:00-12:00,13:00-15:00"},
		{"Mo-Fr 9-12, Mo 11-13", "Mo 09:00-13:00; Tu-Fr 09:00-12:00"},
		{"  ", ""},
	}
	for _, c := range cases {
		got, err := NormalizeHours(c.in)
		if err != nil || got != c.want {
			t.Errorf("NormalizeHours(%q) = %q, %v; want %q", c.in, got, err, c.want)
			continue
		}
		again, err := NormalizeHours(got)
		if err != nil || again != got {
			t.Errorf("the stored form %q normalises to %q, %v: not stable", got, again, err)
		}
		// A German counsellor's form shows the stored hours in German, and saving it
		// unchanged keeps them.
		if got == "" {
			continue
		}
		german := GermanHours(got)
		if back, err := NormalizeHours(german); err != nil || back != got {
			t.Errorf("GermanHours(%q) = %q reads back as %q, %v", got, german, back, err)
		}
	}
	for stored, want := range map[string]string{
		"Mo-Th 09:00-12:00; Fr off":          "Mo-Do 09:00-12:00; Fr geschlossen",
		`Tu,Th 09:00-12:30 "by appointment"`: "Di,Do 09:00-12:30 nach Vereinbarung",
		`"by appointment"`:                   "nach Vereinbarung",
		"Mo,Sa,Su 10:00-11:00":               "Mo,Sa,So 10:00-11:00",
		"not hours at all":                   "not hours at all",
	} {
		if got := GermanHours(stored); got != want {
			t.Errorf("GermanHours(%q) = %q, want %q", stored, got, want)
		}
	}
}

// What cannot be read is refused with the word that could not be read.
func TestNormalizeHoursRefuses(t *testing.T) {
	cases := []struct{ in, word string }{
		{"Monday 9", "9"},
		{"9-12", "9"},
		{"Mo-Fr", "Mo-Fr"},
		{"Mo 12-9", "9"},
		{"Mo 9-25", "25"},
		{"Mo 9:75-12", "9:75"},
		{"Mo ab 9", "ab"},
		{"Mo 9-12 geschlossen", "geschlossen"},
		{"Mo geschlossen nach Vereinbarung", "nach vereinbarung"},
		{"Mo nur 9-12", "nur"},
		{"Mo 9--12", "-"},
		{"Mittags 9-12", "mittags"},
		{"Mo 9-12 #", "#"},
	}
	for _, c := range cases {
		got, err := NormalizeHours(c.in)
		var inv *Invalid
		if !errors.As(err, &inv) || inv.Code != "hours" || inv.Value != c.word {
			t.Errorf("NormalizeHours(%q) = %q, %v; want it refused at %q", c.in, got, err, c.word)
		}
	}
}

// The stored form keeps appointment notes only as the one fixed comment.
func TestParseOpeningHoursAppointments(t *testing.T) {
	rules, err := ParseOpeningHours(`Mo-Th 09:00-12:00 "by appointment"; We "by appointment"; "by appointment"`)
	if err != nil || len(rules) != 3 {
		t.Fatalf("rules = %+v, %v", rules, err)
	}
	if !rules[0].Appointment || len(rules[0].Spans) != 1 || !rules[1].Appointment || len(rules[1].Spans) != 0 ||
		len(rules[1].Days) != 1 || !rules[2].Appointment || len(rules[2].Days) != 0 {
		t.Errorf("rules = %+v", rules)
	}
	for _, bad := range []string{`Mo "call first"`, `Mo off "by appointment"`, `"by appointment" Mo`, `Mo 09:00-12:00 "by appointment`} {
		if _, err := ParseOpeningHours(bad); err == nil {
			t.Errorf("ParseOpeningHours(%q) accepted", bad)
		}
	}
}
