package stats

import (
	"strings"
	"testing"
)

// TestBarChartSVG: both orientations draw an SVG with the category names in a sans-serif
// font, counts of 1 to 4 drawn as 0 by the caller's Plot values, nothing for an empty chart.
func TestBarChartSVG(t *testing.T) {
	for _, c := range []BarChart{
		{Categories: []string{"01.11.", "02.11."}, Series: []Series{{Label: "Conversations", Values: []float64{Count(3).Plot(), 12}}, {Label: "People", Values: []float64{0, 9}}}},
		{Categories: []string{"Arabic", "Dari"}, Series: []Series{{Values: []float64{40, 7}}}, Horizontal: true},
		{Categories: []string{"Arabic"}, Series: []Series{{Values: []float64{0}}}, Horizontal: true},
	} {
		svg, err := c.SVG()
		if err != nil {
			t.Fatal(err)
		}
		s := string(svg)
		if !strings.Contains(s, "<svg") || !strings.Contains(s, "sans-serif") || strings.Contains(s, "Liberation Serif") {
			t.Errorf("%v: not a sans-serif SVG:\n%.400s", c.Categories, s)
		}
		for _, name := range c.Categories {
			if !strings.Contains(s, name) {
				t.Errorf("the chart does not name %q", name)
			}
		}
		if len(c.Series) > 1 && !strings.Contains(s, ">People<") {
			t.Errorf("no legend in %v", c.Categories)
		}
	}
}

// TestBuckets: days, weeks (Monday to Sunday) and months, cut at the period's ends.
func TestBuckets(t *testing.T) {
	from, to := day("2026-10-29"), day("2026-11-10")
	cases := map[Granularity][]string{
		PerDay:   {"29.10.", "30.10.", "31.10.", "01.11.", "02.11.", "03.11.", "04.11.", "05.11.", "06.11.", "07.11.", "08.11.", "09.11.", "10.11."},
		PerWeek:  {"29.10.–01.11.", "02.11.–08.11.", "09.11.–10.11."},
		PerMonth: {"10.2026", "11.2026"},
	}
	for g, want := range cases {
		var got []string
		for _, b := range Buckets(from, to, g) {
			got = append(got, b.Label(g))
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: %q, want %q", g, got, want)
		}
	}
	f := Figures{From: from, To: to, Rows: []Row{{Day: day("2026-10-31"), Dimension: "conversations", Value: "all", Count: 3},
		{Day: day("2026-11-01"), Dimension: "conversations", Value: "all", Count: 4}, {Day: day("2026-11-02"), Dimension: "conversations", Value: "all", Count: 9}}}
	if n := f.Sum("conversations", "all", Buckets(from, to, PerWeek)[0]); n != 7 {
		t.Errorf("the first week sums to %d, want 7", n)
	}
	if g := DefaultGranularity(from, to); g != PerDay {
		t.Errorf("13 days by %s", g)
	}
	if g := DefaultGranularity(day("2026-01-01"), day("2026-12-31")); g != PerMonth {
		t.Errorf("a year by %s", g)
	}
}
