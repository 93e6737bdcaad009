package store

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/locales"
	"github.com/kassel/wegweiser/migrations"
)

// shippedCatalog is the shipped catalogs, loaded once for the tests that render reports (a
// load takes seconds under the race detector).
var shippedCatalog = sync.OnceValues(func() (*i18n.Catalog, error) { return i18n.Load(locales.FS) })

// testSecret is the service secret of the tests' stores.
var testSecret = []byte("wegweiser-test-secret")

// newStore returns a migrated store on a fresh database.
func newStore(t testing.TB) *Store {
	t.Helper()
	st, _ := newStoreURL(t)
	return st
}

// newStoreURL returns a migrated store on a fresh database (a copy of one migrated once per
// test binary), and the database's URL.
func newStoreURL(t testing.TB) (*Store, string) {
	t.Helper()
	url := pgtest.FromTemplate(t, "store: migrated", func(url string) error {
		st, err := Open(context.Background(), url, migrations.FS, WithMaxConns(1))
		if err != nil {
			return err
		}
		defer st.Close()
		_, err = st.Migrate(context.Background())
		return err
	})
	st, err := Open(context.Background(), url, migrations.FS, WithSecret(testSecret))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, url
}

func TestMigrateTwiceIsNoOp(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, pgtest.NewDatabase(t), migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CheckSchema(ctx); !errors.Is(err, ErrSchemaOld) {
		t.Fatalf("CheckSchema on an empty database = %v, want ErrSchemaOld", err)
	}
	n, err := st.Migrate(ctx)
	if err != nil || n == 0 {
		t.Fatalf("first Migrate = %d, %v", n, err)
	}
	n, err = st.Migrate(ctx)
	if err != nil || n != 0 {
		t.Fatalf("second Migrate = %d, %v; want 0, nil", n, err)
	}
	if err := st.CheckSchema(ctx); err != nil {
		t.Fatalf("CheckSchema after Migrate = %v", err)
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	if _, err := st.db.ExecContext(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, true)`); err != nil {
		t.Fatal(err)
	}
	if err := st.CheckSchema(ctx); !errors.Is(err, ErrSchemaTooNew) {
		t.Errorf("CheckSchema = %v, want ErrSchemaTooNew", err)
	}
	if _, err := st.Migrate(ctx); !errors.Is(err, ErrSchemaTooNew) {
		t.Errorf("Migrate = %v, want ErrSchemaTooNew", err)
	}
}

// readOffices reads a directory file of rows.
func readOffices(t *testing.T, rows ...string) []directory.Office {
	t.Helper()
	offices, err := directory.ReadCSV(strings.NewReader(directorytest.File(rows...)))
	if err != nil {
		t.Fatal(err)
	}
	return offices
}

func TestImportUpdatesAndReplaces(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	first := readOffices(t,
		"a,jmd,A,,,,,,,,,,de,,,,,,,",
		"b,mbe,B,,,,,51.3,9.5,,,,ar de,letters,,,,,true,2026-01-02")
	res, err := st.ImportOffices(ctx, first, false)
	if err != nil || res != (ImportResult{Inserted: 2}) {
		t.Fatalf("first import = %+v, %v", res, err)
	}
	second := readOffices(t,
		"b,mbe,B renamed,,,,,51.3,9.5,,,,ar de,letters,,,,,true,2026-01-02",
		"c,service,C,,,,,,,,,,,residence,,,,,,")
	res, err = st.ImportOffices(ctx, second, false)
	if err != nil || res != (ImportResult{Inserted: 1, Updated: 1}) {
		t.Fatalf("second import = %+v, %v", res, err)
	}
	if n, _ := st.CountOffices(ctx); n != 3 {
		t.Errorf("without --replace, %d offices remain, want 3", n)
	}
	res, err = st.ImportOffices(ctx, second, true)
	if err != nil || res != (ImportResult{Unchanged: 2, Archived: 1}) {
		t.Fatalf("replace import = %+v, %v", res, err)
	}
	if a, err := st.Office(ctx, "a"); err != nil || !a.Archived {
		t.Errorf("office a after --replace: %+v, %v; want it archived", a, err)
	}
	if active, _ := st.Offices(ctx, false); len(active) != 2 {
		t.Errorf("%d active offices after --replace, want 2", len(active))
	}
	res, err = st.ImportOffices(ctx, first[:1], false)
	if a, _ := st.Office(ctx, "a"); err != nil || a.Archived || res.Updated != 1 {
		t.Errorf("re-importing an archived office: %+v, %v; want it restored", res, err)
	}
	entries, err := st.Audit(ctx, "b", time.Time{}, 0)
	if err != nil || len(entries) < 2 || entries[len(entries)-1].Field != "name" || entries[len(entries)-1].Old != "B" ||
		entries[len(entries)-1].New != "B renamed" || entries[len(entries)-1].Actor != "import" {
		t.Errorf("audit of b = %+v, %v", entries, err)
	}
	b, err := st.Office(ctx, "b")
	if err != nil || b.Name != "B renamed" || *b.Latitude != 51.3 || b.Languages[0] != "ar" || directory.FormatDate(b.ConfirmedAt) != "2026-01-02" {
		t.Errorf("office b = %+v, %v", b, err)
	}
}

// A failure in the middle of an import leaves the directory as it was.
func TestImportIsAtomic(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	if _, err := st.ImportOffices(ctx, readOffices(t, "a,jmd,A,,,,,,,,,,,,,,,,,"), false); err != nil {
		t.Fatal(err)
	}
	bad := readOffices(t, "a,jmd,A changed,,,,,,,,,,,,,,,,,", "b,mbe,B,,,,,,,,,,,,,,,,,")
	bad[1].Kind = "invalid" // slips past the file check: the database constraint stops it
	if _, err := st.ImportOffices(ctx, bad, true); err == nil {
		t.Fatal("import with an invalid row succeeded")
	}
	a, err := st.Office(ctx, "a")
	if err != nil || a.Name != "A" {
		t.Errorf("after a failed import, office a = %+v, %v; want it unchanged", a, err)
	}
	if n, _ := st.CountOffices(ctx); n != 1 {
		t.Errorf("after a failed import, %d offices, want 1", n)
	}
}

// withoutFiles is fsys without the named files, as a program built before they landed saw it.
type withoutFiles struct {
	fs.FS
	hidden map[string]bool
}

func (w withoutFiles) ReadDir(name string) ([]fs.DirEntry, error) {
	all, err := fs.ReadDir(w.FS, name)
	var kept []fs.DirEntry
	for _, e := range all {
		if !w.hidden[e.Name()] {
			kept = append(kept, e)
		}
	}
	return kept, err
}

func TestMigrationThatLandedWithALowerNumberIsApplied(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	// 00006 landed after 00008 was on main: a database migrated in between lacks it.
	const middle = "00006_service_area.sql"
	if _, err := fs.Stat(migrations.FS, middle); err != nil {
		t.Fatal(err)
	}
	// A program built then did not have the migrations that landed later either, such as
	// 00021, 00022 and 00024, which change 00006's table.
	hidden := map[string]bool{middle: true, "00021_service_area_districts.sql": true, "00022_service_area_villages.sql": true,
		"00024_service_area_arrival.sql": true}
	old, err := Open(ctx, url, withoutFiles{migrations.FS, hidden})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	old.Close()

	st, err := Open(ctx, url, migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CheckSchema(ctx); !errors.Is(err, ErrSchemaOld) {
		t.Fatalf("CheckSchema without %s = %v, want ErrSchemaOld", middle, err)
	}
	if n, err := st.Migrate(ctx); err != nil || n != len(hidden) {
		t.Fatalf("Migrate = %d, %v; want the missing migration and the later ones applied", n, err)
	}
	if err := st.CheckSchema(ctx); err != nil {
		t.Fatalf("CheckSchema after Migrate = %v", err)
	}
}
