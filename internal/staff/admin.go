package staff

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// adminMenu is the answer to /admin: add, archive, invite, staff, changes.
func adminMenu() dialog.Message {
	return dialog.Message{Lines: []text{t("staff.admin.menu")}, Buttons: [][]button{ // one a row: the labels are long
		{btn(t("staff.admin.add"), codeAdminNew)}, {btn(t("staff.admin.archive"), codeAdminArchive)},
		{btn(t("staff.admin.invite"), codeAdminInvite)}, {btn(t("staff.admin.staff"), codeAdminStaff)},
		{btn(t("staff.admin.log"), codeAdminLog)},
	}}
}

// The handlers of the admin buttons (see taps). choice has checked the permission of each.

// newOfficeKind starts adding an office: asks its kind.
func (e *Engine) newOfficeKind(_ context.Context, m *Member, _ press, out *dialog.Output) error {
	m.Flow = m.Flow.then(Flow{})
	out.Messages = append(out.Messages, dialog.Message{Lines: []text{t("staff.admin.kind")}, Buttons: [][]button{
		{btn(t("staff.kind.jmd"), codeNewKind, string(directory.KindJMD)), btn(t("staff.kind.mbe"), codeNewKind, string(directory.KindMBE))},
		{btn(t("staff.kind.service"), codeNewKind, string(directory.KindService)), cancelButton()},
	}})
	return nil
}

// newOfficeName takes the kind of the new office and asks its name (typedName goes on).
func (e *Engine) newOfficeName(_ context.Context, m *Member, p press, out *dialog.Output) error {
	if !directory.Kind(p.arg).Valid() {
		denied(m, out)
		return nil
	}
	m.Flow = m.Flow.then(Flow{NewKind: p.arg, Field: FieldName})
	out.Messages = append(out.Messages, ask(FieldName))
	return nil
}

// archiveAsk asks to confirm archiving (or restoring) the office tapped in archiveList.
func (e *Engine) archiveAsk(_ context.Context, m *Member, p press, out *dialog.Output) error {
	o := p.office
	m.Flow = m.Flow.then(Flow{Pending: o.ID})
	id := "staff.admin.confirm_archive"
	if o.Archived {
		id = "staff.admin.confirm_restore"
	}
	out.Messages = append(out.Messages, dialog.Message{Lines: []text{t(id, "Name", dialog.Raw(o.Name))},
		Buttons: [][]button{{btn(t("staff.button.yes"), codeArchiveDo, directory.Ref(o.ID)), cancelButton()}}})
	return nil
}

// archiveDo archives, or restores, the office archiveAsk asked about.
func (e *Engine) archiveDo(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	switch {
	case m.Flow.Pending == "" || p.arg == "":
		denied(m, out)
		return nil
	case p.arg != directory.Ref(m.Flow.Pending):
		staleTap(out) // the Yes of an earlier question: it names another office
		return nil
	}
	o, err := e.Store.Office(ctx, m.Flow.Pending)
	if errors.Is(err, directory.ErrNotFound) {
		denied(m, out)
		return nil
	}
	if err != nil {
		return err
	}
	if err := e.Store.SetArchived(ctx, ActorOf(m), o.ID, !o.Archived); err != nil {
		return err
	}
	m.Flow = m.Flow.then(Flow{})
	id := "staff.admin.archived"
	if o.Archived {
		id = "staff.admin.restored"
	}
	out.Messages = append(out.Messages, say(t(id, "Name", dialog.Raw(o.Name))))
	return nil
}

// inviteStart starts an invitation: asks its role.
func (e *Engine) inviteStart(_ context.Context, m *Member, _ press, out *dialog.Output) error {
	m.Flow = m.Flow.then(Flow{})
	out.Messages = append(out.Messages, dialog.Message{Lines: []text{t("staff.admin.role")}, Buttons: [][]button{
		{btn(roleLabel(RoleCounsellor), codeInviteRole, string(RoleCounsellor))},
		{btn(roleLabel(RoleAdmin), codeInviteRole, string(RoleAdmin)), btn(roleLabel(RoleStatistics), codeInviteRole, string(RoleStatistics))},
	}})
	return nil
}

// inviteRole takes the role of the invitation: a counsellor's needs an office, asked next;
// any other is made at once.
func (e *Engine) inviteRole(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	r := Role(p.arg)
	if !r.Valid() {
		denied(m, out)
		return nil
	}
	if r != RoleCounsellor {
		return e.invite(ctx, m, Invitation{Role: r, By: ActorOf(m)}, out)
	}
	m.Flow = m.Flow.then(Flow{InviteRole: r})
	offices, err := e.Store.Offices(ctx, false)
	if err != nil {
		return err
	}
	msg := say(t("staff.admin.invite_office"))
	for i, label := range officeButtons(offices) {
		msg.Buttons = append(msg.Buttons, []button{btn(label, codeInviteOffice, officeRef(offices[i].ID))})
	}
	out.Messages = append(out.Messages, msg)
	return nil
}

// inviteOffice takes the office of a counsellor's invitation and makes it.
func (e *Engine) inviteOffice(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	if m.Flow.InviteRole != RoleCounsellor {
		denied(m, out)
		return nil
	}
	return e.invite(ctx, m, Invitation{Role: RoleCounsellor, Offices: []string{p.office.ID}, By: ActorOf(m)}, out)
}

// revokeAsk asks to confirm revoking the staff member tapped in staffList.
func (e *Engine) revokeAsk(_ context.Context, m *Member, p press, out *dialog.Output) error {
	id, err := strconv.ParseInt(p.arg, 10, 64)
	if err != nil {
		denied(m, out)
		return nil
	}
	if id == m.ID {
		denied(m, out) // an admin's own account: another admin revokes it
		return nil
	}
	m.Flow = m.Flow.then(Flow{Pending: p.arg})
	out.Messages = append(out.Messages, dialog.Message{Lines: []text{t("staff.admin.confirm_revoke", "ID", id)},
		Buttons: [][]button{{btn(t("staff.button.yes"), codeRevokeDo, p.arg), cancelButton()}}})
	return nil
}

// revokeDo revokes the staff member revokeAsk asked about.
func (e *Engine) revokeDo(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	switch {
	case m.Flow.Pending == "" || p.arg == "":
		denied(m, out)
		return nil
	case p.arg != m.Flow.Pending:
		staleTap(out) // the Yes of an earlier question: it names another account
		return nil
	}
	id, err := strconv.ParseInt(m.Flow.Pending, 10, 64)
	if err != nil || id == m.ID {
		denied(m, out)
		return nil
	}
	m.Flow = m.Flow.then(Flow{})
	revoked, err := e.member(ctx, id)
	if err != nil {
		return err
	}
	if err := e.Store.RevokeStaff(ctx, ActorOf(m), id); errors.Is(err, directory.ErrNotFound) {
		denied(m, out)
		return nil
	} else if err != nil {
		return err
	}
	out.Messages = append(out.Messages, say(t("staff.admin.revoked", "ID", id)))
	// The revoked chat gets the newcomers' menu back.
	out.StaffMenu = &dialog.StaffMenu{TelegramID: revoked.TelegramID}
	return nil
}

// member finds a staff account by id among all; an unknown id gives an empty Member.
func (e *Engine) member(ctx context.Context, id int64) (Member, error) {
	all, err := e.Store.ListStaff(ctx)
	if err != nil {
		return Member{}, err
	}
	for _, m := range all {
		if m.ID == id {
			return m, nil
		}
	}
	return Member{}, nil
}

// NewCode returns a fresh invitation code: 128 random bits, hex.
func NewCode() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Invite creates an invitation and returns its code; only the code's hash is stored.
func Invite(ctx context.Context, st Store, inv Invitation, now time.Time) (string, error) {
	if !inv.Role.Valid() {
		return "", fmt.Errorf("staff: unknown role %q", inv.Role)
	}
	if inv.Role == RoleCounsellor && len(inv.Offices) == 0 {
		return "", errors.New("staff: a counsellor invitation needs at least one office")
	}
	code := NewCode()
	if err := st.CreateInvitation(ctx, HashCode(code), inv, now.Add(InvitationTTL)); err != nil {
		return "", err
	}
	return code, nil
}

// invite makes an invitation and shows its link and code.
func (e *Engine) invite(ctx context.Context, m *Member, inv Invitation, out *dialog.Output) error {
	code, err := Invite(ctx, e.Store, inv, e.Now())
	if err != nil {
		return err
	}
	m.Flow = m.Flow.then(Flow{})
	out.Messages = append(out.Messages, say(InvitationText(inv.Role, code, e.InviteLink)))
	return nil
}

// InvitationText says how to pass on an invitation to role with code: its link, which link
// makes of the /start payload, and the code; only the code to send the bot when link is nil
// or makes none (the bot's username is not known), never a made-up link. The bot and the web
// console say it alike.
func InvitationText(role Role, code string, link func(payload string) string) dialog.Text {
	payload := InvitePrefix + code
	url := ""
	if link != nil {
		url = link(payload)
	}
	if url == "" {
		return t("staff.admin.invitation_code", "Role", roleLabel(role), "Code", dialog.LTR("/start "+payload))
	}
	return t("staff.admin.invitation", "Role", roleLabel(role), "Link", dialog.LTR(url), "Code", dialog.LTR(payload))
}

// archiveList lists every office, archived ones marked, to archive or restore one.
func (e *Engine) archiveList(ctx context.Context, m *Member, _ press, out *dialog.Output) error {
	offices, err := e.Store.Offices(ctx, true)
	if err != nil {
		return err
	}
	m.Flow = m.Flow.then(Flow{})
	msg := say(t("staff.admin.pick_archive"))
	labels := officeButtons(offices)
	for i, o := range offices {
		label := labels[i]
		if o.Archived {
			label = dialog.Join(" ", dialog.Raw("🗄"), label)
		}
		msg.Buttons = append(msg.Buttons, []button{btn(label, codeArchiveAsk, officeRef(o.ID))})
	}
	out.Messages = append(out.Messages, msg)
	return nil
}

// staffList lists the active staff, each with a button to revoke them.
func (e *Engine) staffList(ctx context.Context, _ *Member, _ press, out *dialog.Output) error {
	members, err := e.Store.ListStaff(ctx)
	if err != nil {
		return err
	}
	msg := say(t("staff.admin.staff_list"))
	for _, s := range members {
		if s.RevokedAt != nil {
			continue
		}
		msg.Lines = append(msg.Lines, t("staff.admin.staff_line", "ID", s.ID, "Name", dialog.Raw(s.Name),
			"Role", roleLabel(s.Role), "Offices", dialog.Raw(strings.Join(s.Offices, ", "))))
		msg.Buttons = append(msg.Buttons, []button{btn(t("staff.admin.revoke", "ID", s.ID, "Name", dialog.Raw(s.Name)), codeRevokeAsk, strconv.FormatInt(s.ID, 10))})
	}
	out.Messages = append(out.Messages, msg)
	return nil
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes an office id from a name: lower-case letters and digits joined by hyphens.
func slug(name string) string {
	r := strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss")
	s := strings.Trim(nonSlug.ReplaceAllString(r.Replace(strings.ToLower(name)), "-"), "-")
	if len(s) > 50 {
		s = strings.Trim(s[:50], "-")
	}
	if s == "" {
		s = "office"
	}
	return s
}

// typedName takes the name of a new office and creates it, then opens its menu so the admin
// can add the details.
func (e *Engine) typedName(ctx context.Context, m *Member, in dialog.Input, out *dialog.Output) error {
	if !m.Allowed(ActionAddOffice, "") || m.Flow.NewKind == "" {
		denied(m, out)
		return nil
	}
	if refusedTyped(in, FieldName, out) {
		return nil
	}
	name, err := e.normalize(FieldName, in.Text)
	if err != nil || in.Kind != dialog.InputText {
		out.Messages = append(out.Messages, say(t("staff.invalid", "Reason", t("invalid.required"))), ask(FieldName))
		return nil
	}
	base := slug(name)
	id := base
	for i := 2; ; i++ {
		if _, err := e.Store.Office(ctx, id); errors.Is(err, directory.ErrNotFound) {
			break
		} else if err != nil {
			return err
		}
		id = fmt.Sprintf("%s-%d", base, i)
	}
	o := directory.Office{ID: id, Kind: directory.Kind(m.Flow.NewKind), Name: name, Languages: []string{}, Topics: []directory.Topic{}}
	if err := e.Store.CreateOffice(ctx, ActorOf(m), o); err != nil {
		return err
	}
	// A new entry has nothing newcomers could reach it by yet: it stays hidden (archived)
	// until the admin, its details in, shows it (every answer must lead somewhere).
	if err := e.Store.SetArchived(ctx, ActorOf(m), id, true); err != nil {
		return err
	}
	out.Messages = append(out.Messages, say(t("staff.admin.created", "Name", dialog.Raw(name), "ID", dialog.LTR(id))))
	return e.openOffice(ctx, m, id, false, out)
}
