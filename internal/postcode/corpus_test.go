package postcode

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/corpusfile"
	"github.com/kassel/wegweiser/internal/seed"
)

// TestPlacesNotReadInNeeds reads every message of the phrase corpus (needs typed in the
// fifteen languages, package recognize's testdata) as an answer to where the person lives,
// serving the shipped area: a place of the area other than the town may be read only from a
// message that names it ("wohne in Baunatal"), never from words that sound like one ("nicht"
// and Nieste, "hesap" and Helsa, "okuldan" and Calden).
func TestPlacesNotReadInNeeds(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	p := &Places{Table: tab, Area: area.NewLive(seed.KasselArea())}
	files, err := filepath.Glob("../recognize/testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no phrase corpus: %v", err)
	}
	read := 0
	for _, f := range files {
		for _, l := range corpusfile.Read(t, f) {
			read++
			if got, ok := p.Named(l.Text); ok && got.InArea && !got.Town && !strings.Contains(strings.ToLower(l.Text), strings.ToLower(got.Name)) {
				t.Errorf("%s:%d read as %s: %s", filepath.Base(f), l.N, got.Name, l.Text)
			}
		}
	}
	if read < 10000 {
		t.Errorf("read %d messages of the phrase corpus, want its thousands", read)
	}
}
