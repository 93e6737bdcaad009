package conversation_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
)

// TestAgesInWords: an age written in words is understood in every shipped language, alone or
// in a sentence.
func TestAgesInWords(t *testing.T) {
	cases := []struct {
		lang, text string
		age        int
	}{
		{"en", "thirty five", 35},
		{"en", "I'm twenty-two years old", 22},
		{"de", "fünfunddreißig", 35},
		{"de", "ich bin neunzehn", 19},
		{"ar", "عمري خمسة وثلاثين سنة", 35},
		{"ar", "تسعتعش", 19},
		{"uk", "тридцять чотири", 34},
		{"ru", "двадцать девять лет", 29},
		{"tr", "otuz beş yaşındayım", 35},
		{"fa-AF", "نوزده سال", 19},
		{"fa-AF", "سی و پنج ساله هستم", 35},
		{"ku", "ez bîst û pênc salî me", 25},
		{"ro", "am douăzeci și cinci de ani", 25},
		{"ro", "douazeci si cinci", 25}, // typed without diacritics
		{"bg", "на двадесет и пет години съм", 25},
		{"so", "labaatan iyo shan jir", 25},
		{"pl", "mam trzydzieści pięć lat", 35},
		{"ps", "زه نولس کلن یم", 19},
		{"ps", "پنځه دېرش", 35},
		{"ti", "ዕስራን ሓሙሽተን", 25},
		{"fr", "j'ai quarante-deux ans", 42},
		{"fr", "quatre-vingt-un", 81},
	}
	for _, c := range cases {
		t.Run(c.lang+" "+c.text, func(t *testing.T) {
			s, out := run(t, newEngine(t, nil), conversation.State{}, ins(cmd("start", c.lang), text(c.text)))
			if s.Age == nil || *s.Age != c.age || !s.AgeTyped {
				t.Fatalf("age %v, want %d (said %q)", s.Age, c.age, said(out))
			}
			if ids := said(out); ids[0] != "age.recognized" {
				t.Errorf("said %q, want what was understood first", ids)
			}
		})
	}
}

// TestSeveralNumbers: a sentence with several numbers asks which one is the age, with the
// numbers as buttons; a child's age chosen keeps the grown-up's as the parent's.
func TestSeveralNumbers(t *testing.T) {
	which := func(lang, sentence string) []dialog.Input { return ins(cmd("start", lang), text(sentence)) }
	en, uk, ar := which("en", "I am 35 and my son is 3"), which("uk", "мені 34, доньці п'ять"), which("ar", "عمري ٣٥ وابني عمره ٣")
	runTranscripts(t, []transcript{
		{
			name: "English: which one?", inputs: en, step: conversation.StepAge, lang: "en",
			said: []string{"age.which"}, buttons: []string{"age:n35", "age:n3"}, noBtns: []string{"age:27+", "nav:language"},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if s.Age != nil || len(s.AgeChoices) != 2 {
					t.Errorf("age %v, choices %v", s.Age, s.AgeChoices)
				}
				if b := out.Messages[0].Buttons[0]; len(b) != 2 || b[0].Label.Raw != "35" || b[1].Label.Raw != "3" {
					t.Errorf("buttons %+v, want 35 and 3 in one row", b)
				}
			},
		},
		{
			name: "Ukrainian: which one?", inputs: uk, step: conversation.StepAge, lang: "uk",
			said: []string{"age.which"}, buttons: []string{"age:n34", "age:n5"},
		},
		{
			name: "Arabic: which one?", inputs: ar, step: conversation.StepAge, lang: "ar",
			said: []string{"age.which"}, buttons: []string{"age:n35", "age:n3"},
		},
		{
			name: "the grown-up's number is the age", inputs: seq(en, ins(tap("age:n35"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"}, edit: []string{"age.which", "answer.chosen"},
			events: []string{answered(conversation.StepAge, "button")}, check: wantAge(35, "27+", true),
		},
		{
			name: "the child's number: is the child with a parent?", inputs: seq(uk, ins(tap("age:n5"))), step: conversation.StepChild, lang: "uk",
			said: []string{"child.question"}, edit: []string{"age.which", "answer.chosen"},
			events: []string{answered(conversation.StepAge, "button")}, check: wantAge(5, "u12", true),
		},
		{
			name: "with the parent: the parent's age was written already", inputs: seq(uk, ins(tap("age:n5"), tap("child:yes"))),
			step: conversation.StepTopic, lang: "uk", said: []string{"parent.known", "topic.question"},
			edit:   []string{"child.question", "answer.chosen"},
			events: []string{answered(conversation.StepParentAge, "text"), answered(conversation.StepChild, "button")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.ParentAge == nil || *s.ParentAge != 34 || !s.ParentTyped || s.ParentHint != nil {
					t.Errorf("parent %v typed %v hint %v, want 34 typed", s.ParentAge, s.ParentTyped, s.ParentHint)
				}
			},
		},
		{
			name: "alone: no parent's age is kept", inputs: seq(ar, ins(tap("age:n3"), tap("child:no"))),
			step: conversation.StepResult, lang: "ar", incl: []string{"result.child_alone"},
			anyEdit: true,
			events: []string{answered(conversation.StepChild, "button"), ev(dialog.EventResult, "age_band", "u12", "topic", "", "lang", "ar", "place", "no"),
				ev(dialog.EventServiceNamed, "office", "jugendamt")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.ParentAge != nil || s.ParentHint != nil {
					t.Errorf("parent %v hint %v kept for a child alone", s.ParentAge, s.ParentHint)
				}
			},
		},
		{
			name: "a number that was not offered is stale", inputs: seq(en, ins(tap("age:n7"))), step: conversation.StepAge, lang: "en",
			said: []string{"stale", "age.which"}, notice: "stale",
		},
		{
			name: "a band is still taken", inputs: seq(en, ins(tap("age:27+"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"}, anyEdit: true, events: []string{answered(conversation.StepAge, "button")},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if len(s.AgeChoices) != 0 {
					t.Errorf("choices kept: %v", s.AgeChoices)
				}
			},
		},
		{
			name: "a small number among words is offered, not taken", inputs: seq(toAge, ins(text("we have 3"))), step: conversation.StepAge,
			lang: "en", said: []string{"age.confirm"}, buttons: []string{"age:n3", "age:u12", "age:27+"}, check: noAge,
		},
		{
			name: "a number word alone is the age", inputs: seq(toAge, ins(text("seven"))), step: conversation.StepChild,
			lang: "en", said: []string{"age.recognized", "child.question"}, events: []string{answered(conversation.StepAge, "text")},
			check: wantAge(7, "u12", true),
		},
		{
			name: "a small number said to be somebody's age is the age", inputs: seq(toAge, ins(text("my son is 7"))), step: conversation.StepChild,
			lang: "en", said: []string{"age.recognized", "child.question"}, events: []string{answered(conversation.StepAge, "text")},
			check: wantAge(7, "u12", true),
		},
		{
			name: "the small number offered, tapped, is the age", inputs: seq(toAge, ins(text("floor 7"), tap("age:n7"))), step: conversation.StepChild,
			lang: "en", said: []string{"child.question"}, anyEdit: true, events: []string{answered(conversation.StepAge, "button")},
			check: wantAge(7, "u12", true),
		},
		{
			name: "the small number offered, typed again, is the age", inputs: seq(toAge, ins(text("floor 7"), text("he is 7"))), step: conversation.StepChild,
			lang: "en", said: []string{"age.recognized", "child.question"}, events: []string{answered(conversation.StepAge, "text")}, check: wantAge(7, "u12", true),
		},
		{
			name: "an age group instead of the number offered", inputs: seq(toAge, ins(text("we have 3"), tap("age:27+"))), step: conversation.StepTopic,
			lang: "en", said: []string{"topic.question"}, anyEdit: true, events: []string{answered(conversation.StepAge, "button")},
		},
		{
			name: "an invisible character inside a number", inputs: seq(toAge, ins(text("3\u200b4"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"}, events: []string{answered(conversation.StepAge, "text")}, check: wantAge(34, "27+", true),
		},
		{
			name: "one number typed again answers", inputs: seq(en, ins(text("35"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"}, events: []string{answered(conversation.StepAge, "text")}, check: wantAge(35, "27+", true),
		},
		{
			name: "the parent's age among numbers: the grown-up's", inputs: seq(toParentAge, ins(text("I am 35 and my son is 3"))),
			step: conversation.StepTopic, lang: "en", said: []string{"age.recognized", "topic.question"},
			events: []string{answered(conversation.StepParentAge, "text")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.ParentAge == nil || *s.ParentAge != 35 {
					t.Errorf("parent %v, want 35", s.ParentAge)
				}
			},
		},
		{
			name: "an age with a need at the age question answers both", inputs: seq(toAge, ins(text("I am 35 and I am looking for a flat"))),
			step: conversation.StepPlace, lang: "en", said: []string{"age.recognized", "topic.recognized", "place.question"},
			events: []string{answered(conversation.StepAge, "text"), answered(conversation.StepTopic, "text")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Age == nil || *s.Age != 35 || s.Topic != "housing" {
					t.Errorf("age %v, topic %q; want 35 and housing", s.Age, s.Topic)
				}
			},
		},
		{
			name: "whose age it is names no need", inputs: seq(toAge, ins(text("for my daughter, she is 16"))),
			step: conversation.StepChild, lang: "en", said: []string{"age.recognized", "teen.question"},
			events: []string{answered(conversation.StepAge, "text")}, check: both(wantAge(16, "12-17", true), noTopic),
		},
		{
			name: "a need instead of the age is kept, and the age asked again", inputs: seq(toAge, ins(text("I need a flat"))),
			step: conversation.StepAge, lang: "en", said: []string{"topic.recognized", "age.question"},
			events: []string{answered(conversation.StepTopic, "text")}, check: both(wantTopics("housing"), noAge),
		},
		{
			name: "a need beside the age and a postcode is kept", inputs: seq(toAge, ins(text("I am 29 and need a job, postcode 34121"))),
			step: conversation.StepPlace, lang: "en", said: []string{"age.recognized", "topic.recognized", "place.question"},
			events: []string{answered(conversation.StepAge, "text"), answered(conversation.StepTopic, "text")}, check: both(wantTopics("work"), wantAge(29, "27+", true)),
		},
		{
			name: "a further need at the age question joins the one held", inputs: seq(toAge, ins(text("I need a flat"), text("I also need a German course"))),
			step: conversation.StepAge, lang: "en", said: []string{"topic.recognized", "age.question"},
			events: []string{answered(conversation.StepTopic, "text")}, check: both(wantTopics("housing", "german"), noAge),
		},
		{
			name: "a count of children beside a need is no age", inputs: seq(toAge, ins(text("I have 3 children and need a flat"))),
			step: conversation.StepAge, lang: "en", said: []string{"topic.recognized", "age.question"},
			events: []string{answered(conversation.StepTopic, "text")}, check: both(wantTopics("housing"), noAge),
		},
		{
			name: "the same in Arabic", inputs: ins(cmd("start", "ar"), text("عندي ٣ أطفال وأحتاج شقة")),
			step: conversation.StepAge, lang: "ar", said: []string{"topic.recognized", "age.question"},
			events: []string{answered(conversation.StepTopic, "text")}, check: both(wantTopics("housing"), noAge),
		},
		{
			name: "a need told, then the age: straight to the place", inputs: seq(toAge, ins(text("I need a flat"), text("34"))),
			step: conversation.StepPlace, lang: "en", said: []string{"place.question"},
			events: []string{answered(conversation.StepAge, "text")}, check: both(wantTopics("housing"), wantAge(34, "27+", true)),
		},
		{
			name: "a need at the child question is kept, and the question asked again", inputs: seq(toChild, ins(text("we need a flat"))),
			step: conversation.StepChild, lang: "en", said: []string{"topic.recognized", "child.question"},
			events: []string{answered(conversation.StepTopic, "text")}, check: wantTopics("housing"),
		},
		{
			name: "a further need at the child question joins the one held", inputs: seq(toChild, ins(text("we need a flat"), text("we got a rejection from the BAMF"))),
			step: conversation.StepChild, lang: "en", said: []string{"topic.recognized", "child.question"},
			events: []string{answered(conversation.StepTopic, "text")}, check: wantTopics("housing", "asylum"),
		},
		{
			name: "a need at the parent's age question is kept, and the age asked again", inputs: seq(toParentAge, ins(text("we need a flat"))),
			step: conversation.StepParentAge, lang: "en", said: []string{"topic.recognized", "parent.question"},
			events: []string{answered(conversation.StepTopic, "text")}, check: wantTopics("housing"),
		},
		{
			name: "then the parent's age: straight to the place", inputs: seq(toParentAge, ins(text("we need a flat"), text("40"))),
			step: conversation.StepPlace, lang: "en", said: []string{"place.question"},
			events: []string{answered(conversation.StepParentAge, "text")}, check: wantTopics("housing"),
		},
		{
			name: "the child's age and the parent's at the child question", inputs: seq(toChild, ins(text("he is 5, I am 34"))),
			step: conversation.StepTopic, lang: "en", said: []string{"parent.known", "topic.question"},
			events: []string{answered(conversation.StepChild, "text"), answered(conversation.StepParentAge, "text")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Age == nil || *s.Age != 5 || s.WithParent == nil || !*s.WithParent || s.ParentAge == nil || *s.ParentAge != 34 {
					t.Errorf("age %v, with parent %v, parent %v; want 5, yes, 34", s.Age, s.WithParent, s.ParentAge)
				}
			},
		},
		{
			name:   "an age typed at the child question corrects a small number taken for the age",
			inputs: seq(toAge, ins(text("2"), text("34"))), step: conversation.StepTopic, lang: "en",
			said: []string{"age.recognized", "topic.question"}, events: []string{answered(conversation.StepAge, "text")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Age == nil || *s.Age != 34 || s.AgeBand != "27+" || s.WithParent != nil {
					t.Errorf("age %v band %q with parent %v, want 34, 27+ and no answer about a parent", s.Age, s.AgeBand, s.WithParent)
				}
			},
		},
		{
			name: "a time is no age", inputs: seq(toAge, ins(text("I came to Germany 2 years ago"))), step: conversation.StepAge,
			lang: "en", said: []string{"age.invalid", "age.question"}, check: noAge,
		},
		{
			name: "a count of children beside the age is no second number", inputs: seq(toAge, ins(text("I am 35 and have 2 children"))),
			step: conversation.StepTopic, lang: "en", said: []string{"age.recognized", "topic.question"},
			events: []string{answered(conversation.StepAge, "text")}, check: wantAge(35, "27+", true),
		},
		{
			name: "a need beside the age and a count of children", inputs: seq(toAge, ins(text("I am 34 and need a flat for me and my 3 kids"))),
			step: conversation.StepPlace, lang: "en", said: []string{"age.recognized", "topic.recognized", "place.question"},
			events: []string{answered(conversation.StepAge, "text"), answered(conversation.StepTopic, "text")},
			check:  both(wantAge(34, "27+", true), wantTopics("housing")),
		},
		{
			name: "needs beside the age and the children's ages (J6)", inputs: seq(toAge, ins(text("I am 35, my children are 5, 8 and 12, we need a school and a flat"))),
			step: conversation.StepPlace, lang: "en", said: []string{"age.recognized", "topic.recognized", "place.question"},
			events: []string{answered(conversation.StepAge, "text"), answered(conversation.StepTopic, "text")},
			check:  both(wantAge(35, "27+", true), wantTopics("education", "housing")),
		},
		{
			name: "a year beside the age", inputs: seq(toAge, ins(text("I am 30 and came in 2019"))),
			step: conversation.StepTopic, lang: "en", said: []string{"age.recognized", "topic.question"},
			events: []string{answered(conversation.StepAge, "text")}, check: wantAge(30, "27+", true),
		},
		{
			name: "the time beside the age in Arabic", inputs: ins(cmd("start", "ar"), text("عمري ٣٠ وأنا في ألمانيا منذ ٣ سنوات")),
			step: conversation.StepTopic, lang: "ar", said: []string{"age.recognized", "topic.question"},
			events: []string{answered(conversation.StepAge, "text")}, check: wantAge(30, "27+", true),
		},
		{
			name: "the time beside the age in Ukrainian", inputs: ins(cmd("start", "uk"), text("Ми приїхали 2 роки тому, мені 41")),
			step: conversation.StepTopic, lang: "uk", said: []string{"age.recognized", "topic.question"},
			events: []string{answered(conversation.StepAge, "text")}, check: wantAge(41, "27+", true),
		},
		{
			name: "four numbers are no answer", inputs: seq(toAge, ins(text("1 2 3 4"))), step: conversation.StepAge, lang: "en",
			said: []string{"age.invalid", "age.question"},
		},
		{
			name: "a range is no answer", inputs: seq(toAge, ins(text("12-17"))), step: conversation.StepAge, lang: "en",
			said: []string{"age.invalid", "age.question"},
		},
		{
			// A date of birth gives the age (TestBirthYears); one to come gives none.
			name: "a date to come is no answer", inputs: seq(toAge, ins(text("1.1.2090"))), step: conversation.StepAge, lang: "en",
			said: []string{"age.invalid", "age.question"},
		},
		{
			name: "a negative number is no answer", inputs: seq(toAge, ins(text("-5"))), step: conversation.StepAge, lang: "en",
			said: []string{"age.invalid", "age.question"},
		},
		{
			name: "a number over 120 alone is no answer", inputs: seq(toAge, ins(text("200"))), step: conversation.StepAge, lang: "en",
			said: []string{"age.invalid", "age.question"},
		},
		{
			name: "a phone number and a postcode beside the age are no age", inputs: seq(toAge, ins(text("I'm 30, my number is 0176 1234567, PLZ 34119"))),
			step: conversation.StepTopic, lang: "en", said: []string{"faq.callback", "age.recognized", "topic.question"},
			events: []string{answered(conversation.StepAge, "text")}, check: wantAge(30, "27+", true),
		},
		{
			name: "under 12 is no age of 12: the bands answer it", inputs: seq(toAge, ins(text("under 12"))), step: conversation.StepAge, lang: "en",
			said: []string{"age.invalid", "age.question"}, check: noAge,
		},
		{
			name: "the same in Arabic", inputs: ins(cmd("start", "ar"), text("أقل من ١٢ سنة")), step: conversation.StepAge, lang: "ar",
			said: []string{"age.invalid", "age.question"}, check: noAge,
		},
	})
}

// noAge checks that no age was taken.
func noAge(t *testing.T, s conversation.State, _ dialog.Output) {
	t.Helper()
	if s.Age != nil || s.AgeBand != "" {
		t.Errorf("age %v band %q taken, want none", s.Age, s.AgeBand)
	}
}

// noTopic checks that no topic was taken.
func noTopic(t *testing.T, s conversation.State, _ dialog.Output) {
	t.Helper()
	if s.Topic != "" || len(s.Topics) > 0 {
		t.Errorf("topics %q taken, want none", s.Topics)
	}
}

// TestAgeCorrected: an age stated as the writer's own after the age question corrects the age
// taken: at the topic and place questions (which come again) and under the result (which
// names the service of the new age); a bare number there, another person's age and a child's
// conversation do not.
func TestAgeCorrected(t *testing.T) {
	toPlace := ins(tap("lang:en"), text("23"), tap("topic:housing"))
	cases := []struct {
		name   string
		inputs []dialog.Input
		step   conversation.Step
		age    int
		said   []string
	}{
		{"at the place question", seq(toPlace, ins(text("sorry, my age is 43"))), conversation.StepPlace, 43,
			[]string{"age.recognized", "place.question"}},
		{"under the result", seq(toPlace, ins(tap("place:skip"), text("I am 43 years old"))), conversation.StepResult, 43,
			[]string{"age.recognized", "result.summary"}},
		{"at the topic question", ins(tap("lang:en"), text("23"), text("oh no, I'm 43")), conversation.StepTopic, 43,
			[]string{"age.recognized", "topic.question"}},
		{"in Arabic at the place question", ins(tap("lang:ar"), text("23"), tap("topic:housing"), text("عفوا عمري ٤٣")), conversation.StepPlace, 43,
			[]string{"age.recognized", "place.question"}},
		{"the same age: nothing to correct", seq(toPlace, ins(text("I am 23"))), conversation.StepPlace, 23, []string{"place.invalid"}},
		{"with a need at the topic question: both", ins(tap("lang:en"), text("23"), text("sorry, I am 29 and I need a flat")), conversation.StepPlace, 29,
			[]string{"age.recognized", "topic.recognized", "place.question"}},
		{"with a postcode at the place question: both", seq(toPlace, ins(text("34127, I am 43"))), conversation.StepResult, 43,
			[]string{"age.recognized", "place.postcode", "result.summary"}},
		{"with a need under the result: both", seq(toPlace, ins(tap("place:skip"), text("my age is 43 and I need a job"))), conversation.StepResult, 43,
			[]string{"age.recognized", "topic.recognized", "result.summary"}},
		{"another person's age of the same answer", seq(toPlace, ins(text("my brother is 25 years old"))), conversation.StepPlace, 23, []string{"place.invalid"}},
		{"a bare number", seq(toPlace, ins(text("43"))), conversation.StepPlace, 23, []string{"place.invalid"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEngine(t, twoMBE())
			e.Places = places
			s, out := run(t, e, conversation.State{}, c.inputs)
			if s.Step() != c.step || s.Age == nil || *s.Age != c.age {
				t.Fatalf("step %s, age %v; want %s, %d (said %q)", s.Step(), s.Age, c.step, c.age, said(out))
			}
			if got := said(out); !isSubsequence(c.said, got) {
				t.Errorf("said %q, want %q in it", got, c.said)
			}
		})
	}
	// Another person's age of another answer ("sorry, my son is 19" after 16, a parent
	// correcting their child's age): both are offered, with whose the advice is for (J4).
	for _, c := range []struct {
		lang, first, typed string
	}{
		{"pl", "16", "przepraszam, syn ma 19 lat"},
		{"en", "23", "my son is 16 years old"},
		{"en", "25", "sorry, my daughter is 28"},
		{"ar", "16", "آسف ابني عمره 19"},
		{"ru", "25", "ой ошиблась, ему 28 лет"}, // age.aged, no person named (J5)
		{"de", "25", "entschuldigung, er ist 28"},
		{"en", "16", "sorry my son is 19 not 16"}, // the age given named to be corrected
		{"ar", "16", "19 مش 16"},                  // J6: no person, no age words
	} {
		for _, more := range [][]dialog.Input{nil, ins(tap("topic:housing"), tap("place:skip"))} {
			inputs := ins(tap("lang:"+c.lang), text(c.first))
			if c.first == "16" {
				inputs = append(inputs, tap("child:yes")) // lives with a parent
			}
			inputs = seq(inputs, more, ins(text(c.typed)))
			s, out := run(t, newEngine(t, twoMBE()), conversation.State{}, inputs)
			if first, _ := strconv.Atoi(c.first); s.Step() != conversation.StepAge || len(s.AgeChoices) != 2 || s.AgeChoices[0] != first || !slices.Contains(said(out), "age.whose") {
				t.Errorf("%s %q after %s (%d more): at %s, choices %v, said %q; want both offered", c.lang, c.typed, c.first, len(more), s.Step(), s.AgeChoices, said(out))
			}
		}
	}
	// Under the result, where nothing is asked, a number alone too (J5: "28" was "use the
	// buttons").
	if s, out := run(t, newEngine(t, twoMBE()), conversation.State{}, ins(tap("lang:ru"), text("25"), tap("topic:housing"), tap("place:skip"), text("28"))); len(s.AgeChoices) != 2 {
		t.Errorf("28 alone under the result: choices %v, said %q", s.AgeChoices, said(out))
	}
	t.Run("a young child's conversation keeps the child's age", func(t *testing.T) {
		s, _ := run(t, newEngine(t, twoMBE()), conversation.State{}, ins(tap("lang:en"), text("5"), tap("child:yes"), text("34"), tap("topic:housing"), text("I am 40")))
		if s.Age == nil || *s.Age != 5 || s.ParentAge == nil || *s.ParentAge != 34 || s.Step() != conversation.StepPlace {
			t.Errorf("age %v, parent's %v at %s; want the child's 5, the parent's 34, at the place question", s.Age, s.ParentAge, s.Step())
		}
	})
}

// TestAgesHalfInDigits: an age written half in words and half in digits is one number: the
// tens in words and the unit in digits, or (said unit first) the unit in digits and the tens
// in words after "and". Two numbers in digits stay two.
func TestAgesHalfInDigits(t *testing.T) {
	cases := []struct {
		lang, text string
		age        int
	}{
		{"en", "twenty 6", 26},
		{"ru", "двадцать 6", 26},
		{"ku", "bîst û 6", 26},
		{"fr", "j'ai vingt 8 ans", 28},
		{"ar", "عمري 3 وعشرين", 23},
		{"fa-AF", "بیست و 6", 26},
	}
	for _, c := range cases {
		t.Run(c.lang+" "+c.text, func(t *testing.T) {
			s, out := run(t, newEngine(t, nil), conversation.State{}, ins(cmd("start", c.lang), text(c.text)))
			if s.Age == nil || *s.Age != c.age {
				t.Fatalf("age %v (choices %v), want %d (said %q)", s.Age, s.AgeChoices, c.age, said(out))
			}
		})
	}
	s, _ := run(t, newEngine(t, nil), conversation.State{}, ins(cmd("start", "en"), text("I am 20 6")))
	if s.Age != nil || !slices.Equal(s.AgeChoices, []int{20, 6}) {
		t.Errorf("two numbers in digits: age %v, choices %v, want 20 and 6 offered", s.Age, s.AgeChoices)
	}
}

// TestStatedAgeAmongManyNumbers: more numbers than can be offered to tap, one of them said
// as the writer's own age, give that age.
func TestStatedAgeAmongManyNumbers(t *testing.T) {
	for _, c := range []struct{ lang, text string }{
		{"en", "im 38 with 3 kids age 10, 7 and 2"},
		{"ru", "Мне 38, детям 10, 7 и 3 года"},
	} {
		s, out := run(t, newEngine(t, nil), conversation.State{}, ins(cmd("start", c.lang), text(c.text)))
		if s.Age == nil || *s.Age != 38 {
			t.Errorf("%s %q: age %v (choices %v), want 38 (said %q)", c.lang, c.text, s.Age, s.AgeChoices, said(out))
		}
	}
	s, _ := run(t, newEngine(t, nil), conversation.State{}, ins(cmd("start", "en"), text("kids 10, 7, 5 and 2")))
	if s.Age != nil {
		t.Errorf("no age said among many numbers: took %d", *s.Age)
	}
}

// TestTimeBesideTheAge: a number of years spent here, or of months of a pregnancy, beside the
// age is no age to choose (J12: "I have been here 6 years, age 39" offered 6 and 39).
func TestTimeBesideTheAge(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		age        int
	}{
		{"en", "I have been here 6 years, age 39", 39},
		{"de", "ich bin seit 6 jahren hier und 39 jahre alt", 39},
		{"ro", "insarcinata in luna 6, am 30 de ani", 30},
		{"bg", "veche 2 meseca sam tuk, na 33 godini sam", 33},
		{"ti", "8 ዓመት ኣብ ጀርመን ኣለኹ ዕድመይ 40", 40},
	} {
		s, out := run(t, newEngine(t, nil), conversation.State{}, ins(cmd("start", c.lang), text(c.text)))
		if s.Age == nil || *s.Age != c.age {
			t.Errorf("%s %q: age %v (choices %v), want %d (said %q)", c.lang, c.text, s.Age, s.AgeChoices, c.age, said(out))
		}
	}
}

// TestBirthDateWithMonthInWords: a date of birth with its month in words, as CLDR names the
// months in the reader's language, English or German, gives the one age of that day (J10: the
// year's two ages were offered, one of them impossible, and a 26-year-old could tap 27); with
// a month CLDR does not write so ("التاني", as spoken), the year's two ages are offered.
func TestBirthDateWithMonthInWords(t *testing.T) {
	e := newEngine(t, nil)
	e.Now = func() time.Time { return time.Date(2026, time.December, 7, 12, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		lang, text string
		want       []int // one: taken; two: offered
	}{
		{"fr", "né le 20 décembre 1991", []int{34}},
		{"en", "date of birth: 5 jan 1991", []int{35}},
		{"pl", "urodzona 20 grudnia 1991", []int{34}},
		{"en", "5 Jan 1991", []int{35}}, // alone: a date of birth
		{"ru", "5 января 1991", []int{35}},
		{"de", "5 Januar 1991", []int{35}},        // German, in any language's conversation
		{"ar", "20 تشرين الثاني 1991", []int{35}}, // the Levant's months are two words
		{"ar", "مواليد 20 تشرين التاني 1991", []int{34, 35}},
		{"tr", "5 Ocak 2001", []int{25}},
		{"so", "5 Janaayo 2001", []int{25}},
	} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.text)))
		switch {
		case len(c.want) == 1 && (s.Age == nil || *s.Age != c.want[0]),
			len(c.want) == 2 && (s.Age != nil || !slices.Equal(s.AgeChoices, c.want)):
			t.Errorf("%s %q: age %v, choices %v, want %v (said %q)", c.lang, c.text, s.Age, s.AgeChoices, c.want, said(out))
		}
	}
}

// TestAgeToComeAndDatesBeside: an age the writer turns next is the age today, one less; a
// date beside the age (of arrival, of an appointment) does not hide it.
func TestAgeToComeAndDatesBeside(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		age        int
	}{
		{"en", "I'll be 28 in March", 27},
		{"de", "ich werde im März 28", 27},
		{"ru", "мне в марте будет 28", 27},
		{"tr", "Mart'ta 28 olacağım", 27},
		{"fr", "je suis arrivé le 03/05/2024, j'ai 22 ans", 22},
		{"de", "am 3.10 habe ich termin, bin 46", 46},
		{"uk", "приїхала 12.04.2022, мені 25", 25},
	} {
		s, out := run(t, newEngine(t, nil), conversation.State{}, ins(cmd("start", c.lang), text(c.text)))
		if s.Age == nil || *s.Age != c.age {
			t.Errorf("%s %q: age %v (choices %v), want %d (said %q)", c.lang, c.text, s.Age, s.AgeChoices, c.age, said(out))
		}
	}
	s, _ := run(t, newEngine(t, nil), conversation.State{}, ins(cmd("start", "en"), text("34.5")))
	if s.Age != nil || len(s.AgeChoices) > 0 {
		t.Errorf("a decimal alone: age %v, choices %v, want none", s.Age, s.AgeChoices)
	}
}

// TestShortYearOfAGrownUp: a two-digit year of birth that one calendar makes a child under 12
// and another a grown-up is the grown-up's: "sal 98" in Dari is 1998, not 1398.
func TestShortYearOfAGrownUp(t *testing.T) {
	e := newEngine(t, nil)
	e.Now = func() time.Time { return time.Date(2026, time.December, 7, 12, 0, 0, 0, time.UTC) }
	s, out := run(t, e, conversation.State{}, ins(cmd("start", "fa-AF"), text("ma dar sal 98 paida shodum")))
	if s.Age != nil || !slices.Equal(s.AgeChoices, []int{27, 28}) {
		t.Errorf("age %v, choices %v, want 27 and 28 offered (said %q)", s.Age, s.AgeChoices, said(out))
	}
	s, out = run(t, e, conversation.State{}, ins(cmd("start", "fa-AF"), text("متولد ۱۳۷۵")))
	if s.Age != nil || !slices.Equal(s.AgeChoices, []int{29, 30}) { // 1375 ran from March 1996 to March 1997
		t.Errorf("a Persian year: age %v, choices %v, want 29 and 30 offered (said %q)", s.Age, s.AgeChoices, said(out))
	}
}

// TestAgeTypedWithOForZero: "3o" (the letter o beside the 0 on a phone's keyboard) is 30, as
// a word of its own; a word with more letters is not read so ("2old", "Go").
func TestAgeTypedWithOForZero(t *testing.T) {
	e := newEngine(t, nil)
	for typed, want := range map[string]int{"3o": 30, "ez 3o salî me": 30, "I am 2O": 20} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text(typed)))
		if s.Age == nil || *s.Age != want {
			t.Errorf("%q: age %v, want %d (said %q)", typed, s.Age, want, said(out))
		}
	}
	s, _ := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("2old")))
	if s.Age != nil {
		t.Errorf("2old: age %d, want none", *s.Age)
	}
}

// TestNeedKeptWhileTheAgeIsChosen: a need named beside two numbers is kept while the person
// chooses which is the age, and the topic question is not asked after the choice.
func TestNeedKeptWhileTheAgeIsChosen(t *testing.T) {
	e := newEngine(t, nil)
	s, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("my daughter is 8 and needs a school, I am her mother, 35")))
	if len(s.AgeChoices) != 2 || s.Topic != "education" || !slices.Contains(said(out), "topic.recognized") {
		t.Fatalf("choices %v, topic %q, said %q; want both ages offered and the need kept", s.AgeChoices, s.Topic, said(out))
	}
	s, out = run(t, e, s, ins(tap("age:n35")))
	if s.Step() == conversation.StepTopic || slices.Contains(said(out), "topic.question") {
		t.Errorf("after choosing 35: at %s, said %q; want the need kept", s.Step(), said(out))
	}
}

// TestAgeNotKnown: "I don't know my age" at the age question is answered kindly (an estimate
// or an age group is enough), not as a failure, in every language's words; the question stays.
func TestAgeNotKnown(t *testing.T) {
	e := newEngine(t, nil)
	for lang, typed := range map[string]string{
		"en": "I don't know my age", "de": "ich weiß mein Alter nicht", "ar": "والله ما بعرف عمري",
		"fa-AF": "سنم را نمیدانم", "ps": "نه پوهېږم چې څو کلن یم", "tr": "yaşımı bilmiyorum",
		"uk": "не знаю скільки мені років", "ru": "не знаю сколько мне лет", "so": "da'dayda ma aqaano",
		"ti": "ዕድመይ ኣይፈልጦን", "ku": "temenê xwe nizanim", "fr": "je sais pas quel age j'ai",
		"pl": "nie wiem ile mam lat", "ro": "nu stiu cati ani am", "bg": "не знам на колко съм години",
	} {
		if lang == "ar" {
			// and beside a need: the papers are a need, the age is not known
			_, out := run(t, e, conversation.State{}, ins(cmd("start", lang), text("ما عندي شهادة ميلاد")))
			if got := said(out); !slices.Contains(got, "age.unknown") {
				t.Errorf("no birth certificate: said %q, want age.unknown", got)
			}
		}
		s, out := run(t, e, conversation.State{}, ins(cmd("start", lang), text(typed), text(typed)))
		if got := said(out); !slices.Contains(got, "age.unknown") || slices.Contains(got, "stuck") || s.Step() != conversation.StepAge {
			t.Errorf("%s %q: said %q at %s; want age.unknown and the age question, twice without the ways on", lang, typed, got, s.Step())
		}
	}
}

// TestPashtoWordsBesideNumbers (journey round J3): "کار نه لرم" (I have no work) is no "four
// nine" ("کار" is one letter from Dari's "چار", four, but "نه" beside it is also "no"), and
// "دری لطفا" (Dari, please) asks for Dari, though "دری" is also how "درې", three, is typed.
func TestPashtoWordsBesideNumbers(t *testing.T) {
	e := newEngine(t, nil)
	s, out := run(t, e, conversation.State{}, ins(cmd("start", "ps"), text("زه ۲۸ کلن یم کار نه لرم")))
	if s.Age == nil || *s.Age != 28 || len(s.AgeChoices) > 0 {
		t.Errorf("I am 28, I have no work: age %v, choices %v, said %q", s.Age, s.AgeChoices, said(out))
	}
	s, out = run(t, e, conversation.State{}, ins(cmd("start", "ps"), text("دری لطفا")))
	if s.Lang != "fa-AF" || s.Age != nil || len(s.AgeChoices) > 0 {
		t.Errorf("Dari please: language %s, age %v, choices %v, said %q", s.Lang, s.Age, s.AgeChoices, said(out))
	}
}

// TestAgeRange (journey round J3): an age typed as a range, the most natural estimate ("25-27",
// "десь 20-30"), offers its two ends to tap; a range of small numbers or one beside another
// number is no age range.
func TestAgeRange(t *testing.T) {
	e := newEngine(t, nil)
	for typed, want := range map[string][]int{
		"25-27": {25, 27}, "точно не знаю. десь 20-30": {20, 30}, "٢٥-٢٧": {25, 27},
		"3-5": nil, "20-50": nil, "2-3 kids, no idea": nil,
	} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", "uk"), text(typed)))
		if !slices.Equal(s.AgeChoices, want) || s.Age != nil {
			t.Errorf("%q: choices %v (age %v), said %q; want %v", typed, s.AgeChoices, s.Age, said(out), want)
		}
	}
}

// TestAlmostAnAge: an age said to be nearly a number ("almost 18", "fast 18", "почти 18")
// offers that number and the one before it to tap, asked as which age it is today (not "you
// wrote more than one number"); the tapped one is taken. "almost 3 years in Germany" beside
// an age is no such estimate.
func TestAlmostAnAge(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct{ lang, typed string }{{"en", "almost 18"}, {"de", "fast 18"}, {"ru", "почти 18"}, {"tr", "neredeyse 18"}, {"ar", "قربت على 18"}} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.typed)))
		if got := said(out); !slices.Equal(s.AgeChoices, []int{17, 18}) || s.Age != nil || !slices.Contains(got, "age.almost_which") || slices.Contains(got, "age.which") {
			t.Errorf("%s %q: choices %v (age %v), said %q; want 17 and 18 offered with age.almost_which", c.lang, c.typed, s.AgeChoices, s.Age, got)
			continue
		}
		s, _ = run(t, e, s, ins(tap("age:n17")))
		if s.Age == nil || *s.Age != 17 || s.Nearly {
			t.Errorf("%s %q, 17 tapped: age %v, nearly %v", c.lang, c.typed, s.Age, s.Nearly)
		}
	}
	s, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("almost 3 years in germany, i am 30")))
	if s.Age == nil || *s.Age != 30 {
		t.Errorf("age %v, choices %v, said %q; want 30", s.Age, s.AgeChoices, said(out))
	}
	// A need typed while the two ages wait is taken, and they stay offered (J10: the general
	// age question came back).
	s, out = run(t, e, conversation.State{}, ins(cmd("start", "en"), text("almost 18"), text("I missed my appointment at the Ausländerbehörde")))
	if got := said(out); len(s.Topics) == 0 || !slices.Equal(s.AgeChoices, []int{17, 18}) || !slices.Contains(got, "age.almost_which") {
		t.Errorf("a need after \"almost 18\": topics %q, choices %v, said %q", s.Topics, s.AgeChoices, got)
	}
}

// TestPlaceAtTheAgeQuestion: a place of the area named alone at the age question is where the
// person lives: taken (the place question is not asked later), and the age asked again (J10:
// "I did not understand", and the place lost).
func TestPlaceAtTheAgeQuestion(t *testing.T) {
	e := engineWithPlaces(t)
	s, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("Baunatal")))
	if got := said(out); !s.PlaceDone || s.Step() != conversation.StepAge || !slices.Contains(got, "place.named") || slices.Contains(got, "age.not_understood") {
		t.Fatalf("Baunatal at the age question: place done %v, at %v, said %q", s.PlaceDone, s.Step(), got)
	}
	s, _ = run(t, e, s, ins(text("34"), tap("topic:work")))
	if s.Step() != conversation.StepResult {
		t.Errorf("after the age and a need: at %v, want the result (the place was given)", s.Step())
	}
}

// TestSomebodysAgeIsAnAge: a small number said to be somebody's age ("my daughter is 8 years
// old", "keça min 8 salî ye": age.aged) is the age at once, not a count to ask about, also
// beside a need in a first message (J4: the age was dropped there, and asked again); a count
// beside a need still is not.
func TestSomebodysAgeIsAnAge(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct{ lang, typed string }{
		{"en", "my daughter is 8 years old"},
		{"en", "my daughter is 8, she needs a school"},
		{"fr", "ma fille a 8 ans, elle a besoin d'une école"},
		{"ku", "keça min 8 salî ye"},
		{"bg", "дъщеря ми е на 8 години, търсим училище"},
		{"ar", "بنتي عمرها 8 سنين وبدها مدرسة"},
		{"de", "meine Tochter ist 8 Jahre alt"},
		{"tr", "kızım 8 yaşında, okul arıyoruz"},
	} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.typed)))
		if s.Age == nil || *s.Age != 8 || s.Step() != conversation.StepChild {
			t.Errorf("%s %q: age %v at %s (said %q); want 8 and the question about the child", c.lang, c.typed, s.Age, s.Step(), said(out))
		}
	}
	s, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("I have 2 children and need a flat")))
	if s.Age != nil || s.Step() != conversation.StepAge {
		t.Errorf("a count beside a need: age %v at %s (said %q); want the age asked", s.Age, s.Step(), said(out))
	}
}

// TestTeenAskedAsYou: a young person who states the age as their own ("I am 16", "мені 16")
// is asked about a parent as "you"; a number alone, or a parent's "my son is 16", as "the young
// person" (J5).
func TestTeenAskedAsYou(t *testing.T) {
	e := newEngine(t, nil)
	for _, c := range []struct {
		lang, typed, want string
	}{
		{"en", "I am 16", "teen.question_self"},
		{"uk", "мені 16", "teen.question_self"},
		{"en", "16", "teen.question"},
		{"en", "my son is 16", "teen.question"},
	} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.typed)))
		if got := said(out); s.Step() != conversation.StepChild || !slices.Contains(got, c.want) {
			t.Errorf("%s %q: at %s, said %q; want %s", c.lang, c.typed, s.Step(), got, c.want)
		}
	}
}

// TestParentsOwnAgeAtTheTeenQuestion: after a young person's age given as someone else's, a
// grown-up's age the writer states as their own at the question whether the young person
// lives with a parent is not a new age of the young person (J11: "my daughter is 14", then "I
// am 40", sent the daughter to the MBE): beside being the parent, the young person lives with
// a parent; alone, both ages are offered. Stated after one's own age, it corrects it.
func TestParentsOwnAgeAtTheTeenQuestion(t *testing.T) {
	e := newEngine(t, nil)
	s, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("my daughter is 14 and has no school"), text("I am 40")))
	if s.Step() != conversation.StepAge || !slices.Equal(s.AgeChoices, []int{14, 40}) || !slices.Contains(said(out), "age.which") {
		t.Errorf("daughter 14, then I am 40: at %s, choices %v, said %q; want 14 and 40 offered", s.Step(), s.AgeChoices, said(out))
	}
	s, _ = run(t, e, conversation.State{}, ins(cmd("start", "en"), text("my son is 15"), text("I am his mother, I am 42")))
	if s.Age == nil || *s.Age != 15 || s.WithParent == nil || !*s.WithParent {
		t.Errorf("son 15, then his mother, 42: age %v, with a parent %v; want 15 with a parent", s.Age, s.WithParent)
	}
	s, _ = run(t, e, conversation.State{}, ins(cmd("start", "en"), text("I am 16"), text("I am 40")))
	if s.Age == nil || *s.Age != 40 {
		t.Errorf("I am 16, then I am 40: age %v, want 40 (a correction)", s.Age)
	}
}

// TestPlaceKeepsTheAgesOffered: a place typed while typed numbers are offered as the age is
// taken, and the numbers stay offered (J11: "19 or 47?", then "kassel", lost both).
func TestPlaceKeepsTheAgesOffered(t *testing.T) {
	s, out := run(t, engineWithPlaces(t), conversation.State{}, ins(cmd("start", "en"), text("I am 35 and my son is 3"), text("Kassel")))
	if s.Step() != conversation.StepAge || !slices.Equal(s.AgeChoices, []int{35, 3}) || s.Place == "" || !slices.Contains(said(out), "age.which") {
		t.Errorf("at %s, choices %v, place %q, said %q; want 35 and 3 still offered and the place taken", s.Step(), s.AgeChoices, s.Place, said(out))
	}
}
