package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestTurnWritesOnlyOverTheVersionRead(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	r, err := st.ReadTurn(ctx, "k1", 10, 0, false)
	if err != nil || r.State != nil || r.Version != 0 || r.Seen {
		t.Fatalf("new chat: %+v, %v", r, err)
	}
	ids, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "k1", UpdateID: 10, State: []byte(`{"lang":"de"}`), Outbox: [][]byte{[]byte("a"), []byte("b")}})
	if err != nil || len(ids) != 2 || ids[0] >= ids[1] {
		t.Fatalf("first write: %v, %v", ids, err)
	}
	if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "k1", UpdateID: 11, State: []byte(`{}`)}); !errors.Is(err, ErrConflict) {
		t.Fatalf("a write over a stale version (0): %v, want ErrConflict", err)
	}
	r, _ = st.ReadTurn(ctx, "k1", 10, 0, false)
	if !r.Seen || r.Version != 1 || string(r.State) != `{"lang": "de"}` {
		t.Fatalf("after the first turn: %+v (%s)", r, r.State)
	}
	if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "k1", UpdateID: 11, Version: 1, State: []byte(`{"lang":"ar"}`)}); err != nil {
		t.Fatal(err)
	}
	if r, _ := st.ReadTurn(ctx, "k1", 11, 0, false); r.Version != 2 || !r.Seen {
		t.Fatalf("after the second turn: %+v", r)
	}
	// Erasing takes the chat's waiting messages with it, and writes the goodbye.
	ids, err = st.WriteTurn(ctx, TurnWrite{ChatKey: "k1", UpdateID: 12, Version: 2, Outbox: [][]byte{[]byte("bye")}})
	if err != nil || len(ids) != 1 {
		t.Fatalf("erase: %v, %v", ids, err)
	}
	var left []string
	if err := st.db.SelectContext(ctx, &left, `SELECT convert_from(payload, 'UTF8') FROM outbox WHERE chat_key = 'k1' ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0] != "bye" {
		t.Errorf("after /delete the outbox holds %q, want only the goodbye", left)
	}
	if r, _ := st.ReadTurn(ctx, "k1", 0, 0, false); r.State != nil || r.Version != 0 {
		t.Errorf("erased chat still has state %+v", r)
	}
	// Erasing a chat that was never stored applies too.
	if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "never", UpdateID: 13}); err != nil {
		t.Errorf("erase of an unknown chat: %v", err)
	}
}

func TestInboxAndOutboxLeases(t *testing.T) {
	st, url := newStoreURL(t)
	ctx := context.Background()
	inbox := func() string {
		var ids string
		if err := st.db.GetContext(ctx, &ids, `SELECT coalesce(string_agg(update_id::text || '=' || encode(payload, 'escape'), ' ' ORDER BY update_id), '') FROM inbox`); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	if err := st.InboxBegin([]Pending{{ID: 1, ChatKey: "a", Payload: []byte("x")}, {ID: 2, ChatKey: "b", Payload: []byte("y")}}).Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if err := st.InboxBegin([]Pending{{ID: 2, ChatKey: "b", Payload: []byte("again")}, {ID: 3, ChatKey: "b", Payload: []byte("z")}}).Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if got := inbox(); got != "1=x 2=y 3=z" {
		t.Errorf("inbox %q, want a fetched-again update kept once: 1=x 2=y 3=z", got)
	}
	// A turn takes its update from the inbox; a handled update is not added again.
	if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "a", UpdateID: 1, State: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	if err := st.InboxBegin([]Pending{{ID: 1, ChatKey: "a", Payload: []byte("x")}}).Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if got := inbox(); got != "2=y 3=z" {
		t.Errorf("inbox %q, want the handled update not added again: 2=y 3=z", got)
	}
	other, err := Open(ctx, url, st.migrations, WithSecret(testSecret))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if rows, _ := other.ClaimInbox(ctx, false); len(rows) != 0 {
		t.Errorf("another process took rows under a running lease: %v", rows)
	}
	rows, err := other.ClaimInbox(ctx, true)
	if err != nil || len(rows) != 2 || rows[0].ID != 2 || rows[1].ID != 3 || string(rows[1].Payload) != "z" {
		t.Fatalf("a starting process takes all: %+v, %v", rows, err)
	}
	// A renewal renews the rows named that the process holds, and no other.
	if _, err := st.db.ExecContext(ctx, `UPDATE inbox SET lease_until = now() + interval '1 second'`); err != nil {
		t.Fatal(err)
	}
	out, err := other.OutboxAdd(ctx, []Pending{{ChatKey: "b", Payload: []byte("answer")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.ExecContext(ctx, `UPDATE outbox SET lease_until = now() + interval '1 second'`); err != nil {
		t.Fatal(err)
	}
	if err := other.RenewLeases(ctx, []int64{3}, out); err != nil {
		t.Fatal(err)
	}
	if err := st.RenewLeases(ctx, []int64{2}, nil); err != nil { // not st's own any more
		t.Fatal(err)
	}
	var renewed string
	if err := st.db.GetContext(ctx, &renewed, `SELECT string_agg(k, ' ' ORDER BY k) FROM (
			SELECT 'inbox ' || update_id AS k FROM inbox WHERE lease_until > now() + interval '10 seconds'
			UNION ALL SELECT 'outbox' FROM outbox WHERE lease_until > now() + interval '10 seconds') r`); err != nil {
		t.Fatal(err)
	}
	if renewed != "inbox 3 outbox" {
		t.Errorf("renewed %q, want the rows named that the process holds: inbox 3 outbox", renewed)
	}
	if err := other.RenewLeases(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := other.OutboxDone(ctx, out); err != nil {
		t.Fatal(err)
	}
	if err := st.InboxDrop(ctx, 2); err != nil {
		t.Fatal(err)
	}
	n, _, err := st.OutboxPending(ctx)
	if err != nil || n != 0 {
		t.Errorf("OutboxPending = %d, %v", n, err)
	}
}

// TestWithLeaseSetsTheLeaseWritten: a store opened with a lease of its own writes the rows it
// takes with that lease, and says it (the adapter renews them by it).
func TestWithLeaseSetsTheLeaseWritten(t *testing.T) {
	_, url := newStoreURL(t)
	ctx := context.Background()
	for _, tc := range []struct {
		opts  []Option
		lease time.Duration
	}{{nil, Lease}, {[]Option{WithLease(3 * time.Second)}, 3 * time.Second}} {
		lease := tc.lease
		st, err := Open(ctx, url, nil, tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if st.Lease() != lease {
			t.Errorf("Lease() = %v, want %v", st.Lease(), lease)
		}
		id := int64(lease.Seconds())
		if _, err := st.InboxAdd(ctx, []Pending{{ID: id, ChatKey: "a", Payload: []byte("x")}}); err != nil {
			t.Fatal(err)
		}
		var left float64
		if err := st.db.GetContext(ctx, &left, `SELECT extract(epoch FROM lease_until - now()) FROM inbox WHERE update_id = $1`, id); err != nil {
			t.Fatal(err)
		}
		if left > lease.Seconds() || left < lease.Seconds()-1 {
			t.Errorf("a row taken under a lease of %v runs for %.1f s more", lease, left)
		}
	}
}
