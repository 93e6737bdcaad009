package postcode

import (
	"hash/maphash"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/recognize"
)

// Named is a place someone typed by its name instead of a postcode.
type Named struct {
	// Name is the place as the table writes it ("Baunatal", "Frankfurt am Main"), or as
	// typed where the name is shared by places outside the served area ("Frankfurt").
	Name string
	// InArea says the place lies in the served area; Town, that it is the served area
	// itself. Lat and Lon are the centre of a place in the area (the mean of its postcodes'
	// centres, or the area's centre): distances from a place outside it say nothing useful.
	InArea, Town bool
	Lat, Lon     float64
	// Alone says the text was the name and nothing more ("Baunatal", not "I live in
	// Baunatal").
	Alone bool
	// First and Last are the words of the text the name was read in (as recognize.Normalize
	// splits it), so that the words around it can be read too ("not in Kassel").
	First, Last int
	// local says the name is one of the area's own places, typed whole (not a form of it):
	// read before a place of the same name elsewhere.
	local bool
}

// minCyrillic is the fewest letters of a name typed in Cyrillic that is compared with the
// places' transcriptions: shorter words are too often words ("сын", "там", "еще" read as
// Sinn, Tamm, Esche), and Kiel or Ulm can be given by postcode.
const minCyrillic = 5

// maxNamedWords bounds the words of a text read for a place name: "Kassel", "ich wohne in
// Baunatal", "أسكن في كاسل". A longer text is a sentence about something else.
const maxNamedWords = 5

// maxTownWords bounds the words of a text read for the served town, whose names are few and
// known: "Ich wohne mit meiner Familie in Kassel", "мы живём в Касселе уже два года".
const maxTownWords = 12

// names indexes the table's places by name, read as people type it (recognize.Normalize:
// case, accents and punctuation do not matter), and by the skeletons of their Cyrillic
// transcriptions (see cyrillic.go). Built on first use. It is kept for the life of the
// process, so it holds few pointers for the garbage collector to follow: keys are hashes
// (two names with one 64-bit hash would only read one for the other), and the places of every
// name lie in one array.
type names struct {
	once     sync.Once
	by, skel map[uint64]int32 // a name's hash → its group
	groups   []namedEntries
	places   []int32 // the groups' entries (indexes of Table.entries), group after group
}

// namedEntries are the postcodes a name stands for (places[first:first+n]), the name to show
// for it (the first place's, or the part they share: "Frankfurt"), and whether it is the
// whole name of a place (not only the part before a qualifier).
type namedEntries struct {
	name     string
	first, n int32
	whole    bool
}

var nameSeed = maphash.MakeSeed()

func nameKey(s string) uint64 { return maphash.String(nameSeed, s) }

// index builds the name index: each place under its whole name, and a name with a
// qualifier ("Frankfurt am Main", "Halle (Saale)", "Weil am Rhein") also under the part
// before it, so that "Frankfurt" and "Halle" are found.
func (t *Table) index() *names {
	t.names.once.Do(func() {
		type building struct {
			name    string
			entries []int32
			whole   bool
		}
		by, skel := map[uint64]*building{}, map[uint64]*building{}
		put := func(in map[uint64]*building, key, name string, i int, whole bool) {
			h := nameKey(key)
			b := in[h]
			if b == nil {
				b = &building{name: name}
				in[h] = b
			}
			if len(b.entries) == 0 || b.entries[len(b.entries)-1] != int32(i) {
				b.entries = append(b.entries, int32(i))
			}
			b.whole = b.whole || whole
		}
		add := func(name string, i int, whole bool) {
			key := strings.Join(recognize.Normalize(name), " ")
			if len([]rune(key)) < 3 {
				return
			}
			put(by, key, name, i, whole)
			for _, sk := range nameSkeletons(name) {
				put(skel, sk, name, i, whole)
			}
		}
		byPlace := map[string][]int{}
		for i, e := range t.entries {
			add(e.Place, i, true)
			if base := baseName(e.Place); base != e.Place {
				add(base, i, false)
			}
			byPlace[e.Place] = append(byPlace[e.Place], i)
		}
		// A place's other names (othernames.tsv: "Monachium", "Cologne", "ميونخ") stand for
		// it as its own name does, unless a place of the table is called so.
		for other, place := range otherNames() {
			key := strings.Join(recognize.Normalize(other), " ")
			if _, taken := by[nameKey(key)]; taken || len([]rune(key)) < 3 {
				continue
			}
			for _, i := range byPlace[place] {
				put(by, key, place, i, true)
			}
		}
		n := &t.names
		flatten := func(in map[uint64]*building, transcribed bool) map[uint64]int32 {
			out := make(map[uint64]int32, len(in))
			for h, b := range in {
				name := b.name
				if transcribed {
					// A transcription several places share says the most common of them
					// (Эссен is Essen, not Jessen).
					name = commonest(t.entries, b.entries, name)
				}
				out[h] = int32(len(n.groups))
				n.groups = append(n.groups, namedEntries{name: name, first: int32(len(n.places)), n: int32(len(b.entries)), whole: b.whole})
				n.places = append(n.places, b.entries...)
			}
			return out
		}
		n.by, n.skel = flatten(by, false), flatten(skel, true)
	})
	return &t.names
}

// lookup is the group of names under key (by or skel), if any.
func (n *names) lookup(in map[uint64]int32, key string) (*namedEntries, bool) {
	g, ok := in[nameKey(key)]
	if !ok {
		return nil, false
	}
	return &n.groups[g], true
}

// entries are a group's places, as indexes of Table.entries.
func (n *names) entries(g *namedEntries) []int32 { return n.places[g.first : g.first+g.n] }

// qualifiers start the part of a place's name that tells it from others of the same name.
var qualifiers = []string{" (", " am ", " an der ", " an den ", " im ", " in ", " bei ", " ob der ", " a. ", " a.d. ", " i. ", " v. d. "}

// baseName is a place's name without its qualifier.
func baseName(place string) string {
	cut := len(place)
	for _, q := range qualifiers {
		if i := strings.Index(place, q); i > 0 && i < cut {
			cut = i
		}
	}
	return strings.TrimSpace(place[:cut])
}

// withEnding says whether w is name, of five letters or more, with an ending of one to four
// letters after it as written ("hofgeismarda", "Baunatalê"): the forms Reading.Written reads.
func withEnding(w, name string) bool {
	n, e := utf8.RuneCountInString(name), utf8.RuneCountInString(w)-utf8.RuneCountInString(name)
	return n >= 5 && e >= 1 && e <= 4 && strings.HasPrefix(w, name)
}

// minLowerName is the fewest letters of a place's name read after a word that says where
// one is when it is not typed as the table writes it: shorter names are too often words
// ("bei meine sohn": Meine).
const minLowerName = 6

// inflected reads a word w of text after one that says where one is as a place of the table
// of five letters or more with an ending of one to three letters: "Frankfurtê", "Марбурге",
// "Ганновере", "Корбаху" (a Cyrillic stem by its transcription's skeleton). In Latin
// letters, the name must stand in text as the table writes it, capital and all: "on m'a
// arraché" is no Arrach, "in meiner Stadt" no Meine.
func (p *Places) inflected(idx *names, text, w string) (Named, bool) {
	r := []rune(w)
	for cut := 1; cut <= 3 && len(r)-cut >= 5; cut++ {
		stem := string(r[:len(r)-cut])
		if found, ok := idx.lookup(idx.by, stem); ok {
			if named := p.named(idx, found); asWritten(text, strings.Fields(named.Name)[0]) || capitalised(text, w) {
				return named, true
			}
		}
		for _, sk := range typedSkeletons([]string{stem}) {
			if found, ok := idx.lookup(idx.skel, sk); ok && found.whole {
				return p.named(idx, found), true
			}
		}
	}
	return Named{}, false
}

// Warm builds the index of places by name now (Named builds it on first use otherwise), so
// that the first people to name a place after a start do not wait for it: it takes about
// 80 ms on a 2-core machine, and every place question answered meanwhile waits with them.
func (p *Places) Warm() { p.Table.index() }

// Named finds the place a short text names: the served area by any of its names (in any
// language: "Kassel", "كاسل"), or a place of the postcode table, typed alone (also without
// its qualifier: "Frankfurt", "Halle") or by its whole name at the end of a few words ("ich
// wohne in Baunatal"), also in Cyrillic as it is transcribed ("Баунаталь"); the longest name
// wins. Failing those, the served town in a form people type, anywhere in the text (see
// townForm). Of several places of one name,
// those in the served area are taken when there are any.
func (p *Places) Named(text string) (Named, bool) { return p.NamedIn(text, Reading{}) }

// Reading is what a language's words around a name say, for NamedIn.
type Reading struct {
	// Refused is given a name's words (Named.First, Named.Last) and the first word after the
	// last other name before it, from (0 when there is none), and says whether the words
	// around it say it is not meant ("I don't live in Kassel").
	Refused func(first, last, from int) bool
	// At says whether a word puts the words after it as a place one is at: "in", "à", "li",
	// "в", "ኣብ" (the catalogs' answer.at). After it a place of the table is read anywhere in
	// a sentence, in any letter case, and with an ending ("li Frankfurtê", "в Марбурге").
	At func(word string) bool
	// Near is given a name's words (Named.First, Named.Last) and says whether the words
	// around them put the person near the place rather than in it ("Landkreis Kassel", "near
	// Kassel": the catalogs' answer.near). The served town so named is passed over when
	// another place is named too: "a village in the Landkreis Kassel called Zierenberg" is
	// Zierenberg (J12: it was the city, and the city's Jobcenter).
	Near func(first, last int) bool
	// Written reads the area's places only as they are written, or with an ending after them
	// ("hofgeismarda"), not in their other forms nor by how they sound (the town keeps its
	// forms: "in Kassel", "в Касселе"): for a message
	// that answers another question and may name where the person lives, whose words are many
	// and not meant as a place ("Schichten" is no Schachten, "ersten" no Ersen).
	Written bool
	// around: the text is a window of a longer one (namedAround), whose short place names
	// are left to its other words (an arrival place is not read there).
	around bool
}

// NamedIn is Named reading the words around the names as r says (see Reading). A name that
// r.Refused says is not meant is passed over; it is given the first word after the last other
// name before it, so that a word that refuses one name is not read as refusing the next: in
// "Kassel'de değilim, Baunatal'dayım" (not in Kassel, in Baunatal) and "nicht Kassel,
// Vellmar" the place is the second.
func (p *Places) NamedIn(text string, r Reading) (Named, bool) {
	words := recognize.Normalize(text)
	if len(words) > maxTownWords {
		return p.namedAround(words, r)
	}
	refused := r.Refused
	var found []Named
	add := func(n Named) bool {
		switch at := slices.IndexFunc(found, func(f Named) bool { return f.First == n.First && f.Last == n.Last }); {
		case at < 0:
			found = append(found, n)
		case n.local && !found[at].InArea:
			// Of names at one place, one of the area's own first: "Weimar" is a village of
			// Ahnatal to a newcomer of the area before it is the town in Thuringia.
			found[at] = n
		}
		return true
	}
	p.candidates(text, words, r, add)
	// Of the names not refused, the first in the text is where the person is, the others its
	// landmarks or where others are: "Lohfelden, near Kassel", "Kassel, but I work in
	// Baunatal", "in Espenau, the children's school in Vellmar", "Melsungen'deyim, Kassel'e
	// yakın" (a place outside the area is read only at the end of a sentence, or with an
	// ending after an apostrophe: see candidates). Of names at one place, the likeliest.
	var meant []Named
	for _, n := range found {
		from := 0
		for _, o := range found {
			if o.Last < n.First {
				from = max(from, o.Last+1)
			}
		}
		if refused == nil || !refused(n.First, n.Last, from) {
			meant = append(meant, n)
		}
	}
	if len(meant) == 0 {
		return Named{}, false
	}
	if r.Near != nil && len(meant) > 1 {
		var in []Named
		for _, n := range meant {
			if !n.Town || !r.Near(n.First, n.Last) {
				in = append(in, n)
			}
		}
		if len(in) > 0 {
			meant = in
		}
	}
	best := meant[0]
	for _, n := range meant[1:] {
		if n.First < best.First {
			best = n
		}
	}
	return best, true
}

// namedAround reads a text too long to be read whole ("I am 22 and live in Baunatal and got
// a letter from the Jobcenter I do not understand") only around the words that say where one
// is (r.At): from two words before one (a refusal: "do not live in") to three after it (a name
// of up to three words), each such window read as a short text is. The first window that
// names a place names it.
func (p *Places) namedAround(words []string, r Reading) (Named, bool) {
	if r.At == nil {
		return Named{}, false
	}
	for i, w := range words[:len(words)-1] {
		if !r.At(w) {
			continue
		}
		from := max(0, i-2)
		window := r
		window.around = true
		if r.Refused != nil {
			window.Refused = func(first, last, since int) bool {
				if since > 0 { // a name before it in the window; none before the window was read
					since += from
				}
				return r.Refused(from+first, from+last, since)
			}
		}
		if r.Near != nil {
			window.Near = func(first, last int) bool { return r.Near(from+first, from+last) }
		}
		if named, ok := p.NamedIn(strings.Join(words[from:min(len(words), i+4)], " "), window); ok {
			named.Alone, named.First, named.Last = false, from+named.First, from+named.Last
			return named, true
		}
	}
	return Named{}, false
}

// candidates calls add with each name text (its words: recognize.Normalize, at most
// maxTownWords, see NamedIn) may be read as, the likeliest first (see Named), until add says
// to stop.
func (p *Places) candidates(text string, words []string, r Reading, add func(Named) bool) {
	at := r.At
	if len(words) == 0 {
		return
	}
	clauses := recognize.WordClauses(text)
	// A place is named in a sentence at its end or a clause's ("I live in Hamburg",
	// "Fritzlar, near Kassel": atEnd, for the word before j), or after a word that puts it as
	// where one is ("I live in Fritzlar with my family": located, for the name's first word i).
	var locating []bool // whether each word is one that says where one is
	if at != nil {
		locating = make([]bool, len(words))
		for i, w := range words {
			locating[i] = at(w)
		}
	}
	located := func(i int) bool { return i > 0 && locating != nil && locating[i-1] }
	// A name that opens a short answer and is followed by such a word is read as one after
	// it is: "Giessen camp", "Gießen in der Erstaufnahme", "ګیسن کمپ".
	leading := func(i, n int) bool {
		return i == 0 && n < len(words) && len(words) <= maxSoundWords && locating != nil && locating[n]
	}
	atEnd := func(j int) bool { return j == len(words) || clauses != nil && clauses[j] != clauses[j-1] }
	current := p.Area.Current()
	a := *current
	town := map[string]bool{}
	for _, n := range append([]string{a.Name}, values(a.Names)...) {
		town[strings.Join(recognize.Normalize(n), " ")] = true
	}
	served := Named{Name: a.Name, InArea: true, Town: true, Lat: a.Latitude, Lon: a.Longitude}
	idx := p.Table.index()
	for n := min(len(words), maxNamedWords); n >= 1; n-- { // a name of more words is read without its qualifier
		for i := 0; i+n <= len(words); i++ {
			key := strings.Join(words[i:i+n], " ")
			alone := n == len(words)
			after := !alone && (located(i) || leading(i, n))
			ownClause := atEnd(i+n) && (i == 0 || clauses != nil && clauses[i-1] != clauses[i])
			if !alone && !after && !ownClause && (len(words) > maxNamedWords || !atEnd(i+n) || len([]rune(key)) < 4) {
				// In a sentence, a name is read at its end or a clause's ("I live in
				// Hamburg"), where people put where they live, and only a longer one:
				// "Weil" is a place, and "weil ich neu bin" no answer to where; in a
				// sentence of any length, a clause of its own ("…, Fritzlar"), or after
				// a word that says where one is.
				continue
			}
			if town[key] {
				served.Alone, served.First, served.Last = alone, i, i+n-1
				if !add(served) {
					return
				}
				continue
			}
			if found, ok := idx.lookup(idx.by, key); ok && (found.whole || alone || after) {
				named := p.named(idx, found)
				named.Alone, named.First, named.Last = alone, i, i+n-1
				// In a sentence, a place outside the area is read only as the table writes
				// it: the words of a sentence are too often places too ("thank you very
				// much": Much; "in der Nähe": Nahe).
				// After a word that says where one is, also typed in lower case if it is
				// long enough ("camp in giessen"; "bei meine sohn" is no Meine).
				// In a short answer, a name in a script without capitals (Arabic, Ethiopic)
				// is as written however it is typed: "في ميونخ", "په میونخ کې".
				if alone || named.InArea || asWritten(text, named.Name) || after && (utf8.RuneCountInString(key) >= minLowerName ||
					caseless(key) && !r.Written && !r.around) {
					if !add(named) {
						return
					}
				}
			}
			if after && n == 1 {
				if named, ok := p.inflected(idx, text, words[i]); ok {
					named.First, named.Last = i, i
					if !add(named) {
						return
					}
				}
			}
			if len([]rune(key)) < minCyrillic {
				continue
			}
			for _, sk := range typedSkeletons(words[i : i+n]) { // written in Cyrillic: Баунаталь
				if found, ok := idx.lookup(idx.skel, sk); ok && (found.whole || alone) {
					named := p.named(idx, found)
					named.Alone, named.First, named.Last = alone, i, i+n-1
					if !add(named) {
						return
					}
				}
			}
		}
	}
	// A name with an ending after an apostrophe ("Baunatal'dayım", "Kassel'de") is a name
	// wherever it stands: Turkish and Kurmanji write a proper noun's endings so.
	stems := apostropheStems(text)
	for i, w := range words {
		stem, ok := stems[w]
		if !ok {
			continue
		}
		if town[stem] {
			served.Alone, served.First, served.Last = false, i, i
			if !add(served) {
				return
			}
			continue
		}
		if found, ok := idx.lookup(idx.by, stem); ok {
			named := p.named(idx, found)
			named.First, named.Last = i, i
			if named.InArea || asWritten(text, named.Name) || capitalised(text, w) {
				if !add(named) {
					return
				}
			}
		}
	}
	for i, w := range words {
		for name := range town {
			if townForm([]rune(w), []rune(name)) {
				served.Alone, served.First, served.Last = len(words) == 1, i, i
				if !add(served) {
					return
				}
			}
		}
	}
	// The area's other places and the town's districts are read as the town is: anywhere in
	// a short text ("we got a flat in Calden last month", "stau la Baunatal, lucrez la VW"),
	// and in the forms townForm reads ("li Baunatalê", "w Baunatalu", "Lohfeldenn"). They are
	// few, and known to be where the person may live.
	local, near := p.local(current, idx)
	for _, l := range local {
		for i := 0; i+len(l.words) <= len(words); i++ {
			whole := slices.Equal(words[i:i+len(l.words)], l.words)
			form := len(l.words) == 1 && (r.Written && withEnding(words[i], l.words[0]) ||
				!r.Written && localForm([]rune(words[i]), []rune(l.words[0])))
			if !whole && !form {
				continue
			}
			named := l.named
			named.Alone, named.First, named.Last = len(l.words) == len(words), i, i+len(l.words)-1
			named.local = whole
			if !add(named) {
				return
			}
		}
	}
	// Last, the area's places as they sound, in any script (see soundSkeletons), in a short
	// answer: a word of four letters or more whose skeleton is the place's, of four consonants
	// or more (with three, too many words sound like one: "nicht" like Nieste, "لابني" like
	// Liebenau).
	// In a longer answer, or one read as written (a message answering another question),
	// only a word after one that says where one is ("ساكن في بوناتال", "در ویلمار", "په
	// باوناتال کې"): a name in another script than the table's is read only as it sounds.
	everywhere := len(words) <= maxSoundWords && !r.Written
	if !everywhere && locating == nil {
		return
	}
	// A word that begins with a preposition written as one with it and saying where one is
	// ("ببوناتال", "بفيلمار": answer.at holds "ب") is after such a word too.
	joined := func(w string) bool {
		r := []rune(w)
		return at != nil && len(r) > 4 && strings.ContainsRune(proclitics, r[0]) && at(string(r[0]))
	}
	sounds := make([][]string, len(words))
	for i, w := range words {
		// Read only after its preposition (the word without its first letter), when that is
		// what lets it be read: "بيليفيلد" is not "in Ielefeld".
		afterJoined := !everywhere && !located(i)
		if afterJoined && !joined(w) {
			continue
		}
		if stem, ok := stems[w]; ok {
			w = stem // İmmenhauzen'de, Hofgaysmar'dayız
		}
		if utf8.RuneCountInString(w) >= 4 {
			if !afterJoined {
				sounds[i] = soundSkeletons(w)
			}
			if r := []rune(w); strings.ContainsRune(proclitics, r[0]) && len(r) > 4 {
				sounds[i] = append(sounds[i], soundSkeletons(string(r[1:]))...) // بباوناتال
			}
		}
	}
	for _, l := range local {
		for i := range words {
			if len(l.sounds) == 0 || !soundsLike(sounds[i], l.sounds) {
				continue
			}
			// With three consonants only the town, in Latin letters, as the answer's last word
			// ("stau in Casel", "Je suis à Cassel"; its forms in other scripts are townForm's):
			// too many words sound like the others.
			if consonants := len(strings.TrimPrefix(l.sounds[0], "_")); consonants < minSoundName &&
				(!l.named.Town || i < len(words)-1 || !unicode.Is(unicode.Latin, []rune(words[i])[0])) {
				continue
			}
			named := l.named
			named.Alone, named.First, named.Last = len(words) == 1, i, i
			if !add(named) {
				return
			}
		}
	}
	// The big cities outside the area, and the towns around it (near), in another script
	// than the table's, as they sound ("هامبورغ", "ሃምቡርግ", "فرانکفورت", "ملزونغن"): a place
	// named there is said to be outside the area at once, instead of its postcode being asked
	// for. After the area's places, which win a word
	// that sounds like both (add keeps the first read of a word).
	for i, w := range words {
		if sounds[i] == nil {
			continue
		}
		whole := len(words) == 1 || located(i) || leading(i, 1) || joined(w)
		if unicode.Is(unicode.Latin, []rune(w)[0]) && !whole {
			continue // in Latin letters, in a sentence, a word that sounds like a city is a word
		}
		cities := p.Table.bigCities()
		if whole {
			// A town around the area only as the whole answer or after a word that says
			// where one is ("ملزونغن", "در گوتینگن"): they are many, and words of a sentence
			// sound like them ("پوهنتون", university, like Bovenden).
			cities = append(slices.Clip(cities), near...)
		}
		latin := unicode.Is(unicode.Latin, []rune(w)[0])
		for _, c := range cities {
			if c.arrival && (r.Written || r.around) {
				continue
			}
			if !soundsLike(sounds[i], c.sounds) || latin && []rune(w)[0] != []rune(c.key)[0] {
				// In Latin letters, spelt as heard ("Gotingen", "Berliin", "Francfort"), with
				// the name's first letter: "szparagach" is no Duisburg.
				continue
			}
			found, ok := idx.lookup(idx.by, c.key)
			if !ok {
				continue
			}
			if named := p.named(idx, found); !named.InArea {
				named.Alone, named.First, named.Last = len(words) == 1, i, i
				if !add(named) {
					return
				}
			}
		}
	}
}

// localForm says whether a word w is one of the area's places of one word (name) in a form
// people type: with an ending ("Baunatalê", "baunatalda", "Vellmarze"), or, for a name of
// seven letters or more, one letter away inside it ("Lohfeldenn", "Grebenstien"). Stricter
// than townForm: a shorter name one letter away is too often a word ("helal", "hesap" and
// Helsa; "niste" and Nieste).
func localForm(w, name []rune) bool {
	if len(name) < minTownForm || !unicode.Is(unicode.Latin, name[0]) {
		return false
	}
	if len(w) > len(name) && len(w) <= len(name)+5 && slices.Equal(w[:len(name)], name) {
		return true
	}
	return len(name) >= minLocalSlip && w[0] == name[0] && w[len(w)-1] == name[len(name)-1] && recognize.OneApart(w, name)
}

// minLocalSlip is the fewest letters of an area's place read one letter away.
const minLocalSlip = 7

// localName is one of the served area's places (see local) as its words are typed, and
// what it names.
type localName struct {
	words  []string
	sounds []string // a one-word name's skeletons (soundSkeletons)
	named  Named
}

// maxSoundWords bounds the words of an answer read for a place as it sounds: "ኣብ ባውናታል ኢና
// ንነብር", "Bawnataal ayaan ku noolahay". A longer one is a sentence about something else.
const maxSoundWords = 6

// minVillageSound is the fewest consonants of a village named by its part of a municipality
// (Oberkaufungen) for it to be read as it sounds.
const minVillageSound = 6

// minSoundName is the fewest consonants of a place's skeleton for it to be read as it sounds.
const minSoundName = 4

// villageParts start the names of villages named by where they lie in a municipality.
var villageParts = []string{"nieder", "ober", "unter", "mittel", "alten", "neu", "groß", "gross", "klein"}

// city is a big city of the table: its name as the index knows it, and its sound skeletons.
type city struct {
	key    string
	sounds []string
	// arrival: one of the area's arrival places (area.Area.Arrival), read only in a short
	// answer to where one lives (not in a message read as written, see Reading.Written, nor
	// in a longer one): its short name sounds like words of a sentence, and a story may name
	// it as where something happened ("انهورونګ لرم په ګیسن کې", I have a hearing in Gießen).
	arrival bool
}

// minCityPostcodes is the fewest postcodes of a place for it to be a big city, read as it
// sounds in another script even outside the area (bigCities): the 23 of 15 or more, from
// Berlin (190) to Wiesbaden (15). Smaller places are too many to be read so: their names sound
// like too many words.
const minCityPostcodes = 15

// bigCities are the table's places of minCityPostcodes postcodes or more whose names (without
// a qualifier: Frankfurt am Main is Frankfurt) sound of minSoundName consonants or more (not
// Köln, Bonn, Kiel, Essen), worked out once.
func (t *Table) bigCities() []city {
	t.citiesOnce.Do(func() {
		count := map[string]int{}
		for _, e := range t.entries {
			count[e.Place]++
		}
		for _, place := range slices.Sorted(maps.Keys(count)) {
			words := recognize.Normalize(baseName(place))
			if count[place] < minCityPostcodes || len(words) != 1 {
				continue
			}
			if sk := soundSkeletons(words[0]); len(sk) > 0 && len(strings.TrimPrefix(sk[0], "_")) >= minSoundName {
				t.cities = append(t.cities, city{key: words[0], sounds: sk})
			}
		}
	})
	return t.cities
}

// nearbyKm is how far from the area's centre the towns around it lie whose names are read as
// they sound in another script (nearbyOf): those people who live just outside the area name
// (Melsungen, Göttingen, Korbach around Kassel).
const nearbyKm = 60

// minNearbySound is the fewest consonants of the skeleton of a town around the area for it to
// be read as it sounds: more than the area's own places need (minSoundName), as they are many
// more and less likely; one more for a place of fewer than nearbyTownPostcodes postcodes
// (Bovenden, one postcode, sounds like "پوهنتون", university; Göttingen has seven).
const minNearbySound = 5

// minArrivalSound is the fewest consonants of an arrival place's skeleton (area.Area.Arrival)
// for it to be read as it sounds: Gießen has three. Read as the towns around the area are
// (as the whole answer, or after a word that says where one is), and being one or two places
// named by the area's own file, a short name is read too.
const minArrivalSound = 3

// nearbyTownPostcodes is the fewest postcodes of a town around the area that minNearbySound
// consonants are enough for.
const nearbyTownPostcodes = 3

// nearbyOf are the places outside area a within nearbyKm of its centre whose names, of one
// word (without a qualifier, and without a leading "Bad": Bad Hersfeld is Hersfeld), sound of
// minNearbySound consonants or more, and its arrival places (a.Arrival: "غيسن", "ጊሰን",
// "Giisen" for Gießen), whatever their names sound of; local works them out once for each
// area.
func (p *Places) nearbyOf(a area.Area, idx *names) []city {
	seen := map[string]bool{}
	codes := map[string]int{}
	for _, e := range p.Table.entries {
		codes[e.Place]++
	}
	arrival := map[string]bool{} // the table's places the arrival names name, found by the index
	for _, name := range a.Arrival {
		if found, ok := idx.lookup(idx.by, strings.Join(recognize.Normalize(name), " ")); ok {
			for _, i := range idx.entries(found) {
				arrival[p.Table.entries[i].Place] = true
			}
		}
	}
	var out []city
	for _, e := range p.Table.entries {
		arrives := arrival[e.Place]
		if a.Contains(e.Code, e.Lat, e.Lon) || !arrives && directory.DistanceKm(a.Latitude, a.Longitude, e.Lat, e.Lon) > nearbyKm {
			continue
		}
		least := minNearbySound
		switch {
		case arrives:
			least = minArrivalSound
		case codes[e.Place] < nearbyTownPostcodes:
			least++
		}
		words := recognize.Normalize(baseName(e.Place))
		key := strings.Join(words, " ")
		if len(words) == 2 && words[0] == "bad" {
			words = words[1:] // read by "Hersfeld" (after a word that says where one is), or as "بادهرسفلد" below
		}
		if len(words) != 1 || seen[key] {
			continue
		}
		seen[key] = true
		if _, ok := idx.lookup(idx.by, key); !ok {
			continue
		}
		if sk := soundSkeletons(words[0]); len(sk) > 0 && len(strings.TrimPrefix(sk[0], "_")) >= least {
			if whole := strings.ReplaceAll(key, " ", ""); whole != words[0] {
				sk = append(slices.Clip(sk), soundSkeletons(whole)...) // "بادهرسفلد", in one word
			}
			out = append(out, city{key: key, sounds: sk, arrival: arrives})
		}
	}
	return out
}

// local are the served area's places: its other municipalities (and their villages named by
// their part: Niederkaufungen), the villages and districts of the area file, and the town
// itself (read by sound; its other forms are townForm's), worked out once for each area, with
// the towns around it (nearbyOf).
func (p *Places) local(current *area.Area, idx *names) ([]localName, []city) {
	p.localMu.Lock()
	defer p.localMu.Unlock()
	if p.localFor == current {
		return p.localNames, p.nearbyNames
	}
	a := *current
	var out []localName
	seen := map[string]bool{}
	put := func(name string, named Named) bool { // false: put before, or too short
		words := recognize.Normalize(name)
		k := strings.Join(words, " ")
		if len(words) == 0 || seen[k] || len([]rune(k)) < 4 {
			return false
		}
		seen[k] = true
		out = append(out, localName{words: words, named: named})
		return true
	}
	// sounding lets the name put last be read as it sounds, when its skeleton has `least`
	// consonants or more.
	sounding := func(name string, least int) {
		if words := recognize.Normalize(name); len(words) == 1 {
			if sk := soundSkeletons(words[0]); len(sk) > 0 && len(strings.TrimPrefix(sk[0], "_")) >= least {
				out[len(out)-1].sounds = sk
			}
		}
	}
	for _, e := range p.Table.entries {
		if e.Place == a.Name || !a.Contains(e.Code, e.Lat, e.Lon) {
			continue
		}
		for _, name := range []string{e.Place, baseName(e.Place)} {
			if found, ok := idx.lookup(idx.by, strings.Join(recognize.Normalize(name), " ")); ok {
				named := p.named(idx, found)
				if put(name, named) {
					sounding(name, 0)
				}
				// Its villages named by their place in it: Niederkaufungen, Obervellmar, as
				// they sound too when they are long (Оберкауфунген; not "oberhelsa", which
				// sounds like too many words).
				for _, part := range villageParts {
					if village := part + strings.ToLower(name); !strings.Contains(name, " ") {
						if put(village, named) {
							sounding(village, minVillageSound)
						}
					}
				}
			}
		}
	}
	// The villages of the area's municipalities, read as their municipality, or as the
	// village itself at its postcode's centre when they are given a postcode (a
	// municipality the table names by another, as 34233 Fuldatal is named Kassel). A village
	// may name such a municipality of the file ("Ihringshausen": "Fuldatal", "Fuldatal":
	// "34233"): it is read as that municipality, at its postcode's centre.
	municipalities := map[string]bool{}
	for v, m := range a.Villages {
		if _, ok := a.Villages[m]; ok && m != v {
			municipalities[m] = true
		}
	}
	for _, v := range slices.Sorted(maps.Keys(a.Villages)) {
		var named Named
		name, of := a.Village(v)
		if e, ok := p.Table.Lookup(of); ok {
			named = Named{Name: name, InArea: a.Contains(e.Code, e.Lat, e.Lon), Lat: e.Lat, Lon: e.Lon}
		} else if found, ok := idx.lookup(idx.by, strings.Join(recognize.Normalize(of), " ")); ok {
			named = p.named(idx, found)
		}
		if !named.InArea {
			continue // a municipality the table does not name, or outside the area
		}
		// As it sounds only when long: a village's name, less known than its municipality's,
		// sounds like too many words ("Sababurg" like "spreche", "Simmershausen" like
		// "Schmerzen" in a variant). A municipality's, as the table's are, however long
		// ("Фульдаталь", "فولداتال").
		if put(v, named) {
			least := minVillageSound
			if municipalities[v] {
				least = 0
			}
			sounding(v, least)
		}
	}
	served := Named{Name: a.Name, InArea: true, Town: true, Lat: a.Latitude, Lon: a.Longitude}
	for _, d := range append([]string{a.Name}, a.Districts...) {
		if put(d, served) {
			sounding(d, 0)
		}
	}
	p.localFor, p.localNames, p.nearbyNames = current, out, p.nearbyOf(a, idx)
	return out, p.nearbyNames
}

// minStem is the fewest letters of a name read before an apostrophe's ending: "don't" and
// "it's" name nothing.
const minStem = 4

// apostropheStems maps each word of text written with an ending after an apostrophe, as
// recognize.Normalize joins it ("baunataldayim"), to the word before the apostrophe
// ("baunatal").
func apostropheStems(text string) map[string]string {
	stems := map[string]string{}
	for _, token := range strings.Fields(text) {
		token = strings.TrimFunc(token, func(r rune) bool { return !unicode.IsLetter(r) })
		cut := strings.IndexAny(token, "'’ʼ`´ʻ")
		if cut < 0 {
			continue
		}
		stem, whole := recognize.Normalize(token[:cut]), recognize.Normalize(token)
		if len(stem) == 1 && len(whole) == 1 && utf8.RuneCountInString(stem[0]) >= minStem && whole[0] != stem[0] {
			stems[whole[0]] = stem[0]
		}
	}
	return stems
}

// named is the place a name of the table stands for.
func (p *Places) named(idx *names, found *namedEntries) Named {
	a := p.Area.Get()
	var in []Entry
	for _, i := range idx.entries(found) {
		if e := p.Table.entries[i]; a.Contains(e.Code, e.Lat, e.Lon) {
			in = append(in, e)
		}
	}
	if len(in) == 0 {
		return Named{Name: found.name}
	}
	lat, lon := centre(in)
	return Named{Name: in[0].Place, InArea: true, Town: p.IsTown(in[0].Place), Lat: lat, Lon: lon}
}

// centre is the mean of the entries' centres (they lie close together).
func centre(es []Entry) (lat, lon float64) {
	for _, e := range es {
		lat, lon = lat+e.Lat, lon+e.Lon
	}
	return lat / float64(len(es)), lon / float64(len(es))
}

func values(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// commonest is the place of entries (indexes of all) with the most postcodes, or name when
// they are one place.
func commonest(all []Entry, entries []int32, name string) string {
	count := map[string]int{}
	best := ""
	for _, i := range entries {
		place := all[i].Place
		count[place]++
		if best == "" || count[place] > count[best] {
			best = place
		}
	}
	if len(count) <= 1 {
		return name
	}
	return baseName(best)
}

// The served town is typed in more forms than the table's places, and is found anywhere in a
// short text, not only at its end ("Kassel'de yaşıyorum", "ez li Kasselê dijîm", "من در
// کاسل زندگی میکنم"): its names are few and known, where the table's thousands are too often
// words too.

// minTownForm is the fewest letters of a town's name read with an ending or one letter away:
// a shorter name is read as written only (or after a preposition in Arabic script).
const minTownForm = 5

// townForm says whether a word w is the served town's one-word name, as typed or in a form
// people type: with an ending ("Kasselê"; "Kassel'de" once Normalize joined it; "Касселе",
// "Касселі": the name, but for its last letter in Cyrillic, and at most five letters more,
// "Kasseldeyim"), after a one-letter preposition written as one with it in Arabic script
// ("بكاسل", "لكاسل"), spelt with a long vowel more in Arabic script ("كاسيل") or with other
// vowels in Ethiopic ("ካስል" for "ካሰል"), or, in Latin or Cyrillic letters, one letter away
// inside it ("Kasel", "Kassl", "Kasssel", "Касель").
func townForm(w, name []rune) bool {
	switch {
	case slices.Contains(name, ' '):
		return false
	case slices.Equal(w, name), vowelsApart(w, name):
		return true
	case len(w) > 1 && strings.ContainsRune(proclitics, w[0]) && (slices.Equal(w[1:], name) || vowelsApart(w[1:], name)):
		return true
	case len(name) < minTownForm:
		return false
	}
	keep := len(name) // the letters of the name an ending leaves
	if unicode.Is(unicode.Cyrillic, name[0]) {
		keep--
	}
	if len(w) > keep && len(w) <= len(name)+5 && slices.Equal(w[:keep], name[:keep]) {
		return true
	}
	// A slip inside the name, not at its ends: "Kasse", "Kassen", "Kassem", "Rassel" are
	// other words. Also with an ending: "Kasel'de", "Каселе" (what an ending leaves of the
	// name, one letter away, and one to five letters more).
	if !unicode.Is(unicode.Latin, name[0]) && !unicode.Is(unicode.Cyrillic, name[0]) {
		return false
	}
	if w[0] == name[0] && w[len(w)-1] == name[len(name)-1] && recognize.OneApart(w, name) {
		return true
	}
	base := name[:keep]
	for n := len(base) - 1; n <= len(base)+1; n++ {
		if n < len(w) && len(w)-n <= 5 && w[0] == base[0] && w[n-1] == base[len(base)-1] && recognize.OneApart(w[:n], base) {
			return true
		}
	}
	return false
}

// proclitics are the one-letter prepositions and conjunctions Arabic script writes as one with
// the next word: bi-, li-, wa-, fa-.
const proclitics = "بلوف"

// longVowels are the letters Arabic script writes a long vowel with, which people add to a
// foreign name as they hear it ("كاسيل").
const longVowels = "اويىی"

// vowelsApart says whether w is a name of three letters or more spelt with other vowels: in
// Arabic script, with one long vowel more inside it ("كاسيل" for "كاسل"); in Ethiopic, whose
// letters are syllables, with the same consonants in the same order ("ካስል" for "ካሰል": a
// syllable's consonant is its row in the block, eight syllables to a row).
func vowelsApart(w, name []rune) bool {
	if len(name) < 3 {
		return false
	}
	switch {
	case unicode.Is(unicode.Arabic, name[0]) && len(w) == len(name)+1:
		for i := 1; i < len(w)-1; i++ {
			if w[i] != name[i] {
				return strings.ContainsRune(longVowels, w[i]) && slices.Equal(w[i+1:], name[i:])
			}
		}
	case unicode.Is(unicode.Ethiopic, name[0]) && len(w) == len(name):
		for i := range w {
			if !unicode.Is(unicode.Ethiopic, w[i]) || (w[i]-0x1200)/8 != (name[i]-0x1200)/8 {
				return false
			}
		}
		return true
	}
	return false
}

// umlauts are German's letters as typed without them.
var umlauts = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss")

// asWritten says whether text holds a place's name as the table writes it, capital letter
// and all (or with its umlauts typed as two letters: "Goettingen").
// capitalised says whether a word of text that Normalize writes as w was typed with a
// capital first, as a name is: "Münih'te", "li Münihê" (another name of München with an
// ending), not "in meiner Stadt".
func capitalised(text, w string) bool {
	for _, token := range strings.Fields(text) {
		if words := recognize.Normalize(token); len(words) == 1 && words[0] == w {
			if r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(token, func(r rune) bool { return !unicode.IsLetter(r) })); unicode.IsUpper(r) {
				return true
			}
		}
	}
	return false
}

// caseless says whether key is written in a script without capitals (Arabic, Ethiopic).
func caseless(key string) bool {
	return !strings.ContainsFunc(key, func(r rune) bool { return unicode.IsUpper(r) || unicode.IsLower(r) })
}

func asWritten(text, name string) bool {
	return strings.Contains(text, name) || strings.Contains(text, umlauts.Replace(name))
}
