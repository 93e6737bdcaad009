package conversation_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

var (
	ageButtons   = []string{"age:u12", "age:12-17", "age:18-26", "age:27+", "nav:language"}
	topicButtons = []string{"topic:residence", "topic:housing", "topic:family", "topic:other"}
	langButtons  = []string{"lang:de", "lang:en", "lang:ar", "lang:fa-AF", "lang:fr"}
	nextButtons  = []string{"res:restart", "res:change", "nav:language"}
)

// answered is the event of a question answered by how.
func answered(step conversation.Step, how string) string {
	return ev(dialog.EventAnswered, "step", string(step), "how", how)
}

func wantAge(age int, band string, typed bool) func(*testing.T, conversation.State, dialog.Output) {
	return func(t *testing.T, s conversation.State, _ dialog.Output) {
		t.Helper()
		if s.Age == nil || *s.Age != age || s.AgeBand != band || s.AgeTyped != typed {
			t.Errorf("age %v band %q typed %v, want %d %q %v", s.Age, s.AgeBand, s.AgeTyped, age, band, typed)
		}
	}
}

// TestSteps answers every question, by button and by typed text.
func TestSteps(t *testing.T) {
	runTranscripts(t, []transcript{
		{
			name:   "first contact greets in the app's language and asks at once",
			inputs: ins(withClient(text("hallo"), "ar")), step: conversation.StepAge, lang: "ar",
			said: []string{"welcome", "age.question"}, buttons: ageButtons, noBtns: langButtons,
			events: []string{ev(dialog.EventStarted, "lang", "ar", "source", "direct")},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if len(out.Messages) != 1 || !s.LangGuessed || !s.Started {
					t.Errorf("%d messages, guessed %v, started %v; want one message, a guess", len(out.Messages), s.LangGuessed, s.Started)
				}
			},
		},
		{
			name: "a language tapped first (an old picker) is chosen", inputs: ins(tap("lang:en")), step: conversation.StepAge, lang: "en",
			said: []string{"welcome", "age.question"}, buttons: ageButtons,
			events: []string{ev(dialog.EventStarted, "lang", "en", "source", "direct"), answered(conversation.StepLanguage, "button")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if !s.Started || s.LangGuessed {
					t.Errorf("started %v, guessed %v", s.Started, s.LangGuessed)
				}
			},
		},
		{
			name: "language button tag in other case", inputs: ins(tap("lang:FA-af")), step: conversation.StepAge, lang: "fa-AF",
			said:   []string{"welcome", "age.question"},
			events: []string{ev(dialog.EventStarted, "lang", "fa-AF", "source", "direct"), answered(conversation.StepLanguage, "button")},
		},
		{
			name: "a guessed language confirmed in the picker", inputs: ins(withClient(text("hallo"), "ar"), tap("nav:language"), tap("lang:ar")),
			step: conversation.StepAge, lang: "ar", said: []string{"language.chosen", "age.question"},
			edit: []string{"language.prompt", "answer.chosen"}, events: []string{answered(conversation.StepLanguage, "button")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.LangGuessed {
					t.Error("still a guess")
				}
			},
		},
		{
			// Before any answer, the welcome comes again in the language chosen.
			name: "a guessed language changed in the picker", inputs: ins(withClient(text("hallo"), "en"), tap("nav:language"), tap("lang:uk")),
			step: conversation.StepAge, lang: "uk", said: []string{"welcome", "age.question"},
			edit:   []string{"language.prompt", "answer.chosen"},
			events: []string{answered(conversation.StepLanguage, "button"), ev(dialog.EventLanguageSwitched, "from", "en", "to", "uk")},
		},
		{
			name: "age typed 34", inputs: toTopic, step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"}, buttons: topicButtons,
			events: []string{answered(conversation.StepAge, "text")}, check: wantAge(34, "27+", true),
		},
		{
			name: "age typed in Eastern Arabic digits ٣٤", inputs: seq(toAge, ins(text("٣٤"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"}, events: []string{answered(conversation.StepAge, "text")}, check: wantAge(34, "27+", true),
		},
		{
			name: "age typed in Persian digits ۲۵", inputs: seq(toAge, ins(text("۲۵"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"}, events: []string{answered(conversation.StepAge, "text")}, check: wantAge(25, "18-26", true),
		},
		{
			name: "age typed with words around", inputs: seq(toAge, ins(text("  I am 19 years old "))), step: conversation.StepTopic, lang: "en",
			said: []string{"age.recognized", "topic.question"}, events: []string{answered(conversation.StepAge, "text")}, check: wantAge(19, "18-26", true),
		},
		{
			name: "age typed 12 is no child: a young person, asked about a parent", inputs: seq(toAge, ins(text("12"))), step: conversation.StepChild, lang: "en",
			said: []string{"teen.question"}, buttons: []string{"child:yes", "child:no"}, events: []string{answered(conversation.StepAge, "text")}, check: wantAge(12, "12-17", true),
		},
		{
			name: "a young person with a parent goes on to the topic", inputs: seq(toAge, ins(text("16"), tap("child:yes"))), step: conversation.StepTopic, lang: "en",
			incl: []string{"topic.question"}, anyEdit: true, events: []string{"*"}, check: wantAge(16, "12-17", true),
		},
		{
			name: "a young person without parents goes on to the topic", inputs: seq(toAge, ins(text("16"), text("no"))), step: conversation.StepTopic, lang: "en",
			incl: []string{"answer.chosen", "topic.question"}, events: []string{"*"}, check: wantAge(16, "12-17", true),
		},
		{
			name: "age typed 11 asks about the parent", inputs: seq(toAge, ins(text("11"))), step: conversation.StepChild, lang: "en",
			said: []string{"child.question"}, buttons: []string{"child:yes", "child:no"},
			events: []string{answered(conversation.StepAge, "text")}, check: wantAge(11, "u12", true),
		},
		{
			name: "age typed as a word", inputs: seq(toAge, ins(text("thirty"))), step: conversation.StepTopic, lang: "en",
			said: []string{"age.recognized", "topic.question"}, events: []string{answered(conversation.StepAge, "text")}, check: wantAge(30, "27+", true),
		},
		{
			name: "age typed as a word that is none", inputs: seq(toAge, ins(text("thirsty"))), step: conversation.StepAge, lang: "en",
			said: []string{"age.not_understood", "age.question"}, buttons: ageButtons,
		},
		{
			// A question where the age is asked: not "I did not understand this age".
			name: "a question at the age question", inputs: seq(toAge, ins(text("is this the Kassel office?"))), step: conversation.StepAge, lang: "en",
			said: []string{"age.not_understood", "age.question"},
		},
		{
			// Words about the writer at the age question: heard, and the age asked.
			name: "not speaking German at the age question", inputs: seq(toAge, ins(text("I don't speak German"))), step: conversation.StepAge, lang: "en",
			said: []string{"topic.self_noted", "age.question"}, check: noTopic,
		},
		{
			// A settled life told, all well: heard too, not "I did not understand".
			name: "all well at the age question", inputs: seq(toAge, ins(text("everything is fine, I have a job now and we found a flat, thank you"))), step: conversation.StepAge, lang: "en",
			said: []string{"topic.self_noted", "age.question"}, check: noTopic,
		},
		{
			name: "a number that is no age", inputs: seq(toAge, ins(text("34.5"))), step: conversation.StepAge, lang: "en",
			said: []string{"age.invalid", "age.question"},
		},
		{
			name: "age typed 121 is asked again", inputs: seq(toAge, ins(text("121"))), step: conversation.StepAge, lang: "en",
			said: []string{"age.invalid", "age.question"},
		},
		{
			name: "age band u12", inputs: toChild, step: conversation.StepChild, lang: "en",
			said: []string{"child.question"}, buttons: []string{"child:yes", "child:no"}, noBtns: []string{"nav:language"},
			edit: []string{"age.question", "answer.chosen"}, events: []string{answered(conversation.StepAge, "button")},
			check: wantAge(0, "u12", false),
		},
		{
			name: "age band 12-17", inputs: seq(toAge, ins(tap("age:12-17"))), step: conversation.StepChild, lang: "en",
			said: []string{"teen.question"}, edit: []string{"age.question", "answer.chosen"},
			events: []string{answered(conversation.StepAge, "button")}, check: wantAge(15, "12-17", false),
		},
		{
			name: "age band 18-26", inputs: seq(toAge, ins(tap("age:18-26"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"}, edit: []string{"age.question", "answer.chosen"},
			events: []string{answered(conversation.StepAge, "button")}, check: wantAge(20, "18-26", false),
		},
		{
			name: "age band 27+", inputs: seq(toAge, ins(tap("age:27+"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"}, edit: []string{"age.question", "answer.chosen"},
			events: []string{answered(conversation.StepAge, "button")}, check: wantAge(30, "27+", false),
		},
		{
			name: "child with a parent asks the parent's age", inputs: toParentAge, step: conversation.StepParentAge, lang: "en",
			said: []string{"parent.question"}, buttons: []string{"age:18-26", "age:27+"}, noBtns: []string{"age:u12", "age:12-17"},
			edit: []string{"child.question", "answer.chosen"}, events: []string{answered(conversation.StepChild, "button")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.WithParent == nil || !*s.WithParent {
					t.Errorf("with parent = %v", s.WithParent)
				}
			},
		},
		{
			name: "parent age typed 34", inputs: seq(toParentAge, ins(text("34"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"}, events: []string{answered(conversation.StepParentAge, "text")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.ParentAge == nil || *s.ParentAge != 34 || *s.Age != 0 || s.AgeBand != "u12" {
					t.Errorf("parent %v, age %v band %q", s.ParentAge, s.Age, s.AgeBand)
				}
			},
		},
		{
			name: "parent age typed 10 is refused", inputs: seq(toParentAge, ins(text("10"))), step: conversation.StepParentAge, lang: "en",
			said: []string{"age.invalid", "parent.question"},
		},
		{
			name: "parent age by band 27+", inputs: seq(toParentAge, ins(tap("age:27+"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"}, edit: []string{"parent.question", "answer.chosen"},
			events: []string{answered(conversation.StepParentAge, "button")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.ParentAge == nil || *s.ParentAge != 30 || s.AgeBand != "u12" {
					t.Errorf("parent %v, band %q", s.ParentAge, s.AgeBand)
				}
			},
		},
		{
			name: "topic by button", inputs: toPlace, step: conversation.StepPlace, lang: "en",
			said: []string{"place.question"},
			edit: []string{"topic.question", "answer.chosen"}, events: []string{answered(conversation.StepTopic, "button")},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if s.Topic != "housing" {
					t.Errorf("topic %q", s.Topic)
				}
				placeKeyboard(t, out.Messages[0])
			},
		},
		{
			name: "topic typed in English", inputs: seq(toTopic, ins(text("I need a flat"))), step: conversation.StepPlace, lang: "en",
			said: []string{"topic.recognized", "place.question"}, events: []string{answered(conversation.StepTopic, "text")},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if s.Topic != "housing" {
					t.Errorf("topic %q", s.Topic)
				}
				if got, ok := out.Messages[0].Lines[0].Data["Topic"].(dialog.Text); !ok || got.ID != conversation.TopicLabel("housing").ID {
					t.Errorf("recognized %v", got)
				}
			},
		},
		{
			name: "topic typed and not recognized", inputs: seq(toTopic, ins(text("blorp"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.not_understood", "topic.question"}, buttons: topicButtons,
			events: []string{ev(dialog.EventUnrecognizedTopic, "lang", "en")},
		},
		{
			name: "topic typed as all well", inputs: seq(toTopic, ins(text("all good, thanks"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.self_noted", "topic.question"}, buttons: topicButtons,
			events: []string{ev(dialog.EventUnrecognizedTopic, "lang", "en")},
		},
		{
			name: "topic typed as a self-description", inputs: seq(toTopic, ins(text("I am from Aleppo and live here with my wife"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.self_noted", "topic.question"}, buttons: topicButtons,
			events: []string{ev(dialog.EventUnrecognizedTopic, "lang", "en")},
		},
		{
			name: "place typed as coordinates in Arabic digits", inputs: seq(toPlace, ins(text("٥١٫٣١، ٩٫٤٩"))), step: conversation.StepResult, lang: "en",
			incl: []string{"place.thanks", "result.summary", "office.distance"},
			events: []string{
				answered(conversation.StepPlace, "location"),
				ev(dialog.EventResult, "age_band", "27+", "topic", "housing", "lang", "en", "place", "yes"),
				ev(dialog.EventOfficeNamed, "office", "mbe-kassel"), ev(dialog.EventOfficeNamed, "office", "mbe-baunatal"),
			},
		},
		{
			name: "place typed as coordinates", inputs: seq(toPlace, ins(text("51.31, 9.49"))), step: conversation.StepResult, lang: "en",
			incl: []string{"place.thanks", "result.summary", "office.distance", "feedback.question"},
			events: []string{
				answered(conversation.StepPlace, "location"),
				ev(dialog.EventResult, "age_band", "27+", "topic", "housing", "lang", "en", "place", "yes"),
				ev(dialog.EventOfficeNamed, "office", "mbe-kassel"), ev(dialog.EventOfficeNamed, "office", "mbe-baunatal"),
			},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if !s.PlaceDone || s.Lat == nil || *s.Lat != 51.31 || *s.Lon != 9.49 {
					t.Errorf("place %v %v %v", s.PlaceDone, s.Lat, s.Lon)
				}
				if !out.Messages[0].HideKeyboard {
					t.Error("the location keyboard stays")
				}
			},
		},
		{
			name: "place typed as a town is refused", inputs: seq(toPlace, ins(text("Kassel"))), step: conversation.StepPlace, lang: "en",
			said: []string{"place.invalid", "place.question"},
		},
		{
			name: "place typed as coordinates out of range", inputs: seq(toPlace, ins(text("91, 9.49"))), step: conversation.StepPlace, lang: "en",
			said: []string{"place.invalid", "place.question"},
		},
		{
			name: "place shared out of range", inputs: seq(toPlace, ins(loc(51.3, 181))), step: conversation.StepPlace, lang: "en",
			said: []string{"use_buttons", "place.question"},
		},
		{
			name: "location at the age question", inputs: seq(toAge, ins(loc(51.3, 9.5))), step: conversation.StepAge, lang: "en",
			said: []string{"use_buttons", "age.question"},
		},
		{
			// Not "use the buttons" alone: which button is whose (J8: relatives, a parent abroad).
			name: "text at the child question", inputs: seq(toChild, ins(text("maybe"))), step: conversation.StepChild, lang: "en",
			said: []string{"child.use_buttons", "child.question"},
		},
		{
			name: "relatives at the young person's question", inputs: ins(cmd("start", "en"), text("16"), text("my uncle is here")), step: conversation.StepChild, lang: "en",
			said: []string{"teen.use_buttons", "teen.question"}, buttons: []string{"child:yes", "child:no"},
		},
		{
			// A grown-up's age is the relative's, not the young person's (J9: the age became
			// 22 and the Jugendamt was lost).
			name: "a relative's age at the young person's question", inputs: ins(cmd("start", "en"), text("16"), text("I live with my brother, he is 22")), step: conversation.StepChild, lang: "en",
			said: []string{"teen.use_buttons", "teen.question"}, check: wantAge(16, "12-17", true),
		},
		{
			name: "one's own age stated at the young person's question", inputs: ins(cmd("start", "en"), text("16"), text("sorry, I am 19")), step: conversation.StepTopic, lang: "en",
			incl: []string{"topic.question"}, events: []string{"*"}, check: wantAge(19, "18-26", true),
		},
		{
			name: "a typed yes at the child question answers it", inputs: seq(toChild, ins(text("Yes!"))), step: conversation.StepParentAge, lang: "en",
			said: []string{"answer.chosen", "parent.question"}, events: []string{answered(conversation.StepChild, "text")},
		},
		{
			name: "a typed no in Arabic: the child alone", inputs: ins(cmd("start", "ar"), tap("age:u12"), text("لا")), step: conversation.StepResult, lang: "ar",
			incl: []string{"answer.chosen", "result.child_alone"}, events: []string{"*"},
		},
		{
			// A question under the result is the office's to answer: whom to ask, not "use the
			// buttons". The first counselling office has neither phone nor e-mail here: the
			// online counselling.
			name: "text at the result", inputs: seq(adultResult, ins(text("tell me more please"))), step: conversation.StepResult, lang: "en",
			said: []string{"result.ask_office", "online.none", "next.question"}, buttons: nextButtons,
		},
		{
			// "Did this help you?" answered in words or with the emoji: as its buttons, once.
			name: "yes typed under the result rates it", inputs: seq(adultResult, ins(text("Yes"))), step: conversation.StepResult, lang: "en",
			said: []string{"feedback.thanks", "next.question"}, buttons: nextButtons,
			events: []string{ev(dialog.EventFeedback, "answer", "yes")},
		},
		{
			name: "a thumb down typed under the result asks why", inputs: seq(adultResult, ins(text("👎🏽"))), step: conversation.StepResult, lang: "en",
			said: []string{"why.question"}, events: []string{ev(dialog.EventFeedback, "answer", "no")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if !s.AskedWhy {
					t.Error("not asked why")
				}
			},
		},
		{
			name: "yes typed under a rated result is no second rating", inputs: seq(adultResult, ins(tap("res:yes"), text("yes"))), step: conversation.StepResult, lang: "en",
			said: []string{"next.question"},
		},
		{
			name: "yes and more words under a rated result: taken note of", inputs: seq(adultResult, ins(tap("res:yes"), text("yes it helped a lot"))), step: conversation.StepResult, lang: "en",
			said: []string{"next.question"},
		},
		{
			name: "ok under the result: the question again, quietly", inputs: seq(adultResult, ins(text("OK"))), step: conversation.StepResult, lang: "en",
			said: []string{"next.question"}, buttons: nextButtons,
		},
		{
			name: "ok at the age question: the question again", inputs: ins(cmd("start", "de"), text("alles klar")), step: conversation.StepAge, lang: "de",
			said: []string{"age.question"},
		},
		{
			// "When do they work?" asks when the office is open (topic.ask): not the need of work.
			name: "a question about the office's hours under the result is no new need", inputs: ins(tap("lang:uk"), tap("age:27+"), tap("topic:housing"), tap("place:skip"), text("Коли вони працюють?")),
			step: conversation.StepResult, lang: "uk",
			said: []string{"result.ask_office", "online.none", "next.question"}, buttons: nextButtons,
			check: topicsAre("housing"),
		},
		{
			// The bare term alone (answer.hours): the office's hours, not the need of work.
			name: "working hours alone under the result", inputs: ins(tap("lang:ru"), tap("age:27+"), tap("topic:housing"), tap("place:skip"), text("Часы работы?")),
			step: conversation.StepResult, lang: "ru",
			said: []string{"result.ask_office", "online.none", "next.question"}, buttons: nextButtons,
			check: topicsAre("housing"),
		},
		{
			name: "thanks among other words under the result", inputs: seq(adultResult, ins(text("ok, thank you very much!"))), step: conversation.StepResult, lang: "en",
			said: []string{"you_are_welcome", "next.question"}, buttons: nextButtons,
		},
		{
			// "Did this help you?" answered in words (answer.helped, answer.not_helped), alone or
			// beside thanks, as its buttons are.
			name: "it helped, with thanks, under the result rates it", inputs: seq(adultResult, ins(text("it helped, thank you very much!"))), step: conversation.StepResult, lang: "en",
			said: []string{"feedback.thanks", "next.question"}, events: []string{ev(dialog.EventFeedback, "answer", "yes")},
		},
		{
			name: "thanks, yes: rated", inputs: seq(adultResult, ins(text("thanks, yes"))), step: conversation.StepResult, lang: "en",
			said: []string{"feedback.thanks", "next.question"}, events: []string{ev(dialog.EventFeedback, "answer", "yes")},
		},
		{
			name: "it did not help: what was missing", inputs: seq(adultResult, ins(text("this did not help me"))), step: conversation.StepResult, lang: "en",
			said: []string{"why.question"}, events: []string{ev(dialog.EventFeedback, "answer", "no")},
		},
		{
			name: "it did not help, in German", inputs: ins(cmd("start", "de"), tap("age:27+"), tap("topic:housing"), tap("place:skip"), text("Das hat mir leider nicht geholfen")),
			step: conversation.StepResult, lang: "de", said: []string{"why.question"}, events: []string{ev(dialog.EventFeedback, "answer", "no")},
		},
		{
			// "Not really", after a word that says nothing yet (J7: it was taken for a question
			// to the office).
			name: "hmm not really: what was missing", inputs: seq(adultResult, ins(text("hmm, not really"))), step: conversation.StepResult, lang: "en",
			said: []string{"why.question"}, events: []string{ev(dialog.EventFeedback, "answer", "no")},
		},
		{
			// Among other words it says something else: no rating.
			name: "not really among other words", inputs: seq(adultResult, ins(text("I am not really sure where this is"))), step: conversation.StepResult, lang: "en",
			incl: []string{"result.ask_office"}, notSaid: []string{"why.question", "feedback.thanks"}, events: []string{"*"},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Rated {
					t.Error("rated")
				}
			},
		},
		{
			name: "ну такое", inputs: ins(cmd("start", "ru"), tap("age:27+"), tap("topic:housing"), tap("place:skip"), text("ну такое")),
			step: conversation.StepResult, lang: "ru", said: []string{"why.question"}, events: []string{ev(dialog.EventFeedback, "answer", "no")},
		},
		{
			name: "naja, nicht wirklich", inputs: ins(cmd("start", "de"), tap("age:27+"), tap("topic:housing"), tap("place:skip"), text("naja, nicht wirklich")),
			step: conversation.StepResult, lang: "de", said: []string{"why.question"}, events: []string{ev(dialog.EventFeedback, "answer", "no")},
		},
		{
			// After 👍, "it did not help" asks what was missing; the rating counted once.
			name: "it did not help under a rated result: what was missing", inputs: seq(adultResult, ins(tap("res:yes"), text("actually it didn't help"))), step: conversation.StepResult, lang: "en",
			said: []string{"why.question"},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if !s.AskedWhy {
					t.Error("not asking why")
				}
			},
		},
		{
			name:   "what was missing told in words after 👎: another reason, other ways",
			inputs: seq(adultResult, ins(tap("res:no"), text("they do not speak my language and it is far"))), step: conversation.StepResult, lang: "en",
			incl: []string{"why.answer.something_else", "online.mbeon"}, events: []string{ev(dialog.EventFeedbackReason, "reason", "other")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.AskedWhy {
					t.Error("still asking why")
				}
			},
		},
		{
			// "Housing, not work": the need taken back is replaced, not kept beside the new one,
			// also where the not comes after the new need.
			name: "a need taken back under the result is replaced", inputs: ins(tap("lang:ru"), tap("age:27+"), tap("topic:work"), tap("place:skip"), text("нет подожди, мне нужно жилье а не работа")),
			step: conversation.StepResult, lang: "ru", incl: []string{"topic.recognized", "result.summary"}, events: []string{"*"},
			check: topicsAre("housing"),
		},
		{
			name: "a need taken back at the place question is replaced", inputs: ins(cmd("start", "en"), text("30, I need work"), text("sorry not work, I need a flat")),
			step: conversation.StepPlace, lang: "en", incl: []string{"topic.recognized"}, events: []string{"*"},
			check: topicsAre("housing"),
		},
		{
			// "Did this help you?" answered with more words than yes or no.
			name: "yes and more words under the result rate it", inputs: seq(adultResult, ins(text("yes it helped a lot"))), step: conversation.StepResult, lang: "en",
			said: []string{"feedback.thanks", "next.question"}, events: []string{ev(dialog.EventFeedback, "answer", "yes")},
		},
		{
			// The language's no is its "not" too, run on into the words after it: a sentence,
			// not an answer (J8: "nie rozumiem gdzie to jest" taken as 👎).
			name: "a negated sentence under the result asks the office", inputs: ins(cmd("start", "pl"), text("34"), tap("topic:housing"), tap("place:skip"), text("nie rozumiem gdzie to jest")),
			step: conversation.StepResult, lang: "pl", incl: []string{"result.ask_office"}, notSaid: []string{"why.question"}, events: []string{"*"},
		},
		{
			name: "a negated sentence in Russian", inputs: ins(cmd("start", "ru"), text("34"), tap("topic:housing"), tap("place:skip"), text("не очень понимаю где это")),
			step: conversation.StepResult, lang: "ru", incl: []string{"result.ask_office"}, notSaid: []string{"why.question"}, events: []string{"*"},
		},
		{
			name: "a no with a comma answers", inputs: ins(cmd("start", "pl"), text("34"), tap("topic:housing"), tap("place:skip"), text("nie, nie bardzo")),
			step: conversation.StepResult, lang: "pl", said: []string{"why.question"}, events: []string{ev(dialog.EventFeedback, "answer", "no")},
		},
		{
			name: "no and not really in French", inputs: ins(cmd("start", "fr"), text("34"), tap("topic:housing"), tap("place:skip"), text("non pas vraiment")),
			step: conversation.StepResult, lang: "fr", said: []string{"why.question"}, events: []string{ev(dialog.EventFeedback, "answer", "no")},
		},
		{
			name: "it does not help in Bulgarian", inputs: ins(cmd("start", "bg"), text("34"), tap("topic:housing"), tap("place:skip"), text("не ми помага")),
			step: conversation.StepResult, lang: "bg", said: []string{"why.question"}, events: []string{ev(dialog.EventFeedback, "answer", "no")},
		},
		{
			name: "no and more words under the result ask why", inputs: seq(adultResult, ins(text("no not really"))), step: conversation.StepResult, lang: "en",
			said: []string{"why.question"}, events: []string{ev(dialog.EventFeedback, "answer", "no")},
		},
		{
			name: "ok and thanks without a comma", inputs: seq(adultResult, ins(text("ok thank you"))), step: conversation.StepResult, lang: "en",
			said: []string{"you_are_welcome", "next.question"},
		},
		{
			name: "thanks with a word more", inputs: seq(adultResult, ins(text("thank you sister"))), step: conversation.StepResult, lang: "en",
			said: []string{"you_are_welcome", "next.question"},
		},
		{
			name: "thanks and a question: the question is answered", inputs: seq(adultResult, ins(text("thanks, how do I get there?"))), step: conversation.StepResult, lang: "en",
			incl: []string{"result.ask_office"},
		},
		{
			name: "no and a need: the need", inputs: seq(adultResult, ins(text("no, I need a German course"))), step: conversation.StepResult, lang: "en",
			incl: []string{"topic.recognized", "result.summary"}, events: []string{"*"},
		},
		{
			name: "a need told after 👎 answers what was missing", inputs: seq(adultResult, ins(tap("res:no"), text("they do not speak Arabic, I need a German course"))),
			step: conversation.StepResult, lang: "en", incl: []string{"why.answer.something_else"}, events: []string{ev(dialog.EventFeedbackReason, "reason", "other")},
		},
		{
			name: "yes with more words at the question about a young child", inputs: ins(cmd("start", "en"), text("9"), text("yes she lives with me")),
			step: conversation.StepParentAge, lang: "en", events: []string{"*"}, said: []string{"answer.chosen", "parent.question"},
		},
		{
			name: "is it free: yes, briefly, and the question again", inputs: ins(cmd("start", "en"), text("Is it free?")), step: conversation.StepAge, lang: "en",
			said: []string{"free", "age.question"},
		},
		{
			name: "I don't understand: one calm line and the question again, not the whole help", inputs: ins(cmd("start", "de"), text("ich verstehe nicht")),
			step: conversation.StepAge, lang: "de", said: []string{"confused", "age.question"},
		},
		{
			// A decision on an asylum application can be fought only for 1 or 2 weeks: said
			// before the offices, to everyone whose need is the asylum procedure.
			name: "the asylum deadline before the offices", inputs: ins(cmd("start", "en"), text("30"), tap("topic:asylum"), tap("place:skip")),
			step: conversation.StepResult, lang: "en", events: []string{"*"}, anyEdit: true, incl: []string{"result.asylum_deadline"},
			check: func(t *testing.T, _ conversation.State, out dialog.Output) {
				ids := lineIDs(out.Messages[len(out.Messages)-1])
				at, first := slices.Index(ids, "result.asylum_deadline"), slices.Index(ids, "office.title")
				if at < 0 || first >= 0 && at > first {
					t.Errorf("the deadline is not said before the offices: %v", ids)
				}
			},
		},
		{
			name: "no asylum deadline for another need", inputs: adultResult, step: conversation.StepResult, lang: "en", events: []string{"*"}, anyEdit: true,
			incl: []string{"result.intro"}, notSaid: []string{"result.asylum_deadline"},
		},
		{
			name: "a number alone under the result: the buttons", inputs: seq(adultResult, ins(text("7"))), step: conversation.StepResult, lang: "en",
			said: []string{"use_buttons", "next.question"}, buttons: nextButtons,
		},
		{
			name:   "a question under the result: the first office's address, map, phone and e-mail",
			inputs: ins(cmd("start", "en"), text("20"), tap("topic:residence"), tap("place:skip"), text("what are the opening hours?")),
			step:   conversation.StepResult, lang: "en",
			said: []string{"result.ask_office", "office.title", "office.provider", "office.address", "office.phone", "office.email", "next.question"},
			check: func(t *testing.T, _ conversation.State, out dialog.Output) {
				if lines := out.Messages[0].Lines; len(lines) < 3 || lines[2].Data["Number"] != 1 || lines[2].Data["Name"].(dialog.Text).Raw != "JMD Kassel" {
					t.Errorf("the office answering is not named as in the result: %+v", lines)
				}
				if b := out.Messages[0].Buttons; len(b) != 1 || b[0][0].Data != "res:map"+directory.Ref("jmd-kassel") {
					t.Errorf("no map button for the office: %+v", b)
				}
			},
		},
		{
			name: "thanks at the result", inputs: seq(adultResult, ins(text("thank you!"))), step: conversation.StepResult, lang: "en",
			said: []string{"you_are_welcome", "next.question"}, buttons: nextButtons,
		},
		{
			// A greeting is no age: the question again, not "I did not understand".
			name: "a greeting at the age question", inputs: ins(cmd("start", "en"), text("hi there")), step: conversation.StepAge, lang: "en",
			said: []string{"age.question"},
		},
		{
			name: "a greeting later: the question again", inputs: seq(toTopic, ins(text("hello"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"},
		},
		{
			name: "thanks before the result: the question again", inputs: seq(toTopic, ins(text("thanks"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"},
		},
		{
			name: "text over MaxMessageLength runes", inputs: seq(toTopic, ins(text(strings.Repeat("ä", conversation.MaxMessageLength+1)))),
			step: conversation.StepTopic, lang: "en", said: []string{"too_long", "topic.question"},
		},
		{
			name: "text of exactly MaxMessageLength runes is read", inputs: seq(toAge, ins(text(strings.Repeat("ä", conversation.MaxMessageLength)))),
			step: conversation.StepAge, lang: "en", said: []string{"age.not_understood", "age.question"},
		},
	})
}

// TestCommands covers the slash commands and the inputs that are not text or taps.
func TestCommands(t *testing.T) {
	mid := seq(toPlace) // English, age 34, housing: waiting for the place
	runTranscripts(t, []transcript{
		{
			name: "/start ar chooses the language from the payload", inputs: ins(cmd("start", "ar")), step: conversation.StepAge, lang: "ar",
			said: []string{"welcome", "age.question"}, events: []string{ev(dialog.EventStarted, "lang", "ar", "source", "link")},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if !s.Started || out.Messages[0].Lang != "" {
					t.Errorf("started %v, welcome in %q", s.Started, out.Messages[0].Lang)
				}
			},
		},
		{
			name:   "/start with a payload that is no language greets in the app's language; the payload counts as a campaign tag",
			inputs: ins(withClient(cmd("start", "xx"), "uk-UA")),
			step:   conversation.StepAge, lang: "uk", said: []string{"welcome", "age.question"}, buttons: ageButtons, noBtns: langButtons,
			events: []string{ev(dialog.EventStarted, "lang", "uk", "source", "link", "tag", "xx")},
		},
		{
			name: "/start mid-conversation keeps the language and asks again", inputs: seq(mid, ins(withClient(cmd("start", ""), "de"))),
			step: conversation.StepAge, lang: "en", said: []string{"welcome", "age.question"},
			events: []string{ev(dialog.EventStarted, "lang", "en", "source", "restart")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Age != nil || s.Topic != "" || s.PlaceDone || !s.Started {
					t.Errorf("answers kept: %+v", s)
				}
			},
		},
		{
			name: "/start with a language link mid-conversation switches", inputs: seq(mid, ins(cmd("start", "ar"))),
			step: conversation.StepAge, lang: "ar", said: []string{"welcome", "age.question"},
			events: []string{ev(dialog.EventLanguageSwitched, "from", "en", "to", "ar"), ev(dialog.EventStarted, "lang", "ar", "source", "link")},
		},
		{
			name: "/delete erases and says goodbye in the chat's language", inputs: seq(ins(cmd("start", "ar"), text("34")), ins(cmd("delete", ""))),
			step: conversation.StepLanguage, said: []string{"delete.done"}, erase: true, events: []string{ev(dialog.EventErased)},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if string(stateJSON(t, s)) != "{}" {
					t.Errorf("state kept: %s", stateJSON(t, s))
				}
				if out.Messages[0].Lang != "ar" {
					t.Errorf("goodbye in %q, want ar", out.Messages[0].Lang)
				}
			},
		},
		{
			name: "/delete before a language says goodbye in the app's language", inputs: ins(withClient(cmd("delete", ""), "tr")),
			step: conversation.StepLanguage, said: []string{"delete.done"}, erase: true, events: []string{ev(dialog.EventErased)},
			check: func(t *testing.T, _ conversation.State, out dialog.Output) {
				if out.Messages[0].Lang != "tr" {
					t.Errorf("goodbye in %q, want tr", out.Messages[0].Lang)
				}
			},
		},
		{
			name: "/restart clears the answers and keeps the language", inputs: seq(adultResult, ins(cmd("restart", ""))),
			step: conversation.StepAge, lang: "en", said: []string{"age.question"},
			events: []string{ev(dialog.EventStarted, "lang", "en", "source", "restart")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Age != nil || s.Topic != "" || s.PlaceDone || s.Results != nil || !s.Started {
					t.Errorf("state after restart: %+v", s)
				}
			},
		},
		{
			name: "/restart before a language greets and asks", inputs: ins(cmd("restart", "")), step: conversation.StepAge, lang: "en",
			said: []string{"welcome", "age.question"}, events: []string{ev(dialog.EventStarted, "lang", "en", "source", "direct")},
		},
		{
			name: "/help, then the question waiting", inputs: seq(mid, ins(cmd("help", ""))), step: conversation.StepPlace, lang: "en",
			said: []string{"help", "place.question"},
		},
		{
			name: "/help before a language helps in the app's language, then asks", inputs: ins(withClient(cmd("help", ""), "ar")),
			step: conversation.StepAge, lang: "ar", said: []string{"help", "age.question"}, buttons: []string{"nav:language"},
			events: []string{ev(dialog.EventStarted, "lang", "ar", "source", "direct")},
		},
		{
			name: "/privacy before a language in the app's language", inputs: ins(withClient(cmd("privacy", ""), "de-DE")),
			step: conversation.StepAge, lang: "de", said: []string{"privacy", "privacy_stats", "welcome", "age.question"},
			events: []string{ev(dialog.EventStarted, "lang", "de", "source", "direct")},
		},
		{
			name: "/language before a language greets with the picker", inputs: ins(withClient(cmd("language", ""), "fa")),
			step: conversation.StepAge, lang: "fa-AF", said: []string{"welcome", "language.prompt"}, buttons: langButtons,
			events: []string{ev(dialog.EventStarted, "lang", "fa-AF", "source", "direct")},
		},
		{
			name: "/privacy names the operator and the retention", inputs: seq(mid, ins(cmd("privacy", ""))), step: conversation.StepPlace, lang: "en",
			said: []string{"privacy", "privacy_stats", "place.question"},
			check: func(t *testing.T, _ conversation.State, out dialog.Output) {
				d := out.Messages[0].Lines[0].Data
				days, _ := d["Days"].(dialog.Text)
				if op, _ := d["Operator"].(dialog.Text); op.Raw != "Stadt Kassel" || days.ID != "privacy_days" || days.Count != 30 {
					t.Errorf("privacy data %v", d)
				}
			},
		},
		{
			name: "/language opens the picker", inputs: seq(mid, ins(cmd("language", ""))), step: conversation.StepPlace, lang: "en",
			said: []string{"language.prompt"}, buttons: langButtons,
		},
		{
			name: "unknown command asks the question again", inputs: seq(toAge, ins(cmd("foo", ""))), step: conversation.StepAge, lang: "en",
			said: []string{"unknown_command", "age.question"},
		},
		{
			name: "unknown command before a language greets and asks", inputs: ins(cmd("foo", "")), step: conversation.StepAge, lang: "en",
			said: []string{"welcome", "age.question"}, events: []string{ev(dialog.EventStarted, "lang", "en", "source", "direct")},
		},
		{
			name: "sticker", inputs: seq(toTopic, ins(sticker())), step: conversation.StepTopic, lang: "en",
			said: []string{"unsupported", "online.mbeon", "topic.question"},
		},
		{
			name: "sticker before a language greets", inputs: ins(withClient(sticker(), "de-AT")), step: conversation.StepAge, lang: "de",
			said:   []string{"welcome", "unsupported", "online.mbeon", "online.jmd4you", "age.question"},
			events: []string{ev(dialog.EventStarted, "lang", "de", "source", "direct")},
		},
		{
			name: "sticker at the result offers what next, not the result", inputs: seq(adultResult, ins(sticker())), step: conversation.StepResult, lang: "en",
			said: []string{"unsupported", "online.mbeon", "next.question"}, buttons: nextButtons,
		},
		{
			name: "resume asks where we were", inputs: seq(toTopic, ins(resume())), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"},
		},
		{
			name: "resume before a language greets", inputs: ins(resume()), step: conversation.StepAge, lang: "en",
			said: []string{"welcome", "age.question"}, events: []string{ev(dialog.EventStarted, "lang", "en", "source", "direct")},
		},
	})
}

// TestButtons covers stale and forged button data, the language picker and the change menu.
func TestButtons(t *testing.T) {
	stale := func(name string, from []dialog.Input, data string, step conversation.Step, question string) transcript {
		return transcript{
			name: name, inputs: seq(from, ins(tap(data))), step: step, lang: "en",
			said: []string{"stale", question}, notice: "stale",
		}
	}
	changed := func(t *testing.T, s conversation.State, _ dialog.Output) {
		if s.Changing {
			t.Error("still changing")
		}
	}
	runTranscripts(t, []transcript{
		stale("button of another step", toAge, "topic:housing", conversation.StepAge, "age.question"),
		stale("unknown prefix", toAge, "foo:bar", conversation.StepAge, "age.question"),
		stale("no prefix", toAge, "garbage", conversation.StepAge, "age.question"),
		stale("age:999", toAge, "age:999", conversation.StepAge, "age.question"),
		stale("age band u12 for a parent", toParentAge, "age:u12", conversation.StepParentAge, "parent.question"),
		stale("age band 12-17 for a parent", toParentAge, "age:12-17", conversation.StepParentAge, "parent.question"),
		stale("child:maybe", toChild, "child:maybe", conversation.StepChild, "child.question"),
		stale("topic:nonsense", toTopic, "topic:nonsense", conversation.StepTopic, "topic.question"),
		stale("place:skip at the age question", toAge, "place:skip", conversation.StepAge, "age.question"),
		stale("place:here", toPlace, "place:here", conversation.StepPlace, "place.question"),
		stale("res:restart at the topic question", toTopic, "res:restart", conversation.StepTopic, "topic.question"),
		stale("lang:xx keeps the language", toTopic, "lang:xx", conversation.StepTopic, "topic.question"),
		stale("chg:age outside the change menu", adultResult, "chg:age", conversation.StepResult, "next.question"),
		stale("chg:nonsense", toChangeMenu, "chg:nonsense", conversation.StepChange, "change.question"),
		stale("res:nonsense", adultResult, "res:nonsense", conversation.StepResult, "next.question"),
		{
			name: "lang:xx before a language greets in the app's language", inputs: ins(withClient(tap("lang:xx"), "tr")), step: conversation.StepAge, lang: "tr",
			said: []string{"welcome", "age.question"}, events: []string{ev(dialog.EventStarted, "lang", "tr", "source", "direct")},
		},
		{
			name: "a tap before a language greets", inputs: ins(tap("age:27+")), step: conversation.StepAge, lang: "en",
			said: []string{"welcome", "age.question"}, events: []string{ev(dialog.EventStarted, "lang", "en", "source", "direct")},
		},
		{
			name: "a tap before a language greets in the app's language", inputs: ins(dialog.Input{Kind: dialog.InputChoice, Choice: "age:27+", ClientLang: "ar"}),
			step: conversation.StepAge, lang: "ar", said: []string{"welcome", "age.question"}, events: []string{ev(dialog.EventStarted, "lang", "ar", "source", "direct")},
		},
		{
			name: "nav:language opens the picker and keeps the step", inputs: seq(toTopic, ins(tap("nav:language"))), step: conversation.StepTopic, lang: "en",
			said: []string{"language.prompt"}, buttons: langButtons,
		},
		{
			name: "switching the language mid-conversation", inputs: seq(toTopic, ins(tap("nav:language"), tap("lang:ar"))),
			step: conversation.StepTopic, lang: "ar", said: []string{"topic.question"}, anyEdit: true,
			events: []string{ev(dialog.EventLanguageSwitched, "from", "en", "to", "ar")},
			check: func(t *testing.T, _ conversation.State, out dialog.Output) {
				if out.Edit == nil || out.Edit.Lines[0].ID != "language.prompt" || out.Edit.Lines[len(out.Edit.Lines)-1].ID != "answer.chosen" {
					t.Errorf("edit %+v, want the picker answered with the language chosen", out.Edit)
				}
			},
		},
		{
			name: "change menu", inputs: toChangeMenu, step: conversation.StepChange, lang: "en",
			said: []string{"change.question"}, buttons: []string{"chg:age", "chg:topic", "chg:place", "chg:back"},
		},
		{
			name: "chg:age asks the age, keeps topic and place", inputs: seq(toChangeMenu, ins(tap("chg:age"))), step: conversation.StepAge, lang: "en",
			said: []string{"age.question"},
			check: func(t *testing.T, s conversation.State, o dialog.Output) {
				changed(t, s, o)
				if s.Age != nil || s.AgeTyped || s.Topic != "housing" || !s.PlaceDone {
					t.Errorf("state %+v", s)
				}
			},
		},
		{
			name: "chg:age then a typed age goes straight to the result", inputs: seq(toChangeMenu, ins(tap("chg:age"), text("40"))),
			step: conversation.StepResult, lang: "en", incl: []string{"result.summary", "feedback.question"},
			events: []string{
				answered(conversation.StepAge, "text"),
				ev(dialog.EventResult, "age_band", "27+", "topic", "housing", "lang", "en", "place", "no"),
				ev(dialog.EventOfficeNamed, "office", "mbe-kassel"), ev(dialog.EventOfficeNamed, "office", "mbe-baunatal"),
			},
		},
		{
			name: "chg:topic asks the topic", inputs: seq(toChangeMenu, ins(tap("chg:topic"))), step: conversation.StepTopic, lang: "en",
			said: []string{"topic.question"}, check: changed,
		},
		{
			name: "chg:place asks the place and forgets the position", inputs: seq(toPlace, ins(loc(51.3, 9.5), tap("res:change"), tap("chg:place"))),
			step: conversation.StepPlace, lang: "en", said: []string{"place.question"},
			check: func(t *testing.T, s conversation.State, o dialog.Output) {
				changed(t, s, o)
				placeKeyboard(t, o.Messages[0])
				if s.Lat != nil || s.Lon != nil || s.Topic != "housing" {
					t.Errorf("state %+v", s)
				}
			},
		},
		{
			name: "chg:back shows the result again", inputs: seq(toChangeMenu, ins(tap("chg:back"))), step: conversation.StepResult, lang: "en",
			incl: []string{"result.summary", "feedback.question"}, check: changed,
			events: []string{
				ev(dialog.EventResult, "age_band", "27+", "topic", "housing", "lang", "en", "place", "no"),
				ev(dialog.EventOfficeNamed, "office", "mbe-kassel"), ev(dialog.EventOfficeNamed, "office", "mbe-baunatal"),
			},
		},
		{
			name: "text in the change menu", inputs: seq(toChangeMenu, ins(text("how old?"))), step: conversation.StepChange, lang: "en",
			said: []string{"use_buttons", "change.question"},
		},
	})
}

// A tap on the language in use (a double tap, an older picker, /language answered with it)
// marks the tap and says the conversation goes on in it, with what may come next, not the
// result again: the result above is in it already (J4: after the tap, nothing came, and the
// person was left without a button to go on). Another language sends the result anew.
func TestTheLanguageInUseIsNotSentAgain(t *testing.T) {
	e := newEngine(t, nil)
	s, _ := run(t, e, conversation.State{}, adultResult)
	same, out := run(t, e, s, ins(tap("lang:en")))
	if !slices.Equal(said(out), []string{"language.chosen", "next.question"}) || out.Edit == nil || same.Lang != "en" || same.Step() != conversation.StepResult {
		t.Errorf("the language in use again: %v, edit %v", said(out), out.Edit)
	}
	other, out := run(t, e, s, ins(tap("lang:de")))
	if other.Lang != "de" || !slices.Contains(said(out), "result.summary") {
		t.Errorf("another language: %v", said(out))
	}
}

// topicsAre checks that the conversation's needs are want, in order.
func topicsAre(want ...directory.Topic) func(*testing.T, conversation.State, dialog.Output) {
	return func(t *testing.T, s conversation.State, _ dialog.Output) {
		if !slices.Equal(s.Topics, want) {
			t.Errorf("topics %q, want %q", s.Topics, want)
		}
	}
}

// TestResultButtonsTyped: under the result, a button's label typed (as it reads, or without
// its emoji and case) is the button: start over, change an answer, the card; in the menu of
// answers to change, its labels too (J5: "Почати спочатку" added a topic, "Изменить ответ"
// was taken for a question).
func TestResultButtonsTyped(t *testing.T) {
	e := newEngine(t, nil)
	toResult := func(lang string) []dialog.Input {
		return ins(tap("lang:"+lang), text("34"), tap("topic:housing"), tap("place:skip"))
	}
	for _, c := range []struct {
		lang, typed string
		step        conversation.Step
		said        string
	}{
		{"uk", "Почати спочатку", conversation.StepAge, "age.question"},
		{"ru", "изменить ответ", conversation.StepChange, "change.question"},
		{"tr", "Baştan başla", conversation.StepAge, "age.question"},
		{"de", "neu beginnen", conversation.StepAge, "age.question"},
		{"en", "card for the office", conversation.StepResult, "card.intro"},
	} {
		s, out := run(t, e, conversation.State{}, seq(toResult(c.lang), ins(text(c.typed))))
		if s.Step() != c.step || !slices.Contains(said(out), c.said) || len(s.Topics) > 1 {
			t.Errorf("%s %q: at %s, topics %q, said %q; want %s and %s", c.lang, c.typed, s.Step(), s.Topics, said(out), c.step, c.said)
		}
	}
	// The language button typed at a question (J6: "🌐 اللغة" was learning German).
	for _, c := range []struct{ lang, typed string }{{"ar", "🌐 اللغة"}, {"en", "Language"}} {
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.typed)))
		if got := said(out); !slices.Contains(got, "language.prompt") || len(s.Topics) > 0 {
			t.Errorf("%s %q at the age question: said %q, topics %q; want the language picker", c.lang, c.typed, got, s.Topics)
		}
	}
	s, out := run(t, e, conversation.State{}, seq(toResult("ru"), ins(text("изменить ответ"), text("Возраст"))))
	if s.Step() != conversation.StepAge || !slices.Contains(said(out), "age.question") {
		t.Errorf("a typed label in the change menu: at %s, said %q", s.Step(), said(out))
	}
}
