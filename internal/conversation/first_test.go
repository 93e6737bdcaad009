package conversation_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

var started = func(lang string) string { return ev(dialog.EventStarted, "lang", lang, "source", "direct") }

// oneGreeting checks that the first contact is answered with one message: the welcome, the
// question, and a button for another language, but not the language picker.
func oneGreeting(guessed bool) func(*testing.T, conversation.State, dialog.Output) {
	return func(t *testing.T, s conversation.State, out dialog.Output) {
		t.Helper()
		if len(out.Messages) != 1 || lineIDs(out.Messages[0])[0] != "welcome" {
			t.Fatalf("%d messages %q, want one greeting", len(out.Messages), said(out))
		}
		if s.LangGuessed != guessed {
			t.Errorf("guessed = %v, want %v", s.LangGuessed, guessed)
		}
		rows := out.Messages[0].Buttons
		last := rows[len(rows)-1]
		label := "button.language"
		if guessed {
			label = "button.other_language"
		}
		if len(last) != 1 || last[0].Data != "nav:language" || last[0].Label.ID != label {
			t.Errorf("last row %+v, want one %s button", last, label)
		}
	}
}

func wantTopics(ts ...directory.Topic) func(*testing.T, conversation.State, dialog.Output) {
	return func(t *testing.T, s conversation.State, _ dialog.Output) {
		t.Helper()
		got := slices.Clone(s.Topics)
		slices.Sort(got)
		want := slices.Clone(ts)
		slices.Sort(want)
		if !slices.Equal(got, want) || s.Topic != s.Topics[0] {
			t.Errorf("topics %q (main %q), want %q", s.Topics, s.Topic, ts)
		}
	}
}

func both(checks ...func(*testing.T, conversation.State, dialog.Output)) func(*testing.T, conversation.State, dialog.Output) {
	return func(t *testing.T, s conversation.State, out dialog.Output) {
		t.Helper()
		for _, c := range checks {
			c(t, s, out)
		}
	}
}

// TestFirstContact: a first message is answered at once, in the language the link, a typed
// language name, the script of the message or the app names, and counts as an answer where it
// is one. Nobody is stopped at the language picker.
func TestFirstContact(t *testing.T) {
	typed := answered(conversation.StepAge, "text")
	runTranscripts(t, []transcript{
		{
			name: "an age from a Ukrainian app", inputs: ins(withClient(text("5"), "uk")), step: conversation.StepChild, lang: "uk",
			said: []string{"welcome", "child.question"}, buttons: []string{"child:yes", "child:no", "nav:language"}, noBtns: langButtons,
			events: []string{started("uk"), typed}, check: both(oneGreeting(true), wantAge(5, "u12", true)),
		},
		{
			name: "an age in a Ukrainian sentence from an English app", inputs: ins(withClient(text("мені 34"), "en")), step: conversation.StepTopic, lang: "uk",
			said: []string{"welcome", "age.recognized", "topic.question"}, buttons: []string{"topic:housing", "nav:language"},
			events: []string{started("uk"), typed}, check: both(oneGreeting(true), wantAge(34, "27+", true)),
		},
		{
			name: "an age in Arabic digits and words from an English app", inputs: ins(withClient(text("عمري ٣٥"), "en")), step: conversation.StepTopic, lang: "ar",
			said: []string{"welcome", "age.recognized", "topic.question"}, events: []string{started("ar"), typed},
			check: both(oneGreeting(true), wantAge(35, "27+", true)),
		},
		{
			name: "an age in Dari words", inputs: ins(text("نوزده سال")), step: conversation.StepTopic, lang: "fa-AF",
			said: []string{"welcome", "age.recognized", "topic.question"}, events: []string{started("fa-AF"), typed},
			check: both(oneGreeting(true), wantAge(19, "18-26", true)),
		},
		{
			name: "an age in Russian words", inputs: ins(withClient(text("мне тридцать пять лет"), "de")), step: conversation.StepTopic, lang: "ru",
			said: []string{"welcome", "age.recognized", "topic.question"}, events: []string{started("ru"), typed}, check: wantAge(35, "27+", true),
		},
		{
			name: "a need in German without its special letters from an English app", inputs: ins(withClient(text("Hallo, ich brauche eine Wohnung"), "en")),
			step: conversation.StepAge, lang: "de", said: []string{"welcome", "topic.recognized", "age.question"},
			events: []string{started("de"), answered(conversation.StepTopic, "text")}, check: both(oneGreeting(true), wantTopics("housing")),
		},
		{
			name: "a need in Somali without an app language", inputs: ins(text("Salaan, waxaan u baahanahay guri")),
			step: conversation.StepAge, lang: "so", said: []string{"welcome", "topic.recognized", "age.question"},
			events: []string{started("so"), answered(conversation.StepTopic, "text")}, check: both(oneGreeting(true), wantTopics("housing")),
		},
		{
			name: "two needs in Ukrainian", inputs: ins(withClient(text("дитячий садок і курс німецької"), "uk")), step: conversation.StepAge, lang: "uk",
			said: []string{"welcome", "topic.recognized", "age.question"}, buttons: ageButtons,
			events: []string{started("uk"), answered(conversation.StepTopic, "text")}, check: both(oneGreeting(true), wantTopics("family", "german")),
		},
		{
			name: "two ages in one sentence", inputs: ins(withClient(text("I am 35 and my son is 3"), "en")), step: conversation.StepAge, lang: "en",
			said: []string{"welcome", "topic.recognized", "age.which"}, buttons: []string{"age:n35", "age:n3", "nav:language"}, noBtns: []string{"age:27+"},
			events: []string{started("en"), answered(conversation.StepTopic, "text")}, check: oneGreeting(true),
		},
		{
			name: "an age and a need", inputs: ins(withClient(text("мені 34, потрібен дитячий садок"), "uk")), step: conversation.StepPlace, lang: "uk",
			said:   []string{"welcome", "topic.recognized", "age.recognized", "place.question"},
			events: []string{started("uk"), answered(conversation.StepTopic, "text"), typed},
			check:  both(oneGreeting(true), wantAge(34, "27+", true), wantTopics("family")),
		},
		{
			name: "a need with a small number: the number is no age", inputs: ins(withClient(text("Ich habe 2 Kinder und suche eine Wohnung"), "de")),
			step: conversation.StepAge, lang: "de", said: []string{"welcome", "topic.recognized", "age.question"},
			events: []string{started("de"), answered(conversation.StepTopic, "text")},
			check: both(oneGreeting(true), wantTopics("housing"), func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Age != nil {
					t.Errorf("age %d taken from a count of children", *s.Age)
				}
			}),
		},
		{
			name: "a greeting word only", inputs: ins(withClient(text("hallo"), "de")), step: conversation.StepAge, lang: "de",
			said: []string{"welcome", "age.question"}, events: []string{started("de")}, check: oneGreeting(true),
		},
		{
			name: "a language's own name", inputs: ins(withClient(text("Українська"), "de")), step: conversation.StepAge, lang: "uk",
			said: []string{"welcome", "age.question"}, events: []string{started("uk"), answered(conversation.StepLanguage, "text")}, check: oneGreeting(false),
		},
		{
			name: "a language's English name", inputs: ins(withClient(text("arabic"), "en")), step: conversation.StepAge, lang: "ar",
			said: []string{"welcome", "age.question"}, events: []string{started("ar"), answered(conversation.StepLanguage, "text")}, check: oneGreeting(false),
		},
		{
			name: "Dari by its name", inputs: ins(withClient(text("دری"), "ar")), step: conversation.StepAge, lang: "fa-AF",
			said: []string{"welcome", "age.question"}, events: []string{started("fa-AF"), answered(conversation.StepLanguage, "text")},
		},
		{
			name: "a language's German name", inputs: ins(text("Türkisch")), step: conversation.StepAge, lang: "tr",
			said: []string{"welcome", "age.question"}, events: []string{started("tr"), answered(conversation.StepLanguage, "text")},
		},
		{
			name: "a voice note first, from an Arabic app", inputs: ins(withClient(sticker(), "ar")), step: conversation.StepAge, lang: "ar",
			said: []string{"welcome", "unsupported", "online.mbeon", "online.jmd4you", "age.question"}, events: []string{started("ar")}, check: oneGreeting(true),
		},
		{
			// The welcome was said in English: it comes again in the language followed.
			name: "a guessed language follows the script of a later message", inputs: ins(withClient(text("hello"), "en"), text("عمري ٣٥")),
			step: conversation.StepTopic, lang: "ar", said: []string{"welcome", "age.recognized", "topic.question"},
			events: []string{ev(dialog.EventLanguageSwitched, "from", "en", "to", "ar"), typed},
		},
		{
			name: "a chosen language does not follow the script", inputs: ins(cmd("start", "en"), text("عمري ٣٥")),
			step: conversation.StepTopic, lang: "en", said: []string{"age.recognized", "topic.question"}, events: []string{typed},
		},
		{
			name: "a language name at the age question switches", inputs: ins(cmd("start", "en"), text("Deutsch")),
			step: conversation.StepAge, lang: "de", said: []string{"language.chosen", "age.question"},
			events: []string{ev(dialog.EventLanguageSwitched, "from", "en", "to", "de")},
		},
		{
			name: "a language name at the topic question that names no need switches", inputs: seq(toTopic, ins(text("Türkçe"))),
			step: conversation.StepTopic, lang: "tr", said: []string{"language.chosen", "topic.question"},
			events: []string{ev(dialog.EventLanguageSwitched, "from", "en", "to", "tr")},
		},
		{
			name: "German named at the topic question is the need to learn it", inputs: seq(toTopic, ins(text("German"))),
			step: conversation.StepPlace, lang: "en", said: []string{"topic.recognized", "place.question"},
			events: []string{answered(conversation.StepTopic, "text")}, check: wantTopics("german"),
		},
		{
			name: "German typed at the picker asked for chooses it, at the topic question too", inputs: seq(toTopic, ins(cmd("language", ""), text("Deutsch"))),
			step: conversation.StepTopic, lang: "de", said: []string{"language.chosen", "topic.question"},
			events: []string{ev(dialog.EventLanguageSwitched, "from", "en", "to", "de")},
		},
		{
			name: "a language given with /language is chosen at once", inputs: seq(toTopic, ins(cmd("language", "uk"))),
			step: conversation.StepTopic, lang: "uk", said: []string{"language.chosen", "topic.question"},
			events: []string{ev(dialog.EventLanguageSwitched, "from", "en", "to", "uk")},
		},
		{
			name: "a language named with /language is chosen at once", inputs: seq(toTopic, ins(cmd("language", "Deutsch"))),
			step: conversation.StepTopic, lang: "de", said: []string{"language.chosen", "topic.question"},
			events: []string{ev(dialog.EventLanguageSwitched, "from", "en", "to", "de")},
		},
		{
			name: "a language chosen with /language after the picker ends the picker", inputs: seq(toTopic, ins(cmd("language", ""), cmd("language", "de"), text("Deutsch"))),
			step: conversation.StepPlace, lang: "de", said: []string{"topic.recognized", "place.question"},
			events: []string{answered(conversation.StepTopic, "text")}, check: wantTopics("german"),
		},
		{
			name: "/language with a language as the first input", inputs: ins(withClient(cmd("language", "uk"), "en")),
			step: conversation.StepAge, lang: "uk", said: []string{"welcome", "age.question"},
			events: []string{started("uk"), answered(conversation.StepLanguage, "text")},
		},
		{
			name: "a picker left is no longer asked", inputs: seq(toTopic, ins(cmd("language", ""), cmd("help", ""), text("German"))),
			step: conversation.StepPlace, lang: "en", said: []string{"topic.recognized", "place.question"},
			events: []string{answered(conversation.StepTopic, "text")}, check: wantTopics("german"),
		},
	})
}

// TestOneStartedEventPerConversation: before anything is tapped, every message goes on with
// the conversation: one greeting, one "started" event, never the picker again.
func TestOneStartedEventPerConversation(t *testing.T) {
	for _, c := range []struct {
		lang   string
		inputs []dialog.Input
	}{
		{"uk", ins(text("5"), text("мені 34"), sticker(), cmd("help", ""), tap("age:27+"))},
		{"ar", ins(text("مرحبا"), text("عمري ٣٥"), sticker(), cmd("privacy", ""), cmd("help", ""))},
		{"de", ins(sticker(), text("hallo"), cmd("foo", ""), resume(), text("34"))},
	} {
		t.Run(c.lang, func(t *testing.T) {
			e := newEngine(t, nil)
			var s conversation.State
			starts, greetings := 0, 0
			for _, in := range c.inputs {
				in.ClientLang = c.lang
				next, out, err := e.Handle(context.Background(), s, in)
				if err != nil {
					t.Fatal(err)
				}
				s = next
				for _, e := range out.Events {
					if e.Kind == dialog.EventStarted {
						starts++
					}
				}
				ids := said(out)
				if slices.Contains(ids, "language.prompt") {
					t.Errorf("%+v: the picker, unasked", in)
				}
				if slices.Contains(ids, "welcome") {
					greetings++
				}
			}
			if starts != 1 || greetings != 1 || s.Lang != c.lang {
				t.Errorf("%d started events, %d greetings, language %q; want 1, 1, %s", starts, greetings, s.Lang, c.lang)
			}
		})
	}
}

// TestCommandsInTheLanguageKnownSoFar: /help and /privacy say what they say in the language
// known so far, even before one is chosen, and /help names every command.
func TestCommandsInTheLanguageKnownSoFar(t *testing.T) {
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"ar", "de", "uk", "fa-AF"} {
		for _, command := range []string{"help", "privacy"} {
			t.Run(lang+"/"+command, func(t *testing.T) {
				_, out := run(t, newEngine(t, nil), conversation.State{}, ins(withClient(cmd(command, ""), lang)))
				if out.Messages[0].Lines[0].ID != command {
					t.Fatalf("said %q first", said(out))
				}
				got := cat.RenderMessage(lang, out.Messages[0])
				if en := cat.RenderMessage("en", out.Messages[0]); got == en {
					t.Errorf("%s answered in English:\n%s", command, got)
				}
			})
		}
		help := cat.Render(lang, dialog.T("help"))
		for _, c := range []string{"/start", "/restart", "/language", "/privacy", "/delete", "/help"} {
			if !containsCommand(help, c) {
				t.Errorf("%s: /help does not list %s:\n%s", lang, c, help)
			}
		}
	}
}

// containsCommand reports whether help lists the command on a line of its own.
func containsCommand(help, command string) bool {
	for _, line := range splitLines(help) {
		if stripBidi(line) != "" && slices.Contains([]string{command}, firstWord(stripBidi(line))) {
			return true
		}
	}
	return false
}

// TestLanguageNamedAmongWords: a language named with a word or two more ("arabic please")
// chooses it, first or at a question; not where it names a need ("learn German") or beside
// a number.
func TestLanguageNamedAmongWords(t *testing.T) {
	cases := []struct {
		name   string
		inputs []dialog.Input
		lang   string
		step   conversation.Step
	}{
		{"first message", ins(dialog.Input{Kind: dialog.InputText, Text: "arabic please", ClientLang: "de"}), "ar", conversation.StepAge},
		{"at the age question", ins(tap("lang:en"), text("farsi lotfan")), "fa-AF", conversation.StepAge},
		{"at the topic question", ins(tap("lang:en"), text("34"), text("Türkçe lütfen")), "tr", conversation.StepTopic},
		{"a need, not a language", ins(tap("lang:en"), text("34"), text("learn German")), "en", conversation.StepPlace},
		{"German at the topic question is the need", ins(tap("lang:de"), text("34"), text("Deutsch bitte")), "de", conversation.StepPlace},
		{"beside a number, the age", ins(tap("lang:en"), text("arabic 34")), "en", conversation.StepTopic},
		{"refused", ins(tap("lang:en"), text("no Arabic")), "en", conversation.StepAge},
		{"with the word for a language", ins(tap("lang:de"), text("на русском языке")), "ru", conversation.StepAge},
		{"with the word for a language, at the topic question", ins(tap("lang:ru"), text("34"), text("українською мовою")), "uk", conversation.StepTopic},
		{"a language course is a need", ins(tap("lang:ru"), text("34"), text("курсы английского языка")), "ru", conversation.StepPlace},
		// The need read in the language the message is written in, not the phone's.
		{"a need in another language than the phone's", ins(dialog.Input{Kind: dialog.InputText, Text: "almanca kursu istiyorum", ClientLang: "en"}), "tr", conversation.StepAge},
		// Asked for in a question or with "please" in the language of the name.
		{"asked for at the age question", ins(tap("lang:de"), text("can you speak arabic?")), "ar", conversation.StepAge},
		{"asked for at the topic question", ins(tap("lang:de"), text("34"), text("по-русски пожалуйста")), "ru", conversation.StepTopic},
		{"asked for in a first message", ins(dialog.Input{Kind: dialog.InputText, Text: "Sprechen Sie Türkisch?", ClientLang: "de"}), "tr", conversation.StepAge},
		{"a need with the words that ask", ins(tap("lang:en"), text("34"), text("please speak German course")), "en", conversation.StepPlace},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, out := run(t, newEngine(t, nil), conversation.State{}, c.inputs)
			if s.Lang != c.lang || s.Step() != c.step {
				t.Errorf("language %s at %s, want %s at %s (said %q)", s.Lang, s.Step(), c.lang, c.step, said(out))
			}
		})
	}
	// In a conversation whose language was guessed, a request in another script is one,
	// though the script already points to the language asked for: before any answer, the
	// welcome (said in English) comes again in it; later, the choice is confirmed.
	for typed, lang := range map[string]string{"بالعربي": "ar", "по-русски": "ru", "በትግርኛ": "ti"} {
		s, out := run(t, newEngine(t, nil), conversation.State{}, ins(withClient(text("hello"), "en"), text(typed)))
		if s.Lang != lang || !slices.Contains(said(out), "welcome") || s.LangGuessed {
			t.Errorf("%q: language %s, said %q; want %s chosen with the welcome", typed, s.Lang, said(out), lang)
		}
		s, out = run(t, newEngine(t, nil), conversation.State{}, ins(withClient(text("hello"), "en"), text("34"), text(typed)))
		if s.Lang != lang || !slices.Contains(said(out), "language.chosen") {
			t.Errorf("%q at the topic question: language %s, said %q; want %s chosen", typed, s.Lang, said(out), lang)
		}
	}
}

// TestLanguageSpokenAmongWordsIsNoChoice: the name of the language spoken already, among a
// word or two ("nicht Deutsch", "no english"), is no choice of it: the person says something
// else, and is not told "we continue in German".
func TestLanguageSpokenAmongWordsIsNoChoice(t *testing.T) {
	for lang, typed := range map[string]string{"de": "nicht Deutsch", "en": "no english"} {
		_, out := run(t, newEngine(t, nil), conversation.State{}, ins(tap("lang:"+lang), text(typed)))
		if got := said(out); slices.Contains(got, "language.chosen") {
			t.Errorf("%s: %q said %q", lang, typed, got)
		}
	}
}

// TestGuessedLanguageStaysWithItsWords: a conversation whose language was guessed follows a
// later message written in another language, but not one that holds words of its own
// ("please help me, guri ma haysto" is Somali with English in it) or, in a script several
// languages share, its own letters and common words.
func TestGuessedLanguageStaysWithItsWords(t *testing.T) {
	for _, c := range []struct {
		name, first, phone, later, want string
	}{
		{"English words in a Somali message", "Salaan, waxaan u baahanahay caawimaad", "de", "please help me, guri ma haysto", "so"},
		{"a Bulgarian message Russian writes alike", "Здравейте, имам нужда от помощ", "de", "Нужна ми е квартира", "bg"},
		{"an Arabic message with a word Dari writes too", "مرحبا، احتاج مساعدة", "de", "لطفا ساعدني", "ar"},
		{"a German office word in a Russian message", "Здравствуйте, мне нужна помощь", "de", "ausländerbehörde не отвечает", "ru"},
		{"Dari after an Arabic greeting", "سلام", "de", "من کار میخواهم", "fa-AF"},
		{"English after an English-looking German", "Hallo, ich brauche Hilfe", "de", "I need help with the Jobcenter please", "en"},
		// A word of one letter or one the other language writes too keeps nothing: English
		// "i" is Somali "me" and Polish "and", Turkish "iş" is English "is" once folded, and
		// German "im" is outweighed by "ich" and "suche".
		{"Somali with an \"i\" from an English phone", "hello", "en", "salaan, waxaan ahay 30 jir, milkiilaha ayaa i leh ka bax bisha dambe", "so"},
		{"Polish with an \"i\" from an English phone", "hello", "en", "szukam pracy i mieszkania", "pl"},
		{"Turkish iş from an English phone", "hello", "en", "acil iş arıyorum", "tr"},
		{"German with \"im\" from an English phone", "hello", "en", "ich suche arbeit im lager", "de"},
		// A Dari message after a greeting taken for Pashto holds a word Pashto writes too,
		// but more of Dari's.
		{"Dari after a greeting taken for Pashto", "سلام علیکم", "en", "من بیستو هشت ساله هستم، دنبال کار میگردم", "fa-AF"},
		// A few words of Russian in a Ukrainian conversation do not turn it Russian.
		{"a short Russian question in a Ukrainian conversation", "Привіт, мені потрібна допомога", "de", "кто ты?", "uk"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, out := run(t, newEngine(t, nil), conversation.State{}, ins(withClient(text(c.first), c.phone), text(c.later)))
			if s.Lang != c.want {
				t.Errorf("language %s, want %s (said %q)", s.Lang, c.want, said(out))
			}
		})
	}
}

// TestCountryAtThePlaceQuestion: a word that is a country's name and a language's
// ("ጀርመን", Germany and German) answers the place question; it chooses no language there.
func TestCountryAtThePlaceQuestion(t *testing.T) {
	s, out := run(t, newEngine(t, nil), conversation.State{}, ins(cmd("start", "ti"), tap("age:27+"), tap("topic:housing"), text("ጀርመን")))
	if s.Lang != "ti" || slices.Contains(said(out), "language.chosen") {
		t.Errorf("language %s, said %q: Germany was taken for German", s.Lang, said(out))
	}
}

// TestFirstWordsInAnotherLanguageAreAFirstMessage: the app sends /start in its language, and
// the person's first typed words are in another: they are answered as a first message would
// be, with the welcome in their language (not "I did not understand this age" under a welcome
// they could not read), and what the words answer is taken.
func TestFirstWordsInAnotherLanguageAreAFirstMessage(t *testing.T) {
	for _, c := range []struct {
		name, typed, lang string
		want              []string
		age               bool
	}{
		{"a greeting", "مرحبا", "ar", []string{"welcome", "age.question"}, false},
		{"an age and a need", "szukam pracy i mieszkania, mam 29 lat", "pl", []string{"welcome", "topic.recognized", "age.recognized"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, out := run(t, newEngine(t, nil), conversation.State{}, ins(withClient(cmd("start", ""), "en"), text(c.typed)))
			got := said(out)
			if s.Lang != c.lang || (s.Age != nil) != c.age || slices.Contains(got, "age.invalid") {
				t.Errorf("language %s, age %v, said %q", s.Lang, s.Age, got)
			}
			for _, id := range c.want {
				if !slices.Contains(got, id) {
					t.Errorf("said %q, want %s among them", got, id)
				}
			}
		})
	}
	// Once something is answered, a later message in another language only changes the
	// language: no second welcome.
	s, out := run(t, newEngine(t, nil), conversation.State{}, ins(withClient(cmd("start", ""), "en"), tap("age:27+"), text("szukam pracy i mieszkania")))
	if s.Lang != "pl" || slices.Contains(said(out), "welcome") {
		t.Errorf("language %s, said %q", s.Lang, said(out))
	}
}

// A first message that several languages write alike ("سلام" is Arabic, Dari and Pashto) is
// answered in the one guessed, and the others are offered by name above the button for
// another language; tapping one says the welcome again in it, with the question. The same
// for the first words after the app's /start. A message of one language, or a greeting the
// phone's language says too, offers none; nor does a later message.
func TestUndecidedLanguagesAreOffered(t *testing.T) {
	offered := func(out dialog.Output) []string {
		var langs []string
		for _, b := range buttons(out) {
			if strings.HasPrefix(b, "lang:") {
				langs = append(langs, strings.TrimPrefix(b, "lang:"))
			}
		}
		return langs
	}
	for _, c := range []struct {
		name   string
		inputs []dialog.Input
		lang   string
		want   []string
	}{
		{"a shared greeting first", ins(text("سلام")), "ar", []string{"fa-AF", "ps"}},
		{"after the app's /start", ins(withClient(cmd("start", ""), "en"), text("سلام")), "ar", []string{"fa-AF", "ps"}},
		{"a shared greeting in Latin letters", ins(withClient(text("salam"), "en")), "en", []string{"ar", "fa-AF", "so", "ps", "fr"}},
		{"in Cyrillic", ins(withClient(text("Привет"), "de")), "ru", []string{"uk", "bg"}},
		{"the phone's language says it", ins(withClient(text("سلام"), "fa-AF")), "fa-AF", nil},
		{"one language's greeting", ins(text("مرحبا")), "ar", nil},
		{"words of one language", ins(text("کار میخواهم")), "fa-AF", nil},
		{"a later message", ins(text("مرحبا"), text("34"), text("سلام")), "ar", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, out := run(t, newEngine(t, nil), conversation.State{}, c.inputs)
			got := offered(out)
			if s.Lang != c.lang || !slices.Equal(got, c.want) {
				t.Errorf("language %s, offered %q; want %s and %q", s.Lang, got, c.lang, c.want)
			}
			if bs := buttons(out); len(c.want) > 0 && bs[len(bs)-1] != "nav:language" {
				t.Errorf("buttons %q: the languages offered come before the one for another language", bs)
			}
		})
	}
	// Tapped: the welcome in the language chosen, with the question, and no more guessing.
	s, out := run(t, newEngine(t, nil), conversation.State{}, ins(text("سلام"), tap("lang:fa-AF")))
	if s.Lang != "fa-AF" || s.LangGuessed || !slices.Equal(said(out), []string{"welcome", "age.question"}) || len(offered(out)) > 0 {
		t.Errorf("language %s (guessed %v), said %q, offered %q", s.Lang, s.LangGuessed, said(out), offered(out))
	}
	if out.Edit == nil || !slices.Contains(lineIDs(*out.Edit), "answer.chosen") {
		t.Errorf("the tapped message is not marked answered: %+v", out.Edit)
	}
}

// German words newcomers of every language type ("Deutsch lernen", "Arbeit suchen") neither
// make a guessed conversation German nor another language: the need is taken in the language
// spoken.
func TestGermanWordsInAGuessedConversation(t *testing.T) {
	for _, c := range []struct {
		name   string
		inputs []dialog.Input
		lang   string
	}{
		{"Arabic, then German words", ins(text("مرحبا"), text("30"), text("Arbeit suchen")), "ar"},
		{"Russian, then German words", ins(text("Привет"), text("30"), text("Wohnung suchen")), "ru"},
		{"English phone, Deutsch lernen", ins(withClient(text("hello"), "en"), text("30"), text("Deutsch lernen")), "en"},
		{"a first message", ins(withClient(text("Deutsch lernen"), "en")), "en"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, out := run(t, newEngine(t, nil), conversation.State{}, c.inputs)
			if s.Lang != c.lang || !slices.Contains(said(out), "topic.recognized") {
				t.Errorf("language %s, said %q; want %s and the need understood", s.Lang, said(out), c.lang)
			}
		})
	}
}

// A call for help in a language the phone is not set to ("ajutor") is answered in it.
func TestHelpInTheLanguageItIsWrittenIn(t *testing.T) {
	for _, inputs := range [][]dialog.Input{
		ins(withClient(text("ajutor"), "en")),
		ins(withClient(cmd("start", ""), "en"), text("ajutor")),
	} {
		s, out := run(t, newEngine(t, nil), conversation.State{}, inputs)
		if s.Lang != "ro" || !slices.Contains(said(out), "plea") {
			t.Errorf("language %s, said %q; want the plea in Romanian", s.Lang, said(out))
		}
	}
}

// While the language is a guess, the topic question keeps the button for another language;
// once chosen, it has none.
func TestTopicQuestionOffersAnotherLanguageWhileGuessed(t *testing.T) {
	_, out := run(t, newEngine(t, nil), conversation.State{}, ins(text("مرحبا"), text("30")))
	if !slices.Contains(buttons(out), "nav:language") {
		t.Errorf("guessed: buttons %q lack the one for another language", buttons(out))
	}
	_, out = run(t, newEngine(t, nil), conversation.State{}, ins(tap("lang:ar"), text("30")))
	if slices.Contains(buttons(out), "nav:language") {
		t.Errorf("chosen: buttons %q", buttons(out))
	}
}
