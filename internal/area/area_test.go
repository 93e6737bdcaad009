package area_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/seed"
)

// TestShippedAreaIsValid: the shipped default is Stadt and Landkreis Kassel: 40 postcodes in
// Hessen around its centre, and its names in the languages that write it otherwise.
func TestShippedAreaIsValid(t *testing.T) {
	a := seed.KasselArea()
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	if a.State != "HE" || len(a.Postcodes) != 40 || a.RadiusKm != 0 {
		t.Errorf("state %s, %d postcodes, radius %v", a.State, len(a.Postcodes), a.RadiusKm)
	}
	for _, code := range a.Postcodes {
		if !strings.HasPrefix(code, "34") {
			t.Errorf("postcode %s is not in the 34 region", code)
		}
	}
	if len(a.Districts) < 23 || !slices.Contains(a.Districts, "Nordstadt") {
		t.Errorf("districts %v, want Kassel's 23 and the names people use for them", a.Districts)
	}
	if len(a.Villages) < 100 || a.Villages["Großenritte"] != "Baunatal" || a.Villages["Ihringshausen"] != "Fuldatal" || a.Villages["Fuldatal"] != "34233" {
		t.Errorf("%d villages, Großenritte in %q, Ihringshausen in %q, Fuldatal at %q", len(a.Villages), a.Villages["Großenritte"], a.Villages["Ihringshausen"], a.Villages["Fuldatal"])
	}
	if a.NameIn("en") != a.Name || a.NameIn("ar") == a.Name || a.NameIn("ar") == "" {
		t.Errorf("names: en %q, ar %q", a.NameIn("en"), a.NameIn("ar"))
	}
}

func TestReadRefusesBadAreas(t *testing.T) {
	good := `{"name": "Musterstadt", "latitude": 51.5, "longitude": 9.9, "state": "NI", "postcodes": ["37073"]}`
	if a, err := area.Read(strings.NewReader(good)); err != nil || a.Name != "Musterstadt" {
		t.Fatalf("good area: %+v, %v", a, err)
	}
	cases := map[string]string{
		"no name":          `{"latitude": 51.5, "longitude": 9.9, "state": "NI", "postcodes": ["37073"]}`,
		"outside Germany":  `{"name": "X", "latitude": 48.85, "longitude": 2.35, "state": "NI", "postcodes": ["37073"]}`,
		"unknown state":    `{"name": "X", "latitude": 51.5, "longitude": 9.9, "state": "XX", "postcodes": ["37073"]}`,
		"bad postcode":     `{"name": "X", "latitude": 51.5, "longitude": 9.9, "state": "NI", "postcodes": ["3707"]}`,
		"postcode twice":   `{"name": "X", "latitude": 51.5, "longitude": 9.9, "state": "NI", "postcodes": ["37073", "37073"]}`,
		"no postcodes":     `{"name": "X", "latitude": 51.5, "longitude": 9.9, "state": "NI"}`,
		"radius too large": `{"name": "X", "latitude": 51.5, "longitude": 9.9, "state": "NI", "radius_km": 500}`,
		"empty name in ar": `{"name": "X", "names": {"ar": ""}, "latitude": 51.5, "longitude": 9.9, "state": "NI", "radius_km": 20}`,
		"unknown field":    `{"name": "X", "latitude": 51.5, "longitude": 9.9, "state": "NI", "radius_km": 20, "town": "Y"}`,
		"district twice":   `{"name": "X", "latitude": 51.5, "longitude": 9.9, "state": "NI", "radius_km": 20, "districts": ["Nord", "nord "]}`,
		"empty district":   `{"name": "X", "latitude": 51.5, "longitude": 9.9, "state": "NI", "radius_km": 20, "districts": [" "]}`,
		"village of none":  `{"name": "X", "latitude": 51.5, "longitude": 9.9, "state": "NI", "radius_km": 20, "villages": {"Y": ""}}`,
		"arrival twice":    `{"name": "X", "latitude": 51.5, "longitude": 9.9, "state": "NI", "radius_km": 20, "arrival": ["Gießen", "gießen"]}`,
		"empty arrival":    `{"name": "X", "latitude": 51.5, "longitude": 9.9, "state": "NI", "radius_km": 20, "arrival": [""]}`,
		"not JSON":         `name = X`,
	}
	for name, data := range cases {
		if _, err := area.Read(strings.NewReader(data)); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
}

// TestLiveIsReplacedSafely: readers see the old or the new area, never a torn one.
func TestLiveIsReplacedSafely(t *testing.T) {
	l := area.NewLive(area.Area{Name: "Alt", Names: map[string]string{"ar": "ألت"}})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 1000 {
			if n := l.NameIn("ar"); n != "ألت" && n != "Neu" {
				t.Errorf("name %q", n)
				return
			}
		}
	}()
	l.Set(area.Area{Name: "Neu"})
	wg.Wait()
	if l.NameIn("ar") != "Neu" || l.Get().Name != "Neu" {
		t.Errorf("after Set: %q", l.NameIn("ar"))
	}
}

// TestVillage: a village is read as itself at its entry, or, naming another entry of the
// file, as that one at its postcode.
func TestVillage(t *testing.T) {
	a := area.Area{Villages: map[string]string{"Großenritte": "Baunatal", "Fuldatal": "34233", "Ihringshausen": "Fuldatal"}}
	for v, want := range map[string][2]string{
		"Großenritte":   {"Großenritte", "Baunatal"},
		"Fuldatal":      {"Fuldatal", "34233"},
		"Ihringshausen": {"Fuldatal", "34233"},
	} {
		if name, at := a.Village(v); name != want[0] || at != want[1] {
			t.Errorf("Village(%q) = %q, %q; want %q, %q", v, name, at, want[0], want[1])
		}
	}
}
