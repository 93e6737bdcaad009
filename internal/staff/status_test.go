package staff_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/testharness"
)

// german renders what an output says, in German, edited message first.
func german(t *testing.T, out dialog.Output) string {
	t.Helper()
	cat := testharness.Catalog(t)
	var parts []string
	if out.Edit != nil {
		parts = append(parts, cat.RenderMessage("de", *out.Edit))
	}
	for _, m := range out.Messages {
		parts = append(parts, cat.RenderMessage("de", m))
	}
	return strings.Join(parts, "\n---\n")
}

func officeA(t *testing.T, f *fixture) directory.Office {
	t.Helper()
	o, err := f.st.Office(context.Background(), "office-a")
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// Point 1: hours typed the way counsellors write them are shown back as understood, in
// German, and stored in the one normalised form.
func TestHoursAreShownBackAsUnderstood(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.handle(t, 1, command("office"))
	f.handle(t, 1, tap("s:e:hours"))
	out := f.handle(t, 1, typed("Mo,Di,Mi,Do 9-12 Uhr; Fr geschlossen"))
	if got := german(t, out); !strings.Contains(got, "So habe ich die Öffnungszeiten verstanden:\nMo–Do 09:00–12:00\nFr geschlossen") {
		t.Errorf("preview:\n%s", got)
	}
	f.handle(t, 1, tap("s:save"))
	if got := officeA(t, f).OpeningHours; got != "Mo-Th 09:00-12:00; Fr off" {
		t.Errorf("stored %q", got)
	}
	f.handle(t, 1, tap("s:e:hours"))
	out = f.handle(t, 1, typed("Mo-Do 9-12, Mittags zu"))
	if got := german(t, out); !strings.Contains(got, "„mittags“ habe ich nicht verstanden") {
		t.Errorf("refusal:\n%s", got)
	}
}

// Point 2: a closure with its last day, shown with weekdays before saving, ends by itself;
// a waiting list is one tap, or a typed number of weeks.
func TestClosureAndWaitingList(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.handle(t, 1, command("office"))
	f.handle(t, 1, tap("s:e:closed"))
	out := f.handle(t, 1, typed("bis 06.01."))
	if got := german(t, out); !strings.Contains(got, "Geschlossen bis einschließlich Mi 06.01.2027, ab Do 07.01.2027 wieder geöffnet") {
		t.Errorf("preview:\n%s", got)
	}
	out = f.handle(t, 1, tap("s:save"))
	if got := german(t, out); out.Edit == nil || !strings.Contains(got, "Vorübergehend geschlossen bis einschließlich 06.01.2027") {
		t.Errorf("card after saving:\n%s", got)
	}
	if a := officeA(t, f); directory.FormatDate(a.ClosedUntil) != "2027-01-06" || a.ClosedFrom != nil || !a.ClosedOn(f.now) {
		t.Errorf("closed until %v", a.ClosedUntil)
	}

	// A closure announced ahead keeps the office open until its first day (a December
	// closure typed in November, the first day before the last across the new year).
	for _, in := range []string{"vom 23.12. bis 06.01.", "23.12.-06.01.", "2026-12-23 bis 2027-01-06", "23.12.2026 – 6.1.27"} {
		f.handle(t, 1, tap("s:e:closed"))
		out = f.handle(t, 1, typed(in))
		if got := german(t, out); !strings.Contains(got, "Geschlossen vom Mi 23.12.2026 bis einschließlich Mi 06.01.2027, ab Do 07.01.2027 wieder geöffnet") {
			t.Errorf("%q: preview:\n%s", in, got)
		}
		out = f.handle(t, 1, tap("s:save"))
		a := officeA(t, f)
		if directory.FormatDate(a.ClosedFrom) != "2026-12-23" || directory.FormatDate(a.ClosedUntil) != "2027-01-06" ||
			a.ClosedOn(f.now) || !a.ClosedOn(time.Date(2026, 12, 23, 0, 0, 0, 0, time.UTC)) || a.ClosedOn(time.Date(2027, 1, 7, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%q: closed from %v until %v", in, a.ClosedFrom, a.ClosedUntil)
		}
		if got := german(t, out); !strings.Contains(got, "Geschlossen vom 23.12.2026 bis einschließlich 06.01.2027") {
			t.Errorf("%q: card after saving:\n%s", in, got)
		}
	}
	// Only its last day typed again moves the end of the closure to come, which keeps its
	// first day; typed with today as its first day, it begins now.
	f.handle(t, 1, tap("s:e:closed"))
	if got := german(t, f.handle(t, 1, typed("bis 08.01."))); !strings.Contains(got, "Geschlossen vom Mi 23.12.2026 bis einschließlich Fr 08.01.2027") {
		t.Errorf("moving the last day: preview\n%s", got)
	}
	f.handle(t, 1, tap("s:save"))
	if a := officeA(t, f); directory.FormatDate(a.ClosedFrom) != "2026-12-23" || directory.FormatDate(a.ClosedUntil) != "2027-01-08" {
		t.Errorf("moving the last day: from %v until %v", a.ClosedFrom, a.ClosedUntil)
	}
	// Typed again, a closure from a day already begun runs from now on; one whose first day
	// is after its last is refused.
	f.handle(t, 1, tap("s:e:closed"))
	f.handle(t, 1, typed("vom 20.11. bis 06.01."))
	f.handle(t, 1, tap("s:save"))
	if a := officeA(t, f); a.ClosedFrom != nil || !a.ClosedOn(f.now) {
		t.Errorf("a closure begun: from %v", a.ClosedFrom)
	}
	f.handle(t, 1, tap("s:e:closed"))
	if ids, _ := answer(f.handle(t, 1, typed("vom 10.01.2027 bis 06.01.2027"))); !contains(ids, "staff.invalid") {
		t.Errorf("first day after the last: %v", ids)
	}
	f.handle(t, 1, tap("s:x"))
	for _, bad := range []struct{ in, want string }{{"gestern", "invalid.date"}, {"31.02.", "invalid.date"}, {"01.01.2026", "invalid.date_past"}, {"20.11.", "invalid.date_past"}, {"06.01.2028", "invalid.date_far"}} {
		f.handle(t, 1, tap("s:e:closed"))
		if ids, _ := answer(f.handle(t, 1, typed(bad.in))); !contains(ids, "staff.invalid") || !contains(ids, "staff.ask.closed") {
			t.Errorf("%q said %v", bad.in, ids)
		}
		f.handle(t, 1, tap("s:x"))
	}

	// The day after the closure, the office is open again without anyone clearing it.
	f.now = time.Date(2027, 1, 7, 9, 0, 0, 0, time.UTC)
	if got := german(t, f.handle(t, 1, command("office"))); strings.Contains(got, "geschlossen bis") {
		t.Errorf("an expired closure is still shown:\n%s", got)
	}
	f.now = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	f.handle(t, 1, tap("s:e:closed"))
	if ids, _ := answer(f.handle(t, 1, tap("s:ro"))); !contains(ids, "staff.saved") || officeA(t, f).ClosedUntil != nil {
		t.Errorf("reopening said %v", ids)
	}

	f.handle(t, 1, tap("s:e:accepting"))
	out = f.handle(t, 1, tap("s:wl:4"))
	if got := german(t, out); len(out.Messages) != 0 || !strings.Contains(got, "Warteliste: etwa 4 Wochen") {
		t.Errorf("one tap on a waiting time:\n%s", got)
	}
	f.handle(t, 1, tap("s:e:accepting"))
	f.handle(t, 1, typed("6"))
	six := officeA(t, f)
	if w, ok := six.WaitingWeeks(); !ok || w != 6 || !*six.AcceptingNewClients {
		t.Errorf("typed six weeks: %d, %v", w, ok)
	}
	// A typed wait in other units, or as a range, is turned into weeks; an unknown unit is
	// refused rather than read as weeks.
	for _, c := range []struct {
		in    string
		weeks int
	}{{"3 Monate", 13}, {"ca. 6-8 Wochen", 8}, {"10 Tage", 2}, {"1 month", 4}, {"12 Monate", 52}, {"٣ Monate", 13}, {"3 Stunden", 0}, {"13 Monate", 0}, {"3 Monate 2 Wochen", 0},
		{"6 bis 8 Wochen", 8}, {"Wartezeit in Monaten: 3", 13}, {"2 to 3 months", 13}, {"Monate: 2 Wochen", 0}} {
		f.handle(t, 1, tap("s:e:accepting"))
		out := f.handle(t, 1, typed(c.in))
		ids, _ := answer(out)
		a := officeA(t, f)
		w, _ := a.WaitingWeeks()
		switch {
		case c.weeks == 0 && (!contains(ids, "staff.invalid") || w != 6):
			t.Errorf("%q: said %v, saved %d weeks", c.in, ids, w)
		case c.weeks != 0 && w != c.weeks:
			t.Errorf("%q: saved %d weeks, want %d (said %v)", c.in, w, c.weeks, ids)
		case c.weeks != 0:
			f.handle(t, 1, tap("s:e:accepting"))
			f.handle(t, 1, typed("6"))
		}
		if c.weeks == 0 {
			f.handle(t, 1, tap("s:x"))
		}
	}

	f.handle(t, 1, tap("s:e:accepting"))
	f.handle(t, 1, tap("s:acc:false"))
	if a := officeA(t, f); a.Waiting != nil || *a.AcceptingNewClients {
		t.Errorf("full: %+v", a)
	}
}

// Point 3: notes from the library are ticked and saved; newcomers read them in their language.
func TestNotesLibrary(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.handle(t, 1, command("office"))
	out := f.handle(t, 1, tap("s:e:notes"))
	if _, data := answer(out); len(data) != len(directory.NoteKeys)+2 {
		t.Errorf("offered %v", data)
	}
	f.handle(t, 1, tap("s:tn:appointment_only"))
	f.handle(t, 1, tap("s:tn:interpreter"))
	out = f.handle(t, 1, tap("s:save"))
	if got := german(t, out); !strings.Contains(got, "ℹ️ Nur mit Termin\nℹ️ Dolmetscher auf Anfrage") {
		t.Errorf("card:\n%s", got)
	}
	if got := officeA(t, f).NoteKeys; !slices.Equal(got, []string{"appointment_only", "interpreter"}) {
		t.Errorf("notes %v", got)
	}
}

// Points 4 and 5: the reminder confirms with one tap on itself; every save renews the
// confirmation; a save edits the card in place instead of sending it again.
func TestOneTapConfirmationAndCardsInPlace(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	a := officeA(t, f)
	rem := staff.ReminderMessage(&a)
	if _, data := answer(dialog.Output{Messages: []dialog.Message{rem}}); !contains(data, "s:okr:"+ref("office-a")) {
		t.Fatalf("the reminder offers %v", data)
	}
	out := f.handle(t, 1, tap("s:okr:"+ref("office-a")))
	if got := german(t, out); out.Edit == nil || len(out.Messages) != 0 || !strings.Contains(got, "„Office A“ ist als aktuell bestätigt (25.11.2026)") {
		t.Errorf("one tap on the reminder:\n%s", got)
	}
	if d := directory.FormatDate(officeA(t, f).ConfirmedAt); d != "2026-11-25" {
		t.Errorf("confirmed %s", d)
	}
	// Counted as the web form's confirmation is.
	if !slices.ContainsFunc(out.Events, func(e dialog.Event) bool { return e.Kind == dialog.EventOfficeConfirmed }) {
		t.Errorf("the confirmation was not counted: %v", out.Events)
	}

	f.now = f.now.AddDate(0, 1, 0)
	f.handle(t, 1, command("office"))
	for _, step := range []dialog.Input{tap("s:e:phone"), tap("s:x"), tap("s:e:languages"), tap("s:tl:en"), tap("s:save")} {
		out := f.handle(t, 1, step)
		if out.Edit == nil || len(out.Messages) != 0 {
			ids, _ := answer(out)
			t.Errorf("%v: edit %v, %d new messages (%v)", step, out.Edit != nil, len(out.Messages), ids)
		}
	}
	if d := directory.FormatDate(officeA(t, f).ConfirmedAt); d != "2026-12-25" {
		t.Errorf("a saved edit left the confirmation at %s", d)
	}
}

// Point 6: counsellors tick Dari and Farsi by those names and read whom they reach.
func TestDariAndFarsi(t *testing.T) {
	f := newFixture(t)
	f.engine.Languages = []string{"de", "fa-AF", "ar"}
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.handle(t, 1, command("office"))
	out := f.handle(t, 1, tap("s:e:languages"))
	got := german(t, out)
	if !strings.Contains(got, "Dari und Farsi erreichen beide alle, die den Bot auf Dari/Farsi lesen") {
		t.Errorf("toggles:\n%s", got)
	}
	cat := testharness.Catalog(t)
	labels := map[string]string{}
	for _, row := range out.Edit.Buttons {
		for _, b := range row {
			labels[b.Data] = cat.Render("de", b.Label)
		}
	}
	if labels["s:tl:fa-AF"] != "Dari" || labels["s:tl:fa"] != "Farsi" {
		t.Errorf("labels %v", labels)
	}
	f.handle(t, 1, tap("s:tl:fa"))
	f.handle(t, 1, tap("s:save"))
	if got := officeA(t, f).Languages; !slices.Equal(got, []string{"de", "fa"}) {
		t.Errorf("languages %v", got)
	}
}

// Point 8: the welcome names the role's commands.
func TestWelcomeNamesTheRolesCommands(t *testing.T) {
	f := newFixture(t)
	for id, want := range map[staff.Role][]string{
		staff.RoleAdmin:      {"/office – ", "/admin – Verwaltung", "/stats – "},
		staff.RoleStatistics: {"/stats – "},
		staff.RoleCounsellor: {"/office – "},
	} {
		code, err := staff.Invite(context.Background(), f.st, staff.Invitation{Role: id, Offices: []string{"office-a"}}, f.now)
		if err != nil {
			t.Fatal(err)
		}
		got := german(t, f.output(t, int64(len(id)), dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: staff.InvitePrefix + code}))
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s welcome lacks %q:\n%s", id, w, got)
			}
		}
		for _, c := range []string{"/office", "/admin", "/stats"} {
			if strings.Contains(got, c) != slices.ContainsFunc(want, func(w string) bool { return strings.HasPrefix(w, c) }) {
				t.Errorf("%s welcome and %s:\n%s", id, c, got)
			}
		}
	}
}

// Point 7: without the bot's username the invitation is the code with an instruction.
func TestInvitationWithoutUsername(t *testing.T) {
	f := newFixture(t)
	f.engine.InviteLink = func(string) string { return "" }
	f.member(t, 2, staff.RoleAdmin)
	f.handle(t, 2, tap("s:ad:inv"))
	got := german(t, f.handle(t, 2, tap("s:ir:statistics")))
	if strings.Contains(got, "t.me") || !strings.Contains(got, "/start staff-") || !strings.Contains(got, "Telegram-Name des Bots nicht bekannt") {
		t.Errorf("invitation:\n%s", got)
	}
}

// Point 9: an office's history says who changed what and when, in words; an import is one line.
func TestHistoryInWords(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.handle(t, 1, command("office"))
	f.handle(t, 1, tap("s:e:phone"))
	f.handle(t, 1, typed("0561 999999"))
	f.handle(t, 1, tap("s:save"))
	f.handle(t, 1, tap("s:e:accepting"))
	f.handle(t, 1, tap("s:wl:8"))
	got := german(t, f.handle(t, 1, tap("s:hist")))
	for _, want := range []string{
		"Verlauf von „Office A“, neueste zuerst:",
		"Person (staff #1): Wartezeit (Wochen): (leer) → 8",
		"Person (staff #1): Telefon: 0561 111111 → 0561 999999",
		"· Import: Eintrag angelegt",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("history lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(got, "Import") != 1 || strings.Index(got, "Wartezeit") > strings.Index(got, "Telefon") {
		t.Errorf("history order or import lines:\n%s", got)
	}
	f.member(t, 2, staff.RoleAdmin)
	got = german(t, f.handle(t, 2, tap("s:ad:log")))
	if !strings.Contains(got, "🏢 Office A\n") || !strings.Contains(got, "🏢 Office B\n") || strings.Count(got, "Import") != 2 {
		t.Errorf("latest changes:\n%s", got)
	}
}

// Point 12: any period in the bot: this and last quarter, or one typed as a quarter or two
// dates.
func TestStatisticsOfAnyPeriod(t *testing.T) {
	f := newFixture(t)
	f.member(t, 3, staff.RoleStatistics)
	_, data := answer(f.handle(t, 3, command("stats")))
	for _, want := range []string{"s:st:quarter", "s:st:last_quarter", "s:sr"} {
		if !contains(data, want) {
			t.Errorf("the picker lacks %s: %v", want, data)
		}
	}
	if got := german(t, f.handle(t, 3, tap("s:st:last_quarter"))); !strings.Contains(got, "vom 01.07.2026 bis 30.09.2026") {
		t.Errorf("last quarter:\n%s", got)
	}
	f.handle(t, 3, tap("s:sr"))
	if ids, _ := answer(f.handle(t, 3, typed("irgendwann"))); !contains(ids, "stats.bad_period") || !contains(ids, "stats.ask_period") {
		t.Errorf("a bad period said %v", ids)
	}
	out := f.handle(t, 3, typed("15.11. - 20.11.2026"))
	if got := german(t, out); !strings.Contains(got, "vom 15.11.2026 bis 20.11.2026") || strings.Contains(got, "Diagramm") {
		t.Errorf("a typed period (empty: no chart):\n%s", got)
	}
	if _, data := answer(out); !contains(data, "s:sd:20261115-20261120") {
		t.Errorf("no per-day CSV offered: %v", data)
	}
}

// Every language has its own words for the units of a typed waiting time, and no word is
// the unit of two (a day read as a month would misstate a wait by a factor of thirty).
func TestWaitingUnitsInEveryLanguage(t *testing.T) {
	cat := testharness.Catalog(t)
	units := []string{"staff.unit.weeks", "staff.unit.months", "staff.unit.days"}
	for _, lang := range i18n.Shipped {
		for _, id := range units {
			words := strings.Split(cat.Render(lang, dialog.T(id)), ",")
			if lang != i18n.Reference && cat.Render(lang, dialog.T(id)) == cat.Render(i18n.Reference, dialog.T(id)) {
				t.Errorf("%s: %s is the English list", lang, id)
			}
			for _, w := range words {
				for _, other := range units {
					if says := cat.SaysOneOf(lang, other, w); says != (other == id) {
						t.Errorf("%s: %q of %s: is %s: %v", lang, w, id, other, says)
					}
				}
			}
		}
	}
}

// A closure still to come is offered to be cancelled ("Schließzeit absagen"), not "open again
// from today" while the office is open; the tap clears it.
func TestAClosureStillToComeIsCancelled(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.handle(t, 1, command("office"))
	f.handle(t, 1, tap("s:e:closed"))
	f.handle(t, 1, typed("vom 23.12. bis 06.01."))
	f.handle(t, 1, tap("s:save"))
	if a := officeA(t, f); a.ClosedOn(f.now) {
		t.Fatal("set up: the office should be open today")
	}
	out := f.handle(t, 1, tap("s:e:closed"))
	got := german(t, out)
	msgs := out.Messages
	if out.Edit != nil {
		msgs = append(msgs, *out.Edit)
	}
	offered := false
	for _, m := range msgs {
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Label.ID == "staff.button.reopen" {
					t.Errorf("an office open today, its closure still to come, is offered %q:\n%s", "✅ Ab heute wieder geöffnet", got)
				}
				offered = offered || b.Label.ID == "staff.button.cancel_closure"
			}
		}
	}
	if !offered {
		t.Errorf("no button cancels the closure:\n%s", got)
	}
	f.handle(t, 1, tap("s:ro"))
	if a := officeA(t, f); a.ClosedFrom != nil || a.ClosedUntil != nil {
		t.Errorf("cancelled: from %v until %v", a.ClosedFrom, a.ClosedUntil)
	}
}

// Who let whom in is in the admin's latest changes, in words: an invitation made and one
// withdrawn, an account revoked, each by who did it, under the staff accounts' heading (the
// accounts begun by invitations before are older than the three changes shown).
func TestAccessChangesInTheLatestChanges(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	admin := f.member(t, 2, staff.RoleAdmin)
	f.handle(t, 2, command("admin"))
	f.handle(t, 2, tap("s:ad:inv"))
	f.handle(t, 2, tap("s:ir:statistics"))
	open, err := f.st.OpenInvitations(context.Background(), f.now)
	if err != nil || len(open) != 1 {
		t.Fatalf("open invitations: %v, %v", open, err)
	}
	if err := f.st.WithdrawInvitation(context.Background(), staff.ActorOf(&admin), open[0].Ref); err != nil {
		t.Fatal(err)
	}
	f.handle(t, 2, tap("s:rv:1"))
	f.handle(t, 2, tap("s:rvok:1"))
	if _, err := f.st.SetArea(context.Background(), staff.ImportActor, area.Area{Name: "Musterstadt", Latitude: 51.53, Longitude: 9.93, State: "NI", RadiusKm: 15}); err != nil {
		t.Fatal(err)
	}
	got := german(t, f.handle(t, 2, tap("s:ad:log")))
	for _, want := range []string{
		"👥 Konten der Mitarbeitenden\n",
		"🗺 Einzugsgebiet\n",
		"Person (staff #2): Einladung: (leer) → Statistik\n",
		"Person (staff #2): Einladung: Statistik → (leer)",
		"Person (staff #2): Konto: #1 Person (Beratungsfachkraft: office-a) → (leer)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("latest changes lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "(staff)") || strings.Contains(got, "(area)") {
		t.Errorf("the access changes' office id is shown:\n%s", got)
	}
}
