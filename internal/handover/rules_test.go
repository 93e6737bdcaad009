package handover_test

import (
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/handover"
	"github.com/kassel/wegweiser/internal/holiday"
)

var berlin = func() *time.Location {
	z, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return z
}()

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, berlin)
	if err != nil {
		panic(err)
	}
	return t
}

// Working days count the office's opening days after the day of the request, skip Hessen's
// public holidays, and end when the office opens.
func TestDeadline(t *testing.T) {
	hessen, err := holiday.ForState("HE")
	if err != nil {
		t.Fatal(err)
	}
	cal := directory.Calendar{Zone: berlin, Holiday: hessen.Is}
	cases := []struct {
		name, from, hours string
		n                 int
		want              string
	}{
		{"Monday morning, weekdays", "2026-11-23 10:00", "Mo-Fr 09:00-12:00", 2, "2026-11-25 09:00"},
		{"Monday evening counts from Tuesday", "2026-11-23 20:00", "Mo-Fr 09:00-12:00", 2, "2026-11-25 09:00"},
		{"Friday skips the weekend", "2026-11-27 11:00", "Mo-Fr 09:00-12:00", 2, "2026-12-01 09:00"},
		{"five from Monday", "2026-11-23 10:00", "Mo-Fr 09:00-12:00", 5, "2026-11-30 09:00"},
		{"Easter: Good Friday and Easter Monday are closed", "2026-04-02 10:00", "Mo-Fr 09:00-12:00", 2, "2026-04-08 09:00"},
		{"Christmas and New Year", "2026-12-23 10:00", "Mo-Fr 08:30-12:00", 2, "2026-12-28 08:30"},
		{"Corpus Christi is a holiday in Hessen", "2026-06-03 10:00", "Mo-Fr 09:00-12:00", 1, "2026-06-05 09:00"},
		{"an office open on Tuesdays and Thursdays", "2026-11-23 10:00", "Tu,Th 14:00-17:00", 2, "2026-11-26 14:00"},
		{"the later opening of a day counts from its first span", "2026-11-23 10:00", "Mo-Fr 09:00-12:00,13:00-15:00; We 13:00-16:00", 2, "2026-11-25 13:00"},
		{"no hours: Monday to Friday", "2026-11-27 11:00", "", 2, "2026-12-01 09:00"},
		{"hours that never open: Monday to Friday", "2026-11-27 11:00", "Mo-Su off", 2, "2026-12-01 09:00"},
		{"hours that do not parse: Monday to Friday", "2026-11-27 11:00", "whenever", 2, "2026-12-01 09:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := handover.Deadline(at(c.from), c.n, c.hours, cal)
			if !got.Equal(at(c.want)) {
				t.Errorf("Deadline(%s, %d, %q) = %s, want %s", c.from, c.n, c.hours, got.In(berlin).Format("Mon 2006-01-02 15:04"), c.want)
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	start := at("2026-11-23 10:00")
	var r handover.Rate
	for i := range handover.RateMax {
		var ok bool
		if r, ok = r.Allow(start.Add(time.Duration(i) * time.Minute)); !ok {
			t.Fatalf("message %d refused", i+1)
		}
	}
	if _, ok := r.Allow(start.Add(59 * time.Minute)); ok {
		t.Errorf("message %d within the hour allowed", handover.RateMax+1)
	}
	next, ok := r.Allow(start.Add(handover.RateWindow))
	if !ok || next.Count != 1 || !next.Since.Equal(start.Add(handover.RateWindow)) {
		t.Errorf("a new window: %+v, %v", next, ok)
	}
}

func TestPayload(t *testing.T) {
	long := make([]rune, handover.MaxBody+1)
	for i := range long {
		long[i] = 'x'
	}
	cases := []struct {
		name    string
		in      dialog.Input
		body    string
		file    bool
		problem string
	}{
		{"text", dialog.Input{Kind: dialog.InputText, Text: "  Hallo  "}, "Hallo", false, ""},
		{"photo with caption", dialog.Input{Kind: dialog.InputFile, Text: "Brief", File: &dialog.Attachment{Ref: "f1", Photo: true, Size: 120_000}}, "Brief", true, ""},
		{"document", dialog.Input{Kind: dialog.InputFile, File: &dialog.Attachment{Ref: "f2", Name: "a.pdf", Size: 3 << 20}}, "", true, ""},
		{"too large a document", dialog.Input{Kind: dialog.InputFile, File: &dialog.Attachment{Ref: "f3", Size: handover.MaxFileSize + 1}}, "", false, "handover.file_too_big"},
		{"a sticker", dialog.Input{Kind: dialog.InputUnsupported}, "", false, "handover.unsupported"},
		{"blank text", dialog.Input{Kind: dialog.InputText, Text: " \n "}, "", false, "handover.unsupported"},
		{"only invisible joiners", dialog.Input{Kind: dialog.InputText, Text: "\u200d\u200d\u200b"}, "", false, "handover.unsupported"},
		{"control characters", dialog.Input{Kind: dialog.InputText, Text: "hello\x00world"}, "", false, "unreadable"},
		{"an emoji alone", dialog.Input{Kind: dialog.InputText, Text: "👍"}, "👍", false, ""},
		{"direction overrides dropped, marks kept", dialog.Input{Kind: dialog.InputText, Text: "\u202eسلام\u2067 x \u200fok"}, "سلام x \u200fok", false, ""},
		{"only overrides", dialog.Input{Kind: dialog.InputText, Text: "\u202e\u2066"}, "", false, "handover.unsupported"},
		{"too long", dialog.Input{Kind: dialog.InputText, Text: string(long)}, "", false, "handover.too_long"},
	}
	for _, c := range cases {
		body, file, problem := handover.Payload(c.in)
		got := ""
		if problem != nil {
			got = problem.ID
		}
		if body != c.body || (file != nil) != c.file || got != c.problem {
			t.Errorf("%s: %q, file %v, problem %q", c.name, body, file != nil, got)
		}
		if file != nil && file.Ref != c.in.File.Ref {
			t.Errorf("%s: passed on %q, not the reference", c.name, file.Ref)
		}
	}
}
