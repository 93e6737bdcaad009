package store

import (
	"context"
	"testing"
)

// TestTurnStatementsSurviveLostConnections prepares the turn's statements, has the server
// drop every connection of the pool, and checks that turns go on: the statements are
// prepared again on the new connections. (A turn on a connection the server dropped fails
// once, as without preparing; the adapter tries such a turn again.)
func TestTurnStatementsSurviveLostConnections(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	turn := func(update int64) error {
		r, err := st.ReadTurn(ctx, "k", update, 0, false)
		if err != nil {
			return err
		}
		_, err = st.WriteTurn(ctx, TurnWrite{ChatKey: "k", UpdateID: update, Version: r.Version, State: []byte(`{}`), Outbox: [][]byte{[]byte("a")}})
		return err
	}
	for u := int64(1); u <= 3; u++ {
		if err := turn(u); err != nil {
			t.Fatal(err)
		}
	}
	if len(st.stmts) != 3 {
		t.Fatalf("%d statements prepared, want the read and the two writes (a new chat, a known one)", len(st.stmts))
	}
	if _, err := st.db.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	var failed []error
	ok := 0
	for u := int64(4); u < 4+int64(st.maxConns) && ok < 3; u++ {
		if err := turn(u); err != nil {
			failed = append(failed, err)
			continue
		}
		ok++
	}
	if ok < 3 {
		t.Fatalf("turns after the connections were dropped: %d succeeded; errors: %v", ok, failed)
	}
	t.Logf("%d turns failed on dropped connections first", len(failed))
	if r, err := st.ReadTurn(ctx, "k", 0, 0, false); err != nil || r.Version != int64(3+ok) {
		t.Errorf("after %d turns more: version %d, %v", ok, r.Version, err)
	}
}
