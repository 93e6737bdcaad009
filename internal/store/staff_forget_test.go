package store

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/seal"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/migrations"
)

// A revoked account keeps its name and role (the change log names it), but its Telegram id is
// forgotten once its chat's staff menu is gone and the conversations' retention has passed;
// one revoked lately keeps it, and the account list still reads both.
func TestRevokedStaffTelegramIDIsForgotten(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	for _, row := range []struct {
		id      int64
		revoked string
	}{{111, "now() - interval '40 days'"}, {222, "now() - interval '5 days'"}, {333, "NULL"}} {
		// Stored as before migration 00020, in the clear; sealed as the commands do after
		// migrating.
		if _, err := st.db.ExecContext(ctx, `INSERT INTO staff (telegram_id, name, role, revoked_at) VALUES ($1, 'Anna', 'counsellor', `+row.revoked+`)`, row.id); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := st.SealStaffIDs(ctx); err != nil || n != 3 {
		t.Fatalf("SealStaffIDs = %d, %v; want the 3 accounts", n, err)
	}
	if _, err := st.DeleteInactive(ctx, time.Now().AddDate(0, 0, -30)); err != nil {
		t.Fatal(err)
	}
	members, err := st.ListStaff(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, m := range members {
		if m.Name != "Anna" {
			t.Errorf("a name was lost: %+v", m)
		}
		ids = append(ids, m.TelegramID)
	}
	if len(ids) != 3 || ids[0] != 333 || ids[1] != 0 || ids[2] != 222 {
		t.Errorf("Telegram ids after retention: %v, want 333 (active), 0 (revoked 40 days ago), 222 (revoked 5 days ago)", ids)
	}
}

// A staff account's Telegram id is stored sealed and found by a keyed hash: the database holds
// it nowhere in the clear (a new account's, and one stored in the clear before, once
// SealStaffIDs ran, which a second time finds nothing); the account is found by it with the
// secret, and without the secret, or with another, reading it fails plainly while a
// newcomer's turn still reads (no sender is staff then).
func TestStaffTelegramIDsAreSealed(t *testing.T) {
	ctx := context.Background()
	st, url := newStoreURL(t)
	invite := func(code string) {
		t.Helper()
		if err := st.CreateInvitation(ctx, []byte(code), staff.Invitation{Role: staff.RoleStatistics}, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	invite("one")
	const tg = 987654321012
	if _, err := st.RedeemInvitation(ctx, []byte("one"), tg, "Berta", time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.ExecContext(ctx, `INSERT INTO staff (telegram_id, name, role) VALUES (55501, 'Cem', 'counsellor')`); err != nil {
		t.Fatal(err)
	}
	if n, err := st.SealStaffIDs(ctx); err != nil || n != 1 {
		t.Fatalf("SealStaffIDs = %d, %v; want the one account stored in the clear", n, err)
	}
	if n, err := st.SealStaffIDs(ctx); err != nil || n != 0 {
		t.Errorf("SealStaffIDs again = %d, %v; want none", n, err)
	}
	var dump string
	if err := st.db.GetContext(ctx, &dump, `SELECT string_agg(concat_ws('|', id, telegram_id, telegram_key, encode(telegram_sealed, 'hex'), name), ';') FROM staff`); err != nil {
		t.Fatal(err)
	}
	var clear int
	if err := st.db.GetContext(ctx, &clear, `SELECT count(*) FROM staff WHERE telegram_id IS NOT NULL`); err != nil || clear != 0 {
		t.Errorf("%d accounts keep the Telegram id's column (%v)", clear, err)
	}
	for _, id := range []int64{tg, 55501} {
		for _, form := range []string{strconv.FormatInt(id, 10), strconv.FormatInt(id, 16), hex.EncodeToString(binary.BigEndian.AppendUint64(nil, uint64(id)))} {
			// A short form ("d8cd", 55501 in hex) turns up in the hex of random sealed bytes
			// about once in 250 runs: only forms of 8 characters or more say something.
			if len(form) >= 8 && strings.Contains(dump, form) {
				t.Errorf("the staff table holds the Telegram id %d in the clear (%s): %s", id, form, dump)
			}
		}
	}
	for _, id := range []int64{tg, 55501} {
		if m, err := st.StaffByTelegramID(ctx, id); err != nil || m.TelegramID != id {
			t.Errorf("StaffByTelegramID(%d) = %+v, %v", id, m, err)
		}
	}
	roster, err := st.StaffRoster(ctx)
	if err != nil || !roster.Members[tg] || !roster.Members[55501] || len(roster.Members) != 2 {
		t.Errorf("roster members %v, %v; want both ids", roster, err)
	}
	read, err := st.ReadTurn(ctx, "chat", 0, tg, true)
	if err != nil || read.Member == nil || read.Member.TelegramID != tg {
		t.Errorf("ReadTurn found %+v, %v; want the account", read.Member, err)
	}

	without, err := Open(ctx, url, migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	defer without.Close()
	if _, err := without.StaffByTelegramID(ctx, tg); !errors.Is(err, ErrNoSecret) {
		t.Errorf("without the secret, StaffByTelegramID = %v, want ErrNoSecret", err)
	}
	if read, err := without.ReadTurn(ctx, "chat", 0, tg, true); err != nil || read.Member != nil {
		t.Errorf("without the secret, ReadTurn = %+v, %v; want no staff account and no error", read.Member, err)
	}
	other, err := Open(ctx, url, migrations.FS, WithSecret([]byte("another-secret-entirely")))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.ListStaff(ctx); !errors.Is(err, seal.ErrOpen) {
		t.Errorf("with another secret, ListStaff = %v, want seal.ErrOpen", err)
	}
	if _, err := other.StaffByTelegramID(ctx, tg); !errors.Is(err, directory.ErrNotFound) {
		t.Errorf("with another secret, StaffByTelegramID = %v, want not found", err)
	}
}
