package i18n

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/seed"
	"github.com/kassel/wegweiser/locales"
)

// sharedCatalog is the shipped catalog serving Kassel, loaded once for every test that does
// not change it: a load takes a second, several under the race detector.
var sharedCatalog = sync.OnceValues(func() (*Catalog, error) {
	c, err := Load(locales.FS)
	if err == nil {
		c.SetTown(seed.KasselArea().NameIn)
	}
	return c, err
})

// loadTestCatalog is sharedCatalog; a test that changes its catalog (SetTown) loads its own.
func loadTestCatalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := sharedCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ptr[T any](v T) *T { return &v }

// richOffices have every field a newcomer can see, in Latin script: names, German notes,
// phones, hours with several rules and spans, and languages.
func richOffices() []directory.Office {
	confirmed, _ := directory.ParseDate("2026-11-02")
	o := func(id string, kind directory.Kind, name string, lat, lon float64) directory.Office {
		return directory.Office{
			ID: id, Kind: kind, Name: name, Provider: "Caritasverband Nordhessen-Kassel e.V.",
			Street: "Die Freiheit 2", Postcode: "34117", City: "Kassel", Latitude: ptr(lat), Longitude: ptr(lon),
			Phone: "0561 7004-211", Email: "jmd@example.org", Website: "https://www.example.org/jmd",
			Languages:    []string{"de", "ar", "fa-AF", "en", "tr"},
			Topics:       []directory.Topic{"housing", "family", "letters"},
			OpeningHours: "Mo-Th 09:00-12:00,13:00-15:30; Fr 09:00-12:00; Sa off",
			Note:         "Termine nach Vereinbarung, Dolmetscher auf Anfrage.", ConfirmedAt: confirmed,
		}
	}
	return []directory.Office{
		o("jmd", directory.KindJMD, "Jugendmigrationsdienst Kassel (JMD)", 51.3155, 9.4974),
		o("mbe", directory.KindMBE, "Migrationsberatung für Erwachsene (MBE)", 51.3120, 9.4800),
		o("mbe2", directory.KindMBE, "MBE Schlachthof", 51.3250, 9.5000),
		o("ja", directory.KindService, "Jugendamt Stadt Kassel", 51.3100, 9.4900),
	}
}

// newcomerMessages walks the conversations that reach every kind of result and returns every
// message a newcomer is shown on the way, with help and privacy.
func newcomerMessages(t *testing.T, c *Catalog) []dialog.Message {
	t.Helper()
	tab, err := postcode.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := &conversation.Engine{Dir: directory.NewSnapshot(richOffices(), 0), Langs: c, Operator: "Stadt Musterstadt", RetentionDays: 30,
		Places: &postcode.Places{Table: tab, Area: area.NewLive(seed.KasselArea())}}
	choice := func(d string) dialog.Input { return dialog.Input{Kind: dialog.InputChoice, Choice: d} }
	text := func(s string) dialog.Input { return dialog.Input{Kind: dialog.InputText, Text: s} }
	cmd := func(s string) dialog.Input { return dialog.Input{Kind: dialog.InputCommand, Text: s} }
	loc := dialog.Input{Kind: dialog.InputLocation, Lat: 51.3127, Lon: 9.4797}
	paths := [][]dialog.Input{
		{cmd("start"), choice("lang:en"), text("34"), choice("topic:housing"), loc, cmd("help"), cmd("privacy")},
		{cmd("start"), choice("lang:en"), choice("age:18-26"), choice("topic:money"), choice("place:skip"), choice("res:map0")},
		{cmd("start"), choice("lang:en"), choice("age:u12"), choice("child:yes"), choice("age:27+"), choice("topic:family"), loc},
		{cmd("start"), choice("lang:en"), choice("age:u12"), choice("child:no")},
		{cmd("start"), choice("lang:en"), text("19"), text("flat and German course"), choice("topic:housing"), loc, choice("res:change")},
		{cmd("start"), choice("lang:en"), text("34"), choice("topic:housing"), text("00000"), text("34119"), cmd("about")},
		{cmd("start"), choice("lang:en"), text("34"), choice("topic:work"), text("80331")},
		{text("I am 35 and my son is 3"), choice("age:n3"), choice("child:yes"), choice("topic:family"), choice("place:skip"),
			{Kind: dialog.InputUnsupported}, choice("res:no"), choice("why:phone")},
		{text("5"), choice("child:no"), {Kind: dialog.InputUnsupported}, choice("res:no"), choice("why:office")},
		{{Kind: dialog.InputUnsupported}, text("thirty four"), text("a flat, a German course and my residence permit"), loc,
			choice("res:no"), choice("why:language"), {Kind: dialog.InputUnsupported}},
	}
	var out []dialog.Message
	for _, p := range paths {
		var s conversation.State
		for _, in := range p {
			next, o, err := e.Handle(context.Background(), s, in)
			if err != nil {
				t.Fatal(err)
			}
			s = next
			out = append(out, o.Messages...)
			if o.Edit != nil {
				out = append(out, *o.Edit)
			}
		}
	}
	return out
}

// isolateDepths returns, for each rune of s, how many isolates it is inside.
func ltrOutsideIsolates(s string) []string {
	var bad []string
	depth := 0
	var run strings.Builder
	flush := func() {
		if run.Len() > 0 {
			bad = append(bad, run.String())
			run.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == '\u2066' || r == '\u2067' || r == '\u2068':
			depth++
		case r == '\u2069':
			depth--
		case depth == 0 && (r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' || r == '@' || r == ',' || r == ';') || unicode.Is(unicode.Latin, r)):
			run.WriteRune(r)
			continue
		}
		flush()
	}
	flush()
	return bad
}

// TestRightToLeftRendering renders every result, help and privacy message in each
// right-to-left language and checks that no left-to-right matter (digits, Latin letters,
// commands, e-mail and web addresses) and no Latin list punctuation stands outside an isolate:
// "116 016" cannot turn into "016 116", "/delete" into "delete/".
func TestRightToLeftRendering(t *testing.T) {
	c := loadTestCatalog(t)
	msgs := newcomerMessages(t, c)
	for _, lang := range Shipped {
		if !IsRTL(lang) {
			continue
		}
		for _, m := range msgs {
			if m.Lang != "" {
				continue // said in another language (the greeting before one is chosen)
			}
			text := c.RenderMessage(lang, m)
			if bad := ltrOutsideIsolates(text); len(bad) > 0 {
				t.Errorf("%s: left-to-right matter outside an isolate %q in:\n%s", lang, bad, text)
			}
			for _, row := range m.Buttons {
				for _, b := range row {
					if bad := ltrOutsideIsolates(c.Render(lang, b.Label)); len(bad) > 0 {
						t.Errorf("%s: button %q: %q outside an isolate", lang, c.Render(lang, b.Label), bad)
					}
				}
			}
		}
		if got := c.Render(lang, dialog.T("help")); !strings.Contains(got, lri+"116\u00a0016"+pdi) && !strings.Contains(got, lri+"116 016"+pdi) {
			t.Errorf("%s: the helpline number is not kept together in help:\n%q", lang, got)
		}
	}
}

// TestLanguageNamesForEveryReader: every shipped language named in every shipped language,
// from CLDR or the catalog: never the English name (except where the name is the same word),
// never in a script the reader does not read, and Dari always named as Dari.
func TestLanguageNamesForEveryReader(t *testing.T) {
	c := loadTestCatalog(t)
	for _, reader := range Shipped {
		readerScript := scriptOf(c.names[reader])
		for _, tag := range Shipped {
			name := c.LanguageName(reader, tag)
			if name == "" || name == tag {
				t.Errorf("%s names %s %q", reader, tag, name)
				continue
			}
			if s := scriptOf(name); s != readerScript && !(readerScript == "Latin" && s == "Latin") {
				t.Errorf("%s (%s script) names %s %q, in %s script", reader, readerScript, tag, name, s)
			}
			if reader != Reference && name == c.LanguageName(Reference, tag) && !sameInEnglish[reader+"/"+tag] {
				t.Errorf("%s names %s %q: the English name", reader, tag, name)
			}
		}
		if got, want := c.LanguageName(reader, "prs"), c.message(reader, "language.dari"); got != want || c.LanguageName(reader, "fa-AF") != want {
			t.Errorf("%s names Dari %q / %q, want %q", reader, got, c.LanguageName(reader, "fa-AF"), want)
		}
	}
}

// sameInEnglish are names that are the same word in the reader's language as in English.
var sameInEnglish = map[string]bool{
	"de/fa-AF": true, "de/so": true, "de/ti": true, "fr/fa-AF": true, "ro/fa-AF": true,
	"pl/fa-AF": true, "so/fa-AF": true, "so/ti": true, "so/tr": true, "ku/fa-AF": true,
	"tr/fa-AF": true,
}

func scriptOf(s string) string {
	for _, r := range s {
		for _, name := range []string{"Latin", "Arabic", "Cyrillic", "Ethiopic"} {
			if unicode.Is(unicode.Scripts[name], r) {
				return name
			}
		}
	}
	return "none"
}

// TestPluralCategoriesPerLanguage: every message with a count has exactly the plural forms
// CLDR gives its language (one/few/many/other in uk, ru and pl; zero to other in Arabic, ...).
func TestPluralCategoriesPerLanguage(t *testing.T) {
	ref := flatCatalog(t, Reference)
	names := map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many", plural.Other: "other"}
	for _, lang := range Shipped {
		tag := language.MustParse(lang)
		var want []string
		seen := map[plural.Form]bool{}
		for n := 0; n < 1000; n++ {
			for _, digits := range []int{0} {
				f := plural.Cardinal.MatchPlural(tag, n, digits, 0, 0, 0)
				if !seen[f] {
					seen[f] = true
					want = append(want, names[f])
				}
			}
		}
		if !seen[plural.Other] {
			want = append(want, "other") // CLDR's category for fractions; go-i18n needs it
		}
		slices.Sort(want)
		cat := flatCatalog(t, lang)
		for id, forms := range ref {
			if len(forms) < 2 {
				continue
			}
			var got []string
			for f := range cat[id] {
				got = append(got, f)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) && !slices.Equal(got, withMany(want)) {
				t.Errorf("%s: %s has plural forms %v, CLDR needs %v", lang, id, got, want)
			}
		}
	}
}

// withMany adds "many": French and a few others have it for large numbers written in
// compact form (1 million), which whole counts never reach.
func withMany(forms []string) []string {
	if slices.Contains(forms, "many") {
		return forms
	}
	out := append(slices.Clone(forms), "many")
	slices.Sort(out)
	return out
}

// Button labels must fit a 360-pixel-wide phone screen: a row holds about 38 characters,
// shared by its buttons; Telegram cuts longer labels with "…".
func maxLabel(buttonsInRow int) int {
	switch buttonsInRow {
	case 1:
		return 38
	case 2:
		return 22
	}
	return 13
}

// TestLabelsAndMessagesFitAPhone: every button of the newcomer conversation fits its row in
// every language, and no message is over Telegram's 4,096 characters.
func TestLabelsAndMessagesFitAPhone(t *testing.T) {
	c := loadTestCatalog(t)
	msgs := newcomerMessages(t, c)
	for _, lang := range Shipped {
		seen := map[string]bool{}
		for _, m := range msgs {
			if n := utf8.RuneCountInString(c.RenderMessage(lang, m)); n > 4096 {
				t.Errorf("%s: a message of %d characters", lang, n)
			}
			for _, l := range replyLabels(m) {
				if label := stripIsolates(c.Render(lang, l)); utf8.RuneCountInString(label) > maxLabel(1) && !seen[label] {
					seen[label] = true
					t.Errorf("%s: keyboard button %q has %d characters, %d fit in a row", lang, label, utf8.RuneCountInString(label), maxLabel(1))
				}
			}
			for _, row := range m.Buttons {
				for _, b := range row {
					label := stripIsolates(c.Render(lang, b.Label))
					if n := utf8.RuneCountInString(label); n > maxLabel(len(row)) && !seen[label] && !strings.HasPrefix(b.Data, "lang:") {
						seen[label] = true
						t.Errorf("%s: button %q (%s) has %d characters, %d fit in a row of %d", lang, label, b.Data, n, maxLabel(len(row)), len(row))
					}
				}
			}
		}
	}
}

// replyLabels are the labels of a message's reply keyboard, one button a row.
func replyLabels(m dialog.Message) []dialog.Text {
	if m.AskLocation == nil {
		return nil
	}
	return append([]dialog.Text{*m.AskLocation}, m.Reply...)
}

func stripIsolates(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '\u2066' && r <= '\u2069' {
			return -1
		}
		return r
	}, s)
}

// TestNoTownInCatalogsOrCode: the town a directory serves is data. No catalog message and no
// string in the code names a town of the shipped directory.
func TestNoTownInCatalogsOrCode(t *testing.T) {
	area := seed.KasselArea()
	towns := []string{area.Name}
	for _, n := range area.Names {
		towns = append(towns, n)
	}
	for _, lang := range Shipped {
		for id, forms := range flatCatalog(t, lang) {
			for _, text := range forms {
				for _, town := range towns {
					if strings.Contains(strings.ToLower(text), strings.ToLower(town)) {
						t.Errorf("%s: %s names %q", lang, id, town)
					}
				}
			}
		}
	}
	var files []string
	for _, dir := range []string{"../../cmd", "../../internal"} {
		_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") &&
				!strings.Contains(path, "/seed/") && !strings.Contains(path, "/cldr/") {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) < 30 {
		t.Fatalf("found only %d Go files: the scan is broken", len(files))
	}
	for _, f := range files {
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			for _, town := range towns {
				if strings.Contains(s, town) && !strings.Contains(s, "github.com/kassel/") {
					t.Errorf("%s: a string names %q: %q", f, town, s)
				}
			}
			return true
		})
	}
}

var _ = goi18n.LocalizeConfig{}

// TestRetentionDaysAgree: the days in /privacy agree with their number in every language.
func TestRetentionDaysAgree(t *testing.T) {
	c := loadTestCatalog(t)
	cases := map[string]map[int]string{
		"en": {1: "1 day after", 30: "30 days after"},
		"ru": {1: "1 день", 3: "3 дня", 30: "30 дней", 21: "21 день"},
		"uk": {2: "2 дні", 30: "30 днів"},
		"pl": {1: "po 1 dniu", 30: "po 30 dniach"},
		"ro": {1: "la 1 zi", 30: "la 30 de zile", 5: "la 5 zile"},
		"de": {1: "einen Tag nach", 30: "30 Tage nach"},
		"ar": {2: "بعد يومين من", 30: "بعد 30 يومًا من"},
	}
	for lang, want := range cases {
		for n, w := range want {
			got := stripIsolates(c.Render(lang, dialog.T("privacy", "Operator", dialog.Raw("X"), "Days", dialog.Plural("privacy_days", n))))
			if !strings.Contains(got, w) {
				t.Errorf("%s, %d days: %q lacks %q", lang, n, got, w)
			}
		}
	}
}
