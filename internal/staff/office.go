package staff

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

type (
	text   = dialog.Text
	button = dialog.Button
)

// t is dialog.T, short for the many catalog texts of this package.
func t(id string, kv ...any) text { return dialog.T(id, kv...) }

// date writes a day as 06.01.2027, kept intact in right-to-left text.
func date(d interface{ Format(string) string }) text { return dialog.LTR(d.Format("02.01.2006")) }

// officeStart opens the office menu: at once for a counsellor with one office, otherwise
// after picking one.
func (e *Engine) officeStart(ctx context.Context, m *Member, out *dialog.Output) error {
	var ids []string
	if m.Role == RoleAdmin {
		offices, err := e.Store.Offices(ctx, false)
		if err != nil {
			return err
		}
		for _, o := range offices {
			ids = append(ids, o.ID)
		}
	} else if m.Allowed(ActionListOffices, "") {
		ids = m.Offices
	}
	switch len(ids) {
	case 0:
		if !m.Allowed(ActionListOffices, "") {
			out.Messages = append(out.Messages, say(t("staff.denied")))
		} else {
			out.Messages = append(out.Messages, say(t("staff.no_offices")))
		}
		return nil
	case 1:
		return e.openOffice(ctx, m, ids[0], false, out)
	}
	msg := say(t("staff.pick_office"))
	var offices []directory.Office
	for _, id := range ids {
		o, err := e.Store.Office(ctx, id)
		if err != nil {
			return err
		}
		offices = append(offices, o)
	}
	for i, label := range officeButtons(offices) {
		msg.Buttons = append(msg.Buttons, []button{btn(label, codeOpen, officeRef(offices[i].ID))})
	}
	out.Messages = append(out.Messages, msg)
	return nil
}

// openOffice shows an office's card: as a new message, or in place of the tapped one.
func (e *Engine) openOffice(ctx context.Context, m *Member, id string, inPlace bool, out *dialog.Output) error {
	if !m.Allowed(ActionEditOffice, id) {
		denied(m, out)
		return nil
	}
	o, err := e.Store.Office(ctx, id)
	if err != nil {
		return err
	}
	m.Flow = m.Flow.then(Flow{Office: id})
	e.showCard(&o, inPlace, out)
	return nil
}

// OfficeLabel names an office where staff choose among offices or read which ones an account
// has (the web console's lists): who runs it, then its name, since offices of one service are
// often named alike ("Migrationsberatung für erwachsene Zugewanderte (MBE)" by three providers
// in one town). The name alone where the provider is not known or is in the name already.
func OfficeLabel(o directory.Office) dialog.Text {
	if o.Provider == "" || strings.Contains(o.Name, o.Provider) {
		return dialog.Raw(o.Name)
	}
	return dialog.Join(" · ", dialog.Raw(o.Provider), dialog.Raw(o.Name))
}

// shownOnButton is about how much of a label a phone shows on a button alone in its row; the
// rest is cut.
const shownOnButton = 30

// officeButtons labels offices for the buttons of a picker: the name, or, where the part of
// it a phone shows is another office's in the list too, OfficeLabel (the provider first).
func officeButtons(offices []directory.Office) []dialog.Text {
	shown := func(name string) string {
		r := []rune(strings.ToLower(name))
		return string(r[:min(len(r), shownOnButton)])
	}
	seen := map[string]int{}
	for _, o := range offices {
		seen[shown(o.Name)]++
	}
	labels := make([]dialog.Text, len(offices))
	for i, o := range offices {
		labels[i] = dialog.Raw(o.Name)
		if seen[shown(o.Name)] > 1 {
			labels[i] = OfficeLabel(o)
		}
	}
	return labels
}

// showCard puts the office's card in out, after head (what was just done): in place of the
// tapped message, so that the chat does not grow, or as a new message after typed input.
func (e *Engine) showCard(o *directory.Office, inPlace bool, out *dialog.Output, head ...text) {
	card := e.officeCard(o, head...)
	if inPlace {
		out.Edit = &card
		return
	}
	out.Messages = append(out.Messages, card)
}

// officeCard shows an office as newcomers see it, what counsellors need to know about its
// status, and a button per field, Confirm, History and Close. head comes first.
func (e *Engine) officeCard(o *directory.Office, head ...text) dialog.Message {
	var lines []text
	if len(head) > 0 {
		lines = append(append(lines, head...), dialog.Raw(""))
	}
	lines = append(lines, conversation.OfficeLines(directory.Match{Office: *o}, 0, false)...)
	lines = append(lines, statusLines(o, e.today())...)
	if o.Archived {
		lines = append(lines, t("staff.archived_note"))
	}
	lines = append(lines, dialog.Raw(""), t("staff.office_menu"))
	msg := dialog.Message{Lines: lines}
	var row []button
	for _, f := range Fields {
		row = append(row, btn(t("staff.field."+string(f)), codeEdit, string(f)))
		if len(row) == 2 {
			msg.Buttons = append(msg.Buttons, row)
			row = nil
		}
	}
	if row != nil {
		msg.Buttons = append(msg.Buttons, row)
	}
	msg.Buttons = append(msg.Buttons, []button{btn(t("staff.button.confirm"), codeConfirm)},
		[]button{btn(t("staff.button.history"), codeHistory), btn(t("staff.button.close"), codeClose)})
	return msg
}

// statusLines say whether an office is temporarily closed and whether it takes new clients,
// with how long they wait.
func statusLines(o *directory.Office, today time.Time) []text {
	var lines []text
	if l := closureLine(o, today); l != nil {
		lines = append(lines, *l)
	}
	weeks, waiting := o.WaitingWeeks()
	switch {
	case o.AcceptingNewClients == nil:
		lines = append(lines, t("staff.status.unknown"))
	case !*o.AcceptingNewClients:
		lines = append(lines, t("staff.status.full"))
	case waiting:
		lines = append(lines, dialog.Plural("staff.status.waiting", weeks))
	default:
		lines = append(lines, t("staff.status.open"))
	}
	return lines
}

// The handlers of the office buttons (see taps). choice has checked the permission of each
// and loaded the office it is about.

// openTapped opens the office a button names, in place of the picker or the reminder.
func (e *Engine) openTapped(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	return e.openOffice(ctx, m, p.office.ID, true, out)
}

// cancel leaves whatever the member was doing: back to the office's card when there is one.
func (e *Engine) cancel(ctx context.Context, m *Member, _ press, out *dialog.Output) error {
	id := m.Flow.Office
	m.Flow = m.Flow.then(Flow{})
	if id == "" || !m.Allowed(ActionEditOffice, id) {
		out.Messages = append(out.Messages, say(t("staff.cancelled")))
		return nil
	}
	o, err := e.Store.Office(ctx, id)
	if err != nil {
		return err
	}
	m.Flow = m.Flow.then(Flow{Office: id})
	e.showCard(&o, true, out, t("staff.cancelled"))
	return nil
}

// closeCard ends the work on an office: the card gives way to one short line.
func (e *Engine) closeCard(_ context.Context, m *Member, _ press, out *dialog.Output) error {
	m.Flow = m.Flow.then(Flow{})
	out.Edit = &dialog.Message{Lines: []text{t("staff.card_closed")}}
	return nil
}

// confirm records that the office's entry is current today, on its card.
func (e *Engine) confirm(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	o, err := e.confirmOffice(ctx, m, p.office)
	if err != nil {
		return err
	}
	m.Flow = m.Flow.then(Flow{Office: o.ID})
	out.Events = append(out.Events, dialog.Event{Kind: dialog.EventOfficeConfirmed})
	e.showCard(&o, true, out, append([]text{t("staff.confirmed", "Date", date(*o.ConfirmedAt))}, noteCheck(p.office, o)...)...)
	return nil
}

// noteCheck asks a counsellor to read the note of an entry their office confirms for the
// first time (before, unconfirmed; after, as saved): it was written from public sources
// (newcomers read "from public sources, not from the office"), and newcomers now read it as
// the office's. Nothing when the note was changed in the same save, or there is none.
func noteCheck(before, after directory.Office) []text {
	if !NoteToCheck(before, after) {
		return nil
	}
	return []text{dialog.Raw(""), t("staff.note_check", "Note", dialog.Raw(after.Note))}
}

// NoteToCheck says whether a save or confirmation from before to after is the office's first
// confirmation of an entry whose note (unchanged by it) came from public sources: the web
// console asks to check it too.
func NoteToCheck(before, after directory.Office) bool {
	return before.ConfirmedAt == nil && after.ConfirmedAt != nil && before.Note != "" && after.Note == before.Note
}

// confirmReminder confirms the office a reminder names with one tap on the reminder itself.
func (e *Engine) confirmReminder(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	o, err := e.confirmOffice(ctx, m, p.office)
	if err != nil {
		return err
	}
	m.Flow = m.Flow.then(Flow{})
	out.Events = append(out.Events, dialog.Event{Kind: dialog.EventOfficeConfirmed})
	out.Edit = &dialog.Message{Lines: append([]text{t("staff.reminder_done", "Office", dialog.Raw(o.Name), "Date", date(*o.ConfirmedAt))}, noteCheck(p.office, o)...),
		Buttons: [][]button{{btn(t("staff.button.open"), codeOpen, officeRef(o.ID))}}}
	return nil
}

// confirmOffice sets the office's confirmation to today.
func (e *Engine) confirmOffice(ctx context.Context, m *Member, o directory.Office) (directory.Office, error) {
	today := e.today()
	o.ConfirmedAt = &today
	if _, err := e.Store.UpdateOffice(ctx, ActorOf(m), o); err != nil {
		return o, err
	}
	return o, nil
}

// commit stores after, an edit of one field of before, renews the entry's confirmation (a
// counsellor who saves a value has looked at the entry) and shows the card with what
// happened, in place of the tapped message or, after typed input, as a new one.
func (e *Engine) commit(ctx context.Context, m *Member, before, after directory.Office, f Field, inPlace bool, out *dialog.Output) error {
	changed := !slices.Equal(directory.Record(&before), directory.Record(&after))
	today := e.today()
	after.ConfirmedAt = &today
	if _, err := e.Store.UpdateOffice(ctx, ActorOf(m), after); err != nil {
		return err
	}
	m.Flow = m.Flow.then(Flow{Office: after.ID})
	head := t("staff.unchanged")
	if changed {
		head = t("staff.saved")
		out.Events = append(out.Events, dialog.Event{Kind: dialog.EventOfficeEdited, Dims: map[string]string{"field": string(f)}})
	}
	fresh, err := e.Store.Office(ctx, after.ID)
	if err != nil {
		return err
	}
	e.showCard(&fresh, inPlace, out, append([]text{head}, noteCheck(before, fresh)...)...)
	return nil
}

// ReminderMessage asks an office's counsellors to check its entry: one tap confirms it as it
// is, another opens it.
func ReminderMessage(o *directory.Office) dialog.Message {
	line := t("staff.reminder_never", "Office", dialog.Raw(o.Name))
	if o.ConfirmedAt != nil {
		line = t("staff.reminder", "Office", dialog.Raw(o.Name), "Date", date(*o.ConfirmedAt))
	}
	return dialog.Message{Lines: []text{line}, Buttons: [][]button{
		{btn(t("staff.button.confirm"), codeConfirmRef, officeRef(o.ID))},
		{btn(t("staff.button.open"), codeOpen, officeRef(o.ID))},
	}}
}
