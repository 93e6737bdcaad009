package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/web"
)

// TestOversizedBodiesAreRefused: a form's body larger than any form of the console needs is
// refused as too large (413, nothing saved), also at the open sign-in; a directory file over
// the import's limit says that the file is too large, not that the form has expired.
func TestOversizedBodiesAreRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	if status, _ := b.get("/staff/offices/mbe-a"); status != http.StatusOK {
		t.Fatalf("office form: %d", status)
	}
	before, err := e.st.Office(t.Context(), "mbe-a")
	if err != nil {
		t.Fatal(err)
	}
	status, body, _ := b.post("/staff/offices/mbe-a", url.Values{"name": {"Changed"}, "pad": {strings.Repeat("x", 300<<10)}})
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "This request is not valid.") {
		t.Errorf("a 300 KB office form: %d, %q", status, excerpt(body))
	}
	if after, _ := e.st.Office(t.Context(), "mbe-a"); after.Name != before.Name {
		t.Errorf("the office was changed to %q", after.Name)
	}

	login := e.browser(t)
	login.get("/staff/login")
	if status, _, _ := login.post("/staff/login", url.Values{"t": {strings.Repeat("x", 300<<10)}}); status != http.StatusRequestEntityTooLarge {
		t.Errorf("a 300 KB sign-in: %d", status)
	}

	admin := e.signIn(t, e.member(t, 2, staff.RoleAdmin))
	admin.get("/staff/import")
	status, body = admin.upload(strings.Repeat("x", 11<<20), false)
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "The file is too large") {
		t.Errorf("an 11 MB directory file: %d, %q", status, excerpt(body))
	}
}

// excerpt is the start of a page's main text, for messages.
func excerpt(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	return body[:min(len(body), 300)]
}

// TestMalformedParametersAreNotErrors: an office id no office can have (a NUL, bytes that are
// no UTF-8) is a page that does not exist, an office filter of that kind a bad request, and
// a period in year 1 the default period; none reaches the database as an error.
func TestMalformedParametersAreNotErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	for path, want := range map[string]int{
		"/staff/offices/%00":                             http.StatusNotFound,
		"/staff/offices/%ff%fe":                          http.StatusNotFound,
		"/staff/offices/MBE-A":                           http.StatusNotFound,
		"/staff/audit?office=%00":                        http.StatusBadRequest,
		"/staff/audit?office=%ff":                        http.StatusBadRequest,
		"/staff/audit?office=mbe-a":                      http.StatusOK,
		"/staff/stats?from=0001-01-01&to=0001-01-02":     http.StatusOK,
		"/staff/stats.csv?from=9999-01-01&to=9999-01-02": http.StatusOK,
	} {
		if status, body := admin.get(path); status != want {
			t.Errorf("%s: %d, want %d: %q", path, status, want, excerpt(body))
		}
	}
}

// TestSessionsEnd: a session ends after its lifetime however often it is used, and a sign-in
// in a browser that has a session ends that one.
func TestSessionsEnd(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	m := e.member(t, 1, staff.RoleCounsellor, "mbe-a")
	b := e.signIn(t, m)
	for range 2 {
		e.advance(web.SessionLifetime/2 - time.Hour)
		if status, _ := b.get("/staff/offices/mbe-a"); status != http.StatusOK {
			t.Fatalf("a session used within its idle time and lifetime: %d", status)
		}
	}
	e.advance(2*time.Hour + time.Minute) // used 2 hours ago, opened 12 hours ago
	if status, _ := b.get("/staff/offices/mbe-a"); status != http.StatusSeeOther || b.lastLocation != "/staff/login?ended=1" {
		t.Errorf("a session past its lifetime: %d to %q", status, b.lastLocation)
	}

	b = e.signIn(t, m)
	u, _ := url.Parse(e.srv.URL + "/staff/")
	old := b.client.Jar.Cookies(u)
	b.get("/staff/login?t=" + url.QueryEscape(e.link(t, m)))
	if status, _, _ := b.post("/staff/login", url.Values{"t": {b.lastToken}}); status != http.StatusSeeOther {
		t.Fatalf("signing in again: %d", status)
	}
	stale := e.browser(t)
	stale.client.Jar.SetCookies(u, old)
	if status, _ := stale.get("/staff/offices/mbe-a"); status != http.StatusSeeOther || stale.lastLocation != "/staff/login?ended=1" {
		t.Errorf("the session before signing in again in the same browser still works: %d", status)
	}
	if status, _ := b.get("/staff/offices/mbe-a"); status != http.StatusOK {
		t.Errorf("the new session: %d", status)
	}
}

// TestImportStopsListingProblems: a file with a problem on each of its many rows shows the
// first 200 and that the check stopped there, in the reader's language.
func TestImportStopsListingProblems(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	admin.get("/staff/import")
	file := strings.Join(directory.Columns, ",") + "\n" + strings.Repeat("x\n", 5000)
	status, body := admin.upload(file, false)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "the check stopped here after 200 problems") {
		t.Errorf("%d, %q", status, excerpt(body))
	}
	if n := strings.Count(body, "<tr><td>"); n != directory.MaxProblems+1 {
		t.Errorf("%d problem rows, want %d", n, directory.MaxProblems+1)
	}
}

// TestSignInPageNamesTheAccount: the sign-in page says whose account a link opens (a link
// sent by someone else opens theirs), and a used link says at once that it does not work.
func TestSignInPageNamesTheAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	m := e.member(t, 1, staff.RoleCounsellor, "mbe-a")
	link := e.link(t, m)
	b := e.browser(t)
	status, body := b.get("/staff/login?t=" + url.QueryEscape(link))
	if status != http.StatusOK || !strings.Contains(body, "This link is for "+m.Name+" (Counsellor).") {
		t.Errorf("the sign-in page: %d, %q", status, excerpt(body))
	}
	if status, _, _ := b.post("/staff/login", url.Values{"t": {b.lastToken}}); status != http.StatusSeeOther {
		t.Fatalf("signing in: %d", status)
	}
	status, body = e.browser(t).get("/staff/login?t=" + url.QueryEscape(link))
	if status != http.StatusBadRequest || !strings.Contains(body, "This sign-in link does not work") {
		t.Errorf("a used link's page: %d, %q", status, excerpt(body))
	}
}
