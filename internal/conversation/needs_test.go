package conversation_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/seed"
)

// TestSeveralNeeds: every need of a typed message is kept, and the result answers each: the
// offices for the main one, and for each further one its add-on services, or the office above.
func TestSeveralNeeds(t *testing.T) {
	needs := func(lang, msg string) []dialog.Input {
		return ins(cmd("start", lang), text("34"), text(msg), tap("place:skip"))
	}
	// answered checks that each further need (every one but the main) has a line of its own.
	answeredEach := func(t *testing.T, s conversation.State, out dialog.Output) {
		t.Helper()
		lines := out.Messages[len(out.Messages)-1].Lines
		for _, need := range s.Topics[1:] {
			if !slices.ContainsFunc(lines, func(l dialog.Text) bool {
				topic, ok := l.Data["Topic"].(dialog.Text)
				return (l.ID == "result.more_services" || l.ID == "result.more_office") && ok && topic.ID == conversation.TopicLabel(need).ID
			}) {
				t.Errorf("no line for the further need %s in %q", need, said(out))
			}
		}
		if len(s.Topics) < 2 {
			t.Errorf("needs %q, want several", s.Topics)
		}
	}
	runTranscripts(t, []transcript{
		{
			name: "typed: every need is kept", inputs: seq(toTopic, ins(text("a flat and a German course"))), step: conversation.StepPlace, lang: "en",
			said: []string{"topic.recognized", "place.question"}, events: []string{answered(conversation.StepTopic, "text")},
			check: both(wantTopics("housing", "german"), func(t *testing.T, _ conversation.State, out dialog.Output) {
				if got := flat(out.Messages[0].Lines[0].Data["Topic"].(dialog.Text)); got != "{topic.quoted}, {topic.quoted}" {
					t.Errorf("understood %q, want both needs", got)
				}
			}),
		},
		{
			name: "English: the offices for the main need, a line for the other", inputs: needs("en", "a flat and a German course"),
			step: conversation.StepResult, lang: "en", incl: []string{"result.summary", "result.intro", "online.travel"},
			anyEdit: true, check: both(wantTopics("housing", "german"), answeredEach), events: anyEvents,
		},
		{
			name: "Ukrainian: a further need with its own service", inputs: needs("uk", "житло і посвідка на проживання"),
			step: conversation.StepResult, lang: "uk", incl: []string{"result.summary", "result.intro"},
			anyEdit: true, check: both(wantTopics("housing", "residence"), answeredEach, servicesNamed("abh")), events: anyEvents,
		},
		{
			name: "Arabic: housing and a letter", inputs: needs("ar", "أبحث عن سكن ووصلتني رسالة"),
			step: conversation.StepResult, lang: "ar", incl: []string{"result.summary", "result.intro"}, anyEdit: true,
			check: both(wantTopics("housing", "letters"), answeredEach), events: anyEvents,
		},
		{
			name: "a tapped topic replaces what was typed", inputs: seq(toTopic, ins(text("a flat and a German course"), tap("res:change"))),
			step: conversation.StepPlace, lang: "en", said: []string{"stale", "place.question"}, notice: "stale",
		},
		{
			name: "changing the topic forgets every need", inputs: ins(cmd("start", "en"), text("34"), text("a flat and a German course"), tap("place:skip"), tap("res:change"), tap("chg:topic")),
			step: conversation.StepTopic, lang: "en", said: []string{"topic.question"},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Topic != "" || len(s.Topics) != 0 {
					t.Errorf("needs kept: %q %q", s.Topic, s.Topics)
				}
			},
		},
	})
}

// TestSeveralNeedsFitAPhone: a further need adds only a few short lines (at most two
// services, with name, address and phone), and a result for three needs on the shipped
// directory stays under Telegram's 4,096 characters in every language.
func TestSeveralNeedsFitAPhone(t *testing.T) {
	full := offices()[0]
	var stress []directory.Office
	for i := range 3 {
		o := full
		o.ID, o.Kind, o.Name = fmt.Sprintf("mbe-%d", i), directory.KindMBE, fmt.Sprintf("Migrationsberatung Nummer %d", i)
		o.Note = strings.Repeat("Termine nur nach telefonischer Vereinbarung. ", 2)
		stress = append(stress, o)
		for _, topic := range []directory.Topic{"housing", "german", "residence"} {
			o.ID, o.Kind, o.Name, o.Topics = fmt.Sprintf("%s-%d", topic, i), directory.KindService, fmt.Sprintf("Beratungsstelle %s %d", topic, i), []directory.Topic{topic}
			stress = append(stress, o)
		}
	}
	seeded, err := directory.ReadCSV(bytes.NewReader(seed.Kassel))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	result := func(dir []directory.Office, lang string, ts ...directory.Topic) (conversation.State, string, dialog.Output) {
		s := conversation.State{Lang: lang, Age: ptr(34), AgeBand: "27+", AgeTyped: true, Topic: ts[0], Topics: ts,
			PlaceDone: true, Started: true, Changing: true}
		s, out := run(t, newEngine(t, directory.NewSnapshot(dir, 0)), s, ins(tap("chg:back")))
		return s, rendered(t, lang, out.Messages[0]), out
	}
	for _, l := range cat.List() {
		_, one, _ := result(stress, l.Tag, "housing")
		s, three, out := result(stress, l.Tag, "housing", "german", "residence")
		if got := strings.Count(strings.Join(said(out), " "), "result.more_services"); got != 2 || len(s.Results) != 3+3+2+2 {
			t.Errorf("%s: %d further needs answered, %d offices and services named; want 2 and 10", l.Tag, got, len(s.Results))
		}
		if grown := utf8.RuneCountInString(three) - utf8.RuneCountInString(one); grown > 1000 {
			t.Errorf("%s: two further needs add %d characters", l.Tag, grown)
		}
		_, kassel, _ := result(seeded, l.Tag, "housing", "recognition", "residence")
		if n := utf8.RuneCountInString(kassel); n > 4096 {
			t.Errorf("%s: the result for three needs on the shipped directory has %d characters", l.Tag, n)
		}
	}
}

// anyEvents leaves the events to the check: the main need is the recognizer's choice.
var anyEvents = []string{"*"}

// servicesNamed checks that the result names these add-on services, and counts them.
func servicesNamed(ids ...string) func(*testing.T, conversation.State, dialog.Output) {
	return func(t *testing.T, s conversation.State, out dialog.Output) {
		t.Helper()
		for _, id := range ids {
			if !slices.Contains(s.Results, id) || !slices.Contains(events(out), ev(dialog.EventServiceNamed, "office", id)) {
				t.Errorf("service %s not named: results %q, events %q", id, s.Results, events(out))
			}
		}
	}
}

// TestFurtherNeedsLeadSomewhere: a further need names only services that can be reached; a
// young child's family matters are left to the youth welfare office named below.
func TestFurtherNeedsLeadSomewhere(t *testing.T) {
	course := directory.Office{ID: "course", Kind: directory.KindService, Name: "Sprachkurse", Phone: "0561 555", Topics: []directory.Topic{"german"}}
	bare := directory.Office{ID: "bare", Kind: directory.KindService, Name: "AAA ohne Kontakt", City: "Kassel", Topics: []directory.Topic{"german"}}
	dir := directory.NewSnapshot(append(offices(), course, bare), 0)
	runTranscripts(t, []transcript{
		{
			name: "only reachable services", dir: dir, step: conversation.StepResult, lang: "en", anyEdit: true, events: anyEvents,
			from:   conversation.State{Lang: "en", Started: true, Age: ptr(34), AgeBand: "27+", Topic: "housing", Topics: topics("housing", "german"), PlaceDone: true, Changing: true},
			inputs: ins(tap("chg:back")), incl: []string{"result.summary", "result.more_services", "office.phone"},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if !slices.Contains(s.Results, "course") || slices.Contains(s.Results, "bare") {
					t.Errorf("results %q, want the course and not the service without contact", s.Results)
				}
			},
		},
		{
			name: "a young child's parent: family matters below, not as a further need", step: conversation.StepResult, lang: "uk", anyEdit: true, events: anyEvents,
			inputs:  ins(cmd("start", "uk"), text("мені 34, доньці 5"), tap("age:n5"), tap("child:yes"), text("дитячий садок і курс німецької"), tap("place:skip")),
			incl:    []string{"result.summary_parent", "result.for_parent_mbe", "result.youth_services"},
			notSaid: []string{"result.more_office"},
		},
	})
}

// TestNeedsLeftOutAreSaid: at most MaxTopics needs are answered at once; those left out are
// named, to be written again, never dropped without a word. A need written under the result
// comes in, and an earlier further need is the one left out.
func TestNeedsLeftOutAreSaid(t *testing.T) {
	if conversation.MaxTopics != 3 {
		t.Fatalf("topic.left_out says \"three\" in every catalog; MaxTopics is %d", conversation.MaxTopics)
	}
	e := newEngine(t, nil)
	leftOut := func(out dialog.Output) []directory.Topic {
		var ts []directory.Topic
		for _, m := range out.Messages {
			for _, l := range m.Lines {
				for _, p := range l.Parts {
					if p.ID == "topic.left_out" {
						ts = append(ts, listedTopics(p.Data["Topic"].(dialog.Text))...)
					}
				}
			}
		}
		return ts
	}
	s, out := run(t, e, conversation.State{}, seq(toTopic, ins(text("I need a flat, a German course, a job and help with my residence permit"))))
	if len(s.Topics) != conversation.MaxTopics || len(leftOut(out)) != 1 || slices.Contains(s.Topics, leftOut(out)[0]) {
		t.Fatalf("four needs: kept %q, said left out %q (%v)", s.Topics, leftOut(out), said(out))
	}
	kept, fourth := slices.Clone(s.Topics), leftOut(out)[0]
	s, out = run(t, e, s, ins(tap("place:skip"), text("I also need "+map[directory.Topic]string{
		"housing": "a flat", "german": "a German course", "work": "a job", "residence": "help with my residence permit"}[fourth])))
	want := []directory.Topic{kept[0], fourth, kept[1]}
	if !slices.Equal(s.Topics, want) || !slices.Equal(leftOut(out), []directory.Topic{kept[2]}) || s.Step() != conversation.StepResult {
		t.Errorf("the fourth written under the result: kept %q, want %q; left out %q", s.Topics, want, leftOut(out))
	}
}

// listedTopics are the topics a topicList names.
func listedTopics(t dialog.Text) []directory.Topic {
	if strings.HasPrefix(t.ID, "topic.") && t.ID != "topic.quoted" {
		return []directory.Topic{directory.Topic(strings.TrimPrefix(t.ID, "topic."))}
	}
	var ts []directory.Topic
	if inner, ok := t.Data["Topic"].(dialog.Text); ok {
		ts = append(ts, listedTopics(inner)...)
	}
	for _, p := range t.Parts {
		ts = append(ts, listedTopics(p)...)
	}
	return ts
}

// TestDangerSaysWhereToGetHelpAtOnce: a typed message saying that its writer may be in danger
// now (a keyword phrase marked "!") is answered with a human sentence and the numbers to call
// first (the police and ambulance, then the helpline), before what was understood and anything
// asked, and never with "I did not understand": violence in the family with the helpline for women (for
// a minor, the one for children and young people; before any age, both), a wish to die with
// the crisis line, and always the emergency numbers, once; in a first message (before the
// greeting), at any question and under the result alike. Other needs get none of it, and
// nothing of it stays in the state.
func TestDangerSaysWhereToGetHelpAtOnce(t *testing.T) {
	e := newEngine(t, nil)
	cases := []struct {
		name   string
		inputs []dialog.Input
		want   []string
		not    []string
	}{
		{"violence, adult", seq(toTopic, ins(text("my husband hits me"))),
			[]string{"safety.heard", "safety.emergency", "safety.women", "topic.recognized", "place.question"}, []string{"safety.children", "safety.crisis"}},
		{"a wish to die", seq(toTopic, ins(text("sometimes I want to die"))),
			[]string{"safety.heard", "safety.emergency", "safety.crisis", "topic.recognized", "place.question"}, []string{"safety.women"}},
		{"violence, a minor", ins(cmd("start", "en"), text("15"), text("my father beats me")),
			[]string{"safety.emergency", "safety.children", "safety.women", "topic.recognized"}, nil},
		{"at the age question", ins(cmd("start", "en"), text("my husband hits me")),
			[]string{"safety.emergency", "safety.children", "safety.women", "topic.recognized", "age.question"}, nil},
		{"a first message", ins(withClient(text("my husband hits me"), "en")),
			[]string{"safety.heard", "safety.emergency", "safety.children", "safety.women", "welcome", "topic.recognized"}, nil},
		{"at the place question, the topic given", seq(toPlace, ins(text("my husband hits me"))),
			[]string{"safety.emergency", "safety.women", "place.question"}, nil},
		{"under the result: the crisis line and what may come next, not the result again", seq(adultResult, ins(text("I want to die"))),
			[]string{"safety.emergency", "safety.crisis", "next.question"}, []string{"topic.recognized", "result.summary"}},
		{"violence under the result: the helpline and what may come next, not the result again with the family added (J5)", seq(adultResult, ins(text("my husband hits me"))),
			[]string{"safety.emergency", "safety.women", "next.question"}, []string{"topic.recognized", "result.summary"}},
		{"sick now under the result: the on-call doctors first, not the result again (J5), nor the police (J6)", seq(adultResult, ins(text("I am very sick and need a doctor now"))),
			[]string{"safety.doctor", "result.more_office", "next.question"}, []string{"result.summary", "safety.emergency"}},
		{"an ambulance under the result: the emergency numbers", seq(adultResult, ins(text("I need an ambulance"))),
			[]string{"safety.emergency", "next.question"}, []string{"result.summary"}},
		{"under the result, with another need: both", seq(adultResult, ins(text("I want to die, I also need a flat"))),
			[]string{"safety.emergency", "safety.crisis", "topic.recognized", "result.summary"}, nil},
		{"a cry for help names no need", ins(withClient(text("I am in danger, call the police"), "en")),
			[]string{"safety.emergency", "age.question"}, []string{"topic.recognized", "safety.women", "safety.crisis", "age.not_understood"}},
		{"no danger", seq(toTopic, ins(text("I need a flat"))),
			[]string{"topic.recognized", "place.question"}, []string{"safety.women", "safety.crisis", "safety.emergency"}},
	}
	for _, c := range cases {
		s, out := run(t, e, conversation.State{}, c.inputs)
		got := said(out)
		twice := false
		for _, id := range []string{"safety.emergency", "safety.women", "safety.children", "safety.crisis"} {
			twice = twice || len(slices.DeleteFunc(slices.Clone(got), func(x string) bool { return x != id })) > 1
		}
		if !isSubsequence(c.want, got) || twice || slices.ContainsFunc(c.not, func(id string) bool { return slices.Contains(got, id) }) {
			t.Errorf("%s: said %q, want %q and none of %q", c.name, got, c.want, c.not)
		}
		if js := string(stateJSON(t, s)); strings.Contains(js, "safety") || strings.Contains(js, "danger") {
			t.Errorf("%s: the state keeps it: %s", c.name, js)
		}
	}
}

// TestResultNamesEmergencyForFamilyAndHealth: a result for the family or health names the
// emergency numbers again beside the offices (the danger said earlier is not kept), for a
// minor's family the helpline for young people, for health the medical on-call service (116
// 117); one for other needs does not. The helplines for violence at home and the crisis line
// are not in a result: they come with the danger when it is written (J11: beside a Kita or a
// sick child they alarmed).
func TestResultNamesEmergencyForFamilyAndHealth(t *testing.T) {
	e := newEngine(t, nil)
	for topic, want := range map[string]bool{"family": true, "health": true, "housing": false, "work": false} {
		_, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("34"), tap("topic:"+topic), tap("place:skip")))
		if got := slices.Contains(said(out), "safety.emergency"); got != want {
			t.Errorf("result for %s: emergency numbers %v, want %v (said %q)", topic, got, want, said(out))
		}
		if slices.Contains(said(out), "safety.women") || slices.Contains(said(out), "safety.crisis") {
			t.Errorf("result for %s: a helpline for violence or the crisis line (said %q)", topic, said(out))
		}
		if got := slices.Contains(said(out), "safety.doctor"); got != (topic == "health") {
			t.Errorf("result for %s: the medical on-call service %v (said %q)", topic, got, said(out))
		}
	}
	_, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("15"), tap("child:yes"), tap("topic:family"), tap("place:skip")))
	if got := said(out); !slices.Contains(got, "safety.children") || slices.Contains(got, "safety.women") {
		t.Errorf("result for a 15-year-old's family: said %q, want the helpline for young people", got)
	}
}

// TestStuckGetsTheWaysOn: the second message in a row not understood at a question (and every
// third after it) is answered with the ways on (a button, /help, /language) and the online
// counselling for the age; a message understood, or a tap, starts the count again.
func TestStuckGetsTheWaysOn(t *testing.T) {
	e := newEngine(t, nil)
	stuck := func(out dialog.Output) bool { return slices.Contains(said(out), "stuck") }
	s, _ := run(t, e, conversation.State{}, ins(cmd("start", "ar"), text("34")))
	var got []bool
	for range 6 {
		var out dialog.Output
		s, out = run(t, e, s, ins(text("asdfgh")))
		got = append(got, stuck(out))
		if stuck(out) && (!slices.Contains(said(out), "online.mbeon") || slices.Contains(said(out), "online.jmd4you")) {
			t.Errorf("the ways on for a 34-year-old: said %q, want mbeon only", said(out))
		}
	}
	if want := []bool{false, true, false, false, true, false}; !slices.Equal(got, want) {
		t.Errorf("six messages not understood: the ways on %v, want %v", got, want)
	}
	s, _ = run(t, e, s, ins(tap("topic:work")))
	_, out := run(t, e, s, ins(text("asdfgh")))
	if stuck(out) {
		t.Errorf("after a tap, the first message not understood brought the ways on: %q", said(out))
	}
	// At the age question, before any age: both online services.
	_, out = run(t, e, conversation.State{}, ins(cmd("start", "en"), text("hmm what"), text("I do not know what")))
	if got := said(out); !slices.Contains(got, "stuck") || !slices.Contains(got, "online.mbeon") || !slices.Contains(got, "online.jmd4you") {
		t.Errorf("twice not understood at the age question: said %q, want the ways on and both online services", got)
	}
}

// TestNeedWrittenInAnotherLanguage: at the topic question, a need written in another shipped
// language than the conversation's, whose letters or words tell which, is read in that
// language; the conversation goes on in its own. Words of no language stay not understood.
func TestNeedWrittenInAnotherLanguage(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct {
		lang, typed string
		want        directory.Topic
	}{
		{"de", "ev arıyorum", "housing"},
		{"tr", "szukam mieszkania", "housing"},
		{"fr", "caut de lucru", "work"},
		{"uk", "ищу работу", "work"},
		{"ar", "من دنبال کار هستم", "work"},
		{"ti", "guri ayaan u baahanahay", "housing"},
	} {
		s, out := run(t, e, conversation.State{}, ins(tap("lang:"+c.lang), text("34"), text(c.typed)))
		if !slices.Contains(s.Topics, c.want) || s.Lang != c.lang {
			t.Errorf("%s %q: topics %q in %s, want %s in %s (said %q)", c.lang, c.typed, s.Topics, s.Lang, c.want, c.lang, said(out))
		}
	}
	s, out := run(t, e, conversation.State{}, ins(tap("lang:de"), text("34"), tap("topic:work"), tap("place:skip"), text("ev de arıyorum")))
	if !slices.Equal(s.Topics, []directory.Topic{"work", "housing"}) || s.Step() != conversation.StepResult {
		t.Errorf("a further need in Turkish under a German result: topics %q at %s (said %q)", s.Topics, s.Step(), said(out))
	}
	s, out = run(t, e, conversation.State{}, ins(tap("lang:de"), text("34"), text("qwrtz plökk")))
	if len(s.Topics) != 0 || !slices.Contains(said(out), "topic.not_understood") {
		t.Errorf("no language's words: topics %q, said %q", s.Topics, said(out))
	}
}

// TestTopicLabelsTyped: each topic's button label, typed in the conversation's language instead
// of tapped (as it reads, and without its accents), is that topic (J4: "Здраве", "Zdrowie",
// "Sănătate" were "no topic found").
func TestTopicLabelsTyped(t *testing.T) {
	e := newEngine(t, nil)
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	strip := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Cf, r) {
				return -1
			}
			return r
		}, s)
	}
	for _, lang := range i18n.Shipped {
		for _, topic := range directory.Topics {
			label := strip(cat.Render(lang, conversation.TopicLabel(topic)))
			for _, typed := range []string{label, strings.ToLower(unaccented(label))} {
				s, out := run(t, e, conversation.State{}, ins(tap("lang:"+lang), text("34"), text(typed)))
				if len(s.Topics) == 0 || s.Topics[0] != topic {
					t.Errorf("%s %q: topics %q, want %s (said %q)", lang, typed, s.Topics, topic, said(out))
				}
			}
		}
	}
}

// unaccented is s without its combining marks ("Sănătate": "Sanatate"), as people type
// without them.
func unaccented(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// TestTopicNotKnown: "I don't know" at the topic question is answered kindly, with the topic
// that comes closest or "Something else" to tap (J5: "no topic found").
func TestTopicNotKnown(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct{ lang, typed string }{{"en", "I don't know"}, {"uk", "не знаю"}, {"ar", "ما بعرف"}} {
		s, out := run(t, e, conversation.State{}, ins(tap("lang:"+c.lang), text("34"), text(c.typed)))
		if got := said(out); s.Step() != conversation.StepTopic || !slices.Contains(got, "topic.unsure") || slices.Contains(got, "topic.not_understood") {
			t.Errorf("%s %q: at %s, said %q", c.lang, c.typed, s.Step(), got)
		}
	}
}

// TestShippedYouthOfficeForChildren: on the shipped directory the Jugendamt is named for a
// young child's matters and for the family, but not for a grown-up's studies (J11: a
// 27-year-old engineer asking about his degree was sent to both Jugendämter).
func TestShippedYouthOfficeForChildren(t *testing.T) {
	seeded, err := directory.ReadCSV(bytes.NewReader(seed.Kassel))
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, directory.NewSnapshot(seeded, 0))
	youth := func(s conversation.State) bool {
		return slices.ContainsFunc(s.Results, func(id string) bool { return strings.Contains(id, "jugend") && !strings.HasPrefix(id, "jmd") })
	}
	for _, c := range []struct {
		name   string
		inputs []dialog.Input
		want   bool
	}{
		{"a grown-up's studies", ins(cmd("start", "en"), text("34"), tap("topic:education"), tap("place:skip")), false},
		{"a grown-up's family", ins(cmd("start", "en"), text("34"), tap("topic:family"), tap("place:skip")), true},
		{"a young child's school", ins(cmd("start", "en"), text("my son is 7"), tap("child:yes"), text("34"), tap("topic:education"), tap("place:skip")), true},
	} {
		s, out := run(t, e, conversation.State{}, c.inputs)
		if s.Step() != conversation.StepResult || youth(s) != c.want {
			t.Errorf("%s: at %s, results %q (said %q); want the Jugendamt %v", c.name, s.Step(), s.Results, said(out), c.want)
		}
	}
}

// TestShippedAuthoritiesForTheirPeople: the shipped directory names a local authority only to
// the people it is for. A person in Frankfurt is not sent to Kassel's Ausländerbehörde (J12:
// Göttingen, Frankfurt and Berlin were, and told the offices in Kassel were "right for you"), a person of pension age not to the Jobcenter (J12:
// people of 65 to 72 were, one the Jobcenter had just turned away), and a person of the
// Landkreis to the Landkreis's Jobcenter, also one who names it as "Landkreis Kassel" (both are
// shown: the city is not where they live) or names a village of it beside it (J12: both read
// as the city, and got the city's Jobcenter).
func TestShippedAuthoritiesForTheirPeople(t *testing.T) {
	seeded, err := directory.ReadCSV(bytes.NewReader(seed.Kassel))
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, directory.NewSnapshot(seeded, 0))
	withKassel(t, e)
	for _, c := range []struct {
		name      string
		inputs    []dialog.Input
		want, not []string
	}{
		{"residence in Kassel", ins(cmd("start", "en"), text("34"), tap("topic:residence"), text("Kassel")), []string{"auslaenderbehoerde-kassel"}, nil},
		{"residence in Vellmar", ins(cmd("start", "en"), text("34"), tap("topic:residence"), text("34246")), []string{"auslaenderbehoerde-kassel"}, nil},
		{"residence in Frankfurt", ins(cmd("start", "en"), text("34"), tap("topic:residence"), text("Frankfurt")), []string{"result.intro_far"}, []string{"auslaenderbehoerde-kassel", "result.intro"}},
		{"residence in Kassel, the intro", ins(cmd("start", "en"), text("34"), tap("topic:residence"), text("Kassel")), []string{"result.intro"}, []string{"result.intro_far"}},
		{"money at 40 in Baunatal", ins(cmd("start", "en"), text("40"), tap("topic:money"), text("Baunatal")), []string{"jobcenter-landkreis-kassel"}, []string{"jobcenter-stadt-kassel"}},
		{"money in the Landkreis, in Romanian", ins(cmd("start", "ro"), text("40"), tap("topic:money"), text("stau in landkreis kassel")),
			[]string{"jobcenter-landkreis-kassel", "jobcenter-stadt-kassel"}, nil},
		{"money in a village of the Landkreis", ins(cmd("start", "en"), text("40"), tap("topic:money"), text("i live in a small village in landkreis kassel called zierenberg")),
			[]string{"jobcenter-landkreis-kassel"}, []string{"jobcenter-stadt-kassel"}},
		{"money in the city, work elsewhere", ins(cmd("start", "en"), text("40"), tap("topic:money"), text("Kassel, but I work in Baunatal")),
			[]string{"jobcenter-stadt-kassel"}, []string{"jobcenter-landkreis-kassel"}},
		{"money at 72", ins(cmd("start", "en"), text("72"), tap("topic:money"), tap("place:skip")), []string{"result.pension_age"}, []string{"jobcenter-landkreis-kassel", "jobcenter-stadt-kassel"}},
		{"money at 66", ins(cmd("start", "en"), text("66"), tap("topic:money"), tap("place:skip")), []string{"jobcenter-stadt-kassel"}, []string{"result.pension_age"}},
		{"health at 72", ins(cmd("start", "en"), text("72"), tap("topic:health"), tap("place:skip")), nil, []string{"result.pension_age"}},
	} {
		s, out := run(t, e, conversation.State{}, c.inputs)
		s.Results = append(s.Results, said(out)...) // the results' ids and the lines said
		if s.Step() != conversation.StepResult ||
			slices.ContainsFunc(c.want, func(id string) bool { return !slices.Contains(s.Results, id) }) ||
			slices.ContainsFunc(c.not, func(id string) bool { return slices.Contains(s.Results, id) }) {
			t.Errorf("%s: at %s, results %q (said %q); want %q and none of %q", c.name, s.Step(), s.Results, said(out), c.want, c.not)
		}
	}
}

// TestServesNamesTheirPlaceFirst: an office for some places only names the person's own place
// among them first (J12: a person in Wolfhagen read "Baunatal, Vellmar, Hofgeismar and other
// places nearby").
func TestServesNamesTheirPlaceFirst(t *testing.T) {
	seeded, err := directory.ReadCSV(bytes.NewReader(seed.Kassel))
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, directory.NewSnapshot(seeded, 0))
	withKassel(t, e)
	_, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("40"), tap("topic:money"), text("Wolfhagen")))
	var first []string
	for _, m := range out.Messages {
		for _, l := range m.Lines {
			if l.ID != "office.serves" {
				continue
			}
			list, _ := l.Data["Places"].(dialog.Text)
			if len(list.Parts) > 0 {
				first = append(first, list.Parts[0].Raw)
			}
		}
	}
	if !slices.Equal(first, []string{"Wolfhagen"}) {
		t.Errorf("the offices' places begin with %q, want Wolfhagen's Jobcenter to name Wolfhagen first", first)
	}
}

// TestFirstReceptionNamed: a person at the area's place of first reception (Gießen for Hessen)
// is told where help is now and that the town assigned later has its own offices (J12: "ez li
// kampa Giessen im" got the out-of-area text only); another town outside does not.
func TestFirstReceptionNamed(t *testing.T) {
	e := newEngine(t, nil)
	withKassel(t, e)
	for _, c := range []saidCase{
		{"in Gießen", ins(cmd("start", "de"), text("30"), tap("topic:residence"), text("ich bin im camp in giessen")), []string{"place.named_outside", "place.arrival"}, nil},
		{"in Frankfurt", ins(cmd("start", "de"), text("30"), tap("topic:residence"), text("Frankfurt")), []string{"place.named_outside"}, []string{"place.arrival"}},
	} {
		c.check(t, e)
	}
}

// TestPlaceElsewhereInAFirstMessage: a place outside the area in a first message's clause that
// says the writer lives there is taken, and the place question is not asked (J12: "I told
// you, Frankfurt"); one only named ("the office in Frankfurt wrote") is not.
func TestPlaceElsewhereInAFirstMessage(t *testing.T) {
	e := newEngine(t, nil)
	withKassel(t, e)
	for _, c := range []struct {
		lang, text string
		outside    bool
	}{
		{"en", "I am 34, I need help with my residence permit, I live in Göttingen", true},
		{"ar", "عمري 30، ساكن في فرانكفورت، بدي اجدد الاقامة", true},
		{"en", "I am 34, the Ausländerbehörde in Frankfurt sent me a letter", false},
		{"en", "I am 34, I need help with my residence permit, I live in Baunatal", false},
		{"ar", "عمري 40، اخي ساكن ببرلين وانا ساكن بكاسل", false},
		{"en", "I am 40, my brother lives in Berlin and I live in Kassel", false},
		{"en", "I am 40, I need work, my brother lives in Berlin", false},
	} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.text)))
		if s.Outside != c.outside || c.outside && s.Step() == conversation.StepPlace || strings.Contains(c.text, "Kassel") && s.Place != "Kassel" {
			t.Errorf("%s %q: outside %v at %s (said %q), want outside %v and the place not asked", c.lang, c.text, s.Outside, s.Step(), said(out), c.outside)
		}
	}
}

// TestNoBedTonight: a message saying its writer has no place to sleep now gets where to find
// one tonight at once, before what was understood, at any question (J11: it got only the
// offices and "ask for an appointment"); with a danger, after the danger's lines; a need for
// a flat does not get it.
func TestNoBedTonight(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []saidCase{
		{"at the topic question", ins(cmd("start", "en"), text("34"), text("they threw me out of the shelter, i sleep outside, it is too cold")),
			[]string{"safety.no_bed", "topic.recognized", "place.question"}, []string{"safety.heard", "safety.emergency"}},
		{"a first message", ins(withClient(text("i have no place to sleep tonight, i am on the street"), "en")),
			[]string{"safety.no_bed", "topic.recognized"}, []string{"safety.heard"}},
		{"with a danger", ins(cmd("start", "en"), text("34"), text("my husband beats me and threw me out, i sleep outside")),
			[]string{"safety.heard", "safety.emergency", "safety.women", "safety.no_bed", "topic.recognized"}, nil},
		{"a flat sought", ins(cmd("start", "en"), text("34"), text("i need a flat, my room is too small")),
			[]string{"topic.recognized"}, []string{"safety.no_bed"}},
	} {
		c.check(t, e)
	}
}

// TestExploitedAtWork: a message saying an employer keeps the writer's passport or pay, or
// forces the work, gets their rights and where to get advice at once, before what was
// understood, at any question (J12: it got "Work and jobs" and the job offices only); with a
// danger after the danger's lines. A passport kept by the immigration office, or benefits the
// Jobcenter does not pay, are not an employer's doing and do not get it.
func TestExploitedAtWork(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []saidCase{
		{"a first message", ins(withClient(text("my boss took my passport and does not pay me, i work 14 hours a day"), "en")),
			[]string{"safety.work", "topic.recognized", "age.question"}, []string{"safety.heard"}},
		{"at the place question", ins(cmd("start", "de"), text("34"), text("Arbeit"), text("mein Chef zahlt seit zwei Monaten keinen Lohn")),
			[]string{"safety.work"}, []string{"safety.heard"}},
		{"with a threat", ins(cmd("start", "en"), text("34"), text("my boss has my passport and threatens to kill me if i leave")),
			[]string{"safety.heard", "safety.emergency", "safety.work"}, nil},
		{"the immigration office", ins(cmd("start", "en"), text("34"), text("the immigration office took my passport and the jobcenter does not pay me")),
			[]string{"topic.recognized"}, []string{"safety.work"}},
		{"a job sought", ins(cmd("start", "en"), text("34"), text("i need a job, my old boss did not like me")),
			[]string{"topic.recognized"}, []string{"safety.work"}},
	} {
		c.check(t, e)
	}
}

// TestDeportationSoon: a message saying a deportation comes soon ("tomorrow", "tonight") gets
// that it is urgent and whom to call today at once, before anything is asked (J12: it got the
// routine questions); a deportation with no time said, or a time with no deportation, does
// not.
func TestDeportationSoon(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []saidCase{
		{"a first message", ins(withClient(text("i got a letter, they will deport me tomorrow, i am very afraid"), "en")),
			[]string{"safety.deportation", "topic.recognized", "age.question"}, nil},
		{"German words in another language", ins(cmd("start", "fr"), text("34"), text("Abschiebung morgen, aidez moi")),
			[]string{"safety.deportation"}, nil},
		{"at the place question", ins(cmd("start", "de"), text("34"), tap("topic:residence"), text("ich werde morgen früh abgeschoben")),
			[]string{"safety.deportation"}, nil},
		{"no time said", ins(cmd("start", "en"), text("34"), text("i am afraid of deportation")), nil, []string{"safety.deportation"}},
		{"French deportation", ins(cmd("start", "fr"), text("34"), text("ils vont m'expulser demain, j'ai peur")), []string{"safety.deportation"}, nil},
		{"French eviction", ins(cmd("start", "fr"), text("34"), text("le propriétaire va m'expulser de mon appartement demain")), nil, []string{"safety.deportation"}},
		{"no deportation", ins(cmd("start", "en"), text("34"), text("i need a flat today")), nil, []string{"safety.deportation"}},
	} {
		c.check(t, e)
	}
}

// TestFamilyBenefitsNamed: Kindergeld or the Familienkasse named, in any language, gets who pays
// it at once (J12: both testers' Kindergeld questions got only the Jobcenter); money alone
// does not. So does the Anmeldung where it is done (J12: EU workers were sent to the
// Ausländerbehörde for it), and long-term care its first step (J12: care became "health" and
// nothing more), and a writer who cannot phone how to reach the offices and 110 without a
// call (J12: a deaf person got phone numbers only), and despair a human word (J12: never
// acknowledged; not beside a danger, whose lines say it); a residence permit, a nursing
// apprenticeship, or an office that does not answer, does not.
func TestFamilyBenefitsNamed(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []saidCase{
		{"at the topic question", ins(cmd("start", "ar"), text("34"), text("baddi Kindergeld la wladi bas el familienkasse ma btrod")),
			[]string{"safety.family_benefits", "topic.recognized"}, nil},
		{"a first message", ins(withClient(text("how do i get elterngeld for my baby"), "en")), []string{"safety.family_benefits"}, nil},
		{"money alone", ins(cmd("start", "en"), text("34"), text("the jobcenter did not pay my money")), nil, []string{"safety.family_benefits"}},
		{"the Anmeldung", ins(cmd("start", "pl"), text("34"), text("jestem z Polski, gdzie zrobic meldunek (Anmeldung)?")), []string{"safety.registration"}, nil},
		{"care for a mother", ins(cmd("start", "ar"), text("66"), text("امي عمرها 72 وبدنا نطلب الها Pflegegrad")), []string{"safety.care"}, nil},
		{"a deaf writer", ins(cmd("start", "en"), text("hi I am deaf, I cannot call by phone. I am 31. I need help with jobcenter letters")), []string{"safety.no_calls"}, nil},
		{"an office that does not answer", ins(cmd("start", "en"), text("34"), text("i cannot call them, nobody answers")), nil, []string{"safety.no_calls"}},
		{"despair", ins(cmd("start", "de"), text("34"), text("niemand hilft mir mit der wohnung, ich weiß nicht mehr weiter")), []string{"safety.despair", "topic.recognized"}, []string{"safety.crisis"}},
		{"crying faces", ins(cmd("start", "ps"), text("😭😭")), []string{"safety.despair", "age.question"}, []string{"age.not_understood", "age.invalid"}},
		{"a thumbs up", ins(cmd("start", "en"), text("👍")), nil, []string{"safety.despair"}},
		{"despair in a danger", ins(cmd("start", "en"), text("34"), text("nobody helps me, i want to die")), []string{"safety.crisis"}, []string{"safety.despair"}},
		{"a nursing apprenticeship", ins(cmd("start", "de"), text("24"), text("ich will eine Ausbildung in der Pflege machen")), nil, []string{"safety.care"}},
		{"a residence permit", ins(cmd("start", "en"), text("34"), text("my residence permit ends next month")), nil, []string{"safety.registration", "safety.family_benefits"}},
	} {
		c.check(t, e)
	}
}

// TestDistressInASentence: a word of death that ends a message as its last sentence ("niemand
// hilft mir. ich kann nicht mehr.") gets the crisis line, as the same words alone do, and so
// do the phrases J12 found missed in German and English; a first "verzeiht mir," apologising
// for what follows, or "I cannot work anymore" for an illness, does not.
func TestDistressInASentence(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct {
		lang, text string
		crisis     bool
	}{
		{"de", "niemand hilft mir. ich kann nicht mehr.", true},
		{"de", "manchmal denke ich es ist besser wenn ich sterbe", true},
		{"de", "wenn ich nicht mehr da bin ist besser fur alle", true},
		{"de", "alles ist zu viel. ich halte das nicht mehr aus", true},
		{"en", "nobody helps me. i can't anymore.", true},
		{"en", "maybe better if im gone", true},
		{"de", "verzeiht mir, mein deutsch ist schlecht. ich brauche eine wohnung", false},
		{"de", "ich kann nicht mehr arbeiten, mein rücken tut weh", false},
		{"en", "i cannot work anymore, my back hurts", false},
	} {
		_, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text("34"), text(c.text)))
		if got := slices.Contains(said(out), "safety.crisis"); got != c.crisis {
			t.Errorf("%s %q: crisis line %v (said %q), want %v", c.lang, c.text, got, said(out), c.crisis)
		}
	}
}

// saidCase is a conversation and the lines its answers must say (in order) and must not.
type saidCase struct {
	name      string
	inputs    []dialog.Input
	want, not []string
}

func (c saidCase) check(t *testing.T, e *conversation.Engine) {
	t.Helper()
	_, out := run(t, e, conversation.State{}, c.inputs)
	got := said(out)
	if !isSubsequence(c.want, got) || slices.ContainsFunc(c.not, func(id string) bool { return slices.Contains(got, id) }) {
		t.Errorf("%s: said %q, want %q in order and none of %q", c.name, got, c.want, c.not)
	}
}

// withKassel gives e the postcode table and the shipped area (Stadt and Landkreis Kassel).
func withKassel(t *testing.T, e *conversation.Engine) {
	t.Helper()
	tab, err := postcode.Load()
	if err != nil {
		t.Fatal(err)
	}
	e.Places = &postcode.Places{Table: tab, Area: area.NewLive(seed.KasselArea())}
}
