package handover

import (
	"time"

	"github.com/kassel/wegweiser/internal/directory"
)

// defaultHours are the working hours of an office whose entry has none (or none that parse):
// Monday to Friday.
var defaultHours, _ = directory.ParseOpeningHours("Mo-Fr 09:00-17:00")

// maxDays bounds the search for working days: an office open one day a week still has
// GiveUpAfter of them within it, with holidays.
const maxDays = 7*GiveUpAfter + directory.LookAhead

// Deadline is when n working days of the office have passed since from: the moment the
// office opens on the n-th working day after the day of from. A working day is a day the
// office's opening hours open it (Monday to Friday for an office without hours) that is not a
// public holiday of the calendar. A request sent on Monday morning has waited two working
// days when the office opens on Wednesday; one sent on the Thursday before Easter, when it
// opens on the Wednesday after.
func Deadline(from time.Time, n int, openingHours string, cal directory.Calendar) time.Time {
	rules, err := directory.ParseOpeningHours(openingHours)
	if err != nil || !opensWithin(rules, cal, from) {
		rules = defaultHours
	}
	zone := cal.Zone
	if zone == nil {
		zone = time.UTC
	}
	from = from.In(zone)
	day := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, zone)
	var last time.Time
	for i, seen := 1, 0; i <= maxDays && seen < n; i++ {
		if at, ok := opening(rules, cal, day.AddDate(0, 0, i)); ok {
			last, seen = at, seen+1
		}
	}
	return last
}

// opening is when the office first opens on day (midnight in the calendar's zone), if it does.
func opening(rules []directory.HoursRule, cal directory.Calendar, day time.Time) (time.Time, bool) {
	o := directory.OpeningAt(rules, day, cal)
	switch {
	case o.Open:
		return day, true
	case !o.Next.IsZero() && sameDay(o.Next, day):
		return o.Next, true
	}
	return time.Time{}, false
}

// opensWithin reports whether rules open the office at all in the weeks after from.
func opensWithin(rules []directory.HoursRule, cal directory.Calendar, from time.Time) bool {
	return len(rules) > 0 && directory.OpeningAt(rules, from, cal).Known()
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.In(a.Location()).Date()
	return ay == by && am == bm && ad == bd
}
