package staff_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/staff"
)

// TestMenuOffersWhatTheRoleMayUse: each role's menu lists exactly the staff commands the
// engine lets that role use.
func TestMenuOffersWhatTheRoleMayUse(t *testing.T) {
	f := newFixture(t)
	want := map[staff.Role][]string{
		staff.RoleCounsellor: {"office", "web"},
		staff.RoleAdmin:      {"office", "admin", "stats", "web"},
		staff.RoleStatistics: {"stats", "web"},
	}
	for i, role := range staff.Roles {
		if got := staff.CommandsFor(role); !slices.Equal(got, want[role]) {
			t.Errorf("%s: menu %q, want %q", role, got, want[role])
		}
		id := int64(100 + i)
		f.member(t, id, role, "office-a")
		for _, c := range staff.Commands {
			ids, handled := f.do(t, id, command(c))
			lets := handled && !contains(ids, "staff.denied")
			if lets != slices.Contains(staff.CommandsFor(role), c) {
				t.Errorf("%s: /%s lets in %v (said %q), menu %q", role, c, lets, ids, staff.CommandsFor(role))
			}
		}
	}
}

// TestRedeemAndRevokeChangeTheMenu: redeeming an invitation asks for the role's menu in the
// new member's chat; revoking asks to remove it from the revoked member's chat.
func TestRedeemAndRevokeChangeTheMenu(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	admin := f.member(t, 1, staff.RoleAdmin)
	code, err := staff.Invite(ctx, f.st, staff.Invitation{Role: staff.RoleStatistics}, f.now)
	if err != nil {
		t.Fatal(err)
	}
	out := f.output(t, 77, dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: staff.InvitePrefix + code})
	if m := out.StaffMenu; m == nil || m.TelegramID != 77 || !slices.Equal(m.Commands, []string{"stats", "web"}) {
		t.Fatalf("redeeming asked for the menu %+v", m)
	}
	out = f.output(t, 77, dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: staff.InvitePrefix + code})
	if out.StaffMenu != nil {
		t.Errorf("a used code changed the menu: %+v", out.StaffMenu)
	}
	joined, err := f.st.StaffByTelegramID(ctx, 77)
	if err != nil {
		t.Fatal(err)
	}
	f.handle(t, admin.TelegramID, tap("s:rv:"+strconv.FormatInt(joined.ID, 10)))
	out = f.handle(t, admin.TelegramID, tap("s:rvok:"+strconv.FormatInt(joined.ID, 10)))
	if m := out.StaffMenu; m == nil || m.TelegramID != 77 || !m.Remove() {
		t.Errorf("revoking asked for the menu %+v", m)
	}
	out = f.handle(t, admin.TelegramID, command("admin"))
	if out.StaffMenu != nil {
		t.Errorf("/admin changed a menu: %+v", out.StaffMenu)
	}
}

// output sends one input from that Telegram user, staff or not, and returns the whole answer.
func (f *fixture) output(t *testing.T, telegramID int64, in dialog.Input) dialog.Output {
	t.Helper()
	var member *staff.Member
	if m, err := f.st.StaffByTelegramID(context.Background(), telegramID); err == nil {
		member = &m
	}
	out, _, err := f.engine.Handle(context.Background(), staff.Who{TelegramID: telegramID, Name: "Person"}, member, in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
