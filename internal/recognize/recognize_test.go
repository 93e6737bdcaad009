package recognize

import (
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
)

func testRecognizer() *Recognizer {
	r := New(map[string][]string{"ku": {"tr"}}, "en", "de")
	r.Add("en", "work", "work, job, job interview, employer, employment")
	r.Add("en", "asylum", "asylum, bamf interview, anhörung, deportation, aufenthaltsgestattung")
	r.Add("en", "housing", "flat, apartment, housing, shelter.")
	r.Add("en", "letters", "letter, form*")
	r.Add("en", "money", "jobcenter, benefits")
	r.Add("en", "other", "something else, other")
	r.Add("de", "family", "kita*, kindergarten")
	r.Add("en", "family", "~daughter, ~son, divorce")
	r.Add("en", "education", "school")
	r.Add("de", "german", "deutschkurs, integrationskurs")
	r.Add("tr", "housing", "ev, kira*")
	r.Add("ar", "housing", "سكن, شقة, بيت")
	r.Add("ar", "work", "عمل, شغل")
	r.Add("ti", "housing", "ገዛ")
	r.Add("en", "discrimination", "racism, bullied")
	r.Add("en", "residence", "visa, residence permit")
	r.Add("en", "family_reunion", "join me")
	r.Add("en", "recognition", "recognition, recognised")
	r.Add("en", "education", "university, studying")
	return r
}

func TestRecognize(t *testing.T) {
	r := testRecognizer()
	cases := []struct {
		name, lang, text string
		want             []directory.Topic
	}{
		{"one word", "en", "I need a flat", []directory.Topic{"housing"}},
		{"stem of a long word", "en", "looking for apartments", []directory.Topic{"housing"}},
		{"forced stem", "en", "this formular", []directory.Topic{"letters"}},
		{"whole word only", "en", "a sheltered workshop", nil},
		{"whole word as written", "en", "a shelter", []directory.Topic{"housing"}},
		{"short word is whole", "en", "a flatter life", nil},
		{"longer phrase wins", "en", "I have a job interview tomorrow", []directory.Topic{"work"}},
		{"phrase words anywhere", "en", "BAMF invited me, the interview is Monday", []directory.Topic{"asylum"}},
		{"two needs, the longer keyword first", "en", "Kitaplatz and a Deutschkurs please", []directory.Topic{"german", "family"}},
		{"longer keyword first", "en", "the Jobcenter sent a letter", []directory.Topic{"money", "letters"}},
		{"same length in order", "en", "a letter about my flat", []directory.Topic{"letters", "housing"}},
		{"a compound counts as 12 letters", "en", "a job, employment, with my Aufenthaltsgestattung", []directory.Topic{"work", "asylum"}},
		{"nothing", "en", "hello, thank you", nil},
		{"context word alone", "en", "my daughter does not listen to me", []directory.Topic{"family"}},
		{"context word beside a need", "en", "a school for my daughter", []directory.Topic{"education"}},
		{"context word beside a need of its topic", "en", "divorce, my son", []directory.Topic{"family"}},
		{"something else alone", "en", "something else", []directory.Topic{"other"}},
		{"something else dropped beside a need", "en", "other question: a flat", []directory.Topic{"housing"}},
		{"fallback language", "ku", "kiraya malê", []directory.Topic{"housing"}},
		{"no fallback for others", "en", "kiraya", nil},
		{"arabic clitic", "ar", "أبحث عن السكن", []directory.Topic{"housing"}},
		{"arabic conjunction and article", "ar", "والشغل", []directory.Topic{"work"}},
		{"arabic possessive", "ar", "بيتي صغير", []directory.Topic{"housing"}},
		{"levantine on the", "ar", "رحت عالشغل", []directory.Topic{"work"}},
		{"levantine this", "ar", "هالسكن غالي", []directory.Topic{"housing"}},
		{"arabic three letters stay whole", "ar", "عملية", nil},
		{"ethiopic fold", "ti", "ገዛ ደልየ", []directory.Topic{"housing"}},
		{"ethiopic ending", "ti", "ገዛን ስራሕን", []directory.Topic{"housing"}},
		{"what happened before where", "en", "my son is bullied at school", []directory.Topic{"discrimination", "education"}},
		{"discrimination before any setting", "en", "racism at the jobcenter, then a flat", []directory.Topic{"discrimination", "money", "housing"}},
		{"reunification before the visa", "en", "a visa so my wife can join me", []directory.Topic{"family_reunion", "residence"}},
		{"recognition before studying", "en", "is my university degree recognised", []directory.Topic{"recognition", "education"}},
		{"other topics keep their place", "en", "residence permit, university degree recognised", []directory.Topic{"residence", "recognition", "education"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := r.Recognize(c.lang, c.text); !slices.Equal(got, c.want) {
				t.Errorf("Recognize(%s, %q) = %v, want %v", c.lang, c.text, got, c.want)
			}
		})
	}
}

// A message of several sentences is read for what it asks last; needs told in sentences of
// their own stay, of a story's topics only the first in rank.
func TestAsked(t *testing.T) {
	r := testRecognizer()
	r.AddSelf("en", "i lived in, i worked as")
	cases := []struct {
		name, text string
		want       []directory.Topic
	}{
		{"the last question says what is asked", "I lived in a flat in Homs. I worked as a cook in a big hotel! Where can I do a Deutschkurs?", []directory.Topic{"german", "housing"}},
		{"needs told in sentences of their own stay", "I need a flat. I need a job. Where can I do a Deutschkurs?", []directory.Topic{"german", "housing", "work"}},
		{"a question that names no need asks about the rest", "I need a flat and a job. Can you help?", []directory.Topic{"housing", "work"}},
		{"one sentence keeps its ranking", "where can I do a Deutschkurs, I have a flat and a job?", []directory.Topic{"german", "housing", "work"}},
	}
	for _, c := range cases {
		if got := r.Recognize("en", c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q = %v, want %v", c.name, c.text, got, c.want)
		}
	}
}

// A self-description names no topic by its own words nor by the context words of the people
// around the writer alone; other context words and keywords still name theirs (a keyword
// also where it occurs again outside the self-description), and the phrase counts only with
// its words in order, side by side.
func TestSelfDescriptionsDoNotDecideByContextWords(t *testing.T) {
	r := testRecognizer()
	r.AddSelf("en", "i am from, we live in, we came with, i work as")
	r.AddSelf("ar", "انا من")
	r.Add("en", "asylum", "~refused")
	r.Add("ar", "family", "~ابني")
	r.Add("en", "work", "work, boss")
	r.AddSelf("ti", "ካብ ኤርትራ እየ")
	r.Add("ti", "family_reunion", "ሰበይ* ኤርትራ")
	r.AddSelf("tr", "almanca bilmiyorum")
	r.Add("tr", "german", "almanca bilmiyorum, almanca öğren")
	cases := []struct {
		name, lang, text string
		want             []directory.Topic
	}{
		{"who the writer is", "en", "I am from Aleppo, here with my daughter", nil},
		{"where they live", "en", "we live in Kassel, my son and me", nil},
		{"how they came", "en", "we came with our son", nil},
		{"a need beside it", "en", "I am from Aleppo and need a flat for my daughter", []directory.Topic{"housing"}},
		{"another topic's context word", "en", "I am from Aleppo, my application was refused", []directory.Topic{"asylum"}},
		{"a context word without one", "en", "my daughter does not listen to me", []directory.Topic{"family"}},
		// People counted are no self-description: "my 2 sons fight every day", "I have 4
		// children and my husband left" are family matters (a count alone, "I have 3 kids",
		// is offered family too).
		{"people counted", "en", "my 2 daughters fight every day", []directory.Topic{"family"}},
		{"words apart are no phrase", "en", "I am worried, my daughter came home late from her friends", []directory.Topic{"family"}},
		{"words out of order are no phrase", "en", "in we live, my son", []directory.Topic{"family"}},
		{"always-read list", "ku", "I am from Afrin, my son", nil},
		{"arabic, normalised", "ar", "أنا من سوريا", nil},
		{"arabic context word after it", "ar", "انا من حلب مع ابني", nil},
		{"their work", "en", "we live in Kassel with my son, I work as a driver", nil},
		{"a keyword beside their work", "en", "I work as a driver and my boss does not pay me", []directory.Topic{"work"}},
		{"the keyword again, outside it", "en", "I work as a cook and need other work", []directory.Topic{"work"}},
		{"the keyword alone", "en", "I need work", []directory.Topic{"work"}},
		{"a phrase leaning on it", "ti", "ካብ ኤርትራ እየ፣ ምስ ሰበይተይ ኣብ ካሰል ንነብር", nil},
		{"the phrase without it", "ti", "ሰበይተይ ኣብ ኤርትራ ኣላ", []directory.Topic{"family_reunion"}},
		// A self-description that is itself one of a topic's phrases describes the writer;
		// a phrase of that topic leaning on it, with a word of its own, asks for it.
		{"a description that is a topic's phrase", "tr", "almanca bilmiyorum", nil},
		{"a phrase of its topic leaning on it", "tr", "almanca bilmiyorum ama öğrenmek istiyorum", []directory.Topic{"german"}},
	}
	for _, c := range cases {
		if got := r.Recognize(c.lang, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q gave %v, want %v", c.name, c.text, got, c.want)
		}
	}
}

// In a message that says all else is well and then comes to its need after "but", the
// topics named before "all is well" are the writer's settled life, not what they ask about;
// without the phrase, or with the need between the phrase and "but", nothing is dropped.
// A topic said not to be the need ("not housing") is dropped where a need named without a
// "not" comes after it; a "not" after the need is part of telling it, a topic named only with
// a "not" stays, and something else keeps its own "not". The context is read around the
// phrase's words, or around its first word where they lie apart ("ev değil, iş lazım" holds
// "ev lazım").
func TestNotTheNeed(t *testing.T) {
	r := testRecognizer()
	r.AddNot("en", "not #, not the #, dont need a #")
	r.AddNot("tr", "# değil")
	r.AddNot("ar", "مو #")
	r.Add("en", "other", "fit the form")
	r.Add("tr", "housing", "ev lazım")
	r.Add("en", "money", "not paying")
	r.AddNot("ti", "# ኣይደልን")
	r.Add("ti", "health", "ክነብር ኣይደልን")
	cases := []struct {
		name, lang, text string
		want             []directory.Topic
	}{
		{"a correction", "en", "not the flat, I have one. I need a job", []directory.Topic{"work"}},
		{"don't need", "en", "I dont need a flat, I need a job", []directory.Topic{"work"}},
		{"a not after the need tells it", "en", "I have a job offer but my diploma is not recognised", []directory.Topic{"recognition", "work"}},
		{"only a not: the topic stays", "en", "not a flat", []directory.Topic{"housing"}},
		{"a context word after a not tells nothing", "en", "I have not benefits and my daughter is hungry", []directory.Topic{"money"}},
		{"after the first word of a phrase whose words lie apart", "tr", "ev değil, iş lazım, job", []directory.Topic{"work"}},
		{"a not inside a phrase is its own", "en", "my boss is not paying, I need a flat", []directory.Topic{"money", "housing"}},
		{"a not-context word inside a phrase is the phrase's", "ti", "ክነብር ኣይደልን ገዛ", []directory.Topic{"health", "housing"}},
		{"arabic", "ar", "مو سكن، بدي شغل", []directory.Topic{"work"}},
		{"something else keeps its own not", "en", "my question does not fit the form", []directory.Topic{"other"}},
	}
	for _, c := range cases {
		if got := r.Recognize(c.lang, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s: Recognize(%q) = %v, want %v", c.name, c.text, got, c.want)
		}
	}
	// What a writer takes back, before or after the need named, but only beside one.
	for text, want := range map[string][]directory.Topic{
		"not the flat, I have one. I need a job": {"housing"},
		"I need a job, not the flat":             {"housing"},
		"I dont need a flat, I need a job":       {"housing"},
		"not a flat":                             nil,
		"I need a flat":                          nil,
		"a flat, not a flat":                     nil,
	} {
		if got := r.NegatedTopics("en", text); !slices.Equal(got, want) {
			t.Errorf("NegatedTopics(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestSettledLifeBeforeTheNeedIsNotOffered(t *testing.T) {
	r := testRecognizer()
	r.AddSettled("en", "all is fine, all good", "but, however, only")
	r.AddSettled("ar", "كل شي تمام", "بس, لكن")
	r.Add("en", "housing", "flat")
	r.Add("en", "work", "job, work")
	r.Add("en", "family", "hits me, ~my husband")
	r.Add("en", "recognition", "recognised")
	r.Add("ar", "housing", "شقة")
	r.Add("ar", "work", "شغل")
	cases := []struct {
		name, lang, text string
		want             []directory.Topic
	}{
		{"the need after the settled life", "en", "We have a flat, I have a job, all is fine, but my husband hits me", []directory.Topic{"family"}},
		{"a context word after it", "en", "We have a flat and a job, all is fine. However my husband drinks", []directory.Topic{"family"}},
		{"no phrase: what comes before but is a need too", "en", "I want to work as a nurse, but my diploma is not recognised", []directory.Topic{"recognition", "work"}},
		{"a greeting, then the needs", "en", "hello, all good? I need a flat, but I have no job", []directory.Topic{"housing", "work"}},
		{"a greeting asked in more words", "en", "all good with you? I need a flat, but I have no job", []directory.Topic{"housing", "work"}},
		{"arabic question mark", "ar", "كل شي تمام؟ بدي شقة بس ما عندي شغل", []directory.Topic{"housing", "work"}},
		{"all is well first", "en", "all is fine: my husband has a job, we have a flat, but he hits me", []directory.Topic{"family"}},
		{"nothing named after but", "en", "We have a flat, all is fine, but thank you", []directory.Topic{"housing"}},
		{"but before the phrase", "en", "I have a job but no flat, all is fine otherwise", []directory.Topic{"housing", "work"}},
		{"only inside the need: the last word after which something is named", "en", "We have a flat, all is fine, but I need a job, only part time", []directory.Topic{"work"}},
		{"only as the word before the need", "en", "We have a flat and a job, all is fine, only my husband hits me", []directory.Topic{"family"}},
		{"arabic", "ar", "عندنا شقة وزوجي عنده شغل كل شي تمام بس ما لقيت شغل الي", []directory.Topic{"work"}},
	}
	for _, c := range cases {
		if got := r.Recognize(c.lang, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q gave %v, want %v", c.name, c.text, got, c.want)
		}
	}
}

// A phrase written "!phrase" names its topic as any other and says the writer may be in
// danger ("!=phrase" only with its words side by side); covered by a longer phrase of another
// topic that is not marked, said not to be the case, or in a message without one, it says
// nothing.
func TestDanger(t *testing.T) {
	r := testRecognizer()
	r.Add("en", "family", "!hits me, !locks me in")
	r.Add("en", "health", "!want to die, !=dont want to live anymore")
	r.Add("en", "discrimination", "hits me because black, !attacked me because black")
	r.AddNot("en", "not #, does not #")
	cases := []struct {
		text         string
		topics, want []directory.Topic
	}{
		{"my husband hits me and I need a flat", []directory.Topic{"family", "housing"}, []directory.Topic{"family"}},
		{"sometimes I want to die", []directory.Topic{"health"}, []directory.Topic{"health"}},
		{"he locks me in and I want to die", []directory.Topic{"family", "health"}, []directory.Topic{"family", "health"}},
		{"a man hits me because I am black", []directory.Topic{"discrimination"}, nil},
		{"a man attacked me because I am black", []directory.Topic{"discrimination"}, []directory.Topic{"discrimination"}},
		{"he does not hits me, I need a job", []directory.Topic{"work"}, nil},
		{"he does not hits me", []directory.Topic{"family"}, nil},
		{"I need a flat", []directory.Topic{"housing"}, nil},
		{"I dont want to live anymore", []directory.Topic{"health"}, []directory.Topic{"health"}},
		{"we live in a flat. I dont want to go to school anymore", []directory.Topic{"education", "housing"}, nil},
		{"hello", nil, nil},
	}
	for _, c := range cases {
		if got := r.Recognize("en", c.text); !slices.Equal(got, c.topics) {
			t.Errorf("Recognize(%q) = %v, want %v", c.text, got, c.topics)
		}
		if got := r.Danger("en", c.text); !slices.Equal(got, c.want) {
			t.Errorf("Danger(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestAlwaysListsLeaveShortOwnWords: a short word the bot writes in lowercase in a language
// is that language's own, and the lists read for every language do not read it there: French
// "son" (his, her) is no English son, English "kind" no German Kind. A capitalised word the
// text keeps ("Kita") is still read, and a list of the language itself reads everything.
func TestAlwaysListsLeaveShortOwnWords(t *testing.T) {
	r := New(nil, "en", "de")
	r.Add("en", "family", "son")
	r.Add("de", "family", "kind, kita")
	r.Add("fr", "family", "fils")
	r.AddWords("fr", "Je cherche son adresse. Pas de place en Kita.")
	r.AddWords("en", "What kind of help do you need?")
	r.Build()
	for _, tc := range []struct {
		lang, text string
		want       bool
	}{
		{"fr", "je ne trouve pas son adresse", false},
		{"en", "what kind of course is good", false},
		{"fr", "pas de place en kita", true},
		{"fr", "mon fils est malade", true},
		{"en", "my son is sick", true},
		{"de", "mein Kind", true},
	} {
		if got := r.Recognize(tc.lang, tc.text); (len(got) > 0) != tc.want {
			t.Errorf("Recognize(%s, %q) = %v, want a topic: %v", tc.lang, tc.text, got, tc.want)
		}
	}
}

// What a writer says they have already is not offered when they name a need elsewhere, and
// is when they name nothing else: a self-description would lose "I have my residence permit,
// but it expires next month"; but not when they say all is well.
func TestWhatTheWriterHasAlready(t *testing.T) {
	r := New(nil)
	r.Add("en", "residence", "residence permit, citizenship")
	r.Add("en", "work", "job, boss")
	r.Add("en", "housing", "flat")
	r.Add("en", "family", "~kids")
	r.AddHave("en", "i have a job, i found a flat, i have my residence permit")
	r.AddSettled("en", "all good, all is fine", "but")
	for _, c := range []struct {
		text string
		want []directory.Topic
	}{
		{"I have a job and I found a flat, now I want citizenship", []directory.Topic{"residence"}},
		{"I have my residence permit but it expires next month", []directory.Topic{"residence"}},
		{"I have a job but the boss does not pay", []directory.Topic{"work"}},
		{"I have a job, I found a flat", []directory.Topic{"housing", "work"}},
		{"I found a flat for me and my kids", []directory.Topic{"housing"}},
		{"I need a job and a flat", []directory.Topic{"housing", "work"}},
		// Said to be all well, it is the settled life, unless something follows a "but".
		{"all good, I have a job and I found a flat, thanks", nil},
		{"all is fine, I have my residence permit but it expires next month", []directory.Topic{"residence"}},
		{"all good? I have a job, I found a flat", []directory.Topic{"housing", "work"}}, // a greeting
	} {
		got := r.Recognize("en", c.text)
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.text, got, c.want)
		}
	}
}

// A question about an office names no topic by its words ("when do they work?" asks when it
// is open), with or without a self-description beside it; other words still name theirs, and
// the writer's own work is still work.
func TestQuestionsAboutAnOffice(t *testing.T) {
	r := New(nil)
	r.Add("en", "work", "work, job, working hours")
	r.Add("en", "housing", "flat")
	r.Add("ru", "work", "работ*")
	r.AddSelf("en", "i am from")
	r.AddAsk("en", "when do they work, their working hours, opening hours")
	r.AddAsk("ru", "часы работы, когда они работают")
	for _, c := range []struct {
		lang, text string
		want       []directory.Topic
	}{
		{"en", "When do they work?", nil},
		{"en", "what are their working hours", nil},
		{"en", "I am from Syria, when do they work?", nil},
		{"en", "opening hours? I also need a flat", []directory.Topic{"housing"}},
		{"en", "my working hours are too long", []directory.Topic{"work"}},
		{"en", "when do they work? I need a job", []directory.Topic{"work"}},
		{"ru", "Когда они работают?", nil},
		{"ru", "какие у них часы работы", nil},
		{"ru", "ищу работу", []directory.Topic{"work"}},
	} {
		got := r.Recognize(c.lang, c.text)
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %q: %v, want %v", c.lang, c.text, got, c.want)
		}
		if named := r.NamesNeed(c.lang, c.text); named != (len(c.want) > 0) {
			t.Errorf("%s %q: NamesNeed = %v", c.lang, c.text, named)
		}
	}
}

func TestClauses(t *testing.T) {
	for text, want := range map[string][]string{
		"it helped, thanks!": {"it helped", " thanks"},
		"شكرا، ساعدني كثيرا": {"شكرا", " ساعدني كثيرا"},
		"thanks":             {"thanks"},
		"?!":                 nil,
	} {
		if got := Clauses(text); !slices.Equal(got, want) {
			t.Errorf("Clauses(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestNumberOnlyPhrasesAreLeftOut: a phrase of numbers alone ("§ 24": the sign is no word)
// names no topic, or every message with the number would name it ("j'ai 30 ans et ma femme
// 24" was a residence matter, J4).
func TestNumberOnlyPhrasesAreLeftOut(t *testing.T) {
	r := New(nil)
	r.Add("fr", "residence", "=§ 24, titre de séjour")
	if got := r.Recognize("fr", "j'ai 30 ans et ma femme 24"); len(got) != 0 {
		t.Errorf("an age read as %q", got)
	}
	if got := r.Recognize("fr", "mon titre de séjour"); len(got) != 1 {
		t.Errorf("the phrase beside it: %q", got)
	}
}
