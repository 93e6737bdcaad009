package postcode

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/area"
)

// TestEmbeddedTableIsTheDocumentedOne: the file is byte for byte the one README.md describes
// (its licence and derivation apply to exactly this file), and it reads completely.
func TestEmbeddedTableIsTheDocumentedOne(t *testing.T) {
	sum := sha256.Sum256(table)
	if got := hex.EncodeToString(sum[:]); got != "fb81907c8f419625dbc75b16da6421d8079ee744918a9814fa0c2d0abddccedf" {
		t.Errorf("plz-de.csv has sha256 %s, not the one in README.md: update README.md with what changed", got)
	}
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() != 8170 {
		t.Errorf("%d postcodes, README.md says 8,170", tab.Len())
	}
	for _, c := range []struct {
		code     string
		lat, lon float64
		place    string
	}{
		{"34117", 51.31619, 9.49200, "Kassel"},
		{"10115", 52.53103, 13.38275, "Berlin"},
		{"80331", 48.13528, 11.57096, "München"},
		{"01067", 51.06552, 13.71232, "Dresden"},
	} {
		e, ok := tab.Lookup(c.code)
		if !ok || math.Abs(e.Lat-c.lat) > 1e-9 || math.Abs(e.Lon-c.lon) > 1e-9 || e.Place != c.place {
			t.Errorf("Lookup(%s) = %+v, %v", c.code, e, ok)
		}
	}
	for _, code := range []string{"00000", "99999", "3411", "341170", ""} {
		if _, ok := tab.Lookup(code); ok {
			t.Errorf("Lookup(%q) found a postcode", code)
		}
	}
	es := tab.Entries()
	for i := 1; i < len(es); i++ {
		if es[i-1].Code >= es[i].Code {
			t.Fatalf("entries not sorted at %s, %s", es[i-1].Code, es[i].Code)
		}
	}
}

func TestReadRefusesBadTables(t *testing.T) {
	head := "postcode,latitude,longitude,place\n"
	cases := map[string]string{
		"wrong header":   "plz,lat,lon,ort\n34117,51.3,9.4,Kassel\n",
		"four digits":    head + "3411,51.3,9.4,Kassel\n",
		"letters":        head + "3411a,51.3,9.4,Kassel\n",
		"bad latitude":   head + "34117,north,9.4,Kassel\n",
		"out of range":   head + "34117,91,9.4,Kassel\n",
		"no place":       head + "34117,51.3,9.4,\n",
		"twice":          head + "34117,51.3,9.4,Kassel\n34117,51.3,9.4,Kassel\n",
		"missing column": head + "34117,51.3,9.4\n",
	}
	for name, data := range cases {
		if _, err := Read(strings.NewReader(data)); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
}

func TestPlacesInArea(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	listed := &Places{Table: tab, Area: area.NewLive(area.Area{Name: "X", Latitude: 51.3, Longitude: 9.5, State: "HE", Postcodes: []string{"34117", "34225"}})}
	radius := &Places{Table: tab, Area: area.NewLive(area.Area{Name: "X", Latitude: 51.31619, Longitude: 9.492, State: "HE", RadiusKm: 10})}
	cases := []struct {
		p    *Places
		code string
		want bool
	}{
		{listed, "34117", true},
		{listed, "34225", true},
		{listed, "34119", false}, // near, but not listed
		{listed, "80331", false},
		{listed, "00000", false}, // unknown
		{radius, "34119", true},  // about 1 km from the centre
		{radius, "34225", true},  // Baunatal, about 9 km
		{radius, "34369", false}, // Hofgeismar, about 22 km
		{radius, "80331", false},
	}
	for _, c := range cases {
		if got := c.p.InArea(c.code); got != c.want {
			t.Errorf("InArea(%s) = %v, want %v", c.code, got, c.want)
		}
	}
	at := []struct {
		p        *Places
		lat, lon float64
		want     bool
	}{
		{listed, 51.3166, 9.4981, true},      // in 34117 (Kassel-Mitte)
		{listed, 51.3277, 9.4632, false},     // in 34127, near but not listed
		{radius, 51.3277, 9.4632, true},      // the same, in the radius
		{listed, 52.52, 13.40, false},        // Berlin
		{radius, 0, 0, false},                // at sea: no postcode near
		{radius, 51.3166, 9.4981 + 5, false}, // 350 km east, in Saxony
	}
	for _, c := range at {
		if got := c.p.InAreaAt(c.lat, c.lon); got != c.want {
			t.Errorf("InAreaAt(%v, %v) = %v, want %v", c.lat, c.lon, got, c.want)
		}
	}
	lat, lon, place, ok := listed.Postcode("80331")
	if !ok || place != "München" || lat < 48 || lon < 11 {
		t.Errorf("Postcode(80331) = %v %v %q %v", lat, lon, place, ok)
	}
	if _, _, _, ok := listed.Postcode("12"); ok {
		t.Error("Postcode(12) found")
	}
	if !strings.Contains(listed.Attribution(), "OpenStreetMap contributors") || !strings.Contains(listed.Attribution(), "ODbL 1.0") {
		t.Errorf("attribution %q", listed.Attribution())
	}
}

// TestExample: the postcode shown as an example is the served town's own, the one nearest
// its centre, with the town's name as the table writes it; for an area the table does not
// name, the postcode nearest the centre; none at sea.
func TestExample(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		a           area.Area
		code, place string
		ok          bool
	}{
		{area.Area{Name: "Kassel", Latitude: 51.3166, Longitude: 9.4981, State: "HE"}, "34117", "Kassel", true},
		{area.Area{Name: "München", Latitude: 48.137, Longitude: 11.575, State: "BY"}, "80331", "München", true},
		{area.Area{Name: "Landkreis X", Latitude: 51.3166, Longitude: 9.4981, State: "HE"}, "34117", "Kassel", true},
		{area.Area{Name: "Atlantis", Latitude: 0, Longitude: 0, State: "HE"}, "", "", false},
	} {
		p := &Places{Table: tab, Area: area.NewLive(c.a)}
		if code, place, ok := p.Example(); code != c.code || place != c.place || ok != c.ok {
			t.Errorf("%s: Example() = %q %q %v, want %q %q %v", c.a.Name, code, place, ok, c.code, c.place, c.ok)
		}
	}
}

// TestLoadReadsOnce: the embedded table is read once per process and shared.
func TestLoadReadsOnce(t *testing.T) {
	a, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load()
	if err != nil || a != b {
		t.Errorf("Load gave %p and %p (%v), want one table", a, b, err)
	}
}
