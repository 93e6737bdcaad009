package recognize

import (
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
)

func TestOneApart(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"auslanderbehorde", "auslanderbehorte", true},  // replaced
		{"auslanderbehorde", "auslanderbehrde", true},   // missing
		{"auslanderbehorde", "auslaenderbehorde", true}, // added
		{"aufenthalt", "aufenhtalt", true},              // neighbours swapped
		{"aufenthalt", "aufenthalt", false},             // the same
		{"aufenthalt", "afuenthlat", false},             // two swaps
		{"aufenthalt", "aufenthaltsti", false},          // three added
		{"abcdefghij", "bcdefghija", false},             // moved
		{"abcdefghij", "abcdefgjhi", false},             // two apart
	}
	for _, c := range cases {
		if got := OneApart([]rune(c.a), []rune(c.b)); got != c.want {
			t.Errorf("OneApart(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestNearKeywords(t *testing.T) {
	r := New(nil, "de")
	r.Add("de", "residence", "ausländerbehörde, aufenthaltstitel*")
	r.Add("de", "letters", "formular*")
	r.Add("en", "discrimination", "spitting")
	r.Add("uk", "residence", "ауслендер*")
	r.Add("so", "health", "caafimaad")
	r.Add("en", "work", "applications.")
	r.AddWords("so", "Caawimaad ma u baahan tahay?")
	r.Add("ar", "health", "المستشفيات")
	cases := []struct {
		name, lang, text string
		want             []directory.Topic
	}{
		{"a letter replaced", "de", "termin bei der ausländerbehörte", []directory.Topic{"residence"}},
		{"a letter missing", "en", "auslanderbehrde appointment", []directory.Topic{"residence"}},
		{"neighbours swapped in a stem", "de", "aufenthlatstitel verlängern", []directory.Topic{"residence"}},
		{"a German word typed in Cyrillic", "uk", "в аусляндербехьорде нема терміну", []directory.Topic{"residence"}},
		{"a word as written is not compared", "de", "formulare", []directory.Topic{"letters"}},
		{"the first letters are as typed", "en", "sitting at home all day", nil},
		{"an inflected word beginning with a slip of a stem", "uk", "з аусляндерами", []directory.Topic{"residence"}},
		{"a stem's end is where words part", "uk", "з ауслендорами", nil},
		{"a word the bot says is meant", "so", "caawimaad", nil},
		{"a slip of a word the bot does not say", "so", "cafimaad", []directory.Topic{"health"}},
		{"arabic script is not compared", "ar", "المستشفيان", nil},
		{"short words are not compared", "en", "spiting", nil},
		{"a word to be matched whole is matched as written only", "en", "job aplications", nil},
	}
	for _, c := range cases {
		if got := r.Recognize(c.lang, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s: %s %q = %v, want %v", c.name, c.lang, c.text, got, c.want)
		}
	}
}

func TestJoinedWords(t *testing.T) {
	r := New(nil)
	r.Add("de", "residence", "ausländerbehörde")
	r.Add("de", "education", "ausbildung*")
	r.Add("de", "money", "bürgergeld")
	r.Add("ku", "asylum", "penaberiy*")
	cases := []struct {
		name, lang, text string
		want             []directory.Topic
	}{
		{"a compound dictated in two words", "de", "termin bei der ausländer behörde", []directory.Topic{"residence"}},
		{"a stem across two words", "de", "er will eine aus bildung machen", []directory.Topic{"education"}},
		{"with a slip in neither", "de", "das bürger geld wurde gekürzt", []directory.Topic{"money"}},
		{"a few letters of the second word are no compound", "ku", "ez penaber iyê", nil},
	}
	for _, c := range cases {
		if got := r.Recognize(c.lang, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s: %s %q = %v, want %v", c.name, c.lang, c.text, got, c.want)
		}
	}
}

// A word that only begins as the stem of a phrase not found is compared with the long
// keywords one letter away when the stem is a German office word of the lists read for every
// language ("anmeldunk" begins as "anmeld* kurs*" and is a slip of "anmeldung"), not when it
// is a stem of the language's own list (an inflected word: "arkadaşında", at her friend's, is
// no slip of "arkadaşımda", at my friend's).
func TestNearPastAStemOfAPhraseNotFound(t *testing.T) {
	r := New(nil, "de")
	r.Add("de", "residence", "anmeldung")
	r.Add("de", "german", "anmeld* kurs*")
	r.Add("tr", "housing", "arkadaşımda")
	r.Add("tr", "family", "arkadaş* kavga")
	for _, c := range []struct {
		lang, text string
		want       []directory.Topic
	}{
		{"tr", "anmeldunk lazim", []directory.Topic{"residence"}},
		{"ar", "anmeldunk", []directory.Topic{"residence"}},
		{"de", "anmeldunk bitte", []directory.Topic{"residence"}},
		{"tr", "kızım arkadaşında kaldı", nil},
		{"tr", "arkadaşımda kalıyorum", []directory.Topic{"housing"}},
	} {
		if got := r.Recognize(c.lang, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s %q: %v, want %v", c.lang, c.text, got, c.want)
		}
	}
}
