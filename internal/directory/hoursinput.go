package directory

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// NormalizeHours reads opening hours as a counsellor types them, in German or English, and
// returns them in the stored form that ParseOpeningHours reads:
//
//	"Mo-Do 9-12"                                  → "Mo-Th 09:00-12:00"
//	"Mo,Di,Mi,Do 09:00-12:00; Fr geschlossen"     → "Mo-Th 09:00-12:00; Fr off"
//	"Montag bis Freitag 9:00–12:00 und 14-16 Uhr" → "Mo-Fr 09:00-12:00,14:00-16:00"
//	"Mi nur nach Terminvereinbarung"              → `We "by appointment"`
//	"Mo 9-12, nach Vereinbarung"                  → `Mo 09:00-12:00 "by appointment"`
//
// Day names and their abbreviations in German and English, ranges (-, –, bis, to), lists
// (",", und, and, &, /), times as 9, 9:00, 9.30 or 0930 with or without "Uhr", closed days
// (geschlossen, closed, off) and appointment-only notes, for a day's times, a day, or (alone
// or in a rule without days) the whole office, are understood. A new day after times begins
// a new rule, so "Mo 9-12, Di 14-16" needs no ";". Anything else is refused with the word it
// could not read, as an *Invalid with the code "hours". Empty input stays empty (unknown).
func NormalizeHours(input string) (string, error) {
	toks, err := hoursTokens(input)
	if err != nil {
		return "", err
	}
	p := newHoursParser()
	for _, tk := range toks {
		if err := p.take(tk); err != nil {
			return "", err
		}
	}
	if err := p.finish(); err != nil {
		return "", err
	}
	out := FormatOpeningHours(addedUp(p.rules))
	if _, err := ParseOpeningHours(out); err != nil {
		return "", fmt.Errorf("directory: normalised hours do not read back: %w", err)
	}
	return out, nil
}

// ReadHours is the one reader of opening hours as anyone gives them: the directory file, the
// web console's office form and the bot (through ParseRecord, or NormalizeHours directly).
// A value in the stored form is kept as it is (export, import and export again stay
// byte-identical); any other is read as NormalizeHours reads what counsellors type ("Mo-Do
// 9-12 Uhr") and returned in the stored form. What neither reads is an *Invalid "hours".
func ReadHours(input string) (string, error) {
	s := strings.TrimSpace(input)
	if _, err := ParseOpeningHours(s); err == nil {
		return s, nil
	}
	return NormalizeHours(s)
}

// addedUp writes typed rules whose times fall on the same day as one rule per set of days:
// a counsellor who types "Mo-Fr 9-12, Di 14-16" means both on Tuesday, where the stored form
// would let the later rule replace the day (as OpenStreetMap reads it; "Mo-Fr 9-17, Mi
// geschlossen" is meant that way and stays). Rules that do not overlap, and any with an
// appointment note, are kept as typed.
func addedUp(rules []HoursRule) []HoursRule {
	type day struct {
		spans []Span
		off   bool
		set   bool
	}
	var week [7]day
	overlap := false
	for _, r := range rules {
		if r.Appointment || len(r.Days) == 0 {
			return rules
		}
		for _, d := range r.Days {
			w := &week[d]
			switch {
			case r.Off:
				*w = day{off: true, set: true}
			case w.set && !w.off:
				w.spans, overlap = append(w.spans, r.Spans...), true
			default:
				*w = day{spans: slices.Clone(r.Spans), set: true}
			}
		}
	}
	if !overlap {
		return rules
	}
	var out []HoursRule
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		w := week[d]
		if !w.set {
			continue
		}
		spans := mergeSpans(w.spans)
		i := slices.IndexFunc(out, func(r HoursRule) bool { return r.Off == w.off && slices.Equal(r.Spans, spans) })
		if i < 0 {
			out = append(out, HoursRule{Off: w.off, Spans: spans})
			i = len(out) - 1
		}
		out[i].Days = append(out[i].Days, d)
	}
	return out
}

// mergeSpans orders spans and joins those that overlap or touch.
func mergeSpans(spans []Span) []Span {
	spans = slices.Clone(spans)
	slices.SortFunc(spans, func(a, b Span) int { return a.From - b.From })
	var out []Span
	for _, sp := range spans {
		if n := len(out); n > 0 && sp.From <= out[n-1].To {
			out[n-1].To = max(out[n-1].To, sp.To)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// FormatOpeningHours writes rules in the stored form: days Monday first, runs of three or
// more days as a range, spans as HH:MM-HH:MM, the appointment comment where it applies.
func FormatOpeningHours(rules []HoursRule) string { return formatHours(rules, storedWords) }

// hoursWords are the words opening hours are written in: the day names by time.Weekday, a
// closed day and an appointment-only note.
type hoursWords struct {
	days             []string
	off, appointment string
}

var (
	storedWords = hoursWords{osmDayNames, "off", AppointmentComment}
	// germanWords are those German counsellors type, which NormalizeHours reads back.
	germanWords = hoursWords{[]string{"So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"}, "geschlossen", "nach Vereinbarung"}
)

// GermanHours writes stored opening hours as a German counsellor types them ("Mo-Do
// 09:00-12:00; Fr geschlossen" for "Mo-Th 09:00-12:00; Fr off"), for a form they edit:
// NormalizeHours reads it back to the same stored value. A value that does not read as
// stored hours is returned as it is.
func GermanHours(stored string) string {
	rules, err := ParseOpeningHours(stored)
	if err != nil || len(rules) == 0 {
		return stored
	}
	return formatHours(rules, germanWords)
}

func formatHours(rules []HoursRule, words hoursWords) string {
	parts := make([]string, 0, len(rules))
	for _, r := range rules {
		var b strings.Builder
		b.WriteString(formatDays(r.Days, words.days))
		switch {
		case r.Off:
			b.WriteString(" " + words.off)
		case len(r.Spans) > 0:
			spans := make([]string, len(r.Spans))
			for i, sp := range r.Spans {
				spans[i] = sp.String()
			}
			b.WriteString(" " + strings.Join(spans, ","))
		}
		if r.Appointment {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words.appointment)
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "; ")
}

var osmDayNames = []string{"Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"} // by time.Weekday

// formatDays writes days Monday first, runs of three or more as a range (Mo-Th), named by
// names (by time.Weekday).
func formatDays(days []time.Weekday, names []string) string {
	idx := make([]int, 0, len(days))
	for _, d := range days {
		if i := mondayIndex(d); !slices.Contains(idx, i) {
			idx = append(idx, i)
		}
	}
	slices.Sort(idx)
	name := func(i int) string { return names[(i+1)%7] }
	var parts []string
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && idx[j+1] == idx[j]+1 {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, name(idx[i])+"-"+name(idx[j]))
		} else {
			for k := i; k <= j; k++ {
				parts = append(parts, name(idx[k]))
			}
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// hoursToken is one word of typed opening hours.
type hoursToken struct {
	kind   tokenKind
	days   []time.Weekday // tokDay: one day, or several for "werktags"
	minute int            // tokTime
	text   string         // as typed, for the explanation of a refusal
}

type tokenKind int

const (
	tokDay tokenKind = iota
	tokTime
	tokDash        // a range: -, –, bis, to
	tokSep         // the end of a rule: ; or a line break
	tokClosed      // geschlossen, closed, off
	tokAppointment // nur nach Terminvereinbarung, by appointment, ...
)

// hoursDays are the day names and abbreviations understood, in German and English.
var hoursDays = map[string][]time.Weekday{}

func init() {
	names := map[time.Weekday][]string{
		time.Monday:    {"mo", "mon", "montag", "montags", "monday", "mondays"},
		time.Tuesday:   {"di", "dienstag", "dienstags", "tu", "tue", "tues", "tuesday", "tuesdays"},
		time.Wednesday: {"mi", "mittwoch", "mittwochs", "we", "wed", "wednesday", "wednesdays"},
		time.Thursday:  {"do", "don", "donnerstag", "donnerstags", "th", "thu", "thur", "thurs", "thursday", "thursdays"},
		time.Friday:    {"fr", "freitag", "freitags", "fri", "friday", "fridays"},
		time.Saturday:  {"sa", "sam", "samstag", "samstags", "sonnabend", "sonnabends", "sat", "saturday", "saturdays"},
		time.Sunday:    {"so", "son", "sonntag", "sonntags", "su", "sun", "sunday", "sundays"},
	}
	for d, ns := range names {
		for _, n := range ns {
			hoursDays[n] = []time.Weekday{d}
		}
	}
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	for _, n := range []string{"werktags", "wochentags", "weekdays"} {
		hoursDays[n] = weekdays
	}
	for _, n := range []string{"täglich", "taeglich", "daily"} {
		hoursDays[n] = append(slices.Clone(weekdays), time.Saturday, time.Sunday)
	}
}

// Words with a fixed meaning; hoursNoise are read and ignored.
var (
	hoursDash   = map[string]bool{"bis": true, "to": true, "till": true, "until": true}
	hoursList   = map[string]bool{"und": true, "and": true, "sowie": true}
	hoursClosed = map[string]bool{"geschlossen": true, "closed": true, "off": true, "zu": true}
	// An appointment note is a run of these words with at least one core word in it.
	hoursAppointment = map[string]bool{"nur": true, "nach": true, "mit": true, "by": true, "only": true, "vorheriger": true, "vorherige": true}
	hoursAppointCore = map[string]bool{"terminvereinbarung": true, "vereinbarung": true, "absprache": true, "termin": true,
		"termine": true, "appointment": true, "appointments": true, "anmeldung": true}
	hoursNoise = map[string]bool{"uhr": true, "h": true, "von": true, "from": true, "jeweils": true, "am": true, "an": true,
		"den": true, "sprechzeiten": true, "sprechzeit": true, "sprechstunde": true, "öffnungszeiten": true, "geöffnet": true,
		"offen": true, "open": true, "on": true, "hours": true, "opening": true, "und/oder": true}
)

// hoursTokens splits typed hours into tokens.
func hoursTokens(input string) ([]hoursToken, error) {
	var toks []hoursToken
	rs := []rune(strings.ToLower(input))
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == ';' || r == '\n' || r == '|':
			toks = append(toks, hoursToken{kind: tokSep, text: string(r)})
			i++
		case strings.ContainsRune("-–—‒−", r):
			toks = append(toks, hoursToken{kind: tokDash, text: string(r)})
			i++
		case unicode.IsSpace(r) || strings.ContainsRune(",/&+.:()\"„“”", r):
			i++ // lists and punctuation: the parser needs no marker for them
		case unicode.IsDigit(r):
			j := i
			for j < len(rs) && (unicode.IsDigit(rs[j]) || ((rs[j] == ':' || rs[j] == '.') && j+1 < len(rs) && unicode.IsDigit(rs[j+1]))) {
				j++
			}
			minute, ok := parseTypedTime(string(rs[i:j]))
			if !ok {
				return nil, invalid("hours", string(rs[i:j]))
			}
			toks = append(toks, hoursToken{kind: tokTime, minute: minute, text: string(rs[i:j])})
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || rs[j] == '/') {
				j++
			}
			word := string(rs[i:j])
			i = j
			tk, keep, err := wordToken(word)
			if err != nil {
				return nil, err
			}
			if keep {
				toks = append(toks, tk)
			}
		default:
			return nil, invalid("hours", string(r))
		}
	}
	return mergeAppointments(toks), nil
}

// wordToken reads one word; keep is false for words that mean nothing here.
func wordToken(word string) (hoursToken, bool, error) {
	switch {
	case hoursDays[word] != nil:
		return hoursToken{kind: tokDay, days: hoursDays[word], text: word}, true, nil
	case hoursDash[word]:
		return hoursToken{kind: tokDash, text: word}, true, nil
	case hoursClosed[word]:
		return hoursToken{kind: tokClosed, text: word}, true, nil
	case hoursAppointCore[word]:
		return hoursToken{kind: tokAppointment, text: word}, true, nil
	case hoursAppointment[word]:
		// Only part of an appointment note: mergeAppointments checks it is next to one.
		return hoursToken{kind: tokAppointment, minute: -1, text: word}, true, nil
	case hoursNoise[word] || hoursList[word]:
		return hoursToken{}, false, nil
	}
	return hoursToken{}, false, invalid("hours", word)
}

// mergeAppointments joins runs of appointment words into one token. A run without a core
// word ("nur", "by" alone) is kept with minute -1 and refused by the parser.
func mergeAppointments(toks []hoursToken) []hoursToken {
	var out []hoursToken
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tokAppointment {
			out = append(out, toks[i])
			continue
		}
		run := toks[i]
		for i+1 < len(toks) && toks[i+1].kind == tokAppointment {
			i++
			run.text += " " + toks[i].text
			if toks[i].minute == 0 {
				run.minute = 0
			}
		}
		out = append(out, run)
	}
	return out
}

// parseTypedTime reads 9, 09, 9:30, 9.30, 0930 or 24:00 as minutes since midnight.
func parseTypedTime(s string) (int, bool) {
	s = strings.ReplaceAll(s, ".", ":")
	hh, mm, hasMinutes := strings.Cut(s, ":")
	switch {
	case hasMinutes && len(mm) == 2 && len(hh) >= 1 && len(hh) <= 2:
	case !hasMinutes && len(s) <= 2:
		hh, mm = s, "0"
	case !hasMinutes && len(s) == 4:
		hh, mm = s[:2], s[2:]
	default:
		return 0, false
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	if h > 24 || m > 59 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}
