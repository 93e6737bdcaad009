package telegram

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/tgfake"
)

// germanChat is a staff member's chat whose Telegram app speaks German.
type germanChat struct {
	e  *env
	id int64
}

// send sends text and waits for n more sendMessage calls.
func (c germanChat) send(t *testing.T, text string, n int) {
	t.Helper()
	c.e.say(t, func() int64 { return c.e.fake.PushUpdate(tgfake.MessageFrom(c.id, text, "de")) }, n)
}

// tap presses a button of the bot's message msg and waits for the tap to be answered and
// for edits more editMessageText calls.
func (c germanChat) tap(t *testing.T, msg int, data string, edits int) {
	t.Helper()
	answered := len(c.e.fake.CallsTo("answerCallbackQuery"))
	before := len(c.e.fake.CallsTo("editMessageText"))
	c.e.fake.PushUpdate(tgfake.CallbackFrom(c.id, msg, data, "de"))
	c.e.fake.WaitFor(t, "answerCallbackQuery", answered+1, wait)
	if edits > 0 {
		c.e.fake.WaitFor(t, "editMessageText", before+edits, wait)
	}
}

// last is the id and text of the last message sent (the fake numbers them 1, 2, 3, ...).
func (c germanChat) last() (int, string) {
	calls := c.e.fake.CallsTo("sendMessage")
	return len(calls), calls[len(calls)-1].Params["text"]
}

// saveOf is the data of the Save button under the last message sent (it names the field and
// the value previewed).
func (c germanChat) saveOf(t *testing.T) string {
	t.Helper()
	calls := c.e.fake.CallsTo("sendMessage")
	kb, _ := tgfake.ParseKeyboard(calls[len(calls)-1].Params["reply_markup"])
	for _, row := range kb {
		for _, b := range row {
			if strings.HasPrefix(b.CallbackData, "s:save:") {
				return b.CallbackData
			}
		}
	}
	t.Fatalf("no Save under the last message: %v", kb)
	return ""
}

// edited is the text of the last message edited in place.
func (c germanChat) edited() string {
	calls := c.e.fake.CallsTo("editMessageText")
	return calls[len(calls)-1].Params["text"]
}

func has(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

// A counsellor keeps the office current in German through the real client and the fake Bot
// API: hours in their own words shown back, a closure, a waiting list in one tap, the card
// edited in place, and the reminder confirmed with one tap on itself.
func TestCounsellorFlowsInGerman(t *testing.T) {
	e := newEnv(t)
	e.runner.Staff.Now = func() time.Time { return time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	c := germanChat{e, 7007}
	code, err := staff.Invite(ctx, e.store, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-test"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	c.send(t, "/start staff-"+code, 1)
	_, welcome := c.last()
	has(t, "welcome", welcome, "Willkommen, Test! Sie sind jetzt angemeldet als: Beratungsfachkraft. Ihre Befehle:\n/office – ")
	c.send(t, "/office", 1)
	card, text := c.last()
	has(t, "card", text, "So sehen Ratsuchende den Eintrag", "✅ Nimmt neue Ratsuchende auf.")

	sends := len(e.fake.CallsTo("sendMessage"))
	c.tap(t, card, "s:e:hours", 1)
	has(t, "question", c.edited(), "Bitte schreiben Sie die Öffnungszeiten so, wie Sie sie sonst auch schreiben")
	c.send(t, "Mo,Di,Mi,Do 9-12 Uhr; Fr geschlossen", 1)
	preview, text := c.last()
	has(t, "preview", text, "So habe ich die Öffnungszeiten verstanden:\nMo–Do 09:00–12:00\nFr geschlossen\n\nSpeichern?")
	c.tap(t, preview, c.saveOf(t), 1)
	has(t, "saved card", c.edited(), "✅ Gespeichert.", "Mo–Do 09:00–12:00")
	if n := len(e.fake.CallsTo("sendMessage")); n != sends+1 {
		t.Errorf("changing the hours sent %d messages, want only the preview", n-sends)
	}

	c.tap(t, preview, "s:e:accepting", 1)
	c.tap(t, preview, "s:wl:4", 1)
	has(t, "card after one tap", c.edited(), "✅ Gespeichert.", "⏳ Warteliste: etwa 4 Wochen.")

	c.tap(t, preview, "s:e:closed", 1)
	c.send(t, "bis 06.01.", 1)
	closure, text := c.last()
	has(t, "closure", text, "⛔ Geschlossen bis einschließlich Mi 06.01.2027, ab Do 07.01.2027 wieder geöffnet.")
	c.tap(t, closure, c.saveOf(t), 1)
	has(t, "closed card", c.edited(), "⛔ Vorübergehend geschlossen bis einschließlich 06.01.2027.")
	if sends2 := len(e.fake.CallsTo("sendMessage")); sends2 != sends+2 {
		t.Errorf("%d messages for three changes, want the two previews", sends2-sends)
	}
	o, err := e.store.Office(ctx, "mbe-test")
	if err != nil || o.OpeningHours != "Mo-Th 09:00-12:00; Fr off" || *o.Waiting != 4 || directory.FormatDate(o.ClosedUntil) != "2027-01-06" ||
		directory.FormatDate(o.ConfirmedAt) != "2026-12-03" {
		t.Errorf("office = %+v, %v", o, err)
	}

	// The reminder, a month later: one tap on it confirms the entry.
	e.runner.Staff.Now = func() time.Time { return time.Date(2027, 3, 10, 10, 0, 0, 0, time.UTC) }
	if err := e.lastAdapter.Notify(ctx, c.id, "de", staff.ReminderMessage(&o)); err != nil {
		t.Fatal(err)
	}
	reminder, text := c.last()
	has(t, "reminder", text, "Wenn noch alles stimmt, genügt ein Tipp.")
	c.tap(t, reminder, "s:okr:"+refOf("mbe-test"), 1)
	has(t, "confirmed reminder", c.edited(), "✅ Danke! „MBE Test“ ist als aktuell bestätigt (10.03.2027).")
	if o, _ := e.store.Office(ctx, "mbe-test"); directory.FormatDate(o.ConfirmedAt) != "2027-03-10" {
		t.Errorf("confirmed %v", o.ConfirmedAt)
	}
}

// refOf is how a button names an office: the first 8 hex digits of its id's SHA-256.
func refOf(id string) string {
	h := sha256.Sum256([]byte(id))
	return hex.EncodeToString(h[:4])
}

// City staff read a quarter of a seeded year in German: the text, the chart and the CSV of
// the period, then the CSV per day from its button.
func TestQuarterStatisticsInGerman(t *testing.T) {
	e := newEnv(t)
	storetest.SeedYear(t, e.store, 2026)
	e.runner.Staff.Now = func() time.Time { return time.Date(2026, 10, 5, 10, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	c := germanChat{e, 9090}
	code, err := staff.Invite(ctx, e.store, staff.Invitation{Role: staff.RoleAdmin}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	c.send(t, "/start staff-"+code, 1)
	_, welcome := c.last()
	has(t, "welcome", welcome, "/office – ", "/admin – Verwaltung: Stellen und Mitarbeitende", "/stats – ")
	c.send(t, "/stats", 1)
	picker, _ := c.last()
	photos, docs := len(e.fake.CallsTo("sendPhoto")), len(e.fake.CallsTo("sendDocument"))
	c.tap(t, picker, "s:st:last_quarter", 0)
	e.fake.WaitFor(t, "sendDocument", docs+1, wait)
	report, text := c.last()
	has(t, "report", text, "Nutzung von Wegweiser vom 01.07.2026 bis 30.09.2026", "Nach Sprache:\n  (zählt gezeigte Ergebnisse, ", "  Arabisch: ",
		"  Dari: ", "Anfragen, 0 Stellen ⚠️", "Über Kampagnen-Links gestartet (nach Kennung):\n  flyer-rathaus: ")
	photo := e.fake.CallsTo("sendPhoto")
	if len(photo) != photos+1 {
		t.Fatalf("no chart")
	}
	if img, err := png.Decode(bytes.NewReader(photo[len(photo)-1].Files["photo"])); err != nil || img.Bounds().Dy() < 1000 {
		t.Errorf("chart: %v", err)
	}
	doc := e.fake.CallsTo("sendDocument")
	csv := string(doc[len(doc)-1].Files["document"])
	has(t, "CSV", csv, "\uFEFFfrom;to;dimension;value;label;count;suppressed;detail\r\n", "2026-07-01;2026-09-30;language;ar;Arabisch;")
	sent := e.fake.CallsTo("sendMessage")
	kb, _ := tgfake.ParseKeyboard(sent[len(sent)-1].Params["reply_markup"])
	if !hasButton(kb, "s:sd:20260701-20260930") {
		t.Fatalf("no button for the CSV per day: %v", kb)
	}
	c.tap(t, report, "s:sd:20260701-20260930", 0) // sends a file; the report stays
	e.fake.WaitFor(t, "sendDocument", docs+2, wait)
	doc = e.fake.CallsTo("sendDocument")
	has(t, "CSV per day", string(doc[len(doc)-1].Files["document"]), "\uFEFFday;dimension;value;label;count;suppressed\r\n", "2026-07-01;conversations;all;")
}
