package store

import (
	"regexp"
	"testing"

	"github.com/kassel/wegweiser/internal/stats"
)

// Every dimension the statistics count is named in the reader's language where it is shown
// (the dashboard, the CSV files): none reaches staff as a bare machine key.
func TestEveryCountedDimensionIsLabelled(t *testing.T) {
	dims := regexp.MustCompile(`\('([a-z_]+)', CASE`).FindAllStringSubmatch(statsRows, -1)
	if len(dims) < 20 {
		t.Fatalf("found %d dimensions in statsRows: the scan is broken", len(dims))
	}
	for _, d := range append(dims, []string{"", "completed"}) {
		if !stats.Labelled(d[1]) {
			t.Errorf("the dimension %q has no labels", d[1])
		}
	}
}
