// Package storetest gives tests of the packages above the store a migrated store on a fresh
// database, with a directory file loaded.
package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/statstest"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/migrations"
)

// New returns a migrated store on a fresh database with csv (a directory file, "" for none)
// imported; it is closed when the test ends.
func New(t testing.TB, csv string) *store.Store {
	t.Helper()
	return Open(t, pgtest.NewDatabase(t), csv)
}

// Open is New on the database at url.
func Open(t testing.TB, url, csv string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, url, migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if csv == "" {
		return st
	}
	offices, err := directory.ReadCSV(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportOffices(ctx, offices, false); err != nil {
		t.Fatal(err)
	}
	return st
}

// SeedYear records a year of anonymous usage events (statstest.Year) in st, in one write as
// a chat of its own would, and returns them for the test's expectations.
func SeedYear(t testing.TB, st *store.Store, year int) []statstest.Event {
	t.Helper()
	seeded := statstest.Year(year)
	events := make([]store.Event, len(seeded))
	for i, e := range seeded {
		events[i] = store.Event{Day: e.Day, Kind: e.Kind, Conversation: e.Conversation, PersonKey: e.PersonKey, Dims: e.Dims}
	}
	w := store.TurnWrite{ChatKey: fmt.Sprintf("seed-%d", year), State: []byte("{}"), Events: events}
	if _, err := st.WriteTurn(context.Background(), w); err != nil {
		t.Fatal(err)
	}
	return seeded
}
