package conversation_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/corpusfile"
	"github.com/kassel/wegweiser/internal/i18n"
)

// faqIDs are the short answers to common questions typed at any step: what JMD and MBE are,
// what the Jugendamt is, whether an appointment is needed, whether someone calls back, whether
// it is free, what to do when lost, and a plea for help.
var faqIDs = []string{"faq.appointment", "faq.callback", "faq.services", "faq.jugendamt", "free", "confused", "plea"}

// TestFAQCorpus types the messages of testdata/faq, each in a conversation in its language
// (/start <lang>). A line expecting one of faqIDs must be answered with it, at the age
// question and at the topic question (after "34"), and the question stays; "skip", typed at
// the place question (after "34" and a need tapped), must skip it: the result follows, with
// no "not understood" and no need added; "place.what_postcode", typed there, must be told what
// a postcode is and be asked again; "-" (a real answer or need that looks like a common
// question) must be answered with none of faqIDs at either question. Every line must pass;
// the count per language is printed (-v). WEGWEISER_FAQ names another folder of such files
// to run instead (a set written apart).
func TestFAQCorpus(t *testing.T) {
	e, withPlaces := newEngine(t, nil), engineWithPlaces(t) // the example postcode needs the table
	corpusfile.Rates(t, "testdata/faq", "WEGWEISER_FAQ", len(i18n.Shipped), "answered right", 100, 100, func(lang, path string) (int, int) {
		lines := corpusfile.Read(t, path)
		good := 0
		for _, l := range lines {
			if l.Expected != "-" && l.Expected != "skip" && l.Expected != "place.what_postcode" && !slices.Contains(faqIDs, l.Expected) {
				t.Fatalf("%s:%d: unknown expected %q (one of %q, skip, place.what_postcode, -)", path, l.N, l.Expected, faqIDs)
			}
			engine := e
			if l.Expected == "place.what_postcode" {
				engine = withPlaces
			}
			if problem := faqOutcome(t, engine, lang, l.Expected, l.Text); problem != "" {
				t.Errorf("%s:%d %s: %s: %s", lang, l.N, l.Expected, problem, l.Text)
				continue
			}
			good++
		}
		return good, len(lines)
	})
}

// faqOutcome types msg as expected says it is meant, and returns what went wrong, or "".
func faqOutcome(t *testing.T, e *conversation.Engine, lang, expected, msg string) string {
	t.Helper()
	if expected == "skip" || expected == "place.what_postcode" {
		s, _ := run(t, e, conversation.State{}, ins(cmd("start", lang), text("34"), tap("topic:work")))
		if s.Step() != conversation.StepPlace {
			t.Fatalf("in %s the conversation is at %v, not at the place question", lang, s.Step())
		}
		s, out := run(t, e, s, ins(text(msg)))
		got := said(out)
		if expected == "place.what_postcode" {
			if s.Step() != conversation.StepPlace || !slices.Contains(got, expected) {
				return fmt.Sprintf("at %s, said %q", s.Step(), got)
			}
			return ""
		}
		switch {
		case s.Step() != conversation.StepResult:
			return fmt.Sprintf("at %s, not past the place question; said %q", s.Step(), got)
		case slices.Contains(got, "place.invalid"):
			return fmt.Sprintf("not understood: said %q", got)
		case len(s.Topics) != 1:
			return fmt.Sprintf("a need added: %q", s.Topics)
		}
		return ""
	}
	for _, start := range [][]string{{}, {"34"}} {
		inputs := ins(cmd("start", lang))
		for _, typed := range start {
			inputs = append(inputs, text(typed))
		}
		s, _ := run(t, e, conversation.State{}, inputs)
		step := s.Step()
		s, out := run(t, e, s, ins(text(msg)))
		got := said(out)
		if expected == "-" {
			if i := slices.IndexFunc(got, func(id string) bool { return slices.Contains(faqIDs, id) }); i >= 0 {
				return fmt.Sprintf("at %s answered %s; said %q", step, got[i], got)
			}
			continue
		}
		if !slices.Contains(got, expected) || s.Step() != step {
			return fmt.Sprintf("at %s said %q, now at %s", step, got, s.Step())
		}
	}
	return ""
}
