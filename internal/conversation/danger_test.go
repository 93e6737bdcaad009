package conversation_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
)

// The helpline for violence in the family follows the age of the person who writes: a first
// message with an age and a danger ("I am 16 and my father beats me") gets the line for
// children and young people, though the age is read after the needs, and the one for women
// beside it (a mother may have given her child's age; the children's line is closed at
// night); a parent of a young
// child (State.Age is the child's, under 12; the counselling is for the parent) who writes
// "my husband hits me" gets the one for women.
func TestDangerHelplineFollowsTheWritersAge(t *testing.T) {
	e := newEngine(t, nil)
	cases := []struct {
		name      string
		inputs    []dialog.Input
		want, not string
	}{
		{"a first message with a minor's age: the children's line, and the women's beside it (open at night)", ins(withClient(text("I am 16 and my father beats me"), "en")), "safety.children", ""},
		{"a mother who gave her son's age: the women's line too (J5)", ins(withClient(text("my son is 16"), "en"), tap("child:yes"), text("my husband beats me")), "safety.women", ""},
		{"a parent's age and the child's at the child question", seq(toChild, ins(text("I am 35 and my son is 3, my husband hits me"))), "safety.women", "safety.children"},
		{"a parent at the topic question", seq(toParentAge, ins(text("34"), text("my husband hits me"))), "safety.women", "safety.children"},
	}
	for _, c := range cases {
		_, out := run(t, e, conversation.State{}, c.inputs)
		if got := said(out); !slices.Contains(got, c.want) || c.not != "" && slices.Contains(got, c.not) {
			t.Errorf("%s: said %q, want %s and not %s", c.name, got, c.want, c.not)
		}
	}
}

// A message over MaxMessageLength (longer than Telegram allows: only the console can send
// one) is answered "too long" and the question again; one that says its writer is in danger
// still gets the numbers to call (at a question, and as a first message).
func TestDangerInATooLongMessage(t *testing.T) {
	e := newEngine(t, nil)
	long := "my husband hits me every day. " + strings.Repeat("I do not know what to do. ", conversation.MaxMessageLength/20)
	for name, inputs := range map[string][]dialog.Input{
		"at the topic question": seq(toTopic, ins(text(long))),
		"a first message":       ins(withClient(text(long), "en")),
	} {
		_, out := run(t, e, conversation.State{}, inputs)
		if got := said(out); !slices.Contains(got, "safety.emergency") {
			t.Errorf("%s: said %q, want safety.emergency", name, got)
		}
	}
}
