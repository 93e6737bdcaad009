package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/language"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/staff"
)

// Languages are the console's languages, the staff's: German and English.
var Languages = []string{"de", "en"}

var langMatcher = language.NewMatcher([]language.Tag{language.German, language.English})

// page is what every template gets: the reader's language, the signed-in account, the form
// token and the page's own data.
type page struct {
	s      *Server
	Lang   string
	Member *staff.Member // nil on the sign-in and error pages without a session
	Path   string        // the request's path and query, for the language switch
	Flash  string        // a message id saying what was just done, from ?done=
	Data   any
	csrf   string
}

// newPage starts the page of a request: its language from the cookie or the browser.
func (s *Server) newPage(r *http.Request) *page {
	p := &page{s: s, Lang: "en", Path: r.URL.RequestURI()}
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == "de" || c.Value == "en") {
		p.Lang = c.Value
	} else {
		tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
		if _, i, conf := langMatcher.Match(tags...); conf != language.No && i == 0 {
			p.Lang = "de"
		}
	}
	if done := r.URL.Query().Get("done"); flashes[done] != "" {
		p.Flash = flashes[done]
	}
	return p
}

// flashes are the messages ?done= may ask for, after a form was sent (post, redirect, get).
var flashes = map[string]string{
	"saved": "staff.saved", "unchanged": "staff.unchanged", "confirmed": "web.office.confirmed",
	"archived": "web.office.archived", "restored": "web.office.restored", "revoked": "web.people.revoked", "withdrawn": "web.people.withdrawn",
	"check_note": "web.office.check_note",
}

// T renders a catalog message in the page's language.
func (p *page) T(id string, kv ...any) string {
	return p.s.opts.Catalog.Render(p.Lang, dialog.T(id, kv...))
}

// Text renders a text in the page's language.
func (p *page) Text(t dialog.Text) string { return p.s.opts.Catalog.Render(p.Lang, t) }

// CSRF is the token every form carries.
func (p *page) CSRF() string { return p.csrf }

// Can reports whether the signed-in account may do action (for the navigation).
func (p *page) Can(action string) bool {
	return p.Member != nil && p.Member.Allowed(staff.Action(action), "")
}

// RoleName names the signed-in account's role.
func (p *page) RoleName() string { return p.T("staff.role." + string(p.Member.Role)) }

// LangLinks are the links of the language switch: each language in its own name.
func (p *page) LangLinks() []langLink {
	out := make([]langLink, 0, len(Languages))
	for _, l := range Languages {
		href := Prefix + "lang?" + url.Values{"to": {l}, "back": {p.Path}}.Encode()
		out = append(out, langLink{Lang: l, Name: p.s.opts.Catalog.Render(l, dialog.T("language.name")), Href: href, Current: l == p.Lang})
	}
	return out
}

type langLink struct {
	Lang, Name, Href string
	Current          bool
}

// setLanguage keeps the chosen language in a cookie and goes back to the page it was chosen on.
// A link on another site cannot choose it (the browser marks such a request cross-site).
func (s *Server) setLanguage(w http.ResponseWriter, r *http.Request) {
	to := r.URL.Query().Get("to")
	if to != "de" && to != "en" {
		to = "en"
	}
	if r.Header.Get("Sec-Fetch-Site") != "cross-site" {
		s.setCookie(w, langCookie, to, 365*24*3600)
	}
	http.Redirect(w, r, consolePage(r.URL.Query().Get("back")), http.StatusSeeOther)
}

// consolePage is back as a page of the console to go to, cleaned ("/staff/x/../y" is
// "/staff/y", "%2e%2e" as ".."), with its query; the start page for anything else: another
// site, a path that leaves the console once cleaned, a control character or a backslash
// (which browsers read as a slash), also percent-encoded.
func consolePage(back string) string {
	u, err := url.Parse(back)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		strings.ContainsFunc(back, unicode.IsControl) || strings.ContainsFunc(u.Path, unicode.IsControl) ||
		strings.Contains(u.Path, "\\") {
		return Prefix
	}
	p := path.Clean(u.Path)
	if p == strings.TrimSuffix(Prefix, "/") {
		p = Prefix
	}
	if !strings.HasPrefix(p, Prefix) {
		return Prefix
	}
	return (&url.URL{Path: p, RawQuery: u.RawQuery}).String()
}

// funcs are the templates' helpers: dates as days (02.01.2006), times where the offices are.
func funcs(zone *time.Location) template.FuncMap {
	if zone == nil {
		zone = time.UTC
	}
	return template.FuncMap{
		"date": func(d *time.Time) string {
			if d == nil {
				return ""
			}
			return d.Format("02.01.2006")
		},
		"day": func(t time.Time) string { return t.Format("02.01.2006") },
		// field pairs a form field with its page, for the office form's field template.
		"field": func(page any, f formField) fieldOnPage { return fieldOnPage{Page: page, Field: f} },
		"iso":   func(t time.Time) string { return t.Format(time.DateOnly) },
		"datetime": func(v any) string {
			switch t := v.(type) {
			case time.Time:
				return t.In(zone).Format("02.01.2006 15:04")
			case *time.Time:
				if t != nil {
					return t.In(zone).Format("02.01.2006 15:04")
				}
			}
			return ""
		},
	}
}

// parsePages parses each page template with the layout.
func parsePages(zone *time.Location) (map[string]*template.Template, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.New(name).Funcs(funcs(zone)).ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// render writes a page; a template error becomes a 500 with nothing of the page sent.
func (s *Server) render(w http.ResponseWriter, p *page, name string, status int) {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		s.opts.Log.Error("web: render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail answers with an error page saying the message id.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, p *page, status int, id string) {
	if p == nil {
		p = s.newPage(r)
	}
	p.Data = id
	s.render(w, p, "error", status)
}

// redirectDone goes to target after a form was handled, saying what was done (?done=).
func redirectDone(w http.ResponseWriter, r *http.Request, target, done string) {
	sep := "?"
	if strings.Contains(target, "?") {
		sep = "&"
	}
	http.Redirect(w, r, target+sep+"done="+url.QueryEscape(done), http.StatusSeeOther)
}
