package recognize

import (
	"iter"
	"slices"
	"strings"
)

// list is one language's phrases of one kind (keywords, self-descriptions, ...) with their
// index.
type list struct {
	phrases []phrase
	index
}

// listOf is lang's list in lists, made empty when there is none yet.
func listOf(lists map[string]*list, lang string) *list {
	l := lists[lang]
	if l == nil {
		l = &list{}
		lists[lang] = l
	}
	return l
}

// add appends phrases to the list.
func (l *list) add(phrases ...phrase) {
	for _, ph := range phrases {
		l.index.add(len(l.phrases), ph)
		l.phrases = append(l.phrases, ph)
	}
}

// occurrences are the phrases of the list whose words occur in the message in order, side by
// side, each with the word where it starts (every occurrence; none for a nil list).
func (l *list) occurrences(variants [][]string) iter.Seq2[*phrase, int] {
	return func(yield func(*phrase, int) bool) {
		if l == nil {
			return
		}
		pos := l.positions(variants)
		for _, n := range l.candidates(pos) {
			for start := range inOrder(l.keywordsOf[n], pos) {
				if !yield(&l.phrases[n], start) {
					return
				}
			}
		}
	}
}

// index finds the phrases of one language's list that a message may hold without trying every
// phrase against every word: each distinct keyword has an id, and maps from a keyword's text
// (and its Latin skeletons) to the ids find the keywords a word matches by looking up the word
// and each of its beginnings. Only the phrases holding a keyword found are then read.
type index struct {
	exact, stems     map[string][]int32   // text → keywords; stems: those matching as a start
	skels, skelStems map[string][]int32   // the same for the keywords' Latin skeletons
	ids              map[keywordKey]int32 // a keyword's id
	phrasesOf        [][]int32            // per keyword id, the phrases holding it, in order
	keywordsOf       [][]int32            // per phrase, its words' keyword ids, in order
	// near maps long keywords' texts, and those texts with a letter left out, to the
	// keywords (near.go); runes are those keywords' letters, stem says of each keyword
	// whether it is a stem.
	near    map[string][]int32
	runes   map[int32][]rune
	stem    []bool
	nearMax int // the most letters of a keyword in near
}

// keywordKey is what makes two keywords of a language match the same words: their text and
// whether they are stems (the skeletons follow from the text).
type keywordKey struct {
	text string
	stem bool
}

// add indexes ph, the phrase at position n of the language's list.
func (x *index) add(n int, ph phrase) {
	if x.ids == nil {
		x.exact, x.stems, x.skels, x.skelStems = map[string][]int32{}, map[string][]int32{}, map[string][]int32{}, map[string][]int32{}
		x.ids = map[keywordKey]int32{}
	}
	kws := make([]int32, len(ph.words))
	for i, k := range ph.words {
		id, ok := x.ids[keywordKey{k.text, k.stem}]
		if !ok {
			id = int32(len(x.phrasesOf))
			x.ids[keywordKey{k.text, k.stem}] = id
			x.phrasesOf = append(x.phrasesOf, nil)
			x.stem = append(x.stem, k.stem)
			if !k.whole {
				x.addNear(id, k.text)
			}
			x.exact[k.text] = append(x.exact[k.text], id)
			if k.stem {
				x.stems[k.text] = append(x.stems[k.text], id)
			}
			for _, sk := range k.skels {
				x.skels[sk] = append(x.skels[sk], id)
				if k.stem {
					x.skelStems[sk] = append(x.skelStems[sk], id)
				}
			}
		}
		if ps := x.phrasesOf[id]; len(ps) == 0 || ps[len(ps)-1] != int32(n) {
			x.phrasesOf[id] = append(ps, int32(n))
		}
		kws[i] = id
	}
	x.keywordsOf = append(x.keywordsOf, kws)
}

// matching calls yield with each keyword that v, a variant of a message word, matches,
// possibly more than once: a keyword as written, or as the start of v for a stem; a skeleton
// (translit.go) against the keyword's skeletons likewise.
func (x *index) matching(v string, yield func(int32)) {
	exact, stems := x.exact, x.stems
	if strings.HasPrefix(v, skeletonMark) {
		exact, stems = x.skels, x.skelStems
	}
	for _, id := range exact[v] {
		yield(id)
	}
	for i := range v {
		if i == 0 {
			continue
		}
		for _, id := range stems[v[:i]] { // a keyword is whole letters: only cut at one's end
			yield(id)
		}
	}
}

// positions maps each keyword the message's words match to those words, in order.
func (x *index) positions(variants [][]string) map[int32][]int {
	var pos map[int32][]int
	for j, vs := range variants {
		for _, v := range vs {
			x.matching(v, func(id int32) {
				if pos == nil {
					pos = map[int32][]int{}
				}
				if ws := pos[id]; len(ws) == 0 || ws[len(ws)-1] != j {
					pos[id] = append(ws, j)
				}
			})
		}
	}
	return pos
}

// candidates are the phrases, in the list's order, that hold at least one keyword of pos.
func (x *index) candidates(pos map[int32][]int) []int32 {
	var out []int32
	for id := range pos {
		out = append(out, x.phrasesOf[id]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// sideBySide is anywhere for a phrase whose words must occur in order and side by side: the first
// such place with no word a self-description covers, else the first place (self-described).
func sideBySide(kws []int32, pos map[int32][]int, self []bool) (words []int, described bool, ok bool) {
	for start := range inOrder(kws, pos) {
		covered := false
		for j := range kws {
			covered = covered || (self != nil && self[start+j])
		}
		if !ok || (described && !covered) {
			words, described, ok = make([]int, len(kws)), covered, true
			for j := range words {
				words[j] = start + j
			}
		}
		if !covered {
			break
		}
	}
	return words, described, ok
}

// inOrder are the words at which the keywords kws occur in order and side by side (pos: the
// words each keyword matched), first to last.
func inOrder(kws []int32, pos map[int32][]int) iter.Seq[int] {
	return func(yield func(int) bool) {
	starts:
		for _, start := range pos[kws[0]] {
			for j, id := range kws[1:] {
				if _, ok := slices.BinarySearch(pos[id], start+1+j); !ok {
					continue starts
				}
			}
			if !yield(start) {
				return
			}
		}
	}
}

// anywhere reports whether every word of the phrase with keywords kws occurs in the message (pos:
// the words each keyword matched), and at which words. A word a self-description covers (self,
// nil for none) is taken only when the keyword occurs nowhere else; the phrase is then
// self-described: "my wife" with "Eritrea" names family reunification, but not where
// "Eritrea" is in a self-description ("ካብ ኤርትራ እየ", I am from Eritrea, ... with my wife).
func anywhere(kws []int32, pos map[int32][]int, self []bool) (words []int, described bool, ok bool) {
	for _, id := range kws {
		if len(pos[id]) == 0 {
			return nil, false, false
		}
	}
	words = make([]int, 0, len(kws))
	for _, id := range kws {
		i, covered := -1, false
		for _, j := range pos[id] {
			if self == nil || !self[j] {
				i, covered = j, false
				break
			}
			if i < 0 {
				i, covered = j, true
			}
		}
		words, described = append(words, i), described || covered
	}
	return words, described, true
}
