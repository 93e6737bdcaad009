package directory

import (
	"fmt"
	"strings"
	"time"
)

// HoursRule is one rule of an opening_hours value: on these days, these spans (or closed).
type HoursRule struct {
	Days  []time.Weekday
	Spans []Span // empty when Off
	Off   bool
}

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
// spans as 09:00-12:00,13:00-15:30. Empty means unknown and yields no rules.
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
	dayPart, timePart, ok := strings.Cut(s, " ")
	if !ok {
		return HoursRule{}, false
	}
	var r HoursRule
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
	if timePart == "off" || timePart == "closed" {
		r.Off = true
		return r, true
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
