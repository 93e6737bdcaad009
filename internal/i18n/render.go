package i18n

import (
	"fmt"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/kassel/wegweiser/internal/conversation"
)

// Unicode isolates: LRI ... PDI keep a phone number, an address or a time left-to-right
// inside right-to-left text without disturbing the text around it.
const (
	lri = "\u2066"
	pdi = "\u2069"
)

// Render says t in lang. A message missing from lang's catalog falls back to English, and
// to its id when English lacks it too (the catalog tests make sure neither happens).
func (c *Catalog) Render(lang string, t conversation.Text) string {
	if _, ok := c.localizers[lang]; !ok {
		lang = Reference
	}
	switch {
	case t.Language != "":
		return c.isolate(lang, c.LanguageName(lang, t.Language))
	case t.Parts != nil:
		parts := make([]string, len(t.Parts))
		for i, p := range t.Parts {
			parts[i] = c.Render(lang, p)
		}
		return strings.Join(parts, t.Sep)
	case t.ID == "":
		if t.LTR {
			return c.isolate(lang, t.Raw)
		}
		return t.Raw
	}
	data := make(map[string]any, len(t.Data))
	for k, v := range t.Data {
		switch v := v.(type) {
		case conversation.Text:
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
	return s
}

func (c *Catalog) isolate(lang, s string) string {
	if !IsRTL(lang) || s == "" {
		return s
	}
	return lri + s + pdi
}

// RenderMessage says a whole message's lines, one per line.
func (c *Catalog) RenderMessage(lang string, m conversation.Message) string {
	if m.Lang != "" {
		lang = m.Lang
	}
	lines := make([]string, len(m.Lines))
	for i, l := range m.Lines {
		lines[i] = c.Render(lang, l)
	}
	return strings.Join(lines, "\n")
}
