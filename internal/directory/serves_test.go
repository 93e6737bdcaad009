package directory

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestServes: the places an office alone is responsible for are read from the file (names
// with spaces, separated by semicolons, each once), written back the same, and a person of
// another known place is not sent there; one of an unknown place, or of a place named, is.
func TestServes(t *testing.T) {
	got, err := ParseServes(" Baunatal ; Bad Emstal;;Baunatal ")
	if err != nil || !slices.Equal(got, []string{"Baunatal", "Bad Emstal"}) {
		t.Fatalf("ParseServes = %q, %v", got, err)
	}
	many := make([]string, maxServes+1)
	for i := range many {
		many[i] = "Ort " + strconv.Itoa(i)
	}
	if _, err := ParseServes(strings.Join(many, ";")); err == nil {
		t.Error("ParseServes took more places than maxServes")
	}
	if _, err := ParseServes(strings.Repeat("x", 101)); err == nil {
		t.Error("ParseServes took a name of 101 letters")
	}

	city := Office{ID: "jc-city", Kind: KindService, Name: "Jobcenter Stadt", Topics: []Topic{"money"}, Phone: "0561 7004201", Serves: []string{"Kassel"}}
	county := Office{ID: "jc-county", Kind: KindService, Name: "Jobcenter Landkreis", Topics: []Topic{"money"}, Phone: "0561 7004202", Serves: []string{"Baunatal", "Bad Emstal"}}
	all := Office{ID: "abh", Kind: KindService, Name: "Ausländerbehörde", Topics: []Topic{"money"}, Phone: "0561 7004203"}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, []Office{city, county, all}); err != nil {
		t.Fatal(err)
	}
	read, err := ReadCSV(bytes.NewReader(buf.Bytes()))
	byID := map[string]Office{}
	for _, o := range read {
		byID[o.ID] = o
	}
	if err != nil || !slices.Equal(byID["jc-county"].Serves, county.Serves) || len(byID["abh"].Serves) != 0 {
		t.Fatalf("read back %+v, %v", read, err)
	}
	offices := prepare(read)
	for place, want := range map[string][]string{
		"":         {"abh", "jc-city", "jc-county"},
		"Kassel":   {"abh", "jc-city"},
		"Baunatal": {"abh", "jc-county"},
		"Hamburg":  {"abh"},
	} {
		m := rank(offices, Query{Age: 40, Topic: "money", Place: place})
		var ids []string
		for _, s := range m.Services {
			ids = append(ids, s.Office.ID)
		}
		slices.Sort(ids)
		if !slices.Equal(ids, want) {
			t.Errorf("place %q: services %q, want %q", place, ids, want)
		}
	}
}
