package conversation_test

import (
	"slices"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/holiday"
)

// toJMDResult reaches a result naming the JMD (hours Mo-Fr 09:00-12:00) and, as the MBE
// exception, the MBE without opening hours.
var toJMDResult = ins(tap("lang:en"), tap("age:18-26"), tap("topic:housing"), tap("place:skip"))

// officeBlocks splits a result's lines into one block per office, from its title on.
func officeBlocks(out dialog.Output) [][]dialog.Text {
	var blocks [][]dialog.Text
	for _, m := range out.Messages {
		for _, l := range m.Lines {
			switch {
			case l.ID == "office.title":
				blocks = append(blocks, []dialog.Text{l})
			case l.ID == "" && len(blocks) > 0 && l.Raw == "":
				blocks = append(blocks, nil) // a blank line ends a block
			case len(blocks) > 0:
				blocks[len(blocks)-1] = append(blocks[len(blocks)-1], l)
			}
		}
	}
	return slices.DeleteFunc(blocks, func(b []dialog.Text) bool { return len(b) == 0 })
}

// officeBlock returns the block of the office named name.
func officeBlock(t *testing.T, out dialog.Output, name string) []dialog.Text {
	t.Helper()
	for _, b := range officeBlocks(out) {
		if n, _ := b[0].Data["Name"].(dialog.Text); n.Raw == name {
			return b
		}
	}
	t.Fatalf("no block for %q in %v", name, said(out))
	return nil
}

// openLine returns the block's "open" line written flat, and whether it follows the hours.
func openLine(block []dialog.Text) (string, bool) {
	for i, l := range block {
		if l.ID == "open.now" || l.ID == "open.closed" || l.ID == "open.holiday" {
			return flatData(l), i > 0 && block[i-1].ID == "office.hours"
		}
	}
	return "", false
}

// flatData writes a text with its data: {open.closed Next={open.next.tomorrow Time=09:00}}.
func flatData(t dialog.Text) string {
	if t.ID == "" {
		return flat(t)
	}
	s := "{" + t.ID
	keys := make([]string, 0, len(t.Data))
	for k := range t.Data {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		switch v := t.Data[k].(type) {
		case dialog.Text:
			if v.ID == "" && !v.LTR {
				s += " " + k + "=<not LTR>" + flat(v)
				continue
			}
			s += " " + k + "=" + flatData(v)
		default:
			s += " " + k + "=?"
		}
	}
	return s + "}"
}

func newClockEngine(t *testing.T, at string, cal directory.Calendar) *conversation.Engine {
	t.Helper()
	now, err := time.ParseInLocation("2006-01-02 15:04", at, cal.Zone)
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, only("jmd-kassel", "mbe-kassel"))
	e.Now = func() time.Time { return now.UTC() }
	e.Hours = cal
	return e
}

// hesse is the calendar of an office in Kassel: Berlin's time zone, Hessen's public holidays.
func hesse(t *testing.T) directory.Calendar {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	he, err := holiday.ForState("HE")
	if err != nil {
		t.Fatal(err)
	}
	return directory.Calendar{Zone: berlin, Holiday: he.Is}
}

// TestOpenNowInResults: with a fixed clock in Berlin and Hessen's holidays, the JMD's block
// says after its opening hours whether it is open now, or when it opens; the MBE without
// hours says nothing.
func TestOpenNowInResults(t *testing.T) {
	cal := hesse(t)
	cases := []struct{ name, at, want string }{
		{"within the hours", "2026-11-09 10:00", "{open.now Time=12:00}"},
		{"before opening", "2026-11-09 07:45", "{open.closed Next={open.next.today Time=09:00}}"},
		{"after closing", "2026-11-09 12:00", "{open.closed Next={open.next.tomorrow Time=09:00}}"},
		{"Friday afternoon", "2026-11-13 15:00", "{open.closed Next={open.next.monday Time=09:00}}"},
		{"Saturday", "2026-11-14 10:00", "{open.closed Next={open.next.monday Time=09:00}}"},
		{"Sunday night", "2026-11-15 23:59", "{open.closed Next={open.next.tomorrow Time=09:00}}"},
		{"Fronleichnam", "2026-06-04 10:00", "{open.holiday Next={open.next.tomorrow Time=09:00}}"},
		{"Maundy Thursday", "2026-04-02 13:00", "{open.closed Next={open.next.tuesday Time=09:00}}"},
		{"Christmas Eve", "2026-12-24 12:30", "{open.closed Next={open.next.monday Time=09:00}}"},
		{"Sunday of the clock change", "2026-03-29 12:00", "{open.closed Next={open.next.tomorrow Time=09:00}}"},
		{"Monday after it", "2026-03-30 09:00", "{open.now Time=12:00}"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, out := run(t, newClockEngine(t, c.at, cal), conversation.State{}, toJMDResult)
			got, afterHours := openLine(officeBlock(t, out, "JMD Kassel"))
			if got != c.want || !afterHours {
				t.Errorf("JMD: %s (after the hours: %v), want %s", got, afterHours, c.want)
			}
			if got, _ := openLine(officeBlock(t, out, "MBE Kassel")); got != "" {
				t.Errorf("MBE without hours says %s", got)
			}
		})
	}
}

// TestOpensOnWeekdaysAndDates: an office open on Mondays only is announced by weekday up to
// six days ahead and by date from a week on, when a weekday name would read as this week's.
func TestOpensOnWeekdaysAndDates(t *testing.T) {
	cal := hesse(t)
	dir := directory.NewSnapshot([]directory.Office{{
		ID: "jmd-mo", Kind: directory.KindJMD, Name: "JMD Montag", Topics: topics("housing"), OpeningHours: "Mo 09:00-12:00",
	}}, 0)
	cases := []struct{ at, want string }{
		{"2026-11-10 10:00", "{open.closed Next={open.next.monday Time=09:00}}"},                // Tuesday: 6 days ahead
		{"2026-11-16 12:00", "{open.closed Next={open.next.date Date=23.11.2026 Time=09:00}}"},  // Monday after closing: 7 days
		{"2026-12-24 10:00", "{open.closed Next={open.next.monday Time=09:00}}"},                // 28 December
		{"2026-05-18 13:00", "{open.closed Next={open.next.date Date=01.06.2026 Time=09:00}}"},  // Pfingstmontag 25 May
		{"2026-05-25 10:00", "{open.holiday Next={open.next.date Date=01.06.2026 Time=09:00}}"}, // on Pfingstmontag itself
	}
	for _, c := range cases {
		e := newClockEngine(t, c.at, cal)
		e.Dir = dir
		_, out := run(t, e, conversation.State{}, toJMDResult)
		if got, _ := openLine(officeBlock(t, out, "JMD Montag")); got != c.want {
			t.Errorf("at %s: %s, want %s", c.at, got, c.want)
		}
	}
}

// TestNoOpenLineWithoutHours: no open line when the office has no hours or is never open, or
// when the engine knows no zone to read the hours in.
func TestNoOpenLineWithoutHours(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, hours string
		cal         directory.Calendar
	}{
		{"no hours", "", directory.Calendar{Zone: berlin}},
		{"closed every day", "Mo-Su off", directory.Calendar{Zone: berlin}},
		{"no zone", "Mo-Fr 09:00-12:00", directory.Calendar{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := directory.NewSnapshot([]directory.Office{{
				ID: "jmd-x", Kind: directory.KindJMD, Name: "JMD X", Topics: topics("housing"), OpeningHours: c.hours,
			}}, 0)
			e := newEngine(t, dir)
			e.Now = func() time.Time { return time.Date(2026, 11, 9, 9, 0, 0, 0, time.UTC) }
			e.Hours = c.cal
			_, out := run(t, e, conversation.State{}, toJMDResult)
			for _, id := range said(out) {
				if id == "open.now" || id == "open.closed" || id == "open.holiday" {
					t.Errorf("said %s", id)
				}
			}
		})
	}
}
