package console

import (
	"context"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/staff"
)

// Both sides of a hand-over in one console: local user 0 asks the office, local user 7 is
// its counsellor; "@N" switches between them, and what one is sent shows at once, marked.
func TestHandoverBothSides(t *testing.T) {
	tr := newTranscriptOf(t, directorytest.File("mbe-x,mbe,MBE X,,Street 1,34117,Kassel,,,0561 111111,,,de ar,housing,,,,,true,"))
	code, err := staff.Invite(context.Background(), tr.store, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-x"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tr.play("", []string{
		"@7", "/start " + staff.InvitePrefix + code, "/language", "2", // the counsellor, in English
		"@0", "/start en", "4", "8", "1", // a newcomer aged 27+, housing, no location
		"1",                         // ask MBE X to contact me
		"Ich brauche eine Wohnung.", // the message
		"1",                         // send
		"@7", "1",                   // the counsellor takes it
		"Guten Tag! Wie kann ich helfen?",
		"@0", "Danke!", "photo:brief.jpg",
	},
		"(now local user @7)", "Welcome, console!",
		"(now local user @0)", "1. MBE X", "[1] ✉️ 1. Ask them to contact me",
		"Only this is passed on", "Please check", "Ich brauche eine Wohnung.",
		"Sent to “MBE X”", "── to @7 ──", "New request #1", "Ich brauche eine Wohnung.", "[1] ✋ Take it",
		"(now local user @7)", "[1] ✋ Take it", "You have taken request #1", "── to @0 ──", "Good news",
		"── to @0 ──", "💬 MBE X:", "Guten Tag! Wie kann ich helfen?",
		"(now local user @0)", "Passed on to “MBE X”", "── to @7 ──", "Danke!",
		"── to @7 ──", "[file] console:brief.jpg",
	)
}

// A counsellor of another office tries a hand-over from the newcomers' side (as the
// onboarding does): neither the request nor its being taken is counted, nor its wait.
func TestAStaffMembersTrialHandoverIsNotCounted(t *testing.T) {
	tr := newTranscriptOf(t, directorytest.File(
		"mbe-x,mbe,MBE X,,Street 1,34117,Kassel,,,0561 111111,,,de ar,housing,,,,,true,",
		"mbe-y,mbe,MBE Y,,Street 2,34117,Kassel,,,0561 222222,,,de,work,,,,,true,"))
	st, ctx := tr.store, context.Background()
	codeX, err := staff.Invite(ctx, st, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-x"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	codeY, err := staff.Invite(ctx, st, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-y"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tr.play("", []string{
		"@7", "/start " + staff.InvitePrefix + codeX, "/language", "2", // MBE X's counsellor
		"@5", "/start " + staff.InvitePrefix + codeY, "/language", "2", // MBE Y's counsellor, who then tries it out
		"/start en", "4", "8", "1", "1", "Test: ich brauche eine Wohnung.", "1",
		"@7", "1", // MBE X's counsellor takes it
	}, "You have taken request #1")
	today := time.Now().UTC().Truncate(24 * time.Hour)
	f, err := st.Figures(ctx, today.AddDate(0, 0, -1), today.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	sum := func(dim string) (n int) {
		for _, r := range f.Total(dim) {
			n += int(r.Count)
		}
		return n
	}
	if req, taken := sum("handover_requested"), sum("handover_taken"); taken > req || f.TakenWait.N > 0 {
		t.Errorf("a staff member's test hand-over: %d requested, %d taken, wait from %d requests", req, taken, f.TakenWait.N)
	}
}
