// Package web is the staff console in the browser: the statistics dashboard for city staff,
// the directory overview, the audit log, the CSV import and staff management for admins, and
// the office form for counsellors and admins. It is served by `wegweiser serve` under /staff/
// (Prefix), server-rendered with html/template from embedded templates and styles, without
// JavaScript, in German and English from the same catalogs as the bot.
//
// Sign-in needs no password: /web in the bot sends a one-time link (package staff), which
// opens a session kept in PostgreSQL. Every request loads the session's account afresh, so
// a revoked account is out at once, and every handler checks the role (and a counsellor's
// office binding) against the same rules as the bot (staff.Member.Allowed).
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/stats"
	"github.com/kassel/wegweiser/internal/store"
)

// Prefix is the path the console is served under.
const Prefix = "/staff/"

// IdleTimeout ends a session that was not used for this long, SessionLifetime one opened this
// long ago however often it was used (a working day: a browser left signed in on a shared
// computer does not stay so for weeks).
const (
	IdleTimeout     = 8 * time.Hour
	SessionLifetime = 12 * time.Hour
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Store is what the console reads and writes; the PostgreSQL store implements it.
type Store interface {
	staff.Store
	RedeemWebLogin(ctx context.Context, tokenHash, sessionHash []byte, now time.Time) (staff.Member, error)
	PeekWebLogin(ctx context.Context, tokenHash []byte, now time.Time) (staff.Member, error)
	WebSession(ctx context.Context, sessionHash []byte, now time.Time, idle, lifetime time.Duration) (staff.Member, error)
	EndWebSession(ctx context.Context, sessionHash []byte) error
	ImportOfficesAs(ctx context.Context, actor staff.Actor, offices []directory.Office, replace bool) (store.ImportResult, error)
	Figures(ctx context.Context, from, to time.Time) (stats.Figures, error)
	ReportData(ctx context.Context, from, to, asOf time.Time) (stats.Data, error)
	People(ctx context.Context, from, to time.Time) (int, bool, error)
	AddEvents(ctx context.Context, day time.Time, evs []dialog.Event) error
	OpenInvitations(ctx context.Context, now time.Time) ([]staff.OpenInvitation, error)
	WithdrawInvitation(ctx context.Context, actor staff.Actor, ref string) error
}

// Options configure the console.
type Options struct {
	Store   Store
	Catalog *i18n.Catalog
	Now     func() time.Time // nil: time.Now
	// Zone is where the offices are: confirmation and statistics days are days there; nil
	// means UTC.
	Zone *time.Location
	// Languages are the counselling languages the office form offers as boxes to tick (with
	// an office's own).
	Languages []string
	// InviteLink makes the deep link of an invitation code's /start payload.
	InviteLink func(payload string) string
	// Near gives a postcode's centre (postcode.Table.Centre), for checking that an office's
	// position lies near its postcode, in the office form and imports; nil checks nothing.
	Near directory.Centre
	// Secure marks the cookies Secure: the console is reached over https.
	Secure bool
	Log    *slog.Logger // nil: slog.Default()
}

// Server is the console's HTTP handler.
type Server struct {
	opts  Options
	pages map[string]*template.Template
	mux   *http.ServeMux
	csrf  *http.CrossOriginProtection
}

// New parses the templates and sets up the routes.
func New(o Options) (*Server, error) {
	if o.Store == nil || o.Catalog == nil {
		return nil, fmt.Errorf("web: a store and a catalog are needed")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.InviteLink == nil {
		o.InviteLink = func(payload string) string { return payload }
	}
	pages, err := parsePages(o.Zone)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: o, pages: pages, mux: http.NewServeMux(), csrf: http.NewCrossOriginProtection()}
	s.routes()
	return s, nil
}

// ServeHTTP serves the console: every answer carries the security headers, and a request that
// a browser marks as coming from another site cannot change anything.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if r.Method == http.MethodPost {
		limit := int64(maxForm)
		if importPath(r.URL.Path) {
			limit = maxImport * 2 // a directory file, base64 in a form
		}
		r.Body = &limitedBody{ReadCloser: http.MaxBytesReader(w, r.Body, limit)}
	}
	if err := s.csrf.Check(r); err != nil {
		s.fail(w, r, nil, http.StatusForbidden, "web.error.csrf")
		return
	}
	s.mux.ServeHTTP(w, r)
}

// maxForm is the largest body of a form but the import's (an office's form with its notes
// is a few kilobytes).
const maxForm = 256 << 10

// importPath says whether path is one of the import's, which take a directory file.
func importPath(path string) bool { return path == Prefix+"import" || path == Prefix+"import/apply" }

// limitedBody is a posted body cut at its limit; hit says whether it was.
type limitedBody struct {
	io.ReadCloser
	hit bool
}

func (b *limitedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		b.hit = true
	}
	return n, err
}

// tooLarge reads a posted form and says whether its body was larger than ServeHTTP lets
// through: then its fields, the CSRF token among them, are not all there, and the form is
// refused as too large rather than as expired.
func tooLarge(r *http.Request) bool {
	_ = r.ParseMultipartForm(maxImport * 2)
	b, ok := r.Body.(*limitedBody)
	return ok && b.hit
}

// route is one page: its method and path, the permission it needs ("" for any signed-in
// account) and whether the permission is checked on the office named in the path.
type route struct {
	pattern string
	need    staff.Action
	office  bool
	handle  func(s *Server, w http.ResponseWriter, r *http.Request, p *page)
}

// routes is every page that needs a session; the sign-in pages and the styles do not.
var routes = []route{
	{"GET /staff/{$}", "", false, (*Server).home},
	{"GET /staff/stats", staff.ActionReadStats, false, (*Server).dashboard},
	{"GET /staff/stats.csv", staff.ActionReadStats, false, (*Server).statsCSV},
	{"GET /staff/offices", staff.ActionArchive, false, (*Server).overview},
	{"GET /staff/offices/{id}", staff.ActionEditOffice, true, (*Server).officeForm},
	{"POST /staff/offices/{id}", staff.ActionEditOffice, true, (*Server).officeSave},
	{"POST /staff/offices/{id}/confirm", staff.ActionEditOffice, true, (*Server).officeConfirm},
	{"POST /staff/offices/{id}/archive", staff.ActionArchive, true, (*Server).officeArchive},
	{"GET /staff/audit", staff.ActionReadAudit, false, (*Server).auditLog},
	{"GET /staff/import", staff.ActionAddOffice, false, (*Server).importForm},
	{"POST /staff/import", staff.ActionAddOffice, false, (*Server).importCheck},
	{"POST /staff/import/apply", staff.ActionAddOffice, false, (*Server).importApply},
	{"GET /staff/people", staff.ActionManageStaff, false, (*Server).people},
	{"POST /staff/people/invite", staff.ActionManageStaff, false, (*Server).invite},
	{"POST /staff/people/invitations/{ref}/withdraw", staff.ActionManageStaff, false, (*Server).withdraw},
	{"GET /staff/people/{id}/revoke", staff.ActionManageStaff, false, (*Server).revokeAsk},
	{"POST /staff/people/{id}/revoke", staff.ActionManageStaff, false, (*Server).revoke},
	{"POST /staff/logout", "", false, (*Server).logout},
}

func (s *Server) routes() {
	for _, rt := range routes {
		s.mux.Handle(rt.pattern, s.guard(rt))
	}
	s.mux.HandleFunc("GET /staff/login", s.loginPage)
	s.mux.HandleFunc("POST /staff/login", s.login)
	s.mux.HandleFunc("GET /staff/lang", s.setLanguage)
	static, _ := fs.Sub(staticFS, "static")
	s.mux.Handle("GET /staff/static/", http.StripPrefix("/staff/static/", cacheFor(http.FileServerFS(static))))
	s.mux.HandleFunc("/staff/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, nil, http.StatusNotFound, "web.error.not_found")
	})
}

// cacheFor lets browsers keep the embedded styles for a day.
func cacheFor(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		h.ServeHTTP(w, r)
	})
}

// guard runs a route's handler for a signed-in account that has the route's permission, on
// the office the path names where it is about one; POSTs also need the session's CSRF token.
func (s *Server) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := s.session(w, r)
		if !ok {
			return
		}
		office := ""
		if rt.office {
			office = r.PathValue("id")
			if _, err := directory.ParseID(office); err != nil {
				// No office has such an id (a NUL or invalid UTF-8 would only make the
				// database fail).
				s.fail(w, r, p, http.StatusNotFound, "web.error.not_found")
				return
			}
		}
		if rt.need != "" && !p.Member.Allowed(rt.need, office) {
			s.fail(w, r, p, http.StatusForbidden, "web.error.forbidden")
			return
		}
		if r.Method == http.MethodPost && tooLarge(r) {
			if importPath(r.URL.Path) {
				p.Data = importData{Message: "web.import.too_big"}
				s.render(w, p, "import", http.StatusRequestEntityTooLarge)
				return
			}
			s.fail(w, r, p, http.StatusRequestEntityTooLarge, "web.error.bad_request")
			return
		}
		if r.Method == http.MethodPost && !p.validCSRF(r) {
			s.fail(w, r, p, http.StatusForbidden, "web.error.csrf")
			return
		}
		rt.handle(s, w, r, p)
	})
}

// today is the current date where the offices are.
func (s *Server) today() time.Time { return directory.DateIn(s.opts.Now(), s.opts.Zone) }
