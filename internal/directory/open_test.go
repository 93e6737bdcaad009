package directory_test

import (
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/holiday"
)

func berlin(t *testing.T) *time.Location {
	t.Helper()
	z, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// hessen is the calendar of an office in Kassel: Berlin time, Hessen's public holidays.
func hessen(t *testing.T) directory.Calendar {
	t.Helper()
	he, err := holiday.ForState("HE")
	if err != nil {
		t.Fatal(err)
	}
	return directory.Calendar{Zone: berlin(t), Holiday: he.Is}
}

func rules(t *testing.T, hours string) []directory.HoursRule {
	t.Helper()
	r, err := directory.ParseOpeningHours(hours)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// openCase is one moment: the office is open until `until`, or closed and opens `next`
// (both "" when nothing is known), with `holiday` when today is a public holiday it would
// have been open on. Times are written "2006-01-02 15:04" in Berlin.
type openCase struct {
	at, until, next string
	holiday         bool
}

func checkOpenings(t *testing.T, hours string, c directory.Calendar, cases []openCase) {
	t.Helper()
	r := rules(t, hours)
	parse := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, c.Zone)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	show := func(v time.Time) string {
		if v.IsZero() {
			return ""
		}
		return v.In(c.Zone).Format("2006-01-02 15:04")
	}
	for _, tc := range cases {
		// The moment comes in UTC, as a clock gives it: OpeningAt must read it in Berlin.
		o := directory.OpeningAt(r, parse(tc.at).UTC(), c)
		until, next := show(o.Until), show(o.Next)
		if until != tc.until || next != tc.next || o.Holiday != tc.holiday || o.Open != (tc.until != "") {
			t.Errorf("%q at %s %s: open=%v until %q next %q holiday=%v; want until %q next %q holiday=%v",
				hours, parse(tc.at).Weekday(), tc.at, o.Open, until, next, o.Holiday, tc.until, tc.next, tc.holiday)
		}
		if o.Known() != (tc.until != "" || tc.next != "") {
			t.Errorf("%q at %s: Known() = %v", hours, tc.at, o.Known())
		}
		if !o.Next.IsZero() && o.Next.Location() != c.Zone {
			t.Errorf("%q at %s: next in %v, want the calendar's zone", hours, tc.at, o.Next.Location())
		}
	}
}

// TestOpeningAcrossAWeek walks an ordinary week (9–15 November 2026, no holiday) for an office
// with a midday break Monday to Thursday and mornings only on Friday: before, within,
// at the end of and after each span, across midnight and over the weekend.
func TestOpeningAcrossAWeek(t *testing.T) {
	checkOpenings(t, "Mo-Th 09:00-12:00,13:00-15:30; Fr 09:00-12:00", hessen(t), []openCase{
		{at: "2026-11-09 00:00", next: "2026-11-09 09:00"},
		{at: "2026-11-09 08:59", next: "2026-11-09 09:00"},
		{at: "2026-11-09 09:00", until: "2026-11-09 12:00"},
		{at: "2026-11-09 11:59", until: "2026-11-09 12:00"},
		{at: "2026-11-09 12:00", next: "2026-11-09 13:00"}, // the midday break
		{at: "2026-11-09 12:59", next: "2026-11-09 13:00"},
		{at: "2026-11-09 13:00", until: "2026-11-09 15:30"},
		{at: "2026-11-09 15:30", next: "2026-11-10 09:00"},
		{at: "2026-11-10 10:15", until: "2026-11-10 12:00"},
		{at: "2026-11-10 14:00", until: "2026-11-10 15:30"},
		{at: "2026-11-11 23:59", next: "2026-11-12 09:00"},
		{at: "2026-11-12 00:00", next: "2026-11-12 09:00"},
		{at: "2026-11-12 15:29", until: "2026-11-12 15:30"},
		{at: "2026-11-13 09:30", until: "2026-11-13 12:00"},
		{at: "2026-11-13 12:30", next: "2026-11-16 09:00"}, // no afternoon on Friday
		{at: "2026-11-14 10:00", next: "2026-11-16 09:00"},
		{at: "2026-11-15 23:59", next: "2026-11-16 09:00"},
	})
}

// TestOpeningRules: a later rule decides the days it names; a day open to 24:00 runs on into
// a next day that opens at 00:00; spans in any order; only "off" rules, or none, say nothing.
func TestOpeningRules(t *testing.T) {
	c := hessen(t)
	checkOpenings(t, "Mo-Fr 09:00-17:00; We off", c, []openCase{
		{at: "2026-11-11 10:00", next: "2026-11-12 09:00"},
		{at: "2026-11-10 16:00", until: "2026-11-10 17:00"},
	})
	checkOpenings(t, "Mo-Fr 09:00-17:00; We 10:00-12:00", c, []openCase{
		{at: "2026-11-11 09:30", next: "2026-11-11 10:00"},
		{at: "2026-11-11 12:30", next: "2026-11-12 09:00"},
	})
	checkOpenings(t, "Sa 20:00-24:00; Su 00:00-02:00", c, []openCase{
		{at: "2026-11-14 23:00", until: "2026-11-15 02:00"},
		{at: "2026-11-15 00:00", until: "2026-11-15 02:00"},
		{at: "2026-11-15 02:00", next: "2026-11-21 20:00"},
	})
	checkOpenings(t, "Fr 20:00-24:00", c, []openCase{
		{at: "2026-11-13 23:59", until: "2026-11-14 00:00"},
		{at: "2026-11-14 00:00", next: "2026-11-20 20:00"},
	})
	checkOpenings(t, "Tu 14:00-16:00,09:00-11:00", c, []openCase{
		{at: "2026-11-10 08:00", next: "2026-11-10 09:00"},
		{at: "2026-11-10 11:30", next: "2026-11-10 14:00"},
	})
	checkOpenings(t, "Mo-Su off", c, []openCase{{at: "2026-11-10 10:00"}})
	checkOpenings(t, "", c, []openCase{{at: "2026-11-10 10:00"}})
}

// TestOpensNextWeek: an office open on Mondays only, seen on each later day of the week and
// after Monday's hours: the next opening is up to 7 days ahead.
func TestOpensNextWeek(t *testing.T) {
	checkOpenings(t, "Mo 09:00-12:00", hessen(t), []openCase{
		{at: "2026-11-10 08:00", next: "2026-11-16 09:00"}, // Tuesday: 6 days ahead
		{at: "2026-11-15 18:00", next: "2026-11-16 09:00"},
		{at: "2026-11-16 12:00", next: "2026-11-23 09:00"}, // Monday after closing: 7 days ahead
	})
}

// TestOpeningOnPublicHolidays: Hessen's holidays close the office, and say so when it would
// have been open that day; the next opening skips them, over Easter and Christmas too.
func TestOpeningOnPublicHolidays(t *testing.T) {
	c := hessen(t)
	checkOpenings(t, "Mo-Fr 09:00-12:00", c, []openCase{
		{at: "2026-06-03 15:00", next: "2026-06-05 09:00"},                // before Fronleichnam (Thursday)
		{at: "2026-06-04 10:00", next: "2026-06-05 09:00", holiday: true}, // Fronleichnam
		{at: "2026-04-02 13:00", next: "2026-04-07 09:00"},                // Good Friday, weekend, Easter Monday
		{at: "2026-04-06 08:00", next: "2026-04-07 09:00", holiday: true}, // Easter Monday
		{at: "2026-12-24 10:00", until: "2026-12-24 12:00"},               // Christmas Eve is no public holiday
		{at: "2026-12-24 12:00", next: "2026-12-28 09:00"},
		{at: "2026-12-26 10:00", next: "2026-12-28 09:00"}, // a Saturday: closed anyway, no holiday note
		{at: "2026-12-31 12:00", next: "2027-01-04 09:00"}, // New Year's Day on Friday
	})
	checkOpenings(t, "Fr 09:00-12:00", c, []openCase{
		{at: "2026-12-24 13:00", next: "2027-01-08 09:00"}, // 25 December and 1 January are Fridays
	})
	// Without a holiday calendar the same days are ordinary days.
	checkOpenings(t, "Mo-Fr 09:00-12:00", directory.Calendar{Zone: c.Zone}, []openCase{
		{at: "2026-06-04 10:00", until: "2026-06-04 12:00"},
	})
}

// TestOpeningAcrossClockChanges: an office open 09:00–12:00 on the Monday after the last
// Sunday of March (clocks go forward) and of October (clocks go back) opens at 09:00 local
// time, whichever side of the change it is seen from.
func TestOpeningAcrossClockChanges(t *testing.T) {
	c := hessen(t)
	checkOpenings(t, "Mo 09:00-12:00", c, []openCase{
		{at: "2026-03-28 12:00", next: "2026-03-30 09:00"}, // Saturday, still winter time
		{at: "2026-03-29 01:59", next: "2026-03-30 09:00"},
		{at: "2026-03-29 03:00", next: "2026-03-30 09:00"}, // the hour after the change
		{at: "2026-03-30 08:59", next: "2026-03-30 09:00"},
		{at: "2026-03-30 09:00", until: "2026-03-30 12:00"},
		{at: "2026-03-30 11:59", until: "2026-03-30 12:00"},
		{at: "2026-10-24 12:00", next: "2026-10-26 09:00"}, // Saturday, still summer time
		{at: "2026-10-25 02:30", next: "2026-10-26 09:00"},
		{at: "2026-10-26 08:59", next: "2026-10-26 09:00"},
		{at: "2026-10-26 09:00", until: "2026-10-26 12:00"},
	})
	// The same instants in UTC: 09:00 is 07:00 UTC in summer and 08:00 UTC in winter.
	r := rules(t, "Mo 09:00-12:00")
	for _, tc := range []struct{ at, next time.Time }{
		{time.Date(2026, 3, 28, 11, 0, 0, 0, time.UTC), time.Date(2026, 3, 30, 7, 0, 0, 0, time.UTC)},
		{time.Date(2026, 10, 24, 10, 0, 0, 0, time.UTC), time.Date(2026, 10, 26, 8, 0, 0, 0, time.UTC)},
	} {
		if o := directory.OpeningAt(r, tc.at, c); !o.Next.Equal(tc.next) {
			t.Errorf("at %s: next %s, want %s", tc.at, o.Next.UTC(), tc.next)
		}
	}
	if o := directory.OpeningAt(r, time.Date(2026, 3, 30, 7, 30, 0, 0, time.UTC), c); !o.Open {
		t.Error("07:30 UTC on 30 March 2026 is 09:30 in Berlin: open")
	}
	if o := directory.OpeningAt(r, time.Date(2026, 10, 26, 7, 30, 0, 0, time.UTC), c); o.Open {
		t.Error("07:30 UTC on 26 October 2026 is 08:30 in Berlin: closed")
	}
}
