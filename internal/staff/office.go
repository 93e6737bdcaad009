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
		msg.Buttons = append(msg.Buttons, []button{{Label: dialog.Raw(o.Name), Data: "s:o:" + officeRef(o.ID)}})
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
		row = append(row, button{Label: label, Data: "s:e:" + string(f)})
		if len(row) == 2 {
			msg.Buttons = append(msg.Buttons, row)
			row = nil
		}
	}
	if row != nil {
		msg.Buttons = append(msg.Buttons, row)
	}
	msg.Buttons = append(msg.Buttons, []button{{Label: t("staff.button.confirm"), Data: "s:ok"}},
		[]button{{Label: t("staff.button.close"), Data: "s:x"}})
	return msg
}

func acceptingLabel(v *bool) text {
	switch {
	case v == nil:
		return t("staff.accepting.unknown")
	case *v:
		return t("staff.accepting.yes")
	}
	return t("staff.accepting.no")
}

// choice handles a staff button. Unknown or forged data is refused like a stale button.
func (e *Engine) choice(ctx context.Context, m *Member, data string, out *dialog.Output) error {
	action, arg, _ := strings.Cut(data, ":")
	switch action {
	case "o":
		o, ok, err := e.resolveOffice(ctx, arg)
		if err != nil {
			return err
		}
		if !ok {
			denied(m, out)
			return nil
		}
		return e.openOffice(ctx, m, o.ID, out)
	case "x":
		m.Flow = Flow{}
		out.Messages = append(out.Messages, say(t("staff.cancelled")))
		return nil
	case "st":
		if !m.Allowed(ActionReadStats, "") || e.Reports == nil {
			denied(m, out)
			return nil
		}
		return e.report(ctx, arg, out)
	case "e", "tl", "tt", "acc", "save", "ok":
		if m.Flow.Office == "" || !m.Allowed(ActionEditOffice, m.Flow.Office) {
			denied(m, out)
			return nil
		}
		return e.edit(ctx, m, action, arg, out)
	}
	return e.admin(ctx, m, action, arg, out)
}

// edit handles the buttons of one office's menu; the office is the one in the flow, already
// authorised.
func (e *Engine) edit(ctx context.Context, m *Member, action, arg string, out *dialog.Output) error {
	o, err := e.Store.Office(ctx, m.Flow.Office)
	if err != nil {
		return err
	}
	switch action {
	case "ok":
		today := e.today()
		o.ConfirmedAt = &today
		if _, err := e.Store.UpdateOffice(ctx, ActorOf(m), o); err != nil {
			return err
		}
		m.Flow = Flow{Office: o.ID}
		out.Messages = append(out.Messages, say(t("staff.confirmed", "Date", dialog.LTR(today.Format("02.01.2006")))))
		out.Events = append(out.Events, dialog.Event{Kind: dialog.EventOfficeConfirmed})
		return nil
	case "e":
		f := Field(arg)
		if !slices.Contains(Fields, f) {
			denied(m, out)
			return nil
		}
		m.Flow = Flow{Office: o.ID, Field: f}
		switch f {
		case FieldLanguages:
			m.Flow.Set = slices.Clone(o.Languages)
			out.Messages = append(out.Messages, e.toggles(m, FieldLanguages))
		case FieldTopics:
			for _, tp := range o.Topics {
				m.Flow.Set = append(m.Flow.Set, string(tp))
			}
			out.Messages = append(out.Messages, e.toggles(m, FieldTopics))
		case FieldAccepting:
			out.Messages = append(out.Messages, dialog.Message{Lines: []text{t("staff.ask.accepting")}, Buttons: [][]button{
				{{Label: t("staff.accepting.yes"), Data: "s:acc:true"}, {Label: t("staff.accepting.no"), Data: "s:acc:false"}},
				{{Label: t("staff.accepting.unknown"), Data: "s:acc:"}, {Label: t("staff.button.cancel"), Data: "s:x"}},
			}})
		default:
			out.Messages = append(out.Messages, ask(f))
		}
		return nil
	case "tl", "tt":
		want := map[string]Field{"tl": FieldLanguages, "tt": FieldTopics}[action]
		valid := (want == FieldLanguages && (slices.Contains(e.Languages, arg) || slices.Contains(m.Flow.Set, arg))) ||
			(want == FieldTopics && directory.Topic(arg).Valid())
		if m.Flow.Field != want || !valid {
			denied(m, out)
			return nil
		}
		if i := slices.Index(m.Flow.Set, arg); i >= 0 {
			m.Flow.Set = slices.Delete(m.Flow.Set, i, i+1)
		} else {
			m.Flow.Set = append(m.Flow.Set, arg)
		}
		edit := e.toggles(m, want)
		out.Edit = &edit
		return nil
	case "acc":
		if m.Flow.Field != FieldAccepting || (arg != "true" && arg != "false" && arg != "") {
			denied(m, out)
			return nil
		}
		m.Flow.Pending = arg
		out.Messages = append(out.Messages, preview(FieldAccepting, arg))
		return nil
	case "save":
		return e.save(ctx, m, o, out)
	}
	return nil
}

// ask asks for a typed value.
func ask(f Field) dialog.Message {
	return dialog.Message{Lines: []text{t("staff.ask." + string(f))},
		Buttons: [][]button{{{Label: t("staff.button.cancel"), Data: "s:x"}}}}
}

// toggles shows the languages or topics with ticks; a tap toggles one, Save keeps them.
func (e *Engine) toggles(m *Member, f Field) dialog.Message {
	msg := dialog.Message{Lines: []text{t("staff.ask." + string(f))}}
	var options []string
	prefix := "s:tl:"
	if f == FieldLanguages {
		options = slices.Clone(e.Languages)
		for _, l := range m.Flow.Set {
			if !slices.Contains(options, l) {
				options = append(options, l)
			}
		}
	} else {
		prefix = "s:tt:"
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
		row = append(row, button{Label: label, Data: prefix + opt})
		if len(row) == 2 {
			msg.Buttons = append(msg.Buttons, row)
			row = nil
		}
	}
	if row != nil {
		msg.Buttons = append(msg.Buttons, row)
	}
	msg.Buttons = append(msg.Buttons, []button{{Label: t("staff.button.save"), Data: "s:save"}, {Label: t("staff.button.cancel"), Data: "s:x"}})
	return msg
}

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
		Buttons: [][]button{{{Label: t("staff.button.save"), Data: "s:save"}, {Label: t("staff.button.cancel"), Data: "s:x"}}},
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

// invalidCode maps validation codes to the catalog's explanations.
func invalidCode(code string) string {
	switch code {
	case "required", "postcode", "email", "website", "phone", "latitude", "longitude", "hours", "too_long", "address":
		return code
	case "position":
		return "latitude"
	}
	return "control"
}

// normalize validates a typed value with the directory file's rules and returns it as stored.
// "-" empties a field.
func normalize(f Field, value string) (string, error) {
	if value == "-" && f != FieldName {
		return "", nil
	}
	switch f {
	case FieldPhone:
		return directory.ParsePhone(value)
	case FieldEmail:
		return directory.ParseEmail(value)
	case FieldWebsite:
		if !strings.Contains(value, "://") && strings.Contains(value, ".") {
			value = "https://" + value
		}
		return directory.ParseWebsite(value)
	case FieldAddress:
		street, postcode, city, err := parseAddress(value)
		if err != nil {
			return "", err
		}
		return strings.TrimSpace(fmt.Sprintf("%s, %s %s", street, postcode, city)), nil
	case FieldPosition:
		lat, lon, err := parsePosition(value)
		if err != nil {
			return "", err
		}
		return strconv.FormatFloat(*lat, 'f', -1, 64) + ", " + strconv.FormatFloat(*lon, 'f', -1, 64), nil
	case FieldHours:
		if _, err := directory.ParseOpeningHours(value); err != nil {
			return "", err
		}
		return value, nil
	case FieldNote:
		return directory.ParseText(value, 500, false, true)
	case FieldName:
		return directory.ParseText(value, 200, true, false)
	}
	return "", &directory.Invalid{Code: "control"}
}

// parseAddress reads "street and number, postcode city".
func parseAddress(value string) (street, postcode, city string, err error) {
	i := strings.LastIndex(value, ",")
	if i < 0 {
		return "", "", "", &directory.Invalid{Code: "address"}
	}
	street, rest := strings.TrimSpace(value[:i]), strings.Fields(value[i+1:])
	if len(rest) < 2 {
		return "", "", "", &directory.Invalid{Code: "address"}
	}
	if street, err = directory.ParseText(street, 200, true, false); err != nil {
		return "", "", "", err
	}
	if postcode, err = directory.ParsePostcode(rest[0]); err != nil || postcode == "" {
		return "", "", "", &directory.Invalid{Code: "postcode"}
	}
	if city, err = directory.ParseText(strings.Join(rest[1:], " "), 100, true, false); err != nil {
		return "", "", "", err
	}
	return street, postcode, city, nil
}

func parsePosition(value string) (lat, lon *float64, err error) {
	a, b, ok := strings.Cut(value, ",")
	if !ok {
		return nil, nil, &directory.Invalid{Code: "latitude"}
	}
	if lat, err = directory.ParseCoordinate(strings.TrimSpace(a), 90); err != nil || lat == nil {
		return nil, nil, &directory.Invalid{Code: "latitude"}
	}
	if lon, err = directory.ParseCoordinate(strings.TrimSpace(b), 180); err != nil || lon == nil {
		return nil, nil, &directory.Invalid{Code: "longitude"}
	}
	return lat, lon, nil
}

// save applies the confirmed value to the office and stores it, with an audit row per field.
func (e *Engine) save(ctx context.Context, m *Member, o directory.Office, out *dialog.Output) error {
	f, v := m.Flow.Field, m.Flow.Pending
	var err error
	switch f {
	case FieldPhone:
		o.Phone = v
	case FieldEmail:
		o.Email = v
	case FieldWebsite:
		o.Website = v
	case FieldAddress:
		o.Street, o.Postcode, o.City = "", "", ""
		if v != "" {
			o.Street, o.Postcode, o.City, err = parseAddress(v)
		}
	case FieldPosition:
		o.Latitude, o.Longitude = nil, nil
		if v != "" {
			o.Latitude, o.Longitude, err = parsePosition(v)
		}
	case FieldHours:
		o.OpeningHours = v
	case FieldNote:
		o.Note = v
	case FieldAccepting:
		o.AcceptingNewClients, err = directory.ParseBool(v)
	case FieldLanguages:
		o.Languages, err = directory.ParseLanguages(strings.Join(m.Flow.Set, " "))
	case FieldTopics:
		o.Topics, err = directory.ParseTopics(strings.Join(m.Flow.Set, " "))
	default:
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
	return dialog.Message{Lines: []text{line}, Buttons: [][]button{{{Label: t("staff.button.open"), Data: "s:o:" + officeRef(o.ID)}}}}
}
