package i18n

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/cldr"
	"github.com/kassel/wegweiser/internal/recognize"
)

// loadNumbers reads every catalog's number words (age.number_words), so that an age typed
// in words is understood, the words that make a number a time or a count instead
// (age.not_age), those that say it is the writer's own age (age.is_age), or anyone's
// (age.aged), those that say it is a year of birth (age.born), and those that say it is the age the writer turns next
// (age.soon).
func (c *Catalog) loadNumbers() error {
	c.numbers = recognize.NewNumbers(keywordsAlso, keywordsAlways...)
	for _, tag := range Shipped {
		list := c.message(tag, "age.number_words")
		if list == "" {
			return fmt.Errorf("i18n: %s has no age.number_words", tag)
		}
		if err := c.numbers.Add(tag, list); err != nil {
			return fmt.Errorf("i18n: %w", err)
		}
		contexts := c.message(tag, "age.not_age")
		if contexts == "" {
			return fmt.Errorf("i18n: %s has no age.not_age", tag)
		}
		if err := c.numbers.AddNotAge(tag, contexts); err != nil {
			return fmt.Errorf("i18n: %w", err)
		}
		stated := c.message(tag, "age.is_age")
		if stated == "" {
			return fmt.Errorf("i18n: %s has no age.is_age", tag)
		}
		if err := c.numbers.AddIsAge(tag, stated); err != nil {
			return fmt.Errorf("i18n: %w", err)
		}
		aged := c.message(tag, "age.aged")
		if aged == "" {
			return fmt.Errorf("i18n: %s has no age.aged", tag)
		}
		if err := c.numbers.AddAged(tag, aged); err != nil {
			return fmt.Errorf("i18n: %w", err)
		}
		born := c.message(tag, "age.born")
		if born == "" {
			return fmt.Errorf("i18n: %s has no age.born", tag)
		}
		if err := c.numbers.AddBorn(tag, born); err != nil {
			return fmt.Errorf("i18n: %w", err)
		}
		if err := c.numbers.AddAlmost(tag, c.message(tag, "age.almost")); err != nil {
			return fmt.Errorf("i18n: %w", err)
		}
		soon := c.message(tag, "age.soon")
		if soon == "" {
			return fmt.Errorf("i18n: %s has no age.soon", tag)
		}
		if err := c.numbers.AddSoon(tag, soon); err != nil {
			return fmt.Errorf("i18n: %w", err)
		}
	}
	return nil
}

// Numbers returns the whole numbers in text written in lang that may be an age, in order:
// digits in any of the scripts people type them in, and number words of lang (and of the
// languages its speakers mix in, and English and German), "thirty five" read as 35; not
// those that the words around them make a time or a count ("2 years ago", "3 children"),
// which others counts.
func (c *Catalog) Numbers(lang, text string) (ages []int, others int) {
	return c.numbers.Find(lang, text)
}

// SpokenDigits returns the n digits text written in lang spells out as number words, one a
// digit and nothing else a number ("drei vier eins zwei eins" is 34121).
func (c *Catalog) SpokenDigits(lang, text string, n int) (string, bool) {
	return c.numbers.Digits(lang, text, n)
}

// StatedAge returns the first number of text written in lang that the words around it say is
// the writer's own age ("my age is 43", "ich bin 43", "عمري ٤٣": the catalogs' age.is_age),
// and no words make a time or a count.
func (c *Catalog) StatedAge(lang, text string) (int, bool) {
	return c.numbers.Stated(lang, text)
}

// Month returns the month (1 to 12) that name, as typed, names in lang, in English or in
// German, as CLDR writes the months (wide or abbreviated: "5 Januar", "5 jan.", "20 تشرين
// الثاني", "5 Ocak"); false when it names none, or two different ones.
func (c *Catalog) Month(lang, name string) (int, bool) {
	typed := strings.Join(recognize.Normalize(name), " ")
	if typed == "" {
		return 0, false
	}
	found := 0
	for _, l := range []string{lang, Reference, "de"} {
		if m := c.months(l)[typed]; m != 0 {
			if found != 0 && found != m {
				return 0, false
			}
			found = m
		}
	}
	return found, found != 0
}

// months maps the normalised names of the months in lang (cldr.Months) to their number; a
// name two months share (none in CLDR's data, but abbreviations may) is left out.
func (c *Catalog) months(lang string) map[string]int {
	if v, ok := c.monthNames.Load(lang); ok {
		return v.(map[string]int)
	}
	names := map[string]int{}
	for i, list := range cldr.Months(lang) {
		for _, n := range list {
			key := strings.Join(recognize.Normalize(n), " ")
			if m, ok := names[key]; ok && m != i+1 {
				names[key] = -1
				continue
			}
			names[key] = i + 1
		}
	}
	for k, m := range names {
		if m < 0 {
			delete(names, k)
		}
	}
	v, _ := c.monthNames.LoadOrStore(lang, names)
	return v.(map[string]int)
}

// AlmostAge returns the first number of text written in lang that the words around it say
// an age nearly is ("almost 18", "fast 18", "почти 18": the catalogs' age.almost).
func (c *Catalog) AlmostAge(lang, text string) (int, bool) {
	return c.numbers.Almost(lang, text)
}

// AgedNumber returns the first number of text written in lang that the words around it say
// is somebody's age ("my daughter is 8 years old", "keça min 8 salî ye": the catalogs'
// age.aged), and no words make a time or a count.
func (c *Catalog) AgedNumber(lang, text string) (int, bool) {
	return c.numbers.Aged(lang, text)
}

// BornIn returns the number text written in lang says is a year of birth ("born in 1990",
// "مواليد ١٩٩٠", "متولد ۱۳۷۵": the catalogs' age.born), whatever its calendar.
func (c *Catalog) BornIn(lang, text string) (int, bool) {
	return c.numbers.Born(lang, text)
}

// Calendars returns the calendars lang's readers count years in, most used first (CLDR's
// preferences for their region: Dari and Pashto readers the Persian one, then the
// Gregorian).
func (c *Catalog) Calendars(lang string) []string {
	return cldr.Calendars(lang)
}

// nameLanguages names, by the normalised words of a language name, the shipped language it
// names: every shipped language's own name (each part of "دری / فارسی"), and its name in
// every shipped language from CLDR (Arabic, арабська, Arabisch, عربی, ...), Persian and Dari
// naming the Dari/Farsi catalog, and the names people type that CLDR does not give, which
// each catalog lists for its own language (language.also_named: "farsi", "arabi", "russki").
// A name that two languages share is left out.
func (c *Catalog) loadLanguageNames() {
	for _, tag := range Shipped {
		if words := recognize.Normalize(c.message(tag, "button.language")); len(words) == 1 {
			c.languageNouns = append(c.languageNouns, words[0])
		}
	}
	c.byName = map[string]string{}
	c.countryNames = map[string]bool{}
	for _, reader := range Shipped {
		for _, n := range cldr.CountryNames(reader) {
			c.countryNames[strings.Join(recognize.Normalize(n), " ")] = true
		}
	}
	shared := map[string]bool{}
	add := func(name, tag string) {
		key := strings.Join(recognize.Normalize(name), " ")
		if len([]rune(key)) < 3 || shared[key] {
			return
		}
		if t, ok := c.byName[key]; ok && t != tag {
			delete(c.byName, key)
			shared[key] = true
			return
		}
		c.byName[key] = tag
	}
	aliases := map[string][]string{"fa-AF": {"fa", "prs"}, "ku": {"kmr"}}
	for _, tag := range Shipped {
		for _, name := range strings.Split(c.message(tag, "language.also_named"), ",") {
			if name = strings.TrimSpace(name); name != "" {
				add(name, tag)
			}
		}
	}
	for _, tag := range Shipped {
		add(c.names[tag], tag)
		for _, part := range strings.Split(c.names[tag], "/") {
			add(part, tag)
		}
		for _, reader := range Shipped {
			add(c.LanguageName(reader, tag), tag)
			for _, alias := range aliases[tag] {
				if n, ok := cldr.LanguageName(reader, alias); ok {
					add(n, tag)
				}
			}
		}
	}
}

// Named returns the shipped language a message names when it is nothing but a language's
// name: its own name ("Українська", "دری"), or its name in one of the shipped languages
// ("arabic", "Arabisch", "فارسی"). Case, accents and the ways Arabic-script letters are
// typed do not matter.
func (c *Catalog) Named(text string) (string, bool) {
	tag, ok := c.byName[strings.Join(recognize.Normalize(text), " ")]
	return tag, ok
}

// maxNamedAmong bounds the words of a short message that names a language among others.
const maxNamedAmong = 3

// NamedAmong returns the shipped language a short message written in lang names among a word
// or two more ("arabic please", "farsi lotfan", "Deutsch bitte", "на русском", "по-русски"):
// one language's name, of one or two words, in at most maxNamedAmong words, not said not to
// be it ("not Arabic", "nicht Deutsch": the not-contexts of lang, English and German; "no
// Arabic", "Arapça yok": any language's answer.refuse beside it). A name that is a
// country's too (Tigrinya "ጀርመን", Somali "Jarmal") names the language only with nothing but
// the word for a language beside it, or a preposition written as one with it ("ብጀርመን"):
// "ኣብ ጀርመን" is "in Germany". Whether
// the message means the language or something else ("learn German") is for the caller to
// judge.
func (c *Catalog) NamedAmong(lang, text string) (string, bool) {
	tag, _, ok := c.namedAmong(lang, text)
	return tag, ok
}

// OnlyNamesLanguage says whether a short message written in lang names a language (as
// NamedAmong) with nothing beside it but short words and the word for a language ("на
// русском языке", "українською мовою", "in English language"): a request for the language,
// though a keyword list reads that word as the need to learn German.
func (c *Catalog) OnlyNamesLanguage(lang, text string) bool {
	_, plain, ok := c.namedAmong(lang, text)
	return ok && plain
}

// namedAmong is NamedAmong, and whether the words beside the name are all plain (short, or
// the word for a language).
func (c *Catalog) namedAmong(lang, text string) (found string, plain, ok bool) {
	words := recognize.Normalize(text)
	if len(words) == 0 || len(words) > maxNamedAmong+maxAsking {
		return "", false, false
	}
	asking := c.asking(words)
	if len(words)-askingWords(asking) > maxNamedAmong {
		return "", false, false
	}
	plain = true
	for n := 1; n <= 2; n++ {
		for i := 0; i+n <= len(words); i++ {
			tag, named := c.byName[strings.Join(words[i:i+n], " ")]
			inflected := false
			if !named && n == 1 {
				tag, named = c.inflected(words[i])
				inflected = named
			}
			if !named && n == 1 && i > 0 && asking[i-1] && utf8.RuneCountInString(words[i-1]) <= 2 {
				// After a short word that asks for a language, Polish's adverb of a name:
				// "po polsku", "po niemiecku" (polski, niemiecki).
				tag, named = c.adverb(words[i])
			}
			if !named {
				continue
			}
			rest := slices.Concat(words[:i], words[i+n:])
			besidePlain := true
			for j, w := range words {
				if (j < i || j >= i+n) && !asking[j] && utf8.RuneCountInString(w) > maxBeside && !c.languageNoun(w) {
					besidePlain = false
				}
			}
			switch {
			case !inflected && c.countryNames[strings.Join(words[i:i+n], " ")] && !slices.ContainsFunc(rest, c.namesALanguage):
				// The country, in all likelihood: "ኣብ ጀርመን", "waxaan joogaa Jarmal".
			case inflected && recognize.IsCyrillic(words[i]) && !besidePlain:
				// Inflected in Cyrillic, the name is also an adjective: "польская фирма", "из
				// арабской страны" say no language. Only with short words or the word for a
				// language beside it ("на русском", "по-русски", "на русском языке") is it one.
			case c.recognizer.Negated(lang, text, i, i+n-1) || c.refused(rest):
				return "", false, false
			case found != "" && found != tag:
				return "", false, false // two languages named
			default:
				found, plain = tag, plain && besidePlain
			}
		}
	}
	return found, found != "" && plain, found != ""
}

// maxAsking bounds the words of a short message naming a language that ask for it (see
// asking), beside the maxNamedAmong others.
const maxAsking = 5

// asking marks the words of a message that ask for a language beside its name: one of any
// shipped language's language.ask ("can you speak", "bitte", "пожалуйста", "konuşur musun";
// people mix languages in a word or two).
func (c *Catalog) asking(words []string) []bool {
	marks := make([]bool, len(words))
	for _, lang := range Shipped {
		for _, run := range c.answers(lang, "language.ask").runs {
			for i := 0; i+len(run) <= len(words); i++ {
				if slices.Equal(words[i:i+len(run)], run) {
					for j := i; j < i+len(run); j++ {
						marks[j] = true
					}
				}
			}
		}
	}
	return marks
}

// askingWords counts the words asking marked.
func askingWords(marks []bool) int {
	n := 0
	for _, m := range marks {
		if m {
			n++
		}
	}
	return n
}

// adverb returns the language whose Latin name of five letters or more ending in "i" w is,
// but for an "u" in its place: the adverb Polish makes of a language's name ("polsku" of
// "polski"); none when two languages' names give it. "in Polska" (Poland) is none.
func (c *Catalog) adverb(w string) (string, bool) {
	r := []rune(w)
	if len(r) < 5 || !unicode.Is(unicode.Latin, r[0]) || r[len(r)-1] != 'u' {
		return "", false
	}
	stem := string(r[:len(r)-1])
	found := ""
	for name, tag := range c.byName {
		if strings.HasSuffix(name, "i") && name[:len(name)-1] == stem {
			if found != "" && found != tag {
				return "", false
			}
			found = tag
		}
	}
	return found, found != ""
}

// namesALanguage says whether a word beside a name that is a country's too makes it the
// language's: the word for a language, also after a preposition written as one with it
// ("ብቋንቋ ጀርመን"), or a Latin word of two letters at most (Somali "af Jarmal", "the mouth
// Jarmal": the German language).
func (c *Catalog) namesALanguage(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	switch {
	case c.languageNoun(w):
		return true
	case unicode.Is(unicode.Latin, r):
		return utf8.RuneCountInString(w) <= 2
	case unicode.In(r, unicode.Arabic, unicode.Ethiopic) && len(w) > size:
		return c.languageNoun(w[size:])
	}
	return false
}

// NamesCountry says whether one of text's words, or the whole of it, is a language's name
// that a shipped language gives a country too (cldr.CountryNames: "ጀርመን", "Jarmal").
func (c *Catalog) NamesCountry(text string) bool {
	words := recognize.Normalize(text)
	if c.countryNames[strings.Join(words, " ")] {
		return true
	}
	return slices.ContainsFunc(words, func(w string) bool { return c.countryNames[w] })
}

// languageNoun says whether w is the word for a language in a shipped language (the language
// button's label: "язык", "мова", "Sprache", "ziman"), also with an ending ("языке", "мовою").
func (c *Catalog) languageNoun(w string) bool {
	word := []rune(w)
	for _, noun := range c.languageNouns {
		n := []rune(noun)
		// The noun but for its last letter, and at most three letters more.
		if p := sharedStart(word, n); p >= 3 && p >= len(n)-1 && len(word)-p <= 3 {
			return true
		}
	}
	return false
}

// refusedBefore is how many words before what a message names a refusal may stand: "I don't
// live in Kassel".
const refusedBefore = 3

// RefusedAt reports whether the words first to last of text written in lang (as
// recognize.Normalize splits it) are refused: one of the answer.refuse of lang, English or
// German (which newcomers of every language mix in) ends in the refusedBefore words before
// them ("nicht in Kassel", "I don't live in Kassel", "لا أسكن في كاسل") or starts right after
// them ("Kassel değil", "Kassel no"), within the name's clause (recognize.WordClauses). A
// refusal elsewhere is about something else: "I live in Kassel but I don't know my
// postcode", "weiß die PLZ nicht, wohne in Baunatal". Not another language's: Arabic's "ما" (not) is
// Dari's "we" ("ما در کاسل زندگی میکنیم").
func (c *Catalog) RefusedAt(lang, text string, first, last int) bool {
	return c.RefusedSince(lang, text, 0, first, last)
}

// RefusedSince is RefusedAt for a name after another one, whose words end before from (0:
// none): the words before from are left out, and a refusal right after the other name is
// that name's ("Kassel'de değilim, Baunatal'dayım": not in Kassel, in Baunatal).
func (c *Catalog) RefusedSince(lang, text string, from, first, last int) bool {
	words := recognize.Normalize(text)
	if first < 0 || last >= len(words) || first > last {
		return false
	}
	start := min(first, max(0, from, first-refusedBefore))
	end := len(words)
	if clauses := recognize.WordClauses(text); clauses != nil {
		// Only the name's own clause: "weiß die PLZ nicht, wohne in Baunatal" does not refuse
		// Baunatal, nor "ich wohne in Kassel, nicht in Baunatal" Kassel.
		for start < first && clauses[start] != clauses[first] {
			start++
		}
		for end = last + 1; end < len(words) && clauses[end] == clauses[last]; end++ {
		}
	}
	before, after := words[start:first], words[last+1:end]
	return c.refusing(append([]string{lang}, keywordsAlways...), func(entry []string) bool {
		for i := 0; i+len(entry) <= len(before); i++ {
			if slices.Equal(before[i:i+len(entry)], entry) && (from == 0 || start+i != from) {
				return true
			}
		}
		return len(after) >= len(entry) && slices.Equal(after[:len(entry)], entry)
	})
}

// refused says whether the words beside a language's name refuse it: one of any language's
// answer.refuse ("no Arabic", "kein Arabisch", "Arapça yok", "pas en arabe"; people mix
// languages in a word or two).
func (c *Catalog) refused(rest []string) bool {
	return c.refusing(Shipped, func(entry []string) bool { return containsRun(rest, entry) })
}

// refusing says whether one of the entries of langs' answer.refuse, each as its words, is
// found.
func (c *Catalog) refusing(langs []string, found func(entry []string) bool) bool {
	for _, lang := range langs {
		if slices.ContainsFunc(c.answers(lang, "answer.refuse").runs, found) {
			return true
		}
	}
	return false
}

// Inflected names. A language is often named in a form CLDR's names do not give: in Russian,
// Ukrainian and Bulgarian with a case ending or as an adverb ("на русском", "українською",
// "по-русски"), in Arabic, Dari and Pashto as an adjective without its ending or with a
// preposition written as one with it ("العربي", "بالعربية"), in Tigrinya likewise ("በትግርኛ").
// Other scripts are read as written: a Latin word that begins like a name is too often
// something else ("Germany", "Romania", Turkish "polis").

// maxBeside is the longest word beside a name inflected in Cyrillic: a preposition or a
// particle ("на", "по").
const maxBeside = 3

// minInflected is the shortest beginning a Cyrillic word must share with a language's name to
// be read as the name inflected: "русск" of "русский".
const minInflected = 5

// inflected returns the language whose one-word name w is, inflected (see above): in
// Cyrillic, w and the name differ in their last letters only (at most the name's last two,
// at most three of w's) and share minInflected letters at least, and a word that holds a
// whole name and more is no name ("русскими" is, "Россия" is not); in Arabic script and
// Ethiopic, w is a name after a one-letter preposition written before it (ب، ل، و، ف; በ، ብ،
// ን), or after ب without its feminine ending ("بالعربي" for "بالعربية"; alone, "العربي" is
// also the Arab, and a Persian name without its ی is the people or the country: "عرب",
// "المان", and "در" of "دری" is "in").
func (c *Catalog) inflected(w string) (string, bool) {
	r, size := utf8.DecodeRuneInString(w)
	found := ""
	take := func(tag string) bool {
		if found != "" && found != tag {
			return false
		}
		found = tag
		return true
	}
	switch {
	case unicode.Is(unicode.Cyrillic, r):
		for name, tag := range c.byName {
			if n, _ := utf8.DecodeRuneInString(name); unicode.Is(unicode.Cyrillic, n) && inflectionOf([]rune(w), []rune(name)) && !take(tag) {
				return "", false // two languages' names alike
			}
		}
	case unicode.Is(unicode.Arabic, r), unicode.Is(unicode.Ethiopic, r):
		bare := w[size:]
		if !strings.ContainsRune("بلوفበብን", r) || utf8.RuneCountInString(bare) < 3 {
			return "", false
		}
		if tag, ok := c.byName[bare]; ok {
			take(tag)
		}
		// Without its ة (Normalize writes ه) the name is also the people ("الروسي", my
		// Russian neighbour): it names the language only after ب ("بالروسي", in Russian).
		if tag, ok := c.byName[bare+"ه"]; ok && r == 'ب' && !take(tag) {
			return "", false
		}
	}
	return found, found != ""
}

// inflectionOf says whether w is name with another ending (see inflected).
func inflectionOf(w, name []rune) bool {
	p := sharedStart(w, name)
	return p >= minInflected && p >= len(name)-2 && p < len(name) && len(w)-p <= 3
}

// sharedStart is how many letters a and b begin with alike.
func sharedStart(a, b []rune) int {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	return p
}
