// Package area is the town or district a directory serves: its name as each language writes
// it, its centre, its state (for public holidays) and which postcodes belong to it. It is
// data: stored with the directory, set by `wegweiser directory import --area`, read by the
// catalogs ({{.Town}}) and by the conversation (is a typed postcode in the area?).
package area

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/directory"
)

// Area is the town or district a directory serves.
type Area struct {
	Name  string            `json:"name"`            // as the town writes it
	Names map[string]string `json:"names,omitempty"` // by language tag, where a language writes it otherwise
	// Latitude and Longitude are the area's centre (WGS84).
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	// State is the Bundesland, as its ISO 3166-2:DE code without "DE-" (HE for Hessen).
	State string `json:"state"`
	// Postcodes are the 5-digit postcodes whose area lies in the served area, wholly or in
	// part. A postcode is in the area when it is listed, or when RadiusKm is set and its
	// centre is at most RadiusKm from the area's centre.
	Postcodes []string `json:"postcodes,omitempty"`
	RadiusKm  float64  `json:"radius_km,omitempty"`
	// Districts are the parts of the served town people name when asked where they live
	// (its districts and quarters: "Nordstadt", "Wilhelmshöhe"), read as the town itself:
	// the postcode table knows towns, not their districts.
	Districts []string `json:"districts,omitempty"`
	// Villages are the villages and parts of the area's other municipalities people name
	// when asked where they live, each with its municipality as the postcode table names it
	// ("Großenritte": "Baunatal"): the distances are then from the municipality's centre. A
	// village may be given its postcode instead ("Fuldatal": "34233"), for a municipality
	// the table names by another: the distances are then from the postcode's; the villages
	// of such a municipality name it ("Ihringshausen": "Fuldatal").
	Villages map[string]string `json:"villages,omitempty"`
	// Arrival are places outside the area that its newcomers name when asked where they live,
	// because they live there first: the Land's initial reception centre (Hessen's is at
	// Gießen), where people stay for weeks before they are sent to a town. They are read as
	// they sound in every script, however short their names (a town around the area needs a
	// longer one), and the answer says they lie outside the area. At most MaxArrival, each as
	// the postcode table names it.
	Arrival []string `json:"arrival,omitempty"`
}

// MaxArrival bounds an area's arrival places: a Land has one or a few reception centres.
const MaxArrival = 10

// MaxDistricts bounds an area's districts, and its villages.
const MaxDistricts = 500

// States are the codes of the 16 Bundesländer (ISO 3166-2:DE without "DE-").
var States = []string{"BB", "BE", "BW", "BY", "HB", "HE", "HH", "MV", "NI", "NW", "RP", "SH", "SL", "SN", "ST", "TH"}

// MaxRadiusKm bounds RadiusKm: an area is a town or district, not a region.
const MaxRadiusKm = 150

// NameIn returns the area's name as readers of lang write it.
func (a Area) NameIn(lang string) string {
	if n, ok := a.Names[lang]; ok {
		return n
	}
	return a.Name
}

// Village is where a village of the file (a key of Villages) is read: the name it is read
// as and the municipality or postcode that places it. A village naming another entry of the
// file ("Ihringshausen": "Fuldatal", "Fuldatal": "34233") is read as that one, at its
// postcode; any other as itself, at its entry.
func (a Area) Village(v string) (name, at string) {
	m := a.Villages[v]
	if to, ok := a.Villages[m]; ok && m != v {
		return m, to
	}
	return v, m
}

// Contains reports whether the postcode code, whose centre is at lat, lon, lies in the area.
func (a Area) Contains(code string, lat, lon float64) bool {
	if slices.Contains(a.Postcodes, code) {
		return true
	}
	return a.RadiusKm > 0 && directory.DistanceKm(a.Latitude, a.Longitude, lat, lon) <= a.RadiusKm
}

// Validate lists every problem of a, or returns nil.
func (a Area) Validate() error {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	if !goodName(a.Name) {
		bad("name: a name of 1 to 100 characters is needed, without control characters")
	}
	for lang, n := range a.Names {
		if lang == "" || len(lang) > 20 || !goodName(n) {
			bad("names: %q: %q is not a name of 1 to 100 characters", lang, n)
		}
	}
	// The product serves Germany: the centre lies inside its bounding box.
	if a.Latitude < 47.2 || a.Latitude > 55.1 || a.Longitude < 5.8 || a.Longitude > 15.1 {
		bad("latitude, longitude: %v, %v is not in Germany", a.Latitude, a.Longitude)
	}
	if !slices.Contains(States, a.State) {
		bad("state: %q is not one of %s", a.State, strings.Join(States, " "))
	}
	seen := map[string]bool{}
	for _, p := range a.Postcodes {
		if !validPostcode(p) || seen[p] {
			bad("postcodes: %q is not a 5-digit postcode, or is listed twice", p)
		}
		seen[p] = true
	}
	if a.RadiusKm < 0 || a.RadiusKm > MaxRadiusKm {
		bad("radius_km: %v is not from 0 to %d", a.RadiusKm, MaxRadiusKm)
	}
	nameList("districts", a.Districts, bad)
	for v, m := range a.Villages {
		if !goodName(v) || !goodName(m) {
			bad("villages: %q: %q is not a name of 1 to 100 characters", v, m)
		}
	}
	nameList("arrival", a.Arrival, bad)
	if len(a.Arrival) > MaxArrival {
		bad("arrival: %d places, at most %d", len(a.Arrival), MaxArrival)
	}
	if len(a.Villages) > MaxDistricts {
		bad("villages: %d names, at most %d", len(a.Villages), MaxDistricts)
	}
	if len(a.Districts) > MaxDistricts {
		bad("districts: %d names, at most %d", len(a.Districts), MaxDistricts)
	}
	if len(a.Postcodes) == 0 && a.RadiusKm == 0 {
		bad("postcodes or radius_km: say which postcodes belong to the area")
	}
	if len(probs) > 0 {
		return errors.New("area: " + strings.Join(probs, "; "))
	}
	return nil
}

// nameList checks a list of names (field), each given once, whatever its letter case.
func nameList(field string, names []string, bad func(format string, args ...any)) {
	seen := map[string]bool{}
	for _, n := range names {
		key := strings.ToLower(strings.TrimSpace(n))
		if !goodName(n) || seen[key] {
			bad("%s: %q is not a name of 1 to 100 characters, or is listed twice", field, n)
		}
		seen[key] = true
	}
}

func goodName(s string) bool {
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	return n > 0 && n <= 100 && !strings.ContainsFunc(s, unicode.IsControl)
}

func validPostcode(p string) bool {
	return len(p) == 5 && strings.Trim(p, "0123456789") == ""
}

// file is the JSON file format: an Area with an optional comment for whoever edits it.
type file struct {
	Comment string `json:"comment,omitempty"`
	Area
}

// Read reads an area file (JSON, as internal/seed/area.json) and validates it.
func Read(r io.Reader) (Area, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return Area{}, fmt.Errorf("area: %w", err)
	}
	if err := f.Area.Validate(); err != nil {
		return Area{}, err
	}
	return f.Area, nil
}

// Parse reads an area file held in memory.
func Parse(data []byte) (Area, error) { return Read(bytes.NewReader(data)) }

// Live is the area in use, replaced when it changes; it is safe for concurrent use.
type Live struct{ p atomic.Pointer[Area] }

// NewLive returns a Live holding a.
func NewLive(a Area) *Live {
	l := &Live{}
	l.Set(a)
	return l
}

// Get returns the area in use.
func (l *Live) Get() Area { return *l.p.Load() }

// Current returns the area in use itself, not a copy, for callers that only read it and tell
// by its address whether it was replaced (Set stores a new one).
func (l *Live) Current() *Area { return l.p.Load() }

// Set replaces the area in use. a's names and postcodes are shared, not copied: the caller
// does not change them afterwards.
func (l *Live) Set(a Area) { l.p.Store(&a) }

// NameIn returns the name of the area in use as readers of lang write it.
func (l *Live) NameIn(lang string) string {
	a := l.p.Load()
	return a.NameIn(lang)
}
