package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"

	"github.com/kassel/wegweiser/internal/staff"
)

// The cookies. The session cookie holds the session's random id, of which the database keeps
// only a hash; the sign-in cookie ties the sign-in form to the browser that opened it.
const (
	sessionCookie = "wegweiser_session"
	signInCookie  = "wegweiser_signin"
	langCookie    = "wegweiser_lang"
)

// session loads the signed-in account of the request, afresh from the store on every request;
// without one it sends the browser to the sign-in page and returns false.
func (s *Server) session(w http.ResponseWriter, r *http.Request) (*page, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		http.Redirect(w, r, Prefix+"login", http.StatusSeeOther)
		return nil, false
	}
	m, err := s.opts.Store.WebSession(r.Context(), staff.HashCode(c.Value), s.opts.Now(), IdleTimeout, SessionLifetime)
	if errors.Is(err, staff.ErrNoWebSession) {
		s.setCookie(w, sessionCookie, "", -1)
		http.Redirect(w, r, Prefix+"login?ended=1", http.StatusSeeOther)
		return nil, false
	}
	if err != nil {
		s.opts.Log.Error("web: session", "err", err)
		s.fail(w, r, nil, http.StatusInternalServerError, "web.error.internal")
		return nil, false
	}
	p := s.newPage(r)
	p.Member, p.csrf = &m, csrfToken(c.Value)
	return p, true
}

// csrfToken is the CSRF token of the forms of the browser holding secret (the session id,
// or the sign-in cookie): an HMAC of it, so that it needs no storage and is worth nothing
// without the cookie.
func csrfToken(secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("wegweiser csrf"))
	return hex.EncodeToString(m.Sum(nil))
}

// validCSRF reports whether a POST carries the page's CSRF token.
func (p *page) validCSRF(r *http.Request) bool {
	got := r.PostFormValue("csrf")
	return p.csrf != "" && subtle.ConstantTimeCompare([]byte(got), []byte(p.csrf)) == 1
}

// setCookie sets (maxAge 0: for the browser session) or removes (maxAge < 0) a cookie of the
// console: HttpOnly, SameSite=Strict, Secure over https, for /staff/ only.
func (s *Server) setCookie(w http.ResponseWriter, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: Prefix, MaxAge: maxAge,
		HttpOnly: true, Secure: s.opts.Secure, SameSite: http.SameSiteStrictMode})
}

// loginPage shows the sign-in button for the token of a link from the bot (a GET must not use
// the token up: link previews fetch it), or explains how to get a link.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r)
	var secret string
	if c, err := r.Cookie(signInCookie); err == nil && len(c.Value) >= 32 {
		secret = c.Value
	} else {
		secret = staff.NewWebToken()
		s.setCookie(w, signInCookie, secret, 900)
	}
	p.csrf = csrfToken(secret)
	token := strings.TrimSpace(r.URL.Query().Get("t"))
	w.Header().Set("Cache-Control", "no-store")
	var name, role string
	if token != "" {
		// The page names the account the link opens, so that nobody signs in to another's
		// account by a link sent to them; a link that cannot work says so at once.
		m, err := s.opts.Store.PeekWebLogin(r.Context(), staff.HashCode(token), s.opts.Now())
		if errors.Is(err, staff.ErrWebLoginInvalid) {
			s.fail(w, r, p, http.StatusBadRequest, "web.login.invalid")
			return
		}
		if err != nil {
			s.internal(w, r, p, err)
			return
		}
		name, role = m.Name, p.T("staff.role."+string(m.Role))
	}
	p.Data = struct {
		Token, Name, Role string
		Ended             bool
	}{token, name, role, r.URL.Query().Get("ended") != ""}
	s.render(w, p, "login", http.StatusOK)
}

// login redeems a sign-in link's token once, opens a session and goes to the start page.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r)
	if tooLarge(r) {
		s.fail(w, r, p, http.StatusRequestEntityTooLarge, "web.error.bad_request")
		return
	}
	c, err := r.Cookie(signInCookie)
	if err == nil {
		p.csrf = csrfToken(c.Value)
	}
	if err != nil || !p.validCSRF(r) {
		s.fail(w, r, p, http.StatusForbidden, "web.error.csrf")
		return
	}
	token := strings.TrimSpace(r.PostFormValue("t"))
	if token == "" {
		s.fail(w, r, p, http.StatusBadRequest, "web.login.invalid")
		return
	}
	session := staff.NewWebToken()
	_, err = s.opts.Store.RedeemWebLogin(r.Context(), staff.HashCode(token), staff.HashCode(session), s.opts.Now())
	if errors.Is(err, staff.ErrWebLoginInvalid) {
		s.fail(w, r, p, http.StatusBadRequest, "web.login.invalid")
		return
	}
	if err != nil {
		s.opts.Log.Error("web: sign-in", "err", err)
		s.fail(w, r, p, http.StatusInternalServerError, "web.error.internal")
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		// A sign-in in a browser that had a session ends that one: one browser, one session.
		if err := s.opts.Store.EndWebSession(r.Context(), staff.HashCode(c.Value)); err != nil {
			s.opts.Log.Error("web: ending the previous session", "err", err)
		}
	}
	s.setCookie(w, signInCookie, "", -1)
	s.setCookie(w, sessionCookie, session, 0)
	http.Redirect(w, r, Prefix, http.StatusSeeOther)
}

// logout ends the session.
func (s *Server) logout(w http.ResponseWriter, r *http.Request, _ *page) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.opts.Store.EndWebSession(r.Context(), staff.HashCode(c.Value)); err != nil {
			s.opts.Log.Error("web: sign-out", "err", err)
		}
	}
	s.setCookie(w, sessionCookie, "", -1)
	http.Redirect(w, r, Prefix+"login?ended=1", http.StatusSeeOther)
}
