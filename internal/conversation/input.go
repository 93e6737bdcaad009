package conversation

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/kassel/wegweiser/internal/directory"
)

// ParseAge reads a typed age: a whole number from 0 to 120, in Western (0-9), Eastern Arabic
// (٠-٩) or Persian (۰-۹) digits, optionally with a word around it ("34 Jahre", "عمري ٣٤").
// Negative numbers, several numbers and anything without a number are refused.
func ParseAge(text string) (int, bool) {
	var digits strings.Builder
	groups, inGroup := 0, false
	for _, r := range text {
		d, isDigit := digitValue(r)
		switch {
		case isDigit:
			if !inGroup {
				groups++
				inGroup = true
			}
			digits.WriteByte(byte('0' + d))
		case r == '-' || r == '−' || r == '.' || r == ',' || r == '٫' || r == '/':
			return 0, false // negative, decimal or a date: not an age
		default:
			inGroup = false
			if !unicode.IsLetter(r) && !unicode.IsSpace(r) && !unicode.IsMark(r) {
				return 0, false
			}
		}
	}
	if groups != 1 || digits.Len() > 3 {
		return 0, false
	}
	n, err := strconv.Atoi(digits.String())
	if err != nil || n > 120 {
		return 0, false
	}
	return n, true
}

func digitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '٠' && r <= '٩':
		return int(r - '٠'), true
	case r >= '۰' && r <= '۹':
		return int(r - '۰'), true
	}
	return 0, false
}

// ageBand names the band an age falls in, as the statistics count them.
func ageBand(age int) string {
	switch {
	case age < directory.JMDMinAge:
		return bandUnder12
	case age < 18:
		return band12to17
	case age < directory.MBEMinAge:
		return band18to26
	}
	return band27plus
}

// parseCoordinates reads "51.31, 9.49" (the console's way to share a position).
func parseCoordinates(text string) (lat, lon float64, ok bool) {
	a, b, found := strings.Cut(NormalizeDigits(text), ",")
	if !found {
		return 0, 0, false
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return 0, 0, false
	}
	return lat, lon, true
}

// NormalizeDigits writes Eastern Arabic and Persian digits as 0-9, the Arabic comma as "," and
// the Arabic decimal separator as ".",
// so that numbers typed on an Arabic, Dari or Pashto keyboard read like any others.
func NormalizeDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if d, ok := digitValue(r); ok {
			return rune('0' + d)
		}
		switch r {
		case '،':
			return ','
		case '٫':
			return '.'
		}
		return r
	}, s)
}
