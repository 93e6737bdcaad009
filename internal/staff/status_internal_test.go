package staff

import (
	"testing"
	"time"
)

// A closure's first day may be written without its month, which the last day then gives.
func TestClosureWithTheMonthWrittenOnce(t *testing.T) {
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{
		"vom 23. bis 30.12.":    "2026-12-23/2026-12-30",
		"23.-30.12.":            "2026-12-23/2026-12-30",
		"23. - 30.12.2026":      "2026-12-23/2026-12-30",
		"28.12.-02.01.":         "2026-12-28/2027-01-02",
		"vom 23.12. bis 06.01.": "2026-12-23/2027-01-06",
		"bis 06.01.":            "2027-01-06",
		"1.-3.12.26":            "2026-12-01/2026-12-03",
	} {
		first, last, err := parseClosure(in, today)
		if got := closureValue(first, last); err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", in, got, err, want)
		}
	}
}
