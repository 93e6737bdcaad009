package directory

import (
	"fmt"
	"strings"
	"time"
)

// HoursRule is one rule of an opening_hours value: on these days, these spans (or closed).
type HoursRule struct {
	Days  []time.Weekday // empty only for the office-wide appointment rule
	Spans []Span         // empty when Off, and for a day seen by appointment only
	Off   bool
	// Appointment: the spans, or the days, or (without days) the whole office, by
	// appointment only. Stored as the comment AppointmentComment.
	Appointment bool
}

// AppointmentComment is the one comment stored opening hours may carry (OpenStreetMap writes
// comments in double quotes): after a rule's days or spans, or alone as a rule of its own for
// the whole office. It is a fixed key, said in the reader's language, never free text.
const AppointmentComment = `"by appointment"`

// Span is an interval within a day, in minutes since midnight.
type Span struct{ From, To int }

// String writes the span as HH:MM-HH:MM.
func (s Span) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", s.From/60, s.From%60, s.To/60, s.To%60)
}

var osmDays = map[string]time.Weekday{
	"Mo": time.Monday, "Tu": time.Tuesday, "We": time.Wednesday, "Th": time.Thursday,
	"Fr": time.Friday, "Sa": time.Saturday, "Su": time.Sunday,
}

// ParseOpeningHours reads the weekly subset of the OpenStreetMap opening_hours syntax:
// rules separated by ";", each "days spans" or "days off", days as Mo-Fr or Mo,We,Fr,
// spans as 09:00-12:00,13:00-15:30, optionally followed by AppointmentComment; "days" plus
// the comment is a day by appointment only, the comment alone the whole office. Empty means
// unknown and yields no rules. It is the one reader of the stored form (NormalizeHours reads
// what counsellors type and writes this form).
func ParseOpeningHours(s string) ([]HoursRule, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	var rules []HoursRule
	for _, part := range strings.Split(s, ";") {
		rule, ok := parseHoursRule(strings.TrimSpace(part))
		if !ok {
			return nil, invalid("hours", strings.TrimSpace(part))
		}
		rules = append(rules, rule)
	}
	return rules, nil
}

func parseHoursRule(s string) (HoursRule, bool) {
	if s == AppointmentComment {
		return HoursRule{Appointment: true}, true
	}
	rest, appointment := strings.CutSuffix(s, " "+AppointmentComment)
	dayPart, timePart, ok := strings.Cut(rest, " ")
	if !ok && !appointment {
		return HoursRule{}, false
	}
	r := HoursRule{Appointment: appointment}
	for _, d := range strings.Split(dayPart, ",") {
		from, to, isRange := strings.Cut(d, "-")
		a, ok := osmDays[from]
		if !ok {
			return r, false
		}
		if !isRange {
			r.Days = append(r.Days, a)
			continue
		}
		b, ok := osmDays[to]
		if !ok {
			return r, false
		}
		// Weekdays run Mo..Su; time.Weekday has Sunday as 0.
		for i := mondayIndex(a); ; i = (i + 1) % 7 {
			r.Days = append(r.Days, time.Weekday((i+1)%7))
			if i == mondayIndex(b) {
				break
			}
		}
	}
	timePart = strings.TrimSpace(timePart)
	switch {
	case appointment && !ok:
		return r, true // days by appointment only
	case timePart == "off" || timePart == "closed":
		r.Off = true
		return r, !appointment
	}
	for _, sp := range strings.Split(timePart, ",") {
		from, to, ok := strings.Cut(strings.TrimSpace(sp), "-")
		if !ok {
			return r, false
		}
		f, ok1 := parseClock(from)
		t, ok2 := parseClock(to)
		if !ok1 || !ok2 || t <= f {
			return r, false
		}
		r.Spans = append(r.Spans, Span{f, t})
	}
	return r, true
}

func mondayIndex(d time.Weekday) int { return (int(d) + 6) % 7 }

func parseClock(s string) (int, bool) {
	var h, m int
	if len(s) != 5 || s[2] != ':' || !isDigits(s[:2]) || !isDigits(s[3:]) {
		return 0, false
	}
	if _, err := fmt.Sscanf(s, "%02d:%02d", &h, &m); err != nil || h > 24 || m > 59 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
