package i18n

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/recognize"
)

// Says reports whether text is message id (one without data, such as a button label) as some
// shipped language renders it, ignoring case, surrounding space and bidi controls. A reply
// keyboard's button sends its label as text; the label may be in the language the person had
// when the keyboard was sent.
func (c *Catalog) Says(id, text string) bool {
	text = plain(text)
	return text != "" && c.labels(id)[strings.ToLower(text)]
}

// labels is message id as each shipped language renders it, plain and in lower case (Says),
// made on first use.
func (c *Catalog) labels(id string) map[string]bool {
	if v, ok := c.labelSets.Load(id); ok {
		return v.(map[string]bool)
	}
	out := map[string]bool{}
	for _, lang := range Shipped {
		if s := c.message(lang, id); s != "" {
			out[strings.ToLower(plain(s))] = true
		}
	}
	v, _ := c.labelSets.LoadOrStore(id, out)
	return v.(map[string]bool)
}

// SaysLabel reports whether text is message id (a button's label, without data) as some
// shipped language renders it, read as Normalize reads words: case, accents, punctuation and
// the emoji before a label do not matter ("Card for the office" is "📇 Card for the office").
func (c *Catalog) SaysLabel(id, text string) bool {
	typed := strings.Join(recognize.Normalize(text), " ")
	return typed != "" && c.normalLabels(id)[typed]
}

// normalLabels is message id as each shipped language renders it, read as Normalize reads
// words (SaysLabel), made on first use.
func (c *Catalog) normalLabels(id string) map[string]bool {
	key := "\x00" + id // beside labels' own entries in labelSets
	if v, ok := c.labelSets.Load(key); ok {
		return v.(map[string]bool)
	}
	out := map[string]bool{}
	for _, lang := range Shipped {
		if label := strings.Join(recognize.Normalize(c.message(lang, id)), " "); label != "" {
			out[label] = true
		}
	}
	v, _ := c.labelSets.LoadOrStore(key, out)
	return v.(map[string]bool)
}

// plain drops format characters (bidi isolates and marks) and surrounding space.
func plain(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s))
}

// SaysOneOf reports whether text, as a whole, is one of the comma-separated answers that
// message id holds in lang or in English ("yes, yeah, yep"): case, accents and punctuation
// around it do not matter.
func (c *Catalog) SaysOneOf(lang, id, text string) bool {
	typed := strings.Join(recognize.Normalize(text), " ")
	return typed != "" && (c.answers(lang, id).whole[typed] || c.answers(Reference, id).whole[typed] && !c.filler(lang, typed))
}

// filler says whether typed (normalised words joined by spaces) is a word that opens lang's
// answers without saying yes or no (answer.filler): it is not read as an English answer
// ("no" in Polish and Romanian is "well", "yeah"). English itself has none to keep apart.
func (c *Catalog) filler(lang, typed string) bool {
	return lang != Reference && c.answers(lang, "answer.filler").whole[typed]
}

// Filler says whether text, as a whole, is a word that opens lang's answers without saying
// anything yet ("well", "ну", "no" in Polish): answer.filler, in lang or in English.
func (c *Catalog) Filler(lang, text string) bool {
	typed := strings.Join(recognize.Normalize(text), " ")
	return typed != "" && (c.answers(lang, "answer.filler").whole[typed] || c.answers(Reference, "answer.filler").whole[typed])
}

// SaysInAny is SaysOneOf in any shipped language: a word a newcomer knows ("Hilfe", "imdat")
// may be typed in a conversation in another language.
func (c *Catalog) SaysInAny(id, text string) bool { return len(c.SayersOf(id, text)) > 0 }

// SayersOf are the shipped languages whose answers of message id hold text as a whole
// ("merhaba" is a greeting of answer.hello in Turkish), in the order of Shipped.
func (c *Catalog) SayersOf(id, text string) []string {
	typed := strings.Join(recognize.Normalize(text), " ")
	if typed == "" {
		return nil
	}
	var out []string
	for set := c.answersOf(id).sayers[typed]; set != 0; set &= set - 1 {
		out = append(out, Shipped[bits.TrailingZeros32(set)])
	}
	return out
}

// maxSaysWithin bounds the words of a message that SaysWithin reads: a short answer with a
// word or two around the phrase ("I don't know my postcode"), not a story.
const maxSaysWithin = 8

// SaysWithin is SaysOneOf for a short message that holds one of the answers among a few
// more words, in order and side by side: "I don't know my postcode" holds "I don't know".
func (c *Catalog) SaysWithin(lang, id, text string) bool {
	typed := recognize.Normalize(text)
	if len(typed) > maxSaysWithin {
		return false
	}
	return c.holds(lang, id, typed)
}

// Holds is SaysWithin for a message of any length: "actually, since last month, we live in
// Vellmar" holds "we live".
func (c *Catalog) Holds(lang, id, text string) bool {
	return c.holds(lang, id, recognize.Normalize(text))
}

// HoldsWords is Holds for a message already split as recognize.Normalize splits it.
func (c *Catalog) HoldsWords(lang, id string, words []string) bool { return c.holds(lang, id, words) }

// HoldsAt is Holds that says where: the first and one past the last word (as Normalize
// splits text) of the first answer of id in lang or English that text holds.
func (c *Catalog) HoldsAt(lang, id, text string) (from, to int, ok bool) {
	return c.holdsAt(lang, id, recognize.Normalize(text))
}

// holds says whether the words typed hold one of the answers of id in lang or in English,
// in order and side by side.
func (c *Catalog) holds(lang, id string, typed []string) bool {
	_, _, ok := c.holdsAt(lang, id, typed)
	return ok
}

// holdsAt is where the words typed first hold one of the answers of id in lang or in English
// (holds).
func (c *Catalog) holdsAt(lang, id string, typed []string) (from, to int, ok bool) {
	for i := range typed {
		longest := 0 // of the answers found where the first begins ("cu părinții mei", not "cu părinții")
		for _, l := range []string{lang, Reference} {
			for _, run := range c.answers(l, id).runs {
				if len(run) > longest && i+len(run) <= len(typed) && slices.Equal(typed[i:i+len(run)], run) &&
					(l == lang || len(run) > 1 || !c.filler(lang, run[0])) {
					longest = len(run)
				}
			}
		}
		if longest > 0 {
			return i, i + longest, true
		}
	}
	return 0, 0, false
}

// answerSet is the answers message id lists in a language, each normalised once: whole, as a
// message (SaysOneOf), and as its words (SaysWithin). Normalising them on every message cost
// more than the rest of a turn.
type answerSet struct {
	whole map[string]bool
	runs  [][]string
}

// idAnswers are message id's answers in every shipped language, made together (when the
// catalog loads, for the lists of answers): one lookup finds the languages that say a
// message (SayersOf), where one per language was a turn's most frequent lookup.
type idAnswers struct {
	byLang map[string]*answerSet
	// sayers maps an answer as a whole to the languages that list it: bit i is Shipped[i].
	sayers map[string]uint32
}

// answersOf is message id's idAnswers.
func (c *Catalog) answersOf(id string) *idAnswers {
	if v, ok := c.answerIDs.Load(id); ok {
		return v.(*idAnswers)
	}
	a := &idAnswers{byLang: map[string]*answerSet{}, sayers: map[string]uint32{}}
	for i, lang := range Shipped {
		set := c.answerSet(lang, id)
		a.byLang[lang] = set
		for typed := range set.whole {
			a.sayers[typed] |= 1 << i
		}
	}
	v, _ := c.answerIDs.LoadOrStore(id, a)
	return v.(*idAnswers)
}

// answers is the answerSet of message id in lang.
func (c *Catalog) answers(lang, id string) *answerSet {
	if set, ok := c.answersOf(id).byLang[lang]; ok {
		return set
	}
	return c.answerSet(lang, id) // not a shipped language: none of its messages are there
}

// answerSet makes the answerSet of message id in lang. Its texts are cut from one string and
// its runs from one slice of words: the lists of every language and id, kept for the life of
// the process, are tens of thousands of entries, and as objects of their own each one was
// several more for the garbage collector to trace on every collection.
func (c *Catalog) answerSet(lang, id string) *answerSet {
	var entries [][]string
	var b strings.Builder
	n := 0
	for _, entry := range strings.Split(c.message(lang, id), ",") {
		if words := recognize.Normalize(entry); len(words) > 0 {
			entries = append(entries, words)
			n += len(words)
			for _, w := range words {
				b.WriteString(w)
				b.WriteByte(' ')
			}
		}
	}
	all := b.String()
	a := &answerSet{whole: make(map[string]bool, len(entries)), runs: make([][]string, len(entries))}
	flat := make([]string, 0, n)
	at := 0
	for i, words := range entries {
		start, first := at, len(flat)
		for _, w := range words {
			flat = append(flat, all[at:at+len(w)])
			at += len(w) + 1
		}
		a.whole[all[start:at-1]] = true
		a.runs[i] = flat[first:len(flat):len(flat)]
	}
	return a
}

// HoldsStem says whether one of words (as recognize.Normalize splits a message) begins with
// one of the stems message id lists in lang or in English ("забер" holds "заберут",
// "take" "taken"): a verb or a noun in any of its forms, for lists read beside others. An
// answer of several words is a run of stems: as many words side by side, each beginning with
// its stem ("dont understand" holds "dont understand anything", "не понима" "не понимаю").
func (c *Catalog) HoldsStem(lang, id string, words []string) bool {
	_, _, ok := c.holdsStemAt(lang, id, words, 0)
	return ok
}

// minForeignStem is the fewest letters of an English stem that HoldsStemAt reads as the
// beginning of a word typed in another language: a shorter one is read as a whole word only
// ("pay" is English typed in a Persian chat, "paye" a Persian word in Latin letters).
const minForeignStem = 5

// HoldsStemAt is HoldsStem that says where: the first and one past the last of the words
// that the longest run of stems found begins (of runs as long, the first in lang's list,
// then English's: "pay money" over "pay"). In another language than English, an English stem
// shorter than minForeignStem matches a whole word.
func (c *Catalog) HoldsStemAt(lang, id string, words []string) (from, to int, ok bool) {
	return c.holdsStemAt(lang, id, words, minForeignStem)
}

// holdsStemAt is HoldsStemAt; an English stem of fewer than minForeign letters matches only
// a whole word in another language (0: as a beginning).
func (c *Catalog) holdsStemAt(lang, id string, words []string, minForeign int) (from, to int, ok bool) {
	for _, l := range []string{lang, Reference} {
		least := 0
		if l != lang {
			least = minForeign
		}
		for _, run := range c.answers(l, id).runs {
			if ok && len(run) <= to-from {
				continue
			}
			for i := 0; i+len(run) <= len(words); i++ {
				if stemsBegin(words[i:i+len(run)], run, least) {
					from, to, ok = i, i+len(run), true
					break
				}
			}
		}
	}
	return from, to, ok
}

// stemsBegin says whether each of words begins with the stem at its place in run; a stem
// of fewer than least letters must be the whole word.
func stemsBegin(words, run []string, least int) bool {
	for j, stem := range run {
		if !strings.HasPrefix(words[j], stem) || words[j] != stem && utf8.RuneCountInString(stem) < least {
			return false
		}
	}
	return true
}

// containsRun says whether words holds run, in order and side by side.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// minNearWord is the fewest letters of a one-word answer that NearWord reads with a slip:
// shorter words are too often other words one letter apart.
const minNearWord = 6

// NearWord is where among words (as recognize.Normalize splits a message) one stands that is a
// one-word answer of id in lang or English, of minNearWord letters or more, typed with a
// slip (a letter missing, added, replaced or two swapped: "jugndamt", "югенамт"), with an
// ending ("jugendamtul") or glued to a word before it in another script ("уjugendamt";
// Normalize cuts one glued to Arabic or Ethiopic letters off): the name of a thing typed as
// heard.
func (c *Catalog) NearWord(lang, id string, words []string) (at int, ok bool) {
	for i, w := range words {
		typed := []rune(w)
		if len(typed) < minNearWord-1 {
			continue
		}
		for _, l := range []string{lang, Reference} {
			for _, run := range c.answers(l, id).runs {
				if len(run) != 1 || utf8.RuneCountInString(run[0]) < minNearWord {
					continue
				}
				a := run[0]
				if w == a || recognize.OneApart(typed, []rune(a)) || strings.HasPrefix(w, a) || glued(w, a) {
					return i, true
				}
			}
		}
	}
	return 0, false
}

// glued says whether w ends in a, after letters of another script ("уjugendamt").
func glued(w, a string) bool {
	if !strings.HasSuffix(w, a) || len(w) == len(a) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(w[:len(w)-len(a)])
	first, _ := utf8.DecodeRuneInString(a)
	return unicode.IsLetter(before) && unicode.IsLetter(first) && scriptOfRune(before) != scriptOfRune(first)
}

// scriptOfRune tells the scripts of the shipped languages apart (Latin, Cyrillic, Arabic,
// Ethiopic; 0 for any other).
func scriptOfRune(r rune) int {
	for i, t := range []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Arabic, unicode.Ethiopic} {
		if unicode.Is(t, r) {
			return i + 1
		}
	}
	return 0
}

// Endings are the entries of message id in lang written as an ending ("-dan", "-den": Turkish
// "from"), as recognize.Normalize writes them, without the dash.
func (c *Catalog) Endings(lang, id string) []string {
	var out []string
	for _, entry := range strings.Split(c.message(lang, id), ",") {
		if entry = strings.TrimSpace(entry); strings.HasPrefix(entry, "-") {
			if words := recognize.Normalize(entry[1:]); len(words) == 1 {
				out = append(out, words[0])
			}
		}
	}
	return out
}
