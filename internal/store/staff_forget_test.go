package store

import (
	"context"
	"testing"
	"time"
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
		if _, err := st.db.ExecContext(ctx, `INSERT INTO staff (telegram_id, name, role, revoked_at) VALUES ($1, 'Anna', 'counsellor', `+row.revoked+`)`, row.id); err != nil {
			t.Fatal(err)
		}
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
