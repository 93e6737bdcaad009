package conversation

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/recognize"
)

// Directory finds offices; the store implements it.
type Directory interface {
	Match(ctx context.Context, q directory.Query) (directory.Matches, error)
	Office(ctx context.Context, id string) (directory.Office, error)
}

// Language is a shipped language: its tag and its name in its own script.
type Language struct {
	Tag, Name string
}

// Languages is what the engine needs to know about the shipped translations.
type Languages interface {
	// List returns the shipped languages in the order the picker shows them.
	List() []Language
	// Match returns the shipped language closest to a client's language tag.
	Match(tag string) string
	// RecognizeTopics finds the topics free text written in lang names, the main one first.
	RecognizeTopics(lang, text string) []directory.Topic
	// NegatedTopics are the topics free text written in lang names only to say they are not
	// the need, beside another one ("housing, not work": work).
	NegatedTopics(lang, text string) []directory.Topic
	// Danger returns the topics of the phrases in free text written in lang that say its
	// writer may be in danger now (violence, threats, a wish to die).
	Danger(lang, text string) []directory.Topic
	// NamesNeed reports whether free text written in lang names a need in a phrase of its own,
	// not only by a context word ("my 3 kids").
	NamesNeed(lang, text string) bool
	// NamesPeople reports whether free text written in lang names one of the people around
	// the writer ("my son", "ابني").
	NamesPeople(lang, text string) bool
	// DescribesSelf reports whether free text written in lang describes its writer ("I am
	// from Aleppo, I live here with my wife").
	DescribesSelf(lang, text string) bool
	// Numbers returns the whole numbers typed in text written in lang that may be an age, in
	// order: digits and number words ("thirty five" is 35); others counts those that the words
	// around make a time or a count ("2 years ago", "3 children").
	Numbers(lang, text string) (ages []int, others int)
	// SpokenDigits returns the n digits text written in lang spells out as number words, one
	// a digit ("drei vier eins zwei eins": a postcode said, or dictated).
	SpokenDigits(lang, text string, n int) (string, bool)
	// StatedAge returns an age the text states as the writer's own ("my age is 43", "عمري
	// ٤٣"), where a bare number may be something else.
	StatedAge(lang, text string) (int, bool)
	// AgedNumber returns a number the text says is somebody's age ("my daughter is 8 years
	// old", "عمرها ٨ سنين"), however small.
	AgedNumber(lang, text string) (int, bool)
	// BornIn returns the number the words around it in text written in lang say is a year of
	// birth ("born in 1990", "مواليد ١٩٩٠").
	BornIn(lang, text string) (int, bool)
	// Calendars are the calendars lang's readers count years in, most used first ("persian",
	// "gregorian").
	Calendars(lang string) []string
	// Named returns the shipped language a message names when it is nothing but a language's
	// name ("Українська", "arabic", "دری").
	Named(text string) (string, bool)
	// NamedAmong returns the shipped language a short message written in lang names among a
	// word or two more ("arabic please", "farsi lotfan", "по-русски"), not said not to be it
	// ("not Arabic").
	NamedAmong(lang, text string) (string, bool)
	// OnlyNamesLanguage says whether such a message holds nothing beside the name but short
	// words and the word for a language ("на русском языке").
	OnlyNamesLanguage(lang, text string) bool
	// Guess returns the shipped language the script and letters of a typed message point to;
	// hint decides between languages that write alike; "" when the text says nothing.
	Guess(text, hint string) string
	// Undecided are the other languages a message may as well be written in, when nothing
	// in it tells them apart from the one Guess takes (or the hint): a greeting several say.
	Undecided(text, hint string) []string
	// NamesCountry says whether text names a country by a word a shipped language also names
	// a language with ("ጀርመን", "Jarmal": Germany and German).
	NamesCountry(text string) bool
	// Keeps says whether text, guessed to be written in guessed, is still lang's: in Latin
	// letters, it holds words of lang (small words, words only its catalog or its keyword
	// lists hold), at least as many as of guessed's; in a script several languages write, it
	// is mostly in that script and holds not clearly more of guessed's letters and words.
	Keeps(lang, guessed, text string) bool
	// Says reports whether text is message id as a shipped language says it: a reply
	// keyboard's button sends its label as text.
	Says(id, text string) bool
	// SaysOneOf reports whether text, as a whole, is one of the answers message id lists in
	// lang or English ("yes, yeah, yep").
	SaysOneOf(lang, id, text string) bool
	// Filler says whether text is a word that opens an answer without saying yes or no yet
	// ("well", "ну", Polish "no"): answer.filler.
	Filler(lang, text string) bool
	// SaysWithin is SaysOneOf for a short message that holds one of the answers among a
	// few more words ("I don't know my postcode").
	SaysWithin(lang, id, text string) bool
	// SaysLabel is Says read word by word: case, accents, punctuation and emoji aside.
	SaysLabel(id, text string) bool
	// Holds is SaysWithin for a message of any length.
	Holds(lang, id, text string) bool
	// HoldsWords is Holds for text already split as recognize.Normalize splits it.
	HoldsWords(lang, id string, words []string) bool
	// HoldsAt is Holds that says at which words (as recognize.Normalize splits text).
	HoldsAt(lang, id, text string) (from, to int, ok bool)
	// HoldsStem says whether one of words begins with a stem id lists ("забер": "заберут").
	HoldsStem(lang, id string, words []string) bool
	// HoldsStemAt is HoldsStem that says where: the words the longest run of stems found begins.
	HoldsStemAt(lang, id string, words []string) (from, to int, ok bool)
	// AlmostAge returns the number an age typed in lang is said to be nearly ("almost 18").
	AlmostAge(lang, text string) (int, bool)
	// Month returns the month (1 to 12) a name typed in lang, English or German names.
	Month(lang, name string) (int, bool)
	// NearWord is where among words a one-word answer of id stands typed as heard (a slip,
	// an ending, glued to another script).
	NearWord(lang, id string, words []string) (at int, ok bool)
	// Endings are the entries of id in lang written as an ending ("-dan"), without the dash.
	Endings(lang, id string) []string
	// LabeledTopic is the topic whose button's label, in a shipped language, text is.
	LabeledTopic(text string) (directory.Topic, bool)
	// SaysInAny is SaysOneOf in any shipped language ("Hilfe", "imdat" in an Arabic
	// conversation).
	SaysInAny(id, text string) bool
	// RefusedAt reports whether the words first to last of text written in lang (as a
	// place's name was read in them) are refused by a word beside them, in lang, English or
	// German ("not", "kein", "yok": answer.refuse): "I don't live in Kassel".
	RefusedAt(lang, text string, first, last int) bool
	// RefusedSince is RefusedAt for a name after another one whose words end before from:
	// a refusal of that name ("Kassel değil, Baunatal") is not this one's.
	RefusedSince(lang, text string, from, first, last int) bool
}

// Engine runs conversations. It holds no per-chat data: all of that is in State.
type Engine struct {
	Dir   Directory
	Langs Languages
	// Operator names who is responsible for the service, for /privacy.
	Operator string
	// RetentionDays is how long an inactive conversation is kept, for /privacy.
	RetentionDays int
	// Now is the clock that says whether an office is open now, and what age a year of birth
	// gives; nil means time.Now.
	Now func() time.Time
	// Hours is the offices' zone and public holidays, for "open now". Without a Zone a result
	// says nothing about it: opening hours read in the wrong zone would mislead.
	Hours directory.Calendar
	// Places reads typed postcodes at the place question; nil: only locations are understood.
	Places Places
	// Reopen offers, under a closed or full office, to tell the person once when it is open
	// again; the runner must keep those requests (chat.Runner.Reopen).
	Reopen bool
	// Contact says which offices of a result can be asked to contact the newcomer; nil
	// offers none.
	Contact Contacts
}

// Handle applies one input to a state. It returns the new state and what to say. An error
// means the directory could not be read; the state is then unchanged and the caller answers
// that the service is temporarily unavailable.
func (e *Engine) Handle(ctx context.Context, s State, in dialog.Input) (State, dialog.Output, error) {
	var out dialog.Output
	next := s
	var err error
	tapped := false // a reply keyboard's label sent back: a tap, no words to read
	switch {
	case next.Lang == "" && !(in.Kind == dialog.InputCommand && in.Text == "delete"):
		err = e.begin(ctx, &next, in, &out)
	case in.Kind == dialog.InputCommand:
		err = e.command(ctx, &next, in, &out)
	case in.Kind == dialog.InputChoice:
		err = e.choice(ctx, &next, in, &out)
	case in.Kind == dialog.InputText:
		opening, spoken := next.opening(), next.Lang
		if tapped = e.keyboardTap(&next, in.Text); tapped {
			// The place keyboard's "skip", sent back by the app as its label: a tap, answered
			// as one, not read as words (no language guessed from it, no place, need or danger).
			err = e.answerPlace(ctx, &next, strings.TrimSpace(in.Text), &out)
		} else {
			err = e.text(ctx, &next, in, &out)
		}
		if err == nil && opening {
			e.offerUndecided(&next, in.Text, spoken, &out)
		}
	case in.Kind == dialog.InputLocation:
		err = e.location(ctx, &next, in, &out)
	case in.Kind == dialog.InputResume:
		err = e.reask(ctx, &next, &out)
	default:
		err = e.unsupported(ctx, &next, &out)
	}
	if err != nil {
		return s, dialog.Output{}, err
	}
	if in.Kind != dialog.InputCommand || in.Text != "language" {
		next.Picking = false // the picker shown last (/language) was answered by this input, or left
	}
	if in.Kind == dialog.InputText {
		if !tapped {
			e.sayDanger(&next, in.Text, &out) // whatever the question, and a message too long to read
		}
		sayStuck(&next, &out)
	} else {
		next.Missed = 0 // a tap, a command, a location: the person found a way on
	}
	return next, out, nil
}

// command answers a /command, in the conversation's language.
func (e *Engine) command(ctx context.Context, s *State, in dialog.Input, out *dialog.Output) error {
	switch in.Text {
	case "start":
		return e.startAgain(ctx, s, in.Arg, out)
	case "language":
		// "/language de" or "/language Deutsch" chooses at once; without a language, the picker.
		if lang, ok := e.languageArg(in.Arg); ok {
			s.Picking = false
			return e.chooseLanguage(ctx, s, lang, s.Lang, out)
		}
		s.Picking = true
		out.Messages = append(out.Messages, e.picker())
		return nil
	// Help, privacy and about are answered, and the question waiting comes again below them.
	case "help":
		out.Say(dialog.T("help"))
		return e.reask(ctx, s, out)
	case "privacy":
		out.Say(e.privacy()...)
		return e.reask(ctx, s, out)
	case "about":
		out.Messages = append(out.Messages, e.about())
		return e.reask(ctx, s, out)
	case "delete":
		lang := s.Lang
		*s = State{}
		out.Erase = true
		if lang == "" {
			lang = e.Langs.Match(in.ClientLang)
		}
		// The goodbye is said in the language the user had; nothing of it is kept.
		out.Say(dialog.T("delete.done")).Lang = lang
		out.Record(dialog.EventErased)
		return nil
	case "restart":
		s.answers()
		out.Record(dialog.EventStarted, "lang", s.Lang, "source", "restart")
		return e.ask(ctx, s, out)
	}
	out.Say(dialog.T("unknown_command"))
	return e.reask(ctx, s, out)
}

func (e *Engine) privacy() []dialog.Text {
	lines := []dialog.Text{dialog.T("privacy", "Operator", dialog.Raw(e.Operator), "Days", dialog.Plural("privacy_days", e.RetentionDays)), dialog.Raw(""), dialog.T("privacy_stats")}
	if e.Reopen {
		lines = append(lines, dialog.Raw(""), dialog.T("notify.privacy"))
	}
	return lines
}

// startAgain is /start in a conversation: the questions begin again, in the language chosen
// so far, or in the one a share link names (/start ar); a campaign link's tag is counted.
func (e *Engine) startAgain(ctx context.Context, s *State, payload string, out *dialog.Output) error {
	source := "restart"
	lang, tag := e.startPayload(payload) // a share or campaign link (campaign.go)
	if tag != "" {
		source = "link"
	}
	if lang != "" {
		if lang != s.Lang {
			out.Record(dialog.EventLanguageSwitched, "from", s.Lang, "to", lang)
		}
		s.Lang, s.LangGuessed, source = lang, false, "link"
	}
	s.answers()
	out.Record(dialog.EventStarted, startDims(s.Lang, source, tag)...)
	return e.greet(ctx, s, nil, out)
}

func (e *Engine) shipped(tag string) (string, bool) {
	for _, l := range e.Langs.List() {
		if strings.EqualFold(l.Tag, tag) {
			return l.Tag, true
		}
	}
	return "", false
}

// languageArg is the language "/language" was given: a shipped tag ("uk") or a language's
// name ("Українська", "Deutsch").
func (e *Engine) languageArg(arg string) (string, bool) {
	if tag, ok := e.shipped(arg); ok {
		return tag, true
	}
	return e.Langs.Named(arg)
}

func (e *Engine) picker() dialog.Message {
	m := dialog.Message{Lines: []dialog.Text{dialog.T("language.prompt")}}
	langs := e.Langs.List()
	for i := 0; i < len(langs); i += 3 {
		var row []dialog.Button
		for _, l := range langs[i:min(i+3, len(langs))] {
			row = append(row, button(dialog.Raw(l.Name), prefixLang, l.Tag))
		}
		m.Buttons = append(m.Buttons, row)
	}
	return m
}

// phoneNumber finds a phone number typed in a message: a 0 or + and eight digits or more,
// spaces, dashes or slashes between them ("0176 12345678", "+49 561 1234567").
var phoneNumber = regexp.MustCompile(`(^|[^\d])(\+|0)\d(?:[ \-/]?\d){7,}`)

// withoutParents says whether text, or one of its clauses, says its writer is here without
// parents (answer.without_parents: "alone", "without my family", "no parents here").
func (e *Engine) withoutParents(lang, text string) bool {
	// Said of the writer, not of a person named right before ("my father came alone first,
	// then we followed": J6).
	own := func(piece string) bool {
		from, _, ok := e.Langs.HoldsAt(lang, "answer.without_parents", piece)
		words := recognize.Normalize(piece)
		return ok && !e.Langs.NamesPeople(lang, strings.Join(words[max(0, from-2):from], " "))
	}
	if len(recognize.Normalize(text)) <= maxAloneWords && own(text) {
		return true // "پسرم ۱۶ ساله است و تنها در آلمان است": one sentence, no comma
	}
	for _, piece := range append([]string{text}, recognize.Clauses(text)...) {
		if e.Langs.SaysWithin(lang, "answer.without_parents", piece) && own(piece) {
			return true
		}
	}
	return false
}

// withParents says whether a short answer says that its writer lives with a parent now ("I
// live with my mother", "живу с мамой", "annemle yaşıyorum": answer.with_parents, in the message
// or one of its clauses). A false yes costs a young person here alone the Jugendamt and the
// emergency numbers, so anything else the answer says leaves the question to its buttons: a
// word of answer.negation or answer.was anywhere ("I don't live with my parents", "كنت مع اهلي",
// "I want to live with my mother"); a person named before the phrase ("my sister lives with
// my father"); after it, any word but those that say one lives there, yes or nothing ("با پدر و
// مادر کلانم", with my grandparents; "… بتركيا", in Turkey); before it, more than one such
// other word ("я", "انا").
func (e *Engine) withParents(lang, text string) bool {
	return e.saysOnly(lang, "answer.with_parents", text)
}

// withParentsBeside says whether a message that gives an age says, in a clause of its own
// without a number, that its writer lives with a parent, and nothing else there ("мне 17, я
// с мамой, нужна помощь с документами"; J7: the question came again, as if not heard). A
// clause with the age in it is not read: its words about the age are other words.
func (e *Engine) withParentsBeside(lang, text string) bool {
	for _, piece := range recognize.Clauses(text) {
		if piece != text && !hasDigits(piece) && e.withParents(lang, piece) {
			return true
		}
	}
	return false
}

// saysOnly says whether a short answer, or one of its clauses, holds a phrase of id and
// nothing else (see withParents for what else is read).
func (e *Engine) saysOnly(lang, id, text string) bool {
	if len(recognize.Normalize(text)) > maxAloneWords || e.Langs.Holds(lang, "answer.negation", text) || e.Langs.Holds(lang, "answer.was", text) {
		return false
	}
	clauses := recognize.Clauses(text)
	for i, piece := range append([]string{text}, clauses...) {
		from, to, ok := e.Langs.HoldsAt(lang, id, piece)
		words := recognize.Normalize(piece)
		if ok && !e.Langs.NamesPeople(lang, strings.Join(words[:from], " ")) &&
			e.unsaid(lang, words[:from]) <= 1 && e.unsaid(lang, words[to:]) == 0 &&
			(i == 0 || e.restUnsaid(lang, clauses, i-1)) {
			return true
		}
	}
	return false
}

// restUnsaid says whether the clauses of a message but clauses[except] say nothing besides
// where one lives, yes or ok: "я его мама, но я в Украине, а он здесь один" (J8: taken as
// yes from its first clause) says more.
func (e *Engine) restUnsaid(lang string, clauses []string, except int) bool {
	for j, c := range clauses {
		if j != except && e.unsaid(lang, recognize.Normalize(c)) > 0 {
			return false
		}
	}
	return true
}

// unsaid counts the words that say something besides where one lives: not of a phrase of
// answer.live, nor a yes, an ok or a filler word.
func (e *Engine) unsaid(lang string, words []string) int {
	n := 0
	for i := 0; i < len(words); {
		if from, to, ok := e.Langs.HoldsAt(lang, "answer.live", strings.Join(words[i:], " ")); ok && from == 0 {
			i += to
			continue
		}
		if w := words[i]; !e.Langs.SaysOneOf(lang, "answer.yes", w) && !e.Langs.SaysOneOf(lang, "answer.ok", w) && !e.Langs.Filler(lang, w) {
			n++
		}
		i++
	}
	return n
}

// placeAlone is the place in the served area a message names and nothing else ("Vellmar",
// "Вельмар"), when where the person lives is not known yet.
func (e *Engine) placeAlone(s *State, text string) (postcode.Named, bool) {
	if e.Places == nil || s.PlaceDone {
		return postcode.Named{}, false
	}
	named, ok := e.placeNamedIn(s.Lang, text)
	return named, ok && named.Alone && named.InArea
}

// maxAloneWords is the most words of a message read whole for a young person here without
// parents: a sentence or two about age and arrival, not a story in which "came alone" may be
// somebody else's.
const maxAloneWords = 16

// maxServiceQuestion is the most words of a message naming a service that is read as asking
// what it is without a question mark ("що таке JMD", "JMD nedir").
const maxServiceQuestion = 4

// maxServicesQuestion is the most words of a message naming two services (JMD and MBE) that
// is read as asking about them without a question mark, unless it names a need: "what is the
// difference between JMD and MBE", "ما الفرق بين JMD و MBE".
const maxServicesQuestion = 8

// faq is the message that answers a common question typed as the whole message, or "": what
// JMD and MBE are (a message naming one of them, answer.services in any language, that asks,
// or is a few words and no number; or naming two in a few more words and no need), whether an
// appointment is needed (answer.appointment), and whether someone can call back
// (answer.callback); or, in a short message's own words, one of those, whether it is free,
// not understanding and a plea for help (faqByStems: "free", "confused" and "plea" are
// answered as answer.free, answer.confused and answer.help are; the last two not under the
// result, underResult, where "yes it helped" and "I don't understand where it is" answer it).
func (e *Engine) faq(lang, text string, underResult bool) string {
	switch {
	case e.Langs.SaysInAny("answer.appointment", text):
		return "faq.appointment"
	case e.Langs.SaysInAny("answer.callback", text):
		return "faq.callback"
	}
	words := recognize.Normalize(text)
	if e.fearsForChildren(lang, words) {
		return "faq.jugendamt_fear"
	}
	// A number is read as ever (an age, a postcode), also in words ("ሰማንያን ሓደን ዓመተይ,
	// ሓገዝ የድልየኒ": eighty-one, I need help); digits that are letters, as Arabic typed in
	// Latin letters writes them ("momken aro7 bdoun maw3ed"), are none.
	if ages, others := e.Langs.Numbers(lang, text); len(ages)+others > 0 {
		return ""
	}
	if rest, ok := e.asksAbout(lang, "answer.jugendamt", text, words, maxAboutWords); ok && !e.tellsOfNeed(lang, strings.Join(rest, " ")) {
		return "faq.jugendamt"
	}
	var named []string
	words = e.spellingServices(words)
	for _, w := range words {
		if e.Langs.SaysInAny("answer.services", w) && !slices.Contains(named, w) {
			named = append(named, w)
		}
	}
	switch {
	case len(named) > 0 && (recognize.Asks(text) || len(words) <= maxServiceQuestion),
		len(named) > 1 && len(words) <= maxServicesQuestion && len(e.Langs.RecognizeTopics(lang, text)) == 0:
		return "faq.services"
	}
	return e.faqByStems(lang, words, underResult)
}

// spellingServices is words with each run of two or three short words that spells a service's
// short form as its letters' names ("ام بي اي", "جی ام دی", "m b e") written as one word.
func (e *Engine) spellingServices(words []string) []string {
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); i++ {
		n := 1
		for k := 3; k >= 2 && n == 1; k-- {
			if i+k <= len(words) && !slices.ContainsFunc(words[i:i+k], func(w string) bool { return utf8.RuneCountInString(w) > 3 }) &&
				e.Langs.SaysInAny("answer.services", strings.Join(words[i:i+k], "")) {
				n = k
			}
		}
		out = append(out, strings.Join(words[i:i+n], ""))
		i += n - 1
	}
	return out
}

// faqStems are the lists of word beginnings (answer.<list>) that ask a common question in a
// short message, in the order they are read, with the message that answers each and the
// most words such a message has.
var faqStems = []struct {
	list, id string
	most     int
}{
	{"appointment_stems", "faq.appointment", maxFAQWords},
	{"callback_stems", "faq.callback", maxFAQWords},
	{"cost_stems", "free", maxFAQWords},
	{"confused_stems", "confused", maxFAQWords},
	{"help_stems", "plea", maxHelpWords},
}

// faqByStems is the common question a short message asks in words of its own ("can i just walk
// in", "how much it cost", "im lost sorry", "plz help"; the lists of whole answers miss most
// wordings: a set written apart was answered right at 72 %): a run of the beginnings of
// answer.<list>_stems in lang or English, and no need named by the other words ("how much does
// the German course cost", "I need help with my residence permit" ask about a need). A plea
// for help and a question of cost hold no "not" ("it does not help", "he did not pay me");
// not understanding is no "I don't know" alone (answer.dont_know: "نمی‌فامم" is both in Dari),
// which the question answers in its way (the place question skips); "I don't know what to do"
// is. "" when none.
func (e *Engine) faqByStems(lang string, words []string, underResult bool) string {
	for _, f := range faqStems {
		if len(words) > f.most {
			continue
		}
		from, to, ok := e.Langs.HoldsStemAt(lang, "answer."+f.list, words)
		switch {
		case !ok,
			(f.id == "plea" || f.id == "free") && e.Langs.HoldsWords(lang, "answer.negation", words),
			f.id == "confused" && (e.Langs.SaysOneOf(lang, "answer.dont_know", strings.Join(words, " ")) || e.Langs.HoldsWords(lang, "answer.postcode_word", words)),
			(f.id == "plea" || f.id == "confused") && underResult:
			// Not understanding a postcode is asked at the place question (place.what_postcode);
			// under the result, "yes it helped", "I don't understand where it is" answer it.
			continue
		}
		rest := slices.Concat(words[:from], words[to:])
		if len(rest) > 0 && len(e.Langs.RecognizeTopics(lang, strings.Join(rest, " "))) > 0 {
			continue // "how much does the German course cost"
		}
		if len(rest) > 0 && len(e.Langs.RecognizeTopics(lang, strings.Join(words, " "))) > 0 &&
			len(e.Langs.RecognizeTopics(lang, strings.Join(words[from:to], " "))) == 0 {
			continue // the words asked with complete a need: "bu yazıyı anlamadım" (this letter)
		}
		return f.id
	}
	return ""
}

// maxFAQWords is the most words of a message read for a common question in words of its own
// (faqByStems): a question or two, not a story; maxHelpWords for a bare plea for help ("help me
// please", "ساعدوني الله يخليكم"), more of which tell what it is for.
const (
	maxFAQWords  = 10
	maxHelpWords = 7
)

// fearsForChildren says whether a message names the Jugendamt (answer.jugendamt, also typed
// as heard) and children taken away (answer.takes_children): "will the Jugendamt take my
// children?", "يوغند امت رح ياخد ولادي" (J9: a frightened parent got the topic Family and the
// police's number). Not in a long story (maxFearWords), which the conversation reads for its
// needs.
//
// Children taken away are a phrase of answer.takes_children, or, in any order, a word that
// begins with a stem of answer.take_stems and one with a stem of answer.child_stems
// ("çocuğumu alırlar mı", "prenne ma fille", "може забрати моїх дітей": J9, phrases alone
// missed the forms people use).
func (e *Engine) fearsForChildren(lang string, words []string) bool {
	if len(words) > maxFearWords {
		return false
	}
	if !e.Langs.HoldsWords(lang, "answer.takes_children", words) &&
		!(e.Langs.HoldsStem(lang, "answer.take_stems", words) && e.Langs.HoldsStem(lang, "answer.child_stems", words)) {
		return false
	}
	if e.Langs.HoldsWords(lang, "answer.jugendamt", words) {
		return true
	}
	_, near := e.Langs.NearWord(lang, "answer.jugendamt", words)
	return near
}

// maxFearWords is the most words of a message read for a fear of the Jugendamt: a question or
// two, not a story.
const maxFearWords = 20

// asksAbout says whether a message asks what something is that id names (answer.jugendamt:
// "what is the Jugendamt?", "Jugendamt nedir", "Jugendamt?"): it names it, in lang or in
// English (also typed as heard, see i18n.NearWord), with maxAboutQuestion other words at
// most and a question mark, or with maxOther and no "not" ("I don't want the Jugendamt" is no
// question). words are text's, as Normalize splits it; rest are those beside the name.
func (e *Engine) asksAbout(lang, id, text string, words []string, maxOther int) (rest []string, ok bool) {
	from, to, ok := e.Langs.HoldsAt(lang, id, text)
	if !ok {
		// A name typed as heard: "jugndamt", "югенамт", "الjugendamt".
		if from, ok = e.Langs.NearWord(lang, id, words); !ok {
			return nil, false
		}
		to = from + 1
	}
	rest = slices.Concat(words[:from], words[to:])
	if recognize.Asks(text) {
		// A question is no refusal, whatever its words: Arabic's "ما هو" (what is) begins
		// with the dialects' "not".
		return rest, len(rest) <= maxAboutQuestion
	}
	return rest, len(rest) <= maxOther && !e.Langs.Holds(lang, "answer.negation", text)
}

// tellsOfNeed says whether the words of a message beside the Jugendamt's name (rest) name a
// need but work: a story ("اليوغند امت اخدو ولادي وبدي محامي", the Jugendamt took my children, I
// want a lawyer), not the question what it does, which many languages ask with their word
// for work ("jugendamt ne iş yapar", "یوگندامت کارش چیس").
func (e *Engine) tellsOfNeed(lang, rest string) bool {
	for _, t := range e.Langs.RecognizeTopics(lang, rest) {
		if t != directory.Topic("work") {
			return true
		}
	}
	return false
}

// maxAboutWords is the most words beside a name that asks what it names without a question
// mark ("what is the Jugendamt", "що таке Jugendamt"; more would be a story: "the Jugendamt
// took my children"); maxAboutQuestion with one ("what does the Jugendamt do for me?").
const (
	maxAboutWords    = 4
	maxAboutQuestion = 6
)

func (e *Engine) text(ctx context.Context, s *State, in dialog.Input, out *dialog.Output) error {
	if reason, answer := CheckMessage(in.Text); reason != "" {
		out.Say(answer)
		return e.reask(ctx, s, out)
	}
	text := strings.TrimSpace(in.Text)
	spoken := s.Lang // before a guessed language follows the message's script
	e.reguess(s, text, out)
	if e.Langs.SaysInAny("answer.free", text) {
		// "Is it free?": yes, briefly (not the whole help), and the question again.
		out.Say(dialog.T("free"))
		return e.reask(ctx, s, out)
	}
	if digits := NormalizeDigits(text); phoneNumber.MatchString(digits) {
		// A phone number typed ("call me back, my number is 0176 …"): the bot does not pass
		// it on, and says so and how to reach an office; with nothing else to read (no age,
		// no postcode beside it), the question comes again, not "I did not understand".
		out.Say(dialog.T("faq.callback"))
		rest := phoneNumber.ReplaceAllString(digits, "$1")
		if !hasDigits(rest) && len(e.Langs.RecognizeTopics(s.Lang, rest)) == 0 {
			return e.reask(ctx, s, out)
		}
		// "call me at 0176 …, it is about the rent": the rest is read as ever, without the
		// number (the need was lost).
		text = rest
	}
	id := e.faq(s.Lang, text, s.Step() == StepResult)
	if id != "" && id != "confused" && id != "plea" {
		// "What is JMD?", "Do I need an appointment?", "Can someone call me?", "how much it
		// cost": a short answer and the question again, at any step.
		out.Say(dialog.T(id))
		return e.reask(ctx, s, out)
	}
	if id == "confused" || e.Langs.SaysInAny("answer.confused", text) {
		// "I don't understand", "what do I do?": what the bot does, in one line, and the
		// question again (the whole help, with its emergency numbers, frightened more than
		// it helped).
		if s.Step() == StepResult {
			// No question waits: what to do with the result (and the card, where it has one).
			m := out.Say(dialog.T("confused_result"))
			if s.Card {
				m.Lines = append(m.Lines, dialog.T("confused_card"))
			}
		} else {
			out.Say(dialog.T("confused"))
		}
		return e.reask(ctx, s, out)
	}
	if id == "plea" || e.callsForHelpInAny(text) {
		// "help", "Hilfe", "ساعدني", "imdat", 🆘 alone, in any language (a newcomer in distress
		// types the word they know): what the bot does and the emergency line, and the
		// question again. Not the whole of /help: its helplines and commands were a wall of
		// text to someone asking for help (J10); the plea points to /help for them.
		out.Say(dialog.T("plea"))
		return e.reask(ctx, s, out)
	}
	step := s.Step()
	if data, ok := e.typedButton(s, step, text); ok {
		// A button's label typed, or sent back by an app that shows buttons as text ("Start
		// over", "Изменить ответ"): as the button (J5: "Почати спочатку" added a topic).
		return e.choice(ctx, s, dialog.Input{Kind: dialog.InputChoice, Choice: data}, out)
	}
	// At the place question, a country ("ጀርመን", "Jarmal": Germany) or a place named with a
	// language's word ("مدينة كاسل الألمانية", the German town of Kassel) answers where.
	where := step == StepPlace && !s.Picking && (e.Langs.NamesCountry(text) || e.namesPlace(text))
	if step == StepResult {
		// "Do they speak Arabic?", "بيحكوا عربي؟": which offices above usually counsel in
		// it, not a switch of the conversation's language (🌐 under the answer does that).
		if lang, ok := e.askedLanguage(s.Lang, text); ok {
			return e.speaks(ctx, s, lang, out)
		}
	}
	// A language's name chooses it, but at the topic question, where "Deutsch" is the need
	// to learn it, unless the language picker was just asked for.
	if lang, ok := e.Langs.Named(text); ok && !where && (step != StepTopic || s.Picking) {
		return e.chooseLanguage(ctx, s, lang, spoken, out)
	}
	// Among other words too ("arabic please"), but not the language spoken already (its name
	// among words is something else: "nicht Deutsch", "no english"), nor German at the topic
	// question, where it is also the need to learn it ("Deutsch bitte").
	if lang, ok := e.namedAmong(s.Lang, text); ok && !where && lang != spoken && (step != StepTopic || lang != germanLang) {
		return e.chooseLanguage(ctx, s, lang, spoken, out)
	}
	if step != StepPlace && e.Langs.Says("place.skip", text) {
		// A tap on the place question's keyboard, left on the screen from before (a /start
		// during the place question): it is no answer here. The keyboard goes, and the
		// current question comes again.
		out.Say(dialog.T("use_buttons")).HideKeyboard = true
		return e.reask(ctx, s, out)
	}
	if s.Lang != spoken && step == StepAge && s.Topic == "" && len(s.AgeChoices) == 0 {
		// The first words typed after the app's /start are in another language than the
		// app's: the welcome was said in a language the person may not read. The message is
		// read as a first one: the welcome in theirs, what it answered, the next question.
		return e.firstAnswer(ctx, s, text, out)
	}
	if e.Langs.SaysInAny("answer.hello", text) && !(step == StepTopic && labeled(e.Langs.LabeledTopic(text))) {
		// A greeting alone: the current question again, not "I did not understand" (the
		// welcome was said once; in another language than the app's, see above).
		return e.reask(ctx, s, out)
	}
	if e.Langs.SaysInAny("answer.ok", text) || emojiAlone(text, "👌") {
		// "ok" alone takes note of what was said: the current question again, quietly.
		return e.reask(ctx, s, out)
	}
	if e.Langs.SaysInAny("answer.thanks", text) {
		// Thanks under the result: you are welcome, and what may come next; before it (a
		// polite "thanks" after "understood"), the question again.
		if step == StepResult {
			out.Say(dialog.T("you_are_welcome"))
		}
		return e.reask(ctx, s, out)
	}
	if corrected, err := e.correctAge(ctx, s, text, out); corrected {
		return err
	}
	if asked, err := e.someoneElsesAge(ctx, s, text, out); asked {
		return err
	}
	if step == StepAge || step == StepTopic {
		// "I am 26, we live in Baunatal, I need work": where, too, is taken, and not asked.
		e.placeBeforeAsked(s, text, out)
	}
	s.alone = step == StepAge && e.withoutParents(s.Lang, text)
	s.withParent = step == StepAge && !s.alone && e.withParentsBeside(s.Lang, text)
	switch step {
	case StepAge:
		return e.answerAgeOrNeed(ctx, s, text, out)
	case StepChild:
		// An age typed at the question about a young child corrects the age taken before
		// ("I came to Germany 2 years ago" was read as age 2): it is read again from here.
		// A yes or no first: Dari's and Pashto's "نه" is "no" and "nine" alike.
		ages, ok := e.typedAges(s.Lang, text, false)
		a := e.acknowledged(s.Lang, text)
		// A button's label typed ("без батьків", "without parents") answers as the button.
		id := s.parentQuestion()
		switch {
		case e.Langs.Says(id+".alone", text) || e.withoutParents(s.Lang, text) ||
			id == "teen" && e.Langs.SaysOneOf(s.Lang, "answer.alone", text): // "لحالي", "keligay" (J7)
			a.first = ackNo
		case e.Langs.Says(id+".with_parent", text) || e.withParents(s.Lang, text),
			// "I am his mother": the parent answers the question asked about the child (J7);
			// not from a young person asked about themselves.
			!(id == "teen" && s.OwnAge) && e.saysOnly(s.Lang, "answer.is_parent", text):
			a.first = ackYes
		case a.first == ackNo && (e.Langs.Holds(s.Lang, "answer.with_parents", text) || e.Langs.Holds(s.Lang, "answer.is_parent", text)),
			e.Langs.SaysWithin(s.Lang, "answer.dont_know", text), e.Langs.SaysWithin(s.Lang, "answer.confused", text),
			// "Yes, my mother is in Syria" from the young person (J7): the yes may answer
			// something else; what follows it says more than where one lives.
			id == "teen" && a.first == ackYes && e.unsaid(s.Lang, recognize.Normalize(a.rest)) > 0 && !e.withWriter(s.Lang, a.rest),
			// "yes and no", "ja und nein", "da și nu" (J7: taken as yes): both.
			e.saysBoth(s.Lang, a):
			// "No, only with my mum" (J7: taken as without parents, and sent to the police),
			// "nie wiem", "не знаю" (whose first word is the language's no): the buttons decide.
			a.first = ackNone
		}
		// A grown-up's age among words is that of the person one lives with, not a new age
		// of the person asked about (J9: "I live with my brother, he is 22" made the young
		// person 22 and dropped the Jugendamt), unless the writer states it as their own ("I
		// am 19"); a typed yes or no beside it answers.
		theirs := ok && len(ages) == 1 && ages[0] >= directory.AdultAge && e.wordsBeside(s.Lang, text) && !e.ownAge(s.Lang, text, ages[0])
		if ok && len(ages) == 1 && ages[0] >= directory.AdultAge && s.Age != nil && *s.Age >= directory.JMDMinAge && *s.Age < adultAge &&
			s.OthersAge && a.first != ackNo && e.ownAge(s.Lang, text, ages[0]) {
			// A grown-up's age stated as the writer's own after a young person's not given as
			// theirs ("my daughter is 14", then "I am 40"; J11: the daughter was sent to the
			// MBE): beside being the parent ("I am his mother, I am 42") the young person lives
			// with a parent; alone, both ages are offered to tap. After a "no" it corrects the
			// age ("no, I am 19").
			if e.Langs.Holds(s.Lang, "answer.is_parent", text) {
				return e.answerChild(ctx, s, true, out)
			}
			young := *s.Age
			clearAge(s)
			offerAges(s, []int{young, ages[0]}, "")
			return e.ask(ctx, s, out)
		}
		yesNo := (a.first == ackYes || a.first == ackNo) && (!ok || !hasDigits(text) || theirs)
		if !yesNo && !theirs && ok && len(ages) == 1 && (ages[0] >= directory.JMDMinAge || s.young()) {
			clearAge(s)
			if !e.wordsBeside(s.Lang, text) {
				// A number alone replaces the age given: said so, not done silently (J5: "7"
				// after 16 led to the young child's question without a word).
				out.Say(ageUnderstood(ages[0]))
			}
			return e.answerAgeOrNeed(ctx, s, text, out)
		}
		if named, ok := e.placeAlone(s, text); ok {
			// A place's name alone ("Вельмар") is no answer here, but where the person lives:
			// taken, and the question comes again (J5: it was "use the buttons", and lost).
			e.takeNamed(s, text, named, out)
			return e.reask(ctx, s, out)
		}
		// A typed yes or no answers the question as its buttons do, also with more words
		// after it ("اي عايشة معي", yes, she lives with me).
		if yesNo {
			return e.answerChild(ctx, s, a.first == ackYes, out)
		}
		// A young child's age and a grown-up's ("he is 5, I am 34"): the child lives with
		// that parent, whose age is taken.
		if ok && len(ages) == 2 {
			child, parent := min(ages[0], ages[1]), max(ages[0], ages[1])
			if child < directory.JMDMinAge && parent >= 18 {
				takeTypedAge(s, child, false)
				with := true
				s.WithParent, s.ParentAge, s.ParentTyped = &with, &parent, true
				out.Record(dialog.EventAnswered, "step", string(StepChild), "how", "text")
				out.Record(dialog.EventAnswered, "step", string(StepParentAge), "how", "text")
				return e.askAfter(ctx, s, out, dialog.T("parent.known", "Age", dialog.LTR(strconv.Itoa(parent))))
			}
		}
		if kept, err := e.keepNeed(ctx, s, text, out); kept {
			return err
		}
	case StepParentAge:
		if kept, err := e.keepNeed(ctx, s, text, out); kept {
			return err
		}
		if named, ok := e.placeAlone(s, text); ok {
			e.takeNamed(s, text, named, out) // as at the question about the child
			return e.reask(ctx, s, out)
		}
		return e.answerAge(ctx, s, text, true, out)
	case StepTopic:
		return e.answerTopic(ctx, s, text, out)
	case StepPlace:
		return e.answerPlace(ctx, s, text, out)
	case StepResult:
		if !s.childAlone() {
			return e.afterResult(ctx, s, text, out)
		}
	}
	if step == StepChild {
		// "My uncle is here", "his parents are in Syria" (J8: "please use the buttons" and
		// nothing more): which button is whose, relatives named, as the typed words are not.
		id := s.parentQuestion()
		out.Say(dialog.T(id+".use_buttons", "Yes", dialog.T(id+".with_parent"), "No", dialog.T(id+".alone")))
		return e.reask(ctx, s, out)
	}
	out.Say(dialog.T("use_buttons"))
	return e.reask(ctx, s, out)
}

// afterResult reads what is typed under the result, where nothing is asked but it may still
// answer: a postcode or a place's name typed alone sorts the offices by distance from it
// ("34117", "Baunatal"), a further need is added to those given ("I also need a German
// course"), and the result comes again for them. Anything else is taken for a question the
// office can answer (askOffice).
func (e *Engine) afterResult(ctx context.Context, s *State, text string, out *dialog.Output) error {
	if _, ok := ParsePostcode(text); ok && e.Places != nil {
		return e.answerPlace(ctx, s, text, out)
	}
	if s.AskedWhy && hasWord(text) {
		// What was missing, told in words after 👎 ("nobody speaks Arabic there, and it is
		// far"): counted as another reason, and answered as that button is, with other ways
		// to get advice (the next office, online counselling). Read before any need it may
		// seem to name: it answers the question asked.
		// "Nobody answers the phone" among the words is that reason, answered as its button
		// is (J11: it got only the online counselling).
		s.AskedWhy = false
		reason := whyOther
		if !s.childAlone() && e.Langs.Holds(s.Lang, "answer.unreachable", text) {
			reason = whyPhone
		}
		out.Record(dialog.EventFeedbackReason, "reason", reason)
		return e.whyAnswer(ctx, s, reason, out)
	}
	if !s.childAlone() && e.Langs.Holds(s.Lang, "answer.unreachable", text) {
		// "Nobody answers the phone", typed: answered as the reason tapped after 👎 is (the
		// office is busy, when to try, the next office, online counselling), not with the
		// number that does not answer.
		s.AskedWhy = false
		out.Record(dialog.EventFeedbackReason, "reason", whyPhone)
		return e.whyAnswer(ctx, s, whyPhone, out)
	}
	if !s.Rated && !s.childAlone() {
		// "Did this help you?" answered with the emoji: as its buttons.
		switch {
		case emojiAlone(text, "👍"):
			return e.rated(ctx, s, true, out)
		case emojiAlone(text, "👎"):
			return e.rated(ctx, s, false, out)
		}
	}
	if !s.childAlone() && e.notReally(s.Lang, text) {
		// "Hmm, not really", "не очень", "bof" (J7: taken for a question to the office).
		if !s.Rated {
			return e.rated(ctx, s, false, out)
		}
		return e.didNotHelp(ctx, s, out)
	}
	// Words that only take note, thank or answer "Did this help you?" ("evet çok yardımcı
	// oldu", "non pas vraiment", "ok thank you", "thank you sister"), but no question, nor
	// where one lives ("No, I live in Vellmar": J6).
	if a := e.acknowledged(s.Lang, text); a.found && !recognize.Asks(text) && !e.negates(s.Lang, a) &&
		(a.rest == "" || !e.Langs.NamesNeed(s.Lang, a.rest) && !e.Langs.Holds(s.Lang, "answer.live", a.rest)) {
		switch {
		case a.verdict > 0 && !s.Rated && !s.childAlone():
			return e.rated(ctx, s, true, out)
		case a.verdict < 0 && !s.Rated && !s.childAlone():
			return e.rated(ctx, s, false, out)
		case a.notHelped && !s.childAlone():
			return e.didNotHelp(ctx, s, out) // rated already: what was missing
		case a.verdict > 0 && !a.thanks:
			return e.reask(ctx, s, out) // "yes, it helped" once more: rated already
		case a.thanks:
			out.Say(dialog.T("you_are_welcome"))
			return e.reask(ctx, s, out)
		case a.rest == "":
			return e.reask(ctx, s, out) // "ok", "ok good": taken note of
		}
	}
	if !s.childAlone() && !recognize.Asks(text) && e.Langs.SaysWithin(s.Lang, "answer.not_helped", text) && !e.Langs.NamesNeed(s.Lang, text) {
		// "It did not help" among a few more words ("actually it didn't help", "sorry, not
		// helpful"). Not "it helped" so: "nobody helped me" holds it.
		return e.didNotHelp(ctx, s, out)
	}
	if e.Langs.SaysOneOf(s.Lang, "answer.hours", text) {
		// "Часы работы?" alone asks for the office's hours, not for work (answer.hours).
		return e.askOffice(ctx, s, out)
	}
	topics := e.Langs.RecognizeTopics(s.Lang, text)
	if danger := e.Langs.Danger(s.Lang, text); len(danger) > 0 && !slices.ContainsFunc(topics,
		func(t directory.Topic) bool { return !slices.Contains(danger, t) }) {
		// A danger typed under the result ("I want to die", "my husband beats me"): where to
		// get help at once (sayDanger) is the answer, and what may come next; not the whole
		// result again with "health" or "family" added, ending in "ask the counselling office
		// about it" or the youth welfare office (J4, J5).
		return e.reask(ctx, s, out)
	}
	if slices.Equal(topics, []directory.Topic{healthTopic}) && !slices.Contains(s.needs(), healthTopic) {
		// "I am very sick, I need a doctor now": the medical on-call service at once, and the
		// counselling office above for questions about health; not the whole result again with
		// it at its end (J5). Not the police and ambulance: "I need a doctor's appointment for
		// my son" is no emergency (J6); "ambulance" is a cry for help of its own (sayDanger).
		out.Say(dialog.T("safety.doctor"), dialog.Raw(""), dialog.T("result.more_office", "Topic", TopicLabel(healthTopic)))
		return e.reask(ctx, s, out)
	}
	// "Actually I live in Baunatal", "ich wohne jetzt in Vellmar und suche auch Arbeit": the
	// person says where they live, and it is not the place the result was for. The place is
	// taken, with a need named beside it, and the result comes again for it.
	moved, rest := e.movedTo(s, text, out)
	if added, err := e.furtherNeeds(ctx, s, rest, out); added || moved == placeMoved {
		if !added {
			return e.ask(ctx, s, out)
		}
		return err
	}
	if moved == placeSame {
		return e.reask(ctx, s, out) // "I live in Kassel" under Kassel's result: taken note of
	}
	if e.Places != nil {
		// A place typed alone ("Baunatal"), as at the place question; in a sentence, a word
		// here is too often a place's name too ("thank you very much": Much).
		if named, ok := e.Places.Named(text); ok && named.Alone && !e.Langs.RefusedAt(s.Lang, text, named.First, named.Last) {
			return e.placeNamed(ctx, s, text, named, out)
		}
	}
	if !hasWord(text) {
		out.Say(dialog.T("use_buttons")) // a number or a sign alone: a choice tried, not a question
		return e.reask(ctx, s, out)
	}
	if !recognize.Asks(text) && slices.ContainsFunc(recognize.Clauses(text), func(c string) bool { return e.Langs.SaysInAny("answer.thanks", c) }) {
		// Thanks among other words ("it helped, thanks!", "ok, thank you very much"): you are
		// welcome, as for thanks alone; with a question ("thanks, how do I get there?") the
		// question is answered.
		out.Say(dialog.T("you_are_welcome"))
		return e.reask(ctx, s, out)
	}
	return e.askOffice(ctx, s, out)
}

// rated takes the answer to "Did this help you?" given in words or with the emoji, as its
// buttons do: thanks for it, or, for no, what was missing.
func (e *Engine) rated(ctx context.Context, s *State, helped bool, out *dialog.Output) error {
	if !helped {
		rate(s, resNo, out)
		return askWhy(s, out)
	}
	rate(s, resYes, out)
	out.Say(dialog.T("feedback.thanks"))
	return e.reask(ctx, s, out)
}

// didNotHelp takes "it did not help" typed under the result: as 👎, or, rated already (the
// rating counted once), what was missing.
func (e *Engine) didNotHelp(ctx context.Context, s *State, out *dialog.Output) error {
	if !s.Rated {
		return e.rated(ctx, s, false, out)
	}
	return askWhy(s, out)
}

// askWhy asks what was missing, as after 👎.
func askWhy(s *State, out *dialog.Output) error {
	s.AskedWhy = true
	out.Messages = append(out.Messages, whyQuestion())
	return nil
}

// ack is what an acknowledgement at the start of a message says (see acknowledged).
type ack int

const (
	ackNone ack = iota
	ackYes
	ackNo
	ackThanks
	ackOK
	ackHello
	ackHelped    // "it helped" (answer.helped)
	ackNotHelped // "it did not help" (answer.not_helped)
)

// acknowledgement is the start of a message read as acknowledgements: the kind of its first
// one, whether one of them thanks, and the words after them.
type acknowledgement struct {
	found  bool
	first  ack
	thanks bool
	// verdict answers "Did this help you?": 1 for the first yes or "it helped" among them,
	// -1 for a no or "it did not help", 0 for none; notHelped: "it did not help" is one.
	verdict   int
	notHelped bool
	rest      string
	// acks counts the acknowledgements read, second is the kind of the second one, and
	// firstEnd the word, as typed, that ended the first.
	acks     int
	second   ack
	firstEnd string
}

// maxAckWords bounds the words of one acknowledgement ("thank you very much", "this did not
// help me") and maxAckMessage the messages read for them: a longer one is a story.
const maxAckWords, maxAckMessage = 6, 12

// acknowledged reads the start of text, written in lang, as acknowledgements, one after the
// other, each a whole answer of a list: thanks, ok (any language's), yes or no, "it helped"
// or "it did not help" (lang's or English), a greeting ("ok thank you", "evet çok yardımcı oldu": yes, then "çok yardımcı
// oldu"; "thank you sister": thanks, then "sister").
func (e *Engine) acknowledged(lang, text string) acknowledgement {
	words := strings.Fields(text)
	var a acknowledgement
	if len(words) > maxAckMessage {
		return a
	}
	i := 0
	for i < len(words) {
		kind, n := ackNone, 0
		for k := min(maxAckWords, len(words)-i); k > 0 && kind == ackNone; k-- {
			piece := strings.Join(words[i:i+k], " ")
			switch {
			case e.Langs.SaysInAny("answer.thanks", piece):
				kind = ackThanks
			case e.Langs.SaysInAny("answer.ok", piece):
				kind = ackOK
			case e.Langs.SaysOneOf(lang, "answer.yes", piece):
				kind = ackYes
			case e.Langs.SaysOneOf(lang, "answer.no", piece):
				kind = ackNo
			case e.Langs.SaysOneOf(lang, "answer.helped", piece):
				kind = ackHelped
			case e.Langs.SaysOneOf(lang, "answer.not_helped", piece):
				kind = ackNotHelped
			case e.Langs.SaysInAny("answer.hello", piece):
				kind = ackHello
			}
			n = k
		}
		if kind == ackNone && e.Langs.Filler(lang, words[i]) {
			i++ // "no, z mamą" (Polish: well, with mum), "ну да": a word that says nothing yet
			continue
		}
		if kind == ackNone {
			break
		}
		if !a.found {
			a.found, a.first = true, kind
		}
		a.acks++
		switch a.acks {
		case 1:
			a.firstEnd = words[i+n-1]
		case 2:
			a.second = kind
		}
		a.thanks = a.thanks || kind == ackThanks
		a.notHelped = a.notHelped || kind == ackNotHelped
		if a.verdict == 0 {
			switch kind {
			case ackYes, ackHelped:
				a.verdict = 1
			case ackNo, ackNotHelped:
				a.verdict = -1
			}
		}
		i += n
	}
	a.rest = strings.Join(words[i:], " ")
	return a
}

// negates says whether a message that opens with a no alone is a sentence that the word
// negates rather than an answer: the no is also the language's "not" and runs on into the
// words after it without a mark between ("nie rozumiem gdzie to jest", "не очень понимаю где
// это": I don't understand where it is; J8: taken as 👎). "Nie, dziękuję", "nie nie pomogło"
// and "it did not help" in the language's words (answer.not_helped) still answer.
func (e *Engine) negates(lang string, a acknowledgement) bool {
	switch {
	case a.first != ackNo || a.rest == "" || strings.ContainsAny(a.firstEnd, clauseMarks):
		return false
	case a.acks == 2 && a.second == ackOK:
		// "nie rozumiem gdzie to jest": Polish's "understood" is an ok, and the no negates it.
	case a.acks != 1:
		return false
	}
	return e.Langs.SaysOneOf(lang, "answer.negation", a.firstEnd) && !e.Langs.SaysWithin(lang, "answer.not_helped", a.firstEnd+" "+a.rest) &&
		!e.notReally(lang, a.rest)
}

// clauseMarks end the word they follow as a clause: after "no," the words that follow are no
// longer its own.
const clauseMarks = ",.;:!?،؛።፣-–—"

// withWriter says whether the words after a typed yes only say that the young person lives
// with the writer ("yes, she lives with me", "да, со мной": answer.with_me), the yes's
// reason, not another matter (J8: asked again).
func (e *Engine) withWriter(lang, rest string) bool {
	return e.saysAfterFiller(lang, "answer.with_me", rest)
}

// saysBoth says whether an answer that opens with a yes or a no says the other one too in the
// words after it ("yes and no", "да и нет").
func (e *Engine) saysBoth(lang string, a acknowledgement) bool {
	other := ""
	switch a.first {
	case ackYes:
		other = "answer.no"
	case ackNo:
		other = "answer.yes"
	default:
		return false
	}
	// Only in a word or two after it: "بلی، پسرم نه ساله است" (yes, my son is nine) holds
	// Dari's "نه", no and nine alike.
	rest := strings.Fields(a.rest)
	return len(rest) <= maxBothWords && slices.ContainsFunc(rest, func(w string) bool { return e.Langs.SaysOneOf(lang, other, w) })
}

// maxBothWords is the most words after a yes or a no that saysBoth reads ("and no", "и нет").
const maxBothWords = 2

// notReally says whether a message is nothing but a hesitant "not really" (answer.not_really),
// after words that say nothing yet ("hmm", "ну", "naja").
func (e *Engine) notReally(lang, text string) bool {
	return e.saysAfterFiller(lang, "answer.not_really", text)
}

// saysAfterFiller is SaysOneOf for text as a whole, or for what follows the words that say
// nothing yet at its start ("hmm, not really"); an answer that begins with one of those words
// counts whole ("ну такое": such a thing, alone).
func (e *Engine) saysAfterFiller(lang, id, text string) bool {
	words := strings.Fields(text)
	for len(words) > 0 {
		if e.Langs.SaysOneOf(lang, id, strings.Join(words, " ")) {
			return true
		}
		if !e.Langs.Filler(lang, words[0]) {
			return false
		}
		words = words[1:]
	}
	return false
}

// emojiAlone says whether text is nothing but the emoji e, in any skin tone.
func emojiAlone(text, e string) bool {
	text = strings.TrimSpace(text)
	return strings.HasPrefix(text, e) && strings.TrimFunc(text[len(e):], func(r rune) bool {
		return r == '\ufe0f' || r >= 0x1f3fb && r <= 0x1f3ff || unicode.IsSpace(r)
	}) == ""
}

// hasWord says whether text holds a word of two letters or more.
func hasWord(text string) bool {
	n := 0
	for _, r := range text {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			n = 0
			continue
		}
		if n++; n >= 2 {
			return true
		}
	}
	return false
}

// typedButton is the data of the button whose label text is, under the result (what may
// come next) and in the menu of answers to change, where no question reads words: the labels
// of the questions' own buttons (topics, yes and no, skip) are read as their answers already.
func (e *Engine) typedButton(s *State, step Step, text string) (string, bool) {
	var rows [][]dialog.Button
	switch {
	case step == StepResult && !s.childAlone():
		rows = resultNav(s)
	case step == StepChange:
		rows = e.question(s, step).Buttons
	case step != StepTopic:
		// The language button, typed at a question ("🌐 اللغة" was taken for learning German
		// at the age question, J6); at the topic question "Deutsch" and "language" may be the need.
		rows = [][]dialog.Button{languageRow(s)}
	default:
		return "", false
	}
	for _, row := range rows {
		for _, b := range row {
			if b.Label.ID != "" && len(b.Label.Data) == 0 && e.Langs.SaysLabel(b.Label.ID, text) {
				return b.Data, true
			}
		}
	}
	return "", false
}

// keyboardTap says whether text is the label of the reply keyboard the person is shown (the
// place question's "skip", in a shipped language), which the app sends back as a message.
func (e *Engine) keyboardTap(s *State, text string) bool {
	return s.Step() == StepPlace && !s.Picking && e.Langs.Says("place.skip", strings.TrimSpace(text))
}

// labeled is LabeledTopic's second result: whether the text is a topic's label.
func labeled(_ directory.Topic, ok bool) bool { return ok }

// maxSpeakWords bounds the words of a message read as asking whether an office speaks a
// language: a question, not a story that names one.
const maxSpeakWords = 8

// askedLanguage is the shipped language a short message written in lang asks whether someone
// speaks ("do they speak Arabic?", "sprechen die arabisch", "بيحكوا عربي؟": a word of
// answer.speak, in lang or in the language asked about, and a language's name among its
// words, of one word or two); not about a person named ("my son speaks German well").
func (e *Engine) askedLanguage(lang, text string) (string, bool) {
	words := recognize.Normalize(text)
	if len(words) > maxSpeakWords || e.Langs.NamesPeople(lang, text) || e.Langs.DescribesSelf(lang, text) {
		return "", false // "my son speaks German well", "I don't speak German well"
	}
	for i := range words {
		for _, n := range []int{2, 1} {
			if i+n > len(words) {
				continue
			}
			// Asked in the conversation's language, or in the one asked about ("آیا دری صحبت
			// می‌کنند؟" in an English conversation: J6).
			if named, ok := e.Langs.Named(strings.Join(words[i:i+n], " ")); ok &&
				(e.Langs.Holds(lang, "answer.speak", text) || e.Langs.Holds(named, "answer.speak", text)) {
				return named, true
			}
		}
	}
	// A name in a form only read among a few words ("czy mówią po ukraińsku?").
	if named, ok := e.namedAmong(lang, text); ok && e.Langs.Holds(lang, "answer.speak", text) {
		return named, true
	}
	return "", false
}

// speaks answers whether the offices of the result usually counsel in lang: those whose
// languages hold it, or, when none does (or none says which it offers), to ask when calling
// and the online counselling; then what may come next.
func (e *Engine) speaks(ctx context.Context, s *State, lang string, out *dialog.Output) error {
	offices, err := e.resultOffices(ctx, s)
	if err != nil {
		return err
	}
	var names []dialog.Text
	listed := false // an office above lists its languages
	for _, o := range offices {
		listed = listed || len(o.Languages) > 0
		if slices.Contains(o.Languages, lang) {
			names = append(names, dialog.Raw(o.Name))
		}
	}
	language := dialog.Text{Language: lang}
	m := dialog.Message{Lines: []dialog.Text{dialog.T("result.speaks", "Language", language, "Offices", dialog.List(names...))}}
	if len(names) == 0 {
		id := "result.speaks_none"
		if !listed {
			id = "result.speaks_unknown" // no office above says which languages it offers
		}
		m.Lines = append([]dialog.Text{dialog.T(id, "Language", language), dialog.Raw("")}, onlineLines(s)...)
	}
	out.Messages = append(out.Messages, m)
	return e.reask(ctx, s, out)
}

// askOfficeLines are the lines of an office (OfficeLines) that askOffice repeats.
var askOfficeLines = []string{"office.title", "office.provider", "office.address", "office.phone", "office.email"}

// askOffice answers what is typed under the result and read as nothing the bot can do
// ("what are the opening hours?", "can I come without an appointment?"): not "use the
// buttons", which leads nowhere for a question, but who can answer it, the result's first
// counselling office (named as in the result) with its address, map, phone and e-mail (or,
// with neither, the online counselling), and then the result's question again.
func (e *Engine) askOffice(ctx context.Context, s *State, out *dialog.Output) error {
	o, ok, err := e.cardOffice(ctx, s)
	if err != nil {
		return err
	}
	m := dialog.Message{Lines: []dialog.Text{dialog.T("result.ask_office")}}
	switch {
	case ok && o.Reachable():
		// Named as in the result above (its number, its name, who runs it), where it is (with
		// the map: "how do I get there?") and how to reach it: those of its lines.
		n := slices.Index(s.Results, o.ID) + 1
		m.Lines = append(m.Lines, dialog.Raw(""))
		for _, l := range OfficeLines(directory.Match{Office: o}, n, true) {
			if slices.Contains(askOfficeLines, l.ID) {
				m.Lines = append(m.Lines, l)
			}
		}
		if o.HasPosition() {
			m.Buttons = [][]dialog.Button{{mapButton(o, n)}}
		}
	default:
		m.Lines = append(m.Lines, dialog.Raw(""), dialog.T("online.none"))
	}
	out.Messages = append(out.Messages, m)
	return e.reask(ctx, s, out)
}

// furtherNeeds adds the needs a message names to those given ("I also need a German
// course"), or puts them in the place of those it says are not the need ("no wait, housing,
// not work"), and asks the current question again after saying what was understood (under
// the result, the result comes again). The main need stays first; the needs just written come
// before the further needs given earlier, which are the ones left out when there are too
// many. It says whether the message named a need.
func (e *Engine) furtherNeeds(ctx context.Context, s *State, text string, out *dialog.Output) (bool, error) {
	lang, topics := e.needsLang(s.Lang, text)
	if len(topics) == 0 || !e.Langs.NamesNeed(lang, text) {
		return false, nil
	}
	// A need given before and now named as not the need ("I need housing, not work") is
	// replaced by those named, not kept beside them.
	negated := e.Langs.NegatedTopics(lang, text)
	topics = slices.DeleteFunc(topics, func(t directory.Topic) bool { return slices.Contains(negated, t) })
	if len(topics) == 0 {
		return false, nil
	}
	had := slices.DeleteFunc(slices.Clone(s.needs()), func(t directory.Topic) bool { return slices.Contains(negated, t) })
	if s.Step() != StepResult && len(had) == len(s.needs()) && !slices.ContainsFunc(topics, func(t directory.Topic) bool { return !slices.Contains(had, t) }) {
		return false, nil // the need given already ("Wohnung" at the place question): the question says how to answer
	}
	var all, earlier []directory.Topic
	if len(had) > 0 {
		all, earlier = slices.Clone(had[:1]), had[1:]
	}
	for _, t := range append(slices.Clone(topics), earlier...) {
		if !slices.Contains(all, t) {
			all = append(all, t)
		}
	}
	return true, e.askAfter(ctx, s, out, takeTypedTopics(s, all, out))
}

// movedTo takes the place a message typed under the result says its writer lives in ("I
// live in Baunatal", "Baunatal'da oturuyorum", "живу у Вельмарі": a word of answer.live), or
// that is all it says ("in Vellmar", "Baunatal'dayım"), when it is another than the result's;
// it says whether it did. A place named otherwise in a sentence is not taken there: "is there
// an office in Baunatal?" and "I work in Vellmar" say nothing of where one lives, and "thank
// you very much" names no Much. rest is the message without the words that say where one
// lives, to be read for a need: "we moved" names housing in many languages ("przeprowadziłem
// się do Vellmar", "on a déménagé à Vellmar"), and is none.
func (e *Engine) movedTo(s *State, text string, out *dialog.Output) (said placeSaid, rest string) {
	if e.Places == nil {
		return placeUnsaid, text
	}
	if recognize.Asks(text) {
		// A question asks about a place, but a clause beside it that asks nothing may say
		// where one lives ("I live in Vellmar now. Which office is closest?", J6).
		for _, piece := range recognize.Clauses(text) {
			if piece != text && !recognize.Asks(piece) {
				if said, _ := e.movedTo(s, piece, out); said != placeUnsaid {
					return said, text
				}
			}
		}
		return placeUnsaid, text
	}
	words := recognize.Normalize(text)
	first := ""
	if f := strings.Fields(text); len(f) > 0 {
		first = f[0]
	}
	from, to, live := e.livesAt(s.Lang, words, first)
	read, near := text, ""
	switch {
	case live && e.Langs.NamesPeople(s.Lang, strings.Join(words[max(0, from-2):from], " ")),
		live && to == len(words) && e.Langs.NamesPeople(s.Lang, strings.Join(words[:from], " ")):
		// "اخوي ساكن في بوناتال": my brother lives there (Arabic's "living" says no person:
		// the one named right before it is who lives there); "mein Sohn ist nach Vellmar
		// gezogen", where the verb comes last, names him at the start.
		return placeUnsaid, text
	case !live && (len(words) > maxPlaceOnly || len(words) == maxPlaceOnly && !e.Langs.SaysOneOf(s.Lang, "answer.at", words[0])):
		return placeUnsaid, text // "I work in Vellmar"; but "in Vellmar", "Baunatal'dayım"
	case live:
		// Where the writer lives is named after the words that say so ("my sister lives in
		// Vellmar, I live in Kassel"), or, where they end the message (languages that put the
		// verb last), before them ("li Kasselê dijîm", "ኣብ ባውናታል እየ ዝነብር").
		read = strings.Join(words[to:], " ")
		near = strings.Join(words[to:min(len(words), to+maxBesideLive)], " ")
		if to == len(words) {
			read = strings.Join(words[max(0, from-maxBeforeLive):from], " ")
			near = read
		}
	}
	// The words right beside them are read as an answer is, also by how a name sounds in the
	// writer's script: "انتقلنا الى فيلمار", "ናብ ቨልማር ገዒዝና" (we moved to Vellmar: "to" is no
	// word of answer.at), "мы переехали в Фельмар, нужна квартира", "ми переїхали з Баунаталя
	// до Фельмара"; the rest only as a sentence is.
	named, ok := e.movedPlace(s.Lang, near, false)
	if !ok {
		named, ok = e.movedPlace(s.Lang, read, true)
		near = read
	}
	read = near
	if live {
		rest = strings.Join(slices.Concat(words[:from], words[to:]), " ")
	} else {
		rest = text
	}
	switch {
	case !ok:
		// "Baunatal'dan taşındık", "on a déménagé de Baunatal": no place, and no need in
		// the words for moving either (J8: Housing was added).
		return placeUnsaid, rest
	case named.Name == s.Place && s.Place != "":
		return placeSame, rest
	}
	e.takeNamed(s, read, named, out)
	return placeMoved, rest
}

// maxBesideLive is how many words right after the words that say where one lives are read as
// an answer is ("з баунаталя до фельмара").
const maxBesideLive = 4

// movedPlace is the place read names as where one lives now (see movedTo): a name refused or
// left is passed over (placeRead).
func (e *Engine) movedPlace(lang, read string, written bool) (postcode.Named, bool) {
	if read == "" {
		return postcode.Named{}, false
	}
	return e.placeRead(lang, read, written, true)
}

// leftFrom says whether the name at words[first:last+1] is the place one came from: a word of
// answer.from right before it ("from", "из", "ካብ", "از"), or an ending of it (an entry
// written "-dan") that the name's last word ends in beyond the name: Turkish "vellmardan".
func (e *Engine) leftFrom(lang string, words []string, first, last int) bool {
	if first < 0 || last >= len(words) {
		return false
	}
	if first > 0 && e.Langs.SaysOneOf(lang, "answer.from", words[first-1]) {
		return true
	}
	for _, ending := range e.Langs.Endings(lang, "answer.from") {
		if w := words[last]; len(w) > len(ending)+3 && strings.HasSuffix(w, ending) {
			return true
		}
	}
	return false
}

// livesAt is where the first phrase of answer.live among words says where the writer lives
// now (first: the message's first word as typed). One with a phrase of answer.was right before
// or after it ("كنت ساكن", I was living; "እነብር ነይረ", I used to live), or a negation up to two
// words before it ("я больше не живу"), tells where they lived before or do not live, and the
// next one is read ("كنت ساكن بكاسل وهلأ ساكن ببوناتال": Baunatal).
func (e *Engine) livesAt(lang string, words []string, first string) (from, to int, ok bool) {
	past := func(from, to int) bool {
		// "я больше не живу в Баунатале", "już nie mieszkam w Baunatal" (J7: moved there):
		// a word of answer.negation right before, but the answer's first word said apart ("No,
		// I live in Vellmar").
		for i := max(0, from-2); i < from; i++ { // "nu mai stau în Baunatal": a word between
			if e.Langs.SaysOneOf(lang, "answer.negation", words[i]) && (i > 0 || !strings.ContainsAny(first, ",.!;:")) {
				return true
			}
		}
		for n := 1; n <= maxWasWords; n++ {
			if from-n >= 0 && e.Langs.SaysOneOf(lang, "answer.was", strings.Join(words[from-n:from], " ")) ||
				to+n <= len(words) && e.Langs.SaysOneOf(lang, "answer.was", strings.Join(words[to:to+n], " ")) {
				return true
			}
		}
		return false
	}
	for start := 0; start < len(words); {
		f, t, ok := e.Langs.HoldsAt(lang, "answer.live", strings.Join(words[start:], " "))
		if !ok {
			break
		}
		if f, t = f+start, t+start; !past(f, t) {
			return f, t, true
		}
		start = t
	}
	return 0, 0, false
}

// maxWasWords is the most words of a phrase of answer.was ("daha önce", "ቅድሚ ሕጂ").
const maxWasWords = 3

// maxBeforeLive is the most words before the words that say where one lives that are read for
// the place, in languages that put the verb last: "… lê li Kasselê dijîm".
const maxBeforeLive = 4

// placeSaid is what a message under the result says of where its writer lives (movedTo).
type placeSaid int

const (
	placeUnsaid placeSaid = iota // nothing
	placeSame                    // the place the result is for
	placeMoved                   // another, taken
)

// maxPlaceOnly is the most words of a message under the result that is read as a place
// without a word saying that its writer lives there: a name and a word before it that says
// where one is ("in Vellmar", "в Баунаталі": answer.at), not "بشتغل ببوناتال" (I work in ...).
const maxPlaceOnly = 2

// namedAmong is the language a short message written in lang names among a word or two
// more ("arabic please", "farsi lotfan", "русский пожалуйста"), when it names no need ("learn
// German", "Deutschkurs bitte") and holds no number ("arabic 34" answers the age).
func (e *Engine) namedAmong(lang, text string) (string, bool) {
	named, ok := e.Langs.NamedAmong(lang, text)
	if _, alone := e.Langs.Named(strings.TrimSpace(text)); !ok || alone {
		return "", false // a name alone is for the caller ("German" at the topic question is the need)
	}
	// A number beside the name answers the age; the name itself may be a number word too
	// (Pashto "درې", three, is written as "دری", Dari: "دری لطفا" asks for Dari).
	rest := slices.DeleteFunc(strings.Fields(text), func(w string) bool { _, ok := e.Langs.Named(w); return ok })
	if nums, others := e.Langs.Numbers(lang, strings.Join(rest, " ")); len(nums)+others > 0 {
		return "", false
	}
	// A need named beside it is the need ("learn German"), also in the language the message
	// is written in ("almanca kursu istiyorum" on an English phone), but the word for a
	// language is no need beside the language's name ("на русском языке", "українською мовою").
	if e.namesNeed(lang, text) && !e.Langs.OnlyNamesLanguage(lang, text) {
		return "", false
	}
	return named, true
}

// namesNeed says whether text names a need read in lang or in the language it is written in,
// where that is another.
func (e *Engine) namesNeed(lang, text string) bool {
	if len(e.Langs.RecognizeTopics(lang, text)) > 0 {
		return true
	}
	written := e.Langs.Guess(text, lang)
	return written != "" && written != lang && len(e.Langs.RecognizeTopics(written, text)) > 0
}

// callsForHelpInAny reports whether text, as a whole, calls for help in any shipped language
// ("help", "Hilfe", "ساعدني", "imdat": answer.help), or is the SOS emoji alone: a first
// message's language may not be known yet, and later a newcomer may type the word they know
// in German or their own language.
func (e *Engine) callsForHelpInAny(text string) bool {
	if sos(text) {
		return true
	}
	return e.Langs.SaysInAny("answer.help", text)
}

// sos reports whether text is nothing but the SOS emoji (🆘), which no language's words say.
func sos(text string) bool {
	text = strings.TrimSpace(text)
	return strings.Contains(text, "🆘") && strings.Trim(text, "🆘! \u200d\ufe0f") == ""
}

// reguess changes a guessed language when a typed message is plainly in another one (an
// Arabic message from a phone set to English), unless it is still the conversation's (see
// i18n.Catalog.Keeps): "please help me, guri ma haysto" stays Somali, "Нужна ми е квартира"
// Bulgarian.
func (e *Engine) reguess(s *State, text string, out *dialog.Output) {
	if !s.LangGuessed {
		return
	}
	if g := e.Langs.Guess(text, s.Lang); g != "" && g != s.Lang && !e.Langs.Keeps(s.Lang, g, text) {
		out.Record(dialog.EventLanguageSwitched, "from", s.Lang, "to", g)
		s.Lang = g
	}
}

// chooseLanguage takes a language whose name was typed, and asks the current question again
// in it; read is the language the bot spoke until then. Before any answer, in another
// language than that, the welcome comes again in the language chosen, with the question.
func (e *Engine) chooseLanguage(ctx context.Context, s *State, lang, read string, out *dialog.Output) error {
	greet := s.opening() && lang != read
	if s.LangGuessed {
		out.Record(dialog.EventAnswered, "step", string(StepLanguage), "how", "text")
	}
	if lang != s.Lang {
		out.Record(dialog.EventLanguageSwitched, "from", s.Lang, "to", lang)
	}
	s.Lang, s.LangGuessed = lang, false
	if greet {
		return e.greet(ctx, s, nil, out)
	}
	out.Say(dialog.T("language.chosen"))
	return e.reask(ctx, s, out)
}

func (e *Engine) location(ctx context.Context, s *State, in dialog.Input, out *dialog.Output) error {
	if s.Step() != StepPlace || in.Lat < -90 || in.Lat > 90 || in.Lon < -180 || in.Lon > 180 {
		out.Say(dialog.T("use_buttons")).HideKeyboard = s.Step() != StepPlace // the keyboard left from before
		return e.reask(ctx, s, out)
	}
	s.Lat, s.Lon = round3(in.Lat), round3(in.Lon)
	// A position outside the served area gets the nationwide search with the result, as a
	// postcode outside it does (outsideLines).
	s.PlaceDone, s.Postcode, s.Outside, s.Centre, s.Place = true, false, e.Places != nil && !e.Places.InAreaAt(in.Lat, in.Lon), "", ""
	if e.Places != nil {
		s.Place = e.Places.PlaceAt(in.Lat, in.Lon)
	}
	out.Record(dialog.EventAnswered, "step", string(StepPlace), "how", "location")
	id := "place.thanks"
	if s.Outside {
		id = "place.outside_location"
	}
	m := out.Say(dialog.T(id))
	m.HideKeyboard = true
	return e.ask(ctx, s, out)
}

// ask says the current question (or, at the end, the result).
func (e *Engine) ask(ctx context.Context, s *State, out *dialog.Output) error {
	step := s.Step()
	if step == StepResult {
		return e.result(ctx, s, out)
	}
	out.Messages = append(out.Messages, e.question(s, step))
	return nil
}

// askAfter says what was understood and the next question in one message (the result, with
// its own summary, comes after it).
func (e *Engine) askAfter(ctx context.Context, s *State, out *dialog.Output, understood ...dialog.Text) error {
	if s.Step() == StepResult {
		out.Say(understood...)
		return e.ask(ctx, s, out)
	}
	q := e.question(s, s.Step())
	q.Lines = append(understood, q.Lines...)
	out.Messages = append(out.Messages, q)
	return nil
}

// Current is the conversation's current question for s (at the end, the choice of what to do
// next), as said after a side flow that ended without one; s is not changed.
func (e *Engine) Current(ctx context.Context, s State) (dialog.Output, error) {
	var out dialog.Output
	if s.Lang == "" {
		return out, nil // not begun: the next input begins it
	}
	err := e.reask(ctx, &s, &out)
	out.Events = nil
	return out, err
}

// reask says the current question again after an input that did not answer it. At the end
// of the conversation that is the choice of what to do next, not the whole result again.
func (e *Engine) reask(ctx context.Context, s *State, out *dialog.Output) error {
	if s.Step() == StepResult {
		out.Messages = append(out.Messages, e.question(s, StepResult))
		return nil
	}
	return e.ask(ctx, s, out)
}

// question is the message that asks for step's answer, with its buttons.
func (e *Engine) question(s *State, step Step) dialog.Message {
	switch step {
	case StepLanguage:
		return e.picker()
	case StepAge:
		bands := [][]dialog.Button{
			{bandButton(bandUnder12), bandButton(band12to17)},
			{bandButton(band18to26), bandButton(band27plus)},
			languageRow(s),
		}
		switch len(s.AgeChoices) {
		case 0:
			return dialog.Message{Lines: []dialog.Text{dialog.T("age.question")}, Buttons: bands}
		case 1: // a small number among words, perhaps a count: to confirm, or an age group instead
			m := whichAge(s, "age.confirm")
			m.Buttons = append(m.Buttons, bands...)
			return m
		}
		return whichAge(s, "age.which")
	case StepChild:
		id := s.parentQuestion()
		question := dialog.T(id + ".question")
		if id == "teen" && s.OwnAge {
			question = dialog.T("teen.question_self") // "I am 16": asked as "you"
		}
		return dialog.Message{Lines: []dialog.Text{question}, Buttons: [][]dialog.Button{
			{button(dialog.T(id+".with_parent"), prefixChild, childYes)},
			{button(dialog.T(id+".alone"), prefixChild, childNo)},
		}}
	case StepParentAge:
		if len(s.AgeChoices) > 0 {
			return whichAge(s, "parent.which")
		}
		return dialog.Message{Lines: []dialog.Text{dialog.T("parent.question")}, Buttons: [][]dialog.Button{
			{bandButton(band18to26), bandButton(band27plus)},
		}}
	case StepTopic:
		// One topic a row: the labels are too long to share a row on a phone in many languages.
		m := dialog.Message{Lines: []dialog.Text{dialog.T("topic.question")}}
		for _, t := range directory.Topics {
			m.Buttons = append(m.Buttons, []dialog.Button{button(TopicLabel(t), prefixTopic, string(t))})
		}
		if s.LangGuessed {
			// Still a guess: the way to another language stays at hand (a Dari speaker greeted
			// in Arabic who answered the age).
			m.Buttons = append(m.Buttons, languageRow(s))
		}
		return m
	case StepPlace:
		return placeQuestion()
	case StepChange:
		return dialog.Message{Lines: []dialog.Text{dialog.T("change.question")}, Buttons: [][]dialog.Button{
			{button(dialog.T("change.age"), prefixChange, chgAge)},
			{button(dialog.T("change.topic"), prefixChange, chgTopic)},
			{button(dialog.T("change.place"), prefixChange, chgPlace)},
			{button(dialog.T("button.back"), prefixChange, chgBack)},
		}}
	}
	return dialog.Message{Lines: []dialog.Text{dialog.T("next.question")}, Buttons: resultNav(s)}
}

// languageRow is the button that opens the language picker: "other language" while the
// language is only guessed.
func languageRow(s *State) []dialog.Button {
	label := dialog.T("button.language")
	if s.LangGuessed {
		label = dialog.T("button.other_language")
	}
	return []dialog.Button{button(label, prefixNav, navLanguage)}
}

// resultNav is what can be done after a result: the card to show at an office (when one was
// named), change an answer, start again, another language.
func resultNav(s *State) [][]dialog.Button {
	var rows [][]dialog.Button
	if s.Card {
		rows = append(rows, []dialog.Button{button(dialog.T("button.card"), prefixResult, resCard)})
	}
	return append(rows, [][]dialog.Button{
		{button(dialog.T("button.change"), prefixResult, resChange)},
		{button(dialog.T("button.restart"), prefixResult, resRestart)},
		{button(dialog.T("button.language"), prefixNav, navLanguage)},
	}...)
}

func (e *Engine) langName(tag string) string {
	for _, l := range e.Langs.List() {
		if l.Tag == tag {
			return l.Name
		}
	}
	return tag
}
