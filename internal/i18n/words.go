package i18n

import (
	"fmt"
	"strings"

	"github.com/kassel/wegweiser/internal/cldr"
	"github.com/kassel/wegweiser/internal/recognize"
)

// loadNumbers reads every catalog's number words (age.number_words), so that an age typed
// in words is understood, the words that make a number a time or a count instead
// (age.not_age), and those that say it is the writer's own age (age.is_age).
func (c *Catalog) loadNumbers() error {
	c.numbers = recognize.NewNumbers(keywordsAlso, keywordsAlways...)
	for _, tag := range Shipped {
		list := c.message(tag, "age.number_words")
		if list == "" {
			return fmt.Errorf("i18n: %s has no age.number_words", tag)
		}
		if err := c.numbers.Add(tag, list); err != nil {
			return fmt.Errorf("i18n: %w", err)
		}
		contexts := c.message(tag, "age.not_age")
		if contexts == "" {
			return fmt.Errorf("i18n: %s has no age.not_age", tag)
		}
		if err := c.numbers.AddNotAge(tag, contexts); err != nil {
			return fmt.Errorf("i18n: %w", err)
		}
		stated := c.message(tag, "age.is_age")
		if stated == "" {
			return fmt.Errorf("i18n: %s has no age.is_age", tag)
		}
		if err := c.numbers.AddIsAge(tag, stated); err != nil {
			return fmt.Errorf("i18n: %w", err)
		}
	}
	return nil
}

// Numbers returns the whole numbers in text written in lang that may be an age, in order:
// digits in any of the scripts people type them in, and number words of lang (and of the
// languages its speakers mix in, and English and German), "thirty five" read as 35; not
// those that the words around them make a time or a count ("2 years ago", "3 children"),
// which others counts.
func (c *Catalog) Numbers(lang, text string) (ages []int, others int) {
	return c.numbers.Find(lang, text)
}

// StatedAge returns the first number of text written in lang that the words around it say is
// the writer's own age ("my age is 43", "ich bin 43", "عمري ٤٣": the catalogs' age.is_age),
// and no words make a time or a count.
func (c *Catalog) StatedAge(lang, text string) (int, bool) {
	return c.numbers.Stated(lang, text)
}

// nameLanguages names, by the normalised words of a language name, the shipped language it
// names: every shipped language's own name (each part of "دری / فارسی"), and its name in
// every shipped language from CLDR (Arabic, арабська, Arabisch, عربی, ...), Persian and Dari
// naming the Dari/Farsi catalog. A name that two languages share is left out.
func (c *Catalog) loadLanguageNames() {
	c.byName = map[string]string{}
	shared := map[string]bool{}
	add := func(name, tag string) {
		key := strings.Join(recognize.Normalize(name), " ")
		if len([]rune(key)) < 3 || shared[key] {
			return
		}
		if t, ok := c.byName[key]; ok && t != tag {
			delete(c.byName, key)
			shared[key] = true
			return
		}
		c.byName[key] = tag
	}
	aliases := map[string][]string{"fa-AF": {"fa", "prs"}, "ku": {"kmr"}}
	for name, tag := range typedNames {
		add(name, tag)
	}
	for _, tag := range Shipped {
		add(c.names[tag], tag)
		for _, part := range strings.Split(c.names[tag], "/") {
			add(part, tag)
		}
		for _, reader := range Shipped {
			add(c.LanguageName(reader, tag), tag)
			for _, alias := range aliases[tag] {
				if n, ok := cldr.LanguageName(reader, alias); ok {
					add(n, tag)
				}
			}
		}
	}
}

// typedNames are names people type for a language that CLDR does not give in any shipped
// language: Farsi for Persian, Kurdî and Kurdi for Kurmanji.
var typedNames = map[string]string{"farsi": "fa-AF", "kurdî": "ku", "kurdi": "ku"}

// Named returns the shipped language a message names when it is nothing but a language's
// name: its own name ("Українська", "دری"), or its name in one of the shipped languages
// ("arabic", "Arabisch", "فارسی"). Case, accents and the ways Arabic-script letters are
// typed do not matter.
func (c *Catalog) Named(text string) (string, bool) {
	tag, ok := c.byName[strings.Join(recognize.Normalize(text), " ")]
	return tag, ok
}

// maxNamedAmong bounds the words of a short message that names a language among others.
const maxNamedAmong = 3

// NamedAmong returns the shipped language a short message names among a word or two more
// ("arabic please", "farsi lotfan", "Deutsch bitte", "на русском"): one language's name, of
// one or two words, in at most maxNamedAmong words. Whether the message means the language
// or something else ("learn German") is for the caller to judge.
func (c *Catalog) NamedAmong(text string) (string, bool) {
	words := recognize.Normalize(text)
	if len(words) == 0 || len(words) > maxNamedAmong {
		return "", false
	}
	found := ""
	for n := 1; n <= 2; n++ {
		for i := 0; i+n <= len(words); i++ {
			tag, ok := c.byName[strings.Join(words[i:i+n], " ")]
			switch {
			case !ok:
			case found != "" && found != tag:
				return "", false // two languages named
			default:
				found = tag
			}
		}
	}
	return found, found != ""
}
