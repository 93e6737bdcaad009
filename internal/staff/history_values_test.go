package staff_test

import (
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/testharness"
)

// An audited value that does not parse is shown as kept: a hand-over step without its " #id"
// ("taken", "returned #") is no "Request # (“MBE Nord”) has been taken by ...", and an
// unknown yes/no or kind value is not shown as a catalog id.
func TestFieldValueOfValuesThatDoNotParse(t *testing.T) {
	cat := testharness.Catalog(t)
	for _, c := range []struct{ field, value string }{
		{"handover", "taken"},
		{"handover", "returned #"},
		{"accepting_new_clients", "maybe"},
		{"kind", "xyz"},
	} {
		e := staff.AuditEntry{Field: c.field, Actor: "Frau Beispiel", OfficeID: "mbe-a", New: c.value}
		got := cat.Render("en", staff.FieldValue(e, c.value, "MBE Nord"))
		if strings.Contains(got, "# ") || strings.Contains(got, "#(") || strings.HasPrefix(got, "staff.") || !strings.Contains(got, c.value) {
			t.Errorf("FieldValue(%s, %q) = %q, want the value as kept", c.field, c.value, got)
		}
	}
}
