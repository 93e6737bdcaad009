package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
)

// peopleData is the staff page: the accounts, the invitation form and a new invitation.
type peopleData struct {
	Members []staff.Member
	Open    []staff.OpenInvitation // invitations neither used nor expired
	Roles   []option
	Offices []option
	// Names labels every office by id, archived ones too (staff.OfficeLabel), for the offices
	// of the accounts and invitations.
	Names      map[string]string
	Invitation string // the new invitation's text with link and code
	Message    string // a message id about the invitation form
}

// people lists the staff accounts, active ones first, with the form to invite someone.
func (s *Server) people(w http.ResponseWriter, r *http.Request, p *page) {
	d, err := s.peopleData(r, p, "", nil)
	if err != nil {
		s.internal(w, r, p, err)
		return
	}
	p.Data = d
	s.render(w, p, "people", http.StatusOK)
}

func (s *Server) peopleData(r *http.Request, p *page, role staff.Role, offices []string) (peopleData, error) {
	var d peopleData
	members, err := s.opts.Store.ListStaff(r.Context())
	if err != nil {
		return d, err
	}
	all, err := s.opts.Store.Offices(r.Context(), true)
	if err != nil {
		return d, err
	}
	d.Names = map[string]string{}
	for _, o := range all {
		d.Names[o.ID] = p.Text(staff.OfficeLabel(o))
	}
	all = slices.DeleteFunc(all, func(o directory.Office) bool { return o.Archived })
	d.Members = members
	if d.Open, err = s.opts.Store.OpenInvitations(r.Context(), s.opts.Now()); err != nil {
		return d, err
	}
	for _, ro := range staff.Roles {
		d.Roles = append(d.Roles, option{Value: string(ro), Label: p.T("staff.role." + string(ro)), Selected: ro == role})
	}
	for _, o := range all {
		d.Offices = append(d.Offices, option{Value: o.ID, Label: p.Text(staff.OfficeLabel(o)), Selected: slices.Contains(offices, o.ID)})
	}
	return d, nil
}

// invite makes an invitation code for a role (and a counsellor's offices) and shows its link.
func (s *Server) invite(w http.ResponseWriter, r *http.Request, p *page) {
	inv := staff.Invitation{Role: staff.Role(r.PostFormValue("role")), Offices: r.PostForm["office"], By: staff.ActorOf(p.Member)}
	if inv.Role != staff.RoleCounsellor {
		inv.Offices = nil
	}
	d, err := s.peopleData(r, p, inv.Role, inv.Offices)
	if err != nil {
		s.internal(w, r, p, err)
		return
	}
	status := http.StatusOK
	switch {
	case !inv.Role.Valid():
		d.Message, status = "web.error.bad_request", http.StatusBadRequest
	case inv.Role == staff.RoleCounsellor && len(inv.Offices) == 0:
		d.Message, status = "web.people.need_office", http.StatusUnprocessableEntity
	default:
		code, err := staff.Invite(r.Context(), s.opts.Store, inv, s.opts.Now())
		if errors.Is(err, directory.ErrNotFound) {
			d.Message, status = "web.error.bad_request", http.StatusBadRequest
			break
		}
		if err != nil {
			s.internal(w, r, p, err)
			return
		}
		d.Invitation = p.Text(staff.InvitationText(inv.Role, code, s.opts.InviteLink))
	}
	p.Data = d
	s.render(w, p, "people", status)
}

// withdraw deletes an open invitation, so that its code no longer works.
func (s *Server) withdraw(w http.ResponseWriter, r *http.Request, p *page) {
	s.changed(w, r, p, s.opts.Store.WithdrawInvitation(r.Context(), staff.ActorOf(p.Member), r.PathValue("ref")), "withdrawn")
}

// changed answers a change of the staff page that returned err: not found, failed, or done
// (back to the page, saying done).
func (s *Server) changed(w http.ResponseWriter, r *http.Request, p *page, err error, done string) {
	if errors.Is(err, directory.ErrNotFound) {
		s.fail(w, r, p, http.StatusNotFound, "web.error.not_found")
		return
	}
	if err != nil {
		s.internal(w, r, p, err)
		return
	}
	redirectDone(w, r, Prefix+"people", done)
}

// revokeData is the page that asks before an account is revoked, naming it.
type revokeData struct {
	Member staff.Member
}

// revokable finds the active account of the path's id that p's member may revoke, or answers
// the request itself (not found, forbidden) and returns false.
func (s *Server) revokable(w http.ResponseWriter, r *http.Request, p *page) (staff.Member, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, p, http.StatusNotFound, "web.error.not_found")
		return staff.Member{}, false
	}
	if id == p.Member.ID {
		// An admin's own account is revoked by another admin, as in the bot: the last admin
		// would otherwise lock the city out of its own console.
		s.fail(w, r, p, http.StatusForbidden, "web.error.forbidden")
		return staff.Member{}, false
	}
	members, err := s.opts.Store.ListStaff(r.Context())
	if err != nil {
		s.internal(w, r, p, err)
		return staff.Member{}, false
	}
	i := slices.IndexFunc(members, func(m staff.Member) bool { return m.ID == id && m.RevokedAt == nil })
	if i < 0 {
		s.fail(w, r, p, http.StatusNotFound, "web.error.not_found")
		return staff.Member{}, false
	}
	return members[i], true
}

// revokeAsk asks before revoking an account, as the bot does: the page names the account and
// offers to revoke it or to cancel.
func (s *Server) revokeAsk(w http.ResponseWriter, r *http.Request, p *page) {
	m, ok := s.revokable(w, r, p)
	if !ok {
		return
	}
	p.Data = revokeData{Member: m}
	s.render(w, p, "revoke", http.StatusOK)
}

// revoke ends a staff account, and with it its sessions, at once, once confirmed on the page
// of revokeAsk; a request without the confirmation shows that page.
func (s *Server) revoke(w http.ResponseWriter, r *http.Request, p *page) {
	m, ok := s.revokable(w, r, p)
	if !ok {
		return
	}
	if r.PostFormValue("confirm") == "" {
		p.Data = revokeData{Member: m}
		s.render(w, p, "revoke", http.StatusOK)
		return
	}
	s.changed(w, r, p, s.opts.Store.RevokeStaff(r.Context(), staff.ActorOf(p.Member), m.ID), "revoked")
}
