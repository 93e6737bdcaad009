package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
)

// auditLimit is how many changes the log shows at most, newest first.
const auditLimit = 500

// auditData is the audit log with its filters.
type auditData struct {
	Entries []auditRow
	Offices []option
	Fields  []option
	Since   string
	Actor   string
	Full    bool // the limit was reached: older changes are not shown
}

// auditLog shows the append-only log of directory changes, newest first, filtered by office,
// date, field and who made them.
func (s *Server) auditLog(w http.ResponseWriter, r *http.Request, p *page) {
	q := r.URL.Query()
	office, field := q.Get("office"), q.Get("field")
	if _, err := directory.ParseID(office); office != "" && err != nil {
		s.fail(w, r, p, http.StatusBadRequest, "web.error.bad_request")
		return
	}
	d := auditData{Actor: strings.TrimSpace(q.Get("actor"))}
	var since time.Time
	if day, err := directory.ParseDate(q.Get("since")); err == nil && day != nil {
		since, d.Since = *day, q.Get("since")
	}
	offices, err := s.opts.Store.Offices(r.Context(), true)
	if err != nil {
		s.internal(w, r, p, err)
		return
	}
	names := make(map[string]string, len(offices))
	for _, o := range offices {
		d.Offices = append(d.Offices, option{Value: o.ID, Label: o.Name, Selected: o.ID == office})
		names[o.ID] = o.Name
	}
	for _, col := range staff.AuditFields() {
		if col != "id" { // an office's id never changes
			d.Fields = append(d.Fields, option{Value: col, Label: p.Text(staff.FieldLabel(col)), Selected: col == field})
		}
	}
	// Field and actor filters apply to the newest entries of the office and date filters.
	entries, err := s.opts.Store.Audit(r.Context(), office, since, 0)
	if err != nil {
		s.internal(w, r, p, err)
		return
	}
	for i := len(entries) - 1; i >= 0 && len(d.Entries) < auditLimit; i-- {
		e := entries[i]
		if (field == "" || e.Field == field) && (d.Actor == "" || strings.Contains(strings.ToLower(e.Actor), strings.ToLower(d.Actor))) {
			d.Entries = append(d.Entries, p.auditRow(e, names[e.OfficeID]))
		}
	}
	d.Full = len(d.Entries) == auditLimit
	p.Data = d
	s.render(w, p, "audit", http.StatusOK)
}

// auditRow is one entry of the audit log as a reader reads it: the field by its label, the
// values in words (languages and topics by name, dates as dates, yes and no, a hand-over step
// as the counsellors were told it, an invitation or account by its role), the office by its
// name, with a link to its page (Link; none for the service area). Code is the field as the
// directory file names it.
type auditRow struct {
	At                                                time.Time
	OfficeID, Office, Link, Field, Code, Old, New, By string
}

// auditRow words e, an entry of the office named office ("" when not known: its id stands).
// Changes of access (staff.AccessAuditID) stand under the staff accounts' page.
func (p *page) auditRow(e staff.AuditEntry, office string) auditRow {
	link := ""
	switch _, err := directory.ParseID(e.OfficeID); {
	case e.OfficeID == staff.AccessAuditID:
		office, link = p.Text(dialog.T("web.people.title")), "/staff/people"
	case e.OfficeID == staff.AreaAuditID:
		office = p.Text(dialog.T("staff.column.area")) // no page of its own: `directory import --area` sets it
	case err == nil:
		link = "/staff/offices/" + e.OfficeID
	}
	if office == "" {
		office = e.OfficeID
	}
	value := func(v string) string {
		if v == "" {
			return ""
		}
		return p.Text(staff.FieldValue(e, v, office))
	}
	return auditRow{At: e.At, OfficeID: e.OfficeID, Office: office, Link: link, Field: p.Text(staff.FieldLabel(e.Field)), Code: e.Field,
		Old: value(e.Old), New: value(e.New), By: e.Actor}
}
