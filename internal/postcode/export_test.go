package postcode

import (
	"strings"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/recognize"
)

// SoundsIn says whether a word of text, or the word after a proclitic letter, sounds like a
// word of name (soundSkeletons): for tests judging a name read in another script than the
// table's.
func SoundsIn(text, name string) bool {
	var names []string
	for _, w := range recognize.Normalize(name) {
		names = append(names, soundSkeletons(w)...)
	}
	for _, w := range recognize.Normalize(text) {
		typed := soundSkeletons(w)
		if r := []rune(w); len(r) > 4 {
			typed = append(typed, soundSkeletons(string(r[1:]))...)
		}
		if soundsLike(typed, names) {
			return true
		}
	}
	return false
}

// NamedOtherwise says whether text holds one of place's other names (othernames.tsv), as
// Normalize writes them, word for word, or one word of five letters or more with an ending of
// up to three letters, typed with a capital ("w Kolonii": Kolon, Köln): for tests judging a
// name read from an exonym.
func NamedOtherwise(text, place string) bool {
	words := " " + strings.Join(recognize.Normalize(text), " ") + " "
	for other, p := range otherNames() {
		if p != place {
			continue
		}
		name := recognize.Normalize(other)
		if strings.Contains(words, " "+strings.Join(name, " ")+" ") {
			return true
		}
		if len(name) != 1 || utf8.RuneCountInString(name[0]) < 5 {
			continue
		}
		for _, w := range recognize.Normalize(text) {
			if strings.HasPrefix(w, name[0]) && utf8.RuneCountInString(w)-utf8.RuneCountInString(name[0]) <= 3 && capitalised(text, w) {
				return true
			}
		}
	}
	return false
}
