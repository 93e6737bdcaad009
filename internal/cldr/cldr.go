// Package cldr answers four locale questions from Unicode CLDR data for the shipped
// languages: what a language is called in the reader's language, how a list of items is
// joined, how a decimal number is written (always with the digits 0-9), and what the months
// are called.
//
// The data lives in tables.go, which cmd/cldrgen generates from CLDR's own JSON (the npm
// packages cldr-localenames-full, cldr-misc-full, cldr-numbers-full, cldr-dates-full and
// cldr-core; run
// `make cldr`). Nothing here is translated by hand. The package imports nothing of the
// project.
//
// Locale arguments (reader, lang) and language tags are BCP 47 tags such as "de", "fa-AF"
// or "fa_AF"; case and '_' versus '-' do not matter. A reader or lang that is not one of
// [Readers] is matched by its language subtag ("de-AT" reads as "de", "fa" and "prs" as
// "fa-AF", "kmr" as "ku").
package cldr

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// listPattern is a CLDR listPattern: the patterns joining the first two items of a longer
// list (start), the inner items (middle), the last two (end), and a list of exactly two (two).
type listPattern struct {
	start, middle, end, two string
}

// numberSymbols are a locale's symbols and grouping for the Latin digits (CLDR
// symbols-numberSystem-latn, decimalFormats-numberSystem-latn, minimumGroupingDigits).
type numberSymbols struct {
	decimal, group, minus, infinity, nan string
	// primaryGroup is the size of the rightmost digit group, secondaryGroup of the groups
	// left of it; minGrouping is how many digits must stand left of the first group
	// separator for grouping to happen at all.
	primaryGroup, secondaryGroup, minGrouping int
}

// locale is the generated data of one CLDR locale.
type locale struct {
	// languages maps language tags to their names in this locale.
	languages map[string]string
	// countryNames are the names of languages that name a country too (Somali "Jarmal":
	// German and Germany; Tigrinya "ጀርመን").
	countryNames []string
	// standard is listPattern-type-standard, unit listPattern-type-unit, and unitSeparator
	// the text between {0} and {1} in unit.middle.
	standard, unit listPattern
	unitSeparator  string
	// menuTitle and standAloneTitle say whether CLDR's contextTransforms for languages ask
	// for titlecase-firstword in a UI list or menu and when the name stands alone.
	menuTitle, standAloneTitle bool
	number                     numberSymbols
	// calendars are the calendars used in the reader's region, most used first (CLDR
	// calendarPreferenceData: fa-AF and ps "persian", then "gregorian", ...).
	calendars []string
	// months are the names of the Gregorian months, January first, in lower case: CLDR's
	// wide and abbreviated, format and stand-alone, of the locale and of its language in
	// every region (ar-SY's "كانون الثاني" beside ar's "يناير").
	months [12][]string
}

// Calendars returns the calendars people reading this language use, most used first, as
// CLDR's calendarPreferenceData gives them for the language's region (the tag's, else its
// likely one): Dari and Pashto readers (Afghanistan) "persian", "gregorian", ...; most others
// "gregorian" alone. Unknown readers: nil.
func Calendars(reader string) []string {
	if l := readerLocale(reader); l != nil {
		return slices.Clone(l.calendars)
	}
	return nil
}

// Months returns the names of the Gregorian months in the reader's language, January first,
// in lower case (see locale.months): "januar", "jan."; for Arabic also the Levant's "كانون
// الثاني" and the Maghreb's "جانفي". Unknown readers: none.
func Months(reader string) [12][]string {
	var out [12][]string
	if l := readerLocale(reader); l != nil {
		for i, names := range l.months {
			out[i] = slices.Clone(names)
		}
	}
	return out
}

// CountryNames returns the language names in the reader's language that are also the name of
// a country in it, as CLDR's languages and territories of the reader's locale give them
// (Somali "Jarmal" is German and Germany, Russian "сомали" Somali and Somalia): beside other
// words, such a name may say where, not which language.
func CountryNames(reader string) []string {
	if l := readerLocale(reader); l != nil {
		return slices.Clone(l.countryNames)
	}
	return nil
}

// Readers returns the locales whose language names, list patterns and number symbols the
// tables hold, in the order of the project's shipped languages.
func Readers() []string {
	return append([]string(nil), readers...)
}

// Tags returns the language tags the tables were generated to name, sorted: the shipped
// languages, every two-letter (ISO 639-1) code CLDR names in one of the readers, and a few
// three-letter codes. A tag in this list may still lack a name in some or all readers;
// [LanguageName] reports that.
func Tags() []string {
	return append([]string(nil), tags...)
}

// LanguageName returns the name of the language tag in the reader's language, as CLDR's
// localeDisplayNames/languages of the reader's locale gives it, in the case the reader's
// language uses in the middle of a sentence ("Deutsch", "German", "немецкий", "allemand").
// Use [Capitalized] for menus and headings.
//
// Dari ("fa-AF", and "prs", which CLDR aliases to it) is named as CLDR names fa_AF, never
// composed as Persian plus a country; "kmr" is named as CLDR names "ku" (CLDR's ku is
// Kurmanji). A region or script subtag is not dropped: "de-AT" has no name here.
//
// When the reader's CLDR locale has no name for the tag, or the reader or tag is not
// covered, LanguageName returns ("", false) and the caller decides what to show.
func LanguageName(reader, tag string) (string, bool) {
	l := readerLocale(reader)
	if l == nil {
		return "", false
	}
	tag = canonical(tag)
	if name, ok := l.languages[tag]; ok {
		return name, true
	}
	if alias, ok := languageAliases[tag]; ok {
		if name, ok := l.languages[alias]; ok {
			return name, true
		}
	}
	return "", false
}

// Context is where a name is shown, which decides its capitalisation (CLDR
// contextTransforms).
type Context int

const (
	// MiddleOfSentence leaves a name as CLDR gives it.
	MiddleOfSentence Context = iota
	// BeginningOfSentence always upper-cases the first letter.
	BeginningOfSentence
	// UIListOrMenu is an item of a UI list or menu, such as a language picker button
	// (CLDR "uiListOrMenu").
	UIListOrMenu
	// StandAlone is a name on its own, such as a heading (CLDR "stand-alone").
	StandAlone
)

// Title capitalises s, a language name in the reader's language, for the context:
// titlecase-firstword (first letter upper case) where CLDR's contextTransforms for language
// names of the reader's locale ask for it in that context, or always at the beginning of a
// sentence; otherwise s unchanged. In CLDR 48 only uk and ru ask for it in menus and
// stand-alone, and fr in menus; ro, pl and bg keep lower-case names even in menus.
func Title(reader string, ctx Context, s string) string {
	upper := false
	switch ctx {
	case BeginningOfSentence:
		upper = true
	case UIListOrMenu, StandAlone:
		if l := readerLocale(reader); l != nil {
			upper = l.menuTitle
			if ctx == StandAlone {
				upper = l.standAloneTitle
			}
		}
	}
	if !upper {
		return s
	}
	return titleFirstWord(reader, s)
}

// Capitalized returns [LanguageName] capitalised with [Title] for the context.
func Capitalized(reader, tag string, ctx Context) (string, bool) {
	name, ok := LanguageName(reader, tag)
	if !ok {
		return "", false
	}
	return Title(reader, ctx, name), true
}

// titleFirstWord upper-cases the first letter of s (title case, with the Turkish dotted
// İ for tr and az).
func titleFirstWord(reader string, s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		var t rune
		switch baseLanguage(canonical(reader)) {
		case "tr", "az":
			t = unicode.TurkishCase.ToTitle(r)
		default:
			t = unicode.ToTitle(r)
		}
		if t == r {
			return s
		}
		return s[:i] + string(t) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// Join joins items with the locale's CLDR listPattern-type-standard, which puts the
// language's "and" before the last item: en "a, b, and c", de "a, b und c",
// ar "a وb وc" (CLDR's Arabic repeats و before every further item).
// A lang that is not covered falls back to CLDR's root pattern ("a, b, c").
func Join(lang string, items []string) string {
	return join(dataLocale(lang).standard, items)
}

// JoinUnits joins items with the locale's CLDR listPattern-type-unit, the pattern for
// sequences of measurements ("3 km, 200 m"). It has no "and" in en ("a, b, c"), but CLDR's
// unit pattern does have a conjunction in several locales (de "a, b und c", ar "a، وb، وc",
// fr "a, b et c"), and ru and tr use a plain space ("a b c").
func JoinUnits(lang string, items []string) string {
	return join(dataLocale(lang).unit, items)
}

// ListSeparator returns the separator between inner items of the locale's unit list
// pattern (listPattern-type-unit, middle, without {0} and {1}): ", " in en and de,
// "،\u200f " in fa-AF (Arabic comma and a right-to-left mark), "، و" in ar, ", " in ps,
// "፣ " in ti, " " in ru and tr, as CLDR gives them. So it is not a comma without a
// conjunction in every locale; to list names, use [Join]. A lang that is not covered gets
// CLDR's root ", ".
func ListSeparator(lang string) string {
	return dataLocale(lang).unitSeparator
}

func join(p listPattern, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	case 2:
		return substitute(p.two, items[0], items[1])
	}
	n := len(items)
	s := substitute(p.end, items[n-2], items[n-1])
	for i := n - 3; i > 0; i-- {
		s = substitute(p.middle, items[i], s)
	}
	return substitute(p.start, items[0], s)
}

// substitute replaces {0} with a and {1} with b in one pass, so braces inside the items
// stay as they are.
func substitute(pattern, a, b string) string {
	var sb strings.Builder
	sb.Grow(len(pattern) + len(a) + len(b))
	for len(pattern) > 0 {
		switch {
		case strings.HasPrefix(pattern, "{0}"):
			sb.WriteString(a)
			pattern = pattern[3:]
		case strings.HasPrefix(pattern, "{1}"):
			sb.WriteString(b)
			pattern = pattern[3:]
		default:
			sb.WriteByte(pattern[0])
			pattern = pattern[1:]
		}
	}
	return sb.String()
}

// Decimal formats v with fractionDigits digits after the decimal separator (rounded; a
// negative fractionDigits means as many as needed, none for whole numbers), using the
// locale's CLDR decimal, group and minus symbols for the Latin number system, so the digits
// are 0-9 in every locale: Decimal("de", 1234.5, 1) is "1.234,5", Decimal("en", 1234.5, 1)
// "1,234.5", Decimal("ru", 1234.5, 1) "1\u00a0234,5".
//
// Grouping follows the locale's decimal pattern and CLDR minimumGroupingDigits: pl and bg
// write 1000 as "1000" but 10000 as "10\u00a0000". A value that rounds to zero has no minus
// sign. A lang that is not covered falls back to CLDR's root symbols ("1,234.5").
func Decimal(lang string, v float64, fractionDigits int) string {
	sym := dataLocale(lang).number
	switch {
	case math.IsNaN(v):
		return sym.nan
	case math.IsInf(v, 1):
		return sym.infinity
	case math.IsInf(v, -1):
		return sym.minus + sym.infinity
	}
	if fractionDigits < 0 {
		fractionDigits = -1
	}
	digits := strconv.FormatFloat(math.Abs(v), 'f', fractionDigits, 64)
	whole, frac, _ := strings.Cut(digits, ".")
	var sb strings.Builder
	if math.Signbit(v) && strings.Trim(whole+frac, "0") != "" {
		sb.WriteString(sym.minus)
	}
	writeGrouped(&sb, whole, sym)
	if frac != "" {
		sb.WriteString(sym.decimal)
		sb.WriteString(frac)
	}
	return sb.String()
}

// writeGrouped writes the integer digits with group separators.
func writeGrouped(sb *strings.Builder, digits string, sym numberSymbols) {
	n := len(digits)
	if sym.primaryGroup <= 0 || n < sym.primaryGroup+max(sym.minGrouping, 1) {
		sb.WriteString(digits)
		return
	}
	secondary := sym.secondaryGroup
	if secondary <= 0 {
		secondary = sym.primaryGroup
	}
	head := n - sym.primaryGroup
	first := head % secondary
	if first == 0 {
		first = secondary
	}
	sb.WriteString(digits[:first])
	for i := first; i < head; i += secondary {
		sb.WriteString(sym.group)
		sb.WriteString(digits[i : i+secondary])
	}
	sb.WriteString(sym.group)
	sb.WriteString(digits[head:])
}

// readerLocale returns the covered locale for a reader, or nil.
func readerLocale(reader string) *locale {
	tag := canonical(reader)
	if l, ok := locales[tag]; ok {
		return l
	}
	if alias, ok := languageAliases[tag]; ok {
		if l, ok := locales[alias]; ok {
			return l
		}
	}
	base := baseLanguage(tag)
	if alias, ok := languageAliases[base]; ok {
		base = baseLanguage(alias)
	}
	for _, r := range readers {
		if baseLanguage(r) == base {
			return locales[r]
		}
	}
	return nil
}

// dataLocale returns the covered locale for lang, or CLDR's root data.
func dataLocale(lang string) *locale {
	if l := readerLocale(lang); l != nil {
		return l
	}
	return rootLocale
}

// canonical writes a BCP 47 tag in its usual case: language lower case, script title case,
// region upper case, '-' between subtags.
func canonical(tag string) string {
	parts := strings.Split(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"), "-")
	for i, p := range parts {
		switch {
		case i == 0:
			parts[i] = strings.ToLower(p)
		case len(p) == 4 && isAlpha(p):
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		case len(p) == 2 && isAlpha(p), len(p) == 3 && isDigits(p):
			parts[i] = strings.ToUpper(p)
		default:
			parts[i] = strings.ToLower(p)
		}
	}
	return strings.Join(parts, "-")
}

// baseLanguage returns the language subtag of a canonical tag.
func baseLanguage(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	return base
}

func isAlpha(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
