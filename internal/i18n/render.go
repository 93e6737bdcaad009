package i18n

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/kassel/wegweiser/internal/cldr"
	"github.com/kassel/wegweiser/internal/dialog"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// Render says t in lang. A message missing from lang's catalog falls back to English, and
// to its id when English lacks it too (the catalog tests make sure neither happens).
func (c *Catalog) Render(lang string, t dialog.Text) string {
	if _, ok := c.localizers[lang]; !ok {
		lang = Reference
	}
	switch {
	case t.Language != "":
		return c.isolateName(lang, c.LanguageName(lang, t.Language))
	case t.Number != nil:
		return c.isolate(lang, cldr.Decimal(lang, *t.Number, t.Digits))
	case t.Parts != nil:
		parts := make([]string, len(t.Parts))
		for i, p := range t.Parts {
			parts[i] = c.Render(lang, p)
		}
		if t.List {
			return cldr.Join(lang, parts)
		}
		return strings.Join(parts, t.Sep)
	case t.ID == "":
		if t.LTR {
			return c.isolate(lang, t.Raw)
		}
		return c.isolateName(lang, t.Raw)
	}
	town := ""
	if c.town != nil {
		town = c.isolateName(lang, c.town(lang))
	}
	// A message without data of its own (a button, a question) says the same every time for a
	// language and a town: it is rendered once.
	var key staticKey
	if len(t.Data) == 0 && t.Count == nil {
		key = staticKey{lang, t.ID, town}
		if s, ok := c.static.Load(key); ok {
			return s.(string)
		}
	}
	data := make(map[string]any, len(t.Data)+1)
	if c.town != nil {
		data["Town"] = town
	}
	for k, v := range t.Data {
		switch v := v.(type) {
		case dialog.Text:
			data[k] = c.Render(lang, v)
		case int:
			data[k] = c.isolate(lang, fmt.Sprint(v))
		default:
			data[k] = v
		}
	}
	cfg := &goi18n.LocalizeConfig{MessageID: t.ID, TemplateData: data, PluralCount: t.Count}
	s, err := c.localizers[lang].Localize(cfg)
	if err != nil {
		if s, err = c.localizers[Reference].Localize(cfg); err != nil {
			return t.ID
		}
	}
	if IsRTL(lang) {
		s = isolateLTR(s)
	}
	if key.id != "" {
		c.static.Store(key, s)
	}
	return s
}

// staticKey is a message without data of its own as Render caches it: by language, id and
// town.
type staticKey struct{ lang, id, town string }

// isolateName keeps a name in another script (a Latin town name in Arabic text) from
// reordering the text around it; a name in the reader's own script needs nothing.
func (c *Catalog) isolateName(lang, s string) string {
	if !IsRTL(lang) || s == "" {
		return s
	}
	for _, r := range s {
		if unicode.Is(unicode.Latin, r) {
			return fsi + s + pdi
		}
	}
	return s
}

// SetTown names the town or district the directory serves, by reader's language: every
// message can say it as {{.Town}}, and no catalog names a town of its own.
func (c *Catalog) SetTown(name func(lang string) string) { c.town = name }

// Copy is a catalog that shares c's messages, lists and names, which never change once
// loaded, and names its town on its own (SetTown): loading takes seconds under the race
// detector, and tests each serving an area of their own need not pay it every time.
func (c *Catalog) Copy() *Catalog {
	return &Catalog{bundle: c.bundle, localizers: c.localizers, matcher: c.matcher, tags: c.tags,
		recognizer: c.recognizer, ownWords: c.ownWords, letters: c.letters, scriptLetters: c.scriptLetters,
		names: c.names, town: c.town, numbers: c.numbers, byName: c.byName, languageNouns: c.languageNouns,
		countryNames: c.countryNames}
}

func (c *Catalog) isolate(lang, s string) string {
	if !IsRTL(lang) || s == "" {
		return s
	}
	return lri + s + pdi
}

// RenderMessage says a whole message's lines, one per line.
func (c *Catalog) RenderMessage(lang string, m dialog.Message) string {
	if m.Lang != "" {
		lang = m.Lang
	}
	lines := make([]string, len(m.Lines))
	for i, l := range m.Lines {
		lines[i] = c.Render(lang, l)
	}
	return strings.Join(lines, "\n")
}
