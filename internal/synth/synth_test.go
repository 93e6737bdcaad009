package synth

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/postcode"
)

// TestGeneratedDirectoryIsValidAndNational: 2,000 offices pass the directory file's
// validation, sit at real postcode centres, spread over Germany, and the same seed gives the
// same directory.
func TestGeneratedDirectoryIsValidAndNational(t *testing.T) {
	tab, err := postcode.Load()
	if err != nil {
		t.Fatal(err)
	}
	offices, err := Generate(tab, 2000, 1)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := directory.WriteCSV(&buf, offices); err != nil {
		t.Fatal(err)
	}
	read, err := directory.ReadCSV(&buf)
	if err != nil {
		t.Fatalf("the generated file does not pass validation:\n%v", err)
	}
	if len(read) != 2000 {
		t.Fatalf("%d offices read back", len(read))
	}
	kinds := map[directory.Kind]int{}
	zones := map[byte]bool{}
	postcodes := map[string]bool{}
	minLat, maxLat, minLon, maxLon := 90.0, -90.0, 180.0, -180.0
	for _, o := range offices {
		kinds[o.Kind]++
		zones[o.Postcode[0]] = true
		postcodes[o.Postcode] = true
		e, ok := tab.Lookup(o.Postcode)
		if !ok || !o.HasPosition() || *o.Latitude != e.Lat || *o.Longitude != e.Lon || o.City != e.Place {
			t.Fatalf("%s is not at the centre of postcode %s", o.ID, o.Postcode)
		}
		minLat, maxLat = min(minLat, e.Lat), max(maxLat, e.Lat)
		minLon, maxLon = min(minLon, e.Lon), max(maxLon, e.Lon)
	}
	if kinds[directory.KindMBE] < 700 || kinds[directory.KindJMD] < 600 || kinds[directory.KindService] < 150 {
		t.Errorf("kinds %v", kinds)
	}
	if len(zones) != 10 || len(postcodes) != 2000 {
		t.Errorf("%d of 10 postcode zones, %d distinct postcodes", len(zones), len(postcodes))
	}
	if maxLat-minLat < 6 || maxLon-minLon < 7 {
		t.Errorf("offices only in %.1f–%.1f N, %.1f–%.1f E", minLat, maxLat, minLon, maxLon)
	}
	again, _ := Generate(tab, 2000, 1)
	if !reflect.DeepEqual(offices, again) {
		t.Error("the same seed gave another directory")
	}
	other, _ := Generate(tab, 2000, 2)
	if reflect.DeepEqual(offices, other) {
		t.Error("another seed gave the same directory")
	}
}

func TestGenerateBounds(t *testing.T) {
	tab, err := postcode.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, -1, MaxOffices + 1} {
		if _, err := Generate(tab, n, 1); err == nil {
			t.Errorf("%d offices generated", n)
		}
	}
	// More offices than postcodes: every postcode once, then again.
	offices, err := Generate(tab, tab.Len()+10, 1)
	if err != nil || len(offices) != tab.Len()+10 {
		t.Fatalf("%d offices, %v", len(offices), err)
	}
}
