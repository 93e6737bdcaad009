package staff

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// Changing one field of an office: the card turns into the question (or the toggles, or the
// choices) in place; a typed value is shown back as understood, to save or cancel; a saved
// value turns the preview back into the card. A choice that is one tap is saved at once.

// editField starts changing one field, in place of the card.
func (e *Engine) editField(_ context.Context, m *Member, p press, out *dialog.Output) error {
	f := Field(p.arg)
	if !slices.Contains(Fields, f) {
		denied(m, out)
		return nil
	}
	m.Flow = m.Flow.then(Flow{Office: p.office.ID, Field: f})
	var msg dialog.Message
	switch f {
	case FieldLanguages:
		m.Flow.Set = slices.Clone(p.office.Languages)
		m.Flow.Had = slices.Clone(p.office.Languages)
		msg = e.toggles(m, f)
	case FieldTopics:
		for _, tp := range p.office.Topics {
			m.Flow.Set = append(m.Flow.Set, string(tp))
		}
		msg = e.toggles(m, f)
	case FieldNotes:
		m.Flow.Set = slices.Clone(p.office.NoteKeys)
		msg = e.toggles(m, f)
	case FieldAccepting:
		msg = capacityChoices()
	case FieldClosed:
		msg = e.askClosed(&p.office)
	default:
		msg = ask(f)
	}
	out.Edit = &msg
	return nil
}

// ask asks for a typed value.
func ask(f Field) dialog.Message {
	return dialog.Message{Lines: []text{t("staff.ask." + string(f))},
		Buttons: [][]button{{cancelButton()}}}
}

// toggleLanguage ticks or unticks a language: one offered, or one the office has or had.
func (e *Engine) toggleLanguage(_ context.Context, m *Member, p press, out *dialog.Output) error {
	valid := slices.Contains(e.languageOptions(m.Flow.Set, m.Flow.Had), p.arg)
	e.toggle(m, FieldLanguages, p.arg, valid, out)
	return nil
}

// toggleTopic ticks or unticks a topic.
func (e *Engine) toggleTopic(_ context.Context, m *Member, p press, out *dialog.Output) error {
	e.toggle(m, FieldTopics, p.arg, directory.Topic(p.arg).Valid(), out)
	return nil
}

// toggleNote ticks or unticks a note of the library; ticking one unticks its opposite
// ("only with an appointment" and "drop-in hours": see directory.OppositeNotes).
func (e *Engine) toggleNote(_ context.Context, m *Member, p press, out *dialog.Output) error {
	valid := slices.Contains(directory.NoteKeys, p.arg)
	if o := directory.OppositeNote(p.arg); valid && m.Flow.Field == FieldNotes && o != "" && !slices.Contains(m.Flow.Set, p.arg) {
		m.Flow.Set = slices.DeleteFunc(m.Flow.Set, func(k string) bool { return k == o })
	}
	e.toggle(m, FieldNotes, p.arg, valid, out)
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

// toggles shows the languages, topics or notes with ticks; a tap toggles one, Save keeps them.
func (e *Engine) toggles(m *Member, f Field) dialog.Message {
	msg := dialog.Message{Lines: []text{t("staff.ask." + string(f))}}
	var options []string
	var label func(string) text
	c, perRow := codeToggleLanguage, 2
	switch f {
	case FieldLanguages:
		msg.Lines = append(msg.Lines, t("staff.languages_reach"))
		options, label = e.languageOptions(m.Flow.Set, m.Flow.Had), languageLabel
	case FieldTopics:
		c, perRow = codeToggleTopic, 1 // topic names are long in several languages
		for _, tp := range directory.Topics {
			options = append(options, string(tp))
		}
		label = func(v string) text { return conversation.TopicLabel(directory.Topic(v)) }
	default:
		c, perRow = codeToggleNote, 1
		options, label = directory.NoteKeys, conversation.NoteLabel
	}
	var row []button
	for _, opt := range options {
		l := label(opt)
		if slices.Contains(m.Flow.Set, opt) {
			l = dialog.Join(" ", dialog.Raw("✅"), l)
		}
		row = append(row, btn(l, c, opt))
		if len(row) == perRow {
			msg.Buttons = append(msg.Buttons, row)
			row = nil
		}
	}
	if row != nil {
		msg.Buttons = append(msg.Buttons, row)
	}
	msg.Buttons = append(msg.Buttons, saveRow(f, ""))
	return msg
}

// languageOptions are the counselling languages offered as toggles (LanguageOptions).
func (e *Engine) languageOptions(set, had []string) []string {
	return LanguageOptions(e.Languages, set, had)
}

// LanguageOptions are the counselling languages offered to tick, in the bot and in the web
// console's office form: the shipped ones, Farsi beside Dari (both reach the newcomers who
// read the Dari/Farsi catalog, but a counsellor speaks one or both), and any other the office
// lists (set) or listed when the toggles were first shown (had).
func LanguageOptions(shipped, set, had []string) []string {
	var options []string
	for _, l := range shipped {
		options = append(options, l)
		if l == "fa-AF" && !slices.Contains(shipped, "fa") {
			options = append(options, "fa")
		}
	}
	for _, l := range slices.Concat(had, set) {
		if !slices.Contains(options, l) {
			options = append(options, l)
		}
	}
	return options
}

// languageLabel names a counselling language by its name in the reader's language (Dari and
// Farsi as such: i18n's LanguageName).
func languageLabel(tag string) text { return text{Language: tag} }

// saveRow is the row of Save and Cancel under the toggles of field f, or the preview of its
// value. Save names the field, and a preview's value by a short hash (saveArg), so that an
// older preview's Save, tapped after another field or value was typed, saves nothing.
func saveRow(f Field, value string) []button {
	return []button{btn(t("staff.button.save"), codeSave, saveArg(f, value)), cancelButton()}
}

// saveArg is the argument of a Save button: the field, and for a preview its value's hash.
func saveArg(f Field, value string) string {
	if value == "" {
		return string(f)
	}
	h := sha256.Sum256([]byte(value))
	return string(f) + ":" + hex.EncodeToString(h[:4])
}

// preview shows a valid new value as it was understood, to save or cancel.
func (e *Engine) preview(f Field, value string) dialog.Message {
	var line text
	switch {
	case f == FieldHours && value != "":
		line = t("staff.preview_hours", "Hours", *conversation.HoursText(value))
	case f == FieldClosed:
		line = e.closedPreview(value)
	case value == "":
		line = t("staff.preview", "Field", t("staff.field."+string(f)), "Value", t("staff.empty"))
	default:
		line = t("staff.preview", "Field", t("staff.field."+string(f)), "Value", dialog.Raw(value))
	}
	return dialog.Message{Lines: []text{line}, Buttons: [][]button{saveRow(f, value)}}
}

// typed handles a typed value (or a shared location) for the field being edited: invalid
// input is explained and asked again, valid input is shown back as understood.
func (e *Engine) typed(ctx context.Context, m *Member, lang string, in dialog.Input, out *dialog.Output) error {
	f := m.Flow.Field
	if f == FieldName {
		return e.typedName(ctx, m, in, out)
	}
	if !m.Allowed(ActionEditOffice, m.Flow.Office) {
		denied(m, out)
		return nil
	}
	switch f {
	case FieldLanguages, FieldTopics, FieldNotes:
		out.Messages = append(out.Messages, say(t("use_buttons")))
		return nil
	case FieldAccepting:
		return e.typedWeeks(ctx, m, lang, in, out)
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
	normalized, err := e.normalize(f, value)
	if err == nil && f == FieldPosition && normalized != "" {
		normalized, err = e.nearPostcode(ctx, m.Flow.Office, normalized)
	}
	if err == nil && f == FieldAddress && normalized != "" {
		err = e.addressNearPosition(ctx, m.Flow.Office, normalized)
	}
	if err == nil && f == FieldClosed && normalized != "" {
		normalized = e.keepClosureStart(ctx, m.Flow.Office, value, normalized)
	}
	if err != nil {
		out.Messages = append(out.Messages, say(invalidText(err)), e.reask(ctx, m, f))
		return nil
	}
	m.Flow.Pending = normalized
	out.Messages = append(out.Messages, e.preview(f, normalized))
	return nil
}

// nearPostcode checks a position (as normalize writes it) against the office's postcode
// (directory.Centre.Check): one with latitude and longitude swapped is taken the right way
// round, which the preview shows before it is saved; one far off is refused.
func (e *Engine) nearPostcode(ctx context.Context, officeID, position string) (string, error) {
	if e.Near == nil {
		return position, nil
	}
	o, err := e.Store.Office(ctx, officeID)
	if err != nil {
		return position, nil // the save checks the office again
	}
	if o.Latitude, o.Longitude, err = parsePosition(position); err != nil {
		return "", err
	}
	var inv *directory.Invalid
	switch err := e.Near.Check(&o); {
	case err == nil:
		return position, nil
	case errors.As(err, &inv) && inv.Code == "position_swapped":
		return strconv.FormatFloat(*o.Longitude, 'f', -1, 64) + ", " + strconv.FormatFloat(*o.Latitude, 'f', -1, 64), nil
	default:
		return "", err
	}
}

// addressNearPosition checks a new address's postcode against the office's position on the
// map, as the web form and imports check the two together: an address in another town with
// the map point left in this one would be shown to newcomers with the wrong distance, and
// refused by the next import of the directory's export. A new position is then set first.
func (e *Engine) addressNearPosition(ctx context.Context, officeID, address string) error {
	if e.Near == nil {
		return nil
	}
	o, err := e.Store.Office(ctx, officeID)
	if err != nil || o.Latitude == nil || o.Longitude == nil {
		return nil // the save checks the office again; no position, nothing to disagree with
	}
	if o.Street, o.Postcode, o.City, err = parseAddress(address); err != nil {
		return err
	}
	var inv *directory.Invalid
	if err := e.Near.Check(&o); errors.As(err, &inv) && inv.Code == "position_far" {
		return err
	}
	return nil
}

// keepClosureStart keeps the first day of a closure still to come when only a new last day is
// typed ("bis 08.01." to move its end, as the question asks): without it the closure would
// begin today, weeks early. A closure to begin now is typed with today as its first day.
func (e *Engine) keepClosureStart(ctx context.Context, officeID, typed, closure string) string {
	first, last, err := readClosure(closure)
	if err != nil || first != nil || len(typedDates(typed)) != 1 {
		return closure
	}
	o, err := e.Store.Office(ctx, officeID)
	if err != nil || !o.ClosureAhead(e.today()) || o.ClosedFrom.After(last) {
		return closure
	}
	return closureValue(o.ClosedFrom, last)
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

// reask is the question of field f again, after a value that could not be read.
func (e *Engine) reask(ctx context.Context, m *Member, f Field) dialog.Message {
	if f == FieldClosed {
		if o, err := e.Store.Office(ctx, m.Flow.Office); err == nil {
			return e.askClosed(&o)
		}
	}
	return ask(f)
}

// invalidText explains why a typed value was refused, in the reader's language.
func invalidText(err error) text {
	var inv *directory.Invalid
	if !errors.As(err, &inv) {
		return t("staff.invalid", "Reason", t("invalid.control"))
	}
	if inv.Code == "hours" {
		return t("staff.invalid_hours", "Word", dialog.LTR(inv.Value))
	}
	return t("staff.invalid", "Reason", t("invalid."+invalidCode(inv.Code)))
}

// saveTapped stores the value previewed, or the ticks, into the office, in place of the
// preview or the toggles.
func (e *Engine) saveTapped(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	if m.Flow.Field == "" || p.arg != saveArg(m.Flow.Field, m.Flow.Pending) {
		// The Save of another field's or another value's preview: it saves nothing, and what
		// is being edited now comes again.
		staleTap(out)
		switch f := m.Flow.Field; {
		case f == FieldLanguages || f == FieldTopics || f == FieldNotes:
			out.Messages = append(out.Messages, e.toggles(m, f))
		case m.Flow.Pending != "":
			out.Messages = append(out.Messages, e.preview(f, m.Flow.Pending))
		case f != "":
			out.Messages = append(out.Messages, e.reask(ctx, m, f))
		default:
			return e.openOffice(ctx, m, m.Flow.Office, false, out)
		}
		return nil
	}
	o := p.office
	known, err := setField(&o, m.Flow.Field, m.Flow.Pending, m.Flow.Set)
	if !known {
		denied(m, out)
		return nil
	}
	if err != nil {
		return fmt.Errorf("staff: a confirmed value no longer parses: %w", err)
	}
	return e.commit(ctx, m, p.office, o, m.Flow.Field, true, out)
}
