package staff

import (
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/locales"
)

// Every button the staff side shows fits a phone screen in every language: 38 characters
// alone in a row, 22 for two (as internal/i18n checks for the newcomers' buttons).
func TestStaffButtonsFitAPhone(t *testing.T) {
	cat, err := shippedCatalog()
	if err != nil {
		t.Fatal(err)
	}
	e := &Engine{Now: func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }, Languages: i18n.Shipped}
	until := time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC)
	o := directory.Office{ID: "x", Name: "MBE", Kind: directory.KindMBE, ClosedUntil: &until}
	m := &Member{Flow: Flow{Set: []string{"ar", "interpreter", "housing"}}}
	msgs := []dialog.Message{e.officeCard(&o), capacityChoices(), e.askClosed(&o), e.toggles(m, FieldLanguages),
		e.toggles(m, FieldTopics), e.toggles(m, FieldNotes), periodPicker(), adminMenu(), ReminderMessage(&o), e.preview(FieldPhone, "1")}
	for _, lang := range i18n.Shipped {
		for _, msg := range msgs {
			for _, row := range msg.Buttons {
				limit := map[int]int{1: 38, 2: 22}[len(row)]
				for _, b := range row {
					label := cat.Render(lang, b.Label)
					if n := utf8.RuneCountInString(stripIsolates(label)); n > limit {
						t.Errorf("%s: %q (%s) has %d characters, %d fit", lang, label, b.Data, n, limit)
					}
				}
			}
		}
	}
}

func stripIsolates(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r < '\u2066' || r > '\u2069' {
			out = append(out, r)
		}
	}
	return string(out)
}

// An audited list of topics names each by its label, quoted when there are several: the
// labels hold the list's own comma ("Residence permit, visa").
func TestAuditedTopicsAreQuoted(t *testing.T) {
	cat, err := shippedCatalog()
	if err != nil {
		t.Fatal(err)
	}
	e := AuditEntry{Field: "topics"}
	if got, want := cat.Render("en", FieldValue(e, "residence letters", "MBE")), "“Residence permit, visa” and “Letters and forms”"; got != want {
		t.Errorf("two topics: %q, want %q", got, want)
	}
	if got, want := cat.Render("en", FieldValue(e, "housing", "MBE")), "Housing"; got != want {
		t.Errorf("one topic: %q, want %q", got, want)
	}
}

// Offices a phone would show alike on a picker's buttons (the first 30 letters of their
// names) are told apart by who runs them, named first; others keep their name alone.
func TestOfficeButtonsTellAlikeNamesApart(t *testing.T) {
	cat, err := shippedCatalog()
	if err != nil {
		t.Fatal(err)
	}
	offices := []directory.Office{
		{ID: "a", Name: "Migrationsberatung für erwachsene Zugewanderte (MBE) Kassel", Provider: "Caritasverband Nordhessen-Kassel e.V."},
		{ID: "b", Name: "Migrationsberatung für Erwachsene", Provider: "Kulturzentrum Schlachthof e.V."},
		{ID: "c", Name: "Jugendmigrationsdienst Kassel", Provider: "Caritasverband Nordhessen-Kassel e.V."},
		{ID: "d", Name: "Migrationsberatung für erwachsene Zugewanderte (MBE)"},
	}
	want := []string{
		"Caritasverband Nordhessen-Kassel e.V. · Migrationsberatung für erwachsene Zugewanderte (MBE) Kassel",
		"Kulturzentrum Schlachthof e.V. · Migrationsberatung für Erwachsene",
		"Jugendmigrationsdienst Kassel",
		"Migrationsberatung für erwachsene Zugewanderte (MBE)", // no provider known
	}
	for i, label := range officeButtons(offices) {
		if got := cat.Render("de", label); got != want[i] {
			t.Errorf("%s: %q, want %q", offices[i].ID, got, want[i])
		}
	}
}

// shippedCatalog is the shipped catalog, loaded once for the tests here (none changes it).
var shippedCatalog = sync.OnceValues(func() (*i18n.Catalog, error) { return i18n.Load(locales.FS) })
