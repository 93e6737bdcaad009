package stats

import (
	"fmt"
	"sort"

	"github.com/kassel/wegweiser/internal/dialog"
)

// handoverDims are the hand-over's counts per office, in the order the report shows them.
var handoverDims = []string{"handover_requested", "handover_taken", "handover_declined", "handover_unanswered"}

// HandoverRow is one office's hand-overs in a period: requested, taken, declined and not taken
// in time (in the order of handoverDims), small counts withheld as the report shows them.
type HandoverRow struct {
	Office string
	Counts []Count
}

// handoverRows are the hand-overs by office, the most asked first, each office's outcomes
// withheld together where one is small (Withhold).
func handoverRows(f *Figures) []HandoverRow {
	byOffice := map[string][]Count{}
	for i, dim := range handoverDims {
		for _, r := range f.Total(dim) {
			if byOffice[r.Value] == nil {
				byOffice[r.Value] = make([]Count, len(handoverDims))
			}
			byOffice[r.Value][i] = r.Count
		}
	}
	offices := make([]string, 0, len(byOffice))
	for o := range byOffice {
		offices = append(offices, o)
	}
	sort.Slice(offices, func(i, j int) bool {
		a, b := byOffice[offices[i]][0], byOffice[offices[j]][0]
		return a > b || (a == b && offices[i] < offices[j])
	})
	rows := make([]HandoverRow, 0, len(offices))
	for _, o := range offices {
		c := byOffice[o]
		// Taken, declined and not taken add up to the requests (but those still waiting).
		out := c[1:]
		Withhold(len(out), func(i int) Count { return out[i] }, func(i int, v Count) { out[i] = v })
		rows = append(rows, HandoverRow{Office: o, Counts: c})
	}
	return rows
}

// handoverLines report the hand-overs by office (rows): asked, taken, declined, not taken in
// time, each hidden as "<5" when small; and the median wait for a counsellor, shown only when
// the requests it is taken from are not few enough to point to a person.
func handoverLines(rows []HandoverRow, f *Figures, office func(string) dialog.Text) []dialog.Text {
	if len(rows) == 0 {
		return nil
	}
	lines := []dialog.Text{dialog.T("stats.handover.title")}
	for _, r := range rows {
		c := r.Counts
		name := dialog.Raw(r.Office)
		if office != nil {
			name = office(r.Office)
		}
		lines = append(lines, dialog.Join("", dialog.Raw("  "), name,
			dialog.LTR(fmt.Sprintf(": %s / %s / %s / %s", c[0], c[1], c[2], c[3]))))
	}
	if w := f.TakenWait; w.N > 0 && !w.N.Small() {
		lines = append(lines, dialog.T("stats.handover.wait", "Hours", dialog.Decimal(w.Value, 1), "N", dialog.LTR(w.N.String())))
	}
	return append(lines, dialog.Raw(""))
}
