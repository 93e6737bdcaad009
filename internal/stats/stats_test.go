package stats

import (
	"slices"
	"testing"
	"time"
)

func TestCountHidesOneToFour(t *testing.T) {
	for n, want := range map[int]string{0: "0", 1: "<5", 4: "<5", 5: "5", 123: "123"} {
		c := Count(n)
		if c.String() != want {
			t.Errorf("Count(%d) = %q, want %q", n, c.String(), want)
		}
		if small := n >= 1 && n <= 4; (c.Plot() == 0) != (small || n == 0) {
			t.Errorf("Count(%d).Plot() = %v", n, c.Plot())
		}
	}
}

func TestPeriod(t *testing.T) {
	today := time.Date(2026, 3, 3, 15, 4, 0, 0, time.UTC)
	cases := map[string][2]string{
		"7d": {"2026-02-25", "2026-03-03"}, "30d": {"2026-02-02", "2026-03-03"}, "month": {"2026-03-01", "2026-03-03"},
		"last_month": {"2026-02-01", "2026-02-28"}, "year": {"2026-01-01", "2026-03-03"},
	}
	for key, want := range cases {
		from, to, ok := Period(key, today)
		if !ok || from.Format(time.DateOnly) != want[0] || to.Format(time.DateOnly) != want[1] {
			t.Errorf("Period(%s) = %s..%s, %v; want %s..%s", key, from.Format(time.DateOnly), to.Format(time.DateOnly), ok, want[0], want[1])
		}
	}
	if _, _, ok := Period("forever", today); ok {
		t.Error("an unknown period was accepted")
	}
}

func TestRateIsHiddenForSmallCounts(t *testing.T) {
	for _, c := range []struct {
		part, whole Count
		want        string
	}{{7, 8, "88 %"}, {3, 8, "–"}, {7, 4, "–"}, {0, 0, "–"}, {0, 10, "0 %"}} {
		if got := Rate(c.part, c.whole); got != c.want {
			t.Errorf("Rate(%d, %d) = %q, want %q", c.part, c.whole, got, c.want)
		}
	}
}

// Withhold: a count hidden alone among counts whose total is shown takes the smallest other
// above 0 with it (a 0 withheld would be taken for 0: 9 reached a result, 8 + 0 + "<5" + "x"
// gave the "<5" as 1); several hidden take one with them when their sum pins them (all 1,
// all 4); others, or none, change nothing.
func TestWithhold(t *testing.T) {
	for _, c := range []struct{ in, want []Count }{
		{[]Count{60, 7, 2}, []Count{60, Withheld, 2}},
		{[]Count{0, 0, 3, 9}, []Count{0, 0, 3, Withheld}},
		{[]Count{0, 8, 1, 0}, []Count{0, Withheld, 1, 0}},
		{[]Count{6, 1, 4}, []Count{6, 1, 4}},
		{[]Count{9, 1, 1}, []Count{Withheld, 1, 1}},
		{[]Count{9, 4, 4, 7}, []Count{9, 4, 4, Withheld}},
		{[]Count{0, 2}, []Count{0, 2}}, // the total is hidden too
		{[]Count{6, 9}, []Count{6, 9}},
		{[]Count{3}, []Count{3}},
		// Of equal smallest counts, the first is withheld.
		{[]Count{9, 7, 7, 2}, []Count{9, Withheld, 7, 2}},
		{[]Count{0, 5, 5, Withheld}, []Count{0, Withheld, 5, Withheld}},
	} {
		got := slices.Clone(c.in)
		Withhold(len(got), func(i int) Count { return got[i] }, func(i int, v Count) { got[i] = v })
		if !slices.Equal(got, c.want) {
			t.Errorf("Withhold(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	if Withheld.String() != "x" || Withheld.Plot() != 0 || !Withheld.Hidden() {
		t.Error("a withheld count is shown")
	}
}

// The counts a report withholds do not depend on the order the store returns its rows in:
// Total orders a dimension's values (largest first, then by value), so of two equal smallest
// counts the same one is withheld every time, in every report and on every page.
func TestWithholdBreaksTiesStably(t *testing.T) {
	rows := []Row{
		{Dimension: "language", Value: "uk", Count: 7}, {Dimension: "language", Value: "ar", Count: 30},
		{Dimension: "language", Value: "bg", Count: 2}, {Dimension: "language", Value: "fa-AF", Count: 7},
	}
	for i := range 24 {
		shuffled := slices.Clone(rows)
		for j := range shuffled {
			k := (i + j*5) % len(shuffled)
			shuffled[j], shuffled[k] = shuffled[k], shuffled[j]
		}
		r := Build(&Data{Figures: Figures{Rows: shuffled}})
		var got []string
		for _, it := range r.Section("language").Items {
			got = append(got, it.Value+"="+it.Count.String())
		}
		if want := []string{"ar=30", "fa-AF=x", "uk=7", "bg=<5"}; !slices.Equal(got, want) {
			t.Fatalf("order %v: %v, want %v", shuffled, got, want)
		}
	}
}
