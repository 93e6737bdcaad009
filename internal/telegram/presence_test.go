package telegram

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/app"
	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/staff"
)

// TestTelegramLanguageCodes: the reference catalog is the default (no language_code), every
// other catalog has a two-letter code of its own, Dari/Farsi under "fa".
func TestTelegramLanguageCodes(t *testing.T) {
	twoLetters := regexp.MustCompile(`^[a-z]{2}$`)
	seen := map[string]string{}
	for _, tag := range profileLanguages() {
		code := telegramLanguage(tag)
		if tag == i18n.Reference {
			if code != "" {
				t.Errorf("the reference %s has code %q, want the default", tag, code)
			}
			continue
		}
		if !twoLetters.MatchString(code) {
			t.Errorf("%s → %q: not a two-letter ISO 639-1 code", tag, code)
		}
		if other, dup := seen[code]; dup {
			t.Errorf("%s and %s share the code %q", tag, other, code)
		}
		seen[code] = tag
	}
	if telegramLanguage("fa-AF") != "fa" || len(profileLanguages()) != len(i18n.Shipped) {
		t.Errorf("fa-AF → %q; %d languages", telegramLanguage("fa-AF"), len(profileLanguages()))
	}
}

// TestProfileFitsTelegram: in every language, with a long district name, the description, the
// short description and each command's text are there and within Telegram's limits (so fit
// never cuts them), the description names every language the bot speaks, and the command
// texts are short enough to read in a phone's menu. In right-to-left text, /delete keeps its
// order.
func TestProfileFitsTelegram(t *testing.T) {
	cat, err := app.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	cat.SetTown(func(string) string { return "Landkreis Waldeck-Frankenberg" })
	a := &Adapter{catalog: cat}
	english := a.description(i18n.Reference)
	for _, lang := range i18n.Shipped {
		desc, short := a.description(lang), a.shortDescription(lang)
		if n := utf8.RuneCountInString(desc); n >= maxDescription || strings.Contains(desc, "bot.") {
			t.Errorf("%s: description of %d characters: %q", lang, n, desc)
		}
		if n := utf8.RuneCountInString(short); n >= maxShortDescription || strings.Contains(short, "bot.") || !strings.Contains(short, "Waldeck") {
			t.Errorf("%s: short description of %d characters: %q", lang, n, short)
		}
		if i18n.IsRTL(lang) && !strings.Contains(desc, "\u2066/delete\u2069") {
			t.Errorf("%s: /delete is not isolated in right-to-left text: %q", lang, desc)
		}
		if lang != i18n.Reference && desc == english {
			t.Errorf("%s: the description is the English one", lang)
		}
		for _, tag := range i18n.Shipped {
			if name := cat.LanguageName(lang, tag); !strings.Contains(desc, name) {
				t.Errorf("%s: the description does not name %s (%q)", lang, tag, name)
			}
		}
		for _, c := range a.commandMenu(lang, append(conversation.Commands, staff.Commands...)) {
			if n := utf8.RuneCountInString(c.Description); n == 0 || n > 50 || strings.HasPrefix(c.Description, "bot.") {
				t.Errorf("%s: /%s is described in %d characters: %q", lang, c.Command, n, c.Description)
			}
		}
	}
}
