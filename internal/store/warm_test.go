package store

import (
	"context"
	"testing"
)

func TestWarmOpensThePoolWithItsStatements(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	if err := st.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	if s := st.db.Stats(); s.OpenConnections != st.maxConns || s.Idle != st.maxConns {
		t.Errorf("after Warm: %d connections open, %d idle; want all %d idle", s.OpenConnections, s.Idle, st.maxConns)
	}
	// The warming wrote nothing, and turns run as before on the connections it opened.
	var n int
	if err := st.db.GetContext(ctx, &n, `SELECT (SELECT count(*) FROM conversations) + (SELECT count(*) FROM processed_updates) + (SELECT count(*) FROM outbox)`); err != nil || n != 0 {
		t.Errorf("Warm left %d rows (%v)", n, err)
	}
	if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "k", UpdateID: 1, State: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	if r, err := st.ReadTurn(ctx, "k", 1, 0, false); err != nil || !r.Seen || r.Version != 1 {
		t.Errorf("read after Warm: %+v, %v", r, err)
	}
	st.Close()
	if err := st.Warm(ctx); err == nil {
		t.Error("Warm on a closed store said nothing")
	}
}

// TestWarmTwiceAtOnce: two adapters on one store warm it at the same moment; each Warm holds
// the connections it opened until the pool's are all open, so side by side they would each
// hold part and wait for the other's until the timeout (a replica test's flake: no update
// answered for ten seconds). One at a time, both finish at once.
func TestWarmTwiceAtOnce(t *testing.T) {
	st := newStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), warmTimeout/3)
	defer cancel()
	errs := make(chan error, 4)
	for range 4 {
		go func() { errs <- st.Warm(ctx) }()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Errorf("a Warm beside others: %v", err)
		}
	}
}
