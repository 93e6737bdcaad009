package conversation_test

import (
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
)

// TestCommonQuestions: "what is JMD?", "do I need an appointment?", "can someone call me?"
// are answered briefly at any step, and the question comes again; the step stays. A message
// naming a service among a need, or with a number, is read as ever.
func TestCommonQuestions(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct {
		lang, text, want string
	}{
		{"en", "what is JMD?", "faq.services"},
		{"uk", "що таке JMD", "faq.services"},
		{"tr", "JMD nedir?", "faq.services"},
		{"de", "was ist MBE?", "faq.services"},
		{"ar", "ما الفرق بين JMD و MBE", "faq.services"},
		{"en", "what is the difference between jmd and mbe", "faq.services"},
		{"en", "do I need an appointment?", "faq.appointment"},
		{"de", "brauche termin?", "faq.appointment"},
		{"en", "can someone call me?", "faq.callback"},
		{"uk", "хочу щоб мені передзвонили, мій номер 0176 12345678", "faq.callback"},
		{"de", "+49 561 7004211", "faq.callback"},
		{"uk", "потрібен термін?", "faq.appointment"},
		{"tr", "randevu lazım mı", "faq.appointment"},
		{"de", "kostet geld?", "free"},
		{"ku", "Pere divê bidim?", "free"},
	} {
		for name, from := range map[string]conversation.State{"age": {}, "topic": {}} {
			inputs := ins(cmd("start", c.lang))
			if name == "topic" {
				inputs = ins(cmd("start", c.lang), text("34"))
			}
			s, _ := run(t, e, from, inputs)
			step := s.Step()
			s, out := run(t, e, s, ins(text(c.text)))
			if got := said(out); !slices.Contains(got, c.want) || s.Step() != step {
				t.Errorf("%s at %s: said %q, at %s; want %s and the question again", c.text, step, got, s.Step(), c.want)
			}
		}
	}
	for _, typed := range []string{"I am 20, the JMD said I need a flat for my family", "JMD 25", "JMD and MBE both sent me to the Jobcenter"} {
		_, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text(typed)))
		if got := said(out); slices.Contains(got, "faq.services") {
			t.Errorf("%q: said %q, want it read as an answer", typed, got)
		}
	}
}
