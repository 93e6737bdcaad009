package recognize

import (
	"iter"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// list is one language's phrases of one kind (keywords, self-descriptions, ...): what was added
// (src), and the index built from it on first use after a change.
type list struct {
	mu    sync.Mutex
	src   source
	built atomic.Pointer[index]
}

// source is what was added to a list, kept in a few flat arrays of plain numbers and bytes:
// the lists of every language hold some 140,000 words, and kept as strings and slices of
// their own they were most of the objects the garbage collector traced in a running bot
// (about 400,000), which made each collection cost tens of milliseconds of a busy machine.
type source struct {
	phrases []phrase
	words   []word // every phrase's words: those of p are words[p.at : p.at+p.n]
	skels   []span // the words' skeletons: those of w are skels[w.skelAt : w.skelAt+w.skelN]
	text    []byte // the words' and skeletons' letters
}

// span is a stretch of an array: n items from off.
type span struct{ off, n uint32 }

// word is one word of a phrase in a source (see keyword).
type word struct {
	text          span
	skelAt, skelN uint32
	stem, whole   bool
}

// str is the text of sp.
func (s *source) str(sp span) string { return string(s.text[sp.off : sp.off+sp.n]) }

// put appends text to s's letters and says where it is.
func (s *source) put(text string) span {
	sp := span{uint32(len(s.text)), uint32(len(text))}
	s.text = append(s.text, text...)
	return sp
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

// add appends phrases to the list; its index is built again when next used.
func (l *list) add(phrases ...parsed) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := &l.src
	for _, ph := range phrases {
		p := ph.phrase
		p.at, p.n = int32(len(s.words)), int32(len(ph.words))
		for _, k := range ph.words {
			w := word{text: s.put(k.text), skelAt: uint32(len(s.skels)), skelN: uint32(len(k.skels)), stem: k.stem, whole: k.whole}
			for _, sk := range k.skels {
				s.skels = append(s.skels, s.put(sk))
			}
			s.words = append(s.words, w)
		}
		s.phrases = append(s.phrases, p)
	}
	l.built.Store(nil)
}

// index is the list's index, built if the list changed since it was last built (nil for a
// nil list).
func (l *list) index() *index {
	if l == nil {
		return nil
	}
	if x := l.built.Load(); x != nil {
		return x
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	x := l.built.Load()
	if x == nil {
		x = buildIndex(&l.src)
		l.built.Store(x)
	}
	return x
}

// Build indexes every list now, so that the first message read does not wait for it. A list
// added to later is indexed again when next read.
func (r *Recognizer) Build() {
	for _, lists := range []map[string]*list{r.sets, r.selves, r.haves, r.asks, r.roles, r.fines, r.buts, r.dangers} {
		for _, l := range lists {
			l.index()
		}
	}
}

// occurrences are the phrases of the list whose words occur in the message in order, side by
// side, each with the word where it starts (every occurrence; none for a nil list).
func (l *list) occurrences(variants [][]string) iter.Seq2[*phrase, int] {
	return func(yield func(*phrase, int) bool) {
		x := l.index()
		if x == nil {
			return
		}
		pos := x.positions(variants)
		for _, n := range x.candidates(pos) {
			for start := range inOrder(x.keywordsOf(n), pos) {
				if !yield(&x.phrases[n], start) {
					return
				}
			}
		}
	}
}

// index finds the phrases of one language's list that a message may hold without trying every
// phrase against every word: each distinct keyword has an id, and tables from a keyword's text
// (and its Latin skeletons) to the ids find the keywords a word matches by looking up the word
// and each of its beginnings. Only the phrases holding a keyword found are then read. It holds
// no pointers but to a few flat arrays (see source), and is not changed once built.
type index struct {
	phrases          []phrase
	keywords         []int32 // per word of the source, its keyword id
	exact, stems     texts   // text → keywords; stems: those matching as a start
	skels, skelStems texts   // the same for the keywords' Latin skeletons
	phrasesOf        ragged  // per keyword id, the phrases holding it, in order
	// near maps long keywords' texts, and those texts with a letter left out, to the
	// keywords (near.go); letters holds those keywords' letters (lettersOf: where, per
	// keyword id; none for the others), stem says of each keyword whether it is a stem.
	near      texts
	letters   []rune
	lettersOf []span
	stem      []bool
	nearMax   int // the most letters of a keyword in near
}

// keywordKey is what makes two keywords of a language match the same words: their text and
// whether they are stems (the skeletons follow from the text).
type keywordKey struct {
	text string
	stem bool
}

// buildIndex indexes the phrases of src.
func buildIndex(src *source) *index {
	x := &index{phrases: src.phrases, keywords: make([]int32, len(src.words))}
	ids := map[keywordKey]int32{}
	exact, stems, skels, skelStems, near := textsBuilder{}, textsBuilder{}, textsBuilder{}, textsBuilder{}, textsBuilder{}
	var phrasesOf [][]int32
	for n, ph := range src.phrases {
		for i := ph.at; i < ph.at+ph.n; i++ {
			w := src.words[i]
			text := src.str(w.text)
			id, ok := ids[keywordKey{text, w.stem}]
			if !ok {
				id = int32(len(phrasesOf))
				ids[keywordKey{text, w.stem}] = id
				phrasesOf = append(phrasesOf, nil)
				x.stem = append(x.stem, w.stem)
				x.lettersOf = append(x.lettersOf, span{})
				if !w.whole {
					x.addNear(&near, id, text)
				}
				exact.add(text, id)
				if w.stem {
					stems.add(text, id)
				}
				for _, sk := range src.skels[w.skelAt : w.skelAt+w.skelN] {
					sk := src.str(sk)
					skels.add(sk, id)
					if w.stem {
						skelStems.add(sk, id)
					}
				}
			}
			if ps := phrasesOf[id]; len(ps) == 0 || ps[len(ps)-1] != int32(n) {
				phrasesOf[id] = append(ps, int32(n))
			}
			x.keywords[i] = id
		}
	}
	x.exact, x.stems, x.skels, x.skelStems, x.near = exact.build(), stems.build(), skels.build(), skelStems.build(), near.build()
	x.phrasesOf = raggedOf(phrasesOf)
	return x
}

// keywordsOf are the keyword ids of phrase n's words, in order.
func (x *index) keywordsOf(n int32) []int32 {
	p := &x.phrases[n]
	return x.keywords[p.at : p.at+p.n]
}

// matching calls yield with each keyword that v, a variant of a message word, matches,
// possibly more than once: a keyword as written, or as the start of v for a stem; a skeleton
// (translit.go) against the keyword's skeletons likewise.
func (x *index) matching(v string, yield func(int32)) {
	exact, stems := &x.exact, &x.stems
	if strings.HasPrefix(v, skeletonMark) {
		exact, stems = &x.skels, &x.skelStems
	}
	for _, id := range exact.lookup(v) {
		yield(id)
	}
	for i := range v {
		if i == 0 {
			continue
		}
		if i > stems.longest {
			break // no stem is longer: a word of thousands of letters costs no more than a long one
		}
		for _, id := range stems.lookup(v[:i]) { // a keyword is whole letters: only cut at one's end
			yield(id)
		}
	}
}

// isKeyword says whether one of a word's forms is a keyword as written, not only the
// beginning of one.
func (x *index) isKeyword(forms []string) bool {
	for _, v := range forms {
		exact := &x.exact
		if strings.HasPrefix(v, skeletonMark) {
			exact = &x.skels
		}
		if len(exact.lookup(v)) > 0 {
			return true
		}
	}
	return false
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
// A common word ("ich", "من", "my") is in thousands of a list's phrases: when the rows to
// join are not few beside the list, they are marked in a set of the list's phrases and read
// back in order, which costs a pass over the set instead of a sort of every row's phrases
// (a sort was a seventh of a free-text turn).
func (x *index) candidates(pos map[int32][]int) []int32 {
	total := 0
	for id := range pos {
		total += len(x.phrasesOf.row(id))
	}
	if total*bitsPerSorted < len(x.phrases) {
		var out []int32
		for id := range pos {
			out = append(out, x.phrasesOf.row(id)...)
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	set := make([]uint64, (len(x.phrases)+63)/64)
	for id := range pos {
		for _, n := range x.phrasesOf.row(id) {
			set[n>>6] |= 1 << (n & 63)
		}
	}
	out := make([]int32, 0, min(total, len(x.phrases)))
	for i, w := range set {
		for w != 0 {
			out = append(out, int32(i*64+bits.TrailingZeros64(w)))
			w &= w - 1
		}
	}
	return out
}

// bitsPerSorted weighs a phrase id to sort against a phrase of the list to pass over in the
// set, 64 of which are read at once: below len(phrases)/bitsPerSorted ids, sorting them costs
// less. (In the lists as shipped, a sentence's rows hold hundreds to thousands of ids.)
const bitsPerSorted = 64

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
