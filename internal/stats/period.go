package stats

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// MaxSpan is the longest period a report covers: two years.
const MaxSpan = 2*366*24*time.Hour + 24*time.Hour

// quarterStart is the first day of the quarter containing day.
func quarterStart(day time.Time) time.Time {
	m := (int(day.Month())-1)/3*3 + 1
	return time.Date(day.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC)
}

// Quarter returns the whole days of quarter q (1 to 4) of year.
func Quarter(year, q int) (from, to time.Time, ok bool) {
	if q < 1 || q > 4 || year < 2000 || year > 2999 {
		return time.Time{}, time.Time{}, false
	}
	from = time.Date(year, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(0, 3, -1), true
}

var (
	quarterForms = []*regexp.Regexp{
		regexp.MustCompile(`^q\s*([1-4])\s*[/\- ]?\s*(\d{4})$`),                  // Q3 2026, Q3/2026
		regexp.MustCompile(`^(\d{4})\s*[/\- ]?\s*q\s*([1-4])$`),                  // 2026-Q3
		regexp.MustCompile(`^([1-4])\.?\s*quartal\s*(\d{4})$`),                   // 3. Quartal 2026
		regexp.MustCompile(`^([1-4])\.?\s*(?:quarter|qtr)\s*(?:of\s*)?(\d{4})$`), // 3 quarter 2026
	}
	rangeDate = regexp.MustCompile(`(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?`)
)

// ParseRange reads a period as staff type it: a quarter (Q3 2026, 2026-Q3, 3. Quartal 2026)
// or two dates (01.07.2026 - 30.09.2026, 1.7.-30.9.2026, 2026-07-01 2026-09-30; a first date
// without a year takes the second's). ok is false for anything else, for a period that ends
// before it begins and for one longer than MaxSpan.
func ParseRange(s string) (from, to time.Time, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i, re := range quarterForms {
		m := re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		q, y := m[1], m[2]
		if i == 1 {
			q, y = m[2], m[1]
		}
		qn, _ := strconv.Atoi(q)
		yn, _ := strconv.Atoi(y)
		return Quarter(yn, qn)
	}
	ms := rangeDate.FindAllStringSubmatch(s, -1)
	if len(ms) != 2 {
		return time.Time{}, time.Time{}, false
	}
	to, ok = dateOf(ms[1], 0)
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	from, ok = dateOf(ms[0], to.Year())
	if !ok || from.After(to) || to.Sub(from) > MaxSpan {
		return time.Time{}, time.Time{}, false
	}
	return from, to, true
}

// dateOf reads one match of rangeDate; a German date without a year takes year.
func dateOf(m []string, year int) (time.Time, bool) {
	var y, mo, d int
	if m[1] != "" {
		y, _ = strconv.Atoi(m[1])
		mo, _ = strconv.Atoi(m[2])
		d, _ = strconv.Atoi(m[3])
	} else {
		d, _ = strconv.Atoi(m[4])
		mo, _ = strconv.Atoi(m[5])
		y = year
		if m[6] != "" {
			y, _ = strconv.Atoi(m[6])
			if y < 100 {
				y += 2000
			}
		}
	}
	if y < 2000 || y > 2999 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d && int(t.Month()) == mo
}
