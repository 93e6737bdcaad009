package conversation_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// arabicMBEs are four MBE offices that usually counsel in Arabic: a result names three, and
// after 👎 the fourth is the next one.
func arabicMBEs() *directory.Snapshot {
	var os []directory.Office
	for i := 1; i <= 4; i++ {
		os = append(os, directory.Office{
			ID: fmt.Sprintf("mbe-ar-%d", i), Kind: directory.KindMBE, Name: fmt.Sprintf("MBE %d", i), City: "Kassel",
			Phone: fmt.Sprintf("0561 10%d", i), Languages: []string{"de", "ar"}, Topics: []directory.Topic{"recognition"},
			Latitude: ptr(51.3 + float64(i)/100), Longitude: ptr(9.5),
		})
	}
	os = append(os, directory.Office{ID: "mbe-de", Kind: directory.KindMBE, Name: "MBE 0", Languages: []string{"de"}, Topics: []directory.Topic{"recognition"}})
	return directory.NewSnapshot(os, 0)
}

// TestThumbsDown: 👎 asks what was missing, with the reasons as buttons; the answer is counted
// anonymously and leads to other ways: the next office that usually speaks the person's
// language (for "not the right office", any next one), online counselling for the age, and,
// where the needs are the family's, the helpline for women affected by violence.
func TestThumbsDown(t *testing.T) {
	syrian := ins(cmd("start", "ar"), text("٣٥"), tap("topic:recognition"), tap("place:skip"))
	reason := func(r string) string { return ev(dialog.EventFeedbackReason, "reason", r) }
	runTranscripts(t, []transcript{
		{
			name: "what was missing?", dir: arabicMBEs(), inputs: seq(syrian, ins(tap("res:no"))), step: conversation.StepResult, lang: "ar",
			said: []string{"why.question"}, buttons: []string{"why:office", "why:phone", "why:language", "why:other"},
			events: []string{ev(dialog.EventFeedback, "answer", "no")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if !s.AskedWhy || !slices3(s.Results, "mbe-ar-1", "mbe-ar-2", "mbe-ar-3") {
					t.Errorf("asked %v, results %q", s.AskedWhy, s.Results)
				}
			},
		},
		{
			name: "nobody answers the phone (Arabic): the next Arabic-speaking office", dir: arabicMBEs(), inputs: seq(syrian, ins(tap("res:no"), tap("why:phone"))),
			step: conversation.StepResult, lang: "ar",
			said:    []string{"why.answer.phone", "why.other_office", "office.title", "office.kind.mbe", "office.address", "office.phone", "office.languages", "office.unconfirmed", "online.mbeon"},
			edit:    []string{"why.question", "answer.chosen"},
			buttons: []string{mapOf("mbe-ar-4"), "res:change", "res:restart", "nav:language"}, noBtns: []string{"why:phone"},
			events: []string{reason("phone")},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if s.AskedWhy || len(s.Results) != 4 || s.Results[3] != "mbe-ar-4" {
					t.Errorf("asked %v, results %q, want mbe-ar-4 added", s.AskedWhy, s.Results)
				}
			},
		},
		{
			name: "the language is not spoken (Ukrainian): no other office in it", inputs: ins(cmd("start", "uk"), text("34"), tap("topic:housing"), tap("place:skip"), tap("res:no"), tap("why:language")),
			step: conversation.StepResult, lang: "uk", said: []string{"why.no_other_office", "online.mbeon"},
			edit: []string{"why.question", "answer.chosen"}, events: []string{reason("language")},
		},
		{
			// Not the right office: the next one not named yet, whatever its languages, not
			// said to speak the person's; no "no other office in your language", which
			// answers another reason.
			name: "not the right office (Ukrainian): the next office", dir: arabicMBEs(),
			inputs: ins(cmd("start", "uk"), text("35"), tap("topic:recognition"), tap("place:skip"), tap("res:no"), tap("why:office")),
			step:   conversation.StepResult, lang: "uk", incl: []string{"why.answer.office", "office.title", "online.mbeon"},
			notSaid: []string{"why.other_office", "why.no_other_office", "safety.women"},
			edit:    []string{"why.question", "answer.chosen"}, events: []string{reason("office")},
		},
		{
			// The helpline for women where the needs are the family's.
			name: "a family matter, nobody answers", inputs: ins(cmd("start", "en"), text("34"), tap("topic:family"), tap("place:skip"), tap("res:no"), tap("why:phone")),
			step: conversation.StepResult, lang: "en", incl: []string{"why.answer.phone", "safety.women"},
			edit: []string{"why.question", "answer.chosen"}, events: []string{reason("phone")},
		},
		{
			// Typed after 👎: the phone not answered among other words is that reason (J11).
			name: "nobody answers, typed after the question why", inputs: seq(adultResult, ins(tap("res:no"), text("the office dont answer phone and i dont understand"))),
			step: conversation.StepResult, lang: "en", incl: []string{"why.answer.phone"}, events: anyEvents,
		},
		{
			name: "a young person, something else (German)", inputs: ins(cmd("start", "de"), text("19"), tap("topic:work"), tap("place:skip"), tap("res:no"), tap("why:other")),
			step: conversation.StepResult, lang: "de", incl: []string{"why.answer.something_else", "online.jmd4you"}, notSaid: []string{"online.mbeon", "why.no_other_office", "safety.women"},
			edit: []string{"why.question", "answer.chosen"}, events: []string{reason("other")},
		},
		{
			name: "a child alone: the helplines", inputs: ins(cmd("start", "en"), tap("age:u12"), tap("child:no"), tap("res:no"), tap("why:office")),
			step: conversation.StepResult, lang: "en", said: []string{"why.answer.office", "safety.children", "safety.emergency"},
			edit: []string{"why.question", "answer.chosen"}, events: []string{reason("office")},
		},
		{
			name: "a reason without the question is stale", inputs: seq(adultResult, ins(tap("why:phone"))), step: conversation.StepResult, lang: "en",
			said: []string{"stale", "next.question"}, notice: "stale",
		},
		{
			name: "a reason answered twice is stale", inputs: seq(adultResult, ins(tap("res:no"), tap("why:phone"), tap("why:office"))),
			step: conversation.StepResult, lang: "en", said: []string{"stale", "next.question"}, notice: "stale",
		},
		{
			name: "a forged reason is stale", inputs: seq(adultResult, ins(tap("res:no"), tap("why:money"))), step: conversation.StepResult, lang: "en",
			said: []string{"stale", "next.question"}, notice: "stale",
		},
	})
	out := func(lang string) string {
		_, o := run(t, newEngine(t, arabicMBEs()), conversation.State{}, seq(ins(cmd("start", lang)), syrian[1:], ins(tap("res:no"), tap("why:phone"))))
		return rendered(t, lang, o.Messages[0])
	}
	text := out("ar")
	for _, want := range []string{"MBE 4", "0561 104", "mbeon.de"} {
		if !strings.Contains(text, want) {
			t.Errorf("the answer lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "116 016") {
		t.Errorf("the helpline for women beside a matter of recognition:\n%s", text)
	}
	// Offices that do not speak the reader's language are not offered as the next one when
	// nobody answers (only when the office was not the right one).
	if text := out("en"); strings.Contains(text, "MBE 4") || !strings.Contains(text, "mbeon.de") {
		t.Errorf("English: %s", text)
	}
}

func slices3(got []string, want ...string) bool {
	return strings.Join(got, ",") == strings.Join(want, ",")
}

// TestNobodyAnswersTyped: "nobody answers the phone" typed under the result, in the
// conversation's language, is answered as the reason tapped after 👎 (the office is busy, when
// to try again, the next office, online counselling) and counted as it; not with "here is how
// to reach the office" and the number that does not answer (J4).
func TestNobodyAnswersTyped(t *testing.T) {
	e := newEngine(t, arabicMBEs())
	for _, c := range []struct{ lang, typed string }{
		{"en", "nobody answers the phone"},
		{"de", "niemand geht ans Telefon"},
		{"ar", "محد يرد على التلفون"},
		{"ar", "الرقم ما بيرد"},
		{"fa-AF", "هیچ کس تیلفون را جواب نمیده"},
		{"so", "qofna taleefanka ma qabto"},
		{"uk", "ніхто не бере трубку"},
		{"tr", "kimse telefonu açmıyor"},
		{"tr", "aradım ama kimse açmadı"},
		{"fa-AF", "کسی تلفون را بر نمی‌دارد"},
		{"ar", "ماكو احد يرد عالتلفون"},
	} {
		_, out := run(t, e, conversation.State{}, ins(tap("lang:"+c.lang), text("34"), tap("topic:recognition"), tap("place:skip"), text(c.typed)))
		ids := said(out)
		if len(ids) == 0 || ids[0] != "why.answer.phone" || !slices.Contains(events(out), ev(dialog.EventFeedbackReason, "reason", "phone")) {
			t.Errorf("%s %q: said %q, events %q; want the answer to \"nobody answers\"", c.lang, c.typed, ids, events(out))
		}
	}
}

// TestDoTheySpeak: "do they speak Arabic?" under the result says which offices above usually
// counsel in it (or that none lists it, or that their languages are not known), with the
// online counselling when none does; the conversation's language stays (J4: it switched the
// bot to Arabic). "Arabic please" still switches.
func TestDoTheySpeak(t *testing.T) {
	toResult := func(lang string) []dialog.Input {
		return ins(tap("lang:"+lang), text("34"), tap("topic:recognition"), tap("place:skip"))
	}
	cases := []struct {
		dir         func() *directory.Snapshot
		lang, typed string
		want        string
	}{
		{arabicMBEs, "en", "do they speak Arabic?", "result.speaks"},
		{arabicMBEs, "de", "sprechen die arabisch", "result.speaks"},
		{arabicMBEs, "ar", "بيحكوا عربي؟", "result.speaks"},
		{arabicMBEs, "en", "do they speak Turkish?", "result.speaks_none"},
		{arabicMBEs, "ku", "ew bi kurdî diaxivin?", "result.speaks_none"},
		{arabicMBEs, "uk", "вони розмовляють українською?", "result.speaks_none"}, // J5: case forms of a language's name
		{arabicMBEs, "ru", "там говорят на русском?", "result.speaks_none"},
		{arabicMBEs, "en", "آیا دری صحبت می‌کنند؟", "result.speaks_none"}, // J6: asked in the language asked about
		{arabicMBEs, "en", "هل يتكلمون العربية؟", "result.speaks"},
		{arabicMBEs, "pl", "czy mówią po ukraińsku?", "result.speaks_none"}, // J6: it switched to Ukrainian
		{func() *directory.Snapshot { return twoMBE().(*directory.Snapshot) }, "so", "ma ku hadlaan Soomaali?", "result.speaks_unknown"},
	}
	for _, c := range cases {
		s, out := run(t, newEngine(t, c.dir()), conversation.State{}, seq(toResult(c.lang), ins(text(c.typed))))
		ids := said(out)
		if len(ids) == 0 || ids[0] != c.want || s.Lang != c.lang || s.Step() != conversation.StepResult {
			t.Errorf("%s %q: said %q in %s; want %s, the language kept", c.lang, c.typed, ids, s.Lang, c.want)
		}
		if c.want != "result.speaks" && !slices.Contains(ids, "online.mbeon") {
			t.Errorf("%s %q: said %q; want the online counselling", c.lang, c.typed, ids)
		}
	}
	_, out := run(t, newEngine(t, arabicMBEs()), conversation.State{}, seq(toResult("en"), ins(text("do they speak Arabic?"))))
	if got := rendered(t, "en", out.Messages[0]); !strings.Contains(got, "MBE 1") || !strings.Contains(got, "Arabic") {
		t.Errorf("the answer names no office that speaks Arabic:\n%s", got)
	}
	if _, out := run(t, newEngine(t, arabicMBEs()), conversation.State{}, seq(toResult("ar"), ins(text("ابني بيحكي الماني منيح")))); slices.Contains(said(out), "result.speaks_unknown") || slices.Contains(said(out), "result.speaks_none") || slices.Contains(said(out), "result.speaks") {
		t.Errorf("\"my son speaks German well\" was taken for a question: %q", said(out))
	}
	if s, _ := run(t, newEngine(t, arabicMBEs()), conversation.State{}, seq(toResult("en"), ins(text("arabic please")))); s.Lang != "ar" {
		t.Errorf("\"arabic please\" under the result: language %s, want ar", s.Lang)
	}
}
