package staff_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
)

// A counsellor's typed value goes through the same check as a newcomer's text: not UTF-8,
// control characters and too long text are refused in their language, and asked again.
func TestTypedValuesAreCheckedLikeNewcomersText(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.member(t, 2, staff.RoleAdmin)
	f.do(t, 1, command("office"))
	f.do(t, 1, tap("s:e:note"))
	for _, c := range []struct{ name, text, want string }{
		{"not UTF-8", "Termine nur nach Absprache \xe4", "unreadable"},
		{"a control character", "Closed\x1b[31m in August", "unreadable"},
		{"too long", strings.Repeat("ä", 501), "too_long"},
	} {
		ids, _ := f.do(t, 1, typed(c.text))
		if !contains(ids, c.want) || !contains(ids, "staff.ask.note") || contains(ids, "staff.preview") {
			t.Errorf("%s said %v, want %s and the question again", c.name, ids, c.want)
		}
	}
	// A tab passes the check, and the note's own rule (one of the directory file's) refuses it.
	if ids, _ := f.do(t, 1, typed("first\tsecond")); !contains(ids, "staff.invalid") || contains(ids, "unreadable") {
		t.Errorf("a note with a tab said %v, want staff.invalid", ids)
	}
	if ids, _ := f.do(t, 1, typed("Two lines:\nfirst, then second")); !contains(ids, "staff.preview") {
		t.Errorf("a note with a line break said %v, want a preview", ids)
	}
	f.do(t, 2, command("admin"))
	f.do(t, 2, tap("s:ad:new"))
	f.do(t, 2, tap("s:nk:mbe"))
	if ids, _ := f.do(t, 2, typed("MBE\x00 Nord")); !contains(ids, "unreadable") || !contains(ids, "staff.ask.name") {
		t.Errorf("a new office's name with a NUL said %v", ids)
	}
}

// A note typed in the bot that a spreadsheet would run is stored as typed and exported as text.
func TestTypedFormulaNoteIsExportedAsText(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.do(t, 1, command("office"))
	f.do(t, 1, tap("s:e:note"))
	const formula = `=HYPERLINK("http://evil.example/","Termin buchen")`
	if ids, _ := f.do(t, 1, typed(formula)); !contains(ids, "staff.preview") {
		t.Fatalf("the note said %v", ids)
	}
	if ids, _ := f.do(t, 1, tap("s:save")); !contains(ids, "staff.saved") {
		t.Fatalf("saving said %v", ids)
	}
	offices, err := f.st.Offices(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := directory.WriteCSV(&buf, offices); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"'=HYPERLINK(""http://evil.example/"",""Termin buchen"")"`) {
		t.Errorf("the export does not neutralise the note:\n%s", buf.String())
	}
	again, err := directory.ReadCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range again {
		if o.ID == "office-a" && o.Note != formula {
			t.Errorf("the note reads back as %q", o.Note)
		}
	}
}

// An older preview's Save, tapped after another field was opened (or another value typed),
// saves nothing: it names its own field and value, and says it is stale.
func TestOldSaveButtonSavesNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.do(t, 1, command("office"))
	f.do(t, 1, tap("s:e:hours"))
	f.do(t, 1, typed("Mo-Fr 09:00-12:00"))
	f.do(t, 1, tap("s:save"))
	before, err := f.st.Office(ctx, "office-a")
	if err != nil || before.OpeningHours == "" {
		t.Fatalf("hours not set up: %q, %v", before.OpeningHours, err)
	}
	f.do(t, 1, tap("s:e:phone"))
	f.do(t, 1, typed("0561 999999"))
	m, err := f.st.StaffByTelegramID(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	phoneSave := staff.SaveData(&m)
	f.do(t, 1, command("office"))
	f.do(t, 1, tap("s:e:hours"))
	if ids, _ := f.do(t, 1, tap(phoneSave)); !contains(ids, "stale") || contains(ids, "staff.saved") {
		t.Errorf("the phone's old Save during the hours said %v", ids)
	}
	f.do(t, 1, typed("Mo-Fr 10:00-12:00"))
	if ids, _ := f.do(t, 1, tap(phoneSave)); !contains(ids, "stale") {
		t.Errorf("the phone's old Save under a new hours preview said %v", ids)
	}
	after, _ := f.st.Office(ctx, "office-a")
	if after.OpeningHours != before.OpeningHours || after.Phone != before.Phone {
		t.Errorf("hours %q → %q, phone %q → %q: an old Save changed them", before.OpeningHours, after.OpeningHours, before.Phone, after.Phone)
	}
}

// A sticker or a photo while a value is asked for gets the question again, not the newcomers'
// answer to such a message.
func TestStickerWhileEditingAsksAgain(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.do(t, 1, command("office"))
	f.do(t, 1, tap("s:e:phone"))
	for _, in := range []dialog.Input{{Kind: dialog.InputUnsupported}, {Kind: dialog.InputFile, File: &dialog.Attachment{Ref: "f", Photo: true}}} {
		ids, handled := f.do(t, 1, in)
		if !handled || !contains(ids, "staff.ask.phone") {
			t.Errorf("%v while editing the phone: handled %v, said %v", in.Kind, handled, ids)
		}
	}
}
