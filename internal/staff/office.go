package staff

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

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
		return e.openOffice(ctx, m, ids[0], out)
	}
	msg := say(t("staff.pick_office"))
	for _, id := range ids {
		o, err := e.Store.Office(ctx, id)
		if err != nil {
			return err
		}
		msg.Buttons = append(msg.Buttons, []button{btn(dialog.Raw(o.Name), codeOpen, officeRef(o.ID))})
	}
	out.Messages = append(out.Messages, msg)
	return nil
}

// openOffice shows an office as newcomers see it, with the buttons to change it.
func (e *Engine) openOffice(ctx context.Context, m *Member, id string, out *dialog.Output) error {
	if !m.Allowed(ActionEditOffice, id) {
		denied(m, out)
		return nil
	}
	o, err := e.Store.Office(ctx, id)
	if err != nil {
		return err
	}
	m.Flow = Flow{Office: id}
	out.Messages = append(out.Messages, officeCard(&o))
	return nil
}

// officeCard shows an office as newcomers see it, with a button per field, Confirm and Close.
func officeCard(o *directory.Office) dialog.Message {
	lines := conversation.OfficeLines(directory.Match{Office: *o}, 0, false)
	if o.Archived {
		lines = append(lines, t("staff.archived_note"))
	}
	lines = append(lines, dialog.Raw(""), t("staff.office_menu"))
	msg := dialog.Message{Lines: lines}
	var row []button
	for _, f := range Fields {
		label := t("staff.field." + string(f))
		if f == FieldAccepting {
			label = acceptingLabel(o.AcceptingNewClients)
		}
		row = append(row, btn(label, codeEdit, string(f)))
		if len(row) == 2 {
			msg.Buttons = append(msg.Buttons, row)
			row = nil
		}
	}
	if row != nil {
		msg.Buttons = append(msg.Buttons, row)
	}
	msg.Buttons = append(msg.Buttons, []button{btn(t("staff.button.confirm"), codeConfirm)},
		[]button{btn(t("staff.button.close"), codeCancel)})
	return msg
}

// acceptingLabel says whether an office accepts new clients, or that it is not known.
func acceptingLabel(v *bool) text {
	switch {
	case v == nil:
		return t("staff.accepting.unknown")
	case *v:
		return t("staff.accepting.yes")
	}
	return t("staff.accepting.no")
}

// The handlers of the office buttons (see taps). choice has checked the permission of each
// and loaded the office it is about.

// openTapped opens the office a button names.
func (e *Engine) openTapped(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	return e.openOffice(ctx, m, p.office.ID, out)
}

// cancel leaves whatever the member was doing.
func (e *Engine) cancel(_ context.Context, m *Member, _ press, out *dialog.Output) error {
	m.Flow = Flow{}
	out.Messages = append(out.Messages, say(t("staff.cancelled")))
	return nil
}

// confirm records that the office's entry is current today.
func (e *Engine) confirm(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	o := p.office
	today := e.today()
	o.ConfirmedAt = &today
	if _, err := e.Store.UpdateOffice(ctx, ActorOf(m), o); err != nil {
		return err
	}
	m.Flow = Flow{Office: o.ID}
	out.Messages = append(out.Messages, say(t("staff.confirmed", "Date", dialog.LTR(today.Format("02.01.2006")))))
	out.Events = append(out.Events, dialog.Event{Kind: dialog.EventOfficeConfirmed})
	return nil
}

// editField starts changing one field: toggles for languages and topics, three buttons for
// accepting new clients, a question for a typed value otherwise.
func (e *Engine) editField(_ context.Context, m *Member, p press, out *dialog.Output) error {
	f := Field(p.arg)
	if !slices.Contains(Fields, f) {
		denied(m, out)
		return nil
	}
	m.Flow = Flow{Office: p.office.ID, Field: f}
	switch f {
	case FieldLanguages:
		m.Flow.Set = slices.Clone(p.office.Languages)
		out.Messages = append(out.Messages, e.toggles(m, FieldLanguages))
	case FieldTopics:
		for _, tp := range p.office.Topics {
			m.Flow.Set = append(m.Flow.Set, string(tp))
		}
		out.Messages = append(out.Messages, e.toggles(m, FieldTopics))
	case FieldAccepting:
		out.Messages = append(out.Messages, askAccepting())
	default:
		out.Messages = append(out.Messages, ask(f))
	}
	return nil
}

// askAccepting asks whether the office accepts new clients.
func askAccepting() dialog.Message {
	return dialog.Message{Lines: []text{t("staff.ask.accepting")}, Buttons: [][]button{
		{btn(t("staff.accepting.yes"), codeAccepting, "true"), btn(t("staff.accepting.no"), codeAccepting, "false")},
		{btn(t("staff.accepting.unknown"), codeAccepting, ""), cancelButton()},
	}}
}

// toggleLanguage ticks or unticks a language: one offered, or one the office already has.
func (e *Engine) toggleLanguage(_ context.Context, m *Member, p press, out *dialog.Output) error {
	valid := slices.Contains(e.Languages, p.arg) || slices.Contains(m.Flow.Set, p.arg)
	e.toggle(m, FieldLanguages, p.arg, valid, out)
	return nil
}

// toggleTopic ticks or unticks a topic.
func (e *Engine) toggleTopic(_ context.Context, m *Member, p press, out *dialog.Output) error {
	e.toggle(m, FieldTopics, p.arg, directory.Topic(p.arg).Valid(), out)
	return nil
}

// toggle ticks or unticks value among the toggles of field f and edits the message in place;
// a value not offered, or a field not being edited, is refused.
func (e *Engine) toggle(m *Member, f Field, value string, valid bool, out *dialog.Output) {
	if m.Flow.Field != f || !valid {
		denied(m, out)
		return
	}
	if i := slices.Index(m.Flow.Set, value); i >= 0 {
		m.Flow.Set = slices.Delete(m.Flow.Set, i, i+1)
	} else {
		m.Flow.Set = append(m.Flow.Set, value)
	}
	edit := e.toggles(m, f)
	out.Edit = &edit
}

// accepting takes the answer of askAccepting and previews it.
func (e *Engine) accepting(_ context.Context, m *Member, p press, out *dialog.Output) error {
	if m.Flow.Field != FieldAccepting || (p.arg != "true" && p.arg != "false" && p.arg != "") {
		denied(m, out)
		return nil
	}
	m.Flow.Pending = p.arg
	out.Messages = append(out.Messages, preview(FieldAccepting, p.arg))
	return nil
}

// saveTapped stores the value previewed, or the ticks, into the office.
func (e *Engine) saveTapped(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	return e.save(ctx, m, p.office, out)
}

// ask asks for a typed value.
func ask(f Field) dialog.Message {
	return dialog.Message{Lines: []text{t("staff.ask." + string(f))},
		Buttons: [][]button{{cancelButton()}}}
}

// toggles shows the languages or topics with ticks; a tap toggles one, Save keeps them.
func (e *Engine) toggles(m *Member, f Field) dialog.Message {
	msg := dialog.Message{Lines: []text{t("staff.ask." + string(f))}}
	var options []string
	c := codeToggleLanguage
	if f == FieldLanguages {
		options = slices.Clone(e.Languages)
		for _, l := range m.Flow.Set {
			if !slices.Contains(options, l) {
				options = append(options, l)
			}
		}
	} else {
		c = codeToggleTopic
		for _, tp := range directory.Topics {
			options = append(options, string(tp))
		}
	}
	var row []button
	for _, opt := range options {
		var label text
		if f == FieldLanguages {
			label = text{Language: opt}
		} else {
			label = conversation.TopicLabel(directory.Topic(opt))
		}
		if slices.Contains(m.Flow.Set, opt) {
			label = dialog.Join(" ", dialog.Raw("✅"), label)
		}
		row = append(row, btn(label, c, opt))
		if len(row) == 2 {
			msg.Buttons = append(msg.Buttons, row)
			row = nil
		}
	}
	if row != nil {
		msg.Buttons = append(msg.Buttons, row)
	}
	msg.Buttons = append(msg.Buttons, saveRow())
	return msg
}

// saveRow is the row of Save and Cancel under toggles and previews.
func saveRow() []button { return []button{btn(t("staff.button.save"), codeSave), cancelButton()} }

// preview shows a valid new value, to save or cancel.
func preview(f Field, value string) dialog.Message {
	shown := dialog.Raw(value)
	switch {
	case f == FieldAccepting:
		b, _ := directory.ParseBool(value)
		shown = acceptingLabel(b)
	case value == "":
		shown = t("staff.empty")
	}
	return dialog.Message{
		Lines:   []text{t("staff.preview", "Field", t("staff.field."+string(f)), "Value", shown)},
		Buttons: [][]button{saveRow()},
	}
}

// typed handles a typed value (or a shared location) for the field being edited: invalid
// input is explained and asked again, valid input is previewed for confirmation.
func (e *Engine) typed(ctx context.Context, m *Member, in dialog.Input, out *dialog.Output) error {
	f := m.Flow.Field
	if f == FieldName {
		return e.typedName(ctx, m, in, out)
	}
	if !m.Allowed(ActionEditOffice, m.Flow.Office) {
		denied(m, out)
		return nil
	}
	if f == FieldLanguages || f == FieldTopics || f == FieldAccepting {
		out.Messages = append(out.Messages, say(t("use_buttons")))
		return nil
	}
	if refusedTyped(in, f, out) {
		return nil
	}
	value := strings.TrimSpace(in.Text)
	if f != FieldNote {
		value = conversation.NormalizeDigits(value)
	}
	if in.Kind == dialog.InputLocation {
		if f != FieldPosition {
			out.Messages = append(out.Messages, say(t("use_buttons")), ask(f))
			return nil
		}
		value = strconv.FormatFloat(in.Lat, 'f', -1, 64) + ", " + strconv.FormatFloat(in.Lon, 'f', -1, 64)
	}
	normalized, err := normalize(f, value)
	if err != nil {
		var inv *directory.Invalid
		code := "control"
		if errors.As(err, &inv) {
			code = inv.Code
		}
		out.Messages = append(out.Messages, say(t("staff.invalid", "Reason", t("invalid."+invalidCode(code)))), ask(f))
		return nil
	}
	m.Flow.Pending = normalized
	out.Messages = append(out.Messages, preview(f, normalized))
	return nil
}

// refusedTyped answers typed text that the bot does not read at all (not UTF-8, control
// characters, too long; conversation.CheckTyped, as for newcomers) and asks for f again.
func refusedTyped(in dialog.Input, f Field, out *dialog.Output) bool {
	if in.Kind != dialog.InputText {
		return false
	}
	reason, answer := conversation.CheckTyped(in.Text)
	if reason == "" {
		return false
	}
	out.Messages = append(out.Messages, say(answer), ask(f))
	return true
}

// save applies the confirmed value to the office and stores it, with an audit row per field.
func (e *Engine) save(ctx context.Context, m *Member, o directory.Office, out *dialog.Output) error {
	f := m.Flow.Field
	known, err := setField(&o, f, m.Flow.Pending, m.Flow.Set)
	if !known {
		denied(m, out)
		return nil
	}
	if err != nil {
		return fmt.Errorf("staff: a confirmed value no longer parses: %w", err)
	}
	changes, err := e.Store.UpdateOffice(ctx, ActorOf(m), o)
	if err != nil {
		return err
	}
	m.Flow = Flow{Office: o.ID}
	if len(changes) == 0 {
		out.Messages = append(out.Messages, say(t("staff.unchanged")))
	} else {
		out.Messages = append(out.Messages, say(t("staff.saved")))
		out.Events = append(out.Events, dialog.Event{Kind: dialog.EventOfficeEdited, Dims: map[string]string{"field": string(f)}})
	}
	fresh, err := e.Store.Office(ctx, o.ID)
	if err != nil {
		return err
	}
	out.Messages = append(out.Messages, officeCard(&fresh))
	return nil
}

// ReminderMessage asks an office's counsellors to check its entry, with a button to open it.
func ReminderMessage(o *directory.Office) dialog.Message {
	line := t("staff.reminder_never", "Office", dialog.Raw(o.Name))
	if o.ConfirmedAt != nil {
		line = t("staff.reminder", "Office", dialog.Raw(o.Name), "Date", dialog.LTR(o.ConfirmedAt.Format("02.01.2006")))
	}
	return dialog.Message{Lines: []text{line}, Buttons: [][]button{{btn(t("staff.button.open"), codeOpen, officeRef(o.ID))}}}
}
