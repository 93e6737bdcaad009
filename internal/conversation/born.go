package conversation

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/kassel/wegweiser/internal/directory"
)

// A year or date of birth typed at the age question ("1990", "born in 1990", "مواليد ١٩٩٠",
// "12.03.1990", and in Afghanistan's calendar "متولد ۱۳۷۵", "۱۳۷۵/۰۳/۱۲") is read as the age
// it gives today: a whole date gives one, a year two (before or after the birthday), a year
// of the Persian calendar up to three (it straddles two Gregorian ones). One is taken; more
// are offered to tap. A year is read so where nothing but the number was typed, or where the
// words around it say it is one (the catalogs' age.born); a date where nothing but the date
// was typed, or the words around it say so. The calendars are those the reader's language is
// written in (CLDR's preferences for its region), of those known here.

// birthCalendars are the calendars years of birth are read in: each knows the span of dates a
// year of it covers.
var birthCalendars = map[string]func(year int) (first, last time.Time){
	"gregorian": func(y int) (time.Time, time.Time) {
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
	},
	// A year of the Persian (Solar Hijri) calendar starts at Nowruz, the 21st of March (a day
	// earlier in some years: an age can be a day off on a birthday, no more), 621 years after
	// the Gregorian one that holds it.
	"persian": func(y int) (time.Time, time.Time) {
		return persianDate(y, 1, 1), persianDate(y+1, 1, 1).AddDate(0, 0, -1)
	},
}

// persianDate is the Gregorian date of day d of month m of the Persian year y: the first six
// months have 31 days, the next five 30, the last 29 or 30.
func persianDate(y, m, d int) time.Time {
	days := (m-1)*31 + d - 1
	if m > 7 {
		days = 6*31 + (m-7)*30 + d - 1
	}
	return time.Date(y+621, 3, 21, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
}

// datePattern finds a date: day and month before the year (12.03.1990, 3/12/1990) or the
// year first (1990-03-12, ۱۳۷۵/۳/۱۲).
var datePattern = regexp.MustCompile(`(^|[^0-9])(?:([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})|([0-9]{4})[./-]([0-9]{1,2})[./-]([0-9]{1,2}))($|[^0-9])`)

// dayMonthYear finds a day, a word and a year in a row: a date with its month in words, in
// any language ("20 décembre 1991", "5 jan. 1964", "15 decembrie 1992"), or two words, as the
// Levant names months ("20 تشرين الثاني 1995", November).
var dayMonthYear = regexp.MustCompile(`(^|[^0-9])([0-9]{1,2})\.?\s+(\p{L}+(?:\s+\p{L}+)?)\.?,?\s+([0-9]{4})($|[^0-9])`)

// birthAges returns the ages a year or date of birth typed in text gives today, youngest
// first, and the year as typed (digits made ASCII), to quote; none when text gives no birth.
func (e *Engine) birthAges(lang, text string, now time.Time) (born string, ages []int) {
	norm := NormalizeDigits(text)
	bare := !strings.ContainsFunc(norm, unicode.IsLetter)
	calendars := e.birthCalendarsOf(lang)
	if born, ages, isDate := e.birthDate(lang, norm, bare, calendars, now); isDate {
		return born, ages
	}
	if born, ages, isDate := e.birthDateInWords(lang, norm, now); isDate {
		return born, ages
	}
	var y int
	if bare {
		nums, others := e.Langs.Numbers(lang, norm)
		if len(nums) != 1 || others > 0 {
			return "", nil
		}
		y = nums[0]
	} else {
		var ok bool
		// "DOB: 1990", "Geburtsjahr: 1990": a colon joins a label to its year here.
		if y, ok = e.Langs.BornIn(lang, strings.ReplaceAll(norm, ":", " ")); !ok {
			// Nothing but a date with its month in words ("25 Dec 2008", "3 ноября 1999"):
			// a date of birth, typed alone; its year gives the ages (the month's name is
			// not read).
			m := dayMonthYear.FindStringSubmatch(norm)
			if m == nil || !dateAlone(norm, m[0]) {
				return "", nil
			}
			y, _ = strconv.Atoi(m[4])
		}
		// A date with the month in words ("né le 20 décembre 1991", "5 jan 1964"): the
		// words say the day is the birth's, and its year is the one after the month.
		for _, m := range dayMonthYear.FindAllStringSubmatch(norm, -1) {
			if day, _ := strconv.Atoi(m[2]); day == y {
				y, _ = strconv.Atoi(m[4])
				break
			}
		}
	}
	short := !bare && shortYear(norm, y)
	var child []int // a short year's ages under 12 in one calendar, kept while another may give more
	childBorn := ""
	for _, c := range calendars {
		year := y
		if short {
			year = lastWithEnding(currentYear(c, now), y)
		}
		first, last := birthCalendars[c](year)
		if last.After(now) {
			last = now
		}
		if first.After(now) {
			continue
		}
		var found []int
		for a := ageOn(last, now); a <= ageOn(first, now); a++ {
			found = append(found, a)
		}
		ages = plausible(found)
		switch {
		case len(ages) == 0:
		case short && ages[len(ages)-1] < directory.JMDMinAge && child == nil:
			// "sal 98" in Dari: 1398 of the Persian calendar is a child of six, 1998 a grown-up
			// who typed their own year; a child under 12 does not write it.
			child, childBorn = ages, strconv.Itoa(year)
		default:
			return strconv.Itoa(year), ages
		}
	}
	if child != nil {
		return childBorn, child
	}
	return "", nil
}

// shortYear says whether y, which words around it say is a year of birth, was written with
// its last two digits only ("born in 95", "مواليد 95", "85 г.р.", "Jahrgang 02", "متولد ۷۵"):
// a number under 100, written with two digits (or in words).
func shortYear(norm string, y int) bool {
	if y >= 100 {
		return false
	}
	digits := strings.FieldsFunc(norm, func(r rune) bool { return r < '0' || r > '9' })
	return y >= 10 || slices.Contains(digits, "0"+strconv.Itoa(y))
}

// lastWithEnding is the latest year up to current whose last two digits are y: 95 is 1995,
// 05 is 2005 (in 2026), and 75 of the Persian calendar 1375.
func lastWithEnding(current, y int) int {
	year := current - current%100 + y
	if year > current {
		year -= 100
	}
	return year
}

// currentYear is the year of calendar c that holds day now.
func currentYear(c string, now time.Time) int {
	first := func(y int) time.Time { f, _ := birthCalendars[c](y); return f }
	// A year of c near now: its years run a fixed number of years from the Gregorian ones.
	y := 2*now.Year() - first(now.Year()).Year()
	for first(y).After(now) {
		y--
	}
	for !first(y + 1).After(now) {
		y++
	}
	return y
}

// birthDate reads a date of birth in norm (digits made ASCII), where it is one: the only date,
// alone, or with words around that say it is a date of birth (its year stands for # in the
// catalogs' contexts). isDate is false when norm holds no such date; ages may then still be
// none (a date to come, no such day).
func (e *Engine) birthDate(lang, norm string, bare bool, calendars []string, now time.Time) (born string, ages []int, isDate bool) {
	m := datePattern.FindAllStringSubmatch(norm, -1)
	if len(m) != 1 {
		return "", nil, false
	}
	g := m[0]
	whole := strings.TrimFunc(g[0], func(r rune) bool { return r < '0' || r > '9' })
	year, dates := g[4], [][2]string{{g[2], g[3]}, {g[3], g[2]}} // day.month, or month/day
	if strings.Contains(whole, ".") {
		dates = dates[:1] // with dots, the day comes first: "10.12.2008" is no 12 October
	}
	if year == "" {
		year, dates = g[5], [][2]string{{g[7], g[6]}}
	}
	if !bare {
		// "I came on 01.02.2015, born 1990": a date the words do not say is a birth is left
		// to the year.
		if !e.saysBorn(lang, norm, whole, year) {
			return "", nil, false
		}
	}
	y, _ := strconv.Atoi(year)
	for _, c := range calendars {
		var found []int
		for _, dm := range dates {
			d, _ := strconv.Atoi(dm[0])
			mo, _ := strconv.Atoi(dm[1])
			if birth, ok := dateIn(c, y, mo, d); ok && !birth.After(now) {
				found = append(found, ageOn(birth, now))
			}
		}
		if ages = plausible(found); len(ages) > 0 {
			// Only the year is quoted (and kept while the ages are offered): a whole date
			// of birth says more about a person than the bot needs.
			return strings.TrimLeft(year, "0"), ages, true
		}
	}
	return "", nil, true
}

// birthDateInWords reads a date of birth with its month in words, as CLDR names the months in
// the reader's language, English or German ("5 Jan 2001", "20 décembre 1999", "20 تشرين
// الثاني 1995", "5 Ocak 2001"): typed alone, or with words saying it is a birth ("born 20 Dec
// 1999"). It gives the one age of that day; isDate is false for anything else (a month not
// known leaves the year to give its two ages).
func (e *Engine) birthDateInWords(lang, norm string, now time.Time) (born string, ages []int, isDate bool) {
	m := dayMonthYear.FindStringSubmatch(norm)
	if m == nil {
		return "", nil, false
	}
	month, ok := e.Langs.Month(lang, m[3])
	if !ok {
		return "", nil, false
	}
	year := m[4]
	if !dateAlone(norm, m[0]) && !e.saysBorn(lang, norm, m[0], year) {
		return "", nil, false // among other words: only where they say it is a birth ("born", "geb.", "مواليد")
	}
	d, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(year)
	birth, ok := dateIn("gregorian", y, month, d)
	if !ok || birth.After(now) {
		return "", nil, false
	}
	if ages = plausible([]int{ageOn(birth, now)}); len(ages) == 0 {
		return "", nil, false
	}
	return strings.TrimLeft(year, "0"), ages, true
}

// dateAlone says whether the date found in norm (as a pattern matched it, with the character
// before and after it) is all that was typed, but for punctuation.
func dateAlone(norm, date string) bool {
	return strings.TrimSpace(strings.Trim(date, ".,")) == strings.TrimSpace(strings.Trim(norm, ".,! "))
}

// saysBorn says whether the words of norm around a date (as typed in it) say it is a birth
// (age.born around its year: "born 20.12.1999", "geb. 10.12.2008", "مواليد 20 تشرين الثاني
// 1995"): "I came on 01.02.2015, born 1990" is no date of birth.
func (e *Engine) saysBorn(lang, norm, date, year string) bool {
	y, ok := e.Langs.BornIn(lang, strings.ReplaceAll(strings.Replace(norm, date, " "+year+" ", 1), ":", " "))
	return ok && strconv.Itoa(y) == strings.TrimLeft(year, "0")
}

// birthCalendarsOf are the calendars of birthCalendars that lang's readers use, most used
// first; the Gregorian one always.
func (e *Engine) birthCalendarsOf(lang string) []string {
	var out []string
	for _, c := range append(e.Langs.Calendars(lang), "gregorian") {
		if _, known := birthCalendars[c]; known && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// dateIn is day d of month m of year y in calendar c, as a Gregorian date, if there is one.
func dateIn(c string, y, m, d int) (time.Time, bool) {
	switch c {
	case "gregorian":
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		return t, t.Year() == y && int(t.Month()) == m && t.Day() == d
	case "persian":
		if m < 1 || m > 12 || d < 1 || d > 31 || m > 6 && d > 30 {
			return time.Time{}, false
		}
		return persianDate(y, m, d), true
	}
	return time.Time{}, false
}

// ageOn is the age on day now of someone born on day birth.
func ageOn(birth, now time.Time) int {
	age := now.Year() - birth.Year()
	if now.Month() < birth.Month() || now.Month() == birth.Month() && now.Day() < birth.Day() {
		age--
	}
	return age
}

// plausible are the ages of found from 0 to maxAge, sorted, without repeats; none when any is
// outside (a year that is no year of birth: 1200, 3000).
func plausible(found []int) []int {
	if len(found) == 0 || slices.ContainsFunc(found, func(a int) bool { return a < 0 || a > maxAge }) {
		return nil
	}
	slices.Sort(found)
	return slices.Compact(found)
}
