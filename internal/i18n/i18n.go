// Package i18n renders the conversation's texts in the shipped languages. It is the only
// package that uses go-i18n; catalogs are the TOML files of the locales folder.
package i18n

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/kassel/wegweiser/internal/cldr"
	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/recognize"
)

// Shipped lists the languages in the order the picker shows them: the launch set, then the
// second wave (see the domain notes).
var Shipped = []string{"de", "en", "ar", "uk", "ru", "tr", "fa-AF", "ku", "ro", "bg", "so", "pl", "ps", "ti", "fr"}

// rtl are the shipped languages written right to left.
var rtl = map[string]bool{"ar": true, "fa-AF": true, "ps": true}

// Reference is the catalog every other is checked against.
const Reference = "en"

// Catalog holds the loaded translations.
type Catalog struct {
	bundle     *goi18n.Bundle
	localizers map[string]*goi18n.Localizer
	matcher    language.Matcher
	tags       []language.Tag // parallel to the matcher's list
	recognizer *recognize.Recognizer
	// ownWords are, per language, the words of four letters or more of what the bot says in
	// it that no other language's catalog holds ("depuis", "szukać", "yardımcı"), normalised:
	// what a message typed in Latin letters is written in is read from them too (byKeywords).
	ownWords map[string]map[string]bool
	// letters are the letter models of the languages written in Latin letters (byLetters).
	letters map[string]*letterModel
	// scriptLetters are those of the languages that share a script other than Latin
	// (pickInScript).
	scriptLetters map[string]*letterModel
	names         map[string]string
	town          func(lang string) string
	numbers       *recognize.Numbers
	byName        map[string]string // normalised language name → shipped tag
	// languageNouns are every language's word for a language (button.language), normalised.
	languageNouns []string
	// countryNames are the names in byName that a shipped language gives a country too
	// (cldr.CountryNames: Tigrinya "ጀርመን", Somali "Jarmal"), normalised.
	countryNames map[string]bool
	static       sync.Map // rendered messages without data, by language, id and town (Render)
	labelSets    sync.Map // button labels by id, in every shipped language (labels; normalLabels)
	answerIDs    sync.Map // normalised answer lists by id, in every shipped language (answersOf)
	monthNames   sync.Map // the months' normalised names by language (months)
}

// Load reads active.<tag>.toml for every shipped language from fsys.
func Load(fsys fs.FS) (*Catalog, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &Catalog{bundle: b, localizers: map[string]*goi18n.Localizer{}, recognizer: recognize.New(keywordsAlso, keywordsAlways...), names: map[string]string{}}
	c.recognizer.BySound(keywordsBySound)
	said := map[string]map[string]bool{} // every language's words, as in ownWords
	texts := map[string][]string{}       // every language's texts, for its letter model
	var answers []string                 // the ids of lists of answers (answersOf)
	for _, tag := range Shipped {
		name := "active." + tag + ".toml"
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		mf, err := b.ParseMessageFileBytes(data, path.Base(name))
		if err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		// What the bot says in the language are its words: a typed one is meant as written,
		// never a slip of a keyword (the keyword lists themselves are not sentences).
		for _, m := range mf.Messages {
			if tag == Reference && strings.HasPrefix(m.ID, "answer.") {
				answers = append(answers, m.ID)
			}
			if !strings.HasPrefix(m.ID, "topic.") || !strings.Contains(m.ID, ".keywords") && !slices.Contains(topicLists, m.ID) {
				for _, text := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
					c.recognizer.AddWords(tag, text)
					addSaid(said, tag, text)
					texts[tag] = append(texts[tag], text)
				}
			}
		}
		c.localizers[tag] = goi18n.NewLocalizer(b, tag, Reference)
	}
	c.ownWords = ownWords(said)
	c.letters = map[string]*letterModel{}
	for _, tag := range latinScripts {
		c.letters[tag] = newLetterModel(texts[tag], saidWords)
	}
	c.scriptLetters = map[string]*letterModel{}
	for tag, script := range scriptLanguages {
		c.scriptLetters[tag] = newLetterModel(texts[tag], func(s string) []string { return scriptWords(s, script) })
	}
	// The matcher's first entry is its fallback: English is more widely read by newcomers
	// than German.
	c.tags = []language.Tag{language.English}
	for _, tag := range Shipped {
		if tag != Reference {
			c.tags = append(c.tags, language.MustParse(tag))
		}
	}
	c.matcher = language.NewMatcher(c.tags)
	for _, tag := range Shipped {
		c.names[tag] = c.message(tag, "language.name")
		for _, t := range directory.Topics {
			c.recognizer.Add(tag, t, c.message(tag, "topic.keywords."+conversation.TopicMessageKey(t)))
		}
		c.recognizer.AddSelf(tag, c.message(tag, "topic.self"))
		c.recognizer.AddHave(tag, c.message(tag, "topic.have"))
		c.recognizer.AddAsk(tag, c.message(tag, "topic.ask"))
		c.recognizer.AddRoles(tag, c.message(tag, "topic.roles"))
		c.recognizer.AddSettled(tag, c.message(tag, "topic.fine"), c.message(tag, "topic.but"))
		c.recognizer.AddNot(tag, c.message(tag, "topic.not"))
	}
	c.recognizer.Build()
	if err := c.loadNumbers(); err != nil {
		return nil, err
	}
	c.loadLanguageNames()
	// The lists of answers a typed message is compared with, made now: the first messages
	// after a start would wait for them, all at once.
	for _, id := range append(answers, "language.ask") {
		c.answersOf(id)
	}
	return c, nil
}

// topicLists are the recognizer's lists besides the keywords, which are no sentences either.
var topicLists = []string{"topic.self", "topic.have", "topic.roles", "topic.fine", "topic.but", "topic.not"}

// message returns one message without data, or "" when it is missing.
func (c *Catalog) message(lang, id string) string {
	s, err := c.localizers[lang].Localize(&goi18n.LocalizeConfig{MessageID: id})
	if err != nil {
		return ""
	}
	return s
}

// List returns the shipped languages with their own names, in picker order.
func (c *Catalog) List() []conversation.Language {
	out := make([]conversation.Language, len(Shipped))
	for i, tag := range Shipped {
		out[i] = conversation.Language{Tag: tag, Name: c.names[tag]}
	}
	return out
}

// Match returns the shipped language closest to a client's language tag (Telegram's
// language_code): Dari (prs) reads the Dari/Farsi catalog, Kurmanji (kmr) the Kurdish one;
// unknown or empty tags get English.
func (c *Catalog) Match(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return Reference
	}
	switch base, _ := t.Base(); base.String() {
	case "prs", "fa":
		return "fa-AF"
	case "kmr", "ku":
		return "ku"
	}
	_, i, conf := c.matcher.Match(t)
	if conf == language.No {
		return Reference
	}
	return c.tags[i].String()
}

// IsRTL reports whether lang is written right to left.
func IsRTL(lang string) bool { return rtl[lang] }

// LanguageName names the language tag in the reader's language lang, as it reads in the
// middle of a sentence, from CLDR (package cldr). Dari (prs, fa-AF) is named by the reader's
// catalog (language.dari): CLDR names it after Persian in some languages, and its speakers
// must find it as Dari. Farsi (fa, fa-IR) is named by the catalog too (language.farsi), so that
// a counsellor's toggle, the console's box and a newcomer's card say the same name beside
// Dari. Where CLDR has no name, the language's own name is used, then the tag.
func (c *Catalog) LanguageName(lang, tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	base, _ := t.Base()
	if base.String() == "prs" || (base.String() == "fa" && isAfghan(t)) {
		if n := c.message(lang, "language.dari"); n != "" {
			return n
		}
	} else if base.String() == "fa" {
		if n := c.message(lang, "language.farsi"); n != "" {
			return n
		}
	}
	if n, ok := cldr.LanguageName(lang, tag); ok {
		return n
	}
	if n, ok := cldr.LanguageName(lang, base.String()); ok {
		return n
	}
	if n, ok := c.names[c.Match(tag)]; ok && directory.LanguageKey(c.Match(tag)) == directory.LanguageKey(tag) {
		return n
	}
	if n := display.Self.Name(t); n != "" {
		return n
	}
	return tag
}

func isAfghan(t language.Tag) bool {
	r, conf := t.Region()
	return conf == language.Exact && r.String() == "AF"
}

// keywordsAlso names the keyword lists a language's speakers mix in: Kurmanji speakers write
// Turkish and Arabic words, Pashto speakers Dari ones, Ukrainians Russian ones and the other
// way round. English and German (keywordsAlways) are read for everyone.
var keywordsAlso = map[string][]string{
	"ku":    {"tr", "ar"},
	"ps":    {"fa-AF"},
	"fa-AF": {"ps"},
	"uk":    {"ru"},
	"ru":    {"uk"},
}

var keywordsAlways = []string{Reference, "de"}

// keywordsBySound is the language whose keywords also match as they sound: German's office
// words, typed by everyone as heard ("wonung", "familienzusamenfürung").
const keywordsBySound = "de"

// RecognizeTopics returns the topics that free text written in lang names, the main one
// first (see package recognize); a word of death typed alone (answer.dying, see Danger) names
// health, as a wish to die said in a phrase does.
func (c *Catalog) RecognizeTopics(lang, text string) []directory.Topic {
	if out := c.recognizer.Recognize(lang, text); len(out) > 0 {
		if len(out) == 1 && out[0] == directory.TopicOther && slices.Contains(c.recognizer.Danger(lang, text), directory.TopicOther) {
			// A cry for help ("I am in danger", "call the police") is a danger of no topic
			// (something_else's "!" phrases): its numbers come, and "Understood: Something
			// else" does not; the need is asked for later.
			return nil
		}
		if slices.Contains(out, violenceTopic) && c.byOutsider(lang, text) && slices.Contains(c.recognizer.Danger(lang, text), violenceTopic) {
			// Violence or a threat from someone outside the family ("a neighbour threatens to
			// kill me", "people in my shelter say they will beat me"): its numbers come, but
			// it is no matter of family and children, whose Jugendamt it named (J11, in five
			// languages). The need is asked for, or read from the rest.
			out = slices.DeleteFunc(out, func(t directory.Topic) bool { return t == violenceTopic })
			if len(out) == 0 {
				return nil
			}
		}
		return out
	}
	if c.saysDying(text) {
		return []directory.Topic{dyingTopic}
	}
	return nil
}

// LabeledTopic is the topic whose button's label text is, as a shipped language says it
// ("Здраве", "Zdrowie", "Sănătate", also "sanatate": case, accents and punctuation do not
// matter): at the topic question, a label typed, or sent back by an app that shows the buttons
// as text, is the topic, also where its word alone is no keyword (Bulgarian "здраве" begins
// "здравей", hello, and is a greeting itself).
func (c *Catalog) LabeledTopic(text string) (directory.Topic, bool) {
	typed := strings.Join(recognize.Normalize(text), " ")
	if typed == "" {
		return "", false
	}
	for _, t := range directory.Topics {
		key := string(t)
		if t == directory.TopicOther {
			key = "something_else"
		}
		if c.normalLabels("topic." + key)[typed] {
			return t, true
		}
	}
	return "", false
}

// saysDying says whether text, as a whole or as its last sentence, is a word of death
// (answer.dying) of any shipped language, the writer's among them: "niemand hilft mir. ich
// kann nicht mehr." ends with one, as the whole message "ich kann nicht mehr" is one (J12: it
// got "I did not understand, I need an age"). Only the last: a farewell ends a message, and
// a first "verzeiht mir," is an apology for what follows.
func (c *Catalog) saysDying(text string) bool {
	if c.SaysInAny("answer.dying", text) {
		return true
	}
	clauses := recognize.WordClauses(text)
	if len(clauses) == 0 {
		return false
	}
	words := recognize.Normalize(text)
	from := len(words) - 1
	for from > 0 && clauses[from-1] == clauses[len(words)-1] {
		from--
	}
	return from > 0 && c.SaysInAny("answer.dying", strings.Join(words[from:], " "))
}

// NegatedTopics returns the topics free text written in lang names only to say they are not
// the need, beside another one ("housing, not work": work); see recognize.Recognizer.NegatedTopics.
func (c *Catalog) NegatedTopics(lang, text string) []directory.Topic {
	return c.recognizer.NegatedTopics(lang, text)
}

// Danger returns the topics of the phrases in text, written in lang, that say its writer may
// be in danger now: those its keyword lists mark with "!" (see package recognize), and, for a
// message that is nothing but a word of death ("death", "suicide", "farewell everyone", emoji
// around it dropped: "ሞት 🥀", "Прощайте 🖤🪦") or ends with one as its last sentence, the wish to die (answer.dying, in lang or any
// shipped language). Such a word in a sentence ("my cat's death") is none.
func (c *Catalog) Danger(lang, text string) []directory.Topic {
	if out := c.recognizer.Danger(lang, text); len(out) > 0 {
		return out
	}
	if c.saysDying(text) {
		return []directory.Topic{dyingTopic}
	}
	return nil
}

// dyingTopic is the topic whose danger is a wish to die: its help is the crisis line.
const dyingTopic directory.Topic = "health"

// violenceTopic is the topic whose danger is violence or a threat: the family's, unless it
// comes from someone outside the family (byOutsider).
const violenceTopic directory.Topic = "family"

// byOutsider says whether text names someone outside the family by word beginnings of
// topic.outsiders ("جيراني" my neighbours, "сосед", "people in my shelter") and, besides
// them, none of the people around the writer (NamesPeople, whose words may hold a neighbour
// too).
func (c *Catalog) byOutsider(lang, text string) bool {
	words := recognize.Normalize(text)
	from, to, ok := c.HoldsStemAt(lang, "topic.outsiders", words)
	return ok && !c.recognizer.NamesPeople(lang, strings.Join(slices.Delete(words, from, to), " "))
}

// NamesNeed reports whether free text written in lang names a need in a keyword phrase of
// its own, not only by a context word such as "children".
func (c *Catalog) NamesNeed(lang, text string) bool {
	return c.recognizer.NamesNeed(lang, text)
}

// NamesPeople reports whether free text written in lang names one of the people around the
// writer ("my son", "ابني"): see recognize.Recognizer.NamesPeople.
func (c *Catalog) NamesPeople(lang, text string) bool {
	return c.recognizer.NamesPeople(lang, text)
}

// DescribesSelf reports whether free text written in lang holds a self-description (the
// catalogs' topic.self: "I am from", "we live in", "I work as").
func (c *Catalog) DescribesSelf(lang, text string) bool {
	return c.recognizer.DescribesSelf(lang, text)
}

// minOwnWord is the fewest letters of a word in ownWords: shorter words are too often written
// alike in languages the catalogs do not show it in. Arabic script writes no short vowels,
// and Ethiopic letters are syllables: three will do there.
const minOwnWord = 4

// ownWordLong says whether w is long enough for ownWords.
func ownWordLong(w string) bool {
	n := utf8.RuneCountInString(w)
	r, _ := utf8.DecodeRuneInString(w)
	return n >= minOwnWord || n >= minOwnWord-1 && unicode.In(r, unicode.Arabic, unicode.Ethiopic)
}

// addSaid adds the words of text, something the bot says in lang, to said[lang]: normalised,
// of minOwnWord letters at least, without the placeholders of a template ("{{.Place}}").
func addSaid(said map[string]map[string]bool, lang, text string) {
	if said[lang] == nil {
		said[lang] = map[string]bool{}
	}
	for _, w := range saidWords(text) {
		if ownWordLong(w) && !strings.ContainsFunc(w, unicode.IsDigit) {
			said[lang][w] = true
		}
	}
}

// saidWords are the words of a catalog's text as recognize.Normalize gives them, without its
// placeholders ("{{.Town}}").
func saidWords(text string) []string {
	var out []string
	for _, f := range withoutPlaceholders(text) {
		out = append(out, recognize.Normalize(f)...)
	}
	return out
}

// withoutPlaceholders are the space-separated pieces of a catalog's text but its
// placeholders ("{{.Town}}", "({{.Role}})").
func withoutPlaceholders(text string) []string {
	return slices.DeleteFunc(strings.Fields(text), func(f string) bool {
		return strings.Contains(f, "{{") || strings.Contains(f, "}}")
	})
}

// ownWords keeps of each language's words those no other language says, nor, in Cyrillic and
// Arabic script, a word of the same stem: Russian, Ukrainian and Bulgarian write many alike
// with other endings ("курс" is Bulgarian's word, "курсы" Russian's), as Dari and Pashto do
// the words they share with Arabic.
func ownWords(said map[string]map[string]bool) map[string]map[string]bool {
	sorted := map[string][]string{}
	for lang, words := range said {
		sorted[lang] = slices.Sorted(maps.Keys(words))
	}
	own := map[string]map[string]bool{}
	for lang, words := range said {
		own[lang] = map[string]bool{}
		for w := range words {
			shared := false
			for other, list := range sorted {
				if other != lang && sameStemIn(list, w) {
					shared = true
					break
				}
			}
			if !shared {
				own[lang][w] = true
			}
		}
	}
	return own
}

// sameStemIn says whether the sorted list holds w, or, for a word in Cyrillic or Arabic
// script, a word that shares all of w but its last two letters, and minOwnWord at least,
// from its start. Words that share a long start lie side by side in sorted order: the
// neighbours of w's place are enough to look at.
func sameStemIn(list []string, w string) bool {
	i, found := slices.BinarySearch(list, w)
	if r, _ := utf8.DecodeRuneInString(w); found || !unicode.In(r, unicode.Cyrillic, unicode.Arabic) {
		return found
	}
	stem := max(minOwnWord, utf8.RuneCountInString(w)-2)
	for _, j := range []int{i - 1, i} {
		if j >= 0 && j < len(list) && sharedStart([]rune(list[j]), []rune(w)) >= stem {
			return true
		}
	}
	return false
}
