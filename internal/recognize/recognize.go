package recognize

import (
	"hash/maphash"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/directory"
)

// Recognizer holds the keyword lists of every language.
type Recognizer struct {
	sets map[string]*list
	// also names, per language, the lists its speakers mix in (Kurmanji speakers write
	// Turkish and Arabic words, Pashto speakers Dari ones); Always is read for everyone.
	also   map[string][]string
	always []string
	// bySound are the languages whose keywords also match by their German sound (see
	// germanSound): German's.
	bySound []string
	// selves are, per language, the phrases in which writers describe themselves ("I am from",
	// "we live in"): see AddSelf.
	selves map[string]*list
	// haves are, per language, the phrases in which writers say what they have already ("I
	// have a job", "I found a flat"): see AddHave.
	haves map[string]*list
	// asks are, per language, the phrases in which writers ask about an office they were
	// shown ("opening hours", "how do I get there"): see AddAsk. Their words name no topic.
	asks map[string]*list
	// roles are, per language, the phrases naming people by their role ("social worker"):
	// see AddRoles. Their words name no topic, but a danger phrase may hold them.
	roles map[string]*list
	// fines and buts are, per language, the phrases saying that all else is well ("all is
	// fine") and the words after which writers come to their need ("but"): see AddSettled.
	fines, buts map[string]*list
	// nots are, per language, the words around a topic that say it is not the need ("not
	// housing", "ev değil"): see AddNot.
	nots map[string][]around
	// dangers are, per language, its danger phrases long enough to be read for a message in
	// any other language too (see Danger).
	dangers     map[string]*list
	dangerLangs []string // the languages of dangers, in order
	// words are, per language, the words of what the bot itself says in it (their hashes): real
	// words, never taken for a slip of a keyword (see AddWords). Two words with one hash (a
	// chance of one in 2⁶⁴) would only keep a slip unread.
	words map[string]map[uint64]bool
	// short are, per language, the short words the bot itself writes in lowercase in it
	// ("son" in French and Turkish, "kind" in English): the lists read for every language
	// (always) do not read them in it (see AddWords).
	short map[string]map[uint64]bool
}

// phrase is one keyword entry: every word must occur in the message.
type phrase struct {
	topic directory.Topic
	at, n int32 // its words in its list's source (n: how many)
	runes int   // the letters of its words: a longer match says more
	weak  bool  // a context word ("my daughter"): it names the topic only when nothing else does
	// danger marks a phrase saying that the writer may be in danger now (violence, threats, a
	// wish to die): see Danger.
	danger bool
	// sideBySide is a phrase whose words must occur in order and side by side ("=dont want to
	// live anymore" is not "I don't want to go there anymore" of someone who lives in a home).
	sideBySide bool
}

// parsed is a phrase as read, with its words.
type parsed struct {
	phrase
	words []keyword
}

// keyword is one word of a phrase. A stem matches any word that begins with it. A Cyrillic
// word is also compared, as skels, with the words of a message typed in Latin letters (see
// translit.go).
type keyword struct {
	text  string
	stem  bool
	whole bool // written "word.": matched as written only, not with a slip either (near.go)
	skels []string
}

// New returns an empty recognizer. also names the languages whose lists are read too, per
// language; always are read for every language (English and German loan words).
func New(also map[string][]string, always ...string) *Recognizer {
	return &Recognizer{sets: map[string]*list{}, selves: map[string]*list{}, haves: map[string]*list{}, asks: map[string]*list{}, roles: map[string]*list{}, fines: map[string]*list{}, buts: map[string]*list{},
		nots: map[string][]around{}, also: also, always: always}
}

// peopleTopic is the topic whose context words name the people around the writer ("my
// daughter", "my husband"). In a self-description they say who the writer is.
const peopleTopic directory.Topic = "family"

// AddSelf reads lang's phrases in which writers describe themselves: where they come from,
// where they live, when they came, what work they do ("i am from, we live in, we came to, i
// work as"), comma-separated, the same words as in Add but found only in order and side by
// side. The words of such a phrase name no topic ("I work as a driver" is who the writer is,
// not a question about work), and a message that describes its writer names no topic by the
// context words of the people around them alone (peopleTopic): "I live in Leipzig with my
// mum" is who the writer is, not a family matter (as "my daughter cries all night" is). Other
// words still name their topics: context words ("I live in Berlin, my application was
// refused") and keywords ("I am from Syria and need a flat", "I work as a driver and my boss
// does not pay me").
func (r *Recognizer) AddSelf(lang, list string) {
	listOf(r.selves, lang).add(asTyped(parsePhrases(lang, list))...)
}

// AddAsk reads lang's phrases in which writers ask about an office they were shown: its
// opening hours, the way there, an appointment ("opening hours, when are they open, how do I
// get there"), written as AddSelf's. Their words name no topic: in many languages the opening
// hours are the "hours of work" ("часы работы", "ساعات العمل", "çalışma saatleri"), and
// "когда они работают?" asks when the office is open, not for work. Other words still name
// theirs ("when are they open? I also need a flat").
func (r *Recognizer) AddAsk(lang, list string) {
	listOf(r.asks, lang).add(asTyped(parsePhrases(lang, list))...)
}

// AddRoles reads lang's phrases that name people by their role or job, written as AddSelf's:
// words that would name a topic ("social worker" holds "work" in many languages:
// "pracownik socjalny", "социальный работник", "shaqaale bulsho") and only say who writes or
// who is meant ("I am her social worker", "the social worker said I need a form"). Like
// AddAsk's, their words name no topic, and they describe no one: other words of the sentence
// still name theirs. A danger phrase is read over them ("tell social worker kill me").
func (r *Recognizer) AddRoles(lang, list string) {
	listOf(r.roles, lang).add(asTyped(parsePhrases(lang, list))...)
}

// AddHave reads lang's phrases in which writers say what they have or did already ("i have a
// job, i found a flat, i passed b1"), written as AddSelf's. A topic named only in such a phrase
// is the settled life the writer tells of, not offered when the message names a need
// elsewhere ("I have a job and a flat, now I want citizenship" is about citizenship) or when
// the writer says all is well ("all good, I found a flat and a job, thanks"); named alone,
// it stays ("I have my residence permit, but it expires next month").
func (r *Recognizer) AddHave(lang, list string) {
	listOf(r.haves, lang).add(asTyped(parsePhrases(lang, list))...)
}

// AddNot reads lang's contexts that say a topic named is not the need: comma-separated, each a
// few words with # for the topic's phrase, the words right before it ("not #", "nicht wegen #")
// or right after it ("# değil", "# نیست"), as the number lists' contexts are written (around).
// A writer who corrects ("not housing, I have a flat; I need work") is offered the other need;
// a topic so named is dropped only when another one is named too, so "not" in a message about
// one need does not lose it. An entry without exactly one # is passed over.
func (r *Recognizer) AddNot(lang, list string) {
	for entry := range entries(list) {
		if a, err := parseAround(entry); err == nil {
			r.nots[lang] = append(r.nots[lang], a)
		}
	}
}

// negated says whether m's words have one of the not-contexts of lang's languages around them.
func (r *Recognizer) negated(lang string, variants [][]string, m match) bool {
	return r.negatedWithin(lang, variants, m, nil)
}

// negatedWithin is negated with the context read only within the clauses the phrase's words
// stand in (clause: each word's clause, as sentenceOf numbers them by clauseEnds; nil:
// anywhere).
func (r *Recognizer) negatedWithin(lang string, variants [][]string, m match, clause []int) bool {
	first, last := slices.Min(m.words), slices.Max(m.words)
	// A context is read outside the phrase's own words: in "ክነብር ኣይደልን" (I do not want to
	// live) the phrase's "ኣይደልን" is no "# ኣይደልን" around "ክነብር".
	word := func(i int) (string, bool) {
		if i < 0 || i >= len(variants) || len(variants[i]) == 0 || slices.Contains(m.words, i) {
			return "", false
		}
		if len(clause) == len(variants) && (clause[i] < clause[first] || clause[i] > clause[last]) {
			return "", false
		}
		return variants[i][0], true
	}
	// The phrase's words may lie apart ("ev ... lazım" in "ev değil, iş lazım"): the context
	// may be around all of them, or around the first alone.
	return r.notAround(lang, word, first, last) || r.notAround(lang, word, first, first)
}

// notAround says whether one of the not-contexts of lang's languages surrounds the words
// first to last (word: the message's words, as around.at reads them).
func (r *Recognizer) notAround(lang string, word func(i int) (string, bool), first, last int) bool {
	for _, l := range r.languages(lang) {
		for _, a := range r.nots[l] {
			if a.at(word, first, last) {
				return true
			}
		}
	}
	return false
}

// dropNegated drops the matches a not-context names when they come before a need named
// without one: a correction says what it is not, then what it is ("not housing, I need
// work"); a "not" after the need is part of telling it ("I want to work as a doctor, but my
// certificate is not recognised"). A context word after it does not count: in "I have not
// work and my children are hungry" the "not" tells the need. Something else is never dropped:
// its phrases hold their own "not" ("does not fit the list").
func (r *Recognizer) dropNegated(lang string, variants [][]string, found []match, clause []int) []match {
	negated := make([]bool, len(found))
	lastKept := -1 // the word where the last need named without a not-context starts
	for i, m := range found {
		// A danger's not-context is read within its clause (see Danger): "il me frappe, pas
		// tous les jours" is violence at home.
		within := []int(nil)
		if m.danger {
			within = clause
		}
		negated[i] = m.topic != directory.TopicOther && r.negatedWithin(lang, variants, m, within)
		if !negated[i] && !m.weak {
			lastKept = max(lastKept, slices.Min(m.words))
		}
	}
	var out []match
	for i, m := range found {
		if !negated[i] || slices.Min(m.words) > lastKept {
			out = append(out, m)
		}
	}
	return out
}

// NegatedTopics are the topics a message written in lang names only to say they are not the
// need, where it names another one, before or after it ("мне нужно жильё, а не работа": work;
// "not housing, I need a job": housing), by the not-contexts of AddNot: a writer who corrects
// an answer given before. (Recognize drops such a topic only when the other one comes after
// it; here the answer given before says which one the writer takes back.)
func (r *Recognizer) NegatedTopics(lang, text string) []directory.Topic {
	variants := variantsOf(text)
	if len(variants) == 0 {
		return nil
	}
	found := r.find(lang, variants, r.namingNoTopic(lang, variants))
	var out, named []directory.Topic
	for _, m := range found {
		switch {
		case m.weak || m.danger || m.topic == directory.TopicOther:
		case r.negatedWithin(lang, variants, m, nil):
			if !slices.Contains(out, m.topic) {
				out = append(out, m.topic)
			}
		default:
			named = append(named, m.topic)
		}
	}
	// Before or after the need named ("not work, housing", "housing, not work"), but only
	// beside one, and not a topic also named without a not-context.
	out = slices.DeleteFunc(out, func(t directory.Topic) bool { return slices.Contains(named, t) })
	if len(named) == 0 {
		return nil
	}
	return out
}

// AddSettled reads lang's phrases in which writers say that all else is well ("all is fine,
// we are doing well") and the words after which they come to their need ("but, however"),
// comma-separated, found as AddSelf's are. In a message that says all is well and then holds
// one of those words, the topics named before the last of them after which one is named are
// the settled life the writer describes, and are not offered. "We have a flat, the
// children go to school, all is fine, but my husband hits me" asks about the husband.
// Without the phrase, what comes before "but" is often a need too: "I want to work as a
// nurse, but my diploma is not recognised".
func (r *Recognizer) AddSettled(lang, fine, but string) {
	listOf(r.fines, lang).add(asTyped(parsePhrases(lang, fine))...)
	listOf(r.buts, lang).add(asTyped(parsePhrases(lang, but))...)
}

// asTyped makes phrases match only as typed, not through a Latin skeleton.
func asTyped(phrases []parsed) []parsed {
	for _, ph := range phrases {
		for i := range ph.words {
			ph.words[i].skels = nil
		}
	}
	return phrases
}

// cutsAfter are, for a message that says all is well and after that holds words after
// which a need follows, the words of the message where each such word ends, the last first;
// none for any other message. What is named before such a word, on either side of the phrase,
// is the life the writer describes ("we have a flat, all is fine, but ...", "thank God all is
// fine: my husband works, the children go to school, but ..."). The need is read from the last
// such word after which something is named: "only" may also come inside the need ("all is
// fine, but I need a flat, only for a month"). A phrase asked as a question within two words
// ("hello, all good? I need a flat, but I have no job") is a greeting: it says nothing of the
// writer's life.
//
// fine gives where the message's phrase saying all is well ends (allWell's answer: none when
// negative); it is asked only for a message that holds such words.
func (r *Recognizer) cutsAfter(lang string, variants [][]string, fine func() int) []int {
	type but struct{ start, end int }
	var buts []but
	for _, l := range r.languages(lang) {
		for p, at := range r.buts[l].occurrences(variants) {
			buts = append(buts, but{at, at + int(p.n) - 1})
		}
	}
	if len(buts) == 0 {
		return nil
	}
	f := fine()
	if f < 0 {
		return nil
	}
	var cuts []int
	for _, b := range buts {
		if b.start >= f && !slices.Contains(cuts, b.end) {
			cuts = append(cuts, b.end)
		}
	}
	slices.SortFunc(cuts, func(a, b int) int { return b - a })
	return cuts
}

// allWell is where the first phrase of text saying all is well ends (the word after it), not
// asked as a question ("hello, all good?" is a greeting); -1 when there is none.
func (r *Recognizer) allWell(lang, text string, variants [][]string) int {
	fine := -1
	asked := questionsAfter(text)
	for _, l := range r.languages(lang) {
		for p, at := range r.fines[l].occurrences(variants) {
			end := at + int(p.n) // the word after the phrase
			if (fine < 0 || end < fine) && !slices.ContainsFunc(asked, func(q int) bool { return q >= end && q <= end+2 }) {
				fine = end
			}
		}
	}
	return fine
}

// questionsAfter is, for each question mark in text, how many of Normalize's words come
// before it.
func questionsAfter(text string) []int {
	var out []int
	for i, c := range text {
		if strings.ContainsRune(questionMarks, c) {
			out = append(out, len(Normalize(text[:i])))
		}
	}
	return out
}

// selfWords marks the message's words that the self-description phrases of the languages
// read for lang cover (each phrase's words in order and side by side, wherever it occurs); nil
// when there are none.
func (r *Recognizer) selfWords(lang string, variants [][]string) []bool {
	return r.covered(r.selves, lang, variants)
}

// withAsked adds to self (the words a self-description covers, nil for none) those that a
// question about an office covers (AddAsk): neither names a topic.
func (r *Recognizer) withAsked(lang string, variants [][]string, self []bool) []bool {
	return orWords(self, r.covered(r.asks, lang, variants))
}

// namingNoTopic marks the message's words that name no topic: those of a self-description,
// a question about an office and a role (AddRoles); nil for none.
func (r *Recognizer) namingNoTopic(lang string, variants [][]string) []bool {
	return orWords(r.withAsked(lang, variants, r.selfWords(lang, variants)), r.covered(r.roles, lang, variants))
}

// orWords marks the words either of a and b marks (nil: none).
func orWords(a, b []bool) []bool {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	out := slices.Clone(a)
	for i := range b {
		out[i] = out[i] || b[i]
	}
	return out
}

// covered marks the message's words that a phrase of lists, in the languages read for lang,
// covers (nil: none).
func (r *Recognizer) covered(lists map[string]*list, lang string, variants [][]string) []bool {
	var covered []bool
	for _, l := range r.languages(lang) {
		for p, at := range lists[l].occurrences(variants) {
			if covered == nil {
				covered = make([]bool, len(variants))
			}
			for j := range int(p.n) {
				covered[at+j] = true
			}
		}
	}
	return covered
}

// BySound makes the keywords of lang's lists added after it also match words typed as they
// sound in German (germanSound): "wonung" for "Wohnung". It is for German's list, whose office
// words people of every language type as they hear them.
func (r *Recognizer) BySound(lang string) {
	r.bySound = append(r.bySound, lang)
}

// Add reads a keyword list of lang for topic: phrases separated by commas, the words of a
// phrase by spaces. A word of stemLength letters or more (fewer in Arabic and Ethiopic
// script) also matches as the start of a longer word; a word ending in * always does, one
// ending in . never ("я лікар." is "I am a doctor", not "я лікаря шукаю", I look for a doctor). A
// phrase starting with ~ is a context word: "~daughter" makes "my daughter cries all night"
// a family matter, but "a school for my daughter" is about school. A phrase starting with !
// names its topic and says that the writer may be in danger now ("!hits me", "!want to die"):
// see Danger. A phrase starting with = matches only with its words in order and side by side
// ("!=dont want to live anymore"). The marks may come in any order. A word # is a count of
// many: a number of 10 to 9999 written in digits, of any script ("!=# pills at once", "!=I
// swallowed # tablets"); two pills are a dose, a postcode or a phone number no count.
func (r *Recognizer) Add(lang string, topic directory.Topic, keywords string) {
	phrases := parsePhrases(lang, keywords)
	bySound := slices.Contains(r.bySound, lang)
	for i := range phrases {
		phrases[i].topic = topic
		if bySound {
			for j := range phrases[i].words {
				w := &phrases[i].words[j]
				if sound := germanSound(w.text); sound != "" {
					w.skels = append(w.skels, sound)
				}
			}
		}
	}
	listOf(r.sets, lang).add(phrases...)
	var dangers []parsed
	for _, ph := range phrases {
		if ph.danger && ph.runes >= minElsewhere(ph.words[0].text) {
			dangers = append(dangers, ph)
		}
	}
	if len(dangers) > 0 {
		if r.dangers == nil {
			r.dangers = map[string]*list{}
		}
		if r.dangers[lang] == nil {
			r.dangerLangs = append(r.dangerLangs, lang)
			slices.Sort(r.dangerLangs)
		}
		listOf(r.dangers, lang).add(dangers...)
	}
}

// parsePhrases reads a comma-separated list of lang's phrases (see Add), leaving out the
// empty ones; their topic is for the caller to set.
func parsePhrases(lang, list string) []parsed {
	var out []parsed
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		var ph parsed
	marks:
		for p != "" {
			switch p[0] {
			case '!':
				ph.danger = true
			case '~':
				ph.weak = true
			case '=':
				ph.sideBySide = true
			default:
				break marks
			}
			p = p[1:]
		}
		for _, f := range strings.Fields(p) {
			if f == "#" {
				ph.words = append(ph.words, keyword{text: manyWord, whole: true})
				ph.runes++
				continue
			}
			star, whole := strings.HasSuffix(f, "*"), strings.HasSuffix(f, ".")
			for _, w := range Normalize(strings.TrimSuffix(f, "*")) {
				n := utf8.RuneCountInString(w)
				ph.words = append(ph.words, keyword{text: w, stem: star || !whole && n >= stemLength(w), whole: whole, skels: cyrillicSkeletons(lang, w)})
				ph.runes += n
			}
		}
		if len(ph.words) > 0 && !numbersOnly(ph.words) {
			out = append(out, ph)
		}
	}
	return out
}

// numbersOnly says whether a phrase's words are all numbers ("§ 24", whose sign Normalize
// drops): such a phrase would name its topic in every message with the number, an age among
// them ("j'ai 30 ans et ma femme 24"), and is left out.
func numbersOnly(words []keyword) bool {
	for _, w := range words {
		if w.text == manyWord || strings.ContainsFunc(w.text, func(r rune) bool { return !unicode.IsDigit(r) }) {
			return false
		}
	}
	return true
}

// manyWord is the keyword a phrase's # stands for, and the form in which a message's count of
// many is compared (isMany). No text normalises to it: Normalize makes a control character a
// space.
const manyWord = "\x01#"

// isMany says whether w, as Normalize gives it, is a count of many: a number of 10 to 9999 in
// digits (Normalize writes every script's digits as 0-9). A postcode and a phone number are
// longer; a year is read as one, but no phrase of the lists puts a year before "pills".
func isMany(w string) bool {
	if len(w) < 2 || len(w) > 4 || w[0] == '0' {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// stemLength is how long a keyword must be to match as a stem: short words are often the start
// of unrelated longer ones. Arabic-script words are written without short vowels and Ethiopic
// letters are syllables, so their stems are shorter.
func stemLength(w string) int {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.Is(unicode.Arabic, r):
		return 4
	case unicode.Is(unicode.Ethiopic, r):
		return 3
	}
	return 5
}

// match is a phrase found in a message, at the message's words it used.
type match struct {
	topic        directory.Topic
	runes        int
	words        []int
	weak, danger bool
	sideBySide   bool // its words must stand in order and side by side
	// places are, per word of the phrase, every word of the message it matched.
	places [][]int
}

// Recognize returns the topics a message written in lang names, the main one first; none
// when it names no need. It reads lang's list, the lists its speakers mix in, and the
// always-read ones. Where one phrase covers another's words ("job interview" against
// "interview"), the longer one wins.
func (r *Recognizer) Recognize(lang, text string) []directory.Topic {
	found, _, _, _ := r.matches(lang, text, true)
	topics := rank(found)
	if len(topics) == 0 {
		return EmojiTopics(text) // "🏠❓": where the words name nothing, the pictures may
	}
	if len(topics) < 2 {
		return topics
	}
	return r.asked(lang, text, topics)
}

// asked orders the topics of a message of several sentences by what it asks: writers tell
// their story first and ask last ("I was a pharmacist in Homs for 8 years. Now I live in
// Bielefeld and do a B2 course. I am told I need an Approbation: where do I start?"). The last
// question that names a need in a phrase of its own gives the main topics. Of those named
// only before it, the needs told in sentences of their own stay after them, up to maxAsked
// in all; the topics of sentences in which the writer describes themselves are the story,
// of which only the first in rank stays, when no need did (it is often the matter's
// setting). A message without such a question keeps its topics as ranked.
func (r *Recognizer) asked(lang, text string, topics []directory.Topic) []directory.Topic {
	sents := sentences(text)
	if len(sents) < 2 {
		return topics
	}
	for i := len(sents) - 1; i >= 0; i-- {
		if !Asks(sents[i]) {
			continue
		}
		found, _, _, _ := r.matches(lang, sents[i], true)
		if !slices.ContainsFunc(found, func(m match) bool { return !m.weak }) {
			continue
		}
		out := rank(found)
		// Needs told before the question in sentences of their own ("I need a flat. I also
		// need a job. Where ...?") stay, up to maxAsked in all; of the story's topics (told
		// in sentences where the writer describes themselves: "I was a pharmacist in Homs")
		// only the first in rank stays, when no such need did.
		needs := map[directory.Topic]bool{}
		for _, sent := range sents[:i] {
			if f, _, story, _ := r.matches(lang, sent, true); !story {
				for _, m := range f {
					needs[m.topic] = !m.weak || needs[m.topic]
				}
			}
		}
		before := len(out)
		for _, t := range topics {
			if !slices.Contains(out, t) && needs[t] && len(out) < maxAsked {
				out = append(out, t)
			}
		}
		if len(out) == before {
			for _, t := range topics {
				if !slices.Contains(out, t) {
					return append(out, t)
				}
			}
		}
		return out
	}
	return topics
}

// maxAsked bounds the topics asked() keeps: as many as are answered at once
// (conversation.MaxTopics).
const maxAsked = 3

// questionMarks end a question in the shipped scripts (Latin, Arabic, Ethiopic) and as a
// phone's full-width keyboard types it.
const questionMarks = "?؟？፧"

// Asks says whether text holds a question mark.
func Asks(text string) bool { return strings.ContainsAny(text, questionMarks) }

// sentenceEnds end a sentence: full stops, exclamation and question marks (also the
// Arabic-script and Ethiopic ones) and line breaks.
const sentenceEnds = ".!\n۔።" + questionMarks

// sentences splits text after each full stop, question or exclamation mark and line break
// (also the Arabic-script and Ethiopic ones), leaving out pieces of three letters or fewer
// ("Dr.", "z.B.").
func sentences(text string) []string {
	var out []string
	start := 0
	rs := []rune(text)
	add := func(end int) {
		if s := strings.TrimSpace(string(rs[start:end])); utf8.RuneCountInString(s) > 3 {
			out = append(out, s)
		}
		start = end
	}
	for i, r := range rs {
		if strings.ContainsRune(sentenceEnds, r) {
			add(i + 1)
		}
	}
	add(len(rs))
	return out
}

// Danger returns the topics of the danger phrases (those written "!phrase", see Add) that a
// message written in lang names: the writer may be in danger now, and is to be told at once
// where to get help. A phrase said not to be the case ("he does not hit me") or covered by a
// longer phrase of another topic ("I don't want to live in this home any more" is housing)
// does not count; one told before "all is fine, but ..." does: a danger is no settled life.
//
// A person in danger may write in another language than the one the bot reads them in: Turkish
// on a phone set to German, Arabic typed in Latin letters after choosing English. When the
// languages read name no danger, the danger phrases of every other language long enough not to
// be words of another (see minElsewhere) are read too, each with its own language's
// not-context. A missed danger leaves a person
// without the number they need; a needless one shows numbers beside the question.
func (r *Recognizer) Danger(lang, text string) []directory.Topic {
	if !strings.ContainsFunc(text, unicode.IsLetter) {
		return nil // an age, a postcode, an emoji: no phrase of any language (each has letters)
	}
	var out []directory.Topic
	found, variants, _, at := r.matches(lang, text, false)
	found = withEveryDanger(found) // each place a danger phrase occurs
	// Phrases are read within a sentence: a phrase of another topic that reaches across a
	// full stop hides no danger ("не хочу жить. На пособие не прожить" is a wish to die,
	// whatever "не хочу жить на пособие", living on benefits, says), and a danger phrase read
	// across one ("ich will nicht mehr... leben") counts only while no other topic's phrase
	// within a sentence holds any of its words ("ich möchte nicht mehr von Sozialhilfe leben.
	// Ich will arbeiten": "will" is the next sentence's).
	sent, clause := at.sent, at.clause
	split := len(sent) == len(variants) && sent != nil
	if split {
		found = slices.DeleteFunc(slices.Clone(found), func(m match) bool { return !m.danger && spans(m.words, sent) })
	}
	if len(clause) == len(variants) && clause != nil {
		// Something else's phrases that say a danger is not the case ("=schlägt mich nicht")
		// are its not-contexts, read within a clause as those are: "mein Mann schlägt mich,
		// nicht jeden Tag" is a danger.
		found = slices.DeleteFunc(found, func(m match) bool {
			return !m.danger && m.topic == directory.TopicOther && spans(m.words, clause)
		})
	}
	kept := claim(found)
	taken := map[int]bool{}
	for _, m := range kept {
		if !m.danger {
			for _, w := range m.words {
				taken[w] = true
			}
		}
	}
	for _, m := range kept {
		// A topic said not to be the need stays when nothing else is named; a danger said
		// not to be the case ("he does not hit me") is none. Its words are read where they
		// stand together: in "I try not to cry, but I have no reason to live" the first "to"
		// is not the phrase's.
		if !m.danger || slices.Contains(out, m.topic) {
			continue
		}
		near := together(m)
		if split && spans(near.words, sent) && slices.ContainsFunc(near.words, func(w int) bool { return taken[w] }) {
			continue
		}
		// A danger is said not to be the case within its clause: in "il me frappe, pas tous
		// les jours" (he hits me, not every day) the "pas" after the comma is the next
		// clause's, no "il ne me frappe pas".
		if !r.negatedWithin(lang, variants, near, clause) {
			out = append(out, m.topic)
		}
	}
	if len(out) > 0 {
		return out
	}
	if variants == nil { // none named, or only the people around a writer who describes themselves
		variants = variantsOf(text)
	}
	return r.dangerElsewhere(lang, variants)
}

// maxAgain is the most further places of one danger phrase withEveryDanger reads.
const maxAgain = 8

// withEveryDanger adds to found each further place where one of its danger phrases occurs
// apart from the first (its words all elsewhere): a phrase is found where it first occurs, and
// there a longer phrase of another topic may claim it ("ме бие на шах", beats me at chess) while
// the same words further on are a danger ("..., а после ме бие наистина", and then really beats
// me). The places added read as they stand (no places of their own to move to).
func withEveryDanger(found []match) []match {
	out := slices.Clip(found)
	for _, m := range found {
		if !m.danger || len(m.places) == 0 {
			continue
		}
		n := 0
		for _, p := range m.places[0] {
			if n == maxAgain {
				break
			}
			if words, ok := occurrenceAt(m, p); ok {
				again := m
				again.words, again.places = words, nil
				out = append(out, again)
				n++
			}
		}
	}
	return out
}

// occurrenceAt is the place of m's phrase that begins with its first word at word p: the
// next words side by side (sideBySide) or each where it stands nearest to p; ok is false
// when there is none there, or it shares a word with the place m was found at.
func occurrenceAt(m match, p int) (words []int, ok bool) {
	if slices.Contains(m.words, p) {
		return nil, false
	}
	words = []int{p}
	for j := 1; j < len(m.places); j++ {
		best := -1
		for _, q := range m.places[j] {
			if slices.Contains(m.words, q) || slices.Contains(words, q) {
				continue
			}
			if m.sideBySide {
				if q == p+j {
					best = q
				}
				continue
			}
			if best < 0 || abs(q-p) < abs(best-p) {
				best = q
			}
		}
		if best < 0 {
			return nil, false
		}
		words = append(words, best)
	}
	return words, true
}

// clauseEnds end a clause: a sentence's ends, commas (Latin, Arabic and Ethiopic ones),
// semicolons and colons.
const clauseEnds = sentenceEnds + ",;:،؛፣፤፥"

// Clauses are text's pieces between the marks that end a sentence or a clause ("it helped,
// thanks!": "it helped", " thanks"), as typed; empty pieces are left out.
func Clauses(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(clauseEnds, r) })
}

// pieces say, for each word of a message (as Normalize splits it), the sentence and the
// clause it stands in, by number; nil where the message is one. A full stop after an
// abbreviation ("z.B.") ends one too: it only keeps phrases from reaching across it.
type pieces struct{ sent, clause []int }

// piecesOf reads the sentences (ended by sentenceEnds) and clauses (clauseEnds) of text,
// normalising each clause once.
func piecesOf(text string) pieces {
	if !strings.ContainsAny(text, clauseEnds) {
		return pieces{}
	}
	var p pieces
	sent, clause, start := 0, 0, 0
	add := func(end int) {
		for range Normalize(text[start:end]) {
			p.sent, p.clause = append(p.sent, sent), append(p.clause, clause)
		}
	}
	for i, r := range text {
		if !strings.ContainsRune(clauseEnds, r) {
			continue
		}
		add(i)
		clause++
		if strings.ContainsRune(sentenceEnds, r) {
			sent++
		}
		start = i + utf8.RuneLen(r)
	}
	add(len(text))
	return p
}

// spans says whether words (indexes into sent) stand in more than one sentence.
func spans(words []int, sent []int) bool {
	if len(words) == 0 || words[0] >= len(sent) {
		return false
	}
	for _, w := range words {
		if w < len(sent) && sent[w] != sent[words[0]] {
			return true
		}
	}
	return false
}

// minElsewhere is how many letters a danger phrase whose first word is w must have to be read
// for a message in another language: 8 in Latin and Cyrillic script, which many languages share
// and which a Latin skeleton reads in each other ("tehdit", a threat, is Kurmanji and Turkish
// alike, said of a landlord too; Bulgarian "бие ме", hits me, is "be me"); 4 in Arabic and
// Ethiopic script, whose languages' words are each their own.
func minElsewhere(w string) int {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.Is(unicode.Arabic, r) || unicode.Is(unicode.Ethiopic, r) {
		return 4
	}
	return 8
}

// dangerElsewhere is Danger's reading of a message's words (variants) in the danger phrases
// of the languages not read for lang.
func (r *Recognizer) dangerElsewhere(lang string, variants [][]string) []directory.Topic {
	var out []directory.Topic
	if len(variants) == 0 {
		return nil
	}
	read := r.languages(lang)
	for _, l := range r.dangerLangs {
		if slices.Contains(read, l) {
			continue
		}
		x := r.dangers[l].index()
		for _, m := range x.found(x.positions(variants), nil) {
			if !slices.Contains(out, m.topic) && !r.negated(l, variants, together(m)) {
				out = append(out, m.topic)
			}
		}
	}
	return out
}

// together places m's words where they stand closest together: its rarest word where it
// first occurs, each other word where it occurs nearest to it (a phrase's words are found
// first where they first occur, which may be far apart).
func together(m match) match {
	if len(m.places) < 2 {
		return m
	}
	anchor := 0
	for i, ps := range m.places {
		if len(ps) < len(m.places[anchor]) {
			anchor = i
		}
	}
	a := m.places[anchor][0]
	words := make([]int, len(m.places))
	for i, ps := range m.places {
		words[i] = slices.MinFunc(ps, func(x, y int) int { return abs(x-a) - abs(y-a) })
	}
	m.words = words
	return m
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// matches are the phrases a message written in lang holds that Recognize ranks: without those
// of a self-description naming only the people around the writer, those of the settled life
// before the need (when settled), and those said not to be the need; with the message's words
// they were found in, and whether the writer describes themselves in it.
func (r *Recognizer) matches(lang, text string, settled bool) (found []match, variants [][]string, described bool, at pieces) {
	if !strings.ContainsFunc(text, unicode.IsLetter) {
		return nil, nil, false, pieces{} // every phrase has a word of letters: an age, a postcode names none
	}
	variants = variantsOf(text)
	if len(variants) == 0 {
		return nil, nil, false, pieces{}
	}
	self := r.selfWords(lang, variants)
	described = self != nil
	self = r.withAsked(lang, variants, self)
	roles := r.covered(r.roles, lang, variants)
	found = r.find(lang, variants, orWords(self, roles))
	if roles != nil {
		// A danger phrase is read over a role's words: "tell social worker kill me".
		for _, m := range r.find(lang, variants, self) {
			if m.danger && !slices.ContainsFunc(found, func(f match) bool { return f.topic == m.topic && slices.Equal(f.words, m.words) }) {
				found = append(found, m)
			}
		}
		self = orWords(self, roles)
	}
	fine, fineRead := -1, false // allWell's answer, read once when asked for
	allWell := func() int {
		if !fineRead {
			fine, fineRead = r.allWell(lang, text, variants), true
		}
		return fine
	}
	if have := r.covered(r.haves, lang, variants); have != nil {
		// What the writer has already is no need when they name one elsewhere (AddHave).
		both := slices.Clone(have)
		for i := range self {
			both[i] = both[i] || self[i]
		}
		// Nor when the writer says all is well and names nothing after a "but": "all good,
		// found a flat and a job, thanks" tells of a settled life, and asks nothing ("all is
		// fine, I have a flat, but it is too small" does).
		if f := r.find(lang, variants, both); slices.ContainsFunc(f, func(m match) bool { return !m.weak }) ||
			allWell() >= 0 && r.cutsAfter(lang, variants, allWell) == nil {
			found = f
		}
	}
	if described && len(found) > 0 && !slices.ContainsFunc(found, func(m match) bool { return !m.weak || m.topic != peopleTopic }) {
		return nil, nil, true, pieces{} // the people around the writer, in a self-description, describe; they do not ask
	}
	var cuts []int
	if settled {
		cuts = r.cutsAfter(lang, variants, allWell)
	}
	for _, but := range cuts {
		var rest []bool
		if self != nil {
			rest = self[but+1:]
		}
		if after := r.find(lang, variants[but+1:], rest); len(after) > 0 {
			found = after // before it, the settled life the writer describes
			variants = variants[but+1:]
			break
		}
	}
	// The words' clauses (negatedWithin reads them only while variants are the whole text's).
	at = piecesOf(text)
	return r.dropNegated(lang, variants, found, at.clause), variants, described, at
}

// NamesNeed says whether text names a need in a phrase of its own, not only by a context word
// ("a flat for me and my 3 kids" does; "I have 3 kids" names people, not a need).
func (r *Recognizer) NamesNeed(lang, text string) bool {
	variants := variantsOf(text)
	found := r.find(lang, variants, r.namingNoTopic(lang, variants))
	return slices.ContainsFunc(found, func(m match) bool { return !m.weak })
}

// NamesPeople says whether text names one of the people around the writer by a context word
// of peopleTopic ("my son", "ابني", "моя дочь"), whatever else it names; not by a word of a
// self-description ("I live in", where a catalog lists "live" as a context word too).
func (r *Recognizer) NamesPeople(lang, text string) bool {
	variants := variantsOf(text)
	return slices.ContainsFunc(r.find(lang, variants, r.selfWords(lang, variants)), func(m match) bool { return m.weak && m.topic == peopleTopic })
}

// DescribesSelf says whether the writer describes themselves or their life in text (a phrase
// of AddSelf's or AddHave's, or one saying all is well, not asked), so that a reply can thank
// them for it when it names no need.
func (r *Recognizer) DescribesSelf(lang, text string) bool {
	variants := variantsOf(text)
	return r.selfWords(lang, variants) != nil || r.covered(r.haves, lang, variants) != nil || r.allWell(lang, text, variants) >= 0
}

// variantsOf is each of text's words in the forms a keyword may match: as normalised, without
// its clitics and endings, and as a Latin skeleton.
func variantsOf(text string) [][]string {
	tokens := Normalize(text)
	variants := make([][]string, len(tokens))
	for i, t := range tokens {
		variants[i] = wordVariants(t)
		if isMany(t) {
			variants[i] = append(variants[i], manyWord)
		}
		if sk := latinSkeleton(t); sk != "" {
			variants[i] = append(variants[i], sk)
		}
		if sound := germanSound(t); sound != "" {
			variants[i] = append(variants[i], sound)
		}
	}
	return variants
}

// find is every phrase of the languages read for lang that the message's words hold, but
// those that lean on a word a self-description covers (self; see in).
func (r *Recognizer) find(lang string, variants [][]string, self []bool) []match {
	var found []match
	langs := r.languages(lang)
	var lists []*index
	var read [][][]string // the message's words as each list reads them
	var always []bool     // per list, whether it is read for every language
	borrowed := r.withoutShortWords(lang, variants)
	for _, l := range langs {
		if x := r.sets[l].index(); x != nil {
			lists = append(lists, x)
			always = append(always, slices.Contains(r.always, l))
			if l != lang && !slices.Contains(r.also[lang], l) {
				read = append(read, borrowed) // a list read for everyone, not a neighbour's
			} else {
				read = append(read, variants)
			}
		}
	}
	// A word is compared with the long keywords one letter away (near.go) when it is no word
	// of the lists read, and no word the bot says in those languages. A word of the lists is
	// a keyword as written, a word of a phrase found as written, or one that begins with a
	// stem of the language's own lists (or its neighbours'): an inflected word ("arkadaşında",
	// at her friend's, is no slip of "arkadaşımda", at mine). The lists read for every
	// language are mostly German office words, whose slips people type in every language: a
	// word that only begins as their stems do, in a phrase not found, is compared ("anmeldunk"
	// begins as "anmeld* kurs*" does, and is a slip of "anmeldung").
	poss := make([]map[int32][]int, len(lists))
	matched := make([]bool, len(variants))
	for i, x := range lists {
		poss[i] = x.positions(read[i])
		if !always[i] {
			for _, ws := range poss[i] {
				for _, j := range ws {
					matched[j] = true
				}
			}
			continue
		}
		for _, m := range x.found(poss[i], self) {
			for _, j := range m.words {
				matched[j] = true
			}
		}
		for j, vs := range read[i] {
			matched[j] = matched[j] || x.isKeyword(vs)
		}
	}
	for j, vs := range variants {
		for _, l := range langs {
			matched[j] = matched[j] || (len(vs) > 0 && r.words[l][maphash.String(seed, vs[0])])
		}
	}
	for i, x := range lists {
		found = append(found, x.found(x.joinedPositions(read[i], x.nearPositions(read[i], matched, poss[i])), self)...)
	}
	return found
}

// withoutShortWords is the message's words as a list read for every language (always) reads
// them: without the short words the bot writes in lang (AddWords), which are lang's own
// ("son" is his or her in French, last in Turkish: no son of the English list; "what kind
// of" no German Kind), left empty in place so that the words keep their positions. The
// lists of the languages lang's speakers mix in (also) read them: Dari and Pashto share
// "کار" and "کورس".
func (r *Recognizer) withoutShortWords(lang string, variants [][]string) [][]string {
	short := r.short[lang]
	if len(short) == 0 {
		return variants
	}
	var out [][]string
	for j, vs := range variants {
		if len(vs) > 0 && short[maphash.String(seed, vs[0])] {
			if out == nil {
				out = slices.Clone(variants)
			}
			out[j] = nil
		}
	}
	if out == nil {
		return variants
	}
	return out
}

// found is every phrase of the list whose keywords pos (see positions) holds, as its kind
// of phrase must hold them, but those that lean on a word a self-description covers (self).
// A phrase that leans on one is kept when it also has a word of its own and the
// self-description it leans on is itself a phrase of the same topic: "I don't speak German"
// describes the writer, but "I don't speak German, but I want to learn" asks to learn it
// (the phrase "learn" and "German" leans on the description, and the description is one of
// Learning German's phrases), while "I am from Eritrea … my wife" stays a description (no
// phrase of family reunification is "I am from Eritrea").
func (x *index) found(pos map[int32][]int, self []bool) []match {
	var out, leaning []match
	for _, n := range x.candidates(pos) {
		p := &x.phrases[n]
		look := anywhere
		if p.sideBySide {
			look = sideBySide
		}
		kws := x.keywordsOf(n)
		at, described, ok := look(kws, pos, self)
		if !ok {
			continue
		}
		places := make([][]int, len(kws))
		for i, id := range kws {
			places[i] = pos[id]
		}
		m := match{topic: p.topic, runes: p.runes, words: at, weak: p.weak, danger: p.danger, sideBySide: p.sideBySide, places: places}
		if described {
			leaning = append(leaning, m)
		} else {
			out = append(out, m)
		}
	}
	for _, m := range leaning {
		if !coveredAll(m.words, self) && slices.ContainsFunc(leaning, func(d match) bool {
			return d.topic == m.topic && coveredAll(d.words, self) && leansOn(m.words, d.words, self)
		}) {
			out = append(out, m)
		}
	}
	return out
}

// coveredAll says whether a self-description covers every one of words.
func coveredAll(words []int, self []bool) bool {
	return !slices.ContainsFunc(words, func(w int) bool { return !self[w] })
}

// leansOn says whether every word of words that a self-description covers is one of on's.
func leansOn(words, on []int, self []bool) bool {
	return !slices.ContainsFunc(words, func(w int) bool { return self[w] && !slices.Contains(on, w) })
}

func (r *Recognizer) languages(lang string) []string {
	out := []string{lang}
	for _, l := range append(slices.Clone(r.also[lang]), r.always...) {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// claim drops context words when anything else was named and keeps the matches not covered
// by a longer one of another topic, longest first: a longer phrase claims the words it
// matched ("job interview" against "interview"; "don't want to live in this home" against
// "don't want to live").
func claim(found []match) []match {
	if slices.ContainsFunc(found, func(m match) bool { return !m.weak }) {
		found = slices.DeleteFunc(slices.Clone(found), func(m match) bool { return m.weak })
	}
	slices.SortStableFunc(found, func(a, b match) int { return b.runes - a.runes })
	claimed := map[int]directory.Topic{}
	var kept []match
	for _, m := range found {
		free := false
		for _, w := range m.words {
			if t, ok := claimed[w]; !ok || t == m.topic {
				free = true
			}
		}
		if !free {
			continue
		}
		for _, w := range m.words {
			if _, ok := claimed[w]; !ok {
				claimed[w] = m.topic
			}
		}
		kept = append(kept, m)
	}
	return kept
}

// maxLetters is the most letters a keyword's word counts with in rank: a long word says more
// than a short one, but a German compound of 21 letters ("Aufenthaltsgestattung") no more
// than one of 12, and a writer's own words for the need ("travailler") are not to give way to
// the name of a paper they mention ("... le droit de travailler avec l'Aufenthaltsgestattung").
const maxLetters = 12

// rank drops context words when anything else was named, keeps the matches not covered by a
// longer one of another topic, and orders their
// topics by the letters their keywords matched (a long, specific word says more than a short
// one), then by where in the message they were named.
func rank(found []match) []directory.Topic {
	first := map[directory.Topic]int{}
	score := map[directory.Topic]int{}
	for _, m := range claim(found) {
		score[m.topic] += min(m.runes, maxLetters*len(m.words))
		pos := slices.Min(m.words)
		if p, ok := first[m.topic]; !ok || pos < p {
			first[m.topic] = pos
		}
	}
	if len(first) > 1 {
		delete(first, directory.TopicOther) // "something else" only when nothing else was named
	}
	topics := make([]directory.Topic, 0, len(first))
	for t := range first {
		topics = append(topics, t)
	}
	slices.SortFunc(topics, func(a, b directory.Topic) int {
		if score[a] != score[b] {
			return score[b] - score[a]
		}
		if first[a] != first[b] {
			return first[a] - first[b]
		}
		return strings.Compare(string(a), string(b))
	})
	return specificFirst(topics)
}

// specific names, for a topic that says what the matter is, the topics it is often named
// beside only as its setting: someone bullied at school because of their origin, or treated
// badly at the office, has a matter of discrimination; a visa for the wife to join is family
// reunification, not a residence permit of one's own; a university degree to be recognised is
// recognition, not studying. When both are named, the specific topic comes first whatever
// the letters of their keywords (the setting stays offered after it).
var specific = []struct {
	topic    directory.Topic
	settings []directory.Topic
}{
	{"discrimination", nil}, // every other topic is only where it happened
	{"family_reunion", []directory.Topic{"residence", "family"}},
	{"recognition", []directory.Topic{"education"}},
}

// specificFirst moves each specific topic before the first of its settings named before it.
func specificFirst(topics []directory.Topic) []directory.Topic {
	for _, sp := range specific {
		i := slices.Index(topics, sp.topic)
		if i <= 0 {
			continue
		}
		j := slices.IndexFunc(topics[:i], func(t directory.Topic) bool {
			return sp.settings == nil || slices.Contains(sp.settings, t)
		})
		if j >= 0 {
			topics = slices.Insert(slices.Delete(topics, i, i+1), j, sp.topic)
		}
	}
	return topics
}

// Arabic-script clitics and endings that attach to a word: "والسكن" (and the housing),
// "وبالكامب" (and in the camp),
// "عالشغل" and "هالسكن" (Levantine: on the work, this housing), "بيتي" (my house), "خانه‌ام"
// (my house), "می‌خواهم" (I want).
var (
	arabicPrefixes = []string{"وبال", "فبال", "وال", "بال", "فال", "کال", "عال", "هال", "لل", "نمی", "ال", "می", "و", "ب", "ل", "ف"}
	arabicSuffixes = []string{"هایم", "هایت", "هایش", "های", "ها", "ان", "ات", "ین", "ون", "ام", "اش", "یم", "ید", "ند", "ی", "م", "ت", "ش", "ه", "ک"}
)

// ethiopicSuffixes are the endings Tigrinya attaches to a noun: "and", "also", "my", "your",
// "our" (ገዛን, ገዛይ: house and, my house), in their folded spelling.
var ethiopicSuffixes = []string{"ውን", "ኩም", "ክን", "የይ", "ን", "ይ", "ካ", "ኪ", "ና", "ኻ", "ኺ"}

// wordVariants are the forms a message word is compared in: itself; in Arabic script also
// without one clitic before and one ending after, as long as a root of 2 letters (3 after an
// ending) remains; in Ethiopic script without one ending, as long as 2 syllables remain.
func wordVariants(w string) []string {
	out := []string{w}
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.Is(unicode.Ethiopic, r) {
		for _, suf := range ethiopicSuffixes {
			if t, ok := strings.CutSuffix(w, suf); ok && utf8.RuneCountInString(t) >= 2 {
				return append(out, t)
			}
		}
		return out
	}
	if !unicode.Is(unicode.Arabic, r) {
		return out
	}
	stems := []string{w}
	for _, p := range arabicPrefixes {
		if s, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(s) >= 2 {
			stems = append(stems, s)
			break
		}
	}
	// "And" before a word with its article is the word as listed too: "والحمدلله" holds
	// "الحمدلله", "والبيت" "البيت".
	if s, ok := strings.CutPrefix(w, "و"); ok && strings.HasPrefix(s, "ال") && utf8.RuneCountInString(s) >= 4 {
		stems = append(stems, s)
	}
	for _, s := range stems {
		for _, suf := range arabicSuffixes {
			if t, ok := strings.CutSuffix(s, suf); ok && utf8.RuneCountInString(t) >= 3 {
				out = append(out, t)
				break
			}
		}
	}
	return append(out, stems[1:]...)
}

// Negated says whether the words first to last of text (as Normalize splits it) have one of
// the not-contexts of lang's languages around them (AddNot): "not Arabic", "nicht Deutsch".
func (r *Recognizer) Negated(lang, text string, first, last int) bool {
	words := Normalize(text)
	word := func(i int) (string, bool) {
		if i < 0 || i >= len(words) || (i >= first && i <= last) {
			return "", false
		}
		return words[i], true
	}
	return r.notAround(lang, word, first, last)
}
