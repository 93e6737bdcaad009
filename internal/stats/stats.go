// Package stats turns the anonymous usage events into the figures city staff read: a text
// report, a chart and a CSV file. Counts from 1 to 4 never leave it as numbers: they become
// "<5", so that a rare language and topic on one day cannot point to a person.
package stats

import (
	"slices"
	"sort"
	"strconv"
	"time"
)

// Count is a number of events or people.
type Count int

// Withheld is a count not shown so that a small one beside it cannot be worked out from the
// total (see Withhold); it is written "x".
const Withheld Count = -1

// Small reports whether the count must be hidden: 1 to 4.
func (c Count) Small() bool { return c >= 1 && c <= 4 }

// Hidden reports whether the count is not shown: small, or withheld.
func (c Count) Hidden() bool { return c.Small() || c == Withheld }

// String writes the count for people: "<5" for 1 to 4, "x" when withheld.
func (c Count) String() string {
	switch {
	case c.Small():
		return "<5"
	case c == Withheld:
		return "x"
	}
	return strconv.Itoa(int(c))
}

// Plot is the value a chart draws: 0 for 1 to 4 (shown as "<5" in the caption) and when
// withheld.
func (c Count) Plot() float64 {
	if c.Hidden() {
		return 0
	}
	return float64(c)
}

// Withhold applies the second half of the <5 rule to counts shown together whose total is
// shown too (the languages of a period's conversations, its steps, yes and no): where the
// total less the counts shown would give the hidden ones ("<5" alone: exactly; several all
// 1 or all 4 by their sum), the smallest other count above 0 is withheld as well. A 0 is never
// the one withheld: the reader would take it for 0 and have the hidden count again. Of several
// equal smallest counts the first is withheld: the lists it is given are in a fixed order
// (Total's, largest first and then by value; the steps; the days), so the same figures
// always withhold the same count, in every report and on every page. It changes counts in
// place (get and set reach the i-th).
//
// A count withheld already (by this rule in another grouping of the same figures) is hidden
// too, its value unknown to the reader: alone in a group it would come back as the total less
// the others, so another is withheld beside it; beside other hidden ones it pins nothing.
func Withhold(n int, get func(int) Count, set func(int, Count)) {
	hidden, small, sum, other := 0, 0, 0, -1
	for i := range n {
		c := get(i)
		switch {
		case c == Withheld:
			hidden++
		case c.Small():
			hidden++
			small++
			sum += int(c)
		case c > 0 && (other < 0 || c < get(other)):
			other = i
		}
	}
	if other >= 0 && (hidden == 1 || hidden > 1 && small == hidden && (sum == small || sum == 4*small)) {
		set(other, Withheld)
	}
}

// WithholdRows applies Withhold to rows per day and dimension (the daily figures), and to
// each value's days (they add up to the value's count of the period, which the period's
// figures show: a day's "<5" of Arabic would come back as the period's Arabic less the other
// days'), until neither withholds more; it returns them changed in a copy. An office's
// hand-over outcomes of a day (taken, declined, not taken in time) are withheld together, as
// the report withholds them for the period: they add up, with the requests still waiting, to
// the requests.
func WithholdRows(rows []Row) []Row {
	out := slices.Clone(rows)
	byDay := groupRows(out, func(r Row) string {
		if slices.Contains(handoverDims[1:], r.Dimension) {
			return r.Day.Format(time.DateOnly) + "\x00handover outcomes\x00" + r.Value
		}
		return r.Day.Format(time.DateOnly) + "\x00" + r.Dimension
	})
	byValue := groupRows(out, func(r Row) string { return r.Dimension + "\x00" + r.Value })
	for changed := true; changed; {
		changed = false
		for _, g := range slices.Concat(byDay, byValue) {
			Withhold(len(g), func(i int) Count { return out[g[i]].Count }, func(i int, c Count) {
				out[g[i]].Count, changed = c, true
			})
		}
	}
	return out
}

// groupRows groups the indexes of rows by key, in the order the keys first come.
func groupRows(rows []Row, key func(Row) string) [][]int {
	at := map[string]int{}
	var groups [][]int
	for i, r := range rows {
		k := key(r)
		j, ok := at[k]
		if !ok {
			j = len(groups)
			at[k] = j
			groups = append(groups, nil)
		}
		groups[j] = append(groups[j], i)
	}
	return groups
}

// Row is one figure of one day: a dimension (language, topic, ...), a value and its count.
type Row struct {
	Day       time.Time
	Dimension string
	Value     string
	Count     Count
}

// The steps in the order a conversation passes them, for "where people stop".
var Steps = []string{"started", "language", "age", "child", "topic", "place", "result"}

// Figures are the raw aggregates of a period, as the store computes them.
type Figures struct {
	From, To      time.Time // whole days, inclusive
	People        Count
	PeopleApprox  bool // part of the period lies in a closed month only partly covered
	Conversations Count
	Completed     Count
	DropOff       map[string]Count // furthest step → conversations
	Rows          []Row            // per day and dimension, sorted
	// TakenWait is how long hand-over requests taken in the period waited for a counsellor.
	TakenWait Median
}

// Median is the middle of N values (hours, ...); it is shown only when N is not small.
type Median struct {
	N     Count
	Value float64
}

// Total sums a dimension's rows over the period, by value, largest first.
func (f *Figures) Total(dimension string) []Row {
	sums := map[string]Count{}
	for _, r := range f.Rows {
		if r.Dimension == dimension {
			sums[r.Value] += r.Count
		}
	}
	out := make([]Row, 0, len(sums))
	for v, c := range sums {
		out = append(out, Row{Dimension: dimension, Value: v, Count: c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	return out
}

// Daily returns a dimension's value per day of the period (0 where nothing happened).
func (f *Figures) Daily(dimension, value string) []Count {
	days := int(f.To.Sub(f.From).Hours()/24) + 1
	out := make([]Count, max(days, 0))
	for _, r := range f.Rows {
		if r.Dimension == dimension && r.Value == value {
			if i := int(r.Day.Sub(f.From).Hours() / 24); i >= 0 && i < len(out) {
				out[i] += r.Count
			}
		}
	}
	return out
}

// Periods are the keys of the period picker, in its order.
var Periods = []string{"7d", "30d", "month", "last_month", "quarter", "last_quarter", "year"}

// Period returns the whole days of a named period ending today (today is a date).
func Period(key string, today time.Time) (from, to time.Time, ok bool) {
	y, m, d := today.Date()
	today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	switch key {
	case "7d":
		return today.AddDate(0, 0, -6), today, true
	case "30d":
		return today.AddDate(0, 0, -29), today, true
	case "month":
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), today, true
	case "last_month":
		first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
		return first.AddDate(0, -1, 0), first.AddDate(0, 0, -1), true
	case "quarter":
		return quarterStart(today), today, true
	case "last_quarter":
		first := quarterStart(today)
		return first.AddDate(0, -3, 0), first.AddDate(0, 0, -1), true
	case "year":
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), today, true
	}
	return time.Time{}, time.Time{}, false
}
