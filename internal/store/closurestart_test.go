package store

import (
	"context"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/staff"
)

// A directory file in the layout before closed_from (closed_until, waiting_weeks and notes,
// but no closed_from) re-imported unchanged keeps a closure announced for 23.12.–06.01. as it
// was: the office is not shown closed from today.
func TestImportWithoutClosedFromKeepsTheClosureAhead(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	offices, err := directory.ReadCSV(strings.NewReader(directorytest.Sample))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportOffices(ctx, offices, false); err != nil {
		t.Fatal(err)
	}
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
