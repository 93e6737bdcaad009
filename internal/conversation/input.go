package conversation

import (
	"strconv"
	"strings"
)

func digitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '٠' && r <= '٩':
		return int(r - '٠'), true
	case r >= '۰' && r <= '۹':
		return int(r - '۰'), true
	case r >= '０' && r <= '９': // full width, as Chinese and Japanese keyboards type them
		return int(r - '０'), true
	}
	return 0, false
}

// ageBand names the band an age falls in, as the statistics count them (AgeBandRange).
func ageBand(age int) string {
	for _, b := range AgeBands[:len(AgeBands)-1] {
		if _, hi, _ := AgeBandRange(b); age <= hi {
			return b
		}
	}
	return band27plus
}

// parseCoordinates reads "51.31, 9.49" (the console's way to share a position): two decimal
// numbers in range; not "NaN", "Inf" or "0x1p5", which ParseFloat takes too.
func parseCoordinates(text string) (lat, lon float64, ok bool) {
	a, b, found := strings.Cut(NormalizeDigits(text), ",")
	if !found {
		return 0, 0, false
	}
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if !decimal(a) || !decimal(b) {
		return 0, 0, false
	}
	lat, err1 := strconv.ParseFloat(a, 64)
	lon, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return 0, 0, false
	}
	return lat, lon, true
}

// decimal says whether s is a decimal number: a sign, digits, a point and digits.
func decimal(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	whole, frac, _ := strings.Cut(s, ".")
	digits := func(d string) bool { return strings.Trim(d, "0123456789") == "" }
	return whole != "" && digits(whole) && digits(frac)
}

// NormalizeDigits writes Eastern Arabic, Persian and full-width digits as 0-9, the Arabic comma as "," and
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
