package conversation_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/corpusfile"
	"github.com/kassel/wegweiser/internal/i18n"
)

// TestNeedsGetNoCommonAnswer types every message of the topic corpus that names a need
// (internal/recognize/testdata/corpus), of up to ten words, at the topic question: none may be
// answered as a common question (faqIDs) instead, whose words a need often holds ("I need help
// with my residence permit", "how much does the German course cost", "I don't understand the
// Jobcenter's letter"), and stay at the question: the need would be lost. ("call me at 0176 …,
// it is about the rent" is told that no number is passed on, and the need is read.) Not
// faq.jugendamt: the Jugendamt's name alone, or with a word ("jugendamt problem"), is asked
// what it is, and the topics follow with Family among them.
func TestNeedsGetNoCommonAnswer(t *testing.T) {
	e := newEngine(t, nil)
	for _, lang := range i18n.Shipped {
		path := filepath.Join("..", "recognize", "testdata", "corpus", lang+".txt")
		if _, err := os.Stat(path); err != nil {
			t.Fatal(err)
		}
		at := stateAtTopic(t, e, lang)
		for _, l := range corpusfile.Read(t, path) {
			if l.Expected == "-" || len(strings.Fields(l.Text)) > 10 {
				continue
			}
			s, out := run(t, e, at, ins(text(l.Text)))
			if got := said(out); s.Step() == conversation.StepTopic && slices.ContainsFunc(got, func(id string) bool { return id != "faq.jugendamt" && slices.Contains(faqIDs, id) }) {
				t.Errorf("%s:%d (%s) answered %q: %s", lang, l.N, l.Expected, got, l.Text)
			}
		}
	}
}

// stateAtTopic is a conversation in lang at the topic question, after /start and an age of 34.
func stateAtTopic(t *testing.T, e *conversation.Engine, lang string) conversation.State {
	t.Helper()
	s, _ := run(t, e, conversation.State{}, ins(cmd("start", lang), text("34")))
	if s.Step() != conversation.StepTopic {
		t.Fatalf("in %s the conversation is at %v, not at the topic question", lang, s.Step())
	}
	return s
}
