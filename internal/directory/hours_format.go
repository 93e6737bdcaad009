package directory

import (
	"strings"
	"time"
)

// osmDayNames are the OpenStreetMap day abbreviations, by time.Weekday.
var osmDayNames = [7]string{"Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"}

// FormatOpeningHours writes rules in the syntax ParseOpeningHours reads, so that
// ParseOpeningHours(FormatOpeningHours(rules)) gives the rules back: "days spans" or
// "days off", rules separated by "; ", each day listed by name.
func FormatOpeningHours(rules []HoursRule) string {
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = formatDays(r.Days) + " " + formatSpans(r)
	}
	return strings.Join(parts, "; ")
}

func formatDays(days []time.Weekday) string {
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = osmDayNames[d]
	}
	return strings.Join(names, ",")
}

func formatSpans(r HoursRule) string {
	if r.Off {
		return "off"
	}
	spans := make([]string, len(r.Spans))
	for i, s := range r.Spans {
		spans[i] = s.String()
	}
	return strings.Join(spans, ",")
}
