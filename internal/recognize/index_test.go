package recognize

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
)

// matches says, as the index must (index.matching), whether a variant of a message word is
// the keyword: as written, or as its start for a stem; a skeleton (translit.go) against the
// keyword's skeletons.
func (k keyword) matches(v string) bool {
	if strings.HasPrefix(v, skeletonMark) {
		return slices.ContainsFunc(k.skels, func(sk string) bool { return v == sk || (k.stem && strings.HasPrefix(v, sk)) })
	}
	return v == k.text || (k.stem && strings.HasPrefix(v, k.text))
}

// findByTrying is find as it was before the index: every phrase of the languages read is tried
// against every word of the message. It is the reference the index must agree with.
func (r *Recognizer) findByTrying(lang string, variants [][]string, self []bool) []match {
	var found []match
	for _, l := range r.languages(lang) {
		if r.sets[l] == nil {
			continue
		}
		var leaning []match
		for _, p := range r.sets[l].parsed() {
			at, described, ok := p.tried(variants, self)
			m := match{topic: p.topic, runes: p.runes, words: at, weak: p.weak, danger: p.danger, sideBySide: p.sideBySide}
			switch {
			case ok && !described:
				found = append(found, m)
			case ok:
				leaning = append(leaning, m)
			}
		}
		// A phrase leaning on a self-description that is a phrase of its topic, with a word of
		// its own beside it.
		for _, m := range leaning {
			for _, d := range leaning {
				if d.topic == m.topic && coveredAll(d.words, self) && !coveredAll(m.words, self) && leansOn(m.words, d.words, self) {
					found = append(found, m)
					break
				}
			}
		}
	}
	return found
}

// tried is anywhere (or sideBySide), found by trying each word of the phrase against each
// word of the message.
func (p *parsed) tried(variants [][]string, self []bool) (at []int, described bool, ok bool) {
	if p.sideBySide {
	starts:
		for start := 0; start+len(p.words) <= len(variants); start++ {
			covered := false
			for j, k := range p.words {
				if !slices.ContainsFunc(variants[start+j], k.matches) {
					continue starts
				}
				covered = covered || (self != nil && self[start+j])
			}
			if !ok || (described && !covered) {
				at, described, ok = nil, covered, true
				for j := range p.words {
					at = append(at, start+j)
				}
			}
			if !covered {
				break
			}
		}
		return at, described, ok
	}
	for _, k := range p.words {
		i, covered := -1, false
		for j, vs := range variants {
			if !slices.ContainsFunc(vs, k.matches) {
				continue
			}
			if self == nil || !self[j] {
				i, covered = j, false
				break
			}
			if i < 0 {
				i, covered = j, true
			}
		}
		if i < 0 {
			return nil, false, false
		}
		at, described = append(at, i), described || covered
	}
	return at, described, true
}

// occurrencesByTrying is list.occurrences as it was before the index: each phrase tried at
// every word of the message.
func (l *list) occurrencesByTrying(variants [][]string) []occurrence {
	var out []occurrence
	for i, p := range l.parsed() {
	starts:
		for start := 0; start+len(p.words) <= len(variants); start++ {
			for j, k := range p.words {
				if !slices.ContainsFunc(variants[start+j], k.matches) {
					continue starts
				}
			}
			out = append(out, occurrence{i, start})
		}
	}
	return out
}

// parsed is the list's phrases with their words, as they were read.
func (l *list) parsed() []parsed {
	var out []parsed
	s := &l.src
	for _, p := range s.phrases {
		ph := parsed{phrase: p}
		for _, w := range s.words[p.at : p.at+p.n] {
			k := keyword{text: s.str(w.text), stem: w.stem, whole: w.whole}
			for _, sk := range s.skels[w.skelAt : w.skelAt+w.skelN] {
				k.skels = append(k.skels, s.str(sk))
			}
			ph.words = append(ph.words, k)
		}
		out = append(out, ph)
	}
	return out
}

// occurrence is a phrase of a list (its position) found at a word of a message.
type occurrence struct{ phrase, start int }

// TestIndexFindsWhatTryingFinds generates keyword lists (whole words, stems, forced stems,
// phrases of several words, Cyrillic words with their Latin skeletons, Arabic words with their
// clitics, words shared between phrases and languages) and messages made of their words, of
// longer and shorter forms of them, of transliterations and of other words, and checks that
// find, through the index, finds exactly the matches (phrases, words and order) that trying
// every phrase finds, with and without words covered by a self-description; and that the
// phrases found in order and side by side (self-descriptions, "but") are those found there by
// trying every phrase at every word.
func TestIndexFindsWhatTryingFinds(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	latin := []string{"work", "job", "flat", "form", "kita", "deutsch", "kurs", "integration", "anhörung", "bamf", "ev", "kira", "visa", "school", "letter", "residence", "permit"}
	cyr := []string{"робота", "житло", "квартира", "школа", "лист", "віза", "дозвіл", "курс", "мова", "садок"}
	arabic := []string{"سكن", "شقة", "بيت", "عمل", "شغل", "مدرسة", "لجوء", "إقامة", "رسالة"}
	ethiopic := []string{"ገዛ", "ስራሕ", "ቤት", "ትምህርቲ"}
	pools := map[string][]string{"en": latin, "de": latin, "tr": latin, "uk": cyr, "ru": cyr, "ar": arabic, "ti": ethiopic}
	langs := []string{"en", "de", "tr", "uk", "ru", "ar", "ti"}
	topics := []directory.Topic{"work", "housing", "letters", "family", "german", "residence", "education"}
	r := New(map[string][]string{"ku": {"tr", "ar"}, "uk": {"ru"}}, "en", "de")
	for range 300 {
		lang := langs[rng.IntN(len(langs))]
		pool := pools[lang]
		var phrases []string
		for range 1 + rng.IntN(4) {
			var words []string
			for range 1 + rng.IntN(3) {
				w := pool[rng.IntN(len(pool))]
				switch rng.IntN(5) {
				case 0:
					w += "*"
				case 1:
					if n := []rune(w); len(n) > 3 {
						w = string(n[:len(n)-1]) // a shorter stem
					}
				}
				words = append(words, w)
			}
			p := strings.Join(words, " ")
			if rng.IntN(6) == 0 {
				p = "~" + p
			}
			if rng.IntN(4) == 0 {
				p = "=" + p
			}
			if rng.IntN(5) == 0 {
				p = "!" + p
			}
			phrases = append(phrases, p)
		}
		r.Add(lang, topics[rng.IntN(len(topics))], strings.Join(phrases, ", "))
		r.AddSelf(lang, strings.Join(phrases, ", "))
	}
	forms := func(w string) []string {
		n := []rune(w)
		out := []string{w, w + "en", w + "s", "the" + w, "ال" + w, "و" + w + "ي"}
		if len(n) > 2 {
			out = append(out, string(n[:len(n)-1]), string(n[1:]))
		}
		return out
	}
	translit := map[string]string{"робота": "robota", "житло": "zhytlo", "квартира": "kvartyra", "школа": "shkola", "лист": "lyst", "віза": "viza", "курс": "kurs", "мова": "mova"}
	readers := append(slices.Clone(langs), "ku")
	checked, matched, sideBySide := 0, 0, 0
	for range 3000 {
		var words []string
		for range 1 + rng.IntN(12) {
			pool := pools[langs[rng.IntN(len(langs))]]
			w := pool[rng.IntN(len(pool))]
			if l, ok := translit[w]; ok && rng.IntN(3) == 0 {
				w = l
			}
			f := forms(w)
			words = append(words, f[rng.IntN(len(f))])
			if rng.IntN(4) == 0 {
				words = append(words, "and", "hello")
			}
		}
		variants := variantsOf(strings.Join(words, " "))
		var self []bool
		if rng.IntN(3) == 0 {
			self = make([]bool, len(variants))
			for i := range self {
				self[i] = rng.IntN(3) == 0
			}
		}
		for _, lang := range readers {
			want := r.findByTrying(lang, variants, self)
			got := r.find(lang, variants, self)
			for i := range got {
				got[i].places = nil // the reference does not know them
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %q (self %v):\nindex  %+v\ntrying %+v", lang, strings.Join(words, " "), self, got, want)
			}
			checked++
			matched += len(want)
		}
		for lang, l := range r.selves {
			want := l.occurrencesByTrying(variants)
			var got []occurrence
			for p, start := range l.occurrences(variants) {
				got = append(got, occurrence{slices.IndexFunc(l.src.phrases, func(q phrase) bool { return q.at == p.at }), start})
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %q side by side:\nindex  %v\ntrying %v", lang, strings.Join(words, " "), got, want)
			}
			sideBySide += len(want)
		}
	}
	if matched < checked || sideBySide < 1000 {
		t.Fatalf("only %d matches in %d messages, %d side by side: the generated messages hardly hold the phrases", matched, checked, sideBySide)
	}
}

// TestCandidatesEitherWay checks that the phrases holding a message's keywords come out the
// same, in the list's order and once each, whether their rows are sorted together (few) or
// marked in a set of the list's phrases (many): random keyword sets of every size over a
// list of phrases that share words.
func TestCandidatesEitherWay(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var words []string
	for i := range 300 {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	words = append(words, "common", "common", "common", "common", "common", "common") // in many phrases
	var phrases []string
	for range 400 {
		var p []string
		for range 1 + rng.IntN(3) {
			p = append(p, words[rng.IntN(len(words))])
		}
		phrases = append(phrases, strings.Join(p, " "))
	}
	r := New(nil, "en", "de")
	r.Add("en", "work", strings.Join(phrases, ", "))
	x := r.sets["en"].index()
	keywords := int32(len(x.stem))
	sorted, marked := 0, 0
	for range 500 {
		pos := map[int32][]int{}
		for range 1 + rng.IntN(int(keywords)/[]int{1, 20}[rng.IntN(2)]) {
			pos[rng.Int32N(keywords)] = []int{0}
		}
		var want []int32
		total := 0
		for id := range pos {
			want = append(want, x.phrasesOf.row(id)...)
			total += len(x.phrasesOf.row(id))
		}
		slices.Sort(want)
		want = slices.Compact(want)
		if got := x.candidates(pos); !slices.Equal(got, want) {
			t.Fatalf("keywords %v: %v, want %v", pos, got, want)
		}
		if total*bitsPerSorted < len(x.phrases) {
			sorted++
		} else {
			marked++
		}
	}
	t.Logf("%d sorted, %d marked", sorted, marked)
	if sorted == 0 || marked == 0 {
		t.Fatalf("%d sorted, %d marked: one way was not tried", sorted, marked)
	}
}

// TestTextsLookup checks the table behind the index: every text added is found with its ids,
// in bytes as in a string, however many texts the table holds (its bits sized to them), and
// texts not added (beginnings and extensions of those added, others) are not.
func TestTextsLookup(t *testing.T) {
	for _, n := range []int{1, 2, 7, 100, 5000} {
		var b textsBuilder
		for i := range n {
			b.add(fmt.Sprintf("wort%d", i), int32(i))
			b.add(fmt.Sprintf("wort%d", i), int32(i+n))
		}
		tx := b.build()
		for i := range n {
			text := fmt.Sprintf("wort%d", i)
			want := []int32{int32(i), int32(i + n)}
			if got := tx.lookup(text); !slices.Equal(got, want) {
				t.Fatalf("%d texts: %q has %v, want %v", n, text, got, want)
			}
			if got := tx.lookupBytes([]byte(text)); !slices.Equal(got, want) {
				t.Fatalf("%d texts: %q in bytes has %v, want %v", n, text, got, want)
			}
		}
		for _, text := range []string{"", "w", "wort", fmt.Sprintf("wort%d", n), "wort0x", "другое"} {
			if got := tx.lookup(text); got != nil {
				t.Fatalf("%d texts: %q, never added, has %v", n, text, got)
			}
		}
	}
	var empty textsBuilder
	if tx := empty.build(); tx.lookup("wort") != nil || tx.lookupBytes(nil) != nil {
		t.Fatal("an empty table found a text")
	}
}
