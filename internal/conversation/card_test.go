package conversation_test

import (
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
)

// The card: a message in the reader's language and the same in German for the office, with
// the age, every need, the language and whether an interpreter is needed, the first JMD or
// MBE office of the result, an appointment request and what to bring for each need.
func TestCardForTheOffice(t *testing.T) {
	e := newEngine(t, nil)
	cases := []struct {
		name        string
		inputs      []dialog.Input
		office      string
		interpreter string
		requests    []string
	}{
		{
			name:   "Arabic, the MBE does not list Arabic: an interpreter is needed",
			inputs: ins(tap("lang:ar"), tap("age:27+"), tap("topic:housing"), tap("place:skip"), tap("res:card")),
			office: "MBE Kassel", interpreter: "card.yes", requests: []string{"card.request.housing"},
		},
		{
			name:   "Arabic, the JMD lists Arabic: no interpreter; two needs, the first one's request and the other in one line",
			inputs: ins(cmd("start", "ar"), text("I am 19 and I need work and a flat"), tap("place:skip"), tap("res:card")),
			office: "JMD Kassel", interpreter: "card.no", requests: []string{"card.request.work", "card.request_also"},
		},
		{
			// Whether an interpreter is needed is not known: the card says only the language.
			name:   "Arabic, the MBE lists no languages: the language alone",
			inputs: ins(tap("lang:ar"), tap("age:27+"), tap("topic:residence"), tap("place:skip"), tap("res:card")),
			office: "MBE Baunatal", requests: []string{"card.request.residence"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := run(t, e, conversation.State{}, c.inputs[:len(c.inputs)-1])
			next, card := run(t, e, s, c.inputs[len(c.inputs)-1:])
			if next.Step() != conversation.StepResult {
				t.Errorf("the card moved the conversation to %s", next.Step())
			}
			if len(card.Messages) != 2 || card.Messages[0].Lang != "" || card.Messages[1].Lang != "de" {
				t.Fatalf("want the reader's message and the German one, got %d messages", len(card.Messages))
			}
			for i, m := range card.Messages {
				ids := lineIDs(m)
				first := map[int]string{0: "card.intro", 1: "card.heading"}[i]
				if len(ids) == 0 || ids[0] != first {
					t.Errorf("message %d begins with %v, want %s", i, ids, first)
				}
				language := "card.language"
				if c.interpreter == "" {
					language = "card.language_only"
				}
				for _, want := range append([]string{"card.summary", language, "card.office", "office.phone", "card.request_title", "card.bring_title"}, c.requests...) {
					if want == "office.phone" && c.office != "JMD Kassel" {
						continue // the MBEs have no phone in the test directory
					}
					if !slices.Contains(ids, want) {
						t.Errorf("message %d lacks %s: %v", i, want, ids)
					}
				}
				if !slices.ContainsFunc(m.Lines, func(l dialog.Text) bool { return l.Raw == c.office }) {
					t.Errorf("message %d does not name %s", i, c.office)
				}
				if c.interpreter == "" && slices.Contains(ids, "card.language") {
					t.Errorf("message %d says whether an interpreter is needed, which is not known: %v", i, ids)
				}
				if c.interpreter != "" && !slices.ContainsFunc(m.Lines, func(l dialog.Text) bool {
					a, ok := l.Data["Answer"].(dialog.Text)
					return l.ID == "card.language" && ok && a.ID == c.interpreter
				}) {
					t.Errorf("message %d does not say %s for the interpreter", i, c.interpreter)
				}
			}
		})
	}
	// Before a result there is no card: the button is stale.
	_, out := run(t, e, conversation.State{}, ins(tap("lang:en"), tap("res:card")))
	if !slices.Contains(said(out), "stale") {
		t.Errorf("a card before the result: %v", said(out))
	}
}
