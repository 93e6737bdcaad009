package conversation_test

// Support for the tests that read what a newcomer sees: rendered text without the bidi
// isolates the renderer adds in right-to-left languages.

import (
	"regexp"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/dialog"
)

func splitLines(s string) []string { return strings.Split(s, "\n") }

// stripBidi drops the isolates (U+2066–U+2069) from rendered text.
func stripBidi(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '\u2066' && r <= '\u2069' {
			return -1
		}
		return r
	}, s)
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// rendered is a message as lang's reader sees it, without bidi isolates.
func rendered(t *testing.T, lang string, m dialog.Message) string {
	t.Helper()
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return stripBidi(cat.RenderMessage(lang, m))
}

// phoneNumber finds a phone number: the emergency numbers, a helpline, an office's number.
var phoneNumber = regexp.MustCompile(`(^|[^0-9])(110|112|116 ?1[01]1|116 ?016|\+?[0-9][0-9 ()/-]{5,}[0-9])([^0-9]|$)`)

// nextStep finds a concrete way on without a phone: an online counselling address.
var nextStep = regexp.MustCompile(`mbeon\.de|jmd4you\.de`)
