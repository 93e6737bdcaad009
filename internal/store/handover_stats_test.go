package store

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/stats"
)

// The hand-overs per office (asked, taken, declined, not taken in time) and the median wait
// for a counsellor: small counts shown as <5, and the median only over enough requests.
func TestHandoverFigures(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	knownEvents(t, st) // hand-overs come from conversations
	var ev []Event
	add := func(n int, kind dialog.EventKind, dims map[string]string) {
		for range n {
			ev = append(ev, Event{Day: day("2026-11-02"), Kind: kind, Dims: dims})
		}
	}
	add(9, dialog.EventHandoverRequested, map[string]string{"office": "mbe-a", "lang": "ar"})
	add(2, dialog.EventHandoverRequested, map[string]string{"office": "jmd-b", "lang": "uk"})
	for i, h := range []int{1, 3, 4, 20, 50, 70} {
		office := "mbe-a"
		if i == 5 {
			office = "jmd-b"
		}
		add(1, dialog.EventHandoverTaken, map[string]string{"office": office, "hours": strconv.Itoa(h)})
	}
	add(1, dialog.EventHandoverDeclined, map[string]string{"office": "mbe-a", "reason": "full"})
	add(1, dialog.EventHandoverExpired, map[string]string{"office": "mbe-a"})
	record(t, st, ev)
	f, err := st.Figures(ctx, day("2026-11-01"), day("2026-11-30"))
	if err != nil {
		t.Fatal(err)
	}
	if f.TakenWait.N != 6 || f.TakenWait.Value != 12 {
		t.Errorf("wait = %+v, want 6 requests, median 12 h", f.TakenWait)
	}
	cat, err := shippedCatalog()
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, l := range stats.Text(stats.Build(&stats.Data{Figures: f})) {
		text.WriteString(cat.Render("en", l) + "\n")
	}
	for _, want := range []string{"mbe-a: 9 / x / <5 / <5", "jmd-b: <5 / <5 / 0 / 0", "took a request: 12.0 h (6 requests)"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, text.String())
		}
	}
	record(t, st, []Event{{Day: day("2026-11-01"), Kind: dialog.EventHandoverTaken, Dims: map[string]string{"office": "x", "hours": "5"}}})
	few, _ := st.Figures(ctx, day("2026-11-01"), day("2026-11-01"))
	if few.TakenWait.N != 1 {
		t.Fatalf("one day's wait: %+v", few.TakenWait)
	}
	text.Reset()
	for _, l := range stats.Text(stats.Build(&stats.Data{Figures: few})) {
		text.WriteString(cat.Render("en", l) + "\n")
	}
	if strings.Contains(text.String(), "took a request") {
		t.Errorf("a median over one request is shown:\n%s", text.String())
	}
}
