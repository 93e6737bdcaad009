package seed_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/seed"
)

// TestShippedDirectory: the shipped file reads without a problem; what newcomers must know of
// an entry and cannot read in German is a note of the library, in their language (the Diakonie's
// MBE role not confirmed, map points that are only a postcode's centre), not a German remark;
// and the town's and the district's authorities say whom they are for.
func TestShippedDirectory(t *testing.T) {
	offices, err := directory.ReadCSV(bytes.NewReader(seed.Kassel))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]directory.Office{}
	for _, o := range offices {
		byID[o.ID] = o
		if strings.Contains(o.Note, "Kartenpunkt") {
			t.Errorf("%s: a map remark in the German note: %q", o.ID, o.Note)
		}
		if o.Latitude != nil && strings.Contains(o.Note, "Postleitzahlgebiet") {
			t.Errorf("%s: %q", o.ID, o.Note)
		}
	}
	if !slices.Contains(byID["diakonie-mbe-kassel"].NoteKeys, "role_unconfirmed") {
		t.Errorf("Diakonie: notes %q, want role_unconfirmed", byID["diakonie-mbe-kassel"].NoteKeys)
	}
	if !slices.Contains(byID["caritas-mbe-kassel"].NoteKeys, "position_approximate") {
		t.Errorf("Caritas: notes %q, want position_approximate", byID["caritas-mbe-kassel"].NoteKeys)
	}
	for _, id := range []string{"jobcenter-stadt-kassel", "jugendamt-stadt-kassel"} {
		if !slices.Equal(byID[id].Serves, []string{"Kassel"}) {
			t.Errorf("%s serves %q, want the city (Kassel) only", id, byID[id].Serves)
		}
	}
	for _, id := range []string{"jobcenter-landkreis-kassel", "fachbereich-jugend-landkreis-kassel"} {
		if s := byID[id].Serves; !slices.Contains(s, "Baunatal") || slices.Contains(s, "Kassel") {
			t.Errorf("%s serves %q, want the Landkreis's municipalities (Baunatal), not the city", id, s)
		}
	}
}
