package directory

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Invalid is a validation failure. Code is a stable key: the CSV import prints its English
// text, the bot translates it into the counsellor's language.
type Invalid struct {
	Code  string // e.g. "postcode", see Explanations
	Value string // the offending value, or part of it, for the message
}

func (e *Invalid) Error() string {
	if e.Value == "" {
		return Explanations[e.Code]
	}
	return fmt.Sprintf("%s (got %q)", Explanations[e.Code], e.Value)
}

// Explanations gives the English text of each validation code.
var Explanations = map[string]string{
	"required":         "is required",
	"id":               "must be lower-case letters, digits and single hyphens, at most 64 characters (e.g. caritas-mbe-nord)",
	"kind":             "must be jmd, mbe or service",
	"postcode":         "must be a German postcode of five digits",
	"email":            "must be a plain e-mail address such as beratung@example.org",
	"website":          "must be a web address starting with https:// or http://",
	"phone":            "must be a valid phone number with its area code, e.g. 0561 7004211 (German) or +33 1 23 45 67 89",
	"latitude":         "must be a number from -90 to 90",
	"longitude":        "must be a number from -180 to 180",
	"position":         "latitude and longitude must be given together",
	"language":         "must be a known BCP 47 language tag such as de, ar or fa-AF",
	"language_dup":     "lists a language twice",
	"topic":            "must be one of: " + strings.Join(stringsOf(Topics), " "),
	"topic_dup":        "lists a topic twice",
	"age":              "must be a whole number from 0 to 120",
	"age_order":        "min_age must not be greater than max_age",
	"hours":            "must be weekly opening hours, in the opening_hours syntax (Mo,Tu,Th 09:00-12:00; We 14:00-17:00) or as people write them (Mo-Do 9-12 Uhr; Fr geschlossen)",
	"bool":             "must be true, false or empty",
	"date":             "must be a date YYYY-MM-DD",
	"date_future":      "must not be later than today",
	"date_far":         "a closure can last at most one year from today: archive an office closed for longer",
	"too_long":         "is too long",
	"note_key":         "must be keys of the notes library: " + strings.Join(NoteKeys, " "),
	"note_key_dup":     "lists a note twice",
	"note_opposite":    "lists two notes that contradict each other (appointment_only and open_consultation, or wheelchair and stairs_only): keep one",
	"weeks":            "must be a whole number of weeks from 1 to 52, or empty",
	"waiting":          "an office that takes no new clients has no waiting time: leave waiting_weeks empty",
	"closure_order":    "a closure's first day needs its last day (closed_until), on or after it",
	"position_swapped": "lies far from its postcode, and near it with latitude and longitude swapped: latitude first (about 47 to 55 in Germany), then longitude",
	"position_far":     "lies more than 30 km from its postcode's centre: check latitude, longitude and postcode",
	"control":          "must not contain control characters",
	"encoding":         "is not UTF-8 text",
}

// stringsOf is the values of keys (topics, kinds) as strings.
func stringsOf[T ~string](keys []T) []string {
	s := make([]string, len(keys))
	for i, k := range keys {
		s[i] = string(k)
	}
	return s
}

func invalid(code, value string) *Invalid { return &Invalid{Code: code, Value: quoted(value)} }

// maxQuoted bounds the characters of a refused value that a problem quotes: enough to find
// the value in the file, and a crafted value of megabytes is not echoed (twice: in the
// message and as the value) in the check's answer.
const maxQuoted = 60

// quoted is at most maxQuoted characters of value, with "…" when it was longer.
func quoted(value string) string {
	n := 0
	for i := range value {
		if n == maxQuoted {
			return value[:i] + "…"
		}
		n++
	}
	return value
}

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	postcodePattern = regexp.MustCompile(`^[0-9]{5}$`)
)

// ParseID checks an office id (a slug).
func ParseID(s string) (string, error) {
	if s == "" {
		return "", invalid("required", "")
	}
	if len(s) > 64 || !idPattern.MatchString(s) {
		return "", invalid("id", s)
	}
	return s, nil
}

// ParseKind checks an office kind.
func ParseKind(s string) (Kind, error) {
	if k := Kind(s); k.Valid() {
		return k, nil
	}
	return "", invalid("kind", s)
}

// ParseText checks a free-text field: valid UTF-8, no control characters (a line break only
// when multiline), at most max characters.
func ParseText(s string, max int, required, multiline bool) (string, error) {
	if !utf8.ValidString(s) {
		return "", invalid("encoding", "")
	}
	s = strings.TrimSpace(s)
	if s == "" && required {
		return "", invalid("required", "")
	}
	if utf8.RuneCountInString(s) > max {
		return "", invalid("too_long", "")
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && r == '\n') {
			return "", invalid("control", "")
		}
	}
	if strings.ContainsFunc(s, hiddenFormat) {
		// Pasted from a web page or a document, they are invisible: taken out, not refused
		// with a message about characters nobody can see.
		s = strings.TrimSpace(strings.Map(func(r rune) rune {
			if hiddenFormat(r) {
				return -1
			}
			return r
		}, s))
		if s == "" && required {
			return "", invalid("required", "")
		}
	}
	return s, nil
}

// hiddenFormat says whether r is an invisible character that changes how the text around it
// reads without being seen: a bidi embedding, override or isolate (U+202A-U+202E,
// U+2066-U+2069: "Caritas" could show reversed, and the bot's own isolates around a name would
// no longer close), or a zero-width space, word joiner or byte order mark (a name that looks
// like another's). The joiners that Persian, Arabic and emoji need (U+200C, U+200D) and the
// direction marks (U+200E, U+200F) stay.
func hiddenFormat(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200B || r == 0x2060 || r == 0xFEFF
}

// ParsePostcode checks a German postcode; empty is allowed.
func ParsePostcode(s string) (string, error) {
	if s == "" || postcodePattern.MatchString(s) {
		return s, nil
	}
	return "", invalid("postcode", s)
}

// ParseEmail checks a plain e-mail address; empty is allowed.
func ParseEmail(s string) (string, error) {
	if s == "" {
		return s, nil
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || !strings.Contains(s[strings.LastIndex(s, "@"):], ".") {
		return "", invalid("email", s)
	}
	return s, nil
}

// WithScheme is a website address as people type it ("www.example.org") with the https://
// it lacks; anything else as it is, for ParseWebsite to judge.
func WithScheme(s string) string {
	if s != "" && !strings.Contains(s, "://") && strings.Contains(s, ".") {
		return "https://" + s
	}
	return s
}

// ParseWebsite checks an http(s) address; empty is allowed.
func ParseWebsite(s string) (string, error) {
	if s == "" {
		return s, nil
	}
	u, err := url.Parse(s)
	// No user part: "https://www.kassel.de@example.org" leads to example.org.
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || strings.ContainsAny(s, " \t") {
		return "", invalid("website", s)
	}
	return s, nil
}

// ParseCoordinate checks a latitude (limit 90) or longitude (limit 180); empty means none.
func ParseCoordinate(s string, limit float64) (*float64, error) {
	if s == "" {
		return nil, nil
	}
	code := "latitude"
	if limit > 90 {
		code = "longitude"
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < -limit || f > limit || f != f {
		return nil, invalid(code, s)
	}
	return &f, nil
}

// ParseLanguage checks one BCP 47 tag and returns its canonical form (fa-af → fa-AF).
func ParseLanguage(s string) (string, error) {
	t, err := language.Parse(s)
	if err != nil || t == language.Und {
		return "", invalid("language", s)
	}
	if base, conf := t.Base(); conf != language.Exact || base.String() == "und" {
		return "", invalid("language", s)
	}
	return t.String(), nil
}

// ParseLanguages checks a space-separated list of BCP 47 tags.
func ParseLanguages(s string) ([]string, error) {
	out := []string{}
	for _, f := range strings.Fields(s) {
		tag, err := ParseLanguage(f)
		if err != nil {
			return nil, err
		}
		for _, seen := range out {
			if seen == tag {
				return nil, invalid("language_dup", f)
			}
		}
		out = append(out, tag)
	}
	return out, nil
}

// ParseTopics checks a space-separated list of topic keys.
func ParseTopics(s string) ([]Topic, error) {
	out := []Topic{}
	for _, f := range strings.Fields(s) {
		t := Topic(f)
		if !t.Valid() {
			return nil, invalid("topic", f)
		}
		for _, seen := range out {
			if seen == t {
				return nil, invalid("topic_dup", f)
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// maxServes is the most places an office may be responsible for alone: a district's
// municipalities are a few dozen.
const maxServes = 200

// ParseServes reads the places an office is responsible for (Office.Serves), separated by
// semicolons ("Baunatal; Bad Emstal"; names hold spaces); empty means everyone. A place
// named twice is kept once.
func ParseServes(s string) ([]string, error) {
	out := []string{}
	for _, f := range strings.Split(s, ";") {
		place, err := ParseText(f, 100, false, false)
		if err != nil {
			return nil, err
		}
		if place != "" && !slices.Contains(out, place) {
			out = append(out, place)
		}
	}
	if len(out) > maxServes {
		return nil, invalid("too_long", "")
	}
	return out, nil
}

// ParseAge checks an age bound; empty means none.
func ParseAge(s string) (*int, error) {
	if s == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 120 {
		return nil, invalid("age", s)
	}
	return &n, nil
}

// ParseBool checks a true/false flag; empty means unknown.
func ParseBool(s string) (*bool, error) {
	switch s {
	case "":
		return nil, nil
	case "true":
		return ptr(true), nil
	case "false":
		return ptr(false), nil
	}
	return nil, invalid("bool", s)
}

// ParseConfirmed checks the day an office's data was last confirmed (YYYY-MM-DD; empty means
// never): it cannot be later than today (a day's margin for the time zones). A date to come
// would keep the office from ever being due for its reminder, and the result would call old
// data fresh.
func ParseConfirmed(s string, now time.Time) (*time.Time, error) {
	d, err := ParseDate(s)
	if err == nil && d != nil && d.After(now.AddDate(0, 0, 1)) {
		return nil, invalid("date_future", s)
	}
	return d, err
}

// MaxClosure is how far ahead a temporary closure may end: an office closed for longer is
// archived. The bot, the web form and the import all refuse a later last day.
const MaxClosure = 366 * 24 * time.Hour

// ParseClosedUntil checks the last day of a closure (YYYY-MM-DD; empty means none): at most
// MaxClosure from now (a day's margin for the time zones). A day already past is kept: it
// means open.
func ParseClosedUntil(s string, now time.Time) (*time.Time, error) {
	d, err := ParseDate(s)
	if err == nil && d != nil && d.After(now.Add(MaxClosure).AddDate(0, 0, 1)) {
		return nil, invalid("date_far", s)
	}
	return d, err
}

// ParseDate checks a YYYY-MM-DD date; empty means none.
func ParseDate(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil, invalid("date", s)
	}
	return &d, nil
}

// FormatDate writes a date as YYYY-MM-DD, or "" for none.
func FormatDate(d *time.Time) string {
	if d == nil {
		return ""
	}
	return d.Format(time.DateOnly)
}
