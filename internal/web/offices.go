package web

import (
	"cmp"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/jobs"
	"github.com/kassel/wegweiser/internal/staff"
)

// home is the start page: a counsellor's offices, and what the role may do.
func (s *Server) home(w http.ResponseWriter, r *http.Request, p *page) {
	var offices []directory.Office
	if p.Member.Role == staff.RoleCounsellor {
		for _, id := range p.Member.Offices {
			o, err := s.opts.Store.Office(r.Context(), id)
			if errors.Is(err, directory.ErrNotFound) {
				continue
			}
			if err != nil {
				s.internal(w, r, p, err)
				return
			}
			offices = append(offices, o)
		}
	}
	p.Data = offices
	s.render(w, p, "home", http.StatusOK)
}

// internal answers an unexpected error: logged (without personal data), a 500 page.
func (s *Server) internal(w http.ResponseWriter, r *http.Request, p *page, err error) {
	s.opts.Log.Error("web: request failed", "path", r.URL.Path, "err", err)
	s.fail(w, r, p, http.StatusInternalServerError, "web.error.internal")
}

// officeRow is one office of the overview.
type officeRow struct {
	Office   directory.Office
	Kind     string
	Stale    bool
	Clients  string // the message id of its answer to "taking new clients?"
	Full     bool   // a waiting list: not taking new clients
	Waiting  string // its waiting list, as newcomers read it ("⏳ Waiting list: about 6 weeks."); empty without one
	Topics   string
	Archived bool
}

// overviewData is the directory overview with its filters.
type overviewData struct {
	Rows     []officeRow
	Kinds    []directory.Kind
	Topics   []topicOption
	Kind     string
	Topic    string
	Archived bool
}

type topicOption struct{ Key, Label string }

// overview lists every office for the admin: entries not confirmed within 90 days (the
// reminders' limit) first, oldest first; filters by kind and topic; archived ones on request.
func (s *Server) overview(w http.ResponseWriter, r *http.Request, p *page) {
	q := r.URL.Query()
	d := overviewData{Kinds: directory.Kinds, Kind: q.Get("kind"), Topic: q.Get("topic"), Archived: q.Get("archived") != ""}
	for _, t := range directory.Topics {
		d.Topics = append(d.Topics, topicOption{Key: string(t), Label: p.Text(conversation.TopicLabel(t))})
	}
	offices, err := s.opts.Store.Offices(r.Context(), d.Archived)
	if err != nil {
		s.internal(w, r, p, err)
		return
	}
	staleBefore := s.today().Add(-jobs.MaxAge)
	for _, o := range offices {
		if (d.Kind != "" && string(o.Kind) != d.Kind) || (d.Topic != "" && !slices.Contains(o.Topics, directory.Topic(d.Topic))) {
			continue
		}
		row := officeRow{Office: o, Kind: p.T("staff.kind." + string(o.Kind)), Archived: o.Archived,
			Stale: o.ConfirmedAt == nil || o.ConfirmedAt.Before(staleBefore), Clients: clientsID(o.AcceptingNewClients)}
		row.Full = o.AcceptingNewClients != nil && !*o.AcceptingNewClients
		if w, ok := conversation.WaitingLine(&o); ok {
			row.Waiting = p.Text(w)
		}
		d.Rows = append(d.Rows, row)
	}
	slices.SortStableFunc(d.Rows, func(a, b officeRow) int {
		return cmp.Or(cmp.Compare(b2i(!a.Stale), b2i(!b.Stale)), compareDates(a.Office.ConfirmedAt, b.Office.ConfirmedAt))
	})
	p.Data = d
	s.render(w, p, "offices", http.StatusOK)
}

// clientsID is the message that says whether an office takes new clients.
func clientsID(v *bool) string {
	switch {
	case v == nil:
		return "web.clients.unknown"
	case *v:
		return "web.clients.yes"
	}
	return "web.clients.no"
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// compareDates orders confirmation dates oldest first, none before any.
func compareDates(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return a.Compare(*b)
}
