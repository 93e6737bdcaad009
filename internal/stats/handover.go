package stats

import (
	"fmt"
	"sort"

	"github.com/kassel/wegweiser/internal/dialog"
)

// handoverDims are the hand-over's counts per office, in the order the report shows them.
var handoverDims = []string{"handover_requested", "handover_taken", "handover_declined", "handover_unanswered"}

// handoverLines report the hand-overs by office: asked, taken, declined, not taken in time,
// each hidden as "<5" when small; and the median wait for a counsellor, shown only when the
// requests it is taken from are not few enough to point to a person.
func handoverLines(f *Figures, office func(string) dialog.Text) []dialog.Text {
	byOffice := map[string][]Count{}
	for i, dim := range handoverDims {
		for _, r := range f.Total(dim) {
			if byOffice[r.Value] == nil {
				byOffice[r.Value] = make([]Count, len(handoverDims))
			}
			byOffice[r.Value][i] = r.Count
		}
	}
	if len(byOffice) == 0 {
		return nil
	}
	offices := make([]string, 0, len(byOffice))
	for o := range byOffice {
		offices = append(offices, o)
	}
	sort.Slice(offices, func(i, j int) bool {
		a, b := byOffice[offices[i]][0], byOffice[offices[j]][0]
		return a > b || (a == b && offices[i] < offices[j])
	})
	lines := []dialog.Text{dialog.T("stats.handover.title")}
	for _, o := range offices {
		c := byOffice[o]
		// Taken, declined and not taken add up to the requests (but those still waiting).
		out := c[1:]
		Withhold(len(out), func(i int) Count { return out[i] }, func(i int, v Count) { out[i] = v })
		name := dialog.Raw(o)
		if office != nil {
			name = office(o)
		}
		lines = append(lines, dialog.Join("", dialog.Raw("  "), name,
			dialog.LTR(fmt.Sprintf(": %s / %s / %s / %s", c[0], c[1], c[2], c[3]))))
	}
	if w := f.TakenWait; w.N > 0 && !w.N.Small() {
		lines = append(lines, dialog.T("stats.handover.wait", "Hours", dialog.Decimal(w.Value, 1), "N", dialog.LTR(w.N.String())))
	}
	return append(lines, dialog.Raw(""))
}
