package stats

import "time"

// Granularity is how the figures of a period are grouped over time.
type Granularity string

// The granularities.
const (
	PerDay   Granularity = "day"
	PerWeek  Granularity = "week" // Monday to Sunday, cut at the period's ends
	PerMonth Granularity = "month"
)

// Granularities lists them in order.
var Granularities = []Granularity{PerDay, PerWeek, PerMonth}

// Valid reports whether g is known.
func (g Granularity) Valid() bool { return g == PerDay || g == PerWeek || g == PerMonth }

// DefaultGranularity suits a period of from..to: days up to a month, weeks up to half a
// year, months beyond.
func DefaultGranularity(from, to time.Time) Granularity {
	switch days := int(to.Sub(from).Hours()/24) + 1; {
	case days <= 31:
		return PerDay
	case days <= 183:
		return PerWeek
	}
	return PerMonth
}

// Bucket is a stretch of whole days within a period.
type Bucket struct {
	From, To time.Time // inclusive
}

// Label names the bucket: its day (02.01.), its days (02.01.–08.01.) or its month (01.2026).
func (b Bucket) Label(g Granularity) string {
	switch g {
	case PerDay:
		return b.From.Format("02.01.")
	case PerMonth:
		return b.From.Format("01.2006")
	}
	return b.From.Format("02.01.") + "–" + b.To.Format("02.01.")
}

// Buckets cuts the whole days from..to into days, weeks or months.
func Buckets(from, to time.Time, g Granularity) []Bucket {
	var out []Bucket
	for start := from; !start.After(to); {
		var next time.Time
		switch g {
		case PerMonth:
			next = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0)
		case PerWeek:
			next = start.AddDate(0, 0, 7-(int(start.Weekday())+6)%7)
		default:
			next = start.AddDate(0, 0, 1)
		}
		end := next.AddDate(0, 0, -1)
		if end.After(to) {
			end = to
		}
		out = append(out, Bucket{From: start, To: end})
		start = next
	}
	return out
}

// Sum adds up a dimension's value over the days of b.
func (f *Figures) Sum(dimension, value string, b Bucket) Count {
	var n Count
	for _, r := range f.Rows {
		if r.Dimension == dimension && r.Value == value && !r.Day.Before(b.From) && !r.Day.After(b.To) {
			n += r.Count
		}
	}
	return n
}
