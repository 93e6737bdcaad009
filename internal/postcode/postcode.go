// Package postcode knows the German 5-digit postcodes: each one's centre (the centroid of its
// area) and the place it belongs to, from the open table plz-de.csv embedded beside this file
// (© OpenStreetMap contributors, ODbL 1.0: see README.md and LICENSE.md there). It also
// answers, with the served area, the questions the conversation asks about a typed postcode.
package postcode

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/directory"
)

// Attribution is the credit the postcode table's licence asks for, shown by the bot's /about
// and in the README.
const Attribution = "© OpenStreetMap contributors, ODbL 1.0 (via suche-postleitzahl.org and github.com/kampakit/postal-codes-germany)"

// OtherNamesAttribution is the credit the licence of the other names of places
// (othernames.tsv) asks for, shown by the bot's /about and in the README.
const OtherNamesAttribution = "© GeoNames (geonames.org), CC BY 3.0 (via the npm package cities15000-json)"

//go:embed plz-de.csv
var table []byte

// othernames.tsv holds other names of the table's places, as other languages and scripts
// write them (GeoNames, CC BY 3.0: see cmd/placenamegen, which writes it).
//
//go:embed othernames.tsv
var otherNamesTSV string

// otherNames yields each other name of a place with the place, as the table names it.
func otherNames() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for line := range strings.Lines(otherNamesTSV) {
			if strings.HasPrefix(line, "#") {
				continue
			}
			name, place, ok := strings.Cut(strings.TrimRight(line, "\n"), "\t")
			if ok && !yield(name, place) {
				return
			}
		}
	}
}

// Entry is one postcode: its centre and the place it belongs to.
type Entry struct {
	Code     string
	Lat, Lon float64
	Place    string // the municipality, as OpenStreetMap names it
}

// Table is the set of postcodes. It is immutable once read and safe for concurrent use.
type Table struct {
	byCode  map[string]Entry
	entries []Entry // sorted by code
	names   names   // the places by name, built on first use (see Named)
	// cities are the big cities' names and sounds, worked out on first use (see bigCities).
	cities     []city
	citiesOnce sync.Once
}

// Load returns the embedded table. It is read once per process and shared: a table does not
// change once read, and its index by name (built on first use) is then built once too.
func Load() (*Table, error) { return loadEmbedded() }

var loadEmbedded = sync.OnceValues(func() (*Table, error) {
	t, err := Read(strings.NewReader(string(table)))
	if err != nil {
		return nil, fmt.Errorf("postcode: the embedded plz-de.csv: %w", err)
	}
	return t, nil
})

// Read reads a table in the format of plz-de.csv: a header row
// "postcode,latitude,longitude,place", then one row per 5-digit postcode.
func Read(r io.Reader) (*Table, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 4
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("postcode: header: %w", err)
	}
	if !slices.Equal(head, []string{"postcode", "latitude", "longitude", "place"}) {
		return nil, fmt.Errorf("postcode: header %q, want postcode,latitude,longitude,place", strings.Join(head, ","))
	}
	t := &Table{byCode: make(map[string]Entry, 8192)}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("postcode: %w", err)
		}
		e, err := entryOf(rec)
		if err != nil {
			line, _ := cr.FieldPos(0)
			return nil, fmt.Errorf("postcode: line %d: %w", line, err)
		}
		if _, dup := t.byCode[e.Code]; dup {
			return nil, fmt.Errorf("postcode: %s appears twice", e.Code)
		}
		t.byCode[e.Code] = e
		t.entries = append(t.entries, e)
	}
	slices.SortFunc(t.entries, func(a, b Entry) int { return strings.Compare(a.Code, b.Code) })
	return t, nil
}

func entryOf(rec []string) (Entry, error) {
	e := Entry{Code: rec[0], Place: strings.TrimSpace(rec[3])}
	if !Valid(e.Code) {
		return e, fmt.Errorf("%q is not a 5-digit postcode", e.Code)
	}
	var err1, err2 error
	e.Lat, err1 = strconv.ParseFloat(rec[1], 64)
	e.Lon, err2 = strconv.ParseFloat(rec[2], 64)
	if err1 != nil || err2 != nil || e.Lat < -90 || e.Lat > 90 || e.Lon < -180 || e.Lon > 180 {
		return e, fmt.Errorf("%s: bad position %q, %q", e.Code, rec[1], rec[2])
	}
	if e.Place == "" {
		return e, fmt.Errorf("%s: no place", e.Code)
	}
	return e, nil
}

// Valid reports whether code is written as a German postcode: exactly five ASCII digits.
func Valid(code string) bool {
	if len(code) != 5 {
		return false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return true
}

// Lookup returns the postcode's entry, and false for a code the table does not know.
func (t *Table) Lookup(code string) (Entry, bool) {
	e, ok := t.byCode[code]
	return e, ok
}

// Centre returns a known postcode's centre: a directory.Centre, for checking that an office
// lies near its postcode.
func (t *Table) Centre(code string) (lat, lon float64, ok bool) {
	e, ok := t.byCode[code]
	return e.Lat, e.Lon, ok
}

// Entries returns every postcode, sorted by code. The slice is shared: do not change it.
func (t *Table) Entries() []Entry { return t.entries }

// Len is the number of postcodes.
func (t *Table) Len() int { return len(t.entries) }

// Places answers the conversation's questions about a typed postcode: where it is, and
// whether it lies in the area the directory serves (which may change while the bot runs).
type Places struct {
	Table *Table
	Area  *area.Live

	localMu     sync.Mutex
	localFor    *area.Area  // the area localNames were worked out for
	localNames  []localName // see local
	nearbyNames []city      // see nearbyOf
}

// Postcode returns the centre and place of a known postcode.
func (p *Places) Postcode(code string) (lat, lon float64, place string, ok bool) {
	e, ok := p.Table.Lookup(code)
	return e.Lat, e.Lon, e.Place, ok
}

// InArea reports whether a known postcode lies in the served area.
func (p *Places) InArea(code string) bool {
	e, ok := p.Table.Lookup(code)
	if !ok {
		return false
	}
	a := p.Area.Get()
	return a.Contains(e.Code, e.Lat, e.Lon)
}

// nearestKm is how far from the nearest postcode's centre a position may lie and still be
// taken as in that postcode: farther, it is abroad or at sea.
const nearestKm = 30

// InAreaAt reports whether a shared position lies in the served area: the postcode whose
// centre is nearest to it lies in the area, and that centre is at most nearestKm away.
func (p *Places) InAreaAt(lat, lon float64) bool {
	best, ok := p.nearest(lat, lon)
	return ok && p.Area.Get().Contains(best.Code, best.Lat, best.Lon)
}

// PlaceAt is the place (municipality, as the table names it) of a shared position: that of
// the postcode whose centre is nearest, at most nearestKm away; "" when none is.
func (p *Places) PlaceAt(lat, lon float64) string {
	best, _ := p.nearest(lat, lon)
	return best.Place
}

// nearest is the postcode whose centre is nearest to a position, if it is at most nearestKm
// away.
func (p *Places) nearest(lat, lon float64) (Entry, bool) {
	best, dist := Entry{}, math.Inf(1)
	for _, e := range p.Table.entries {
		if d := directory.DistanceKm(lat, lon, e.Lat, e.Lon); d < dist {
			best, dist = e, d
		}
	}
	if dist > nearestKm {
		return Entry{}, false
	}
	return best, true
}

// Attribution is the credit the table's licence asks for.
func (p *Places) Attribution() string { return Attribution }

// IsTown reports whether a postcode's place is the served area itself (its name as the town
// writes it): the place "Kassel" of 34117 when the area is Kassel.
func (p *Places) IsTown(place string) bool { return place != "" && place == p.Area.Get().Name }

// IsArrival reports whether place is one of the area's places of first reception
// (area.Area.Arrival), as the table names it ("Gießen") or with a qualifier after it.
func (p *Places) IsArrival(place string) bool {
	return place != "" && slices.ContainsFunc(p.Area.Get().Arrival, func(a string) bool {
		return place == a || strings.HasPrefix(place, a+" ")
	})
}

// Example is a postcode of the served town and the town's name as the table writes it (as
// they stand in an address): the one nearest the area's centre, for showing a newcomer what a
// postcode looks like. A town the table does not name gives the postcode nearest the centre
// and its place; ok is false only when the table has none near the centre.
func (p *Places) Example() (code, place string, ok bool) {
	a := p.Area.Get()
	best, dist := Entry{}, math.Inf(1)
	for _, e := range p.Table.entries {
		if e.Place != a.Name {
			continue
		}
		if d := directory.DistanceKm(a.Latitude, a.Longitude, e.Lat, e.Lon); d < dist {
			best, dist = e, d
		}
	}
	if dist == math.Inf(1) {
		if best, ok = p.nearest(a.Latitude, a.Longitude); !ok {
			return "", "", false
		}
	}
	return best.Code, best.Place, true
}
