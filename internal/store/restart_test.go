package store

import (
	"context"
	"sync"
	"testing"

	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/migrations"
)

// After the server restarted, the pool still holds the connections opened before, broken:
// the first readiness check must find the schema current all the same, not report the
// first broken connection it happens to take.
func TestReadyAfterServerRestart(t *testing.T) {
	ctx := context.Background()
	server := pgtest.NewServer(t)
	st, err := Open(ctx, server.URL(), migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	// Several connections at once, left idle in the pool.
	var wg sync.WaitGroup
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := st.db.ExecContext(ctx, `SELECT pg_sleep(0.05)`); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if idle := st.db.Stats().Idle; idle < 2 {
		t.Fatalf("%d idle connections, want several", idle)
	}
	server.Stop(t)
	server.Start(t)
	if err := st.CheckSchema(ctx); err != nil {
		t.Errorf("not ready after the server restarted: %v", err)
	}
}
