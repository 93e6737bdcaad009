package i18n

import (
	"slices"
	"testing"
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
	got[0] = "changed"
	if again := c.SayersOf("answer.hello", "Merhaba!"); slices.Contains(again, "changed") {
		t.Error("a caller's change to the sayers reached the next caller")
	}
}
