package cldr_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/kassel/wegweiser/internal/cldr"
)

// shipped are the bot's languages; the package must not import the project, so the list is
// repeated here.
var shipped = []string{"de", "en", "ar", "uk", "ru", "tr", "fa-AF", "ku", "ro", "bg", "so", "pl", "ps", "ti", "fr"}

// scriptOf is the script each shipped language is written in.
var scriptOf = map[string]*unicode.RangeTable{
	"de": unicode.Latin, "en": unicode.Latin, "tr": unicode.Latin, "ku": unicode.Latin,
	"ro": unicode.Latin, "so": unicode.Latin, "pl": unicode.Latin, "fr": unicode.Latin,
	"uk": unicode.Cyrillic, "ru": unicode.Cyrillic, "bg": unicode.Cyrillic,
	"ti": unicode.Ethiopic,
	"ar": unicode.Arabic, "fa-AF": unicode.Arabic, "ps": unicode.Arabic,
}

func TestReadersAreTheShippedLanguages(t *testing.T) {
	if got := cldr.Readers(); !slices.Equal(got, shipped) {
		t.Fatalf("Readers() = %v, want %v", got, shipped)
	}
	if cldr.Version == "" || cldr.PackageVersion == "" {
		t.Fatal("the tables do not say which CLDR they come from")
	}
}

// TestShippedPairsNamed: every shipped language has a name in every shipped language.
func TestShippedPairsNamed(t *testing.T) {
	for _, reader := range shipped {
		for _, tag := range shipped {
			name, ok := cldr.LanguageName(reader, tag)
			if !ok || strings.TrimSpace(name) == "" {
				t.Errorf("LanguageName(%q, %q) = %q, %v; want a name", reader, tag, name, ok)
			}
		}
	}
}

// sameAsEnglish are the shipped pairs whose CLDR name is spelled exactly as in English.
var sameAsEnglish = map[[2]string]string{
	{"de", "fa-AF"}: "German also calls it Dari",
	{"de", "so"}:    "German also calls it Somali",
	{"de", "ti"}:    "German also calls it Tigrinya",
	// CLDR 48's Somali data names these two in English (Turkish would be "Turki", Tigrinya
	// "Tigriinya"); kept as CLDR has them.
	{"so", "tr"}: "CLDR so names Turkish in English",
	{"so", "ti"}: "CLDR so names Tigrinya in English",
}

// TestNoEnglishFallback: a reader other than en does not get the English name, except where
// the name is spelled the same (listed above).
func TestNoEnglishFallback(t *testing.T) {
	for _, reader := range shipped {
		if reader == "en" {
			continue
		}
		for _, tag := range shipped {
			name, _ := cldr.LanguageName(reader, tag)
			english, _ := cldr.LanguageName("en", tag)
			_, allowed := sameAsEnglish[[2]string{reader, tag}]
			if name == english && !allowed {
				t.Errorf("LanguageName(%q, %q) = %q, the English name", reader, tag, name)
			}
			if name != english && allowed {
				t.Errorf("LanguageName(%q, %q) = %q is no longer the English name: drop the exception", reader, tag, name)
			}
		}
	}
}

// TestNamesInTheReadersScript: a shipped language's name is written in the reader's script
// (letters of the Common script, such as the Ukrainian apostrophe ʼ, aside), and no reader
// of a Latin, Cyrillic or Ethiopic script gets an Arabic-script name for any tag.
func TestNamesInTheReadersScript(t *testing.T) {
	for _, reader := range shipped {
		script := scriptOf[reader]
		for _, tag := range shipped {
			name, _ := cldr.LanguageName(reader, tag)
			for _, r := range name {
				if unicode.IsLetter(r) && !unicode.Is(script, r) && !unicode.Is(unicode.Common, r) {
					t.Errorf("LanguageName(%q, %q) = %q has %q, not of the reader's script", reader, tag, name, r)
					break
				}
			}
		}
		if script == unicode.Arabic {
			continue
		}
		for _, tag := range cldr.Tags() {
			name, _ := cldr.LanguageName(reader, tag)
			if strings.IndexFunc(name, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) >= 0 {
				t.Errorf("LanguageName(%q, %q) = %q is in Arabic script", reader, tag, name)
			}
		}
	}
}

// TestDari: Dari is named as CLDR names fa_AF, never as Persian, and prs is the same.
func TestDari(t *testing.T) {
	want := map[string]string{
		"de": "Dari", "en": "Dari", "ar": "الدارية", "uk": "дарі", "ru": "дари", "tr": "Darice",
		"fa-AF": "دری", "ku": "darî", "ro": "dari", "bg": "дари",
		// CLDR 48's Somali calls Dari "Faarsi" (Persian "Faarisi"): the closest CLDR has.
		"so": "Faarsi",
		"pl": "dari",
		// CLDR 48's Pashto says "Dari (Afghanistan)".
		"ps": "دری (افغانستان)",
		"ti": "ዳሪ", "fr": "dari",
	}
	for _, reader := range shipped {
		persian, _ := cldr.LanguageName(reader, "fa")
		for _, tag := range []string{"fa-AF", "prs", "fa_AF", "PRS"} {
			got, ok := cldr.LanguageName(reader, tag)
			if !ok || got != want[reader] {
				t.Errorf("LanguageName(%q, %q) = %q, %v; want %q", reader, tag, got, ok, want[reader])
			}
			if got == persian || strings.HasPrefix(got, persian) {
				t.Errorf("LanguageName(%q, %q) = %q is Persian (%q)", reader, tag, got, persian)
			}
		}
	}
}

// TestKurdish: kmr is named as ku, which is Kurmanji in CLDR.
func TestKurdish(t *testing.T) {
	want := map[string]string{"en": "Kurdish", "de": "Kurdisch", "ku": "kurdî (kurmancî)", "ar": "الكردية", "tr": "Kürtçe"}
	for _, reader := range shipped {
		ku, ok := cldr.LanguageName(reader, "ku")
		kmr, ok2 := cldr.LanguageName(reader, "kmr")
		if !ok || !ok2 || ku != kmr {
			t.Errorf("%s: ku %q, %v; kmr %q, %v; want the same name", reader, ku, ok, kmr, ok2)
		}
		if w, ok := want[reader]; ok && ku != w {
			t.Errorf("LanguageName(%q, ku) = %q, want %q", reader, ku, w)
		}
	}
}

func TestExtraTags(t *testing.T) {
	for _, tc := range []struct{ reader, tag, want string }{
		{"en", "ckb", "Central Kurdish"},
		{"de", "sdh", "Südkurdisch"},
		{"en", "tig", "Tigre"},
		{"en", "rom", "Romany"},
		{"de", "yue", "Kantonesisch"},
		{"ar", "ckb", "السورانية الكردية"},
		{"en", "sh", "Serbo-Croatian"},
	} {
		if got, ok := cldr.LanguageName(tc.reader, tc.tag); !ok || got != tc.want {
			t.Errorf("LanguageName(%q, %q) = %q, %v; want %q", tc.reader, tc.tag, got, ok, tc.want)
		}
	}
	for _, tag := range []string{"prs", "kmr", "ckb", "ku", "sdh", "tig", "aii", "ber", "rom", "yue"} {
		if !slices.Contains(cldr.Tags(), tag) {
			t.Errorf("Tags() lacks %q", tag)
		}
	}
}

func TestLanguageNameLookup(t *testing.T) {
	for _, tc := range []struct {
		reader, tag, want string
		ok                bool
	}{
		{"de", "en", "Englisch", true},
		{"DE", "EN", "Englisch", true},
		{"de-AT", "en", "Englisch", true}, // reader by language subtag
		{"fa", "de", "آلمانی", true},      // the Farsi reader reads the fa-AF tables
		{"prs", "de", "آلمانی", true},     // CLDR alias of fa-AF
		{"fa_af", "fa_af", "دری", true},   // '_' and case
		{"kmr", "de", "almanî", true},     // CLDR alias of ku
		{"de", "de-AT", "", false},        // regions are not dropped
		{"xx", "de", "", false},           // unknown reader
		{"de", "xx", "", false},           // unknown tag
		{"", "de", "", false},
		{"de", "", "", false},
	} {
		got, ok := cldr.LanguageName(tc.reader, tc.tag)
		if got != tc.want || ok != tc.ok {
			t.Errorf("LanguageName(%q, %q) = %q, %v; want %q, %v", tc.reader, tc.tag, got, ok, tc.want, tc.ok)
		}
	}
}

func TestCapitalized(t *testing.T) {
	for _, tc := range []struct {
		reader, tag string
		ctx         cldr.Context
		want        string
	}{
		{"ru", "de", cldr.MiddleOfSentence, "немецкий"},
		{"ru", "de", cldr.UIListOrMenu, "Немецкий"},
		{"ru", "de", cldr.StandAlone, "Немецкий"},
		{"uk", "uk", cldr.UIListOrMenu, "Українська"},
		{"fr", "fr", cldr.UIListOrMenu, "Français"},
		{"fr", "fr", cldr.StandAlone, "français"}, // CLDR fr capitalises in menus only
		{"pl", "pl", cldr.UIListOrMenu, "polski"}, // CLDR pl has no contextTransforms for languages
		{"pl", "pl", cldr.BeginningOfSentence, "Polski"},
		{"de", "de", cldr.UIListOrMenu, "Deutsch"},
		{"ar", "ar", cldr.UIListOrMenu, "العربية"},
		{"ku", "ku", cldr.BeginningOfSentence, "Kurdî (kurmancî)"},
	} {
		got, ok := cldr.Capitalized(tc.reader, tc.tag, tc.ctx)
		if !ok || got != tc.want {
			t.Errorf("Capitalized(%q, %q, %d) = %q, %v; want %q", tc.reader, tc.tag, tc.ctx, got, ok, tc.want)
		}
	}
	if got := cldr.Title("tr", cldr.BeginningOfSentence, "ingilizce"); got != "İngilizce" {
		t.Errorf("Title(tr, …, ingilizce) = %q, want the dotted İ", got)
	}
	if _, ok := cldr.Capitalized("de", "xx", cldr.UIListOrMenu); ok {
		t.Error("Capitalized of an unknown tag is ok")
	}
}

func TestJoin(t *testing.T) {
	abc := []string{"a", "b", "c"}
	for _, tc := range []struct {
		lang  string
		items []string
		want  string
	}{
		{"en", abc, "a, b, and c"},
		{"en", []string{"a", "b"}, "a and b"},
		{"en", []string{"a", "b", "c", "d"}, "a, b, c, and d"},
		{"en", []string{"a"}, "a"},
		{"en", nil, ""},
		{"de", abc, "a, b und c"},
		{"de", []string{"a", "b"}, "a und b"},
		// CLDR 48's standard Arabic pattern joins every item with " و" and no comma.
		{"ar", []string{"أ", "ب", "ج"}, "أ وب وج"},
		{"fa-AF", abc, "a،\u200f b، و c"},
		{"ps", abc, "a، b، او c"},
		{"ru", abc, "a, b и c"},
		{"ti", abc, "a፣ bን cን"},
		{"en", []string{"{0}", "{1}", "x"}, "{0}, {1}, and x"}, // braces in items stay
		{"xx", abc, "a, b, c"},                                 // CLDR root
	} {
		if got := cldr.Join(tc.lang, tc.items); got != tc.want {
			t.Errorf("Join(%q, %q) = %q, want %q", tc.lang, tc.items, got, tc.want)
		}
	}
}

func TestJoinUnits(t *testing.T) {
	abc := []string{"a", "b", "c"}
	for _, tc := range []struct {
		lang  string
		items []string
		want  string
	}{
		{"en", abc, "a, b, c"},
		{"en", []string{"a", "b"}, "a, b"},
		{"de", abc, "a, b und c"},
		{"ar", []string{"أ", "ب", "ج"}, "أ، وب، وج"},
		{"ar", []string{"أ", "ب"}, "أ وب"},
		{"ru", abc, "a b c"},
		{"fa-AF", abc, "a،\u200f b، و c"},
	} {
		if got := cldr.JoinUnits(tc.lang, tc.items); got != tc.want {
			t.Errorf("JoinUnits(%q, %q) = %q, want %q", tc.lang, tc.items, got, tc.want)
		}
	}
}

func TestListSeparator(t *testing.T) {
	want := map[string]string{
		"en": ", ", "de": ", ", "fr": ", ", "ru": " ", "tr": " ",
		"ar": "، و", "fa-AF": "،\u200f ", "ps": ", ", "ti": "፣ ",
	}
	for lang, w := range want {
		if got := cldr.ListSeparator(lang); got != w {
			t.Errorf("ListSeparator(%q) = %q, want %q", lang, got, w)
		}
	}
	for _, lang := range shipped {
		if cldr.ListSeparator(lang) == "" {
			t.Errorf("ListSeparator(%q) is empty", lang)
		}
	}
}

func TestDecimal(t *testing.T) {
	const nbsp, nnbsp = "\u00a0", "\u202f"
	for _, tc := range []struct {
		lang   string
		v      float64
		digits int
		want   string
	}{
		{"de", 1.2, 1, "1,2"},
		{"en", 1.2, 1, "1.2"},
		{"ru", 1.2, 1, "1,2"},
		{"fr", 1.2, 1, "1,2"},
		{"ar", 1.2, 1, "1.2"}, // Latin digits with CLDR's latn symbols for ar
		{"fa-AF", 1.2, 1, "1.2"},
		{"ps", 1.2, 1, "1,2"},
		{"de", 1234.5, 1, "1.234,5"},
		{"en", 1234.5, 1, "1,234.5"},
		{"ru", 1234.5, 1, "1" + nbsp + "234,5"},
		{"ar", 1234.5, 1, "1,234.5"},
		{"fr", 1234.5, 1, "1" + nnbsp + "234,5"},
		{"en", 1234567.891, 2, "1,234,567.89"},
		{"en", 999, 0, "999"},
		{"en", 1000, 0, "1,000"},
		{"pl", 1000, 0, "1000"}, // minimumGroupingDigits 2
		{"pl", 10000, 0, "10" + nbsp + "000"},
		{"bg", 1234.5, 2, "1234,50"},
		{"de", 0.05, 1, "0,1"},
		{"en", 2.5, 0, "2"}, // round half to even, as strconv
		{"de", -3.25, 2, "-3,25"},
		{"ar", -3, 0, "\u200e-3"},
		{"de", -0.01, 1, "0,0"}, // no "-0,0"
		{"de", 1.5, -1, "1,5"},
		{"de", 2, -1, "2"},
		{"en", math.NaN(), 1, "NaN"},
		{"de", math.Inf(-1), 0, "-∞"},
		{"xx", 1234.5, 1, "1,234.5"}, // CLDR root
	} {
		if got := cldr.Decimal(tc.lang, tc.v, tc.digits); got != tc.want {
			t.Errorf("Decimal(%q, %v, %d) = %q, want %q", tc.lang, tc.v, tc.digits, got, tc.want)
		}
	}
}

// TestDecimalLatinDigits: every shipped locale writes 0-9.
func TestDecimalLatinDigits(t *testing.T) {
	for _, lang := range shipped {
		s := cldr.Decimal(lang, -1234567.89, 2)
		for _, r := range s {
			if unicode.IsDigit(r) && (r < '0' || r > '9') {
				t.Errorf("Decimal(%q, …) = %q has the digit %q", lang, s, r)
			}
		}
		if !strings.Contains(s, "1") || !strings.Contains(s, "89") {
			t.Errorf("Decimal(%q, …) = %q", lang, s)
		}
	}
}

// TestCountryNames: the names of languages that CLDR gives a country too, in the reader's
// language, and none where the two differ.
func TestCountryNames(t *testing.T) {
	for reader, want := range map[string]string{"so": "Jarmal", "ti": "ጀርመን", "ru": "сомали"} {
		if got := cldr.CountryNames(reader); !slices.Contains(got, want) {
			t.Errorf("CountryNames(%s) = %v, want %q among them", reader, got, want)
		}
	}
	for _, reader := range []string{"de", "ar", "tr", "xx"} {
		for _, n := range cldr.CountryNames(reader) {
			if n == "Deutsch" || n == "Türkçe" || n == "الألمانية" {
				t.Errorf("CountryNames(%s) holds %q", reader, n)
			}
		}
	}
	if got := cldr.CountryNames("xx"); got != nil {
		t.Errorf("CountryNames(xx) = %v, want none", got)
	}
}

func TestCalendars(t *testing.T) {
	for reader, first := range map[string]string{"fa-AF": "persian", "ps": "persian", "de": "gregorian", "ar": "gregorian", "ti": "gregorian"} {
		if c := cldr.Calendars(reader); len(c) == 0 || c[0] != first {
			t.Errorf("Calendars(%s) = %v, want %s first", reader, c, first)
		}
	}
	if !slices.Contains(cldr.Calendars("fa-AF"), "gregorian") {
		t.Error("Dari readers use the Gregorian calendar too")
	}
	if c := cldr.Calendars("xx"); c != nil {
		t.Errorf("Calendars(xx) = %v, want none", c)
	}
}
