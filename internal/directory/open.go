package directory

import (
	"slices"
	"time"
)

// Calendar is what, beside its weekly rules, decides when an office is open: the zone its
// opening hours are written in, and the public holidays on which it is closed.
type Calendar struct {
	Zone *time.Location
	// Holiday reports whether a date (its year, month and day in Zone) is a public holiday;
	// nil means none.
	Holiday func(date time.Time) bool
}

// Opening says whether an office is open at a moment, or when it opens next.
type Opening struct {
	Open bool
	// Until is when the opening in hand ends (Open): a span to 24:00 that the next day
	// continues from 00:00 runs on into that day.
	Until time.Time
	// Next is when the office opens next (not Open); zero when it does not open within
	// LookAhead days.
	Next time.Time
	// Holiday: today is a public holiday on which the weekly rules would have it open.
	Holiday bool
}

// Known reports whether the Opening says anything: the office is open, or opens at a known time.
func (o Opening) Known() bool { return o.Open || !o.Next.IsZero() }

// LookAhead is how many days ahead OpeningAt looks for the next opening: far enough for an
// office open one day a week whose next two such days are public holidays (Christmas and
// New Year on a Friday).
const LookAhead = 21

// OpeningAt says whether an office with these weekly rules is open at the moment at, in the
// calendar's zone (UTC when nil), and otherwise when it opens next. Where rules name the
// same day, the later rule decides it (as in OpenStreetMap: "Mo-Fr 09:00-17:00; We off").
// Public holidays are closed. Without rules the result is not Known.
func OpeningAt(rules []HoursRule, at time.Time, c Calendar) Opening {
	var o Opening
	if len(rules) == 0 {
		return o
	}
	zone := c.Zone
	if zone == nil {
		zone = time.UTC
	}
	at = at.In(zone)
	today := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, zone)
	minute := at.Hour()*60 + at.Minute()
	o.Holiday = c.isHoliday(today) && len(spansOn(rules, today.Weekday())) > 0
	for i := 0; i <= LookAhead; i++ {
		day := today.AddDate(0, 0, i)
		for _, sp := range c.spans(rules, day) {
			switch {
			case i == 0 && sp.From <= minute && minute < sp.To:
				o.Open, o.Until = true, c.until(rules, day, sp)
				return o
			case i > 0 || sp.From > minute:
				o.Next = clockOn(day, sp.From)
				return o
			}
		}
	}
	return o
}

// spans are the office's spans on day, earliest first: none on a public holiday.
func (c Calendar) spans(rules []HoursRule, day time.Time) []Span {
	if c.isHoliday(day) {
		return nil
	}
	return spansOn(rules, day.Weekday())
}

func (c Calendar) isHoliday(day time.Time) bool { return c.Holiday != nil && c.Holiday(day) }

// until is when the span sp on day ends, following it past midnight while the next day
// opens at 00:00.
func (c Calendar) until(rules []HoursRule, day time.Time, sp Span) time.Time {
	for range 7 {
		if sp.To < 24*60 {
			break
		}
		next := c.spans(rules, day.AddDate(0, 0, 1))
		if len(next) == 0 || next[0].From != 0 {
			break
		}
		day, sp = day.AddDate(0, 0, 1), next[0]
	}
	return clockOn(day, sp.To)
}

// spansOn are the spans the weekly rules give a weekday, earliest first: those of the last
// rule that names it.
func spansOn(rules []HoursRule, d time.Weekday) []Span {
	var spans []Span
	for _, r := range rules {
		if slices.Contains(r.Days, d) {
			spans = r.Spans // an "off" rule has none
		}
	}
	spans = slices.Clone(spans)
	slices.SortFunc(spans, func(a, b Span) int { return a.From - b.From })
	return spans
}

// clockOn is the wall-clock time minute (minutes since midnight, up to 24:00) on day, in
// day's zone: on the days clocks change, 09:00 is still 09:00.
func clockOn(day time.Time, minute int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), minute/60, minute%60, 0, 0, day.Location())
}
