// Command placenamegen writes internal/postcode/othernames.tsv: the other names of German
// places (the names other languages give them, and their names in the scripts the bot's
// readers write: "Monachium", "Cologne", "ميونخ", "Кёльн") as GeoNames (geonames.org, CC BY
// 3.0) records them for the cities of 15,000 people or more, as the npm package
// cities15000-json ships them. `make placenames` installs the pinned package into
// .run/placenames and runs
//
//	go run ./cmd/placenamegen -npm .run/placenames/node_modules
//
// Each city is matched to the place of the postcode table (internal/postcode/plz-de.csv) of
// the same name within maxKm of it; a name is kept when it is written in a script of the
// shipped languages (Latin, Cyrillic, Arabic, Ethiopic), is no code ("MUC"), no
// transliteration key (GeoNames writes those in lower case: "mwnykh"), has four letters or
// more (in Latin letters six, but for a city of bigCity people) and three words or fewer, and
// is no other place's name; a name two places share is left out.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/recognize"
)

// city is one record of cities15000-json's cities.json, the fields read.
type city struct {
	Name    string   `json:"name"`
	ASCII   string   `json:"asciiname"`
	Other   []string `json:"alternativeNames"`
	Lat     string   `json:"lat"`
	Lon     string   `json:"lon"`
	Country string   `json:"country"`
	People  string   `json:"population"`
}

// bigCity is the population from which a city's short names in Latin letters (four or five
// letters: "Münih", "Kolon") are kept too: a smaller place's are too often words of the
// readers' languages ("Cele", Celle, is Romanian's "the"; "Dame", Damme).
const bigCity = 100000

// maxKm is how far a city's point may lie from the centre of a postcode of the table's place
// of its name for the two to be one place.
const maxKm = 25

// scripts are those the shipped languages are written in.
var scripts = []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Arabic, unicode.Ethiopic}

func main() {
	npm := flag.String("npm", "", "node_modules directory holding cities15000-json (required)")
	out := flag.String("o", "internal/postcode/othernames.tsv", "file to write")
	flag.Parse()
	if *npm == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: placenamegen -npm DIR [-o FILE]")
		os.Exit(2)
	}
	data, err := generate(filepath.Join(*npm, "cities15000-json", "cities.json"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "placenamegen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "placenamegen:", err)
		os.Exit(1)
	}
}

func generate(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cities []city
	if err := json.Unmarshal(raw, &cities); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	t, err := postcode.Load()
	if err != nil {
		return nil, err
	}
	// The table's places by name as Normalize writes it, with their postcodes' centres.
	type point struct{ lat, lon float64 }
	places := map[string][]point{}
	name := map[string]string{}
	for _, e := range t.Entries() {
		key := key(e.Place)
		places[key] = append(places[key], point{e.Lat, e.Lon})
		name[key] = e.Place
	}
	near := func(key string, lat, lon float64) bool {
		return slices.ContainsFunc(places[key], func(p point) bool { return directory.DistanceKm(lat, lon, p.lat, p.lon) <= maxKm })
	}
	pairs := map[string]string{} // other name -> the table's place
	dropped := map[string]bool{} // other names two places share
	matched := 0
	for _, c := range cities {
		if c.Country != "DE" {
			continue
		}
		lat, err1 := strconv.ParseFloat(c.Lat, 64)
		lon, err2 := strconv.ParseFloat(c.Lon, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: bad point %q, %q", c.Name, c.Lat, c.Lon)
		}
		// The table's place: the city's own name, or one of its other names (Munich is
		// München there), of a place around its point.
		place := ""
		for _, n := range append([]string{c.Name, c.ASCII}, c.Other...) {
			if k := key(n); places[k] != nil && near(k, lat, lon) {
				place = name[k]
				break
			}
		}
		if place == "" {
			continue
		}
		matched++
		people, _ := strconv.Atoi(c.People)
		for _, n := range append([]string{c.Name}, c.Other...) {
			k := key(n)
			if !usable(n, people >= bigCity) || places[k] != nil {
				continue // the table's own name of this place or another
			}
			if p, ok := pairs[n]; ok && p != place {
				dropped[n] = true
			}
			pairs[n] = place
		}
	}
	if matched < 500 {
		return nil, fmt.Errorf("only %d German cities matched a place of the postcode table", matched)
	}
	var b bytes.Buffer
	b.WriteString("# Other names of German places, for internal/postcode's index by name: <name>TAB<place as\n")
	b.WriteString("# plz-de.csv names it>. From GeoNames (geonames.org), CC BY 3.0, as the npm package\n")
	b.WriteString("# cities15000-json 1.0.0 ships it; generated by cmd/placenamegen (make placenames): do not edit.\n")
	for _, n := range slices.Sorted(func(yield func(string) bool) {
		for n := range pairs {
			if !dropped[n] && !yield(n) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, "%s\t%s\n", n, pairs[n])
	}
	fmt.Fprintf(os.Stderr, "placenamegen: %d cities matched, %d names\n", matched, len(pairs)-len(dropped))
	return b.Bytes(), nil
}

func key(name string) string { return strings.Join(recognize.Normalize(name), " ") }

// usable says whether an other name is one a reader of a shipped language may type: in its
// script, not a code or a transliteration key, of four letters or more (six in Latin letters,
// unless of a big city) and three words or fewer, without digits or brackets.
func usable(n string, big bool) bool {
	letters, upper, lower := 0, 0, 0
	latin := false
	for _, r := range n {
		switch {
		case unicode.IsLetter(r):
			if !slices.ContainsFunc(scripts, func(s *unicode.RangeTable) bool { return unicode.Is(s, r) }) {
				return false
			}
			letters++
			latin = latin || unicode.Is(unicode.Latin, r)
			if unicode.IsUpper(r) {
				upper++
			}
			if unicode.IsLower(r) {
				lower++
			}
		case unicode.IsMark(r) || r == ' ' || r == '-' || r == '\'' || r == '’' || r == '.':
		default:
			return false
		}
	}
	if letters < 4 || len(strings.Fields(n)) > 3 {
		return false
	}
	if latin && (upper == 0 || lower == 0) {
		return false // "mwnykh" (a key), "MUC" (a code)
	}
	return !latin || big || letters >= 6
}
