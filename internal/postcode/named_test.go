package postcode

import (
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/directory"
)

// TestNamed: places typed by name, as people type them, against the real table and an area
// like Kassel's (a radius around its centre, with its names in other scripts).
func TestNamed(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	a := area.Area{Name: "Kassel", Names: map[string]string{"ar": "كاسل", "ru": "Кассель", "ti": "ካሰል"},
		Latitude: 51.3127, Longitude: 9.4797, State: "HE", RadiusKm: 12, Districts: []string{"Nordstadt", "Bad Wilhelmshöhe", "Wilhelmshöhe"},
		Villages: map[string]string{"Großenritte": "Baunatal", "Fuldatal": "34233", "Ihringshausen": "Fuldatal", "Weimar": "Ahnatal", "Lippoldsberg": "Wesertal"}}
	p := &Places{Table: tab, Area: area.NewLive(a)}
	type want struct {
		name         string
		inArea, town bool
	}
	cases := map[string]*want{
		"Kassel":                {"Kassel", true, true},
		"KASSEL!":               {"Kassel", true, true},
		"كاسل":                  {"Kassel", true, true},
		"أسكن في كاسل":          {"Kassel", true, true},
		"Кассель":               {"Kassel", true, true},
		"ich wohne in Baunatal": {"Baunatal", true, false},
		"Baunatal bei Kassel":   {"Baunatal", true, false}, // the town is the landmark
		"vellmar":               {"Vellmar", true, false},
		"Göttingen":             {"Göttingen", false, false},
		"goettingen":            {"Göttingen", false, false}, // umlaut typed as two letters
		"I live in Hamburg":     {"Hamburg", false, false},
		"Frankfurt":             {"Frankfurt", false, false}, // two towns: the shared name
		"Frankfurt am Main":     {"Frankfurt am Main", false, false},
		"Halle":                 {"Halle", false, false},
		// Written in Cyrillic, as German names are transcribed.
		"Баунаталь":          {"Baunatal", true, false},
		"Вельмар":            {"Vellmar", true, false},
		"я живу в Баунаталь": {"Baunatal", true, false},
		"Мюнхен":             {"München", false, false},
		"Штутгарт":           {"Stuttgart", false, false},
		"Гёттинген":          {"Göttingen", false, false},
		"Эссен":              {"Essen", false, false}, // not Jessen, which reads alike
		"Зиген":              {"Siegen", false, false},
		// The served town in the forms people type, anywhere in a short text: with an
		// ending, after a preposition written as one with it, one letter away.
		"Kassel'de yaşıyorum":                    {"Kassel", true, true},
		"ez li Kasselê dijîm":                    {"Kassel", true, true},
		"Kasseldeyim":                            {"Kassel", true, true},
		"Ich wohne mit meiner Familie in Kassel": {"Kassel", true, true},
		"мы живём в Касселе уже два года": {"Kassel", true, true},
		// The area's other places and the town's districts are read as the town is.
		"wir wohnen seit zwei Jahren mit den Kindern in Vellmar": {"Vellmar", true, false},
		"we got a flat in Baunatal last month":                   {"Baunatal", true, false},
		"li Baunatalê":                                           {"Baunatal", true, false},
		"w Baunatalu":                                            {"Baunatal", true, false},
		"Lohfeldenn":                                             {"Lohfelden", true, false},
		"ich wohne in der Nordstadt":                             {"Kassel", true, true},
		"Heim beim Bahnhof Wilhelmshöhe":                         {"Kassel", true, true},
		"wir wohnen seit zwei Jahren mit den Kindern in Marburg": nil, // a longer sentence: the area's places only
		// The area's places as they sound, in any script, and its villages by their part.
		"Bawnataal ayaan ku noolahay":    {"Baunatal", true, false},
		"احنا عايشين بباوناتال":          {"Baunatal", true, false},
		"ባውናታል":                          {"Baunatal", true, false},
		"Niedervellmar":                  {"Vellmar", true, false},
		"stau in Lohfelden langa Kassel": {"Lohfelden", true, false},
		"stau in Casel":                  {"Kassel", true, true},
		// Villages: as their municipality, or as themselves at their postcode; the villages
		// of a municipality given its postcode as it; such a municipality as it sounds.
		"wohne in Großenritte": {"Baunatal", true, false},
		"Grossenritte":         {"Baunatal", true, false},
		"li Ihringshausenê":    {"Fuldatal", true, false},
		"Weimar":               {"Ahnatal", true, false}, // a village of the area before the town in Thuringia
		"Weimar bei Kassel":    {"Ahnatal", true, false},
		"Münih'te":             {"München", false, false}, // another name with an ending
		"Fuldatal":             {"Fuldatal", true, false},
		"Фульдаталь":           {"Fuldatal", true, false},
		"فولداتال":             {"Fuldatal", true, false},
		"Ich habe einen Brief bekommen und verstehe nicht": nil, // no Nieste
		"banka hesabı açmak istiyorum":                     nil, // no Helsa
		"okuldan sonra minijob":                            nil, // no Calden
		"в Касселе":                                        {"Kassel", true, true},
		"живу в Касселі":                                   {"Kassel", true, true},
		"بكاسل":                                            {"Kassel", true, true},
		"ساكن بكاسل هلأ":                                   {"Kassel", true, true},
		"Kasel":                                            {"Kassel", true, true},
		"Kassl":                                            {"Kassel", true, true},
		"Kasssel":                                          {"Kassel", true, true},
		"Kasesl":                                           {"Kassel", true, true},
		"Kasseler Straße":                                  {"Kassel", true, true},
		"كاسيل":                                            {"Kassel", true, true}, // a long vowel more, as many write it
		"انا ساكن في كاسيل":                                {"Kassel", true, true},
		"بكاسيل":                                           {"Kassel", true, true},
		"کاسیل":                                            {"Kassel", true, true},
		"ካስል":                                              {"Kassel", true, true}, // other vowels of the same consonants
		"ኣብ ካሰል እየ ዝቕመጥ":                                   {"Kassel", true, true},
		"Касель":                                           {"Kassel", true, true},
		"Кассел":                                           {"Kassel", true, true},
		// One letter away and an ending; a place of the table with an ending after an
		// apostrophe, wherever it stands.
		"Kasel'de oturuyorum":    {"Kassel", true, true},
		"мы живём в Каселе":      {"Kassel", true, true},
		"Baunatal'da oturuyorum": {"Baunatal", true, false},
		"Vellmar'da ev arıyorum": {"Vellmar", true, false},
		"don't":                  nil,
		"I'm":                    nil,
		"كسل":                    nil, // a long vowel fewer is another word (laziness)
		"كاسلي":                  nil, // a vowel at the end is an ending, not a spelling
		"ካሰ":                     nil,
		"ካሰልጠ":                   nil,
		"Kas":                    nil,
		"Kasse":                  nil, // a slip at the name's end is another word
		"Kassen":                 nil,
		"Kassem":                 nil,
		"Rassel":                 nil,
		"thank you very much":    nil, // Much, but not as the table writes it
		"ich wohne in der Nähe":  nil,
		"i live in Much":         {"Much", false, false},
		"Kessler":                nil, // two letters away
		"Кассир":                 nil,
		"квартира":               nil,
		"сын":                    nil, // Sinn: too short to be read as a name
		// No place: a word, a short word, a qualifier's stem inside a sentence ("Weil am
		// Rhein"), a sentence too long to be a place.
		"Wohnung":                         nil,
		"in":                              nil,
		"ich weiß nicht weil ich neu bin": nil,
		"weil ich neu bin":                nil,
		"ich wohne seit zwei Jahren in der Stadt Marburg": nil,
	}
	for text, w := range cases {
		got, ok := p.Named(text)
		switch {
		case w == nil && ok:
			t.Errorf("Named(%q) = %+v, want no place", text, got)
		case w == nil:
		case !ok || got.Name != w.name || got.InArea != w.inArea || got.Town != w.town:
			t.Errorf("Named(%q) = %+v, %v; want %+v", text, got, ok, *w)
		case w.inArea && directory.DistanceKm(got.Lat, got.Lon, a.Latitude, a.Longitude) > a.RadiusKm:
			t.Errorf("Named(%q): centre %v, %v is outside the area", text, got.Lat, got.Lon)
		case !w.inArea && (got.Lat != 0 || got.Lon != 0):
			t.Errorf("Named(%q): a place outside the area has a centre %v, %v", text, got.Lat, got.Lon)
		}
	}
}

// TestNamedAlone: a place typed and nothing more is told from one named in a sentence.
func TestNamedAlone(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	p := &Places{Table: tab, Area: area.NewLive(area.Area{Name: "Kassel", Latitude: 51.3127, Longitude: 9.4797, State: "HE", RadiusKm: 12})}
	for text, alone := range map[string]bool{"Baunatal": true, "ich wohne in Baunatal": false, "Kassel": true,
		"I live in Kassel": false, "Kasel": true, "Hamburg": true, "I live in Hamburg": false} {
		got, ok := p.Named(text)
		if !ok || got.Alone != alone {
			t.Errorf("Named(%q) = %+v, %v; want alone %v", text, got, ok, alone)
		}
	}
}

// TestNamedInRefused: a name refused is passed over for the next one, and the refusal is given
// where the name before it ends.
func TestNamedInRefused(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	p := &Places{Table: tab, Area: area.NewLive(area.Area{Name: "Kassel", Latitude: 51.3127, Longitude: 9.4797, State: "HE", RadiusKm: 12})}
	for _, tc := range []struct {
		text    string
		refused map[int]bool // first words of the names to refuse
		want    string
		from    int // given with the name wanted
	}{
		{"Kassel'de değilim, Baunatal'dayım", map[int]bool{0: true}, "Baunatal", 1},
		{"nicht Kassel, Vellmar", map[int]bool{1: true}, "Vellmar", 2},
		{"Kassel", map[int]bool{0: true}, "", 0},
		{"Kassel'de oturuyorum", nil, "Kassel", 0},
	} {
		froms := map[int]int{} // by the first word of the name asked about
		got, ok := p.NamedIn(tc.text, Reading{Refused: func(first, last, f int) bool {
			froms[first] = f
			return tc.refused[first]
		}})
		from := froms[got.First]
		switch {
		case tc.want == "" && ok:
			t.Errorf("NamedIn(%q) = %s, want none", tc.text, got.Name)
		case tc.want != "" && (!ok || got.Name != tc.want || from != tc.from):
			t.Errorf("NamedIn(%q) = %+v, %v (from %d); want %s from %d", tc.text, got, ok, from, tc.want, tc.from)
		}
	}
}

// TestNamedAfterAt: after a word that says where one is (Reading.At), a place of the table
// is read anywhere in a sentence, in lower case when its name is long enough, and with an
// ending when it stands as the table writes it (in Cyrillic, by its transcription); without
// such a word, at a clause's end. Words spelt like a place are not read so.
func TestNamedAfterAt(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	p := &Places{Table: tab, Area: area.NewLive(area.Area{Name: "Kassel", Latitude: 51.3127, Longitude: 9.4797, State: "HE", RadiusKm: 12})}
	at := func(w string) bool { return slices.Contains([]string{"in", "bei", "li", "в", "a", "à"}, w) }
	for text, want := range map[string]string{
		"I live in Fritzlar with my family":             "Fritzlar",
		"we are still in giessen camp":                  "Gießen",
		"ez li Frankfurtê dijîm":                        "Frankfurt",
		"живу в Марбурге с семьёй":                      "Marburg",
		"Fritzlar, рядом с Касселем":                    "Fritzlar",
		"I live with my family and kids, Fritzlar":      "Fritzlar",
		"bei meine sohn":                                "",
		"ich wohne in meiner Wohnung seit einem Jahr":   "",
		"on m'a arraché mon téléphone":                  "",
		"I live with my family and my kids in the camp": "",
	} {
		got, ok := p.NamedIn(text, Reading{At: at})
		if want == "" && ok || want != "" && (!ok || got.Name != want) {
			t.Errorf("NamedIn(%q) = %q, %v; want %q", text, got.Name, ok, want)
		}
	}
}

// TestWarm: Warm builds the index by name, which Named would otherwise build on first use.
func TestWarm(t *testing.T) {
	tab, err := Read(strings.NewReader(string(table))) // a table of its own: Load's is shared
	if err != nil {
		t.Fatal(err)
	}
	p := &Places{Table: tab, Area: area.NewLive(area.Area{Name: "Kassel", Latitude: 51.3127, Longitude: 9.4797, RadiusKm: 12})}
	if tab.names.by != nil {
		t.Fatal("the index was built before it was used")
	}
	p.Warm()
	if tab.names.by == nil || len(tab.names.groups) == 0 {
		t.Fatal("Warm did not build the index by name")
	}
	if n, ok := p.Named("Baunatal"); !ok || n.Name != "Baunatal" {
		t.Fatalf("after Warm, Named(Baunatal) = %+v, %v", n, ok)
	}
}

// TestAreaReplacedIsReadAnew: the area's own places are worked out again when the area in use
// is replaced (another area imported), not read from the old one.
func TestAreaReplacedIsReadAnew(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	a := area.Area{Name: "Kassel", Latitude: 51.3127, Longitude: 9.4797, State: "HE", RadiusKm: 12, Districts: []string{"Nordstadt"}}
	live := area.NewLive(a)
	p := &Places{Table: tab, Area: live}
	if got, ok := p.Named("Nordstadt"); !ok || got.Name != "Kassel" {
		t.Fatalf("Nordstadt with the district listed: %+v, %v", got, ok)
	}
	a.Districts = nil
	live.Set(a)
	if got, ok := p.Named("Nordstadt"); ok {
		t.Errorf("Nordstadt after the area lost the district: %+v", got)
	}
}

// TestBigCitiesAsTheySound: a big city outside the area typed in Arabic, Persian or Ge'ez
// letters is read as it sounds, alone or in a short answer, and is outside the area; a small
// place's name, or a big city of three consonants, is not read so.
func TestBigCitiesAsTheySound(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	p := &Places{Table: tab, Area: area.NewLive(area.Area{Name: "Kassel", Latitude: 51.3127, Longitude: 9.4797, State: "HE", RadiusKm: 12})}
	for typed, want := range map[string]string{
		"هامبورغ": "Hamburg", "برلين": "Berlin", "فرانكفورت": "Frankfurt", "دوسلدورف": "Düsseldorf",
		"شتوتغارت": "Stuttgart", "لايبزغ": "Leipzig", "دريسدن": "Dresden", "هانوفر": "Hannover",
		"هامبورگ": "Hamburg", "فرانکفورت": "Frankfurt", "ሃምቡርግ": "Hamburg", "በርሊን": "Berlin",
		"أعيش في هامبورغ": "Hamburg", "ساكن ببرلين": "Berlin", "په هامبورګ کې اوسیږم": "Hamburg",
		"ኣብ ሃምቡርግ እየ ዝነብር": "Hamburg",
		"كولن": "", "ماربورغ": "", // Köln: three consonants; Marburg: not a big city
	} {
		wantOutside(t, typed, want, p.Named)
	}
}

// wantOutside checks that read reads typed as the place want (by the start of its name)
// outside the area, or, when want is "", as no place outside it.
func wantOutside(t *testing.T, typed, want string, read func(string) (Named, bool)) {
	t.Helper()
	n, ok := read(typed)
	if want == "" {
		if ok && !n.InArea {
			t.Errorf("%q read as %s", typed, n.Name)
		}
		return
	}
	if !ok || n.InArea || !strings.HasPrefix(n.Name, want) {
		t.Errorf("%q: %v %q (in the area %v), want %s outside the area", typed, ok, n.Name, n.InArea, want)
	}
}

// TestNearbyTownsAsTheySound: a town around the area (within nearbyKm) typed in another
// script, or in Latin letters spelt as heard, is read as it sounds when it is the whole answer
// or follows a word that says where one is, and is outside the area; a word of a sentence
// that sounds like one (Pashto's "پوهنتون", university, like Bovenden), or a Latin word with
// another first letter, is not.
func TestNearbyTownsAsTheySound(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	p := &Places{Table: tab, Area: area.NewLive(area.Area{Name: "Kassel", Latitude: 51.3127, Longitude: 9.4797, State: "HE", RadiusKm: 12})}
	at := func(w string) bool { return w == "در" || w == "in" || w == "په" || w == "przy" }
	for typed, want := range map[string]string{
		"ملزونغن": "Melsungen", "ملزونگن": "Melsungen", "ګوتینګن": "Göttingen", "در گوتینگن": "Göttingen",
		"بادهرسفلد": "Bad Hersfeld", "Гьотинген": "Göttingen",
		"Gotingen": "Göttingen", "Berliin": "Berlin", "Francfort": "Frankfurt", "in Farankfurt": "Frankfurt",
		"پوهنتون": "", "په پوهنتون کې": "", "przy szparagach": "", "جاب سنټر": "",
	} {
		wantOutside(t, typed, want, func(s string) (Named, bool) { return p.NamedIn(s, Reading{At: at}) })
	}
}

// TestArrivalPlacesAsTheySound: an arrival place of the area (Gießen, where Hessen's newcomers
// live first) is read as it sounds in any script however short its name, as the whole answer
// or after a word that says where one is, and is outside the area; not in a message read as
// written, nor in a long one, nor for an area that names none.
func TestArrivalPlacesAsTheySound(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	a := area.Area{Name: "Kassel", Latitude: 51.3127, Longitude: 9.4797, State: "HE", RadiusKm: 12, Arrival: []string{"Gießen"}}
	p := &Places{Table: tab, Area: area.NewLive(a)}
	at := func(w string) bool { return w == "فی" || w == "در" || w == "in" || w == "په" } // as Normalize writes them
	for typed, want := range map[string]string{
		"غيسن": "Gießen", "في غيسن": "Gießen", "گیسن": "Gießen", "در گیسن": "Gießen", "ګیسن": "Gießen",
		"Giisen": "Gießen", "Gisen": "Gießen", "in Giessen": "Gießen",
		"سبا په اته بجې انهورونګ لرم په ګیسن کې او بیا زه کور ته ځم": "",
	} {
		wantOutside(t, typed, want, func(s string) (Named, bool) { return p.NamedIn(s, Reading{At: at}) })
	}
	if n, ok := p.NamedIn("في غيسن", Reading{At: at, Written: true}); ok {
		t.Errorf("read as written, \"في غيسن\" is %s", n.Name)
	}
	a.Arrival = nil
	none := &Places{Table: tab, Area: area.NewLive(a)}
	for _, typed := range []string{"Giisen"} { // not among Gießen's other names (othernames.tsv)
		if n, ok := none.NamedIn(typed, Reading{At: at}); ok {
			t.Errorf("without arrival places, %q is %s", typed, n.Name)
		}
	}
}

// TestOtherNames: a big city's other names, as other languages and scripts write it
// (othernames.tsv, from GeoNames), name it as the whole answer or after a word that says
// where one is, outside the area; a place of the table keeps its own name; a short name of a
// small town that is a word ("Cele", Romanian's "the", for Celle) is no other name.
func TestOtherNames(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	p := &Places{Table: tab, Area: area.NewLive(area.Area{Name: "Kassel", Latitude: 51.3127, Longitude: 9.4797, State: "HE", RadiusKm: 12})}
	at := func(w string) bool { return w == "w" || w == "a" || w == "in" } // "à" as Normalize writes it
	for typed, want := range map[string]string{
		"Monachium": "München", "w Monachium": "München", "Kolonia": "Köln", "à Cologne": "Köln",
		"Munich": "München", "ميونخ": "München", "مونیخ": "München", "Münih": "München", "Кьолн": "Köln",
		"Getynga": "Göttingen", "Francfort": "Frankfurt",
		"Cele": "", "in Dame": "",
	} {
		wantOutside(t, typed, want, func(s string) (Named, bool) { return p.NamedIn(s, Reading{At: at}) })
	}
	if n, ok := p.NamedIn("Frankfurt", Reading{}); !ok || !strings.HasPrefix(n.Name, "Frankfurt") {
		t.Errorf("Frankfurt: %v %q", ok, n.Name)
	}
}

// TestOtherNamesFile: every other name names a place of the table, once, and the file is as
// cmd/placenamegen writes it (its header, then name and place a line).
func TestOtherNamesFile(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	places := map[string]bool{}
	for _, e := range tab.Entries() {
		places[e.Place] = true
	}
	if !strings.Contains(otherNamesTSV, "GeoNames") || !strings.Contains(otherNamesTSV, "CC BY 3.0") {
		t.Error("othernames.tsv does not credit GeoNames and its licence")
	}
	seen, n := map[string]bool{}, 0
	for name, place := range otherNames() {
		n++
		if !places[place] || seen[name] || strings.TrimSpace(name) != name || name == "" {
			t.Errorf("other name %q of %q: not a place of the table, listed twice, or blank", name, place)
		}
		seen[name] = true
	}
	if n < 5000 {
		t.Errorf("%d other names, want the thousands generated", n)
	}
}
