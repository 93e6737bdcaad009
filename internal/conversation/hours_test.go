package conversation_test

import (
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
)

// Appointment-only hours read as such, for a day's times, a day and the whole office.
func TestHoursTextSaysAppointmentsOnly(t *testing.T) {
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ stored, lang, want string }{
		{`Mo-Th 09:00-12:00 "by appointment"; Fr off`, "de", "Mo–Do 09:00–12:00, nur nach Terminvereinbarung\nFr geschlossen"},
		{`We "by appointment"`, "en", "Wed by appointment only"},
		{`Mo 09:00-12:00; "by appointment"`, "en", "Mon 09:00–12:00\nCounselling by appointment only."},
	}
	for _, c := range cases {
		text := conversation.HoursText(c.stored)
		if text == nil {
			t.Fatalf("HoursText(%q) = nil", c.stored)
		}
		if got := cat.Render(c.lang, *text); got != c.want {
			t.Errorf("HoursText(%q) in %s = %q, want %q", c.stored, c.lang, got, c.want)
		}
	}
	if conversation.HoursText("") != nil {
		t.Error("no hours should say nothing")
	}
}
