package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/testharness"
	"github.com/kassel/wegweiser/internal/web"
)

// env is a console on a fresh database holding the sample directory (directorytest.Sample:
// mbe-a, mbe-b, jmd-a and two services), with a clock the test moves.
type env struct {
	st  *store.Store
	srv *httptest.Server
	mu  sync.Mutex
	now time.Time
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{st: storetest.New(t, directorytest.Sample), now: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
	e.srv = httptest.NewServer(e.console(t, web.Options{}))
	t.Cleanup(e.srv.Close)
	return e
}

// console builds the console on the env's store and clock, with o's other settings.
func (e *env) console(t testing.TB, o web.Options) http.Handler {
	t.Helper()
	o.Store, o.Catalog, o.Now = e.st, testharness.KasselCatalog(t), e.clock
	o.Languages = []string{"de", "en", "ar", "fa-AF"}
	if o.InviteLink == nil {
		o.InviteLink = func(p string) string { return "https://t.me/test_bot?start=" + p }
	}
	o.Near = testharness.Postcodes(t).Centre
	w, err := web.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func (e *env) clock() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.now
}

// advance moves the clock.
func (e *env) advance(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.now = e.now.Add(d)
}

// member makes a staff account through an invitation, as in real use.
func (e *env) member(t testing.TB, telegramID int64, role staff.Role, offices ...string) staff.Member {
	t.Helper()
	ctx := context.Background()
	code, err := staff.Invite(ctx, e.st, staff.Invitation{Role: role, Offices: offices}, e.clock())
	if err != nil {
		t.Fatal(err)
	}
	m, err := e.st.RedeemInvitation(ctx, staff.HashCode(code), telegramID, "Person "+string(role), e.clock())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// link issues a sign-in token for m, as /web in the bot does.
func (e *env) link(t testing.TB, m staff.Member) string {
	t.Helper()
	token, err := staff.IssueWebLogin(context.Background(), e.st, m.ID, e.clock())
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// browser is a client with its own cookies that does not follow redirects, so that tests see
// them. Its language is English unless a test asks otherwise.
type browser struct {
	t      testing.TB
	e      *env
	client *http.Client
	csrf   string // the form token of the last page that had one
	// Of the last answer: the sign-in token in its form, its headers and its redirect.
	lastToken    string
	lastHeader   http.Header
	lastLocation string
}

func (e *env) browser(t testing.TB) *browser {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, e: e, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// signIn opens a session for m through a sign-in link.
func (e *env) signIn(t testing.TB, m staff.Member) *browser {
	t.Helper()
	b := e.browser(t)
	b.get("/staff/login?t=" + url.QueryEscape(e.link(t, m)))
	if status, _, loc := b.post("/staff/login", url.Values{"t": {b.lastToken}}); status != http.StatusSeeOther || loc != "/staff/" {
		t.Fatalf("sign-in answered %d to %q", status, loc)
	}
	return b
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
var tokenField = regexp.MustCompile(`name="t" value="([^"]*)"`)

// get fetches a page and returns its status and body.
func (b *browser) get(path string) (int, string) {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.e.srv.URL+path, nil)
	req.Header.Set("Accept-Language", "en")
	return b.do(req)
}

func (b *browser) do(req *http.Request) (int, string) {
	b.t.Helper()
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	b.lastHeader, b.lastLocation = resp.Header, resp.Header.Get("Location")
	if m := csrfField.FindStringSubmatch(string(body)); m != nil {
		b.csrf = m[1]
	}
	if m := tokenField.FindStringSubmatch(string(body)); m != nil {
		b.lastToken = m[1]
	}
	return resp.StatusCode, string(body)
}

// post sends a form with the CSRF token of the last page (unless the form has its own) and
// returns the status, the body and where it redirects.
func (b *browser) post(path string, form url.Values) (int, string, string) {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", b.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, b.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept-Language", "en")
	status, body := b.do(req)
	return status, body, b.lastLocation
}

// change changes an office as the bot or the city's team would (not through the console) and
// returns it as stored.
func (e *env) change(t testing.TB, id string, f func(o *directory.Office)) directory.Office {
	t.Helper()
	ctx := context.Background()
	o, err := e.st.Office(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	f(&o)
	if _, err := e.st.UpdateOffice(ctx, staff.Actor{Label: "elsewhere"}, o); err != nil {
		t.Fatal(err)
	}
	return o
}
