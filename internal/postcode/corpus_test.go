package postcode_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/corpusfile"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/recognize"
	"github.com/kassel/wegweiser/internal/seed"
	"github.com/kassel/wegweiser/locales"
)

// namedInScript are the places the phrase corpus names in another script than the table's
// (file and place): a place read so in any other message is an error.
var namedInScript = map[string]bool{
	"ar.txt Hofgeismar": true, "fa-AF.txt Kaufungen": true, "fa-AF.txt Wolfhagen": true,
	"fa-AF.txt Calden": true, "ps.txt Hofgeismar": true, "ti.txt Hofgeismar": true,
	// After a preposition written as one with the name ("بفولمار", "بكالدن").
	"ar.txt Wolfhagen": true, "ar.txt Calden": true, "ar.txt Vellmar": true,
	// Big cities outside the area (postcode.bigCities).
	"ar.txt Bielefeld": true, "ar.txt Dortmund": true, "ar.txt Frankfurt": true, "ar.txt Leipzig": true, "fa-AF.txt Berlin": true, "fa-AF.txt Hamburg": true,
	"ti.txt Frankfurt": true, "ti.txt München": true, "ti.txt Stuttgart": true,
	// Big cities spelt as heard in Latin letters, after a word that says where one is:
	// French's names for them ("à Francfort", "à Hanovre", "à Hambourg").
	"fr.txt Frankfurt": true, "fr.txt Hannover": true, "fr.txt Hamburg": true,
}

// TestPlacesNotReadInNeeds reads every message of the phrase corpus (needs typed in the
// fifteen languages, package recognize's testdata) as an answer to where the person lives,
// serving the shipped area and with the words of the message's language that say where one
// is (answer.at): a place other than the town may be read only from a message that names it
// ("wohne in Baunatal", "living in Essen now"), never from words that sound like one ("nicht"
// and Nieste, "hesap" and Helsa, "okuldan" and Calden); in Arabic or Ge'ez letters only where
// the corpus names it so (namedInScript). A name read from Cyrillic letters is not judged
// (its letters are not the table's); words spelt as a place ("bei meine Sohn" and Meine) are
// TestNamedAfterAt's. A long message is read clause by clause, as a first message is, and
// around the words that say where one is.
func TestPlacesNotReadInNeeds(t *testing.T) {
	tab, err := postcode.Load()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	p := &postcode.Places{Table: tab, Area: area.NewLive(seed.KasselArea())}
	files, err := filepath.Glob("../recognize/testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no phrase corpus: %v", err)
	}
	read, outside := 0, 0
	for _, f := range files {
		lang := strings.TrimSuffix(filepath.Base(f), ".txt")
		at := func(w string) bool { return cat.SaysOneOf(lang, "answer.at", w) }
		for _, l := range corpusfile.Read(t, f) {
			read++
			// As the place question reads an answer; and as a message before it is read
			// (conversation's placeBeforeAsked): whole, then clause by clause, as written.
			got, ok := p.NamedIn(l.Text, postcode.Reading{At: at})
			for _, piece := range append([]string{l.Text}, recognize.Clauses(l.Text)...) {
				if ok {
					break
				}
				got, ok = p.NamedIn(piece, postcode.Reading{At: at, Written: true})
			}
			if !ok || got.Town {
				continue
			}
			if !got.InArea {
				outside++
			}
			words := recognize.Normalize(l.Text)
			if slices.ContainsFunc(words, func(w string) bool { return unicode.Is(unicode.Cyrillic, []rune(w)[0]) }) {
				continue // the name's word is counted in its clause: judged by the whole message's script
			}
			// The name as written, or, in another script than the table's or spelt as heard, as
			// it sounds ("هوفغايسمار", "ሆፍጋይዝማር", "Francfort"), in a message known to name it so.
			other := !unicode.Is(unicode.Latin, []rune(words[0])[0]) || namedInScript[filepath.Base(f)+" "+got.Name]
			if name := recognize.Normalize(got.Name); !strings.Contains(strings.Join(words, " "), name[0]) &&
				!postcode.NamedOtherwise(l.Text, got.Name) && // "je vis à Cologne", "w Monachium"
				(!other || !postcode.SoundsIn(l.Text, got.Name) || !namedInScript[filepath.Base(f)+" "+got.Name]) {
				t.Errorf("%s:%d read as %s: %s", filepath.Base(f), l.N, got.Name, l.Text)
			}
		}
	}
	if read < 10000 {
		t.Errorf("read %d messages of the phrase corpus, want its thousands", read)
	}
	if outside < 20 {
		t.Errorf("%d places outside the area read, want the few dozen the needs name (\"living in Essen now\")", outside)
	}
}
