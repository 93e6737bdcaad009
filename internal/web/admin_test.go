package web_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/handover"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/web"
)

// TestOverviewPutsStaleEntriesFirst: entries never confirmed or confirmed more than 90 days
// ago come first, then the others, oldest first; filters by kind
// and topic work; archived offices show only on request. Offices taking no new clients are marked.
func TestOverviewPutsStaleEntriesFirst(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	b.get("/staff/offices/mbe-b")
	b.post("/staff/offices/mbe-b/confirm", nil)                                               // today
	b.post("/staff/offices/jugendamt/archive", nil)                                           // archived
	b.post("/staff/offices/mbe-a", form(map[string]string{"accepting_new_clients": "false"})) // no new clients
	_, body := b.get("/staff/offices")
	order := names(body)
	if want := []string{"Ausländerbehörde", "JMD Mitte", "MBE Nord", "MBE Süd"}; strings.Join(order, "|") != strings.Join(want, "|") {
		t.Errorf("order %q, want %q", order, want)
	}
	if strings.Count(body, "out of date") != 2 || !strings.Contains(body, `<span class="tag warn">not taking new clients</span>`) {
		t.Errorf("stale entries or waiting lists are not marked:\n%s", body)
	}
	// An entry never confirmed says so, and that it is out of date, not "never out of date".
	if !strings.Contains(body, `<td>never confirmed – <span class="tag warn">out of date</span></td>`) {
		t.Errorf("an entry never confirmed does not say so clearly:\n%s", body)
	}
	if _, body := b.get("/staff/offices?kind=mbe"); strings.Join(names(body), "|") != "MBE Nord|MBE Süd" {
		t.Errorf("kind filter: %q", names(body))
	}
	if _, body := b.get("/staff/offices?topic=residence"); strings.Join(names(body), "|") != "Ausländerbehörde|MBE Nord" {
		t.Errorf("topic filter: %q", names(body))
	}
	if _, body := b.get("/staff/offices?archived=1"); !strings.Contains(strings.Join(names(body), "|"), "Jugendamt der Stadt Kassel") {
		t.Errorf("archived offices are not shown on request: %q", names(body))
	}
}

// A date as the log shows it, and as it is stored.
var shownDate, storedDate = regexp.MustCompile(`<td>\x{2066}?\d\d\.\d\d\.\d{4}\x{2069}?</td>`), regexp.MustCompile(`<td>\d{4}-\d\d-\d\d</td>`)

var officeLink = regexp.MustCompile(`<th scope="row"><a href="/staff/offices/[a-z0-9-]+">([^<]+)</a>`)

func names(body string) []string {
	var out []string
	for _, m := range officeLink.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestAuditLogFilters: the log shows changes newest first, by office, field, date and who, in
// words: the office by its name, the field by its label, a date as a date.
func TestAuditLogFilters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	c := e.signIn(t, e.member(t, 2, staff.RoleCounsellor, "mbe-a"))
	c.get("/staff/offices/mbe-a")
	c.post("/staff/offices/mbe-a", form(map[string]string{"phone": "0561 100000"}))
	b.get("/staff/offices/mbe-b")
	b.post("/staff/offices/mbe-b/confirm", nil)
	_, body := b.get("/staff/audit?office=mbe-a&field=phone")
	if !strings.Contains(body, "0561 100000") || strings.Contains(body, `title="confirmed_at"`) ||
		!strings.Contains(body, `<a href="/staff/offices/mbe-a">MBE Nord</a>`) || !strings.Contains(body, `title="phone">Phone</td>`) {
		t.Errorf("office and field filter:\n%s", body)
	}
	_, body = b.get("/staff/audit?actor=" + url.QueryEscape("person admin"))
	if !strings.Contains(body, `title="confirmed_at">Confirmed on</td>`) || strings.Contains(body, "0561 100000") ||
		!shownDate.MatchString(body) || storedDate.MatchString(body) {
		t.Errorf("actor filter:\n%s", body)
	}
	// The log's times are the database's (the real clock).
	_, body = b.get("/staff/audit?since=" + time.Now().AddDate(0, 0, 2).Format(time.DateOnly))
	if !strings.Contains(body, "No changes yet.") {
		t.Errorf("date filter:\n%s", body)
	}
	_, body = b.get("/staff/audit")
	if i, j := strings.Index(body, `title="confirmed_at"`), strings.Index(body, "0561 100000"); i < 0 || j < 0 || i > j {
		t.Errorf("the log is not newest first")
	}
}

// TestAuditLogSaysAHandOverStep: a counsellor taking a request is in the log and the office's
// latest changes as the counsellors were told it, under the field's label, not as the stored
// "taken #1".
func TestAuditLogSaysAHandOverStep(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id, m := e.takenRequest(t)
	want := fmt.Sprintf(`title="handover">Contact request</td><td></td><td>Request #%d (“MBE Nord”) has been taken by Frau Beispiel.</td>`, id)
	if _, body := e.signIn(t, e.member(t, 1, staff.RoleAdmin)).get("/staff/audit?field=handover"); !strings.Contains(body, want) {
		t.Errorf("the audit log does not say the take in words (%s):\n%s", want, body)
	}
	want = fmt.Sprintf(`title="handover">Contact request</td><td>Request #%d (“MBE Nord”) has been taken by Frau Beispiel.</td>`, id)
	if _, body := e.signIn(t, m).get("/staff/offices/mbe-a"); !strings.Contains(body, want) {
		t.Errorf("the office's latest changes do not say the take in words (%s):\n%s", want, body)
	}
}

// The office form's latest changes name the office of a hand-over step as stored, also in a
// preview of an unsaved new name: a request taken under "MBE Nord" does not read as taken at
// the name only previewed.
func TestLatestChangesNameTheStoredOfficeInAPreview(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id, _ := e.takenRequest(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	b.get("/staff/offices/mbe-a")
	_, body, _ := b.post("/staff/offices/mbe-a", form(map[string]string{"name": "MBE Nord Neu", "action": "preview"}))
	want := fmt.Sprintf("Request #%d (“MBE Nord”) has been taken by Frau Beispiel.", id)
	if !strings.Contains(body, want) {
		i := strings.Index(body, "has been taken")
		t.Errorf("the preview's latest changes lack %q: %s", want, body[max(0, i-80):max(i, 0)+40])
	}
}

// takenRequest is a newcomer's request to mbe-a, taken by its counsellor Frau Beispiel (the
// member returned): its id.
func (e *env) takenRequest(t *testing.T) (int64, staff.Member) {
	t.Helper()
	ctx := context.Background()
	th, err := e.st.CreateThread(ctx, handover.NewThread{Office: "mbe-a", ChatKey: "k", Chat: []byte{1}, Request: []byte{2},
		Lang: "ar", AgeBand: "27+", Topic: "housing", At: e.clock()})
	if err != nil {
		t.Fatal(err)
	}
	m := e.member(t, 2, staff.RoleCounsellor, "mbe-a")
	if _, err := e.st.TakeThread(ctx, th.ID, m.ID, "Frau Beispiel", e.clock()); err != nil {
		t.Fatal(err)
	}
	return th.ID, m
}

// upload sends a directory file to the import, as the page's form does.
func (b *browser) upload(file string, replace bool) (int, string) {
	b.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("csrf", b.csrf)
	if replace {
		_ = w.WriteField("replace", "1")
	}
	part, _ := w.CreateFormFile("file", "directory.csv")
	_, _ = part.Write([]byte(file))
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, b.e.srv.URL+"/staff/import", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

var hidden = regexp.MustCompile(`name="(data|digest)" value="([^"]*)"`)

// TestImportShowsProblemsAndChangesBeforeApplying: a file with errors is refused with each
// problem by line and column; a valid one shows what it would change and changes nothing until
// Apply, which applies exactly that, in the audit log as the admin's; applying it twice, or
// after the directory changed, shows the changes afresh instead.
func TestImportShowsProblemsAndChangesBeforeApplying(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.member(t, 1, staff.RoleAdmin)
	b := e.signIn(t, admin)
	b.get("/staff/import")
	bad := directorytest.File(
		"mbe-a,mbe,MBE Nord,Träger A,Nordstraße 1,3412,Kassel,,,0561 111111,,,de,,,,,,,",
		"mbe-x,xyz,MBE X,,,,,,,,,,,,,,,,,",
	)
	status, body := b.upload(bad, false)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "<td>2</td><td><code>postcode</code></td><td>a postcode has five digits") ||
		!strings.Contains(body, "<td>3</td><td><code>kind</code></td>") {
		t.Fatalf("a file with errors answered %d:\n%s", status, body)
	}
	// The kind's problem names the keys a kind may be; the file's own problems (a column
	// unknown or missing, a row with a field too many, an id twice) are explained in the
	// reader's words too, not in the command line's English.
	if !strings.Contains(body, "<td>3</td><td><code>kind</code></td><td>please use one of these keys: jmd mbe service.") {
		t.Errorf("the kind's problem does not name the keys:\n%s", body)
	}
	header, _, _ := strings.Cut(directorytest.File(), "\n")
	status, body = b.upload(strings.Replace(header, ",name,", ",nmae,", 1)+",colour\n", false)
	for _, want := range []string{"<td>1</td><td><code>nmae</code></td><td>this column is unknown: please compare its name with the template.",
		"<td>1</td><td><code>colour</code></td><td>this column is unknown", "<td>1</td><td><code>name</code></td><td>this column is missing."} {
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, want) {
			t.Errorf("a file with a wrong header answered %d without %q:\n%s", status, want, body)
		}
	}
	status, body = b.upload(directorytest.File("mbe-a,mbe,MBE Nord,Träger A,Nordstraße 1,34127,Kassel,,,0561 111111,,,de,,,,,,,,extra"), false)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "<td>2</td><td></td><td>the number of fields in this row (21) does not match the header (20): a separator is missing or one too many.") {
		t.Errorf("a row with a field too many answered %d:\n%s", status, body)
	}
	if status, body := b.upload(directorytest.File(), false); status != http.StatusUnprocessableEntity || !strings.Contains(body, "the file holds no offices") {
		t.Errorf("a file without rows answered %d:\n%s", status, body)
	}
	twice := directorytest.File("mbe-a,mbe,MBE Nord,Träger A,Nordstraße 1,34127,Kassel,,,0561 111111,,,de,,,,,,,",
		"mbe-a,mbe,MBE Nord,Träger A,Nordstraße 1,34127,Kassel,,,0561 111111,,,de,,,,,,,")
	if status, body := b.upload(twice, false); status != http.StatusUnprocessableEntity || !strings.Contains(body, "the id mbe-a is already used on line 2.") {
		t.Errorf("an id twice answered %d:\n%s", status, body)
	}
	// A file saved as Windows-1252 (German Excel's "CSV") is read as such, and the page says
	// so; its problems are listed once each, not its encoding once per line.
	latin1, err := charmap.Windows1252.NewEncoder().String(directorytest.Sample)
	if err != nil {
		t.Fatal(err)
	}
	if status, body := b.upload(latin1, false); status != http.StatusOK || !strings.Contains(body, "it was read as Windows-1252") ||
		!strings.Contains(body, "The file matches the directory") || strings.Contains(body, "--encoding") {
		t.Errorf("a Windows-1252 file answered %d:\n%s", status, body)
	}
	// A refused value is shown, as the command line names it, escaped.
	badValue := directorytest.File("mbe-a,mbe,MBE Nord,Träger A,Nordstraße 1,<b>12345</b>,Kassel,,,0561 111111,,,de,,,,,,,")
	if status, body := b.upload(badValue, false); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "(in the file: “&lt;b&gt;12345&lt;/b&gt;”)") {
		t.Errorf("a bad postcode answered %d without its value:\n%s", status, body)
	}
	// Notes that contradict each other are refused with their reason, in the reader's words.
	opposite := strings.TrimSuffix(directorytest.File(), "\n") + ",closed_until,waiting_weeks,notes\n" +
		"mbe-a,mbe,MBE Nord,Träger A,Nordstraße 1,34127,Kassel,,,0561 111111,,,de,,,,,,,,,,wheelchair stairs_only\n"
	if status, body := b.upload(opposite, false); status != http.StatusUnprocessableEntity || !strings.Contains(body, "<code>notes</code></td><td>two of the notes contradict each other") {
		t.Errorf("contradicting notes answered %d:\n%s", status, body)
	}
	lines := strings.Split(strings.TrimSpace(directorytest.Sample), "\n")
	lines[1] = strings.Replace(lines[1], "0561 111111", "0561 424242", 1)
	lines = append(lines[:5], "mbe-c,mbe,MBE Ost,Träger D,Oststraße 4,34123,Kassel,,,0561 444444,,,de,,,,,,,")
	status, body = b.upload(strings.Join(lines, "\n")+"\n", true)
	if status != http.StatusOK {
		t.Fatalf("a valid file answered %d:\n%s", status, body)
	}
	for _, want := range []string{"MBE Nord <code>mbe-a</code>", "<span class=\"tag\">changed</span>", "<td>0561 111111</td><td>0561 424242</td>",
		"MBE Ost <code>mbe-c</code>", "<span class=\"tag\">new</span>", "Jugendamt der Stadt Kassel <code>jugendamt</code>", "<span class=\"tag\">archived</span>",
		"Unchanged offices: 3"} {
		if !strings.Contains(body, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	ctx := context.Background()
	if o, _ := e.st.Office(ctx, "mbe-a"); o.Phone != "0561 111111" {
		t.Fatal("the check applied the file")
	}
	form := url.Values{"replace": {"1"}}
	for _, m := range hidden.FindAllStringSubmatch(body, -1) {
		form.Set(m[1], strings.ReplaceAll(m[2], "&#43;", "+"))
	}
	status, body, _ = b.post("/staff/import/apply", form)
	if status != http.StatusOK || !strings.Contains(body, "Imported: 1 new, 1 changed, 1 archived.") {
		t.Fatalf("applying answered %d:\n%s", status, body)
	}
	if o, _ := e.st.Office(ctx, "mbe-a"); o.Phone != "0561 424242" {
		t.Error("Apply did not apply the file")
	}
	entries, _ := e.st.Audit(ctx, "mbe-c", time.Time{}, 0)
	if len(entries) == 0 || entries[0].Actor != staff.ActorOf(&admin).Label {
		t.Errorf("the import's audit rows are not the admin's: %+v", entries)
	}
	status, body, _ = b.post("/staff/import/apply", form)
	if status != http.StatusOK || !strings.Contains(body, "has changed since the check") || strings.Contains(body, "Imported:") {
		t.Errorf("applying twice answered %d:\n%s", status, body)
	}
}

var invitationCode = regexp.MustCompile(`start=(staff-[A-Za-z0-9_-]+)`)

// TestInviteAndRevokeStaff: an admin invites a counsellor for an office (a counsellor without
// one is refused), the code works in the bot's redeem, and revoking ends the account's session.
func TestInviteAndRevokeStaff(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.member(t, 1, staff.RoleAdmin)
	b := e.signIn(t, admin)
	b.get("/staff/people")
	if status, body, _ := b.post("/staff/people/invite", url.Values{"role": {"counsellor"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "needs at least one office") {
		t.Errorf("a counsellor without an office answered %d", status)
	}
	status, body, _ := b.post("/staff/people/invite", url.Values{"role": {"counsellor"}, "office": {"mbe-b"}})
	code := invitationCode.FindStringSubmatch(body)
	if status != http.StatusOK || code == nil || !strings.Contains(body, "https://t.me/test_bot?start=staff-") {
		t.Fatalf("the invitation answered %d:\n%s", status, body)
	}
	m, err := e.st.RedeemInvitation(context.Background(), staff.HashCode(strings.TrimPrefix(code[1], staff.InvitePrefix)), 77, "New Counsellor", e.clock())
	if err != nil || m.Role != staff.RoleCounsellor || len(m.Offices) != 1 || m.Offices[0] != "mbe-b" {
		t.Fatalf("redeeming the web invitation: %+v, %v", m, err)
	}
	c := e.signIn(t, m)
	if status, _ := c.get("/staff/offices/mbe-b"); status != http.StatusOK {
		t.Fatalf("the new counsellor cannot open their office: %d", status)
	}
	// Revoking asks first, as the bot does: a page that names the account, with a button to
	// revoke it and a way back; a request without that confirmation revokes nothing.
	revoke := "/staff/people/" + strconv.FormatInt(m.ID, 10) + "/revoke"
	if _, body := b.get("/staff/people"); !strings.Contains(body, `href="`+revoke+`"`) {
		t.Errorf("the staff page does not lead to the revocation:\n%s", body)
	}
	for name, ask := range map[string]func() (int, string){
		"the link":                  func() (int, string) { return b.get(revoke) },
		"a post without confirming": func() (int, string) { s, body, _ := b.post(revoke, nil); return s, body },
	} {
		status, body := ask()
		want := fmt.Sprintf("Revoke account #%d? Its owner loses access at once.", m.ID)
		if status != http.StatusOK || !strings.Contains(body, want) || !strings.Contains(body, "New Counsellor") ||
			!strings.Contains(body, `name="confirm"`) || !strings.Contains(body, `href="/staff/people" id="cancel"`) {
			t.Errorf("%s answered %d without asking:\n%s", name, status, body)
		}
		if status, _ := c.get("/staff/offices/mbe-b"); status != http.StatusOK {
			t.Fatalf("%s revoked the account: %d", name, status)
		}
	}
	status, _, loc := b.post(revoke, url.Values{"confirm": {"1"}})
	if status != http.StatusSeeOther || loc != "/staff/people?done=revoked" {
		t.Fatalf("revoking answered %d to %q", status, loc)
	}
	if status, _ := c.get("/staff/offices/mbe-b"); status != http.StatusSeeOther {
		t.Errorf("the revoked counsellor's session still answered %d", status)
	}
	if _, body := b.get(loc); !strings.Contains(body, "revoked on") || !strings.Contains(body, "The account is revoked") {
		t.Errorf("the staff page does not show the revocation:\n%s", body)
	}
	// The audit log says who let whom in, and who ended it, in words, under the staff page.
	_, body = b.get("/staff/audit?field=account")
	account := fmt.Sprintf("#%d New Counsellor (Counsellor: mbe-b)", m.ID)
	for _, want := range []string{
		`<td><a href="/staff/people">Staff accounts</a></td><td title="account">Staff account</td><td>` + account + `</td><td></td><td>` + staff.ActorOf(&admin).Label + `</td>`,
		`<td title="account">Staff account</td><td></td><td>` + account + `</td><td>` + staff.ActorOf(&m).Label + `</td>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit log lacks %s:\n%s", want, body)
		}
	}
	if _, body = b.get("/staff/audit?field=invitation"); !strings.Contains(body, `<td title="invitation">Invitation</td><td></td><td>Counsellor: mbe-b</td><td>`+staff.ActorOf(&admin).Label+`</td>`) {
		t.Errorf("the audit log does not name who made the invitation:\n%s", body)
	}
	// The service area's changes stand under its name, with no link (it has no page).
	if _, err := e.st.SetArea(context.Background(), staff.ImportActor, area.Area{Name: "Musterstadt", Latitude: 51.53, Longitude: 9.93, State: "NI", RadiusKm: 15}); err != nil {
		t.Fatal(err)
	}
	if _, body = b.get("/staff/audit?field=radius_km"); !strings.Contains(body, `<td>Service area</td><td title="radius_km">Radius (km)</td>`) {
		t.Errorf("the audit log does not name the service area:\n%s", body)
	}
}

// TestInvitationWithoutTheBotsName: when the bot's username is not known (the console, getMe
// failed), the invitation gives the code to send the bot, never an empty or made-up link.
func TestInvitationWithoutTheBotsName(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.srv.Close()
	e.srv = httptest.NewServer(e.console(t, web.Options{InviteLink: func(string) string { return "" }}))
	t.Cleanup(e.srv.Close)
	b := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	b.get("/staff/people")
	status, body, _ := b.post("/staff/people/invite", url.Values{"role": {"counsellor"}, "office": {"mbe-b"}})
	if status != http.StatusOK || !strings.Contains(body, "/start staff-") || !strings.Contains(body, "name is not known") || strings.Contains(body, "Send this link") {
		t.Fatalf("the invitation answered %d:\n%s", status, body)
	}
}

// TestArchiveButtonSaysWhatItWants: "Archive" pressed on a page shown before the office was
// archived elsewhere (another tab, another admin) leaves it archived; it used to restore it.
func TestArchiveButtonSaysWhatItWants(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	if _, body := b.get("/staff/offices/mbe-b"); !strings.Contains(body, `name="archived" value="1"`) {
		t.Fatalf("the archive button does not say what it asks for:\n%s", body)
	}
	for i := range 2 { // the same press twice: the second from the page shown before the first
		if status, _, loc := b.post("/staff/offices/mbe-b/archive", url.Values{"archived": {"1"}}); status != http.StatusSeeOther || !strings.HasSuffix(loc, "done=archived") {
			t.Fatalf("press %d answered %d to %q", i+1, status, loc)
		}
		if o, _ := e.st.Office(context.Background(), "mbe-b"); !o.Archived {
			t.Fatalf("after press %d the office is not archived", i+1)
		}
	}
	if status, _, loc := b.post("/staff/offices/mbe-b/archive", url.Values{"archived": {"0"}}); status != http.StatusSeeOther || !strings.HasSuffix(loc, "done=restored") {
		t.Fatalf("restoring answered %d to %q", status, loc)
	}
	if o, _ := e.st.Office(context.Background(), "mbe-b"); o.Archived {
		t.Error("the office was not restored")
	}
}

// TestOverviewMarksAWaitingList: an office taking new clients with a waiting list says so in
// the overview, as newcomers read it.
func TestOverviewMarksAWaitingList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	b.get("/staff/offices/mbe-a")
	if status, body, _ := b.post("/staff/offices/mbe-a", form(map[string]string{"waiting_weeks": "6"})); status != http.StatusSeeOther {
		t.Fatalf("saving answered %d:\n%s", status, body)
	}
	if _, body := b.get("/staff/offices"); !strings.Contains(body, `<span class="tag warn">⏳ Waiting list: about 6 weeks until a first appointment.</span>`) {
		t.Errorf("a waiting list is not marked:\n%s", body)
	}
}

// TestOpenInvitationsAreListedAndWithdrawn: the staff page lists the invitations neither used
// nor expired, with their role and offices, and withdrawing one makes its code unusable.
func TestOpenInvitationsAreListedAndWithdrawn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	if _, body := b.get("/staff/people"); !strings.Contains(body, "No open invitations.") {
		t.Errorf("the page does not say there are no open invitations:\n%s", body)
	}
	_, body, _ := b.post("/staff/people/invite", url.Values{"role": {"counsellor"}, "office": {"mbe-b"}})
	code := invitationCode.FindStringSubmatch(body)
	if code == nil {
		t.Fatalf("no invitation:\n%s", body)
	}
	_, body = b.get("/staff/people")
	withdraw := regexp.MustCompile(`action="(/staff/people/invitations/[0-9a-f]+/withdraw)"`).FindStringSubmatch(body)
	if !strings.Contains(body, "Open invitations") || withdraw == nil || !strings.Contains(body, "<td>Counsellor</td><td>Träger B · MBE Süd</td>") {
		t.Fatalf("the open invitation is not listed with a way to withdraw it:\n%s", body)
	}
	status, _, loc := b.post(withdraw[1], nil)
	if status != http.StatusSeeOther || loc != "/staff/people?done=withdrawn" {
		t.Fatalf("withdrawing answered %d to %q", status, loc)
	}
	if _, body := b.get(loc); !strings.Contains(body, "The invitation is withdrawn") || !strings.Contains(body, "No open invitations.") {
		t.Errorf("the page does not show the withdrawal:\n%s", body)
	}
	hash := staff.HashCode(strings.TrimPrefix(code[1], staff.InvitePrefix))
	if _, err := e.st.RedeemInvitation(context.Background(), hash, 78, "Too Late", e.clock()); !errors.Is(err, staff.ErrCodeUnknown) {
		t.Errorf("a withdrawn invitation redeemed: %v", err)
	}
	if status, _, _ := b.post(withdraw[1], nil); status != http.StatusNotFound {
		t.Errorf("withdrawing twice answered %d", status)
	}
}

// TestAdminCannotRevokeThemselves: an admin's own account is revoked by another admin, as in
// the bot; the web page offers no button for it and refuses a forged request.
func TestAdminCannotRevokeThemselves(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.member(t, 1, staff.RoleAdmin)
	b := e.signIn(t, admin)
	_, body := b.get("/staff/people")
	if strings.Contains(body, "/staff/people/"+strconv.FormatInt(admin.ID, 10)+"/revoke") {
		t.Errorf("the page offers the admin to revoke their own account:\n%s", body)
	}
	if status, _, _ := b.post("/staff/people/"+strconv.FormatInt(admin.ID, 10)+"/revoke", nil); status != http.StatusForbidden {
		t.Errorf("revoking one's own account answered %d", status)
	}
	if status, _ := b.get("/staff/people"); status != http.StatusOK {
		t.Errorf("the admin lost access: %d", status)
	}
}
