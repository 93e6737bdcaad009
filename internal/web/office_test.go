package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/stats"
	"github.com/kassel/wegweiser/internal/testharness"
)

// form is mbe-a's form as the page fills it, with changes.
func form(changes map[string]string) url.Values {
	f := url.Values{
		"kind": {"mbe"}, "name": {"MBE Nord"}, "provider": {"Träger A"}, "street": {"Nordstraße 1"}, "postcode": {"34127"},
		"city": {"Kassel"}, "latitude": {"51.33"}, "longitude": {"9.49"}, "phone": {"0561 111111"}, "language": {"de", "ar"},
		"topic": {"residence", "letters"}, "opening_hours": {"Mo,Tu 09:00-12:00; We 14:00-17:00"}, "note": {"Termine nur nach Anruf."},
		"accepting_new_clients": {"true"}, "action": {"save"},
	}
	for k, v := range changes {
		f.Set(k, v)
	}
	return f
}

// TestOfficeFormValidatesLikeTheImport: the form's values are checked by the import's own
// validation (after the bot's reading of hours and websites: see
// TestOfficeFormTakesWhatTheBotTakes): the same wrong values give problems in the same columns
// as a directory file would, each shown at its field, and nothing is saved.
func TestOfficeFormValidatesLikeTheImport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	b.get("/staff/offices/mbe-a")
	bad := map[string]string{"postcode": "3412", "email": "beratung@", "website": "ftp://example.org", "phone": "12",
		"opening_hours": "Mo 9-25", "longitude": "", "name": ""}
	status, body, _ := b.post("/staff/offices/mbe-a", form(bad))
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Nothing was saved") {
		t.Fatalf("invalid values answered %d:\n%s", status, body)
	}
	row := "mbe-a,mbe,,Träger A,Nordstraße 1,3412,Kassel,51.33,,12,beratung@,ftp://example.org,de ar,residence letters,,,Mo 9-25,,true,2026-10-01"
	_, err := directory.ReadCSV(strings.NewReader(directorytest.File(row)))
	var probs directory.Problems
	if !errors.As(err, &probs) {
		t.Fatalf("the import accepted the row: %v", err)
	}
	for _, p := range probs {
		if !strings.Contains(body, `id="e-`+p.Column+`"`) {
			t.Errorf("the import finds a problem in %s (%s), the form shows none there", p.Column, p.Message)
		}
	}
	if n := strings.Count(body, `class="error"`); n != len(probs) {
		t.Errorf("the form shows %d problems, the import finds %d: %v", n, len(probs), probs)
	}
	for _, want := range []string{"a postcode has five digits", "an e-mail address looks like", "latitude and longitude go together", "a value is needed"} {
		if !strings.Contains(body, want) {
			t.Errorf("the form does not explain %q", want)
		}
	}
	o, _ := e.st.Office(context.Background(), "mbe-a")
	if o.Postcode != "34127" || o.Phone != "0561 111111" {
		t.Errorf("an invalid form was saved: %+v", o)
	}
}

// TestOfficeFormChecksThePositionAgainstThePostcode: latitude and longitude swapped (or a
// point far from the office's postcode) are a problem of the latitude, as in an import.
func TestOfficeFormChecksThePositionAgainstThePostcode(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	b.get("/staff/offices/mbe-a")
	status, body, _ := b.post("/staff/offices/mbe-a", form(map[string]string{"latitude": "9.49", "longitude": "51.33"}))
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="e-latitude"`) || !strings.Contains(body, "more than 30 km from the office") {
		t.Fatalf("swapped coordinates answered %d:\n%s", status, body)
	}
	if o, _ := e.st.Office(context.Background(), "mbe-a"); *o.Latitude != 51.33 {
		t.Errorf("swapped coordinates were saved: %v", *o.Latitude)
	}
}

// TestOfficeFormKeepsChangesMadeMeanwhile: a form filled before someone else changed the
// entry (in the bot, a colleague) saves only what its user changed; the same field changed on
// both sides is shown with the value it has now, and nothing is saved until saved again.
func TestOfficeFormKeepsChangesMadeMeanwhile(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	b := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	baseOf := func(body string) string {
		t.Helper()
		m := regexp.MustCompile(`name="base" value="([^"]*)"`).FindStringSubmatch(body)
		if m == nil || m[1] == "" {
			t.Fatalf("the form carries no base:\n%s", body)
		}
		return m[1]
	}
	meanwhile := func(change func(o *directory.Office)) { e.change(t, "mbe-a", change) }
	_, body := b.get("/staff/offices/mbe-a")
	meanwhile(func(o *directory.Office) { o.Phone, o.OpeningHours = "0561 999999", "Mo-Fr 09:00-12:00" })
	f := form(map[string]string{"note": "Bitte vorher anrufen."})
	f.Set("base", baseOf(body))
	if status, _, _ := b.post("/staff/offices/mbe-a", f); status != http.StatusSeeOther {
		t.Fatalf("saving another field answered %d", status)
	}
	if o, _ := e.st.Office(ctx, "mbe-a"); o.Phone != "0561 999999" || o.OpeningHours != "Mo-Fr 09:00-12:00" || o.Note != "Bitte vorher anrufen." {
		t.Errorf("the change made meanwhile was lost: %q %q %q", o.Phone, o.OpeningHours, o.Note)
	}

	_, body = b.get("/staff/offices/mbe-a")
	meanwhile(func(o *directory.Office) { o.Phone = "0561 888888" })
	f = form(map[string]string{"phone": "0561 777777", "note": "Bitte vorher anrufen.", "opening_hours": "Mo-Fr 09:00-12:00"})
	f.Set("base", baseOf(body))
	status, body, _ := b.post("/staff/offices/mbe-a", f)
	if status != http.StatusConflict || !strings.Contains(body, "Someone else changed this meanwhile") || !strings.Contains(body, "0561 888888") || !strings.Contains(body, `value="0561 777777"`) {
		t.Fatalf("the same field changed on both sides answered %d:\n%s", status, body)
	}
	if o, _ := e.st.Office(ctx, "mbe-a"); o.Phone != "0561 888888" {
		t.Errorf("a conflict was saved: %q", o.Phone)
	}
	f.Set("base", baseOf(body))
	if status, _, _ := b.post("/staff/offices/mbe-a", f); status != http.StatusSeeOther {
		t.Fatalf("saving again answered %d", status)
	}
	if o, _ := e.st.Office(ctx, "mbe-a"); o.Phone != "0561 777777" {
		t.Errorf("saved again: %q", o.Phone)
	}
}

// TestOfficeFormKeepsLineBreaks: a note of several lines, as a browser sends it (CRLF), is
// saved with its line breaks (it was refused as a control character).
func TestOfficeFormKeepsLineBreaks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	b.get("/staff/offices/mbe-a")
	if status, body, _ := b.post("/staff/offices/mbe-a", form(map[string]string{"note": "Termine nur nach Anruf.\r\nDienstags offene Sprechstunde."})); status != http.StatusSeeOther {
		t.Fatalf("a note of two lines answered %d:\n%s", status, body)
	}
	if o, _ := e.st.Office(context.Background(), "mbe-a"); o.Note != "Termine nur nach Anruf.\nDienstags offene Sprechstunde." {
		t.Errorf("stored note %q", o.Note)
	}
}

// TestOfficeFormNamesEveryLanguage: the form has a box for every language the bot offers
// counsellors to tick, Farsi beside Dari included, and for the office's other languages, each
// named in the reader's language as the bot names it; no tag is left in the free field.
func TestOfficeFormNamesEveryLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	b.get("/staff/offices/mbe-a")
	langs := form(nil)
	langs["language"] = []string{"de", "fa"}
	langs.Set("languages_more", "it")
	if status, body, _ := b.post("/staff/offices/mbe-a", langs); status != http.StatusSeeOther {
		t.Fatalf("saving languages answered %d:\n%s", status, body)
	}
	_, body := b.get("/staff/offices/mbe-a")
	for _, want := range []string{
		`<input type="checkbox" name="language" value="fa" checked> Farsi</label>`,
		`<input type="checkbox" name="language" value="it" checked> Italian</label>`,
		`<input type="checkbox" name="language" value="fa-AF"> Dari</label>`,
		`<input type="checkbox" name="language" value="ar"> Arabic</label>`,
		`name="languages_more" type="text" value=""`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the form lacks %s", want)
		}
	}
}

// TestOfficeFormSaysHoursInTheReadersLanguage: in German, the hint, the reason a value is
// refused and the change log say opening hours with German day names, as the bot shows them
// to counsellors; the stored form stays the English-coded one.
func TestOfficeFormSaysHoursInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	b.get("/staff/lang?to=de&back=%2Fstaff%2F")
	_, body := b.get("/staff/offices/mbe-a")
	if !strings.Contains(body, "Zum Beispiel Mo-Do 9-12 und 14-16 Uhr; Fr geschlossen.") {
		t.Errorf("the German hint does not say the hours in German:\n%s", body)
	}
	status, body, _ := b.post("/staff/offices/mbe-a", form(map[string]string{"opening_hours": "Mo-Do 9-12 Kaffee"}))
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Bitte schreiben Sie die Öffnungszeiten zum Beispiel so: Mo-Do 9-12 und 14-16 Uhr") {
		t.Errorf("hours refused answered %d without the German reason:\n%s", status, body)
	}
	// saveHours sends the form with hours as typed; they are stored in the English-coded form.
	saveHours := func(typed string) {
		t.Helper()
		if status, body, _ := b.post("/staff/offices/mbe-a", form(map[string]string{"opening_hours": typed})); status != http.StatusSeeOther {
			t.Fatalf("saving hours %q answered %d:\n%s", typed, status, body)
		}
		if o, _ := e.st.Office(context.Background(), "mbe-a"); o.OpeningHours != "Mo-Th 09:00-12:00; Sa off" {
			t.Errorf("hours %q stored as %q", typed, o.OpeningHours)
		}
	}
	b.get("/staff/offices/mbe-a")
	saveHours("Mo-Do 9-12 Uhr; Sa geschlossen")
	// The form shows them as typed in German, and saving it unchanged keeps them.
	_, body = b.get("/staff/offices/mbe-a")
	if !strings.Contains(body, `value="Mo-Do 09:00-12:00; Sa geschlossen"`) {
		t.Errorf("the form does not show the hours in German")
	}
	saveHours("Mo-Do 09:00-12:00; Sa geschlossen")
	_, body = b.get("/staff/audit")
	for _, want := range []string{"Mo–Do", "Sa geschlossen", "Mi"} {
		if !strings.Contains(body, want) {
			t.Errorf("the change log lacks %q", want)
		}
	}
	for _, wrong := range []string{"Mo-Th", "Sa off", "We 14:00"} {
		if strings.Contains(body, wrong) {
			t.Errorf("the change log says %q", wrong)
		}
	}
}

// TestOfficeFormSavesWithAnAuditTrail: a valid form is saved and renews the entry's
// confirmation, as the page says; each changed column is in the audit log under the staff
// member's name, and each changed field counted as an anonymous event by the name the bot
// counts it by (accepting new clients: "accepting"), the confirmation as one.
func TestOfficeFormSavesWithAnAuditTrail(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	m := e.member(t, 1, staff.RoleCounsellor, "mbe-a")
	b := e.signIn(t, m)
	b.get("/staff/offices/mbe-a")
	changed := form(map[string]string{"phone": "0561 123456", "note": "Warteliste bis März.", "accepting_new_clients": "false"})
	changed["language"] = []string{"de", "ar", "fa-AF"}
	changed.Set("languages_more", "it")
	status, _, loc := b.post("/staff/offices/mbe-a", changed)
	if status != http.StatusSeeOther || loc != "/staff/offices/mbe-a?done=saved" {
		t.Fatalf("saving answered %d to %q", status, loc)
	}
	if _, body := b.get(loc); !strings.Contains(body, "Newcomers see the change from now on") {
		t.Errorf("the page does not say it was saved:\n%s", body)
	}
	ctx := context.Background()
	o, err := e.st.Office(ctx, "mbe-a")
	if err != nil {
		t.Fatal(err)
	}
	if o.Phone != "0561 123456" || *o.AcceptingNewClients || !slices.Equal(o.Languages, []string{"de", "ar", "fa-AF", "it"}) {
		t.Errorf("stored %+v", o)
	}
	if today := e.clock(); o.ConfirmedAt == nil || o.ConfirmedAt.Format(time.DateOnly) != today.Format(time.DateOnly) {
		t.Errorf("confirmed %v after the save, want today %s", o.ConfirmedAt, today.Format(time.DateOnly))
	}
	entries, err := e.st.Audit(ctx, "mbe-a", time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, a := range entries {
		if a.Actor == staff.ActorOf(&m).Label {
			fields = append(fields, a.Field)
		}
	}
	if want := []string{"phone", "languages", "note", "accepting_new_clients", "confirmed_at"}; !slices.Equal(fields, want) {
		t.Errorf("audit fields %q, want %q", fields, want)
	}
	f, err := e.st.Figures(ctx, e.clock().AddDate(0, 0, -1), e.clock())
	if err != nil {
		t.Fatal(err)
	}
	if rows := f.Total("office_edited"); len(rows) != 4 || !slices.ContainsFunc(rows, func(r stats.Row) bool { return r.Value == "accepting" }) {
		t.Errorf("edit events %v, want one per changed field, by the bot's names", rows)
	}
	if rows := f.Total("office_confirmed"); len(rows) != 0 {
		t.Errorf("confirmation events %v after a change, want none (the edits count)", rows)
	}
	if status, _, loc := b.post("/staff/offices/mbe-a", changed); status != http.StatusSeeOther || !strings.HasSuffix(loc, "done=unchanged") {
		t.Errorf("saving the same values again answered %d to %q", status, loc)
	}
	if f, _ := e.st.Figures(ctx, e.clock().AddDate(0, 0, -1), e.clock()); len(f.Total("office_confirmed")) != 1 {
		t.Errorf("saving unchanged did not count as a confirmation: %v", f.Total("office_confirmed"))
	}
}

// TestCounsellorCannotChangeKindOrAges: what routes newcomers (kind, ages) is the admin's:
// a counsellor's form shows it read-only, and forged values are ignored.
func TestCounsellorCannotChangeKindOrAges(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	if _, body := c.get("/staff/offices/mbe-a"); !strings.Contains(body, `name="kind" disabled`) || !strings.Contains(body, `name="min_age" type="text" value="" inputmode="numeric" readonly`) {
		t.Errorf("kind and ages are not read-only for a counsellor")
	}
	c.post("/staff/offices/mbe-a", form(map[string]string{"kind": "jmd", "min_age": "12", "max_age": "26", "phone": "0561 555555"}))
	o, _ := e.st.Office(context.Background(), "mbe-a")
	if o.Kind != directory.KindMBE || o.MinAge != nil || o.MaxAge != nil || o.Phone != "0561 555555" {
		t.Errorf("a counsellor changed kind or ages, or the phone was lost: %+v", o)
	}
	a := e.signIn(t, e.member(t, 2, staff.RoleAdmin))
	a.get("/staff/offices/mbe-a")
	a.post("/staff/offices/mbe-a", form(map[string]string{"kind": "jmd", "min_age": "12", "max_age": "26", "phone": "0561 555555"}))
	o, _ = e.st.Office(context.Background(), "mbe-a")
	if o.Kind != directory.KindJMD || o.MinAge == nil || *o.MinAge != 12 {
		t.Errorf("an admin could not change kind and ages: %+v", o)
	}
}

// TestFormKeepsWhatItDoesNotShow: a closure, a waiting time and the notes, which the bot
// edits and the form does not show, stay as they were when the form is saved.
func TestFormKeepsWhatItDoesNotShow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	until, weeks := time.Now().AddDate(0, 1, 0).Truncate(24*time.Hour).UTC(), 4
	o := e.change(t, "mbe-a", func(o *directory.Office) {
		o.ClosedUntil, o.Waiting, o.NoteKeys = &until, &weeks, []string{directory.NoteKeys[0]}
	})
	c := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	c.get("/staff/offices/mbe-a")
	c.post("/staff/offices/mbe-a", form(map[string]string{"phone": "0561 555555"}))
	got, _ := e.st.Office(ctx, "mbe-a")
	if got.Phone != "0561 555555" || got.ClosedUntil == nil || !got.ClosedUntil.Equal(until) || got.Waiting == nil || *got.Waiting != 4 || !slices.Equal(got.NoteKeys, o.NoteKeys) {
		t.Errorf("after saving the form: phone %q, closed until %v, waiting %v, notes %v", got.Phone, got.ClosedUntil, got.Waiting, got.NoteKeys)
	}
}

// TestOfficeFormSetsTheStatus: the form shows and saves a waiting time and a closure still
// to come (the browser's date inputs send YYYY-MM-DD); a closure's first day after its last is
// refused at its field; cleared, the closure ends.
func TestOfficeFormSetsTheStatus(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	b := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	if _, body := b.get("/staff/offices/mbe-a"); !strings.Contains(body, `name="closed_from" type="date"`) || !strings.Contains(body, `name="waiting_weeks"`) {
		t.Fatalf("the form has no status fields:\n%s", body)
	}
	// Dates from today: a closure may end at most a year ahead.
	day := func(days int) string { return time.Now().AddDate(0, 0, days).Format(time.DateOnly) }
	from, until := day(20), day(34)
	set := form(map[string]string{"waiting_weeks": "6", "closed_from": from, "closed_until": until})
	if status, body, _ := b.post("/staff/offices/mbe-a", set); status != http.StatusSeeOther {
		t.Fatalf("saving the status answered %d:\n%s", status, body)
	}
	o, _ := e.st.Office(ctx, "mbe-a")
	if w, ok := o.WaitingWeeks(); !ok || w != 6 || directory.FormatDate(o.ClosedFrom) != from || directory.FormatDate(o.ClosedUntil) != until {
		t.Errorf("stored waiting %v, closure %v to %v", o.Waiting, o.ClosedFrom, o.ClosedUntil)
	}
	if _, body := b.get("/staff/offices/mbe-a"); !strings.Contains(body, `value="`+from+`"`) || !strings.Contains(body, `value="6"`) {
		t.Errorf("the form does not show the stored status:\n%s", body)
	}
	status, body, _ := b.post("/staff/offices/mbe-a", form(map[string]string{"waiting_weeks": "6", "closed_from": day(35), "closed_until": until}))
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="e-closed_from"`) || !strings.Contains(body, "a closure needs a last day") {
		t.Errorf("a closure ending before it begins answered %d:\n%s", status, body)
	}
	// Each wrong status says why (it said "this value is not allowed here"), and a waiting
	// time beside "not taking new clients" is refused, not dropped without a word. A closure
	// ending more than a year ahead is refused as in the bot (it was taken here).
	for _, c := range []struct {
		values map[string]string
		want   string
	}{
		{map[string]string{"waiting_weeks": "53"}, "a whole number of weeks from 1 to 52"},
		{map[string]string{"waiting_weeks": "6-8"}, "a whole number of weeks from 1 to 52"},
		{map[string]string{"closed_from": day(35), "closed_until": ""}, "a closure needs a last day"},
		{map[string]string{"accepting_new_clients": "false", "waiting_weeks": "6"}, "has no waiting time"},
		{map[string]string{"closed_from": day(20), "closed_until": day(400)}, "a closure can last at most one year"},
	} {
		status, body, _ := b.post("/staff/offices/mbe-a", form(c.values))
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) || strings.Contains(body, "not allowed here") {
			t.Errorf("%v answered %d, want %q:\n%s", c.values, status, c.want, body)
		}
	}
	if status, _, _ := b.post("/staff/offices/mbe-a", form(map[string]string{"waiting_weeks": "6", "closed_from": "", "closed_until": ""})); status != http.StatusSeeOther {
		t.Fatalf("clearing the closure answered %d", status)
	}
	if o, _ := e.st.Office(ctx, "mbe-a"); o.ClosedFrom != nil || o.ClosedUntil != nil {
		t.Errorf("the closure was not cleared: %v to %v", o.ClosedFrom, o.ClosedUntil)
	}
}

// TestConfirmUnchangedInOneClick: one POST sets the confirmation date to today, in the audit
// log and the statistics, and the card says so.
func TestConfirmUnchangedInOneClick(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	b.get("/staff/offices/mbe-a")
	status, _, loc := b.post("/staff/offices/mbe-a/confirm", nil)
	if status != http.StatusSeeOther || !strings.HasSuffix(loc, "done=confirmed") {
		t.Fatalf("confirming answered %d to %q", status, loc)
	}
	o, _ := e.st.Office(context.Background(), "mbe-a")
	if o.ConfirmedAt == nil || o.ConfirmedAt.Format(time.DateOnly) != "2026-11-25" {
		t.Errorf("confirmed at %v, want 2026-11-25", o.ConfirmedAt)
	}
	_, body := b.get(loc)
	for _, want := range []string{"confirmed today", "Last confirmed by the office on 25.11.2026", "Confirmed by the office on 25.11.2026"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	f, _ := e.st.Figures(context.Background(), o.ConfirmedAt.AddDate(0, 0, -1), *o.ConfirmedAt)
	if f.Total("office_confirmed") == nil {
		t.Error("the confirmation was not counted")
	}
}

// TestPreviewShowsTheNewcomerCard: the card is rendered by the catalogs as the bot shows it,
// in the language chosen (right to left for Arabic); previewing unsaved values saves nothing.
func TestPreviewShowsTheNewcomerCard(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	_, body := b.get("/staff/offices/mbe-a?preview=ar")
	cat := catalog(t)
	o, _ := e.st.Office(context.Background(), "mbe-a")
	want := cat.Render("ar", dialog.T("office.phone", "Phone", dialog.LTR(o.Phone)))
	if !strings.Contains(body, `lang="ar" dir="rtl"`) || !strings.Contains(body, want) {
		t.Errorf("the Arabic card lacks %q:\n%s", want, body)
	}
	status, body, _ := b.post("/staff/offices/mbe-a", form(map[string]string{"phone": "0561 777777", "action": "preview", "preview_lang": "de"}))
	if status != http.StatusOK || !strings.Contains(body, "not saved yet") || !strings.Contains(body, "0561 777777") || !strings.Contains(body, `lang="de" dir="ltr"`) {
		t.Errorf("the preview answered %d:\n%s", status, body)
	}
	if o, _ := e.st.Office(context.Background(), "mbe-a"); o.Phone != "0561 111111" {
		t.Errorf("a preview saved the phone: %q", o.Phone)
	}
}

// TestWebEditReachesNewcomersAtOnce: a change saved in the form is in the very next
// newcomer's result, through the bot's own runner, with no restart.
func TestWebEditReachesNewcomersAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	runner, cat := testharness.New(t, e.st)
	ctx := context.Background()
	result := func(chat int64) string {
		t.Helper()
		key := runner.Key(chat)
		var text string
		for _, in := range []dialog.Input{
			{Kind: dialog.InputCommand, Text: "start", Arg: "en"},
			{Kind: dialog.InputChoice, Choice: "age:27+"},
			{Kind: dialog.InputChoice, Choice: "topic:residence"},
			{Kind: dialog.InputChoice, Choice: "place:skip"},
		} {
			out, lang, err := runner.Handle(ctx, key, 0, in, staff.Who{TelegramID: chat})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range out.Messages {
				text += cat.RenderMessage(lang, m) + "\n"
			}
		}
		return text
	}
	if before := result(501); !strings.Contains(before, "0561 111111") {
		t.Fatalf("the first result lacks the old phone:\n%s", before)
	}
	b := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	b.get("/staff/offices/mbe-a")
	b.post("/staff/offices/mbe-a", form(map[string]string{"phone": "0561 246810", "note": "Neue Sprechzeiten ab Montag."}))
	after := result(502)
	if !strings.Contains(after, "0561 246810") || !strings.Contains(after, "Neue Sprechzeiten ab Montag.") || strings.Contains(after, "0561 111111") {
		t.Errorf("the next result does not show the web edit:\n%s", after)
	}
}

func catalog(t *testing.T) *i18n.Catalog {
	t.Helper()
	cat := testharness.KasselCatalog(t)
	return cat
}

// TestOfficeFormTakesWhatTheBotTakes: opening hours as people write them and a website
// without https:// are taken as the bot takes them, stored in the directory's form.
func TestOfficeFormTakesWhatTheBotTakes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	b.get("/staff/offices/mbe-a")
	if status, body, _ := b.post("/staff/offices/mbe-a", form(map[string]string{"opening_hours": "Mo-Fr 9-12", "website": "www.example.org"})); status != http.StatusSeeOther {
		t.Fatalf("saving answered %d:\n%s", status, body)
	}
	o, _ := e.st.Office(context.Background(), "mbe-a")
	if o.OpeningHours != "Mo-Fr 09:00-12:00" || o.Website != "https://www.example.org" {
		t.Errorf("stored hours %q, website %q", o.OpeningHours, o.Website)
	}
}

// TestFirstConfirmationAsksToCheckTheNote: the office's first confirmation (one click, or a
// save) of an entry whose note came from public sources asks to check that note, as the bot
// does; a later one does not.
func TestFirstConfirmationAsksToCheckTheNote(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.change(t, "mbe-a", func(o *directory.Office) { o.Note, o.ConfirmedAt = "Telefon aus einer älteren Quelle", nil })
	b := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	b.get("/staff/offices/mbe-a")
	status, _, loc := b.post("/staff/offices/mbe-a/confirm", nil)
	if status != http.StatusSeeOther || !strings.HasSuffix(loc, "done=check_note") {
		t.Fatalf("the first confirmation answered %d to %q", status, loc)
	}
	if _, body := b.get(loc); !strings.Contains(body, "Please check the entry") {
		t.Errorf("the page does not ask to check the note:\n%s", body)
	}
	if _, _, loc := b.post("/staff/offices/mbe-a/confirm", nil); !strings.HasSuffix(loc, "done=confirmed") {
		t.Errorf("a second confirmation went to %q", loc)
	}
}
