// Package testharness builds the bot's conversation side for tests the way the commands build
// it (package app), with fixed test settings. Only tests import it.
package testharness

import (
	"testing"

	"github.com/kassel/wegweiser/internal/app"
	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/seed"
	"github.com/kassel/wegweiser/internal/store"
)

// settings are the tests' choices; days are counted in UTC.
var settings = app.Settings{
	Operator:      "Test",
	RetentionDays: 30,
	Secret:        []byte("test-secret"),
	InviteLink:    func(payload string) string { return "https://t.me/test_bot?start=" + payload },
	WebLink:       func(token string) string { return "http://127.0.0.1/staff/login?t=" + token },
}

// New returns a chat runner on st and the catalogs it speaks with: the shipped catalogs with
// the shipped served area (the postcodes understood at the place question), the conversation
// engine (runner.Engine) and the staff engine (runner.Staff), assembled by app.Runner with
// operator "Test", 30 days' retention, the secret "test-secret", invitation links to
// t.me/test_bot and web console sign-in links to http://127.0.0.1/staff/login (a test serving
// the console sets runner.Staff.WebLink to its own). A test may adjust the engines before it
// uses the runner.
func New(t testing.TB, st *store.Store) (*chat.Runner, *i18n.Catalog) {
	t.Helper()
	return NewIn(t, st, seed.KasselArea())
}

// Catalog is the shipped catalogs, loaded once per test binary, for tests that only read
// them (loading takes seconds under the race detector). A test that names a town takes a
// copy (i18n.Catalog.Copy), as New does.
func Catalog(t testing.TB) *i18n.Catalog {
	t.Helper()
	loaded, err := app.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	return loaded
}

// KasselCatalog is app.Catalog: the shipped catalogs naming Kassel.
func KasselCatalog(t testing.TB) *i18n.Catalog {
	t.Helper()
	return catalogFor(t, area.NewLive(seed.KasselArea()))
}

// Postcodes is the embedded postcode table (postcode.Load, read once per process).
func Postcodes(t testing.TB) *postcode.Table {
	t.Helper()
	table, err := postcode.Load()
	if err != nil {
		t.Fatal(err)
	}
	return table
}

// catalogFor is app.CatalogFor, failing the test if the catalogs do not load.
func catalogFor(t testing.TB, live *area.Live) *i18n.Catalog {
	t.Helper()
	cat, err := app.CatalogFor(live)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// NewIn is New serving the area a.
func NewIn(t testing.TB, st *store.Store, a area.Area) (*chat.Runner, *i18n.Catalog) {
	t.Helper()
	places, err := app.NewPlaces(a)
	if err != nil {
		t.Fatal(err)
	}
	cat := catalogFor(t, places.Area)
	s := settings
	s.Places = places
	return app.Runner(st, cat, s), cat
}
