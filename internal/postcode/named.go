package postcode

import (
	"strings"
	"sync"

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
}

// maxNamedWords bounds the words of a text read for a place name: "Kassel", "ich wohne in
// Baunatal", "أسكن في كاسل". A longer text is a sentence about something else.
const maxNamedWords = 5

// names indexes the table's places by name, read as people type it (recognize.Normalize:
// case, accents and punctuation do not matter). Built on first use.
type names struct {
	once sync.Once
	by   map[string]*namedEntries
}

// namedEntries are the postcodes a name stands for, the name to show for it (the first
// place's, or the part they share: "Frankfurt"), and whether it is the whole name of a
// place (not only the part before a qualifier).
type namedEntries struct {
	name    string
	entries []int
	whole   bool
}

// index builds the name index: each place under its whole name, and a name with a
// qualifier ("Frankfurt am Main", "Halle (Saale)", "Weil am Rhein") also under the part
// before it, so that "Frankfurt" and "Halle" are found.
func (t *Table) index() map[string]*namedEntries {
	t.names.once.Do(func() {
		by := map[string]*namedEntries{}
		add := func(name string, i int, whole bool) {
			key := strings.Join(recognize.Normalize(name), " ")
			if len([]rune(key)) < 3 {
				return
			}
			n := by[key]
			if n == nil {
				n = &namedEntries{name: name}
				by[key] = n
			}
			n.entries = append(n.entries, i)
			n.whole = n.whole || whole
		}
		for i, e := range t.entries {
			add(e.Place, i, true)
			if base := baseName(e.Place); base != e.Place {
				add(base, i, false)
			}
		}
		t.names.by = by
	})
	return t.names.by
}

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

// Named finds the place a short text names: the served area by any of its names (in any
// language: "Kassel", "كاسل"), or a place of the postcode table, typed alone (also without
// its qualifier: "Frankfurt", "Halle") or by its whole name at the end of a few words ("ich
// wohne in Baunatal"); the longest name wins. Of several places of one name,
// those in the served area are taken when there are any.
func (p *Places) Named(text string) (Named, bool) {
	words := recognize.Normalize(text)
	if len(words) == 0 || len(words) > maxNamedWords {
		return Named{}, false
	}
	a := p.Area.Get()
	town := map[string]bool{}
	for _, n := range append([]string{a.Name}, values(a.Names)...) {
		town[strings.Join(recognize.Normalize(n), " ")] = true
	}
	by := p.Table.index()
	for n := len(words); n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			key := strings.Join(words[i:i+n], " ")
			if n < len(words) && (i+n < len(words) || len([]rune(key)) < 4) {
				// In a sentence, a name is read at its end ("I live in Hamburg"), where
				// people put where they live, and only a longer one: "Weil" is a place,
				// and "weil ich neu bin" no answer to where.
				continue
			}
			if town[key] {
				return Named{Name: a.Name, InArea: true, Town: true, Lat: a.Latitude, Lon: a.Longitude}, true
			}
			if found := by[key]; found != nil && (found.whole || n == len(words)) {
				return p.named(found), true
			}
		}
	}
	return Named{}, false
}

// named is the place a name of the table stands for.
func (p *Places) named(found *namedEntries) Named {
	a := p.Area.Get()
	var in []Entry
	for _, i := range found.entries {
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
