package directory

import (
	"errors"
	"strings"
	"testing"
)

// A text with an invisible character that changes how it reads (a bidi override or isolate, a
// zero-width space) is stored without it (pasted from a web page, it is not to be refused for
// characters nobody sees); the joiners Persian and emoji need and the direction marks stay. A
// website with a user part (which hides the real host) is refused.
func TestHiddenCharactersAndDisguisedWebsites(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Caritas Kassel", "Caritas Kassel"},
		{"می\u200cخواهم", "می\u200cخواهم"},                         // zero-width non-joiner, as Persian writes it
		{"👩\u200d👧 Familienberatung", "👩\u200d👧 Familienberatung"}, // zero-width joiner in an emoji
		{"\u200fمركز\u200f", "\u200fمركز\u200f"},                   // right-to-left marks
		{"Cari\u202etas", "Caritas"},                               // right-to-left override
		{"\u2067Caritas", "Caritas"},                               // an isolate left open
		{"Cari\u200btas", "Caritas"},                               // zero-width space
		{"\ufeffCaritas", "Caritas"},
	} {
		if got, err := ParseText(tc.text, 200, true, false); err != nil || got != tc.want {
			t.Errorf("ParseText(%q) = %q, %v; want %q", tc.text, got, err, tc.want)
		}
	}
	if _, err := ParseText("\u200b\u202e", 200, true, false); err == nil {
		t.Error("a text of invisible characters only is no required text")
	}
	for _, tc := range []struct {
		site string
		ok   bool
	}{
		{"https://www.kassel.de", true},
		{"https://www.kassel.de/beratung?x=1", true},
		{"https://www.kassel.de@evil.example", false},
		{"http://user:pw@evil.example", false},
	} {
		if _, err := ParseWebsite(tc.site); (err == nil) != tc.ok {
			t.Errorf("ParseWebsite(%q): %v", tc.site, err)
		}
	}
}

// A file with a problem on every row (another table, a wrong separator) lists MaxProblems of
// them and then says that the check stopped, instead of one for each of its rows.
func TestTheCheckStopsAfterMaxProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString(strings.Join(Columns, ",") + "\n")
	for range 5000 {
		b.WriteString("x\n")
	}
	_, err := ReadCSV(strings.NewReader(b.String()))
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("no problems: %v", err)
	}
	if len(probs) != MaxProblems+1 || probs[MaxProblems].Code != "too_many_problems" || probs[MaxProblems].Args["Max"] != "200" {
		t.Errorf("%d problems, the last %+v", len(probs), probs[len(probs)-1])
	}
}
