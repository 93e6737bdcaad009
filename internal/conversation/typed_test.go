package conversation_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
)

// Typed text that is not UTF-8, holds control characters or is too long is refused with an
// answer in the reader's language, and the question is asked again; nothing else changes.
func TestTypedTextIsCheckedFirst(t *testing.T) {
	runTranscripts(t, []transcript{
		{
			name: "invalid UTF-8", inputs: seq(toTopic, ins(text("Wohnung \xe4\xf6"))), step: conversation.StepTopic, lang: "en",
			said: []string{"unreadable", "topic.question"}, buttons: topicButtons,
		},
		{
			name: "a control character", inputs: seq(toAge, ins(text("3\x004"))), step: conversation.StepAge, lang: "en",
			said: []string{"unreadable", "age.question"},
		},
		{
			name: "a C1 control character", inputs: seq(toTopic, ins(text("my fl\u0085at"))), step: conversation.StepTopic, lang: "en",
			said: []string{"unreadable", "topic.question"}, buttons: topicButtons,
		},
		{
			name: "escape sequences", inputs: seq(toTopic, ins(text("\x1b[2Jflat"))), step: conversation.StepTopic, lang: "en",
			said: []string{"unreadable", "topic.question"}, buttons: topicButtons,
		},
		{
			name: "line breaks and tabs are text", inputs: seq(toTopic, ins(text("I need\ta flat\nplease"))), step: conversation.StepPlace, lang: "en",
			said: []string{"topic.recognized", "place.question"}, events: []string{answered(conversation.StepTopic, "text")},
		},
		{
			name: "a zero-width non-joiner is text (Persian)", inputs: seq(ins(tap("lang:fa-AF"), text("۳۴")), ins(text("می\u200cخواهم خانه"))),
			step: conversation.StepPlace, lang: "fa-AF", incl: []string{"topic.recognized"}, events: []string{answered(conversation.StepTopic, "text")},
		},
		{
			name: "the limit counts characters, not bytes", inputs: seq(toAge, ins(text(strings.Repeat("ش", conversation.MaxMessageLength)))),
			step: conversation.StepAge, lang: "en", said: []string{"age.not_understood", "age.question"},
		},
		{
			name: "spaces around do not count", inputs: seq(toAge, ins(text("  "+strings.Repeat("a", conversation.MaxMessageLength)+"\n\n"))),
			step: conversation.StepAge, lang: "en", said: []string{"age.not_understood", "age.question"},
		},
	})
}

func TestCheckTypedNamesItsReason(t *testing.T) {
	cases := map[string]string{
		"34":                                   "",
		"\xff":                                 conversation.TypedEncoding,
		"a\x7fb":                               conversation.TypedControl,
		"a\rb":                                 conversation.TypedControl,
		strings.Repeat("x", 501):               conversation.TypedTooLong,
		strings.Repeat("x", 500) + "\x00":      conversation.TypedControl,
		"Wohnung\n\tbitte":                     "",
		"\u202bRTL embedding is a format char": "",
	}
	for in, want := range cases {
		reason, answer := conversation.CheckTyped(in)
		if reason != want {
			t.Errorf("CheckTyped(%q) = %q, want %q", in, reason, want)
		}
		if (reason == "") != (answer.ID == "") {
			t.Errorf("CheckTyped(%q): reason %q with answer %q", in, reason, answer.ID)
		}
	}
}

// TestLongStoryIsRead: a newcomer's long first message (over the staff fields' 500
// characters) is read whole: the age and the need in it are taken.
func TestLongStoryIsRead(t *testing.T) {
	story := "Hello, I came to Germany two years ago with my family and we lived in a camp for a long time. " +
		strings.Repeat("It was very hard for us and nobody explained anything to us. ", 12) +
		"Now I am 41 years old and we must leave the shelter, I need a flat for my family."
	if n := len([]rune(story)); n <= conversation.MaxTextLength || n > conversation.MaxMessageLength {
		t.Fatalf("the story has %d characters", n)
	}
	s, out := run(t, newEngine(t, nil), conversation.State{}, ins(withClient(text(story), "en")))
	if s.Age == nil || *s.Age != 41 || !slices.Contains(s.Topics, "housing") {
		t.Errorf("age %v, topics %q; want 41 and housing (said %q)", s.Age, s.Topics, said(out))
	}
}

// TestTooLongFirstMessageIsSaid: a first message longer than Telegram allows (only the console
// can send one) is said to be too long, with the welcome and the first question.
func TestTooLongFirstMessageIsSaid(t *testing.T) {
	long := strings.Repeat("a", conversation.MaxMessageLength+1)
	s, out := run(t, newEngine(t, nil), conversation.State{}, ins(withClient(text(long), "en")))
	if got := said(out); s.Step() != conversation.StepAge || !slices.Contains(got, "too_long") || !slices.Contains(got, "age.question") {
		t.Errorf("step %s, said %q; want too_long and the age question", s.Step(), got)
	}
}
