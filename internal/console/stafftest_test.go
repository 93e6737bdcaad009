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

// A counsellor of another office tries a hand-over from the newcomers' side (as the
// onboarding does): neither the request nor its being taken is counted, nor its wait.
func TestAStaffMembersTrialHandoverIsNotCounted(t *testing.T) {
	st := storetest.New(t, directorytest.File(
		"mbe-x,mbe,MBE X,,Street 1,34117,Kassel,,,0561 111111,,,de ar,housing,,,,,true,",
		"mbe-y,mbe,MBE Y,,Street 2,34117,Kassel,,,0561 222222,,,de,work,,,,,true,"))
	runner, cat := testharness.New(t, st)
	ctx := context.Background()
	codeX, err := staff.Invite(ctx, st, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-x"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	codeY, err := staff.Invite(ctx, st, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-y"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{
		"@7", "/start " + staff.InvitePrefix + codeX, "/language", "2", // MBE X's counsellor
		"@5", "/start " + staff.InvitePrefix + codeY, "/language", "2", // MBE Y's counsellor, who then tries it out
		"/start en", "4", "8", "1", "1", "Test: ich brauche eine Wohnung.", "1",
		"@7", "1", // MBE X's counsellor takes it
	}
	var out bytes.Buffer
	c := &Console{Runner: runner, Catalog: cat, ChatKey: runner.Key(0), Lang: "", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := c.Run(ctx, strings.NewReader(strings.Join(lines, "\n")), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "You have taken request #1") {
		t.Fatalf("the request was not taken:\n%s", out.String())
	}
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
