package conversation_test

import (
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
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

// TestCommonQuestionsInOwnWords: a common question asked in a few words of the writer's own
// (faqByStems: a set written apart was answered right at 72 % by whole answers alone) is
// answered at the age and the topic question, and the question comes again; the same words
// beside a need, or with a "not", are read as ever.
func TestCommonQuestionsInOwnWords(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct {
		lang, text, want string
	}{
		{"en", "can i just walk in", "faq.appointment"},
		{"en", "how do i book appointment", "faq.appointment"},
		{"de", "wie kann ich termin machen", "faq.appointment"},
		{"en", "can u phone me my english not good", "faq.callback"},
		{"de", "bitte rufen sie mich zurück", "faq.callback"},
		{"en", "how much it cost", "free"},
		{"de", "was kostet die beratung", "free"},
		{"en", "im lost sorry", "confused"},
		{"de", "versteh ich nich was meinen sie", "confused"},
		{"en", "plz help", "plea"},
		{"de", "hilfeee bitte", "plea"},
		{"ar", "momken aro7 bdoun maw3ed", "faq.appointment"}, // digits as letters: no number
		// A service's short form typed as its letters' names.
		{"ar", "شنو الفرق بين ام بي اي و جي ام دي", "faq.services"},
		{"fa-AF", "فرق جی ام دی و ام بی ای چیست", "faq.services"},
		{"en", "what is m b e", "faq.services"},
	} {
		for _, start := range [][]string{{}, {"34"}} {
			inputs := ins(cmd("start", c.lang))
			for _, typed := range start {
				inputs = append(inputs, text(typed))
			}
			s, _ := run(t, e, conversation.State{}, inputs)
			step := s.Step()
			s, out := run(t, e, s, ins(text(c.text)))
			if got := said(out); !slices.Contains(got, c.want) || s.Step() != step {
				t.Errorf("%s at %s: said %q, at %s; want %s and the question again", c.text, step, got, s.Step(), c.want)
			}
		}
	}
	at := stateAtTopic(t, e, "en")
	for typed, topic := range map[string]string{
		"how much does the german course cost":         "german",
		"he didnt pay me for the last month":           "work",
		"i need help with my residence permit":         "residence",
		"i dont understand the jobcenter letter":       "letters",
		"appointment at the auslanderbehorde":          "residence",
		"call me at 0176 12345678 it is about my flat": "housing",
	} {
		s, out := run(t, e, at, ins(text(typed)))
		if got := said(out); !slices.Contains(s.Topics, directory.Topic(topic)) {
			t.Errorf("%q: said %q, topics %q; want %s read", typed, got, s.Topics, topic)
		}
	}
}

// TestWhatIsTheJugendamt: "what is the Jugendamt?", asked at the question about a young
// person's parents (which names it) or at any other, is told what it is, and the question
// comes again (J7: it set the topic "Family" and asked again without a word); a message
// that names it in a story or says no to it is read as ever.
func TestWhatIsTheJugendamt(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct{ lang, typed string }{
		{"en", "what is Jugendamt?"},
		{"en", "what is the youth welfare office"},
		{"de", "was ist das Jugendamt?"},
		{"de", "Jugendamt?"},
		{"en", "what does the jugendamt do for me?"},
		{"ar", "ما هو اليوغند امت؟"},                        // "ما" (what) is also the dialects' "not"
		{"ru", "что такое югенамт"},                         // typed as heard
		{"ro", "cu ce se ocupa jugendamtul"},                // with the language's ending
		{"ar", "شو بيعمل الjugendamt?"},                     // glued to the article
		{"tr", "jugendamt ne iş yapar"},                     // asked with the word for work
		{"bg", "какво прави службата за закрила на детето"}, // the office by its own name
	} {
		for name, from := range map[string][]dialog.Input{
			"teen":  ins(cmd("start", c.lang), text("16")),
			"age":   ins(cmd("start", c.lang)),
			"topic": ins(cmd("start", c.lang), text("34")),
		} {
			s, _ := run(t, e, conversation.State{}, from)
			step := s.Step()
			s, out := run(t, e, s, ins(text(c.typed)))
			if got := said(out); !slices.Contains(got, "faq.jugendamt") || s.Step() != step || s.Topic != "" {
				t.Errorf("%s %q at the %s question: said %q, at %s, topic %q; want what the Jugendamt is and the question again", c.lang, c.typed, name, got, s.Step(), s.Topic)
			}
		}
	}
	for _, c := range []struct{ lang, typed string }{
		{"en", "I don't want the Jugendamt"},
		{"en", "the Jugendamt took my children away from me last year"},
		{"de", "Jugendamt 2 Kinder"},
		{"ar", "اليوغند امت اخدو ولادي وبدي محامي"}, // a story in few words: it names a need
	} {
		typed := c.typed
		_, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text("34"), text(typed)))
		if got := said(out); slices.Contains(got, "faq.jugendamt") {
			t.Errorf("%q: said %q, want it read as an answer", typed, got)
		}
	}
}

// TestJugendamtFear: a parent who fears that the Jugendamt takes their children ("will the
// Jugendamt take my children?") is told what it does, when a family court decides and that a
// counselling office helps, at any step, and the question comes again (J9: the topic Family
// was set and the police's number given); the Jugendamt named without children taken, or
// children taken without it, is read as ever.
func TestJugendamtFear(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct{ lang, typed string }{
		{"en", "will the jugendamt take my children?"},
		{"en", "I am afraid the youth office will take my kids away"},
		{"de", "Nimmt mir das Jugendamt meine Kinder weg?"},
		{"ru", "югендамт заберет моих детей?"},
		{"ar", "هل اليوغند امت رح ياخد ولادي؟"},
		{"tr", "jugendamt çocuklarımı alacak mı"},
		// J9's own words, read by the stems in any order.
		{"en", "are they going to take the kids, the jugendamt?"},
		{"uk", "Jugendamt може забрати моїх дітей?"},
		{"pl", "czy Jugendamt zabierze moje dzieci?"},
		{"tr", "Jugendamttan korkuyorum, çocuğumu alırlar mı?"},
		{"fr", "j'ai peur que le Jugendamt prenne ma fille"},
		{"ru", "Jugendamt заберёт моего сына?"},
	} {
		for name, from := range map[string][]dialog.Input{
			"age":    ins(cmd("start", c.lang)),
			"topic":  ins(cmd("start", c.lang), text("34")),
			"result": ins(cmd("start", c.lang), text("34"), tap("topic:housing"), tap("place:skip")),
		} {
			s, _ := run(t, e, conversation.State{}, from)
			step, topic := s.Step(), s.Topic
			s, out := run(t, e, s, ins(text(c.typed)))
			if got := said(out); !slices.Contains(got, "faq.jugendamt_fear") || s.Step() != step || s.Topic != topic {
				t.Errorf("%s %q at the %s question: said %q, at %s, topic %q; want what the Jugendamt does and the question again", c.lang, c.typed, name, got, s.Step(), s.Topic)
			}
		}
	}
	for _, c := range []struct{ lang, typed string }{
		{"en", "what is the Jugendamt?"},
		{"en", "I need a Kita place for my children"},
		{"en", "can you take my children to school"},
		{"en", "what does the jugendamt do for my son?"},
		{"en", "the jugendamt helps my daughter"},
		{"tr", "jugendamt sonra ne yapar"},
	} {
		_, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text("34"), text(c.typed)))
		if got := said(out); slices.Contains(got, "faq.jugendamt_fear") {
			t.Errorf("%q: said %q", c.typed, got)
		}
	}
}
