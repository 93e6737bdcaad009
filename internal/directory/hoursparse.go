package directory

import (
	"slices"
	"strings"
	"time"
)

// hoursParser builds rules from the tokens of typed opening hours (see NormalizeHours).
type hoursParser struct {
	rules []HoursRule
	cur   HoursRule
	body  bool // cur has times, "closed" or an appointment note: a new day begins a new rule
	dash  bool // a dash after a time is pending: the next time ends the span
	from  int  // the start of the span being read, or -1
	// rangeFrom is the first day of a range whose dash was read (its last day comes next).
	rangeFrom *time.Weekday
	last      *hoursToken
	office    bool // the whole office is by appointment only
}

func newHoursParser() *hoursParser { return &hoursParser{from: -1} }

// take reads one token.
func (p *hoursParser) take(tk hoursToken) error {
	defer func() { p.last = &tk }()
	switch tk.kind {
	case tokSep:
		return p.endRule()
	case tokDay:
		return p.day(tk)
	case tokDash:
		switch {
		case p.last != nil && p.last.kind == tokDay && len(p.last.days) == 1 && p.rangeFrom == nil:
			d := p.last.days[0]
			p.rangeFrom = &d
		case p.last != nil && p.last.kind == tokTime && !p.dash && p.from >= 0:
			p.dash = true
		default:
			return invalid("hours", tk.text)
		}
		return nil
	case tokTime:
		return p.time(tk)
	case tokClosed:
		if len(p.cur.Days) == 0 || p.body || p.rangeFrom != nil {
			return invalid("hours", tk.text)
		}
		p.cur.Off, p.body = true, true
		return nil
	}
	return p.appointment(tk)
}

// day adds a day (or ends a range of days) to the rule being read, or begins the next rule.
func (p *hoursParser) day(tk hoursToken) error {
	if p.body {
		if err := p.endRule(); err != nil {
			return err
		}
	}
	if p.rangeFrom != nil {
		from := *p.rangeFrom
		p.rangeFrom = nil
		if len(tk.days) != 1 {
			return invalid("hours", tk.text)
		}
		for i := mondayIndex(from); i != mondayIndex(tk.days[0]); {
			i = (i + 1) % 7
			p.addDay(time.Weekday((i + 1) % 7))
		}
		return nil
	}
	for _, d := range tk.days {
		p.addDay(d)
	}
	return nil
}

func (p *hoursParser) addDay(d time.Weekday) {
	if !slices.Contains(p.cur.Days, d) {
		p.cur.Days = append(p.cur.Days, d)
	}
}

// time begins or ends a span of the rule being read.
func (p *hoursParser) time(tk hoursToken) error {
	if len(p.cur.Days) == 0 || p.cur.Off || p.rangeFrom != nil || (p.from >= 0) != p.dash {
		return invalid("hours", tk.text)
	}
	if !p.dash {
		p.from, p.body = tk.minute, true
		return nil
	}
	if tk.minute <= p.from {
		return invalid("hours", tk.text)
	}
	p.cur.Spans = append(p.cur.Spans, Span{p.from, tk.minute})
	p.from, p.dash = -1, false
	return nil
}

// appointment marks the rule being read, or without days the whole office, as by
// appointment only.
func (p *hoursParser) appointment(tk hoursToken) error {
	if tk.minute < 0 || p.dash || p.from >= 0 || p.rangeFrom != nil || p.cur.Off {
		return invalid("hours", tk.text)
	}
	if len(p.cur.Days) == 0 {
		p.office = true
		return nil
	}
	p.cur.Appointment, p.body = true, true
	return nil
}

// endRule closes the rule being read: it must have days and something to say about them.
func (p *hoursParser) endRule() error {
	if p.dash || p.from >= 0 || p.rangeFrom != nil {
		return invalid("hours", strings.TrimSpace(p.lastText()))
	}
	if len(p.cur.Days) > 0 {
		if !p.body {
			return invalid("hours", formatDays(p.cur.Days, osmDayNames))
		}
		p.rules = append(p.rules, p.cur)
	}
	p.cur, p.body = HoursRule{}, false
	return nil
}

func (p *hoursParser) lastText() string {
	if p.last == nil {
		return ""
	}
	return p.last.text
}

// finish closes the last rule and adds the office-wide appointment rule if there was one.
func (p *hoursParser) finish() error {
	if err := p.endRule(); err != nil {
		return err
	}
	if p.office {
		p.rules = append(p.rules, HoursRule{Appointment: true})
	}
	return nil
}
