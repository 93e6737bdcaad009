package conversation_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
)

// Notes from the library reach every newcomer in their language; the office's own note stays
// in German and says so; the note of an entry the office has not confirmed says it is not the
// office's.
func TestNoteLines(t *testing.T) {
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	confirmed := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	o := directory.Office{Name: "MBE", Kind: directory.KindMBE, NoteKeys: []string{"appointment_only", "interpreter"}, Note: "Bitte klingeln.", ConfirmedAt: &confirmed}
	render := func(lang string) string {
		var lines []string
		for _, l := range conversation.OfficeLines(directory.Match{Office: o}, 1, false) {
			lines = append(lines, cat.Render(lang, l))
		}
		return strings.Join(lines, "\n")
	}
	for lang, want := range map[string][]string{
		"en": {"ℹ️ Only with an appointment\nℹ️ Interpreter on request\n📝 Note from the office (in German): Bitte klingeln."},
		"uk": {"ℹ️ Лише за попереднім записом\nℹ️ Перекладач на запит\n📝 Примітка від установи (німецькою): Bitte klingeln."},
		"de": {"ℹ️ Nur mit Termin\nℹ️ Dolmetscher auf Anfrage\n📝 Hinweis der Beratungsstelle: Bitte klingeln."},
	} {
		if got := render(lang); !strings.Contains(got, want[0]) {
			t.Errorf("%s:\n%s\nwant it to contain\n%s", lang, got, want[0])
		}
	}
	o.ConfirmedAt = nil
	if got, want := render("en"), "📝 Note from public sources, not from the office (in German): Bitte klingeln."; !strings.Contains(got, want) {
		t.Errorf("unconfirmed:\n%s\nwant it to contain\n%s", got, want)
	}
	for _, lang := range i18n.Shipped {
		for _, id := range conversation.NoteMessageIDs() {
			if got := cat.Render(lang, conversation.NoteLabel(strings.TrimPrefix(id, "note."))); got == id || got == "" {
				t.Errorf("%s lacks %s", lang, id)
			}
		}
	}
}
