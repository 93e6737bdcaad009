package conversation_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
)

// branches are every way through the questions: every age band, a young child with a parent
// of each age band and without a parent, every topic, with and without a position.
func branches() map[string][]dialog.Input {
	out := map[string][]dialog.Input{}
	places := map[string]dialog.Input{"no place": tap("place:skip"), "place": loc(51.31, 9.49)}
	ages := map[string][]dialog.Input{
		"band 12-17, with a parent": ins(tap("age:12-17"), tap("child:yes")), "band 18-26": ins(tap("age:18-26")), "band 27+": ins(tap("age:27+")),
		"young alone, 16":     ins(text("16"), tap("child:no")),
		"child, parent 18-26": ins(tap("age:u12"), tap("child:yes"), tap("age:18-26")),
		"child 11, parent 40": ins(text("11"), tap("child:yes"), text("40")),
	}
	for age, in := range ages {
		for _, topic := range directory.Topics {
			for place, p := range places {
				out[fmt.Sprintf("%s, %s, %s", age, topic, place)] = seq(ins(cmd("start", "en")), in, ins(tap("topic:"+string(topic)), p))
			}
		}
	}
	out["child alone, band"] = ins(cmd("start", "en"), tap("age:u12"), tap("child:no"))
	out["child alone, 0"] = ins(cmd("start", "en"), text("0"), tap("child:no"))
	out["child alone, 11"] = ins(cmd("start", "en"), text("11"), tap("child:no"))
	return out
}

// directories are an empty directory and every directory of exactly one office: each office
// of the test directory, and a youth welfare office without phone and address as in the
// shipped data.
func directories() map[string]*directory.Snapshot {
	out := map[string]*directory.Snapshot{"empty": directory.NewSnapshot(nil, 0)}
	for _, o := range offices() {
		out["only "+o.ID] = directory.NewSnapshot([]directory.Office{o}, 0)
	}
	bare := directory.Office{ID: "jugendamt-bare", Kind: directory.KindService, Name: "Jugendamt", Topics: []directory.Topic{"family", "education"}}
	out["only a bare youth welfare office"] = directory.NewSnapshot([]directory.Office{bare}, 0)
	return out
}

// TestEveryBranchReachesAPerson walks every branch of the questions on an empty directory and
// on every directory of one office, and reads the result in three languages (one right to
// left): none ends without a phone number or a concrete next step (an online counselling
// address); a child alone, and a young person without parents, always get phone numbers.
func TestEveryBranchReachesAPerson(t *testing.T) {
	paths := branches()
	if len(paths) < 5*14*2 {
		t.Fatalf("only %d branches", len(paths))
	}
	for dirName, dir := range directories() {
		e := newEngine(t, dir)
		for name, path := range paths {
			s, out := run(t, e, conversation.State{}, path)
			if s.Step() != conversation.StepResult {
				t.Fatalf("%s: step %s after %s", dirName, s.Step(), name)
			}
			m := out.Messages[len(out.Messages)-1]
			for _, lang := range []string{"en", "uk", "ar"} {
				text := rendered(t, lang, m)
				child := strings.HasPrefix(name, "child alone") || strings.HasPrefix(name, "young alone")
				if !phoneNumber.MatchString(text) && (child || !nextStep.MatchString(text)) {
					t.Errorf("%s, %s, %s: no phone number and no next step in\n%s", dirName, name, lang, text)
				}
				if child && !(strings.Contains(text, "116 111") && strings.Contains(text, "110") && strings.Contains(text, "112")) {
					t.Errorf("%s, %s, %s: a child alone without the helpline and emergency numbers:\n%s", dirName, name, lang, text)
				}
			}
		}
	}
}

// TestChildAlone: the youth welfare office with its contact where the directory has it; what
// to do when it has no phone number; always the children's helpline and the emergency numbers.
func TestChildAlone(t *testing.T) {
	withPhone := directory.Office{ID: "ja", Kind: directory.KindService, Name: "Jugendamt", Street: "Rathaus 1", Postcode: "34117",
		City: "Kassel", Phone: "0561 787-0", Topics: []directory.Topic{"family"}}
	emergency := directory.Office{ID: "notdienst", Kind: directory.KindService, Name: "Kinder- und Jugendnotdienst", Phone: "0561 123 45",
		Topics: []directory.Topic{"family"}, MaxAge: ptr(17)}
	alone := ins(cmd("start", "en"), tap("age:u12"), tap("child:no"))
	runTranscripts(t, []transcript{
		{
			name: "a youth welfare office with a phone", dir: directory.NewSnapshot([]directory.Office{withPhone}, 0), inputs: alone,
			step: conversation.StepResult, lang: "en", anyEdit: true, events: anyEvents,
			incl:    []string{"result.child_alone", "child.contact", "office.title", "office.address", "office.phone", "safety.children", "safety.emergency", "feedback.question"},
			notSaid: []string{"child.no_phone", "online.travel", "online.none", "result.summary"},
		},
		{
			name: "and the youth emergency service the directory has", dir: directory.NewSnapshot([]directory.Office{withPhone, emergency}, 0), inputs: alone,
			step: conversation.StepResult, lang: "en", anyEdit: true, events: anyEvents,
			incl:  []string{"result.child_alone", "child.contact", "office.title", "office.title", "safety.children"},
			check: wantResults("ja", "notdienst"),
		},
		{
			name: "a youth welfare office without a phone", inputs: alone, step: conversation.StepResult, lang: "en", anyEdit: true, events: anyEvents,
			incl:    []string{"result.child_alone", "child.contact", "office.title", "child.no_phone", "safety.children", "safety.emergency"},
			notSaid: []string{"office.phone"},
		},
		{
			name: "no youth welfare office at all", dir: directory.NewSnapshot(nil, 0), inputs: alone, step: conversation.StepResult, lang: "en",
			anyEdit: true, events: anyEvents,
			said: []string{"result.child_alone", "child.no_phone", "safety.children", "safety.emergency", "feedback.question"},
		},
	})
}

// TestUnderTwelveSaysWhatHappensFirst: the question about a young child begins with what will
// happen (counselling for the parent, the youth welfare office for the child), in every
// language, and the parent's summary names both ages and why the offices are the parent's.
func TestUnderTwelveSaysWhatHappensFirst(t *testing.T) {
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range cat.List() {
		q := stripBidi(cat.Render(l.Tag, dialog.T("child.question")))
		first, rest, _ := strings.Cut(q, "Jugendamt")
		if rest == "" || strings.ContainsAny(first, "?؟") {
			t.Errorf("%s: the under-12 question does not name the youth welfare office before it asks: %q", l.Tag, q)
		}
	}
	if q := cat.Render("en", dialog.T("child.question")); strings.HasPrefix(q, "Children under 12 do not") {
		t.Errorf("the under-12 question opens like a refusal: %q", q)
	}
	for _, c := range []struct {
		lang, child, parent, why string
		inputs                   []dialog.Input
	}{
		{"uk", "5", "34", "result.for_parent_mbe", ins(cmd("start", "uk"), text("5"), tap("child:yes"), text("34"), tap("topic:german"), tap("place:skip"))},
		{"ar", "8", "24", "result.for_parent_jmd", ins(cmd("start", "ar"), text("٨"), tap("child:yes"), text("٢٤"), tap("topic:education"), tap("place:skip"))},
		{"de", "Unter 12", "27 oder älter", "result.for_parent_mbe", ins(cmd("start", "de"), tap("age:u12"), tap("child:yes"), tap("age:27+"), tap("topic:family"), tap("place:skip"))},
	} {
		t.Run("summary "+c.lang, func(t *testing.T) {
			_, out := run(t, newEngine(t, nil), conversation.State{}, c.inputs)
			m := out.Messages[len(out.Messages)-1]
			if ids := lineIDs(m); len(ids) < 2 || ids[0] != "result.summary_parent" || ids[1] != c.why {
				t.Fatalf("result begins %q, want the parent's summary and %s", ids, c.why)
			}
			summary := stripBidi(cat.Render(c.lang, m.Lines[0]))
			if !strings.Contains(summary, c.child) || !strings.Contains(summary, c.parent) {
				t.Errorf("summary %q does not name the child (%s) and the parent (%s)", summary, c.child, c.parent)
			}
		})
	}
}

// TestVoicePhotoStickerLeadToAPerson: anything but text gets "I only read text", the phone of
// the best office found so far (after a result), online counselling for the age (both
// services while it is not known), then the current question again.
func TestVoicePhotoStickerLeadToAPerson(t *testing.T) {
	withPhone := offices()
	withPhone[2].Phone = "0561 222 333" // mbe-kassel, the best office for an adult
	dir := directory.NewSnapshot(withPhone, 0)
	youngResult := ins(cmd("start", "uk"), text("19"), tap("topic:work"), tap("place:skip"))
	runTranscripts(t, []transcript{
		{
			name: "after a result: the best office's phone", dir: dir, inputs: seq(adultResult, ins(sticker())), step: conversation.StepResult, lang: "en",
			said: []string{"unsupported", "call.office", "online.mbeon", "next.question"}, buttons: nextButtons,
			check: func(t *testing.T, _ conversation.State, out dialog.Output) {
				call := out.Messages[0].Lines[1]
				if call.Data["Phone"].(dialog.Text).Raw != "0561 222 333" || call.Data["Name"].(dialog.Text).Raw != "MBE Kassel" {
					t.Errorf("call %+v", call.Data)
				}
			},
		},
		{
			name: "after a young person's result (Ukrainian)", inputs: seq(youngResult, ins(sticker())), step: conversation.StepResult, lang: "uk",
			said: []string{"unsupported", "call.office", "online.jmd4you", "next.question"},
		},
		{
			name: "before the age is known (Arabic)", inputs: ins(cmd("start", "ar"), sticker()), step: conversation.StepAge, lang: "ar",
			said: []string{"unsupported", "online.mbeon", "online.jmd4you", "age.question"},
		},
		{
			name: "a young child's parent not yet asked", inputs: seq(toChild, ins(sticker())), step: conversation.StepChild, lang: "en",
			said: []string{"unsupported", "online.mbeon", "online.jmd4you", "child.question"},
		},
		{
			name: "a child alone", inputs: ins(cmd("start", "de"), tap("age:u12"), tap("child:no"), sticker()), step: conversation.StepResult, lang: "de",
			said: []string{"unsupported", "safety.children", "safety.emergency", "next.question"},
		},
		{
			name: "an office gone from the directory is skipped", from: conversation.State{Lang: "en", Started: true, Age: ptr(34), AgeBand: "27+",
				Topic: "work", PlaceDone: true, Results: []string{"gone", "jmd-kassel"}},
			inputs: ins(sticker()), step: conversation.StepResult, lang: "en", said: []string{"unsupported", "call.office", "online.mbeon", "next.question"},
		},
	})
	for _, lang := range []string{"en", "uk", "ar"} {
		_, out := run(t, newEngine(t, dir), conversation.State{}, seq(ins(cmd("start", lang)), adultResult[1:], ins(sticker())))
		text := rendered(t, lang, out.Messages[0])
		if !strings.Contains(text, "0561 222 333") || !strings.Contains(text, "mbeon.de") {
			t.Errorf("%s: %q lacks the office's phone or the online address", lang, text)
		}
		if slices.Contains(said(out), "feedback.question") {
			t.Errorf("%s: the whole result again", lang)
		}
	}
}

// TestTypedCallForHelp: "help" typed alone, in any shipped language, and the SOS emoji are
// answered with the plea (what the bot does and the emergency line, not the whole of /help),
// and the question waiting comes again; a need named with the word is the need.
func TestTypedCallForHelp(t *testing.T) {
	toTopic := func(lang string) []dialog.Input { return ins(tap("lang:"+lang), text("34")) }
	cases := []struct {
		name   string
		inputs []dialog.Input
		step   conversation.Step
		said   []string
	}{
		{"English", seq(toTopic("en"), ins(text("Help!"))), conversation.StepTopic, []string{"plea", "topic.question"}},
		{"German", seq(toTopic("de"), ins(text("Hilfe bitte"))), conversation.StepTopic, []string{"plea", "topic.question"}},
		{"Arabic at the place question", seq(toTopic("ar"), ins(tap("topic:housing"), text("ساعدني"))), conversation.StepPlace,
			[]string{"plea", "place.question"}},
		{"English in a Ukrainian conversation", seq(toTopic("uk"), ins(text("help me"))), conversation.StepTopic, []string{"plea", "topic.question"}},
		{"the SOS emoji", seq(toTopic("en"), ins(text("🆘🆘"))), conversation.StepTopic, []string{"plea", "topic.question"}},
		{"at the age question", ins(tap("lang:tr"), text("yardım")), conversation.StepAge, []string{"plea", "age.question"}},
		{"a first message", ins(withClient(text("Hilfe!"), "de")), conversation.StepAge, []string{"plea", "age.question"}},
		{"a first message in another language than the phone's", ins(withClient(text("imdat"), "de")), conversation.StepAge,
			[]string{"plea", "age.question"}},
		{"the SOS emoji first", ins(withClient(text("🆘"), "en")), conversation.StepAge, []string{"plea", "age.question"}},
		// The word a newcomer knows, in German or their own language, whatever the
		// conversation's language.
		{"German in an Arabic conversation", seq(toTopic("ar"), ins(text("Hilfe"))), conversation.StepTopic, []string{"plea", "topic.question"}},
		{"Turkish in a German conversation", seq(toTopic("de"), ins(text("imdat"))), conversation.StepTopic, []string{"plea", "topic.question"}},
		{"Romanian in a Tigrinya conversation", seq(toTopic("ti"), ins(text("ajutor"))), conversation.StepTopic, []string{"plea", "topic.question"}},
		{"a need with the word is the need", seq(toTopic("en"), ins(text("I need help with housing"))), conversation.StepPlace,
			[]string{"topic.recognized", "place.question"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, out := run(t, newEngine(t, nil), conversation.State{}, c.inputs)
			if s.Step() != c.step {
				t.Fatalf("step %s, want %s (said %q)", s.Step(), c.step, said(out))
			}
			if got := said(out); !slices.Equal(got, c.said) {
				t.Errorf("said %q, want %q", got, c.said)
			}
		})
	}
}

// TestYoungPersonWithoutParents: a young person of 12 to 17 is asked whether they live with a
// parent; without one, the Jugendamt comes first, as the one responsible, with the helpline
// for young people, then the JMD, never the MBE (not even for housing), and the Jugendamt is
// not named again among the services. With a parent, the result is the JMD's as before.
func TestYoungPersonWithoutParents(t *testing.T) {
	e := newEngine(t, nil)
	for _, topic := range []string{"family", "housing"} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("16"), tap("child:no"), tap("topic:"+topic), tap("place:skip")))
		got := said(out)
		if s.Step() != conversation.StepResult || !isSubsequence([]string{"result.teen_alone", "office.title", "safety.children", "result.intro", "office.title"}, got) {
			t.Errorf("%s: at %s said %q; want the Jugendamt first, then the JMD", topic, s.Step(), got)
		}
		if slices.Contains(got, "result.youth_services") || slices.Contains(got, "office.kind.mbe") {
			t.Errorf("%s: said %q; want neither the youth services again nor the MBE", topic, got)
		}
		if s.Results[0] != "jugendamt" || slices.Index(s.Results[1:], "jugendamt") >= 0 {
			t.Errorf("%s: results %q, want the Jugendamt first and once", topic, s.Results)
		}
	}
	s, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("16"), tap("child:yes"), tap("topic:work"), tap("place:skip")))
	if got := said(out); slices.Contains(got, "result.teen_alone") || s.Results[0] == "jugendamt" {
		t.Errorf("with a parent: said %q, results %q; want the JMD first", got, s.Results)
	}
}

// TestNoThatIsANumberToo: at the question about a parent, Dari's and Pashto's "نه" (no, and
// nine) and Tigrinya's "የለን" answer no, for a young person and a young child alike; a digit
// typed there still corrects the age.
func TestNoThatIsANumberToo(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct{ lang, age, no string }{
		{"fa-AF", "16", "نه"}, {"ps", "15", "نه"}, {"ti", "16", "የለን"}, {"fa-AF", "8", "نه"},
	} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.age), text(c.no)))
		if s.WithParent == nil || *s.WithParent || s.Age == nil || strconv.Itoa(*s.Age) != c.age {
			t.Errorf("%s %s, %q: with parent %v, age %v (said %q); want no, and the age kept", c.lang, c.age, c.no, s.WithParent, s.Age, said(out))
		}
	}
	s, _ := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("16"), text("no, I am 19")))
	if s.Age == nil || *s.Age != 19 {
		t.Errorf("no, I am 19: age %v, want 19", s.Age)
	}
}

// TestYoungPersonSaysWithoutParents: "without parents" said beside an age of 12 to 17 answers
// the question about a parent too; said at that question, it answers no; a parent of a young
// child saying so is asked as ever.
func TestYoungPersonSaysWithoutParents(t *testing.T) {
	e := newEngine(t, nil)
	s, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("I am 15 and here without my parents, I need a school")))
	if s.WithParent == nil || *s.WithParent || slices.Contains(said(out), "teen.question") {
		t.Errorf("first message: with parent %v, said %q; want no, and not asked", s.WithParent, said(out))
	}
	s, _ = run(t, e, conversation.State{}, ins(cmd("start", "de"), text("16"), text("ohne Eltern")))
	if s.WithParent == nil || *s.WithParent {
		t.Errorf("typed at the question: with parent %v, want no", s.WithParent)
	}
	// "Came alone", "alone in Germany", in a sentence without commas too (J4: asked whether
	// they live with a parent after saying so).
	for _, c := range []struct{ lang, typed string }{
		{"ar", "عمري 16 سنة وجيت لحالي على ألمانيا"},
		{"fa-AF", "پسرم ۱۶ ساله است و تنها در آلمان است"},
		{"en", "I am 16 and came alone"},
		{"de", "ich bin 16 und allein nach Deutschland gekommen"},
		{"so", "waxaan ahay 16 jir, kaligay ayaan imid"},
		{"uk", "мені 16, я приїхав сам"},
	} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.typed)))
		if s.WithParent == nil || *s.WithParent || slices.Contains(said(out), "teen.question") {
			t.Errorf("%s %q: with parent %v, said %q; want no, and not asked", c.lang, c.typed, s.WithParent, said(out))
		}
	}
	// Said of someone else (J6): the question is asked.
	for _, c := range []struct{ lang, typed string }{
		{"en", "I am 16, my father came alone first and then we followed"},
	} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.typed)))
		if s.WithParent != nil || s.Step() != conversation.StepChild {
			t.Errorf("%s %q: with parent %v at %s, said %q; want the question asked", c.lang, c.typed, s.WithParent, s.Step(), said(out))
		}
	}
	s, _ = run(t, e, conversation.State{}, ins(cmd("start", "en"), text("my son is 8, we came without family")))
	if s.WithParent != nil {
		t.Errorf("a young child: with parent %v, want the question asked", *s.WithParent)
	}
}

// TestYoungPersonSaysWithAParent: "I live with my mother" typed at the question about a
// parent answers yes, in every shipped language (it was "please use the buttons"); said
// negatively, or of another person named before it, the question stays to its buttons.
func TestYoungPersonSaysWithAParent(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct {
		lang, typed string
		with        bool // answered yes; false: the question stays
	}{
		{"en", "I live with my father", true},
		{"en", "yes, with my mom and dad", true},
		{"de", "ich wohne bei meiner Mutter", true},
		{"fr", "je vis avec ma mère", true},
		{"ru", "живу с мамой", true},
		{"uk", "з батьками", true},
		{"pl", "mieszkam z mamą", true},
		{"bg", "живея с майка ми", true},
		{"ro", "locuiesc cu părinții mei", true},
		{"tr", "annemle yaşıyorum", true},
		{"ar", "ساكن مع أمي", true},
		{"fa-AF", "با مادرم زندگی می‌کنم", true},
		{"ps", "د مور سره اوسېږم", true},
		{"ku", "ez bi dayika xwe re dijîm", true},
		{"ti", "ምስ ኣደይ እየ ዝነብር", true},
		{"so", "hooyaday ayaan la joogaa", true},
		// A word that opens the answer and says nothing yet: Polish and Romanian "no" is
		// "well", "yeah", no English no (answer.filler).
		{"pl", "no, z mamą", true},
		{"ro", "no, stau cu mama", true},
		// J7: anything else said beside it leaves the question to the buttons: a sibling, a
		// parent abroad, gone back or in the past, a grandparent, a wish, "no" before it, "I
		// don't know" that begins with the language's no.
		{"en", "my brother is with my father in Iraq", false},
		{"ru", "сестра живёт с мамой", false},
		{"en", "I came with my mother but she went back", false},
		{"pl", "z mamą w Ukrainie", false},
		{"fa-AF", "با پدر و مادر کلانم", false},
		{"ar", "بدي اعيش مع امي", false},
		{"ar", "كنت مع اهلي بتركيا وهلأ لحالي", false},
		{"ti", "ምስ ኣደይ ነይረ", false},
		{"ti", "ምስ ኣደይ ኣይነብርንየ", false},
		{"en", "No, only with my mom", false},
		{"pl", "Nie, tylko z mamą", false},
		{"pl", "nie wiem", false},
		{"ru", "не знаю", false},
		{"pl", "nie rozumiem pytania", false},
		{"fr", "non je comprends pas", false},
		{"ru", "я живу с мамой", true},
		{"en", "yes, my mother is in Syria", false},
		{"ar", "اي، امي بسوريا", false},
		{"en", "yes", true},
		{"en", "yes, with my mom", true},
		{"en", "I don't live with my parents", false},
		{"en", "my son lives with my mother", false},
		{"de", "ich wohne nicht bei meinen Eltern", false},
		{"fr", "je ne vis pas avec mes parents", false},
		{"ru", "я не живу с родителями", false},
		{"tr", "annemle yaşamıyorum", false},
		{"ar", "مش عايش مع أهلي", false},
		{"fa-AF", "با پدرم زندگی نمی‌کنم", false},
	} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text("16"), text(c.typed)))
		switch {
		case c.with && (s.WithParent == nil || !*s.WithParent || s.Step() != conversation.StepTopic):
			t.Errorf("%s %q: with parent %v at %s, said %q; want yes, and the topic question", c.lang, c.typed, s.WithParent, s.Step(), said(out))
		case !c.with && (s.WithParent != nil || s.Step() != conversation.StepChild):
			t.Errorf("%s %q: with parent %v at %s, said %q; want the question again", c.lang, c.typed, s.WithParent, s.Step(), said(out))
		}
	}
	// "Alone" as the young person's whole answer is no (J7: asked again in every language).
	for _, c := range []struct{ lang, typed string }{
		{"ar", "لحالي"}, {"fa-AF", "تنها هستم"}, {"ps", "زه یوازې یم"}, {"ti", "በይነይ"}, {"so", "keligay"},
		{"en", "I'm alone"}, {"de", "allein"}, {"ru", "я один"}, {"tr", "yalnızım"},
	} {
		if s, _ := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text("16"), text(c.typed))); s.WithParent == nil || *s.WithParent {
			t.Errorf("%s %q: with parent %v, want no", c.lang, c.typed, s.WithParent)
		}
	}
	for _, typed := range []string{"no nie", "no nie, bez rodziców"} { // "well, no": the Polish no after it
		if s, _ := run(t, e, conversation.State{}, ins(cmd("start", "pl"), text("16"), text(typed))); s.WithParent == nil || *s.WithParent {
			t.Errorf("pl %q: with parent %v, want no", typed, s.WithParent)
		}
	}
}

// TestConfusedUnderTheResult: "I don't understand" under the result, where no question waits,
// says what to do with it (call or write to the first office, the card), not "answer the
// question below" (J4).
func TestConfusedUnderTheResult(t *testing.T) {
	e := newEngine(t, nil)
	s, out := run(t, e, conversation.State{}, seq(adultResult, ins(text("I don't understand"))))
	if got := said(out); s.Step() != conversation.StepResult || !slices.Equal(got[:2], []string{"confused_result", "confused_card"}) || slices.Contains(got, "confused") {
		t.Errorf("said %q at %s; want what to do with the result", got, s.Step())
	}
	_, out = run(t, e, conversation.State{}, ins(cmd("start", "en"), text("I don't understand")))
	if got := said(out); !slices.Contains(got, "confused") || slices.Contains(got, "confused_result") {
		t.Errorf("at the age question: said %q; want the question explained", got)
	}
}

// TestParentAnswersForTheChild: asked whether the young person or the child lives with a
// parent, a parent who answers about themselves ("I am his mother", answer.is_parent) answers
// yes (J7: "please use the buttons" in every language); with anything else beside it, or from
// a young person asked about themselves, the question stays to its buttons.
func TestParentAnswersForTheChild(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct {
		lang, age, typed string
		with             bool
	}{
		{"en", "16", "I am his mother", true},
		{"en", "16", "we are her parents", true},
		{"en", "7", "I'm the father", true},
		{"de", "15", "ich bin die Mutter", true},
		{"ar", "16", "انا امه", true},
		{"tr", "14", "annesiyim", true},
		{"ru", "16", "я его мама", true},
		{"fr", "16", "je suis sa mère", true},
		{"fa-AF", "16", "مادرش هستم", true},
		{"so", "16", "waxaan ahay hooyadiis", true},
		{"ti", "16", "ኣደኡ እየ", true},
		{"ru", "16", "я его тётя", false},
		// J8: a parent elsewhere, the young person alone; "I am not his mother" (whose first
		// word is the language's no) is no "without parents" either.
		{"ru", "16", "я его мама, но я в Украине, а он здесь один", false},
		{"pl", "16", "jestem jego mamą, ale jestem w Polsce, on jest tu sam", false},
		{"ru", "16", "я его мама, но он живёт с отцом в Сирии", false},
		{"pl", "16", "nie jestem jego mamą", false},
		{"ro", "16", "nu sunt mama lui", false},
		{"bg", "16", "не съм майка му", false},
		{"en", "16", "Yes. I am his mother.", true},
		// After a yes, "with me" is the yes's reason (J8: asked again); another person is not.
		{"en", "16", "yes she lives with me", true},
		{"de", "16", "ja, bei mir", true},
		{"ru", "16", "да, со мной", true},
		{"tr", "16", "evet, benimle", true},
		{"ar", "16", "نعم، معي", true},
		{"en", "16", "yes, with her aunt", false},
		// Yes and no at once (J7: taken as yes).
		{"en", "7", "yes and no", false},
		{"de", "16", "ja und nein", false},
		{"ro", "7", "da și nu", false},
		{"en", "7", "yes, he lives with me", true},
		{"fa-AF", "9", "بلی، پسرم نه ساله است", true}, // Dari's "نه" is no and nine
		{"en", "16", "I am his uncle", false},
		{"en", "16", "I am his mother but he lives with his father in Syria", false},
		{"en", "16", "I am not his mother", false},
		{"en", "I am 16", "I am his mother", false}, // a young person asked about themselves
	} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.age), text(c.typed)))
		switch {
		case c.with && (s.WithParent == nil || !*s.WithParent):
			t.Errorf("%s %s, %q: with parent %v at %s, said %q; want yes", c.lang, c.age, c.typed, s.WithParent, s.Step(), said(out))
		case !c.with && (s.WithParent != nil || s.Step() != conversation.StepChild):
			t.Errorf("%s %s, %q: with parent %v at %s, said %q; want the question again", c.lang, c.age, c.typed, s.WithParent, s.Step(), said(out))
		}
	}
}

// TestWithAParentBesideTheAge: "with my mother" said in a clause of its own beside a young
// person's age answers the question about a parent at once (J7 W5: it was asked as if not
// heard); in the clause with the age, or with anything else said, the question comes.
func TestWithAParentBesideTheAge(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct {
		lang, typed string
		with        bool
	}{
		{"ru", "мне 17, я с мамой, нужна помощь с документами", true},
		{"en", "I am 16. I live with my mother", true},
		{"de", "ich bin 15, wohne bei meinen Eltern", true},
		{"en", "I am 16, I came with my mother but she went back", false},
		{"en", "I am 16, my brother lives with my father", false},
		{"en", "I am 16 and I live with my mother", false}, // one clause with the age: asked
	} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.typed)))
		switch {
		case c.with && (s.WithParent == nil || !*s.WithParent || s.Step() == conversation.StepChild):
			t.Errorf("%s %q: with parent %v at %s, said %q; want yes, not asked", c.lang, c.typed, s.WithParent, s.Step(), said(out))
		case !c.with && (s.WithParent != nil || s.Step() != conversation.StepChild):
			t.Errorf("%s %q: with parent %v at %s, said %q; want the question", c.lang, c.typed, s.WithParent, s.Step(), said(out))
		}
	}
}

// TestPleaIsShortAndLeadsOn: in every shipped language the plea holds the emergency numbers
// and /help on a line of its own, and none of the other commands or helplines of /help.
func TestPleaIsShortAndLeadsOn(t *testing.T) {
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Shipped {
		plea, help := stripBidi(cat.Render(lang, dialog.T("plea"))), stripBidi(cat.Render(lang, dialog.T("help")))
		if !strings.Contains(plea, "110") || !strings.Contains(plea, "112") || !containsCommand(plea, "/help") {
			t.Errorf("%s: the plea lacks 110, 112 or /help:\n%s", lang, plea)
		}
		for _, c := range []string{"/start", "/delete", "116 111", "0800"} {
			if strings.Contains(plea, c) {
				t.Errorf("%s: the plea holds %s of the whole help:\n%s", lang, c, plea)
			}
		}
		if len(plea) >= len(help)*2/3 {
			t.Errorf("%s: the plea (%d bytes) is not much shorter than /help (%d)", lang, len(plea), len(help))
		}
	}
}
