package i18n

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/dialog"
)

// handoverData fills every placeholder the hand-over's messages use, as the code fills them:
// an office's name in Latin letters, a language, an age band, a topic, numbers.
func handoverData() []any {
	return []any{"Office", dialog.Raw("Migrationsberatung Schlachthof"), "Language", dialog.Text{Language: "fa-AF"},
		"Age", dialog.T("age.band.27plus"), "Topic", dialog.T("topic.housing"), "Max", 3000, "Number", 2, "ID", 1234,
		"Languages", dialog.List(dialog.Text{Language: "de"}, dialog.Text{Language: "ar"}), "Name", dialog.Raw("Anna Berger"),
		"Days", dialog.Plural("privacy_days", 30)}
}

// The hand-over's texts keep office names, numbers and commands isolated in right-to-left
// languages, like the rest of the conversation.
func TestHandoverRightToLeft(t *testing.T) {
	c := loadTestCatalog(t)
	for id := range flatCatalog(t, Reference) {
		if !strings.HasPrefix(id, "handover.") && !strings.HasPrefix(id, "staff.handover.") {
			continue
		}
		for _, lang := range Shipped {
			if !IsRTL(lang) {
				continue
			}
			got := c.Render(lang, dialog.T(id, handoverData()...))
			if bad := ltrOutsideIsolates(got); len(bad) > 0 {
				t.Errorf("%s %s: %q outside an isolate in %q", lang, id, bad, got)
			}
		}
	}
}

// The hand-over's buttons fit a phone in every language: alone in a row, or two in a row
// where they are shown so.
func TestHandoverButtonsFitAPhone(t *testing.T) {
	c := loadTestCatalog(t)
	inRow := map[string]int{
		"handover.button.ask": 1, "handover.button.ask_other": 1, "handover.button.cancel": 1,
		"handover.button.send": 2, "handover.button.rewrite": 2, "handover.button.reply": 2, "handover.button.end": 2,
		"handover.button.end_yes": 2, "button.back": 2,
		"staff.handover.button.take": 2, "staff.handover.button.decline": 2, "staff.handover.button.reply": 2,
		"staff.handover.button.end": 2, "staff.handover.button.full": 1, "staff.handover.button.wrong": 1,
		"staff.handover.button.end_yes": 1, "staff.handover.button.block": 1,
	}
	for id := range flatCatalog(t, Reference) {
		if (strings.HasPrefix(id, "handover.button.") || strings.HasPrefix(id, "staff.handover.button.")) && inRow[id] == 0 {
			t.Errorf("%s: how many share its row?", id)
		}
	}
	for id, n := range inRow {
		for _, lang := range Shipped {
			label := stripIsolates(c.Render(lang, dialog.T(id, handoverData()...)))
			if got := utf8.RuneCountInString(label); got > maxLabel(n) {
				t.Errorf("%s: %s %q has %d characters, %d fit in a row of %d", lang, id, label, got, maxLabel(n), n)
			}
		}
	}
}
