package recognize

import (
	"slices"
	"strings"
	"unicode"
)

// Bulgarian, Russian and Ukrainian speakers often type in Latin letters, on a phone without a
// Cyrillic keyboard or out of habit: "trqbva mi kvartira", "u4ili6te", "dopomoha z zhytlom".
// There is no one spelling: digits and letters stand for the sounds Latin lacks (4 = ч,
// 6 = ш, q = я, w = в), and the same sound is written several ways (ж: zh, j; я: ya, ia, q).
// So a Cyrillic keyword is also compared, as a skeleton, with the words of a message typed in
// Latin letters: both are spelled out in Latin and brought to one form (skeleton), which
// reads "trqbva" and "трябва", "u4ili6te" and "училище", "zhytlo" and "житло" alike. Only
// Latin words of a message and Cyrillic keywords take part, so a list in another script is
// not touched, and a Latin keyword is still compared as it is written.

// skeletonMark starts a skeleton, so that it never equals a word as written.
const skeletonMark = "\x00"

// cyrillicLatin spells each Cyrillic letter (as Normalize leaves it: й read as и, ё as е, ї
// as і) in Latin letters; a letter read differently in one language has its own entries in
// cyrillicByLang, and a letter typed several ways has all of them.
var cyrillicLatin = map[rune][]string{
	'а': {"a"}, 'б': {"b"}, 'в': {"v"}, 'г': {"g"}, 'ґ': {"g"}, 'д': {"d"}, 'е': {"e"},
	'є': {"ie"}, 'ж': {"zh"}, 'з': {"z"}, 'и': {"i"}, 'і': {"i"}, 'к': {"k"}, 'л': {"l"},
	'м': {"m"}, 'н': {"n"}, 'о': {"o"}, 'п': {"p"}, 'р': {"r"}, 'с': {"s"}, 'т': {"t"},
	'у': {"u"}, 'ф': {"f"}, 'х': {"h"}, 'ц': {"ts"}, 'ч': {"ch"}, 'ш': {"sh"}, 'щ': {"shch"},
	'ъ': {""}, 'ы': {"y"}, 'ь': {""}, 'э': {"e"}, 'ю': {"yu"}, 'я': {"ya"},
}

var cyrillicByLang = map[string]map[rune][]string{
	// щ is "sht" in Bulgarian; ъ is a vowel, typed a, u or y (къде: kade, kude, kyde).
	"bg": {'щ': {"sht"}, 'ъ': {"a", "u", "y"}},
	// г is h in Ukrainian, typed h or g.
	"uk": {'г': {"h", "g"}},
}

// maxSkeletons bounds the spellings of one keyword (letters typed several ways multiply).
const maxSkeletons = 8

// cyrillicSkeletons returns the skeletons of a keyword word of lang written in Cyrillic, or
// none for another script.
func cyrillicSkeletons(lang, w string) []string {
	if !IsCyrillic(w) {
		return nil
	}
	out := []string{""}
	for _, r := range w {
		spell, ok := cyrillicByLang[lang][r]
		if !ok {
			spell, ok = cyrillicLatin[r]
		}
		if !ok {
			spell = []string{string(r)}
		}
		next := make([]string, 0, len(out)*len(spell))
		for _, o := range out {
			for _, s := range spell {
				if len(next) < maxSkeletons {
					next = append(next, o+s)
				}
			}
		}
		out = next
	}
	for i, o := range out {
		out[i] = skeletonMark + skeleton(latinSpelling.Replace(o)) // as Normalize spells a Latin word
	}
	return out
}

// latinSkeleton returns the skeleton of a message word typed in Latin letters (digits
// included: u4ili6te), or "" for a word of another script or of digits only.
func latinSkeleton(w string) string {
	letter := false
	for _, r := range w {
		switch {
		case r < 0x80 && unicode.IsLetter(r):
			letter = true
		case r < 0x80 && unicode.IsDigit(r):
		default:
			return ""
		}
	}
	if !letter {
		return ""
	}
	return skeletonMark + skeleton(chatLetters.Replace(w))
}

// chatLetters are the digits and letters typed for sounds Latin has no letter for.
var chatLetters = strings.NewReplacer("4", "ch", "6", "sh", "q", "ya", "w", "v", "x", "h")

// skeletonSpelling brings the ways of writing one sound to one: shch and sch as sh, zh as j
// (Bulgarians type ж as j), ts and tz as c, kh as h, y as i (я: ya, ia; ы, и: y, i); then
// skeletonVowels reads ie and io as e (е after a soft sign or a vowel is typed ye, ё is typed
// yo or e and Normalize reads it as е); and a doubled letter counts as one.
var (
	skeletonSpelling = strings.NewReplacer("shch", "sh", "sch", "sh", "tch", "ch", "zh", "j", "ts", "c", "tz", "c", "kh", "h", "y", "i")
	skeletonVowels   = strings.NewReplacer("ie", "e", "io", "e")
)

func skeleton(s string) string {
	s = skeletonVowels.Replace(skeletonSpelling.Replace(s))
	var b strings.Builder
	var last rune
	for _, r := range s {
		if r != last {
			b.WriteRune(r)
		}
		last = r
	}
	return b.String()
}

// IsCyrillic says whether a word is written in Cyrillic (its first letter is).
func IsCyrillic(w string) bool {
	for _, r := range w {
		return unicode.Is(unicode.Cyrillic, r)
	}
	return false
}

// Transliterated counts, for each of langs (languages written in another script than
// Latin), the words of a message typed in Latin letters that its own keyword phrases hold:
// as transliterated, for a list in Cyrillic ("ishu rabotu", "shukaju robotu", "tarsya
// kvartira", through the keywords' skeletons), and as the list spells them in Latin letters,
// the way its writers type them ("bidi sakan", "mekhaham"); context words left out. The
// language with the most is the one the message is written in. A keyword of the lists of
// latin (the Latin-script languages: French "demande d'asile" in the Arabizi list) or of
// those read for every language (English and German: "Duldung", "Kita", also written in
// Cyrillic in the Cyrillic lists) does not count, as it is a word of those languages.
func (r *Recognizer) Transliterated(text string, langs, latin []string) map[string]int {
	tokens := Normalize(text)
	variants := make([][]string, len(tokens))
	typed := false
	theirs := r.indexes(append(slices.Clone(r.always), latin...))
	for i, t := range tokens {
		if sk := latinSkeleton(t); sk != "" && !keywordOf(t, theirs) {
			variants[i], typed = append(wordVariants(t), sk), true
		}
	}
	if !typed {
		return nil
	}
	out := map[string]int{}
	for _, l := range langs {
		if words := r.strongWords(l, variants); len(words) > 0 {
			out[l] = len(words)
		}
	}
	return out
}

// strongWords are the words (by index) of a message's variants that lang's own keyword
// phrases hold, but by a context word alone.
func (r *Recognizer) strongWords(lang string, variants [][]string) map[int]bool {
	x := r.sets[lang].index()
	if x == nil {
		return nil
	}
	words := map[int]bool{}
	for _, m := range x.found(x.positions(variants), nil) {
		if !m.weak {
			for _, w := range m.words {
				words[w] = true
			}
		}
	}
	return words
}

// indexes are the indexes of langs' lists (those that have one).
func (r *Recognizer) indexes(langs []string) []*index {
	var out []*index
	for _, l := range langs {
		if x := r.sets[l].index(); x != nil {
			out = append(out, x)
		}
	}
	return out
}

// keywordOf says whether a word is a keyword, as written, of one of the lists indexed.
func keywordOf(w string, indexes []*index) bool {
	vs := [][]string{wordVariants(w)}
	for _, x := range indexes {
		if len(x.positions(vs)) > 0 {
			return true
		}
	}
	return false
}

// CyrillicSkeletons are the skeletons of a word typed in Cyrillic (as Normalize leaves it),
// in each way the Cyrillic-script languages read its letters (г as g, and as h in
// Ukrainian), to compare with a name of another script brought to skeletons the same way
// (Skeleton): "Баунаталь" is "baunatal". None for a word of another script.
func CyrillicSkeletons(w string) []string {
	var out []string
	for _, lang := range []string{"ru", "uk", "bg"} {
		for _, sk := range cyrillicSkeletons(lang, w) {
			if !slices.Contains(out, sk) {
				out = append(out, sk)
			}
		}
	}
	return out
}

// Skeleton is the skeleton of a word spelled out in Latin letters as Cyrillic is
// transliterated here (cyrillicLatin: sh, ch, zh, ts, ya...), comparable with
// CyrillicSkeletons.
func Skeleton(latin string) string {
	return skeletonMark + skeleton(latinSpelling.Replace(latin))
}

// Owners says, for each word of a message (tokens, as Normalize splits it), which of langs'
// own keyword lists hold it in a phrase the message says: as typed, or transliterated for a
// list in Cyrillic (see Transliterated), not one letter away, and not as a context word alone
// (a weak phrase: "my", "children"). It is the evidence, beside small words, of the language
// a message in Latin letters is written in: "husband" and "hits" are English keywords,
// "shaqo" a Somali one.
func (r *Recognizer) Owners(text string, langs []string) (tokens []string, owners [][]string) {
	tokens = Normalize(text)
	if len(tokens) == 0 {
		return nil, nil
	}
	variants := make([][]string, len(tokens))
	for i, t := range tokens {
		variants[i] = wordVariants(t)
		if sk := latinSkeleton(t); sk != "" {
			variants[i] = append(variants[i], sk) // compared with Cyrillic keywords only
		}
	}
	owners = make([][]string, len(tokens))
	for _, l := range langs {
		for w := range r.strongWords(l, variants) {
			owners[w] = append(owners[w], l)
		}
	}
	return tokens, owners
}

// People of every language write the German office words they hear the way they hear them:
// "wonung", "vohnung", "familienzusamenfürung", "fuehrerschein". A long keyword of the
// German list, read for every language, is therefore also compared by its sound, as
// germanSound spells it: w as v, ä ö ü typed ae oe ue as a o u, a doubled letter as one, ie
// as e, sch as sh, and the h that only lengthens the vowel before it left out. Both the
// keyword and a message word in Latin letters are spelled so, and match only when the whole
// spelling is alike (for a stem: the start), so that a German word is not confused with a
// word of another language one letter away, as a slip (near.go) might be.

// germanMark starts a keyword's or a word's spelling by sound; it starts as a skeleton does,
// so that the index looks it up among the skeletons, and never equals one.
const germanMark = skeletonMark + "\x01"

// germanSoundLength is how many letters a word must have to be compared by its sound.
const germanSoundLength = 6

var umlautDigraphs = strings.NewReplacer("ae", "a", "oe", "o", "ue", "u")

// germanSound is the spelling by sound of a word typed in Latin letters (as Normalize leaves
// it), or "" for a shorter word or another script.
func germanSound(w string) string {
	n := 0
	for _, r := range w {
		if r >= 0x80 || !unicode.IsLetter(r) {
			return ""
		}
		n++
	}
	if n < germanSoundLength {
		return ""
	}
	s := skeleton(umlautDigraphs.Replace(strings.ReplaceAll(w, "w", "v")))
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		// An h after a vowel and before a consonant or at the end lengthens the vowel.
		if s[i] == 'h' && i > 0 && isVowel(s[i-1]) && (i+1 == len(s) || !isVowel(s[i+1])) {
			continue
		}
		b.WriteByte(s[i])
	}
	return germanMark + b.String()
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
