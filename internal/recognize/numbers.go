package recognize

import (
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Numbers finds whole numbers from 0 to 99 written in words ("thirty five", "fünfunddreißig",
// "نوزده", "خمسة وثلاثين") and in digits, by number word lists written per language (the
// catalogs' age.number_words), leaving out those that the words around them make a time or
// a count rather than an age ("2 years ago", "seit 3 Monaten", "3 children": the catalogs'
// age.not_age).
type Numbers struct {
	lists  map[string]*numberList
	also   map[string][]string
	always []string
}

// numberList is one language's number words.
type numberList struct {
	words map[string]numberWord // one normalised word
	// skels are the Cyrillic words' skeletons (translit.go): "tridcat", "sorok", "dve" typed
	// in Latin letters are тридцать, сорок, две. A skeleton two words of other values share
	// names none.
	skels   map[string]numberWord
	phrases []numberPhrase // several words naming one number (quatre vingt = 80)
	notAge  []around       // contexts that make a number no age ("since #", "# years ago")
	isAge   []around       // contexts that say a number is the writer's age ("my age is #")
	aged    []around       // contexts that say a number is someone's age ("# years old", "عمره #")
	born    []around       // contexts that say a number is a year of birth ("born in #")
	soon    []around       // contexts that say a number is the age the writer turns next ("I'll be # in March")
	almost  []around       // contexts that say an age is nearly a number ("almost #", "почти #")
	// contextWords are the words of the contexts above (but gaps and stems): no slip of a
	// number word (see slipOf).
	contextWords map[string]bool
}

// numberWord is a number word's value; join marks a word that only joins the parts of a
// number (and, und, و); weak marks a word that is also an article or a common word (one,
// ein, un, یک, bir): it counts only next to another number word, or alone in a message.
type numberWord struct {
	value int
	join  bool
	weak  bool
}

type numberPhrase struct {
	words []string
	word  numberWord
}

// NewNumbers returns empty number word lists. also names the languages whose lists are read
// too, per language; always are read for every language.
func NewNumbers(also map[string][]string, always ...string) *Numbers {
	return &Numbers{lists: map[string]*numberList{}, also: also, always: always}
}

// Add reads a list of lang: entries "word=value" separated by commas, value a whole number
// from 0 to 99 or "+" for a joining word. A word starting with ~ is also an article or a
// common word. An entry of several words ("quatre vingt=80") names one number.
func (n *Numbers) Add(lang, list string) error {
	l := n.list(lang)
	for entry := range entries(list) {
		word, value, ok := strings.Cut(entry, "=")
		if !ok {
			return fmt.Errorf("recognize: %s: number word %q has no value", lang, entry)
		}
		w := numberWord{weak: strings.HasPrefix(strings.TrimSpace(word), "~")}
		switch value = strings.TrimSpace(value); value {
		case "+":
			w.join = true
		default:
			v, err := strconv.Atoi(value)
			if err != nil || v < 0 || v > 99 {
				return fmt.Errorf("recognize: %s: number word %q has no value from 0 to 99", lang, entry)
			}
			w.value = v
		}
		words := Normalize(strings.TrimPrefix(strings.TrimSpace(word), "~"))
		switch len(words) {
		case 0:
			return fmt.Errorf("recognize: %s: number word %q is empty", lang, entry)
		case 1:
			l.words[words[0]] = w
			for _, sk := range cyrillicSkeletons(lang, words[0]) {
				if had, ok := l.skels[sk]; ok && had != w {
					w := had
					w.value, w.join = -1, false // ambiguous
					l.skels[sk] = w
					continue
				}
				l.skels[sk] = w
			}
		default:
			l.phrases = append(l.phrases, numberPhrase{words: words, word: w})
		}
	}
	// Longer phrases first: "quatre vingt dix" before "quatre vingt".
	slices.SortStableFunc(l.phrases, func(a, b numberPhrase) int { return len(b.words) - len(a.words) })
	return nil
}

// AddNotAge reads lang's contexts that make a number no age: entries separated by commas,
// each a few words with # for the number ("# years ago", "seit #", "# children"). A word
// ending in * stands for every word it starts ("# jahr*" for Jahre, Jahren).
func (n *Numbers) AddNotAge(lang, list string) error {
	l := n.list(lang)
	return l.contexts(lang, "not-age", list, &l.notAge)
}

// AddIsAge reads lang's contexts that say a number is the writer's own age, as AddNotAge
// reads its contexts: "my age is #", "i am #", "عمري #". See Stated.
func (n *Numbers) AddIsAge(lang, list string) error {
	l := n.list(lang)
	return l.contexts(lang, "age", list, &l.isAge)
}

// AddAged reads lang's contexts that say a number is somebody's age, anyone's ("# years old",
// "she is #", "عمره #", "# salî"), as AddNotAge reads its contexts. See Aged.
func (n *Numbers) AddAged(lang, list string) error {
	l := n.list(lang)
	return l.contexts(lang, "aged", list, &l.aged)
}

// Aged returns the first number of text that a context of lang says is somebody's age and no
// not-age context makes a time or a count: "my daughter is 8 years old" is an age, however
// small, as "I need 2 rooms" is not.
func (n *Numbers) Aged(lang, text string) (int, bool) {
	return n.firstIn(lang, text, func(l *numberList) []around { return l.aged }, false)
}

// AddBorn reads lang's contexts that say a number is a year of birth, as AddNotAge reads
// its contexts: "born in #", "# doğumluyum", "مواليد #". See Born.
func (n *Numbers) AddBorn(lang, list string) error {
	l := n.list(lang)
	return l.contexts(lang, "born", list, &l.born)
}

// AddSoon reads lang's contexts that say a number is the age the writer turns at their next
// birthday ("I'll be # in March", "ich werde #", "# olacağım"), as AddNotAge reads its
// contexts: the age today is one less. See Find.
func (n *Numbers) AddSoon(lang, list string) error {
	l := n.list(lang)
	return l.contexts(lang, "soon", list, &l.soon)
}

// AddAlmost reads lang's contexts that say an age is nearly the number ("almost #", "fast #",
// "почти #"), as AddNotAge reads its contexts: the age is one less, or the number itself by
// the time anyone counts. See Almost.
func (n *Numbers) AddAlmost(lang, list string) error {
	l := n.list(lang)
	return l.contexts(lang, "almost", list, &l.almost)
}

// Almost returns the first number of text that an almost-context of lang (or of the languages
// read with it) surrounds, whatever not-age context surrounds it too (lists of times and
// counts hold "almost #" as no age of its own).
func (n *Numbers) Almost(lang, text string) (int, bool) {
	return n.firstIn(lang, text, func(l *numberList) []around { return l.almost }, true)
}

// contexts appends the contexts of list (comma-separated, see parseAround) to to, and their
// words to l.contextWords.
func (l *numberList) contexts(lang, what, list string, to *[]around) error {
	for entry := range entries(list) {
		a, err := parseAround(entry)
		if err != nil {
			return fmt.Errorf("recognize: %s: %s context %w", lang, what, err)
		}
		*to = append(*to, a)
		for _, p := range append(slices.Clone(a.before), a.after...) {
			if !p.gap && !p.prefix {
				l.contextWords[p.word] = true
			}
		}
	}
	return nil
}

// list is lang's list, made empty when it has none yet.
func (n *Numbers) list(lang string) *numberList {
	l := n.lists[lang]
	if l == nil {
		l = &numberList{words: map[string]numberWord{}, skels: map[string]numberWord{}, contextWords: map[string]bool{}}
		n.lists[lang] = l
	}
	return l
}

// entries are the comma-separated entries of a list, trimmed, but the empty ones.
func entries(list string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, entry := range strings.Split(list, ",") {
			if entry = strings.TrimSpace(entry); entry != "" && !yield(entry) {
				return
			}
		}
	}
}

// token is one word of a message, read as a number word, a joining word, digits or
// something else; start and end are the words it was read from.
type token struct {
	value      int
	number     bool // a number: digits or a number word
	digits     bool
	join       bool
	weak       bool
	start, end int
}

// Digits returns the digits text written in lang spells out one number word each, n of
// them in a row and no other number in it: a postcode dictated or typed as it is said
// ("drei vier eins zwei eins", "ثلاثة أربعة واحد ثلاثة واحد").
func (n *Numbers) Digits(lang, text string, count int) (string, bool) {
	_, _, toks := n.tokens(lang, text)
	var b strings.Builder
	last := -1 // the index of the last digit word's token
	for i, t := range toks {
		switch {
		case !t.number:
			continue
		case t.digits || t.value < 0 || t.value > 9 || (last >= 0 && i != last+1):
			return "", false // digits, a larger number, or a second run
		}
		b.WriteString(strconv.Itoa(t.value))
		last = i
	}
	return b.String(), b.Len() == count
}

// Find returns the numbers in text, in order: digit groups (0-9, Eastern Arabic and Persian
// digits) as they are, and number words of lang, of the languages its speakers mix in and of
// the always-read ones, with consecutive number words added up ("thirty five" = 35,
// "fünf und dreißig" = 35, "quatre vingt dix neuf" = 99). A number those languages' not-age
// contexts surround ("2 years ago", "since 2019", "3 children") is not among them: others
// counts those. An age the writer says they turn next ("I'll be 28 in March": AddSoon) is
// the age today, one less.
func (n *Numbers) Find(lang, text string) (ages []int, others int) {
	words, clause, spans := n.spans(lang, text)
	lists := n.languages(lang)
	for sp := range spans {
		switch {
		case sp.notAge:
			others++
		case sp.value > 0 && aroundOf(lists, words, clause, sp.start, sp.end, soonOf):
			ages = append(ages, sp.value-1)
		default:
			ages = append(ages, sp.value)
		}
	}
	return ages, others
}

func soonOf(l *numberList) []around { return l.soon }

// Stated returns the first number of text that an age context of lang (or of the languages
// read with it) surrounds and no not-age context does: an age said as the writer's own ("my
// age is 43", "ich bin 43 Jahre alt", "عمري ٤٣"), which may correct one given before, where
// a bare number would be a house number or a count.
func (n *Numbers) Stated(lang, text string) (int, bool) {
	if age, ok := n.firstIn(lang, text, soonOf, false); ok && age > 0 {
		return age - 1, true // "sorry, I'll be 43 next week"
	}
	return n.firstIn(lang, text, func(l *numberList) []around { return l.isAge }, false)
}

// Born returns the first number of text that a year-of-birth context of lang (or of the
// languages read with it) surrounds and no not-age context does ("born in 1990", "مواليد
// ١٩٩٠", "متولد ۱۳۷۵"), whatever its size and whatever not-age context surrounds it too:
// whether it is a year is the caller's to judge.
func (n *Numbers) Born(lang, text string) (int, bool) {
	// A year-of-birth context is the narrower: "1990 yılında doğdum" (I was born in the year
	// 1990) is one though "# yıl*" (# years) makes a number no age.
	return n.firstIn(lang, text, func(l *numberList) []around { return l.born }, true)
}

// firstIn returns the first number of text that one of the contexts of gives for lang's
// lists surrounds and, unless overNotAge, no not-age context does.
func (n *Numbers) firstIn(lang, text string, of func(*numberList) []around, overNotAge bool) (int, bool) {
	words, clause, spans := n.spans(lang, text)
	lists := n.languages(lang)
	for sp := range spans {
		if (overNotAge || !sp.notAge) && aroundOf(lists, words, clause, sp.start, sp.end, of) {
			return sp.value, true
		}
	}
	return 0, false
}

// numberSpan is one number of a message: its value, its words [start, end), and whether a not-age
// context surrounds it.
type numberSpan struct {
	value, start, end int
	notAge            bool
}

// spans are the numbers of text, in order (see Find), with its words and their clauses (see
// tokens).
func (n *Numbers) spans(lang, text string) (words []string, clause []int, spans iter.Seq[numberSpan]) {
	words, clause, toks := n.tokens(lang, text)
	return words, clause, func(yield func(numberSpan) bool) {
		lists := n.languages(lang)
		// A weak word counts alone only in a message of number words ("un"; not "2 hefte", two weeks).
		onlyNumbers := !slices.ContainsFunc(toks, func(t token) bool { return (!t.number && !t.join) || t.digits })
		var group []token
		stopped := false
		take := func(value, start, end int) {
			if !stopped && !yield(numberSpan{value: value, start: start, end: end, notAge: isNotAge(lists, words, clause, start, end)}) {
				stopped = true
			}
		}
		flush := func() {
			if len(group) == 0 {
				return
			}
			if len(group) > 1 || !group[0].weak || onlyNumbers {
				sum := 0
				for _, t := range group {
					sum += t.value
				}
				take(sum, group[0].start, group[len(group)-1].end)
			}
			group = group[:0]
		}
		for i, t := range toks {
			joined := i > 0 && toks[i-1].join
			switch {
			case t.join:
				continue // joins what is around it, when that combines
			case partialTens(toks, i):
				// "تمان و عشرين" (28, with a unit no list holds): the tens alone would be a
				// wrong age said as understood; none is read.
				flush()
			case !t.number:
				flush()
			case t.digits && len(group) > 0 && !slices.ContainsFunc(group, isDigits) && combines(group, t.value):
				// Tens in words, the unit in digits ("twenty 6", "двадцать 6", "bîst û 6").
				group = append(group, t)
			case t.digits && t.value > 0 && t.value < 10:
				// A unit in digits may be a number's first part, the tens in words after
				// "and" ("عمري 3 وعشرين", said unit first); alone it is itself.
				flush()
				group = append(group, t)
			case t.digits:
				flush()
				take(t.value, t.start, t.end)
			case len(group) > 0 && (!slices.ContainsFunc(group, isDigits) || joined && t.value >= 20) && combines(group, t.value):
				group = append(group, t)
			default:
				flush()
				group = append(group, t)
			}
		}
		flush()
	}
}

func isDigits(t token) bool { return t.digits }

// partialTens says whether toks[i] is a tens word (20 to 90) that a joining word links to a
// word before it that is no number: the unit of a number said unit first ("ثمانية و عشرين",
// "acht und zwanzig") in a spelling the lists do not hold.
func partialTens(toks []token, i int) bool {
	t := toks[i]
	return t.number && !t.digits && t.value >= 20 && t.value%10 == 0 &&
		i >= 2 && toks[i-1].join && !toks[i-2].number && !toks[i-2].join
}

// isNotAge says whether the words around words[start:end], a number, match a not-age (or a
// year-of-birth) context of one of lists, within the number's clause.
func isNotAge(lists []*numberList, words []string, clause []int, start, end int) bool {
	if aroundOf(lists, words, clause, start, end, func(l *numberList) []around { return l.notAge }) {
		return true
	}
	// A year of birth ("born in 1990", "مواليد 95", "85 г.р."), unless the words say it is
	// the writer's age too ("I'm 30 born in Syria": "I'm #" and "# born"). Of the two, a
	// context with words on both sides of the number is the nearer reading: "ich bin 95
	// geboren" is "bin # geboren" (born) more than "ich bin #".
	born := func(l *numberList) []around { return l.born }
	if !aroundOf(lists, words, clause, start, end, born) {
		return false
	}
	isAge := func(l *numberList) []around { return l.isAge }
	if !aroundOf(lists, words, clause, start, end, isAge) {
		return true
	}
	return aroundOf(lists, words, clause, start, end, enclosing(born)) &&
		!aroundOf(lists, words, clause, start, end, enclosing(isAge))
}

// enclosing is of's contexts that have words on both sides of the number.
func enclosing(of func(*numberList) []around) func(*numberList) []around {
	return func(l *numberList) []around {
		var both []around
		for _, a := range of(l) {
			if len(a.before) > 0 && len(a.after) > 0 {
				both = append(both, a)
			}
		}
		return both
	}
}

// aroundOf says whether the words around words[start:end], a number, match one of the
// contexts that of gives for each of lists, within the number's clause.
func aroundOf(lists []*numberList, words []string, clause []int, start, end int, of func(*numberList) []around) bool {
	if start <= 0 && end >= len(words) {
		return false // the number is the whole message ("34"): every context has a word beside the # (parseAround)
	}
	word := func(i int) (string, bool) {
		if i < 0 || i >= len(words) {
			return "", false
		}
		in := start // a word before the number is in its first word's clause, one after in its last's
		if i >= end {
			in = end - 1
		}
		return words[i], clause[i] == clause[in]
	}
	for _, l := range lists {
		for _, a := range of(l) {
			if a.at(word, start, end-1) {
				return true
			}
		}
	}
	return false
}

// combines reports whether a number word of value v continues the number of group: tens then
// units (thirty five), ten then units (dix sept, on bir), French sixty and eighty then ten to
// nineteen (soixante dix), or a unit then tens (fünfunddreißig, ثلاثة عشر, پنځه دېرش).
func combines(group []token, v int) bool {
	last := group[len(group)-1].value
	sum, hasUnit := 0, false
	for _, t := range group {
		sum += t.value
		hasUnit = hasUnit || t.value < 10
	}
	if sum+v > 99 || v == 0 || last == 0 {
		return false
	}
	switch {
	case !hasUnit && last >= 20 && last%10 == 0 && v < 10:
		return true
	case len(group) == 1 && (last == 60 || last == 80) && v >= 10 && v < 20:
		return true
	case !hasUnit && last == 10 && v < 10:
		return true
	case len(group) == 1 && last < 10 && v >= 10 && v%10 == 0:
		return true
	}
	return false
}

// tokens reads the words of text into tokens, and returns the words too, each with the
// clause it stands in (see isClauseEnd): digit groups are cut from letters around them ("34ساله"),
// number words are looked up in the lists of lang, the languages mixed in and the always-read
// ones, joined words are split into known number words (fünfunddreißig), and a leading
// Arabic-script "و" or a trailing Ethiopic "ን" (and) is read as a joining word.
func (n *Numbers) tokens(lang, text string) ([]string, []int, []token) {
	var words []string
	var clause []int
	for i, part := range strings.FieldsFunc(text, isClauseEnd) {
		for _, w := range Normalize(part) {
			for _, d := range splitDigits(w) {
				words = append(words, d)
				clause = append(clause, i)
			}
		}
	}
	lists := n.languages(lang)
	var out []token
	for i := 0; i < len(words); {
		t, used := n.phrase(lists, words[i:])
		toks := []token{t}
		if used == 0 {
			toks, used = n.word(lists, words[i]), 1
		}
		for _, t := range toks {
			t.start, t.end = i, i+used
			out = append(out, t)
		}
		i += used
	}
	return words, clause, slipsBesideNumbers(lists, words, clause, out)
}

// slipsBesideNumbers reads a word one letter away from a number word ("dwadzieśia osiem",
// "سبعه وعشربن", "czterdzieści szeć") as that number word, where it stands next to a number
// word of the same clause (or one "and" away from it), not a weak one: there a slip is far likelier than a
// word that happens to look like one. A word so read must be of minSlip letters (fewer in
// Arabic and Ethiopic script), and all the number words it is one letter from of one value;
// a leading Arabic-script "و" (and) may be joined to it.
func slipsBesideNumbers(lists []*numberList, words []string, clause []int, toks []token) []token {
	// Beside a number word that is not also a common word: "کار نه لرم" (Pashto, I have no
	// work) is no "four nine", though "کار" is one letter from Dari's "چار" and "نه" is nine.
	isWord := func(j int) bool { return j >= 0 && j < len(toks) && toks[j].number && !toks[j].digits && !toks[j].weak }
	var out []token
	for i, t := range toks {
		if t.number || t.join || t.end-t.start != 1 {
			out = append(out, t)
			continue
		}
		near := func(j int) bool { return isWord(j) && clause[toks[j].start] == clause[t.start] }
		joined := func(j, k int) bool { return j >= 0 && j < len(toks) && toks[j].join && near(k) }
		if !near(i-1) && !near(i+1) && !joined(i-1, i-2) && !joined(i+1, i+2) {
			out = append(out, t)
			continue
		}
		w := words[t.start]
		if nw, ok := slipOf(lists, w); ok {
			nt := tokenOf(nw)
			nt.start, nt.end = t.start, t.end
			out = append(out, nt)
			continue
		}
		if rest, ok := strings.CutPrefix(w, "و"); ok {
			if nw, ok := slipOf(lists, rest); ok {
				nt := tokenOf(nw)
				nt.start, nt.end = t.start, t.end
				out = append(out, token{join: true, start: t.start, end: t.end}, nt)
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// minSlip is the fewest letters of a word read as a slip of a number word; in Arabic and
// Ethiopic script, whose words are written with fewer letters, minSlip-1.
const minSlip = 4

// slipOf is the number word of lists one letter away from w (one letter changed, added,
// dropped, or two side by side swapped), when all such words have one value; not a weak word
// (also an article or a common word: "تنه", persons, is no slip of "نه", nine), and not for a
// word of the lists' contexts.
func slipOf(lists []*numberList, w string) (numberWord, bool) {
	rs := []rune(w)
	least := minSlip
	if len(rs) > 0 && (unicode.Is(unicode.Arabic, rs[0]) || unicode.Is(unicode.Ethiopic, rs[0])) {
		least--
	}
	if len(rs) < least {
		return numberWord{}, false
	}
	var found numberWord
	ok := false
	for _, l := range lists {
		if l.contextWords[w] {
			return numberWord{}, false // a word of the list's contexts: "سنة" (year) is no slip of "ستة" (six)
		}
	}
	for _, l := range lists {
		for k, nw := range l.words {
			if nw.join || nw.weak || !OneApart(rs, []rune(k)) { // a weak word is a common word: its slips are others'
				continue
			}
			if ok && found.value != nw.value {
				return numberWord{}, false
			}
			found, ok = nw, true
		}
	}
	return found, ok
}

// isClauseEnd: punctuation that ends a clause; a not-age context does not reach over it
// ("I am 34, kids 3 and 5").
func isClauseEnd(r rune) bool {
	return strings.ContainsRune(",;:!?\n،؛؟።፣፤፧", r)
}

func (n *Numbers) languages(lang string) []*numberList {
	var out []*numberList
	seen := map[string]bool{}
	for _, l := range append(append([]string{lang}, n.also[lang]...), n.always...) {
		if !seen[l] && n.lists[l] != nil {
			seen[l] = true
			out = append(out, n.lists[l])
		}
	}
	return out
}

// phrase finds a several-word number at the start of words and says how many words it took.
func (n *Numbers) phrase(lists []*numberList, words []string) (token, int) {
	for _, l := range lists {
		for _, p := range l.phrases {
			if len(p.words) <= len(words) && slices.Equal(p.words, words[:len(p.words)]) {
				return tokenOf(p.word), len(p.words)
			}
		}
	}
	return token{}, 0
}

func (n *Numbers) word(lists []*numberList, w string) []token {
	if v, err := strconv.Atoi(w); err == nil {
		return []token{{value: v, number: true, digits: true}}
	}
	if t, ok := lookup(lists, w); ok {
		return []token{t}
	}
	if rest, ok := cutClitic(w); ok {
		if t, ok := lookup(lists, rest); ok && !t.join {
			return []token{{join: true}, t}
		}
	}
	if parts := split(lists, w); parts != nil {
		return parts
	}
	if sk := latinSkeleton(w); sk != "" {
		// A Cyrillic number word typed in Latin letters, as a whole word only: the parts of
		// a joined word are too short to be read by their sound.
		for _, l := range lists {
			if nw, ok := l.skels[sk]; ok && nw.value >= 0 {
				return []token{tokenOf(nw)}
			}
		}
	}
	return []token{{}}
}

func lookup(lists []*numberList, w string) (token, bool) {
	for _, l := range lists {
		if nw, ok := l.words[w]; ok {
			return tokenOf(nw), true
		}
	}
	return token{}, false
}

func tokenOf(w numberWord) token {
	if w.join {
		return token{join: true}
	}
	return token{value: w.value, number: true, weak: w.weak}
}

// cutClitic takes "and" off a word: a leading "و" in Arabic script, a trailing "ን" in
// Ethiopic.
func cutClitic(w string) (string, bool) {
	if rest, ok := strings.CutPrefix(w, "و"); ok && rest != "" {
		return rest, true
	}
	if rest, ok := strings.CutSuffix(w, "ን"); ok && rest != "" {
		return rest, true
	}
	return "", false
}

// split reads a word joined from number words and joining words (fünfunddreißig,
// einundzwanzig, یوویشت), or returns nil. Every part must be a known word of at least two
// letters, or a one-letter joining word between two of them, and at least one a number. A
// word longer than maxJoined letters is none. The split backtracks from the longest known
// part to shorter ones, and remembers where the rest cannot be split, so that a word made
// to defeat it ("vierzehnvierzehn...x") costs at most its length squared.
func split(lists []*numberList, w string) []token {
	if n := utf8.RuneCountInString(w); n < 4 || n > maxJoined {
		return nil
	}
	dead := make([]bool, len(w)+1) // offsets from which the rest cannot be split
	var walk func(at int) []token
	walk = func(at int) []token {
		rest := w[at:]
		if rest == "" {
			return []token{}
		}
		if dead[at] {
			return nil
		}
		// Longest known prefix first, backtracking to shorter ones.
		for end := len(rest); end > 0; end-- {
			prefix := rest[:end]
			if !utf8.ValidString(prefix) {
				continue
			}
			t, ok := lookup(lists, prefix)
			// One letter is a part only as a joining word inside the word (سی‌وپنج).
			if !ok || (utf8.RuneCountInString(prefix) < 2 && (!t.join || at == 0 || end == len(rest))) {
				continue
			}
			if tail := walk(at + end); tail != nil {
				return append([]token{t}, tail...)
			}
		}
		dead[at] = true
		return nil
	}
	parts := walk(0)
	if len(parts) < 2 || !slices.ContainsFunc(parts, func(t token) bool { return t.number }) {
		return nil
	}
	return parts
}

// maxJoined is the longest word split tries to read as joined number words: the longest of
// 0 to 99 in the shipped languages is about twenty letters (siebenundneunzig, quatre-vingt-dix-sept
// joined), so twice that leaves room for typing.
const maxJoined = 40

// splitDigits cuts a word into its digit groups and the letters between them ("34ساله" is
// 34 and ساله). Digits written right after one Latin or Cyrillic letter stay with it: "B1" (a
// German course level, "В1" typed in Cyrillic), "N2" or "A12" are names, not numbers; so do
// one or two digits after several such letters ("Fe3"); more digits, or digits after letters
// of other scripts, are cut off, as words are often typed joined to a number ("im31", "мне31",
// "عمري30", "مواليد ال1995": the article joined to a year). One digit right before Latin
// letters stays with them too: Arabic typed in Latin letters writes sounds with digits
// ("3arabi", Arabic; "3andi 34 sana", I am 34; "7abibi"), and "3arabi" is no age of 3.
func splitDigits(w string) []string {
	var out []string
	start, run := 0, 0 // run: digits just read
	letters := 0       // Latin, Cyrillic or Greek letters just read
	var prev rune
	for i, r := range w {
		d, prevDigit := unicode.IsDigit(r), run > 0
		letterOfWord := run == 1 && r < 0x80 && unicode.IsLetter(r)
		afterWord := d && unicode.IsLetter(prev) && (!unicode.In(prev, unicode.Latin, unicode.Cyrillic, unicode.Greek) ||
			letters > 1 && digitsFrom(w[i:]) > 1)
		if i > start && (!d && prevDigit && !letterOfWord || afterWord) { // digits then letters, or such letters then digits: cut
			out = append(out, w[start:i])
			start = i
		}
		prev = r
		if d {
			run++
		} else {
			run = 0
		}
		if unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek) {
			letters++
		} else {
			letters = 0
		}
	}
	return append(out, w[start:])
}

// digitsFrom is the number of digits w begins with.
func digitsFrom(w string) int {
	n := 0
	for _, r := range w {
		if !unicode.IsDigit(r) {
			break
		}
		n++
	}
	return n
}
