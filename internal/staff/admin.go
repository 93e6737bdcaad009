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

func adminMenu() dialog.Message {
	return dialog.Message{Lines: []text{t("staff.admin.menu")}, Buttons: [][]button{
		{{Label: t("staff.admin.add"), Data: "s:ad:new"}, {Label: t("staff.admin.archive"), Data: "s:ad:arch"}},
		{{Label: t("staff.admin.invite"), Data: "s:ad:inv"}, {Label: t("staff.admin.staff"), Data: "s:ad:staff"}},
		{{Label: t("staff.admin.log"), Data: "s:ad:log"}},
	}}
}

// admin handles the administration buttons. Each is allowed to admins only, checked here
// on every tap.
func (e *Engine) admin(ctx context.Context, m *Member, action, arg string, out *dialog.Output) error {
	need := map[string]Action{
		"ad": ActionAddOffice, "nk": ActionAddOffice, "ar": ActionArchive, "arok": ActionArchive,
		"ir": ActionManageStaff, "io": ActionManageStaff, "rv": ActionManageStaff, "rvok": ActionManageStaff,
	}
	a, known := need[action]
	if action == "ad" && arg == "log" {
		a = ActionReadAudit
	}
	if !known || !m.Allowed(a, "") {
		denied(m, out)
		return nil
	}
	switch action + ":" + arg {
	case "ad:new":
		m.Flow = Flow{}
		out.Messages = append(out.Messages, dialog.Message{Lines: []text{t("staff.admin.kind")}, Buttons: [][]button{
			{{Label: t("staff.kind.jmd"), Data: "s:nk:jmd"}, {Label: t("staff.kind.mbe"), Data: "s:nk:mbe"}},
			{{Label: t("staff.kind.service"), Data: "s:nk:service"}, {Label: t("staff.button.cancel"), Data: "s:x"}},
		}})
		return nil
	case "ad:arch":
		return e.archiveList(ctx, m, out)
	case "ad:inv":
		m.Flow = Flow{}
		out.Messages = append(out.Messages, dialog.Message{Lines: []text{t("staff.admin.role")}, Buttons: [][]button{
			{{Label: roleLabel(RoleCounsellor), Data: "s:ir:counsellor"}},
			{{Label: roleLabel(RoleAdmin), Data: "s:ir:admin"}, {Label: roleLabel(RoleStatistics), Data: "s:ir:statistics"}},
		}})
		return nil
	case "ad:staff":
		return e.staffList(ctx, out)
	case "ad:log":
		return e.auditLog(ctx, out)
	}
	switch action {
	case "nk":
		k := directory.Kind(arg)
		if !k.Valid() {
			denied(m, out)
			return nil
		}
		m.Flow = Flow{NewKind: arg, Field: FieldName}
		out.Messages = append(out.Messages, ask(FieldName))
	case "ar":
		o, ok, err := e.resolveOffice(ctx, arg)
		if err != nil || !ok {
			denied(m, out)
			return err
		}
		m.Flow = Flow{Pending: o.ID}
		id := "staff.admin.confirm_archive"
		if o.Archived {
			id = "staff.admin.confirm_restore"
		}
		out.Messages = append(out.Messages, dialog.Message{Lines: []text{t(id, "Name", dialog.Raw(o.Name))},
			Buttons: [][]button{{{Label: t("staff.button.yes"), Data: "s:arok"}, {Label: t("staff.button.cancel"), Data: "s:x"}}}})
	case "arok":
		o, err := e.Store.Office(ctx, m.Flow.Pending)
		if errors.Is(err, directory.ErrNotFound) || m.Flow.Pending == "" {
			denied(m, out)
			return nil
		}
		if err != nil {
			return err
		}
		if err := e.Store.SetArchived(ctx, ActorOf(m), o.ID, !o.Archived); err != nil {
			return err
		}
		m.Flow = Flow{}
		id := "staff.admin.archived"
		if o.Archived {
			id = "staff.admin.restored"
		}
		out.Messages = append(out.Messages, say(t(id, "Name", dialog.Raw(o.Name))))
	case "ir":
		r := Role(arg)
		if !r.Valid() {
			denied(m, out)
			return nil
		}
		if r != RoleCounsellor {
			return e.invite(ctx, m, Invitation{Role: r}, out)
		}
		m.Flow = Flow{InviteRole: r}
		offices, err := e.Store.Offices(ctx, false)
		if err != nil {
			return err
		}
		msg := say(t("staff.admin.invite_office"))
		for _, o := range offices {
			msg.Buttons = append(msg.Buttons, []button{{Label: dialog.Raw(o.Name), Data: "s:io:" + officeRef(o.ID)}})
		}
		out.Messages = append(out.Messages, msg)
	case "io":
		o, ok, err := e.resolveOffice(ctx, arg)
		if err != nil || !ok || m.Flow.InviteRole != RoleCounsellor {
			denied(m, out)
			return err
		}
		return e.invite(ctx, m, Invitation{Role: RoleCounsellor, Offices: []string{o.ID}}, out)
	case "rv":
		id, err := strconv.ParseInt(arg, 10, 64)
		if err != nil {
			denied(m, out)
			return nil
		}
		m.Flow = Flow{Pending: arg}
		out.Messages = append(out.Messages, dialog.Message{Lines: []text{t("staff.admin.confirm_revoke", "ID", id)},
			Buttons: [][]button{{{Label: t("staff.button.yes"), Data: "s:rvok"}, {Label: t("staff.button.cancel"), Data: "s:x"}}}})
	case "rvok":
		id, err := strconv.ParseInt(m.Flow.Pending, 10, 64)
		if err != nil {
			denied(m, out)
			return nil
		}
		m.Flow = Flow{}
		if err := e.Store.RevokeStaff(ctx, id); errors.Is(err, directory.ErrNotFound) {
			denied(m, out)
			return nil
		} else if err != nil {
			return err
		}
		out.Messages = append(out.Messages, say(t("staff.admin.revoked", "ID", id)))
	}
	return nil
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

func (e *Engine) invite(ctx context.Context, m *Member, inv Invitation, out *dialog.Output) error {
	code, err := Invite(ctx, e.Store, inv, e.Now())
	if err != nil {
		return err
	}
	m.Flow = Flow{}
	out.Messages = append(out.Messages, say(t("staff.admin.invitation", "Role", roleLabel(inv.Role),
		"Link", dialog.LTR(e.InviteLink(InvitePrefix+code)), "Code", dialog.LTR(InvitePrefix+code))))
	return nil
}

func (e *Engine) archiveList(ctx context.Context, m *Member, out *dialog.Output) error {
	offices, err := e.Store.Offices(ctx, true)
	if err != nil {
		return err
	}
	m.Flow = Flow{}
	msg := say(t("staff.admin.pick_archive"))
	for _, o := range offices {
		label := dialog.Raw(o.Name)
		if o.Archived {
			label = dialog.Raw("🗄 " + o.Name)
		}
		msg.Buttons = append(msg.Buttons, []button{{Label: label, Data: "s:ar:" + officeRef(o.ID)}})
	}
	out.Messages = append(out.Messages, msg)
	return nil
}

func (e *Engine) staffList(ctx context.Context, out *dialog.Output) error {
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
		msg.Buttons = append(msg.Buttons, []button{{Label: t("staff.admin.revoke", "ID", s.ID, "Name", dialog.Raw(s.Name)), Data: "s:rv:" + strconv.FormatInt(s.ID, 10)}})
	}
	out.Messages = append(out.Messages, msg)
	return nil
}

func (e *Engine) auditLog(ctx context.Context, out *dialog.Output) error {
	entries, err := e.Store.Audit(ctx, "", time.Time{}, 15)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		out.Messages = append(out.Messages, say(t("staff.admin.no_changes")))
		return nil
	}
	msg := say(t("staff.admin.changes"))
	for _, a := range entries {
		msg.Lines = append(msg.Lines, dialog.LTR(fmt.Sprintf("%s · %s · %s · %s: %q → %q",
			a.At.In(time.UTC).Format("2006-01-02 15:04"), a.Actor, a.OfficeID, a.Field, shorten(a.Old), shorten(a.New))))
	}
	out.Messages = append(out.Messages, msg)
	return nil
}

func shorten(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
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
	name, err := normalize(FieldName, in.Text)
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
	out.Messages = append(out.Messages, say(t("staff.admin.created", "Name", dialog.Raw(name), "ID", dialog.LTR(id))))
	return e.openOffice(ctx, m, id, out)
}
