// Package i18n renders the conversation's texts in the shipped languages. It is the only
// package that uses go-i18n; catalogs are the TOML files of the locales folder.
package i18n

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/directory"
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
	keywords   map[string][]topicKeywords
	names      map[string]string
	cldrNames  map[string]bool // shipped languages for which golang.org/x/text names other languages
	town       func(lang string) string
}

type topicKeywords struct {
	topic   directory.Topic
	phrases [][]string // each phrase is a list of words that must all appear
}

// Load reads active.<tag>.toml for every shipped language from fsys.
func Load(fsys fs.FS) (*Catalog, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &Catalog{bundle: b, localizers: map[string]*goi18n.Localizer{}, keywords: map[string][]topicKeywords{}, names: map[string]string{}}
	for _, tag := range Shipped {
		name := "active." + tag + ".toml"
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		if _, err := b.ParseMessageFileBytes(data, path.Base(name)); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		c.localizers[tag] = goi18n.NewLocalizer(b, tag, Reference)
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
	c.cldrNames = map[string]bool{}
	for _, tag := range Shipped {
		base := directory.LanguageKey(tag)
		for _, sup := range display.Supported.Tags() {
			if sup.String() == base {
				c.cldrNames[tag] = true
			}
		}
		c.names[tag] = c.message(tag, "language.name")
		for _, t := range directory.Topics {
			words := c.message(tag, "topic.keywords."+conversation.TopicMessageKey(t))
			c.keywords[tag] = append(c.keywords[tag], topicKeywords{topic: t, phrases: phrases(words)})
		}
	}
	return c, nil
}

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

// LanguageName names the language tag in the reader's language lang: the reader's own
// language by the name its catalog gives, others from CLDR (golang.org/x/text), falling back
// to the language's own name, then to the tag.
func (c *Catalog) LanguageName(lang, tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if tag == lang {
		return c.names[lang]
	}
	switch base, _ := t.Base(); base.String() { // codes CLDR names under another tag
	case "prs":
		t, tag = language.MustParse("fa-AF"), "fa-AF"
	case "kmr":
		t, tag = language.MustParse("ku"), "ku"
	}
	if c.cldrNames[lang] {
		if n := display.Tags(language.Make(lang)).Name(t); n != "" {
			return n
		}
	}
	// No names in the reader's language: each language by its own name, which its speakers
	// recognise ("العربية", "Deutsch").
	if n, ok := c.names[c.Match(tag)]; ok && directory.LanguageKey(c.Match(tag)) == directory.LanguageKey(tag) {
		return n
	}
	if n := display.Self.Name(t); n != "" {
		return n
	}
	return tag
}

func phrases(list string) [][]string {
	var out [][]string
	for _, p := range strings.Split(list, ",") {
		words := strings.Fields(normalize(p))
		if len(words) > 0 {
			out = append(out, words)
		}
	}
	return out
}

// RecognizeTopic finds the topic whose keywords best match free text written in lang. Many
// newcomers mix in English and German words, so those catalogs are tried next, matching whole
// words only ("form" must not match inside "information"). The topic whose matched keywords
// are longest wins: "شفاخانه" (hospital) beats "خانه" (house).
func (c *Catalog) RecognizeTopic(lang, text string) (directory.Topic, bool) {
	norm := normalize(text)
	tokens := strings.Fields(norm)
	for _, l := range []string{lang, Reference, "de"} {
		inside := l == lang
		best, bestScore := directory.Topic(""), 0
		for _, tk := range c.keywords[l] {
			score := 0
			for _, p := range tk.phrases {
				if phraseIn(p, norm, tokens, inside) {
					for _, w := range p {
						score += len([]rune(w))
					}
				}
			}
			if score > bestScore {
				best, bestScore = tk.topic, score
			}
		}
		if bestScore > 0 {
			return best, true
		}
	}
	return "", false
}

// phraseIn reports whether every word of the phrase appears in the text: short words, and all
// words when inside is false, as whole words; longer ones also inside a word when inside is
// true (inflected and prefixed forms: "работу" contains "работ", "والسكن" contains "سكن").
func phraseIn(phrase []string, norm string, tokens []string, inside bool) bool {
	for _, w := range phrase {
		if !inside || len([]rune(w)) < 4 {
			if !slices.Contains(tokens, w) {
				return false
			}
		} else if !strings.Contains(norm, w) {
			return false
		}
	}
	return true
}

// normalize lower-cases text and folds the spelling variants of Arabic script (diacritics,
// alef and yeh forms, Persian and Arabic kaf) so that keywords match however they are typed.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 0x064B && r <= 0x0652, r == 0x0640, r == 0x0307: // harakat, tatweel; the dot ToLower leaves of Turkish İ
			continue
		case r == '’' || r == 'ʼ' || r == '`':
			r = '\'' // Ukrainian apostrophes, however typed
		case r == 'أ' || r == 'إ' || r == 'آ':
			r = 'ا'
		case r == 'ي' || r == 'ى':
			r = 'ی'
		case r == 'ك':
			r = 'ک'
		case r == 'ة':
			r = 'ه'
		case r == 'ş': // Romanian s and t with cedilla, as many keyboards type them
			r = 'ș'
		case r == 'ţ':
			r = 'ț'
		case !(r == ' ' || r == '-' || r == '\'' || isWordRune(r)):
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}
