package postcode

import "github.com/kassel/wegweiser/internal/recognize"

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
