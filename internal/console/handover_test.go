package console

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/testharness"
)

// Both sides of a hand-over in one console: local user 0 asks the office, local user 7 is
// its counsellor; "@N" switches between them, and what one is sent shows at once, marked.
func TestHandoverBothSides(t *testing.T) {
	st := storetest.New(t, directorytest.File("mbe-x,mbe,MBE X,,Street 1,34117,Kassel,,,0561 111111,,,de ar,housing,,,,,true,"))
	runner, cat := testharness.New(t, st)
	code, err := staff.Invite(context.Background(), st, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-x"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{
		"@7", "/start " + staff.InvitePrefix + code, "/language", "2", // the counsellor, in English
		"@0", "/start en", "4", "8", "1", // a newcomer aged 27+, housing, no location
		"1",                         // ask MBE X to contact me
		"Ich brauche eine Wohnung.", // the message
		"1",                         // send
		"@7", "1",                   // the counsellor takes it
		"Guten Tag! Wie kann ich helfen?",
		"@0", "Danke!", "photo:brief.jpg",
	}
	var out bytes.Buffer
	c := &Console{Runner: runner, Catalog: cat, ChatKey: runner.Key(0), Lang: "", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := c.Run(context.Background(), strings.NewReader(strings.Join(lines, "\n")), &out); err != nil {
		t.Fatal(err)
	}
	text, rest := out.String(), out.String()
	for _, w := range []string{
		"(now local user @7)", "Welcome, console!",
		"(now local user @0)", "1. MBE X", "[1] ✉️ 1. Ask them to contact me",
		"Only this is passed on", "Please check", "Ich brauche eine Wohnung.",
		"Sent to “MBE X”", "── to @7 ──", "New request #1", "Ich brauche eine Wohnung.", "[1] ✋ Take it",
		"(now local user @7)", "[1] ✋ Take it", "You have taken request #1", "── to @0 ──", "Good news",
		"── to @0 ──", "💬 MBE X:", "Guten Tag! Wie kann ich helfen?",
		"(now local user @0)", "Passed on to “MBE X”", "── to @7 ──", "Danke!",
		"── to @7 ──", "[file] console:brief.jpg",
	} {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("the transcript lacks %q (in order) after:\n%s\n\nwhole transcript:\n%s", w, text[:len(text)-len(rest)], text)
		}
		rest = rest[i+len(w):]
	}
}
