// Package storetest gives tests of the packages above the store a migrated store on a fresh
// database, with a directory file loaded.
package storetest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
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
// imported; it is closed when the test ends. The database is a copy of one migrated and
// filled once per test binary and csv (pgtest.FromTemplate).
func New(t testing.TB, csv string) *store.Store {
	t.Helper()
	sum := sha256.Sum256([]byte(csv))
	url := pgtest.FromTemplate(t, "storetest "+hex.EncodeToString(sum[:6]), func(url string) error {
		ctx := context.Background()
		st, err := store.Open(ctx, url, migrations.FS, store.WithSecret(Secret), store.WithMaxConns(1))
		if err != nil {
			return err
		}
		defer st.Close()
		return fill(ctx, st, csv)
	})
	st, err := store.Open(context.Background(), url, migrations.FS, store.WithSecret(Secret), store.WithMaxConns(Pool))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// fill migrates st and imports csv into it.
func fill(ctx context.Context, st *store.Store, csv string) error {
	if _, err := st.Migrate(ctx); err != nil {
		return err
	}
	if csv == "" {
		return nil
	}
	offices, err := directory.ReadCSV(strings.NewReader(csv))
	if err != nil {
		return err
	}
	_, err = st.ImportOffices(ctx, offices, false)
	return err
}

// Pool is the size of the tests' connection pools: a turn needs one connection at a time,
// the group commit at most three, and a bot warms the whole pool as it starts (with the
// production size, 20, that took half a second of every test's start under the race
// detector).
const Pool = 4

// Secret is the service secret the stores of tests are opened with.
var Secret = []byte("wegweiser-test-secret")

// Open is New on the database at url, opened with the test secret, a pool of Pool
// connections, and opts (which may size the pool otherwise).
func Open(t testing.TB, url, csv string, opts ...store.Option) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, url, migrations.FS, append([]store.Option{store.WithSecret(Secret), store.WithMaxConns(Pool)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := fill(ctx, st, csv); err != nil {
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

// Dump returns every row of every table of the database at url as text, a line per row (bytea
// written as hex, as PostgreSQL writes it), for tests that assert what is not kept.
func Dump(t testing.TB, url string) string {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables []string
	rows, err := db.Query(`SELECT quote_ident(table_name) FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	var b strings.Builder
	for _, table := range tables {
		rows, err := db.Query(`SELECT r::text FROM ` + table + ` r`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			b.WriteString(table + ": " + line + "\n")
		}
		rows.Close()
	}
	return b.String()
}
