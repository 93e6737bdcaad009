// Package recognize finds what a person needs help with in a message they typed, by keyword
// lists written per language (the catalogs' topic.keywords). One normalisation serves the
// keywords and the input alike, so that a keyword matches however people type it: without
// diacritics, on an Arabic or a Persian keyboard, in capitals, with an inflected ending.
package recognize

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

var folder = cases.Fold()

// Normalize folds s for matching and returns its words:
//   - Unicode NFKC, then case folding (ß → ss, Turkish dotless ı → i);
//   - Latin and Cyrillic diacritics dropped (ş → s, ë → e, ä → a, ё → е, ł → l), and the German
//     spellings ae, oe, ue read as a, o, u (Aenderung = Änderung);
//   - Arabic script unified: alef, yeh, kaf and heh forms, hamza carriers, Pashto letters
//     typed on a Persian keyboard, harakat and tatweel removed, ZWNJ joining the word;
//   - invisible format characters (zero width space, bidi marks, soft hyphen) dropped, so
//     that "3\u200b4" is 34 and "Woh\u00adnung" one word;
//   - Ethiopic: the letters Tigrinya and Amharic spell alike (ሐ/ኀ/ሀ, ሠ/ሰ, ፀ/ጸ, ዐ/አ, ኣ/አ);
//   - Eastern Arabic and Persian digits as 0-9, Ethiopic numerals as the number they write
//     (፳፰ is 28, ፲፱፻፹፭ is 1985);
//   - apostrophes join (Kassel'de, м'ясо), but after a French elided word (l'école); every
//     other non-letter separates words.
//
// A turn asks for the same message's words a dozen times or more (each list of answers,
// the language guess, the dangers, the topics): the words of the last few texts are kept
// for a moment (see memo) and each caller gets its own copy.
func Normalize(s string) []string {
	if words, ok := recent.get(s); ok {
		return words
	}
	words := normalize(s)
	recent.put(s, words)
	return slices.Clone(words)
}

func normalize(s string) []string {
	s = folder.String(norm.NFKC.String(ethiopicNumerals(s)))
	var b strings.Builder
	rs := []rune(norm.NFD.String(s))
	start := 0        // where the word being written began in b
	initials := false // whether the word being written is initials joined so far ("M.B" of "M.B.E")
	for i, r := range rs {
		if isApostrophe(r) && i+1 < len(rs) && unicode.IsLetter(rs[i+1]) && elided[b.String()[start:]] {
			r = ' ' // French elision: l'école, d'asile, qu'on
		}
		if r == '.' && (initials || oneLetter(b.String()[start:])) && initialAt(rs, i+1) {
			// Initials with dots are one word: "M.B.E", "J.M.D." name MBE and JMD.
			initials = true
			continue
		}
		if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r) || r == '\u0640' || isApostrophe(r) {
			continue // marks, invisible format characters (ZWNJ, zero width space, bidi marks, soft hyphen), tatweel, apostrophes: dropped
		}
		if f, ok := folds[r]; ok {
			r = f
		}
		switch {
		case r >= 0x1200 && r <= 0x135A:
			r = foldEthiopic(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		default:
			r = ' '
		}
		b.WriteRune(r)
		if r == ' ' {
			start, initials = b.Len(), false
		}
	}
	words := splitScripts(strings.Fields(norm.NFC.String(b.String())))
	for i, w := range words {
		switch {
		case mixedCyrillic(w):
			words[i] = strings.Map(cyrillicLookalike, w)
		case isLatin(w):
			words[i] = latinSpelling.Replace(w)
		}
	}
	return joinPlurals(words)
}

// oneLetter says whether word is a single letter.
func oneLetter(word string) bool {
	r, n := utf8.DecodeRuneInString(word)
	return n > 0 && n == len(word) && unicode.IsLetter(r)
}

// initialAt says whether rs holds a letter alone at i, the next of a row of initials: a letter
// (with its marks) followed by a dot or by no further letter or digit.
func initialAt(rs []rune, i int) bool {
	if i >= len(rs) || !unicode.IsLetter(rs[i]) {
		return false
	}
	i++
	for i < len(rs) && unicode.Is(unicode.Mn, rs[i]) {
		i++
	}
	return i == len(rs) || !(unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]) || isApostrophe(rs[i]))
}

// splitScripts cuts a word of Latin letters joined to Arabic-script or Ethiopic ones where
// the script changes: a German word typed with the writer's own preposition or article glued
// to it ("ንkindergeld", for Kindergeld; "بالjobcenter", at the Jobcenter) is two words.
// Digits stay with the letters before them.
func splitScripts(words []string) []string {
	var out []string
	for _, w := range words {
		if !strings.ContainsFunc(w, isJoinedScript) || !strings.ContainsFunc(w, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) {
			out = append(out, w)
			continue
		}
		start, latin := 0, -1 // latin: whether the piece being read is Latin (-1: none yet)
		for i, r := range w {
			if !unicode.IsLetter(r) {
				continue
			}
			l := 0
			if unicode.Is(unicode.Latin, r) {
				l = 1
			}
			if latin >= 0 && l != latin && i > start {
				out = append(out, w[start:i])
				start = i
			}
			latin = l
		}
		out = append(out, w[start:])
	}
	return out
}

// isJoinedScript says whether r is a letter of the scripts whose short words are joined to the
// next one: Arabic (its prepositions and article) and Ethiopic (Tigrinya's).
func isJoinedScript(r rune) bool {
	return unicode.Is(unicode.Arabic, r) || unicode.Is(unicode.Ethiopic, r)
}

// A Cyrillic word may hold Latin letters that look like Cyrillic ones: on a Russian keyboard
// a Ukrainian types і as the Latin i ("брiф", "мiсце"), and keyboards switched in the middle
// of a word leave a Latin a, o or c. In a word with Cyrillic letters such letters are read as
// the Cyrillic ones they look like.
func mixedCyrillic(w string) bool {
	cyr, lat := false, false
	for _, r := range w {
		cyr = cyr || unicode.Is(unicode.Cyrillic, r)
		lat = lat || unicode.Is(unicode.Latin, r)
	}
	return cyr && lat
}

// cyrillicLookalike is the Cyrillic letter a lowercase Latin one looks like, or the letter
// itself.
func cyrillicLookalike(r rune) rune {
	if c, ok := lookalikes[r]; ok {
		return c
	}
	return r
}

var lookalikes = map[rune]rune{'a': 'а', 'c': 'с', 'e': 'е', 'i': 'і', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у', 'k': 'к'}

// persianPlurals are the Persian plural endings (with a possessive) that people often type
// after a space instead of a zero-width non-joiner: "بچه هایم" is "بچه‌هایم", my children.
// Alone, "هایم" would read as the German Heim (a shelter), as it is typed in Dari and Pashto.
var persianPlurals = map[string]bool{"ها": true, "های": true, "هایم": true, "هایت": true, "هایش": true,
	"هایمان": true, "هایتان": true, "هایشان": true}

// persianPrepositions are the Dari and Pashto words after which such a word is a word of its
// own: "در هایم", "ده هایم", "په هایم کې" (in the Heim).
var persianPrepositions = map[string]bool{"در": true, "ده": true, "به": true, "از": true, "با": true, "تا": true,
	"بر": true, "په": true, "د": true, "له": true, "پر": true, "و": true}

// joinPlurals joins a plural ending typed after a space to the word before it (see
// persianPlurals), unless that word is a preposition.
func joinPlurals(words []string) []string {
	out := words[:0]
	for _, w := range words {
		if n := len(out); n > 0 && persianPlurals[w] && !persianPrepositions[out[n-1]] && !isLatin(out[n-1]) {
			out[n-1] += w
			continue
		}
		out = append(out, w)
	}
	return out
}

// elided are the French words that drop their vowel before one starting with a vowel and
// are written joined to it by an apostrophe (l'école, d'asile, j'ai, qu'on): the two are read
// as words of their own, as the word after it is typed alone too. Other apostrophes join
// (Kassel'de, м'ясо, don't, Somali su'aal).
var elided = map[string]bool{"l": true, "d": true, "j": true, "n": true, "s": true, "c": true, "m": true, "t": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '`', '´', 'ʻ':
		return true
	}
	return false
}

// latinSpelling reads the German transliterations of umlauts as the plain vowel, like the
// umlauts themselves once their marks are dropped.
var latinSpelling = strings.NewReplacer("ae", "a", "oe", "o", "ue", "u")

func isLatin(w string) bool {
	for _, r := range w {
		if r < 0x80 {
			return true
		}
		return unicode.Is(unicode.Latin, r)
	}
	return false
}

// folds maps single letters that decomposition leaves alone to the letter they are read as.
var folds = map[rune]rune{
	// Latin letters without a decomposition
	'ı': 'i', 'ł': 'l', 'đ': 'd', 'ø': 'o', 'ħ': 'h', 'ŀ': 'l',
	// Arabic script: one form per letter as people type it on any keyboard
	'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا',
	'ي': 'ی', 'ى': 'ی', 'ې': 'ی', 'ۍ': 'ی', 'ئ': 'ی', 'ے': 'ی',
	'ك': 'ک', 'ګ': 'گ', 'ڪ': 'ک',
	'ة': 'ه', 'ۀ': 'ه', 'ە': 'ه',
	'ؤ': 'و', 'ۆ': 'و', 'ێ': 'ی', 'ڕ': 'ر', 'ڵ': 'ل', // Sorani letters Kurds type in Arabic script
	'ټ': 'ت', 'ډ': 'د', 'ړ': 'ر', 'ڼ': 'ن', 'ښ': 'ش', 'ږ': 'ژ', 'ځ': 'ز',
	'٠': '0', '١': '1', '٢': '2', '٣': '3', '٤': '4', '٥': '5', '٦': '6', '٧': '7', '٨': '8', '٩': '9',
	'۰': '0', '۱': '1', '۲': '2', '۳': '3', '۴': '4', '۵': '5', '۶': '6', '۷': '7', '۸': '8', '۹': '9',
	// Cyrillic: ё and й lose their marks in NFD; ґ is often typed as г
	'ґ': 'г',
	// Ethiopic punctuation separates words
	'፡': ' ', '።': ' ', '፣': ' ', '፤': ' ', '፥': ' ', '፦': ' ', '፧': ' ',
}

// foldEthiopic maps a syllable of a series that Tigrinya and Amharic spell alike to the same
// order of one series, and the fourth order (a) of the glottal series to the first (ä).
func foldEthiopic(r rune) rune {
	base, order := r&^7, r&7
	switch base {
	case 0x1210, 0x1280: // ሐ, ኀ → ሀ
		base = 0x1200
	case 0x1220: // ሠ → ሰ
		base = 0x1230
	case 0x1340: // ፀ → ጸ
		base = 0x1338
	case 0x12D0: // ዐ → አ
		base = 0x12A0
	}
	if (base == 0x12A0 || base == 0x1200) && order == 3 {
		order = 0 // ኣ → አ, ሃ → ሀ
	}
	return base | order
}

// ethiopicNumerals writes each run of Ethiopic numerals in s (U+1369 to U+137C: units, tens,
// hundred, ten thousand; no zero and no place value) as the number in ASCII digits, set apart
// by spaces: "፳፰" is 28, "፲፱፻፹፭" (nineteen hundred eighty five) 1985.
func ethiopicNumerals(s string) string {
	if !strings.ContainsFunc(s, isEthiopicNumeral) {
		return s
	}
	var b strings.Builder
	total, group, in := 0, 0, false
	end := func() {
		if in {
			b.WriteString(" " + strconv.Itoa(total+group) + " ")
		}
		total, group, in = 0, 0, false
	}
	for _, r := range s {
		if !isEthiopicNumeral(r) {
			end()
			b.WriteRune(r)
			continue
		}
		in = true
		switch {
		case r <= 0x1371: // ፩ to ፱
			group += int(r-0x1369) + 1
		case r <= 0x137A: // ፲ to ፺
			group += (int(r-0x1372) + 1) * 10
		case r == 0x137B: // ፻, a hundred times what stands before it
			total += max(group, 1) * 100
			group = 0
		default: // ፼, ten thousand times all before it
			total = (total + max(group, 1)) * 10000
			group = 0
		}
	}
	end()
	return b.String()
}

func isEthiopicNumeral(r rune) bool { return r >= 0x1369 && r <= 0x137C }
