package recognize

import (
	"hash/maphash"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// People type long words as they hear them: "Ausländerbehörte", "fiktionsbeschainigung",
// "аусляндербехьорде", "recognision". A long keyword in Latin or Cyrillic letters therefore
// also matches a message word one letter away from it (a letter missing, added or replaced,
// or two neighbours swapped), and a long stem a word that begins one letter away from it.
// Only a word that matches no keyword as written, and is no word the bot itself says in the
// languages read (AddWords), is compared so, and only with keywords of nearLength letters or
// more: short words one letter apart are often different words (Arabic script, written
// without short vowels, and Ethiopic syllables are left out for the same reason). A slip keeps
// the first two letters; in a stem it keeps the last two and the length as well, for the end
// of a stem is where words of one root part ("закінчила" is no slip for "закінчит*", nor
// "internat" for "internet*"). The index keeps each long keyword under its text and under its
// text with one letter left out; a word is looked up the same way, so that a keyword one
// letter away is found without comparing the word with every keyword.

// AddWords adds the words of text, something the bot says in lang, to the words known in
// lang: a message word among them is a word of its own, not a slip of a keyword one letter
// away (Somali "caawimaad", help, is not "caafimaad", health).
func (r *Recognizer) AddWords(lang, text string) {
	if r.words == nil {
		r.words = map[string]map[uint64]bool{}
	}
	if r.words[lang] == nil {
		r.words[lang] = map[uint64]bool{}
	}
	for _, w := range Normalize(text) {
		if runeLen(w) >= nearLength-1 {
			r.words[lang][maphash.String(seed, w)] = true
		}
	}
	// Short words written in lowercase are the language's own (a capitalised one may be a
	// German term the text keeps: "Kita", "BAMF").
	if r.short == nil {
		r.short = map[string]map[uint64]bool{}
	}
	if r.short[lang] == nil {
		r.short[lang] = map[uint64]bool{}
	}
	for _, token := range strings.FieldsFunc(text, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.Is(unicode.Mn, c) }) {
		if runeLen(token) > maxShortWord || token != strings.ToLower(token) {
			continue
		}
		if ws := Normalize(token); len(ws) == 1 {
			r.short[lang][maphash.String(seed, ws[0])] = true
		}
	}
}

// maxShortWord is the longest word AddWords takes for a language's own short word: longer
// words shared by two languages are mostly the same word borrowed (Jobcenter, Integrationskurs).
const maxShortWord = 4

// nearLength is how many letters a keyword must have to match a word one letter away.
const nearLength = 9

// nearScript says whether w is written in Latin or Cyrillic letters only.
func nearScript(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) || !(unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Cyrillic, r)) {
			return false
		}
	}
	return w != ""
}

// lessOne is w with one letter left out, for each of its letters.
func lessOne(w []rune) []string {
	out := make([]string, len(w))
	buf := make([]rune, 0, len(w))
	for i := range w {
		buf = append(append(buf[:0], w[:i]...), w[i+1:]...)
		out[i] = string(buf)
	}
	return out
}

// addNear indexes keyword id, whose text is text, in near for words one letter away, when it
// is long enough.
func (x *index) addNear(near *textsBuilder, id int32, text string) {
	rs := []rune(text)
	if len(rs) < nearLength || !nearScript(text) {
		return
	}
	x.lettersOf[id] = span{uint32(len(x.letters)), uint32(len(rs))}
	x.letters = append(x.letters, rs...)
	x.nearMax = max(x.nearMax, len(rs))
	for _, k := range append(lessOne(rs), text) {
		near.add(k, id)
	}
}

// lettersOfKeyword are keyword id's letters, if it is in near.
func (x *index) lettersOfKeyword(id int32) []rune {
	sp := x.lettersOf[id]
	return x.letters[sp.off : sp.off+sp.n]
}

// nearTo calls yield with each keyword one letter away from w, or, for a stem, from the
// beginning of w as long as the stem.
func (x *index) nearTo(w string, yield func(int32)) {
	if len(x.near.key) == 0 || !nearScript(w) {
		return
	}
	rs := []rune(w)
	if len(rs) < nearLength-1 {
		return
	}
	var seen []int32
	buf := make([]byte, 0, len(w))
	// try looks p up, and p with each letter left out, and yields the keywords found that
	// ok accepts.
	try := func(p []rune, ok func(k []rune, stem bool) bool) {
		for skip := -1; skip < len(p); skip++ {
			buf = buf[:0]
			for i, r := range p {
				if i != skip {
					buf = utf8.AppendRune(buf, r)
				}
			}
			for _, id := range x.near.lookupBytes(buf) {
				if !slices.Contains(seen, id) && ok(x.lettersOfKeyword(id), x.stem[id]) {
					seen = append(seen, id)
					yield(id)
				}
			}
		}
	}
	if len(rs) <= x.nearMax+1 { // no keyword is one letter away from a longer word
		try(rs, func(k []rune, _ bool) bool { return slip(rs, k) })
	}
	for n := nearLength; n < len(rs)-1 && n <= x.nearMax; n++ { // an inflected word: its beginning as long as a stem
		p := rs[:n]
		try(p, func(k []rune, stem bool) bool {
			return stem && len(k) == n && slices.Equal(p[n-2:], k[n-2:]) && slip(p, k)
		})
	}
}

// slip says whether a is b with a slip of the finger or of the ear: one letter missing, added
// or replaced, or two neighbours swapped, after the first two letters.
func slip(a, b []rune) bool {
	return len(a) > 2 && len(b) > 2 && a[0] == b[0] && a[1] == b[1] && OneApart(a, b)
}

// OneApart says whether a and b differ by one letter missing, added or replaced, or by two
// neighbours swapped (and are not equal).
func OneApart(a, b []rune) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	switch len(a) - len(b) {
	case 0:
		diff := -1
		for i := range a {
			if a[i] != b[i] {
				if diff >= 0 {
					// a second difference: only a swap of the two neighbours
					return diff == i-1 && a[diff] == b[i] && a[i] == b[diff] && slices.Equal(a[i+1:], b[i+1:])
				}
				diff = i
			}
		}
		return diff >= 0
	case 1:
		i := 0
		for i < len(b) && a[i] == b[i] {
			i++
		}
		return slices.Equal(a[i+1:], b[i:])
	}
	return false
}

// runeLen is the number of letters of w.
func runeLen(w string) int { return utf8.RuneCountInString(w) }

// nearPositions adds to pos (see positions) the keywords one letter away from the message's
// words that matched no keyword (matched: per word, whether one did).
func (x *index) nearPositions(variants [][]string, matched []bool, pos map[int32][]int) map[int32][]int {
	for j, vs := range variants {
		if matched[j] || len(vs) == 0 {
			continue
		}
		x.nearTo(vs[0], func(id int32) { pos = placed(pos, id, j) })
	}
	return pos
}

// Dictation and hurried typing split German compounds: "ausländer behörde", "bürger geld",
// "aus bildung", "fiktions bescheinigung". Two neighbouring words in Latin or Cyrillic
// letters are therefore also read as one, for keywords of joinedLength letters or more that
// need letters of both, joinedPart or more of the second (a keyword the first word holds alone
// was found already).

// joinedLength is how many letters a keyword must have to match two words read as one, and
// joinedPart how many of them it must take from the second word ("penaber im", I am a
// refugee, is no "penaberi...").
const (
	joinedLength = 8
	joinedPart   = 3
)

// joinedPositions adds to pos (see positions) the long keywords that two neighbouring words,
// read as one, match; the match is placed at the first of them.
func (x *index) joinedPositions(variants [][]string, pos map[int32][]int) map[int32][]int {
	if len(variants) < 2 {
		return pos
	}
	// Per word, its letters when it may take part (Latin or Cyrillic), else -1.
	letters := make([]int, len(variants))
	for j, vs := range variants {
		letters[j] = -1
		if len(vs) > 0 && nearScript(vs[0]) {
			letters[j] = runeLen(vs[0])
		}
	}
	for j := 0; j+1 < len(variants); j++ {
		la, lb := letters[j], letters[j+1]
		if la < 2 || lb < joinedPart || la+lb < joinedLength {
			continue
		}
		a, b := variants[j][0], variants[j+1][0]
		joined := a + b
		add := func(id int32) { pos = placed(pos, id, j) }
		for _, id := range x.exact.lookup(joined) {
			add(id)
		}
		// Stems that end inside the second word, with joinedPart of its letters or more.
		n := 0 // letters of b before byte i
		for i := range b {
			if n >= joinedPart && la+n >= joinedLength {
				for _, id := range x.stems.lookup(joined[:len(a)+i]) {
					add(id)
				}
			}
			n++
		}
	}
	return pos
}

// placed is pos with keyword id found at word j too (see positions: words in order, once).
func placed(pos map[int32][]int, id int32, j int) map[int32][]int {
	if pos == nil {
		pos = map[int32][]int{}
	}
	ws := pos[id]
	if i, found := slices.BinarySearch(ws, j); !found {
		pos[id] = slices.Insert(ws, i, j)
	}
	return pos
}
