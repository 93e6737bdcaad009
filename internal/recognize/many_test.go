package recognize

import (
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
)

// A # in a phrase is a count of many, in the digits of any script: "30 pills at once" is an
// overdose, "2 pills" a dose, and a postcode, a phone number or a word no count.
func TestManyInAPhrase(t *testing.T) {
	r := New(nil)
	r.Add("en", "health", "!=# pills at once, !=swallowed # pills, doctor")
	r.Add("de", "health", "!=# tabletten auf einmal")
	r.Add("ar", "health", "!=# حبه")
	cases := []struct {
		lang, text string
		danger     bool
	}{
		{"en", "what happens if someone takes 30 pills at once", true},
		{"en", "i swallowed 12 pills", true},
		{"en", "I swallowed 1000 pills", true},
		{"en", "i take 2 pills at once for my headache", false},
		{"en", "swallowed 34117 pills", false}, // a postcode
		{"en", "swallowed 05 pills", false},
		{"en", "swallowed many pills", false}, // no number: a word of the lists' own
		{"en", "# pills at once", false},      // the sign is no count
		{"de", "was passiert wenn man 30 Tabletten auf einmal nimmt", true},
		{"de", "was passiert wenn man 3 Tabletten auf einmal nimmt", false},
		{"ar", "شو بيصير اذا حدا بلع ٣٠ حبه", true}, // Eastern Arabic digits
		{"ar", "شو بيصير اذا حدا بلع ۲۰ حبه", true}, // Persian digits
		{"ar", "شو بيصير اذا حدا بلع ٣ حبه", false}, // a dose
	}
	for _, c := range cases {
		got := r.Danger(c.lang, c.text)
		if c.danger != slices.Contains(got, directory.Topic("health")) {
			t.Errorf("Danger(%s, %q) = %v, want danger %v", c.lang, c.text, got, c.danger)
		}
	}
	if got := r.Recognize("en", "i need a doctor for my 3 kids"); !slices.Equal(got, []directory.Topic{"health"}) {
		t.Errorf("a list with # reads its other phrases as ever: %v", got)
	}
}

func TestIsMany(t *testing.T) {
	for w, want := range map[string]bool{"10": true, "30": true, "9999": true, "9": false, "10000": false, "034": false, "3a": false, "": false, manyWord: false} {
		if got := isMany(w); got != want {
			t.Errorf("isMany(%q) = %v, want %v", w, got, want)
		}
	}
}
