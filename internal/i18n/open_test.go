package i18n

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// openLines walks to results at several moments (Berlin time, with Thursday 4 June 2026 a
// holiday as in Hessen) and returns every "open" line said, so that every form of the line
// (open now, opens today, tomorrow, on each weekday, on a date, public holiday) is said.
func openLines(t *testing.T, c *Catalog) []dialog.Text {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	fronleichnam := func(d time.Time) bool { return d.Month() == time.June && d.Day() == 4 }
	// Monday 1 June: the second office opens on each day of the week, three days ahead.
	moments := []struct{ hours, at string }{
		{"Mo 09:00-12:00", "2026-06-01 10:00"}, {"Mo 09:00-12:00", "2026-06-01 12:15"},
		{"Mo 09:00-12:00", "2026-06-01 16:00"}, {"Mo 09:00-12:00", "2026-06-02 07:00"},
		{"Mo 09:00-12:00", "2026-06-04 10:00"}, {"Mo 09:00-12:00", "2026-06-05 13:00"},
	}
	for i, d := range []string{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"} {
		day := time.Date(2026, 6, 8+i-3, 10, 0, 0, 0, berlin) // 3 days before the 8th + i
		moments = append(moments, struct{ hours, at string }{d + " 09:00-12:00", day.Format("2006-01-02 15:04")})
	}
	var lines []dialog.Text
	for _, m := range moments {
		offices := richOffices()
		offices[1].OpeningHours = m.hours
		now, _ := time.ParseInLocation("2006-01-02 15:04", m.at, berlin)
		e := &conversation.Engine{Dir: directory.NewSnapshot(offices, 0), Langs: c, Operator: "Stadt Musterstadt", RetentionDays: 30,
			Now: func() time.Time { return now }, Hours: directory.Calendar{Zone: berlin, Holiday: fronleichnam}}
		lines = append(lines, resultOpenLines(t, e)...)
	}
	return lines
}

// resultOpenLines walks e to an adult's result and returns its "open" lines.
func resultOpenLines(t *testing.T, e *conversation.Engine) []dialog.Text {
	t.Helper()
	var lines []dialog.Text
	var s conversation.State
	for _, in := range []dialog.Input{
		{Kind: dialog.InputChoice, Choice: "lang:en"}, {Kind: dialog.InputText, Text: "34"},
		{Kind: dialog.InputChoice, Choice: "topic:housing"}, {Kind: dialog.InputChoice, Choice: "place:skip"},
	} {
		next, out, err := e.Handle(context.Background(), s, in)
		if err != nil {
			t.Fatal(err)
		}
		s = next
		for _, m := range out.Messages {
			for _, l := range m.Lines {
				if strings.HasPrefix(l.ID, "open.") {
					lines = append(lines, l)
				}
			}
		}
	}
	return lines
}

// TestOpenLinesInEveryLanguage says every form of the "open now" line in every language: each
// form appears, no template is left unfilled, the times and dates stay whole and, right to
// left, isolated.
func TestOpenLinesInEveryLanguage(t *testing.T) {
	c := loadTestCatalog(t)
	lines := openLines(t, c)
	forms := map[string]bool{}
	for _, l := range lines {
		forms[l.ID] = true
		if next, ok := l.Data["Next"].(dialog.Text); ok {
			forms[next.ID] = true
		}
	}
	for _, id := range []string{"open.now", "open.closed", "open.holiday", "open.next.today", "open.next.tomorrow",
		"open.next.date", "open.next.monday", "open.next.tuesday", "open.next.wednesday", "open.next.thursday",
		"open.next.friday", "open.next.saturday", "open.next.sunday"} {
		if !forms[id] {
			t.Errorf("the walk never says %s", id)
		}
	}
	for _, lang := range Shipped {
		for _, l := range lines {
			got := c.Render(lang, l)
			if strings.Contains(got, "{{") || strings.Contains(got, "<no value>") || strings.Contains(got, "open.") {
				t.Errorf("%s: %q", lang, got)
			}
			if !strings.Contains(stripIsolates(got), ":00") {
				t.Errorf("%s: no time in %q", lang, got)
			}
			if IsRTL(lang) {
				if bad := ltrOutsideIsolates(got); len(bad) > 0 {
					t.Errorf("%s: %q outside an isolate in %q", lang, bad, got)
				}
			}
		}
	}
}

// TestOpenLinesRead: the lines as English and German readers see them.
func TestOpenLinesRead(t *testing.T) {
	c := loadTestCatalog(t)
	at := func(s string) dialog.Text { return dialog.LTR(s) }
	cases := []struct {
		lang string
		text dialog.Text
		want string
	}{
		{"en", dialog.T("open.now", "Time", at("12:00")), "🟢 Open now, until 12:00"},
		{"en", dialog.T("open.closed", "Next", dialog.T("open.next.tuesday", "Time", at("09:00"))), "🔴 Closed now, opens on Tuesday at 09:00"},
		{"en", dialog.T("open.holiday", "Next", dialog.T("open.next.wednesday", "Time", at("09:00"))),
			"🔴 Closed today (public holiday), opens on Wednesday at 09:00"},
		{"de", dialog.T("open.closed", "Next", dialog.T("open.next.tomorrow", "Time", at("09:00"))), "🔴 Jetzt geschlossen, öffnet morgen um 09:00 Uhr"},
		{"de", dialog.T("open.closed", "Next", dialog.T("open.next.date", "Date", at("08.01.2027"), "Time", at("09:00"))),
			"🔴 Jetzt geschlossen, öffnet am 08.01.2027 um 09:00 Uhr"},
	}
	for _, tc := range cases {
		if got := c.Render(tc.lang, tc.text); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
	}
}
