package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/web"
)

// TestSignInLinkWorksOnceForTenMinutes: opening a link shows a button and uses nothing up
// (link previews fetch it); the button opens a session once; a second use, a link older than
// 10 minutes and a made-up token are refused.
func TestSignInLinkWorksOnceForTenMinutes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	m := e.member(t, 1, staff.RoleAdmin)
	token := e.link(t, m)

	b := e.browser(t)
	for range 2 { // a link preview, then the person
		if status, body := b.get("/staff/login?t=" + url.QueryEscape(token)); status != http.StatusOK || !strings.Contains(body, `id="signin"`) {
			t.Fatalf("the link's page answered %d:\n%s", status, body)
		}
	}
	if status, _, loc := b.post("/staff/login", url.Values{"t": {token}}); status != http.StatusSeeOther || loc != "/staff/" {
		t.Fatalf("signing in answered %d to %q", status, loc)
	}
	if status, body := b.get("/staff/"); status != http.StatusOK || !strings.Contains(body, "Hello, Person admin!") {
		t.Fatalf("the start page answered %d:\n%s", status, body)
	}

	again := e.browser(t)
	if status, body := again.get("/staff/login?t=" + url.QueryEscape(token)); status != http.StatusBadRequest || !strings.Contains(body, "works once, for 10 minutes") {
		t.Errorf("a used link's page answered %d:\n%s", status, body)
	}
	// The form of a link that works, to post the used one with (as a page opened before the
	// link was used would).
	again.get("/staff/login?t=" + url.QueryEscape(e.link(t, m)))
	if status, body, _ := again.post("/staff/login", url.Values{"t": {token}}); status != http.StatusBadRequest || !strings.Contains(body, "works once, for 10 minutes") {
		t.Errorf("a used link answered %d:\n%s", status, body)
	}
	late := e.link(t, m)
	e.advance(staff.WebLoginTTL + time.Second)
	if status, _, _ := again.post("/staff/login", url.Values{"t": {late}}); status != http.StatusBadRequest {
		t.Errorf("a link older than 10 minutes answered %d", status)
	}
	if status, _, _ := again.post("/staff/login", url.Values{"t": {staff.NewWebToken()}}); status != http.StatusBadRequest {
		t.Errorf("a made-up token answered %d", status)
	}
	if status, _ := again.get("/staff/"); status != http.StatusSeeOther {
		t.Errorf("a browser without a session got the start page: %d", status)
	}
}

// TestSessionsEndWhenIdleOrRevoked: a session used within 8 hours goes on; after 8 idle
// hours, or at once when its account is revoked, requests go to the sign-in page (its
// lifetime: TestSessionsEnd).
func TestSessionsEndWhenIdleOrRevoked(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.member(t, 1, staff.RoleAdmin)
	counsellor := e.member(t, 2, staff.RoleCounsellor, "mbe-a")
	b := e.signIn(t, admin)
	e.advance(web.IdleTimeout - 3*time.Hour)
	if status, _ := b.get("/staff/"); status != http.StatusOK {
		t.Fatalf("a session used within 8 hours ended: %d", status)
	}
	e.advance(web.IdleTimeout - 3*time.Hour) // counted from the last use: 10 hours since the sign-in
	if status, _ := b.get("/staff/"); status != http.StatusOK {
		t.Fatalf("the idle time was not counted from the last use: %d", status)
	}
	e.advance(web.IdleTimeout + time.Second)
	if status, _ := b.get("/staff/"); status != http.StatusSeeOther || b.lastLocation != "/staff/login?ended=1" {
		t.Errorf("a session idle for over 8 hours answered %d to %q", status, b.lastLocation)
	}

	c := e.signIn(t, counsellor)
	if status, _ := c.get("/staff/offices/mbe-a"); status != http.StatusOK {
		t.Fatalf("the counsellor's form answered %d", status)
	}
	if err := e.st.RevokeStaff(context.Background(), staff.Actor{}, counsellor.ID); err != nil {
		t.Fatal(err)
	}
	if status, _ := c.get("/staff/offices/mbe-a"); status != http.StatusSeeOther {
		t.Errorf("a revoked account's session still answered %d", status)
	}
	if status, _, _ := c.post("/staff/offices/mbe-a/confirm", nil); status != http.StatusSeeOther {
		t.Errorf("a revoked account could still post: %d", status)
	}
	fresh := e.browser(t)
	revokedLink := e.link(t, counsellor)
	if status, _ := fresh.get("/staff/login?t=" + url.QueryEscape(revokedLink)); status != http.StatusBadRequest {
		t.Errorf("a revoked account's link showed the sign-in button: %d", status)
	}
	fresh.get("/staff/login?t=" + url.QueryEscape(e.link(t, e.member(t, 9, staff.RoleStatistics))))
	if status, _, _ := fresh.post("/staff/login", url.Values{"t": {revokedLink}}); status != http.StatusBadRequest {
		t.Errorf("a revoked account's link opened a session: %d", status)
	}
}

// TestSignOutEndsTheSession: after signing out, the old cookie opens nothing.
func TestSignOutEndsTheSession(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleStatistics))
	u, _ := url.Parse(e.srv.URL + "/staff/")
	cookies := b.client.Jar.Cookies(u)
	b.get("/staff/")
	if status, _, loc := b.post("/staff/logout", nil); status != http.StatusSeeOther || loc != "/staff/login?ended=1" {
		t.Fatalf("signing out answered %d to %q", status, loc)
	}
	replay := e.browser(t)
	replay.client.Jar.SetCookies(u, cookies)
	if status, _ := replay.get("/staff/stats"); status != http.StatusSeeOther {
		t.Errorf("the cookie of a signed-out session still answered %d", status)
	}
}

// TestFormsNeedTheirToken: a POST without the session's CSRF token, with another session's,
// or marked by the browser as sent from another site changes nothing.
func TestFormsNeedTheirToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	other := e.signIn(t, e.member(t, 2, staff.RoleAdmin))
	admin.get("/staff/offices/mbe-a")
	other.get("/staff/offices/mbe-a")
	for name, token := range map[string]string{"none": "", "another session's": other.csrf} {
		if status, _, _ := admin.post("/staff/offices/mbe-a/confirm", url.Values{"csrf": {token}}); status != http.StatusForbidden {
			t.Errorf("a POST with %s token answered %d", name, status)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/staff/offices/mbe-a/confirm", strings.NewReader("csrf="+admin.csrf))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if status, _ := admin.do(req); status != http.StatusForbidden {
		t.Errorf("a cross-site POST answered %d", status)
	}
	o, err := e.st.Office(context.Background(), "mbe-a")
	if err != nil {
		t.Fatal(err)
	}
	if o.ConfirmedAt.Format(time.DateOnly) != "2026-10-01" {
		t.Errorf("a refused POST confirmed the office: %v", o.ConfirmedAt)
	}
	// Signing in needs the token of the sign-in page too (no login CSRF).
	b := e.browser(t)
	b.get("/staff/login?t=x")
	if status, _, _ := b.post("/staff/login", url.Values{"t": {e.link(t, e.member(t, 3, staff.RoleAdmin))}, "csrf": {"forged"}}); status != http.StatusForbidden {
		t.Errorf("a sign-in without the page's token answered %d", status)
	}
}

// TestSecurityHeadersAndCookies: every answer forbids inline script and framing; the session
// cookie is HttpOnly and SameSite=Strict, and Secure over https.
func TestSecurityHeadersAndCookies(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	m := e.member(t, 1, staff.RoleAdmin)
	b := e.browser(t)
	for _, path := range []string{"/staff/login", "/staff/nowhere", "/staff/"} {
		b.get(path)
		csp := b.lastHeader.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "script-src") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if b.lastHeader.Get("X-Frame-Options") != "DENY" || b.lastHeader.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", path, b.lastHeader)
		}
	}
	for _, secure := range []bool{false, true} {
		other := &env{st: e.st, now: e.clock()}
		other.srv = httptest.NewServer(other.console(t, web.Options{Secure: secure}))
		b := other.browser(t)
		b.get("/staff/login?t=" + url.QueryEscape(e.link(t, m)))
		b.post("/staff/login", url.Values{"t": {b.lastToken}})
		var session *http.Cookie
		for _, line := range b.lastHeader.Values("Set-Cookie") {
			if c, err := http.ParseSetCookie(line); err == nil && c.Name == "wegweiser_session" && c.Value != "" {
				session = c
			}
		}
		if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteStrictMode || session.Secure != secure || session.Path != "/staff/" {
			t.Errorf("secure %v: session cookie %+v", secure, session)
		}
		other.srv.Close()
	}
}
