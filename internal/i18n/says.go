package i18n

import (
	"slices"
	"strings"
	"unicode"

	"github.com/kassel/wegweiser/internal/recognize"
)

// Says reports whether text is message id (one without data, such as a button label) as some
// shipped language renders it, ignoring case, surrounding space and bidi controls. A reply
// keyboard's button sends its label as text; the label may be in the language the person had
// when the keyboard was sent.
func (c *Catalog) Says(id, text string) bool {
	text = plain(text)
	if text == "" {
		return false
	}
	for _, lang := range Shipped {
		if s := c.message(lang, id); s != "" && strings.EqualFold(plain(s), text) {
			return true
		}
	}
	return false
}

// plain drops format characters (bidi isolates and marks) and surrounding space.
func plain(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s))
}

// SaysOneOf reports whether text, as a whole, is one of the comma-separated answers that
// message id holds in lang or in English ("yes, yeah, yep"): case, accents and punctuation
// around it do not matter.
func (c *Catalog) SaysOneOf(lang, id, text string) bool {
	typed := strings.Join(recognize.Normalize(text), " ")
	if typed == "" {
		return false
	}
	for _, l := range []string{lang, Reference} {
		for _, entry := range strings.Split(c.message(l, id), ",") {
			if strings.Join(recognize.Normalize(entry), " ") == typed {
				return true
			}
		}
	}
	return false
}

// maxSaysWithin bounds the words of a message that SaysWithin reads: a short answer with a
// word or two around the phrase ("I don't know my postcode"), not a story.
const maxSaysWithin = 8

// SaysWithin is SaysOneOf for a short message that holds one of the answers among a few
// more words, in order and side by side: "I don't know my postcode" holds "I don't know".
func (c *Catalog) SaysWithin(lang, id, text string) bool {
	typed := recognize.Normalize(text)
	if len(typed) == 0 || len(typed) > maxSaysWithin {
		return false
	}
	for _, l := range []string{lang, Reference} {
		for _, entry := range strings.Split(c.message(l, id), ",") {
			if words := recognize.Normalize(entry); len(words) > 0 && containsRun(typed, words) {
				return true
			}
		}
	}
	return false
}

// containsRun says whether words holds run, in order and side by side.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}
