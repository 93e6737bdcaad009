package postcode

import (
	"slices"
	"strings"
	"unicode"
)

// People write the served area's places as they hear them, in their own script or in Latin
// letters spelt their way: "باوناتال", "ባውናታል", "Bawnataal", "Bonatal" for Baunatal;
// "هوفگايسمار", "Hofgaysmar" for Hofgeismar; "Гофгайсмар" in Ukrainian. What stays is the
// order of the consonants, each of a few classes that scripts and ears mix up (b and p; f, v
// and w; t and d; k, g and q; s, z, sh and ts). soundSkeletons spells a word, typed or a
// German name, as those classes: vowels, the letters that write vowels in Arabic script and
// Ethiopic's vowel carriers are left out, and an h but at a word's start (German's h after a
// vowel lengthens it: Lohfelden, "لوفلدن").

// Sound classes.
const (
	sB = 'B' // b p
	sF = 'F' // f v w ph
	sT = 'T' // t d th
	sK = 'K' // k g c q gh
	sS = 'S' // s z ß sh sch ts tz ch(French) j(French) and Cyrillic, Arabic, Ethiopic sibilants
	sH = 'H' // h (a word's first letter only), ch (German), kh
	sL = 'L'
	sM = 'M'
	sN = 'N'
	sR = 'R'
	s_ = 0 // a vowel, or a letter that writes one
)

// maxSoundVariants bounds the skeletons of one word (some letters sound two ways).
const maxSoundVariants = 8

// minSoundSkeleton is the fewest consonants a skeleton compared so must have: with fewer, too
// many words sound alike ("else" and Helsa have l and s).
const minSoundSkeleton = 3

// soundSkeletons are the skeletons of a word as recognize.Normalize writes it (lower case,
// without accents), in whichever script: each way its ambiguous letters may sound.
func soundSkeletons(word string) []string {
	w := []rune(word)
	if len(w) == 0 {
		return nil
	}
	var letters [][]rune // per letter, the classes it may stand for (s_: none)
	add := func(ways ...rune) { letters = append(letters, ways) }
	vowel := func(i int) bool { return i >= 0 && i < len(w) && isSoundVowel(w[i]) }
	for i := 0; i < len(w); i++ {
		r := w[i]
		next := func(s string) bool { return strings.HasPrefix(string(w[i+1:]), s) }
		switch {
		case unicode.Is(unicode.Ethiopic, r):
			if (r-0x1200)/8 == (0x12C8-0x1200)/8 && i > 0 {
				add(s_, sF) // ው after a syllable: a vowel's glide (ባውናታል) or a w
				continue
			}
			add(ethiopicClass(r, i == 0))
		case unicode.Is(unicode.Arabic, r):
			switch {
			case r == 'و' && i == 0:
				add(sF)
			case r == 'و' && i < len(w)-1:
				add(s_, sF) // a long u or o, or a w
			case (r == 'ه' || r == 'ح' || r == 'خ') && i == 0:
				add(sH)
			default:
				add(arabicClass(r))
			}
		case unicode.Is(unicode.Cyrillic, r):
			if r == 'г' {
				if i == 0 {
					add(sK, sH) // Ukrainian writes German's h so: Гофгайсмар
				} else {
					add(sK, s_) // Вільгельмсгьое
				}
				continue
			}
			add(cyrillicClass(r, i == 0))
		case r == 's' && next("ch"):
			add(sS)
			i += 2
		case r == 't' && next("sch"):
			add(sS)
			i += 3
		case r == 'c' && next("h"):
			if i == 0 {
				add(sH, sS, sK)
			} else {
				add(s_, sS, sK) // German's ch, heard as an h (Habichtswald), French's, or a k
			}
			i++
		case (r == 's' || r == 'z') && next("h"), r == 't' && (next("s") || next("z")):
			add(sS)
			i++
		case r == 'p' && next("h"):
			add(sF)
			i++
		case r == 't' && next("h"):
			add(sT)
			i++
		case (r == 'k' || r == 'g') && next("h"):
			add(sK, s_)
			i++
		case r == 'c' && next("k"):
			add(sK)
			i++
		case (r == 'w' || r == 'y') && vowel(i-1) && !vowel(i+1):
			add(s_) // a vowel's glide: Bawnataal, Hofgaysmar
		case r == 'h' && i == 0:
			add(sH)
		default:
			add(latinClass(r))
		}
	}
	// Whether the word starts with a vowel is part of its skeleton.
	vowelFirst := len(letters[0]) == 1 && letters[0][0] == s_
	var out []string
	var walk func(i int, b []rune)
	walk = func(i int, b []rune) {
		if len(out) >= maxSoundVariants {
			return
		}
		if i == len(letters) {
			if len(b) < minSoundSkeleton {
				return
			}
			// A t before an s is the German z however a script writes it (ts, тс, تس).
			s := strings.ReplaceAll(strings.ReplaceAll(string(b), "TS", "S"), "SS", "S")
			if len(s) < minSoundSkeleton {
				return
			}
			if vowelFirst {
				s = "_" + s // Imenhauzen, إمنهاوزن: not "okuldan" for Calden
			}
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
			return
		}
		for _, c := range letters[i] {
			if c == s_ || (len(b) > 0 && b[len(b)-1] == c) { // doubled letters are one
				walk(i+1, b)
			} else {
				walk(i+1, append(b, c))
			}
		}
	}
	walk(0, make([]rune, 0, len(letters)))
	return out
}

func isSoundVowel(r rune) bool {
	return strings.ContainsRune("aeiouyäöüéèêàâîïôûëæøå", r)
}

func latinClass(r rune) rune {
	switch r {
	case 'b', 'p':
		return sB
	case 'f', 'v', 'w':
		return sF
	case 't', 'd':
		return sT
	case 'k', 'g', 'c', 'q':
		return sK
	case 's', 'z', 'ß', 'x', 'ş', 'ś', 'š', 'ż', 'ź', 'ž', 'ç', 'ţ', 'ț', 'ș':
		return sS
	case 'l', 'ł':
		return sL
	case 'm':
		return sM
	case 'n', 'ñ', 'ń':
		return sN
	case 'r':
		return sR
	}
	return s_ // vowels, h inside a word, j (German's y), and what writes no consonant
}

func cyrillicClass(r rune, first bool) rune {
	switch r {
	case 'б', 'п':
		return sB
	case 'в', 'ф':
		return sF
	case 'т', 'д':
		return sT
	case 'к', 'ґ', 'г':
		return sK
	case 'с', 'з', 'ш', 'щ', 'ц', 'ж', 'ч':
		return sS
	case 'х':
		if first {
			return sH
		}
		return s_
	case 'л':
		return sL
	case 'м':
		return sM
	case 'н':
		return sN
	case 'р':
		return sR
	}
	return s_
}

func arabicClass(r rune) rune {
	switch r {
	case 'ب', 'پ':
		return sB
	case 'ف', 'ڤ', 'ۋ':
		return sF
	case 'ت', 'ط', 'د', 'ض', 'ډ', 'ټ', 'ذ':
		return sT
	case 'ك', 'ک', 'گ', 'ګ', 'ق', 'غ', 'ج':
		return sK
	case 'س', 'ش', 'ص', 'ز', 'ژ', 'ږ', 'ښ', 'ث', 'چ', 'څ', 'ځ':
		return sS
	case 'ل':
		return sL
	case 'م':
		return sM
	case 'ن', 'ڼ':
		return sN
	case 'ر', 'ړ', 'ڕ':
		return sR
	}
	return s_ // the letters that write vowels (ا و ي ی ى ې ۍ ئ ة ء), h inside a word, ح خ ع
}

// ethiopicRows are the consonant classes of Ethiopic's rows of syllables, from U+1200, eight
// syllables (one consonant with each vowel) to a row.
var ethiopicRows = []rune{
	sH, sL, sH, sM, sS, sR, sS, sS, // ሀ ለ ሐ መ ሠ ረ ሰ ሸ
	sK, sK, sK, sK, sB, sF, sT, sS, // ቀ ቈ ቐ ቘ በ ቨ ተ ቸ
	sH, sH, sN, sN, s_, sK, sK, sH, // ኀ ኈ ነ ኘ አ ከ ኰ ኸ
	sH, sF, s_, sS, sS, s_, sT, sT, // ዀ ወ ዐ ዘ ዠ የ ደ ዸ
	sS, sK, sK, sK, sT, sS, sB, sS, // ጀ ገ ጐ ጘ ጠ ጨ ጰ ጸ
	sS, sF, sB, // ፀ ፈ ፐ
}

func ethiopicClass(r rune, first bool) rune {
	i := int(r-0x1200) / 8
	if i < 0 || i >= len(ethiopicRows) {
		return s_
	}
	c := ethiopicRows[i]
	if c == sH && !first {
		return s_
	}
	return c
}

// soundsLike says whether a typed word sounds like a name of one word: a skeleton of each
// the same. (An ending in Latin letters is localForm's: "Vellmarze", "baunatalda".)
func soundsLike(typed, name []string) bool {
	for _, t := range typed {
		if slices.Contains(name, t) {
			return true
		}
	}
	return false
}
