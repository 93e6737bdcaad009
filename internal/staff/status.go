package staff

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// An office's status: whether it takes new clients and how long they wait, and a temporary
// closure that ends by itself.

// waitingChoices are the expected waits offered as buttons, in weeks; any other is typed.
var waitingChoices = []int{2, 4, 8, 12}

// capacityChoices asks whether the office takes new clients: one tap saves the answer.
func capacityChoices() dialog.Message {
	msg := dialog.Message{Lines: []text{t("staff.ask.accepting")}}
	msg.Buttons = append(msg.Buttons, []button{btn(t("staff.capacity.open"), codeAccepting, "true")})
	for i := 0; i < len(waitingChoices); i += 2 {
		var row []button
		for _, w := range waitingChoices[i : i+2] {
			row = append(row, btn(dialog.Plural("staff.capacity.weeks", w), codeWaiting, strconv.Itoa(w)))
		}
		msg.Buttons = append(msg.Buttons, row)
	}
	msg.Buttons = append(msg.Buttons, []button{btn(t("staff.capacity.full"), codeAccepting, "false")},
		[]button{btn(t("staff.capacity.unknown"), codeAccepting, ""), cancelButton()})
	return msg
}

// accepting saves an answer of capacityChoices without a waiting list: taking new clients,
// not taking any, or not stated.
func (e *Engine) accepting(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	v, err := directory.ParseBool(p.arg)
	if m.Flow.Field != FieldAccepting || err != nil {
		denied(m, out)
		return nil
	}
	o := p.office
	o.AcceptingNewClients, o.Waiting = v, nil
	return e.commit(ctx, m, p.office, o, FieldAccepting, true, out)
}

// waiting saves a waiting list with the expected wait tapped in capacityChoices.
func (e *Engine) waiting(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	weeks, err := directory.ParseWaitingWeeks(p.arg)
	if m.Flow.Field != FieldAccepting || err != nil || weeks == nil {
		denied(m, out)
		return nil
	}
	return e.commit(ctx, m, p.office, withWaiting(p.office, *weeks), FieldAccepting, true, out)
}

// typedWeeks saves a waiting list with an expected wait as typed (typedWait).
func (e *Engine) typedWeeks(ctx context.Context, m *Member, lang string, in dialog.Input, out *dialog.Output) error {
	var weeks *int
	var err error = &directory.Invalid{Code: "weeks"}
	if in.Kind == dialog.InputText {
		weeks, err = e.typedWait(lang, in.Text)
	}
	if err != nil || weeks == nil {
		out.Messages = append(out.Messages, say(t("staff.invalid", "Reason", t("invalid.weeks"))), capacityChoices())
		return nil
	}
	o, err := e.Store.Office(ctx, m.Flow.Office)
	if err != nil {
		return err
	}
	return e.commit(ctx, m, o, withWaiting(o, *weeks), FieldAccepting, false, out)
}

// waitNumber is a typed waiting time: what comes before its number, the number, the word or
// dash and the number of a range ("6-8", "6 bis 8"), and what follows.
var waitNumber = regexp.MustCompile(`^(\D*?)(\d+)(?:\s*([-–—]|\D+?)\s*(\d+))?\s*(\D*)$`)

// typedWait reads an expected wait as typed: a number of weeks ("6"), or a number with its
// unit in the counsellor's language or in English ("3 Monate", "10 days", "6 weeks", or before
// it: "Wartezeit in Monaten: 3"), each unit a catalog list (staff.unit.weeks, .months, .days);
// of a range ("6-8 Wochen", "6 bis 8 Wochen", the words of staff.unit.range) the longer end
// counts, and other words before the number ("ca.", "etwa") do not matter. A unit it does not
// know after the number, or two units, are refused, not read as weeks. Days are rounded up to
// whole weeks; a month is 52/12 weeks, rounded (3 months are 13 weeks).
func (e *Engine) typedWait(lang, typed string) (*int, error) {
	invalid := &directory.Invalid{Code: "weeks"}
	m := waitNumber.FindStringSubmatch(strings.TrimSpace(conversation.NormalizeDigits(typed)))
	if m == nil {
		return nil, invalid
	}
	says := func(id, text string) bool { return e.Says != nil && e.Says(lang, id, text) }
	n, err := strconv.Atoi(m[2])
	if m[4] != "" {
		if sep := strings.TrimSpace(m[3]); !strings.ContainsAny(sep, "-–—") && !says("staff.unit.range", sep) {
			return nil, invalid // "3 Monate 2 Wochen": not a range
		}
		if hi, err2 := strconv.Atoi(m[4]); err2 == nil && hi > n {
			n = hi
		}
	}
	if err != nil || n > 10*366 {
		return nil, invalid
	}
	unitOf := func(text string) string {
		for _, id := range []string{"staff.unit.weeks", "staff.unit.months", "staff.unit.days"} {
			if says(id, text) {
				return id
			}
		}
		return ""
	}
	unit := ""
	if after := strings.TrimSpace(m[5]); after != "" {
		if unit = unitOf(after); unit == "" {
			return nil, invalid
		}
	}
	for _, w := range strings.Fields(m[1]) {
		switch before := unitOf(w); {
		case before == "":
		case unit != "" && unit != before:
			return nil, invalid // two units: which one is meant?
		default:
			unit = before
		}
	}
	switch unit {
	case "staff.unit.months":
		n = (n*52 + 6) / 12
	case "staff.unit.days":
		n = (n + 6) / 7
	}
	return directory.ParseWaitingWeeks(strconv.Itoa(n))
}

func withWaiting(o directory.Office, weeks int) directory.Office {
	yes := true
	o.AcceptingNewClients, o.Waiting = &yes, &weeks
	return o
}

// closureLine says that an office is closed today (to which day), or from which day to which
// it will be; nil when no closure is set or the one set is over.
func closureLine(o *directory.Office, today time.Time) *text {
	var l text
	switch {
	case o.ClosedOn(today):
		l = t("staff.status.closed", "Date", date(*o.ClosedUntil))
	case o.ClosureAhead(today):
		l = t("staff.status.closing", "From", date(*o.ClosedFrom), "Date", date(*o.ClosedUntil))
	default:
		return nil
	}
	return &l
}

// askClosed asks when the office is closed; while it is, or while a closure is still to come,
// one tap opens it again (or keeps it open).
func (e *Engine) askClosed(o *directory.Office) dialog.Message {
	msg := dialog.Message{Lines: []text{t("staff.ask.closed")}}
	if l := closureLine(o, e.today()); l != nil {
		msg.Lines = append(msg.Lines, dialog.Raw(""), *l)
		label := t("staff.button.reopen") // "open again from today"
		if !o.ClosedOn(e.today()) {
			label = t("staff.button.cancel_closure") // open today: the closure is still to come
		}
		msg.Buttons = append(msg.Buttons, []button{btn(label, codeReopen)})
	}
	msg.Buttons = append(msg.Buttons, []button{cancelButton()})
	return msg
}

// reopen ends a temporary closure at once.
func (e *Engine) reopen(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	if m.Flow.Field != FieldClosed {
		denied(m, out)
		return nil
	}
	o := p.office
	o.ClosedUntil, o.ClosedFrom = nil, nil
	return e.commit(ctx, m, p.office, o, FieldClosed, true, out)
}

// closedPreview shows a closure as understood: its first day when it is still to come, its
// last day and the day the office opens again, with their weekdays; "" ends a closure.
func (e *Engine) closedPreview(value string) text {
	if value == "" {
		return t("staff.preview_reopen")
	}
	first, last, err := readClosure(value)
	if err != nil {
		return t("staff.empty")
	}
	day := func(d time.Time) text { return dialog.Join(" ", conversation.WeekdayLabel(d.Weekday()), date(d)) }
	open := day(last.AddDate(0, 0, 1))
	if first != nil {
		return t("staff.preview_closed_from", "First", day(*first), "Last", day(last), "Open", open)
	}
	return t("staff.preview_closed", "Last", day(last), "Open", open)
}

// closureValue is a closure as the edit keeps it: its last day, or its first and last day
// ("2026-12-23/2027-01-06").
func closureValue(first *time.Time, last time.Time) string {
	if first == nil {
		return last.Format(time.DateOnly)
	}
	return first.Format(time.DateOnly) + "/" + last.Format(time.DateOnly)
}

// readClosure reads a closureValue.
func readClosure(v string) (first *time.Time, last time.Time, err error) {
	from, until, ranged := strings.Cut(v, "/")
	if !ranged {
		until = from
	}
	if last, err = time.Parse(time.DateOnly, until); err != nil {
		return nil, last, &directory.Invalid{Code: "date"}
	}
	if ranged {
		f, err := time.Parse(time.DateOnly, from)
		if err != nil || f.After(last) {
			return nil, last, &directory.Invalid{Code: "date"}
		}
		first = &f
	}
	return first, last, nil
}

var (
	germanDate = regexp.MustCompile(`(\d{1,2})\.\s?(\d{1,2})\.?(?:\s?(\d{4}|\d{2})\b)?`)
	isoDate    = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

// pastGrace is how many days back a day and month without a year are read as past (and
// refused) rather than as next year's.
const pastGrace = 60

// parseClosure reads a closure as typed: its last day (06.01., 6.1.27, 06.01.2027 or
// 2027-01-06, among other words: "bis 06.01."), or its first and last day ("vom 23.12. bis
// 06.01.", "23.12.-06.01."): of several dates the first is the first day and the last the
// last. A last day without a year is the next such day from today on; a first day without a
// year the one before the last day. The last day must lie from today to directory.MaxClosure ahead. A
// first day that is today or past is no first day: the closure runs from now on, and first is
// nil.
func parseClosure(s string, today time.Time) (first *time.Time, last time.Time, err error) {
	dates := typedDates(s)
	if len(dates) == 0 {
		return nil, last, &directory.Invalid{Code: "date"}
	}
	end := dates[len(dates)-1]
	year := end.y
	if year == 0 {
		year = today.Year()
	}
	last, ok := calendarDay(year, end.m, end.d)
	if !ok {
		return nil, last, &directory.Invalid{Code: "date"}
	}
	if end.y == 0 && last.Before(today.AddDate(0, 0, -pastGrace)) {
		// A day and month without a year that lie well behind us are next year's ("bis
		// 06.01." in December); one of the last weeks is a mistake, not a closure for a year.
		last = last.AddDate(1, 0, 0)
	}
	switch {
	case last.Before(today):
		return nil, last, &directory.Invalid{Code: "date_past"}
	case last.Sub(today) > directory.MaxClosure:
		return nil, last, &directory.Invalid{Code: "date_far"}
	}
	if len(dates) == 1 {
		return nil, last, nil
	}
	start := dates[0]
	year = start.y
	if year == 0 {
		year = last.Year()
	}
	f, ok := calendarDay(year, start.m, start.d)
	if ok && start.y == 0 && f.After(last) {
		f, ok = calendarDay(year-1, start.m, start.d) // "23.12.-06.01.": December before January
	}
	if !ok || f.After(last) {
		return nil, last, &directory.Invalid{Code: "date"}
	}
	if !f.After(today) {
		return nil, last, nil
	}
	return &f, last, nil
}

// typedDay is a date as typed: day, month, and the year if one was given (else 0).
type typedDay struct{ y, m, d int }

// dayRange is a range whose first day has no month of its own ("vom 23. bis 30.12.",
// "23.-30.12."): the month (and year) written once, after the last day.
var dayRange = regexp.MustCompile(`(^|[^\d.])(\d{1,2})\.?\s*(?:-|–|—|bis|to|until)\s*(\d{1,2})\.\s?(\d{1,2})\.((?:\s?\d{4}|\s?\d{2})\b)?`)

// typedDates are the dates in a text, in order: ISO dates if it has any, else German ones (a
// first day without its month takes the last day's: dayRange).
func typedDates(s string) []typedDay {
	s = dayRange.ReplaceAllString(s, "${1}${2}.${4}.${5} - ${3}.${4}.${5}")
	var out []typedDay
	if m := isoDate.FindAllStringSubmatch(s, -1); m != nil {
		for _, x := range m {
			y, _ := strconv.Atoi(x[1])
			mo, _ := strconv.Atoi(x[2])
			d, _ := strconv.Atoi(x[3])
			out = append(out, typedDay{y, mo, d})
		}
		return out
	}
	for _, x := range germanDate.FindAllStringSubmatch(s, -1) {
		d, _ := strconv.Atoi(x[1])
		mo, _ := strconv.Atoi(x[2])
		y, _ := strconv.Atoi(x[3])
		if y > 0 && y < 100 {
			y += 2000
		}
		out = append(out, typedDay{y, mo, d})
	}
	return out
}

// calendarDay is the day as midnight UTC, if it exists (not the 31st of February).
func calendarDay(y, m, d int) (time.Time, bool) {
	day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return day, day.Month() == time.Month(m) && day.Day() == d
}
