package i18n

import (
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/recognize"
)

// TestAnswersMadeAtLoad checks that the lists of answers a typed message is compared with
// are made when the catalog loads, not by the first messages after a start, and that
// SayersOf reads them: the languages that say a greeting, in the order of Shipped, each
// caller with its own slice.
func TestAnswersMadeAtLoad(t *testing.T) {
	if len(Shipped) > 32 {
		t.Fatalf("%d shipped languages: idAnswers.sayers holds 32", len(Shipped))
	}
	c := loadTestCatalog(t)
	made := 0
	c.answerIDs.Range(func(k, _ any) bool { made++; return true })
	for _, id := range []string{"answer.hello", "answer.yes", "answer.no", "answer.help", "answer.dont_know", "language.ask"} {
		if _, ok := c.answerIDs.Load(id); !ok {
			t.Errorf("%s was not made at load (%d lists made)", id, made)
		}
	}
	got := c.SayersOf("answer.hello", "Merhaba!")
	if !slices.Contains(got, "tr") {
		t.Fatalf("merhaba is said in %v, not Turkish", got)
	}
	if !slices.IsSortedFunc(got, func(a, b string) int { return slices.Index(Shipped, a) - slices.Index(Shipped, b) }) {
		t.Errorf("the sayers %v are not in the order of Shipped", got)
	}
	// J12: Arabic typed in Latin letters writes ع as 3: "salam 3alaykom" is a greeting, not an
	// age not understood.
	if got := c.SayersOf("answer.hello", "salam 3alaykom"); !slices.Contains(got, "ar") {
		t.Errorf("salam 3alaykom is said in %v, not Arabic", got)
	}
	got[0] = "changed"
	if again := c.SayersOf("answer.hello", "Merhaba!"); slices.Contains(again, "changed") {
		t.Error("a caller's change to the sayers reached the next caller")
	}
}

// TestNearWord: a one-word answer of six letters or more is found typed with a slip, with an
// ending, or glued to a word of another script; a shorter one, or a word two letters apart, is
// not.
func TestNearWord(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		lang, text string
		at         int
		ok         bool
	}{
		{"en", "what is jugndamt", 2, true},
		{"en", "jugentamt", 0, true},
		{"ro", "cu ce se ocupa jugendamtul", 4, true},
		{"ar", "شو بيعمل الjugendamt", 3, true}, // Normalize cuts the article off: "ال", "jugendamt"
		{"en", "what is jgndmt", 0, false},
		{"en", "what is amt", 0, false},
	} {
		at, ok := c.NearWord(tc.lang, "answer.jugendamt", recognize.Normalize(tc.text))
		if at != tc.at || ok != tc.ok {
			t.Errorf("%s %q: NearWord = %d %v, want %d %v", tc.lang, tc.text, at, ok, tc.at, tc.ok)
		}
	}
}
