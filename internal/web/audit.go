package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
)

// auditLimit is how many changes the log shows at most, newest first.
const auditLimit = 500

// auditData is the audit log with its filters.
type auditData struct {
	Entries []staff.AuditEntry
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
	for _, o := range offices {
		d.Offices = append(d.Offices, option{Value: o.ID, Label: o.Name, Selected: o.ID == office})
	}
	for _, col := range append(slices.Clone(directory.Columns[1:]), "archived") {
		d.Fields = append(d.Fields, option{Value: col, Label: col, Selected: col == field})
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
			d.Entries = append(d.Entries, e)
		}
	}
	d.Full = len(d.Entries) == auditLimit
	p.Data = d
	s.render(w, p, "audit", http.StatusOK)
}
