package store

import (
	"context"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/staff"
)

// TestAccessChangesAreAudited: every change of who may do what goes to the audit log with who
// made it, in the transaction that makes it: an invitation made and one withdrawn, an account
// begun by an invitation (its own doing), given another role by a second one, and revoked.
// A change refused (a code used twice, an account revoked twice) writes nothing.
func TestAccessChangesAreAudited(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	if _, err := st.ImportOffices(ctx, readOffices(t, "mbe-a,mbe,MBE A,,,,,,,,,,,,,,,,,", "mbe-b,mbe,MBE B,,,,,,,,,,,,,,,,,"), false); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	admin := staff.Actor{Label: "wegweiser staff invite"} // the first admin is invited from the command line
	invite := func(role staff.Role, offices ...string) string {
		t.Helper()
		code := staff.NewCode()
		if err := st.CreateInvitation(ctx, staff.HashCode(code), staff.Invitation{Role: role, Offices: offices, By: admin}, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		return code
	}
	a, err := st.RedeemInvitation(ctx, staff.HashCode(invite(staff.RoleAdmin)), 1000, "Admin", now)
	if err != nil {
		t.Fatal(err)
	}
	admin = staff.ActorOf(&a)
	first := invite(staff.RoleCounsellor, "mbe-b", "mbe-a")
	m, err := st.RedeemInvitation(ctx, staff.HashCode(first), 4242, "Anna K.", now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.RedeemInvitation(ctx, staff.HashCode(first), 4343, "Ben", now); err == nil {
		t.Fatal("a code used twice was taken")
	}
	invite(staff.RoleAdmin)
	open, err := st.OpenInvitations(ctx, now)
	if err != nil || len(open) != 1 {
		t.Fatalf("open invitations: %v, %v", open, err)
	}
	if err := st.WithdrawInvitation(ctx, admin, open[0].Ref); err != nil {
		t.Fatal(err)
	}
	if err := st.WithdrawInvitation(ctx, admin, open[0].Ref); err == nil {
		t.Fatal("an invitation withdrawn twice")
	}
	second := invite(staff.RoleStatistics)
	if _, err := st.RedeemInvitation(ctx, staff.HashCode(second), 4242, "Anna", now); err != nil {
		t.Fatal(err)
	}
	if err := st.RevokeStaff(ctx, admin, m.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.RevokeStaff(ctx, admin, m.ID); err == nil {
		t.Fatal("an account revoked twice")
	}
	entries, err := st.Audit(ctx, staff.AccessAuditID, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ actor, field, old, new string }
	want := []row{
		{"wegweiser staff invite", "invitation", "", "admin"},
		{"Admin (staff #1)", "account", "", "#1 Admin: admin"},
		{admin.Label, "invitation", "", "counsellor mbe-b mbe-a"},
		{"Anna K. (staff #2)", "account", "", "#2 Anna K.: counsellor mbe-a mbe-b"},
		{admin.Label, "invitation", "", "admin"},
		{admin.Label, "invitation", "admin", ""},
		{admin.Label, "invitation", "", "statistics"},
		{"Anna (staff #2)", "account", "#2 Anna K.: counsellor mbe-a mbe-b", "#2 Anna: statistics"},
		{admin.Label, "account", "#2 Anna: statistics", ""},
	}
	if len(entries) != len(want) {
		t.Fatalf("%d audit rows, want %d: %+v", len(entries), len(want), entries)
	}
	for i, e := range entries {
		if got := (row{e.Actor, e.Field, e.Old, e.New}); got != want[i] || e.OfficeID != staff.AccessAuditID {
			t.Errorf("row %d: %+v under %q, want %+v", i, got, e.OfficeID, want[i])
		}
	}
}
