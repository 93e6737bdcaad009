package staff

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/handover"
)

// An office's history, in words: who changed what and when. The audit log holds one row per
// field; the rows one actor wrote in one transaction (same time, same actor, same office) are
// one change here, and an import is one line however many fields it changed.

// change is the audit rows of one save, one confirmation or one import for one office.
type change struct {
	at, actor, office string
	when              time.Time
	rows              []AuditEntry
}

// Limits of the history shown.
const (
	officeHistory  = 12  // changes in an office's history
	logOffices     = 8   // offices in the admin's latest changes
	logPerOffice   = 3   // changes per office there
	auditReadLimit = 400 // audit rows read for either
)

// history shows the office's latest changes, newest first, under its card's buttons.
func (e *Engine) history(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	entries, err := e.Store.Audit(ctx, p.office.ID, time.Time{}, auditReadLimit)
	if err != nil {
		return err
	}
	changes := group(entries)
	msg := say(t("staff.history.title", "Office", dialog.Raw(p.office.Name)))
	if len(changes) == 0 {
		msg.Lines = append(msg.Lines, t("staff.admin.no_changes"))
	}
	for i := len(changes) - 1; i >= 0 && i >= len(changes)-officeHistory; i-- {
		msg.Lines = append(msg.Lines, e.changeLines(changes[i], p.office.Name)...)
	}
	msg.Buttons = [][]button{{btn(t("staff.button.back"), codeOpen, officeRef(p.office.ID))}}
	m.Flow = m.Flow.then(Flow{Office: p.office.ID})
	out.Edit = &msg
	return nil
}

// auditLog shows the latest changes to the directory, per office: the offices changed last
// first, each with its latest changes.
func (e *Engine) auditLog(ctx context.Context, _ *Member, _ press, out *dialog.Output) error {
	entries, err := e.Store.Audit(ctx, "", time.Time{}, auditReadLimit)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		out.Messages = append(out.Messages, say(t("staff.admin.no_changes")))
		return nil
	}
	names, err := e.officeNames(ctx)
	if err != nil {
		return err
	}
	byOffice := map[string][]change{}
	var order []string
	changes := group(entries)
	for i := len(changes) - 1; i >= 0; i-- {
		c := changes[i]
		if _, seen := byOffice[c.office]; !seen {
			order = append(order, c.office)
		}
		byOffice[c.office] = append(byOffice[c.office], c)
	}
	msg := say(t("staff.admin.changes"))
	for _, id := range order[:min(len(order), logOffices)] {
		name := names[id]
		if name == "" {
			name = id
		}
		head := dialog.Join(" ", dialog.Raw("🏢"), dialog.Raw(name))
		switch id {
		case AccessAuditID:
			head = t("staff.admin.staff") // "👥 Staff accounts": who was invited, began, was revoked
		case AreaAuditID:
			head = dialog.Join(" ", dialog.Raw("🗺"), t("staff.column.area"))
		}
		msg.Lines = append(msg.Lines, dialog.Raw(""), head)
		cs := byOffice[id]
		for _, c := range cs[:min(len(cs), logPerOffice)] {
			msg.Lines = append(msg.Lines, e.changeLines(c, name)...)
		}
	}
	out.Messages = append(out.Messages, msg)
	return nil
}

// officeNames maps every office id, archived ones too, to its name.
func (e *Engine) officeNames(ctx context.Context) (map[string]string, error) {
	offices, err := e.Store.Offices(ctx, true)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(offices))
	for _, o := range offices {
		names[o.ID] = o.Name
	}
	return names, nil
}

// group turns audit rows (oldest first) into changes, oldest first.
func group(entries []AuditEntry) []change {
	var out []change
	for _, a := range entries {
		at := a.At.UTC().Format(time.RFC3339Nano)
		if n := len(out); n > 0 && out[n-1].at == at && out[n-1].actor == a.Actor && out[n-1].office == a.OfficeID {
			out[n-1].rows = append(out[n-1].rows, a)
			continue
		}
		out = append(out, change{at: at, actor: a.Actor, office: a.OfficeID, when: a.At, rows: []AuditEntry{a}})
	}
	return out
}

// changeLines say one change to the office named office in words: one line for an import, a
// creation or a confirmation, one line per field a staff member changed.
func (e *Engine) changeLines(c change, office string) []text {
	zone := e.Zone
	if zone == nil {
		zone = time.UTC
	}
	when := dialog.LTR(c.when.In(zone).Format("02.01.2006 15:04"))
	fields := c.fields()
	created := slices.Contains(fields, "id")
	if c.actor == ImportActor.Label {
		return []text{importLine(when, fields, created)}
	}
	who := dialog.Raw(c.actor)
	switch {
	case created:
		return []text{t("staff.history.created", "When", when, "Who", who)}
	case len(fields) == 0:
		return []text{t("staff.history.confirmed", "When", when, "Who", who)}
	}
	var lines []text
	for _, f := range fields {
		r := c.row(f)
		if f == "handover" {
			lines = append(lines, t("staff.history.handover", "When", when, "Event", handoverEvent(who, office, r.New)))
			continue
		}
		switch {
		case f == "archived" && r.New == "false":
			lines = append(lines, t("staff.history.restored", "When", when, "Who", who))
		case f == "archived":
			lines = append(lines, t("staff.history.archived", "When", when, "Who", who))
		default:
			lines = append(lines, t("staff.history.change", "When", when, "Who", who, "Field", columnLabel(f),
				"Old", fieldValue(f, r.Old, shorten), "New", fieldValue(f, r.New, shorten)))
		}
	}
	return lines
}

// handoverEvent says a counsellor's (who) step in a hand-over of the office named office as
// the audit log keeps it ("taken #12", "declined: full #3", "closed #5", "blocked #7",
// "returned #9": back with the office, its counsellor gone), with the words the counsellors
// were told it in; a value it does not know is shown as kept.
func handoverEvent(who text, office, value string) text {
	how, id, _ := strings.Cut(value, " #")
	msg := map[string]string{
		"taken": "staff.handover.taken_other", string(handover.EndDeclinedFull): "staff.handover.declined",
		string(handover.EndDeclinedWrong): "staff.handover.declined", string(handover.EndClosed): "staff.handover.closed",
		string(handover.EndBlocked): "staff.handover.blocked", "returned": "staff.handover.returned",
	}[how]
	if msg == "" || id == "" {
		return dialog.Raw(value)
	}
	return t(msg, "ID", dialog.LTR(id), "Office", dialog.Raw(office), "Name", who)
}

// importLine says what one import did to an office, in one line.
func importLine(when text, fields []string, created bool) text {
	switch {
	case created:
		return t("staff.history.import_created", "When", when)
	case len(fields) == 1 && fields[0] == "archived":
		return t("staff.history.import_archived", "When", when)
	}
	labels := make([]text, len(fields))
	for i, f := range fields {
		labels[i] = columnLabel(f)
	}
	return t("staff.history.import", "When", when, "Fields", dialog.List(labels...))
}

// fields are the columns a change touched, without the confirmation date that every save
// renews (a change of nothing else is a confirmation).
func (c change) fields() []string {
	var fs []string
	for _, r := range c.rows {
		if r.Field != "confirmed_at" {
			fs = append(fs, r.Field)
		}
	}
	return fs
}

func (c change) row(field string) AuditEntry {
	for _, r := range c.rows {
		if r.Field == field {
			return r
		}
	}
	return AuditEntry{}
}

// columnLabel names a column of the directory file, "archived" or "handover" (the audit log's
// field for a counsellor's step in a hand-over) in the reader's language. The id column is
// "office_id" in the catalogs: go-i18n reserves the key "id".
func columnLabel(col string) text {
	if col == "id" {
		col = "office_id"
	}
	return t("staff.column." + col)
}

// FieldLabel names a field of the audit log in the reader's language (see columnLabel).
func FieldLabel(field string) dialog.Text { return columnLabel(field) }

// FieldValue says a value of the audit log (an entry's old or new one) in words, whole: see
// fieldValue; a counsellor's step in a hand-over as the counsellors were told it (the entry's
// actor took it, declined it, ...), office being the office's name.
func FieldValue(e AuditEntry, value, office string) dialog.Text {
	if e.Field == "handover" {
		return handoverEvent(dialog.Raw(e.Actor), office, value)
	}
	if e.Field == "opening_hours" {
		// In the reader's words and day names, one rule a line, as the bot shows counsellors
		// what it understood ("Mo–Do 09:00–12:00"), not in the stored form's English codes.
		if h := conversation.HoursText(value); h != nil {
			return *h
		}
	}
	return fieldValue(e.Field, value, func(s string) string { return s })
}

// AuditFields are the fields of the audit log: the directory file's columns, "archived" and
// "handover".
func AuditFields() []string {
	return append(slices.Clone(directory.Columns), "archived", "handover", FieldInvitation, FieldAccount)
}

// HistoryColumnIDs are the catalog ids of the audit log's field names, for the catalog tests.
func HistoryColumnIDs() []string {
	var ids []string
	for _, c := range AuditFields() {
		ids = append(ids, columnLabel(c).ID)
	}
	return ids
}

// fieldValue says an audited value in words: names for languages, topics and notes, dates
// as dates, yes and no; other values as they are, fitted by fit (the bot's history shortens
// them).
func fieldValue(col, v string, fit func(string) string) text {
	if v == "" {
		return t("staff.empty")
	}
	switch col {
	case "languages":
		return listOf(strings.Fields(v), languageLabel)
	case "topics":
		var topics []directory.Topic
		for _, f := range strings.Fields(v) {
			topics = append(topics, directory.Topic(f))
		}
		return conversation.TopicList(topics) // several quoted: a label may hold a comma
	case "notes":
		return listOf(strings.Fields(v), conversation.NoteLabel)
	case "accepting_new_clients", "archived":
		if v == "true" || v == "false" {
			return t("staff.value." + v)
		}
	case "kind":
		if directory.Kind(v).Valid() {
			return t("staff.kind." + v)
		}
	case "confirmed_at", "closed_until", "closed_from":
		if d, err := time.Parse(time.DateOnly, v); err == nil {
			return date(d)
		}
	case FieldInvitation, FieldAccount:
		if a, ok := accessText(v); ok {
			return a
		}
	}
	return dialog.LTR(fit(v))
}

func listOf(values []string, label func(string) text) text {
	parts := make([]text, len(values))
	for i, v := range values {
		parts[i] = label(v)
	}
	return dialog.List(parts...)
}

// shorten cuts a value to 40 characters for the history.
func shorten(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}
