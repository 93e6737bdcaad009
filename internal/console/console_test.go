package console

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/testharness"
)

// transcript plays lines into a fresh console and returns everything it printed.
type transcript struct {
	t      *testing.T
	runner *chat.Runner
	cat    *i18n.Catalog
	store  *store.Store
}

func newTranscript(t *testing.T, full bool) *transcript {
	t.Helper()
	csv := ""
	if full {
		csv = directorytest.Sample
	}
	return newTranscriptOf(t, csv)
}

// newTranscriptOf is a transcript over the directory file csv.
func newTranscriptOf(t *testing.T, csv string) *transcript {
	t.Helper()
	st := storetest.New(t, csv)
	runner, cat := testharness.New(t, st)
	return &transcript{t: t, runner: runner, cat: cat, store: st}
}

// play runs the console on the lines (with --lang lang) and checks that want appears in the
// output in this order.
func (tr *transcript) play(lang string, lines []string, want ...string) string {
	tr.t.Helper()
	var out bytes.Buffer
	// Local user 0's key, as `wegweiser console` keys it (and the other side of a hand-over
	// reaches it).
	c := &Console{Runner: tr.runner, Catalog: tr.cat, ChatKey: tr.runner.Key(0), Lang: lang, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := c.Run(context.Background(), strings.NewReader(strings.Join(lines, "\n")), &out); err != nil {
		tr.t.Fatal(err)
	}
	text := out.String()
	rest := text
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			tr.t.Fatalf("the transcript lacks %q (in order) after:\n%s\n\nwhole transcript:\n%s", w, text[:len(text)-len(rest)], text)
		}
		rest = rest[i+len(w):]
	}
	return text
}

func TestTranscriptEnglishAdult(t *testing.T) {
	tr := newTranscript(t, true)
	tr.play("", []string{
		"5",   // another language than the app's
		"2",   // English in the picker
		"abc", // nonsense age
		"-3",  // negative
		"140", // too old
		"34",  // an adult
		"I got a letter and I do not understand it",
		"1",     // skip the location
		"6",     // change an answer (after two map buttons, yes/no and the card)
		"2",     // the topic
		"1",     // residence
		"/help", // a command in between
		"/frobnicate",
		"/restart",
	},
		"Hello! I am Wegweiser", "How old is the person", "[5] 🌐 Other language",
		"Please choose your language", "[2] English", "Good, we continue in English",
		"How old is the person", "did not understand that", "did not understand this age", "did not understand this age",
		"What do you need help with", "I understood: Letters and forms",
		"share your location", "we continue without a location",
		"Your answers: age 34 · Letters and forms", "These 2 counselling offices",
		"1. MBE Nord", "Migrationsberatung für erwachsene Zugewanderte (MBE): counselling for immigrants aged 27",
		"Run by: Träger A", "📍 Nordstraße 1, 34127 Kassel", "📞 0561 111111",
		"🕒 Opening hours: Mon and Tue 09:00–12:00\nWed 14:00–17:00",
		"Languages usually offered: German and Arabic", "Note from the office (in German): Termine nur nach Anruf.",
		"Confirmed by the office on 01.10.2026", "2. MBE Süd", "Not yet confirmed by the office: please call first",
		"online advice is also possible:\n💬 Online counselling for adults", "mbeon", "Did this help you?", "[1] 🗺 1. Träger A on the map",
		"Which answer do you want to change?",
		"What do you need help with",
		"Your answers: age 34 · Residence permit, visa", "1. MBE Nord", "these services can also help", "Ausländerbehörde",
		"110", "116 016",
		"I do not know this command", "What would you like to do now?",
		"How old is the person",
	)
}

func TestTranscriptArabicRightToLeft(t *testing.T) {
	tr := newTranscript(t, true)
	out := tr.play("ar", []string{"٣٤", "1", "1"},
		"Wegweiser", // the welcome, in Arabic
		"[1] ",      // the age buttons
	)
	if !strings.Contains(out, "\u20660561 111111\u2069") {
		t.Errorf("the phone number is not isolated from the Arabic text:\n%s", out)
	}
	if !strings.Contains(withoutIsolates(out), "Migrationsberatung für erwachsene Zugewanderte (MBE)") {
		t.Errorf("the service's German name is missing:\n%s", out)
	}
	if strings.Contains(out, "How old") {
		t.Errorf("English text in an Arabic conversation:\n%s", out)
	}
}

func TestTranscriptPersianDigitsGoToJMD(t *testing.T) {
	tr := newTranscript(t, true)
	out := tr.play("fa-AF", []string{"۲۰", "5", "1"}, "JMD Mitte", "Jugendmigrationsdienst")
	if strings.Contains(out, "MBE Nord") {
		t.Errorf("a 20-year-old with a work question was sent to the MBE:\n%s", out)
	}
}

func TestTranscriptChildWithParent(t *testing.T) {
	tr := newTranscript(t, true)
	tr.play("en", []string{"8", "1", "31", "1", "1"},
		"For a child under 12 there are two kinds of help", "Does the child live with a parent?",
		"How old is the parent?", "What do you need help with", "share your location",
		"Your answers: child 8 · parent 31", "The counselling is for you as the parent", "1. MBE Nord", "Ausländerbehörde", "For matters of the child", "Jugendamt der Stadt Kassel",
	)
}

func TestTranscriptChildAloneGoesToJugendamt(t *testing.T) {
	tr := newTranscript(t, true)
	out := tr.play("en", []string{"1", "2"},
		"Does the child live with a parent?", "looked after by the Jugendamt", "Jugendamt der Stadt Kassel",
	)
	if strings.Contains(out, "What do you need help with") || strings.Contains(out, "MBE Nord") {
		t.Errorf("a child alone was asked for a topic or sent to an adult service:\n%s", out)
	}
}

func TestTranscriptLanguageSwitchAsksAgain(t *testing.T) {
	tr := newTranscript(t, true)
	tr.play("en", []string{"40", "/language", "1"},
		"What do you need help with", "Please choose your language", "Wobei brauchen",
	)
}

func TestTranscriptForgedAndStaleButtons(t *testing.T) {
	tr := newTranscript(t, true)
	tr.play("en", []string{"data:topic:housing", "data:res:map0", "data:lang:xx", "data:" + strings.Repeat("Z", 64), ".", "25"},
		"no longer active", "How old is the person",
		"no longer active", "How old is the person",
		"no longer active", "How old is the person",
		"no longer active", "How old is the person",
		"I can only read text", "How old is the person",
		"What do you need help with",
	)
}

func TestTranscriptNoOfficeNamesOnlineAlternatives(t *testing.T) {
	tr := newTranscript(t, false) // an empty directory
	tr.play("en", []string{"30", "1", "1"},
		"I could not find a suitable counselling office", "You can also get advice online", "mbeon",
	)
}

func TestTranscriptDeleteErases(t *testing.T) {
	tr := newTranscript(t, true)
	tr.play("en", []string{"30", "/delete", "hello"},
		"What do you need help with", "I have deleted everything", "Hello! I am Wegweiser", "How old is the person",
	)
}

// A line longer than the console keeps (pasted by accident) is answered as a long message,
// and the lines after it are read on: it used to end the session.
func TestTranscriptOverlongLineGoesOn(t *testing.T) {
	tr := newTranscript(t, true)
	tr.play("en", []string{strings.Repeat("a", 2*maxLine), "30\r", "/help"},
		"very long", "What do you need help with", "/delete",
	)
}

// A counsellor changes the phone number in the console; the next newcomer sees it at once.
func TestTranscriptCounsellorEditIsVisibleToNewcomers(t *testing.T) {
	tr := newTranscript(t, true)
	code, err := staff.Invite(context.Background(), tr.store, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-a"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tr.play("en", []string{
		"/start staff-" + code,
		"/office",
		"1", // phone
		"call me maybe",
		"0561 777777",
		"1", // save
		"/restart", "40", "1", "1",
	},
		"You are now registered as: Counsellor",
		"MBE Nord", "This is how newcomers see the entry", "[1] Phone",
		"Please type the new phone number", "This is not valid: a phone number has an area code",
		"New value for “Phone”", "0561 777777", "Save it?",
		"Saved. Newcomers see the change", "📞 0561 777777",
		"How old is the person", "1. MBE Nord", "📞 0561 777777",
	)
	entries, err := tr.store.Audit(context.Background(), "mbe-a", time.Time{}, 0)
	phone := slices.IndexFunc(entries, func(e staff.AuditEntry) bool { return e.Field == "phone" && e.New == "0561 777777" })
	if err != nil || phone < 0 || entries[phone].Actor == "import" {
		t.Errorf("audit = %+v, %v", entries, err)
	}
}

// An invitation that is not valid says so, and the conversation goes on: begun, or begun now.
func TestTranscriptInvalidInvitationLeadsOn(t *testing.T) {
	tr := newTranscript(t, true)
	tr.play("", []string{"/start staff-nonsense"}, "Hello! I am Wegweiser", "This invitation code is not valid", "How old is the person")
	tr.play("en", []string{"30", "/start staff-nonsense"}, "What do you need help with", "This invitation code is not valid", "What do you need help with")
}

// To someone who is not staff, staff commands and buttons are like any unknown ones.
func TestTranscriptStaffCommandsForNewcomers(t *testing.T) {
	tr := newTranscript(t, true)
	out := tr.play("en", []string{"/office", "/admin", "data:s:ad:new"},
		"I do not know this command", "I do not know this command", "no longer active",
	)
	if strings.Contains(out, "Administration") || strings.Contains(out, "not allowed") {
		t.Errorf("a newcomer saw the staff side:\n%s", out)
	}
}

// Without --lang, a new console session goes on where the last one stopped.
func TestTranscriptResumesAfterRestart(t *testing.T) {
	tr := newTranscript(t, true)
	tr.play("", []string{"30"}, "Hello! I am Wegweiser", "What do you need help with")
	out := tr.play("", []string{"1"}, "What do you need help with", "share your location")
	if strings.Contains(out, "Hello! I am Wegweiser") {
		t.Errorf("the second session started afresh:\n%s", out)
	}
}

// An under-27 with a housing question: the JMD first, the MBE as a second option (Ukrainian).
func TestTranscriptUkrainianMBEAsSecondOption(t *testing.T) {
	tr := newTranscript(t, true)
	out := tr.play("uk", []string{"20", "8", "1"}, "JMD Mitte", "Jugendmigrationsdienst (JMD)", "MBE Nord", "Migrationsberatung (MBE)")
	if strings.Index(out, "JMD Mitte") > strings.Index(out, "MBE Nord") {
		t.Errorf("the MBE came before the JMD:\n%s", out)
	}
}

// Every office full: still named, with the online alternatives (German).
func TestTranscriptGermanOfficesFull(t *testing.T) {
	tr := newTranscript(t, false)
	csv := directorytest.File(strings.Replace(strings.Split(directorytest.Sample, "\n")[1], ",true,2026-10-01", ",false,2026-10-01", 1))
	offices, err := directory.ReadCSV(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.store.ImportOffices(context.Background(), offices, false); err != nil {
		t.Fatal(err)
	}
	tr.play("de", []string{"45", "1", "1"}, "MBE Nord", "Im Moment sind alle Beratungsstellen voll", "mbeon")
}

// withoutIsolates drops the bidi isolates that keep Latin names apart in right-to-left text.
func withoutIsolates(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '\u2066' && r <= '\u2069' {
			return -1
		}
		return r
	}, s)
}

// TestTranscriptButtonNumberInArabicDigits: a button's number typed in the reader's digits
// taps it, as in ASCII digits (J9: "٢" at the question about a parent became the age 2).
func TestTranscriptButtonNumberInArabicDigits(t *testing.T) {
	tr := newTranscript(t, true)
	out := tr.play("ar", []string{"16", "٢"}, "Jugendamt", "في أي موضوع تحتاج إلى مساعدة")
	if strings.Contains(out, "⁦2⁩ ") || strings.Contains(out, "أقل من ⁦12⁩ سنة هناك") {
		t.Errorf("the button's number was read as an age:\n%s", out)
	}
}
