package conversation

import (
	"slices"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// clock is what a result needs to say whether its offices are open now: one moment for all
// of them, and the offices' calendar.
type clock struct {
	now time.Time
	cal directory.Calendar
}

func (e *Engine) clock() clock {
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	return clock{now: now(), cal: e.Hours}
}

// today is the date where the offices are.
func (c clock) today() time.Time { return directory.DateIn(c.now, c.cal.Zone) }

// officeLines describes an office in a result: OfficeLines, with whether it is open now
// after its opening hours, and its status: temporarily closed (until when), or a waiting list.
func (c clock) officeLines(m directory.Match, n int) []dialog.Text {
	lines := OfficeLines(m, n, true)
	if status := c.statusLines(&m.Office); len(status) > 0 {
		at := len(lines)
		if i := slices.IndexFunc(lines, func(l dialog.Text) bool {
			return l.ID == "office.confirmed" || strings.HasPrefix(l.ID, "office.unconfirmed")
		}); i >= 0 {
			at = i
		}
		lines = slices.Insert(lines, at, status...)
	}
	if m.Office.ClosedOn(c.today()) {
		return lines // its opening hours do not hold while it is closed
	}
	open := c.closing(&m.Office).openLine(m.Office.OpeningHours)
	if open == nil {
		return lines
	}
	at := len(lines)
	if i := slices.IndexFunc(lines, func(l dialog.Text) bool { return l.ID == "office.hours" }); i >= 0 {
		at = i + 1
	}
	return slices.Insert(lines, at, *open)
}

// closingNotice is how many days ahead a newcomer is told of a closure still to come: those
// who go within them should know, and one further off would only crowd the answer.
const closingNotice = 14

// closing is the clock for an office whose closure is still to come: its days are days it
// does not open, so that "opens on Monday" does not name a day of the closure.
func (c clock) closing(o *directory.Office) clock {
	if o.ClosedFrom == nil || o.ClosedUntil == nil {
		return c
	}
	holiday := c.cal.Holiday
	c.cal.Holiday = func(day time.Time) bool { return o.ClosedOn(day) || (holiday != nil && holiday(day)) }
	return c
}

// statusLines say that an office is temporarily closed (to which day, and from when it is
// open again), or else that it will be within closingNotice days and how long its waiting
// list is; none when nothing applies. A closure in the past says nothing: it ended by itself.
func (c clock) statusLines(o *directory.Office) []dialog.Text {
	date := func(d time.Time) dialog.Text { return dialog.LTR(d.Format("02.01.2006")) }
	if o.ClosedOn(c.today()) {
		return []dialog.Text{dialog.T("office.closed", "Date", date(*o.ClosedUntil), "Next", date(c.reopens(o)))}
	}
	var lines []dialog.Text
	if o.ClosingWithin(c.today(), closingNotice) {
		lines = append(lines, dialog.T("office.closing", "From", date(*o.ClosedFrom), "Date", date(*o.ClosedUntil),
			"Next", date(c.reopens(o))))
	}
	if w, ok := WaitingLine(o); ok {
		lines = append(lines, w)
	}
	return lines
}

// WaitingLine says how long an office's waiting list is ("⏳ Waiting list: about 6 weeks until
// a first appointment."), for an office that takes new clients with one; none otherwise. The
// staff console's overview says it as newcomers read it.
func WaitingLine(o *directory.Office) (dialog.Text, bool) {
	weeks, waiting := o.WaitingWeeks()
	if !waiting || o.AcceptingNewClients != nil && !*o.AcceptingNewClients {
		return dialog.Text{}, false
	}
	return dialog.T("office.waiting", "Weeks", dialog.Plural("office.waiting_weeks", weeks)), true
}

// reopens is the first day after an office's closure on which it opens: by its opening hours
// when they are known (public holidays closed), else the first working day (not a Saturday,
// Sunday or public holiday). A closure to Friday 04.12. does not say "open again from Saturday
// 05.12.", nor one to 24.12. "from 25.12.".
func (c clock) reopens(o *directory.Office) time.Time {
	next := o.ClosedUntil.AddDate(0, 0, 1)
	cal := c.closing(o).cal
	if rules, err := directory.ParseOpeningHours(o.OpeningHours); err == nil && len(rules) > 0 {
		zone := cal.Zone
		if zone == nil {
			zone = time.UTC
		}
		start := time.Date(next.Year(), next.Month(), next.Day(), 0, 0, 0, 0, zone)
		switch op := directory.OpeningAt(rules, start, cal); {
		case op.Open:
			return next
		case !op.Next.IsZero():
			n := op.Next.In(zone)
			return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
		}
	}
	for d := next; d.Before(next.AddDate(0, 0, 14)); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && (cal.Holiday == nil || !cal.Holiday(d)) {
			return d
		}
	}
	return next
}

// openLine says whether an office with these opening hours is open now and until when, or
// when it opens next. It is nil when the hours are unknown or the office does not open in
// the days ahead: rather nothing than a guess.
func (c clock) openLine(hours string) *dialog.Text {
	if c.cal.Zone == nil {
		return nil
	}
	rules, err := directory.ParseOpeningHours(hours)
	if err != nil {
		return nil
	}
	o := directory.OpeningAt(rules, c.now, c.cal)
	var t dialog.Text
	switch {
	case o.Open:
		t = dialog.T("open.now", "Time", dialog.LTR(clockText(o.Until)))
	case !o.Known():
		return nil
	case o.Holiday:
		t = dialog.T("open.holiday", "Next", c.nextText(o.Next))
	default:
		t = dialog.T("open.closed", "Next", c.nextText(o.Next))
	}
	return &t
}

// opensOn says "opens on <weekday> at {{.Time}}", each weekday with its own message, since
// many languages inflect the day after "on".
var opensOn = map[time.Weekday]dialog.Text{
	time.Monday: dialog.T("open.next.monday"), time.Tuesday: dialog.T("open.next.tuesday"),
	time.Wednesday: dialog.T("open.next.wednesday"), time.Thursday: dialog.T("open.next.thursday"),
	time.Friday: dialog.T("open.next.friday"), time.Saturday: dialog.T("open.next.saturday"),
	time.Sunday: dialog.T("open.next.sunday"),
}

// nextText says when the office opens next: today, tomorrow, on a weekday within the week,
// or on a date a week or more ahead (a weekday name alone would read as this week's).
func (c clock) nextText(next time.Time) dialog.Text {
	at := dialog.LTR(next.Format("15:04"))
	switch days := daysBetween(c.now.In(next.Location()), next); {
	case days == 0:
		return dialog.T("open.next.today", "Time", at)
	case days == 1:
		return dialog.T("open.next.tomorrow", "Time", at)
	case days < 7:
		t := opensOn[next.Weekday()]
		t.Data = map[string]any{"Time": at}
		return t
	default:
		return dialog.T("open.next.date", "Date", dialog.LTR(next.Format("02.01.2006")), "Time", at)
	}
}

// daysBetween counts the calendar days from a to b (both in one zone), whatever the clocks
// do in between.
func daysBetween(a, b time.Time) int {
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC) }
	return int(day(b).Sub(day(a)).Hours() / 24)
}

// clockText writes a time of day as HH:MM; an opening that ends at midnight ends at 24:00.
func clockText(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 {
		return "24:00"
	}
	return t.Format("15:04")
}
