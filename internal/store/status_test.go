package store

import (
	"context"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/staff"
)

// An office's closure, waiting time and notes are stored, audited by their column names and
// reach the match query.
func TestOfficeStatusIsStored(t *testing.T) {
	st, ctx := sampleStore(t)
	o, err := st.Office(ctx, "mbe-a")
	if err != nil || o.ClosedUntil != nil || o.Waiting != nil || o.NoteKeys == nil || len(o.NoteKeys) != 0 {
		t.Fatalf("before: %+v, %v", o, err)
	}
	from, until, weeks := day("2026-12-23"), day("2027-01-06"), 6
	o.ClosedFrom, o.ClosedUntil, o.Waiting, o.NoteKeys = &from, &until, &weeks, []string{"interpreter", "wheelchair"}
	changes, err := st.UpdateOffice(ctx, staff.Actor{Label: "test"}, o)
	if err != nil || len(changes) != 4 {
		t.Fatalf("changes = %+v, %v", changes, err)
	}
	got, _ := st.Office(ctx, "mbe-a")
	if directory.FormatDate(got.ClosedFrom) != "2026-12-23" || directory.FormatDate(got.ClosedUntil) != "2027-01-06" || *got.Waiting != 6 || strings.Join(got.NoteKeys, " ") != "interpreter wheelchair" {
		t.Errorf("after: %v %v %v", got.ClosedUntil, got.Waiting, got.NoteKeys)
	}
	entries, _ := st.Audit(ctx, "mbe-a", day("2000-01-01"), 0)
	fields := map[string]string{}
	for _, e := range entries {
		fields[e.Field] = e.New
	}
	if fields["closed_from"] != "2026-12-23" || fields["closed_until"] != "2027-01-06" || fields["waiting_weeks"] != "6" || fields["notes"] != "interpreter wheelchair" {
		t.Errorf("audit = %v", fields)
	}
	// A closure's first day after its last is refused by the database too.
	bad := got
	bad.ClosedFrom = &until
	bad.ClosedUntil = &from
	if _, err := st.UpdateOffice(ctx, staff.Actor{Label: "test"}, bad); err == nil {
		t.Error("a closure from its last day to its first was stored")
	}
	m, err := st.Match(ctx, directory.Query{Age: 40, Topic: "residence", Language: "de"})
	if err != nil || len(m.Offices) == 0 || m.Offices[0].Office.ID != "mbe-a" || *m.Offices[0].Office.Waiting != 6 {
		t.Errorf("match = %+v, %v", m.Offices, err)
	}
}

// A directory file in the layout before closed_from (closed_until, waiting_weeks and notes,
// but no closed_from) re-imported unchanged keeps a closure announced for 23.12.–06.01. as it
// was: the office is not shown closed from today.
func TestImportWithoutClosedFromKeepsTheClosureAhead(t *testing.T) {
	st, ctx := sampleStore(t)
	o, _ := st.Office(ctx, "mbe-a")
	from, until := day("2026-12-23"), day("2027-01-06")
	o.ClosedFrom, o.ClosedUntil = &from, &until
	if _, err := st.UpdateOffice(ctx, staff.Actor{Label: "bot"}, o); err != nil {
		t.Fatal(err)
	}
	all, _ := st.Offices(ctx, false)
	var b strings.Builder
	if err := directory.WriteCSV(&b, all); err != nil {
		t.Fatal(err)
	}
	// The same file without its last column, closed_from, as files were written before it.
	var old []string
	for _, line := range strings.Split(strings.TrimRight(strings.TrimPrefix(b.String(), "\uFEFF"), "\r\n"), "\n") {
		line = strings.TrimRight(line, "\r")
		old = append(old, line[:strings.LastIndexAny(line, ",;")])
	}
	again, err := directory.ReadCSV(strings.NewReader(strings.Join(old, "\n") + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportOffices(ctx, again, false); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Office(ctx, "mbe-a")
	if got.ClosedOn(day("2026-11-25")) {
		t.Errorf("after re-importing the older layout: closed from %v until %v, closed on 25.11.", got.ClosedFrom, directory.FormatDate(got.ClosedUntil))
	}
}

// sampleStore is a store holding the sample directory.
func sampleStore(t *testing.T) (*Store, context.Context) {
	t.Helper()
	st := newStore(t)
	ctx := context.Background()
	offices, err := directory.ReadCSV(strings.NewReader(directorytest.Sample))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportOffices(ctx, offices, false); err != nil {
		t.Fatal(err)
	}
	return st, ctx
}
