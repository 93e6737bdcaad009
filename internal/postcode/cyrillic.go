package postcode

import (
	"slices"
	"strings"
	"unicode"

	"github.com/kassel/wegweiser/internal/recognize"
)

// Russian, Ukrainian and Bulgarian speakers write German place names in Cyrillic, as they
// are pronounced and as their newspapers transcribe them: Баунаталь, Мюнхен, Штутгарт,
// Гёттинген. To find those, each name of the table is also spelled out as such a
// transcription reads (germanSounds), and both it and a word typed in Cyrillic are brought
// to the skeletons package recognize compares transliterated words with.

// germanSounds spell German letters as the Cyrillic transcription of German names has them,
// in Latin letters as recognize spells Cyrillic (ш sh, ч ch, х h, ц ts, ю yu, ё e).
var germanSounds = strings.NewReplacer(
	"tsch", "ch", "sch", "sh", "chs", "ks", "ch", "h", "ck", "k", "tz", "ts", "z", "ts", "ß", "s",
	"ph", "f", "th", "t", "qu", "kv", "x", "ks", "w", "v",
	"äu", "oi", "eu", "oi", "ie", "i", "ä", "e", "ö", "e", "ü", "yu", "y", "i", "j", "y",
	"ce", "tse", "ci", "tsi", "c", "k",
)

// voicedS stands for an s read as з until the German z has been read as ц.
const voicedS = "\x01"

// maxGermanVariants bounds the transcriptions of one word (some letters are transcribed
// two ways).
const maxGermanVariants = 8

// germanSkeletons are the skeletons of a German name's word as Cyrillic transcribes it:
// "st" and "sp" at its start as шт, шп; an "h" after a vowel and before a consonant, which
// only lengthens it, left out (Mühlhausen, Мюльхаузен); "ei" as ай, or ей in the older
// transcriptions (Leipzig, Лейпциг); an "s" before a vowel as з, or с (Siegen, Зиген;
// Saarbrücken, Саарбрюккен); a "v" as ф, or в (Vellmar, Фелльмар; Hannover, Ганновер).
func germanSkeletons(word string) []string {
	w := []rune(strings.ToLower(word))
	vowel := func(i int) bool { return i >= 0 && i < len(w) && strings.ContainsRune("aeiouäöüy", w[i]) }
	var letters [][]string // per letter read, its transcriptions
	add := func(ways ...string) { letters = append(letters, ways) }
	for i := 0; i < len(w); i++ {
		r := w[i]
		switch {
		case !unicode.IsLetter(r):
			continue
		case i == 0 && r == 's' && len(w) > 1 && (w[1] == 't' || w[1] == 'p'):
			add("sh")
		case r == 'h' && vowel(i-1) && !vowel(i+1) && i > 0:
			add("", "h") // a lengthening h, left out (or written: Лохфельден)
		case r == 'v':
			add("f", "v") // Vellmar, Фелльмар; Hannover, Ганновер
		case r == 'e' && i+1 < len(w) && w[i+1] == 'i':
			add("ai", "ei")
			i++
		case r == 's' && vowel(i+1) && (i == 0 || !unicode.IsLetter(w[i-1]) || vowel(i-1)) && (i == 0 || w[i-1] != 's'):
			add(voicedS, "s")
		default:
			add(string(r))
		}
	}
	variants := product(letters, "", maxGermanVariants)
	out := make([]string, 0, len(variants))
	for _, v := range variants {
		if sk := recognize.Skeleton(strings.ReplaceAll(germanSounds.Replace(v), voicedS, "z")); !slices.Contains(out, sk) {
			out = append(out, sk)
		}
	}
	return out
}

// nameSkeletons are the keys of a place's name: its words' skeletons, joined by spaces, in
// each combination of its words' transcriptions (at most maxGermanVariants).
func nameSkeletons(name string) []string {
	var words [][]string
	for _, word := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) }) {
		words = append(words, germanSkeletons(word))
	}
	return product(words, " ", maxGermanVariants)
}

// typedSkeletons are the keys of words typed in Cyrillic (see nameSkeletons), or none when
// one of them is in another script.
func typedSkeletons(words []string) []string {
	var sks [][]string
	for _, w := range words {
		s := recognize.CyrillicSkeletons(w)
		if len(s) == 0 {
			return nil
		}
		sks = append(sks, s)
	}
	return product(sks, " ", maxGermanVariants*maxGermanVariants)
}

// product is one string of each list joined by sep, in every combination (at most limit), or
// none for no lists.
func product(lists [][]string, sep string, limit int) []string {
	if len(lists) == 0 {
		return nil
	}
	out := []string{""}
	for i, list := range lists {
		next := make([]string, 0, len(out)*len(list))
		for _, o := range out {
			for _, s := range list {
				if len(next) < limit {
					if i > 0 {
						s = o + sep + s
					}
					next = append(next, s)
				}
			}
		}
		out = next
	}
	return out
}
