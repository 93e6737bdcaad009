package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/staff"
)

// TestWriteTurnChecksWhatTheTurnUsedFromMemory: a turn that started from memory (its state,
// the directory, the roster) is written only if all of it is still current, and says what
// was not; a chat erased meanwhile is not written back.
func TestWriteTurnChecksWhatTheTurnUsedFromMemory(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "k", UpdateID: 1, State: []byte(`{"n":1}`)}); err != nil {
		t.Fatal(err)
	}
	r, err := st.ReadTurn(ctx, "k", 0, 0, false)
	if err != nil || r.DirVersion == 0 || r.RosterVersion == 0 {
		t.Fatalf("read: %+v, %v", r, err)
	}
	write := func(update, dir, roster int64) error {
		_, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "k", UpdateID: update, Version: 1, State: []byte(`{"n":2}`),
			Outbox: [][]byte{[]byte("m")}, DirVersion: dir, RosterVersion: roster})
		return err
	}
	var stale *StaleError
	if err := write(2, r.DirVersion+1, r.RosterVersion); !errors.As(err, &stale) || stale.Dir != r.DirVersion || stale.Roster != r.RosterVersion {
		t.Errorf("a directory version that is not current: %v (%+v)", err, stale)
	}
	if err := write(2, r.DirVersion, r.RosterVersion+1); !errors.Is(err, ErrStale) {
		t.Errorf("a roster version that is not current: %v", err)
	}
	if err := write(1, r.DirVersion, r.RosterVersion); !errors.Is(err, ErrDuplicateUpdate) {
		t.Errorf("an update handled before, not read first: %v", err)
	}
	if n, _, _ := st.OutboxPending(ctx); n != 0 {
		t.Errorf("%d messages stored by writes that were refused", n)
	}
	if got, _ := st.ReadTurn(ctx, "k", 0, 0, false); got.Version != 1 {
		t.Fatalf("refused writes changed the chat: version %d", got.Version)
	}
	if err := write(2, r.DirVersion, r.RosterVersion); err != nil {
		t.Fatalf("current versions: %v", err)
	}
	// The retention job erases the chat; a turn from the state kept before must not bring it back.
	if _, err := st.db.ExecContext(ctx, `DELETE FROM conversations WHERE chat_key = 'k'`); err != nil {
		t.Fatal(err)
	}
	if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "k", UpdateID: 3, Version: 2, State: []byte(`{"n":3}`)}); !errors.Is(err, ErrConflict) {
		t.Errorf("a write over a chat erased meanwhile: %v, want ErrConflict", err)
	}
	if got, _ := st.ReadTurn(ctx, "k", 0, 0, false); got.State != nil {
		t.Errorf("the erased chat came back: %s", got.State)
	}
}

// TestStaffRosterFollowsTheAccounts: the roster lists the active staff and the offices with
// an active counsellor, and its version moves with every change to either.
func TestStaffRosterFollowsTheAccounts(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	if _, err := st.ImportOffices(ctx, readOffices(t, "o1,mbe,O1,,,,,,,,,,de,,,,,,,", "o2,jmd,O2,,,,,,,,,,de,,,,,,,"), false); err != nil {
		t.Fatal(err)
	}
	before, err := st.StaffRoster(ctx)
	if err != nil || len(before.Members) != 0 || len(before.Counselled) != 0 {
		t.Fatalf("empty roster: %+v, %v", before, err)
	}
	now := time.Now()
	redeem := func(code string, inv staff.Invitation, tg int64) staff.Member {
		t.Helper()
		if err := st.CreateInvitation(ctx, []byte(code), inv, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		m, err := st.RedeemInvitation(ctx, []byte(code), tg, "Name", now)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	c := redeem("c", staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"o1"}}, 501)
	redeem("s", staff.Invitation{Role: staff.RoleStatistics}, 502)
	after, err := st.StaffRoster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Version <= before.Version || !after.Members[501] || !after.Members[502] || !after.Counselled["o1"] || after.Counselled["o2"] {
		t.Errorf("after two invitations: %+v (before: version %d)", after, before.Version)
	}
	if err := st.RevokeStaff(ctx, staff.Actor{}, c.ID); err != nil {
		t.Fatal(err)
	}
	revoked, err := st.StaffRoster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if revoked.Version <= after.Version || revoked.Members[501] || revoked.Counselled["o1"] || !revoked.Members[502] {
		t.Errorf("after the counsellor's revocation: %+v", revoked)
	}
	if r, _ := st.ReadTurn(ctx, "k", 0, 0, false); r.RosterVersion != revoked.Version {
		t.Errorf("a turn reads roster version %d, the roster is at %d", r.RosterVersion, revoked.Version)
	}
}

// TestInvitationToAnotherRoleDropsTheOffices: a counsellor invited to one more office keeps
// the others; an account given another role keeps none of its offices, so that a counsellor
// made statistics staff, and later invited as a counsellor of one office, is that office's
// only (not again the old ones', with their entries and hand-over requests).
func TestInvitationToAnotherRoleDropsTheOffices(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	if _, err := st.ImportOffices(ctx, readOffices(t, "o1,mbe,O1,,,,,,,,,,de,,,,,,,", "o2,jmd,O2,,,,,,,,,,de,,,,,,,", "o3,mbe,O3,,,,,,,,,,de,,,,,,,"), false); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	redeem := func(code string, inv staff.Invitation) staff.Member {
		t.Helper()
		if err := st.CreateInvitation(ctx, []byte(code), inv, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		m, err := st.RedeemInvitation(ctx, []byte(code), 601, "Name", now)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	for _, step := range []struct {
		code string
		inv  staff.Invitation
		want []string
	}{
		{"a", staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"o1"}}, []string{"o1"}},
		{"b", staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"o3"}}, []string{"o1", "o3"}},
		{"c", staff.Invitation{Role: staff.RoleStatistics}, nil},
		{"d", staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"o2"}}, []string{"o2"}},
	} {
		m := redeem(step.code, step.inv)
		got := slices.Sorted(slices.Values(m.Offices))
		if m.Role != step.inv.Role || !slices.Equal(got, step.want) {
			t.Errorf("after invitation %s: %s of %v, want %s of %v", step.code, m.Role, got, step.inv.Role, step.want)
		}
	}
}
