package web

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/jobs"
	"github.com/kassel/wegweiser/internal/staff"
)

// adminColumns are the columns only admins change: what decides which office a newcomer is
// sent to (the kind and the ages served). A counsellor's form shows them read-only, and the
// stored values are kept whatever the form sends.
var adminColumns = []string{"kind", "min_age", "max_age"}

// officeForm is what the office form shows.
type officeForm struct {
	Office       directory.Office // as stored
	Fields       []formField
	Kind         string
	Kinds        []option
	Languages    []option
	More         string // languages beyond the boxes, as tags
	Topics       []option
	Accepting    string // "true", "false" or "" (not stated)
	Errors       map[string]string
	Admin        bool
	Stale        bool
	Preview      []string
	PreviewLang  string
	PreviewRTL   bool
	PreviewLangs []option
	Unsaved      bool
	Changes      []auditRow
	// Waiting and Closure are the fields of the office's status: the expected wait of its
	// waiting list, and the first and last day of a temporary closure.
	Waiting, Closure []formField
	// Base is the entry the form was filled from (baseOf), sent back with it: what the person
	// changed is what differs from it (mergeEdits).
	Base string
}

// formField is one text field of the form, named by its column of the directory file; Type
// is its input's type ("" for text).
type formField struct {
	Name, Label, Hint, Value, Error, Mode, Type string
	Multiline, ReadOnly                         bool
}

// fieldOnPage is a field with the page it is on, as the field template reads it.
type fieldOnPage struct {
	Page  any
	Field formField
}

// option is a choice of a select or a box to tick.
type option struct {
	Value, Label string
	Selected     bool
}

// fieldDef is one input field of the form: its column, label, hint, the keyboard a phone
// offers and the input's type ("" for text).
type fieldDef struct{ col, label, hint, mode, typ string }

// textFields are the form's text fields.
var textFields = []fieldDef{
	{"name", "staff.field.name", "", "", ""},
	{"provider", "web.field.provider", "", "", ""},
	{"street", "web.field.street", "", "", ""},
	{"postcode", "web.field.postcode", "", "numeric", ""},
	{"city", "web.field.city", "", "", ""},
	{"phone", "staff.field.phone", "", "tel", ""},
	{"email", "staff.field.email", "", "email", ""},
	{"website", "staff.field.website", "", "url", ""},
	{"opening_hours", "staff.field.hours", "web.hint.hours", "", ""},
	{"note", "staff.field.note", "web.hint.note", "", ""},
	{"latitude", "web.field.latitude", "web.hint.position", "decimal", ""},
	{"longitude", "web.field.longitude", "", "decimal", ""},
	{"min_age", "web.field.min_age", "web.hint.ages", "numeric", ""},
	{"max_age", "web.field.max_age", "", "numeric", ""},
}

// waitingField and closureFields are the form's fields of the office's status: the expected
// wait of its waiting list, and the first and last day of a temporary closure, as the
// browser's date input sends them (YYYY-MM-DD). A form sent without them (a page from before
// they were shown) keeps the stored values (formValues).
var (
	waitingField  = fieldDef{col: "waiting_weeks", label: "staff.column.waiting_weeks", mode: "numeric"}
	closureFields = []fieldDef{
		{col: "closed_from", label: "staff.column.closed_from", typ: "date"},
		{col: "closed_until", label: "staff.column.closed_until", typ: "date"},
	}
	statusFields = append([]fieldDef{waitingField}, closureFields...)
)

// officeForm shows an office's form with the card as newcomers see it, in the language asked
// for (?preview=ar).
func (s *Server) officeForm(w http.ResponseWriter, r *http.Request, p *page) {
	o, ok := s.loadOffice(w, r, p)
	if !ok {
		return
	}
	f := s.newForm(p, &o, recordValues(&o), nil)
	f.Base = baseOf(recordValues(&o))
	if err := s.finishForm(r, p, f, &o, r.URL.Query().Get("preview"), false); err != nil {
		s.internal(w, r, p, err)
		return
	}
	p.Data = f
	s.render(w, p, "office", http.StatusOK)
}

// loadOffice loads the office the path names; a missing one is answered with 404.
func (s *Server) loadOffice(w http.ResponseWriter, r *http.Request, p *page) (directory.Office, bool) {
	o, err := s.opts.Store.Office(r.Context(), r.PathValue("id"))
	if errors.Is(err, directory.ErrNotFound) {
		s.fail(w, r, p, http.StatusNotFound, "web.error.not_found")
		return o, false
	}
	if err != nil {
		s.internal(w, r, p, err)
		return o, false
	}
	return o, true
}

// officeSave validates the form with the directory file's rules (directory.ParseRecord, the
// import's own validation) and previews or saves it; every changed field goes to the audit log.
func (s *Server) officeSave(w http.ResponseWriter, r *http.Request, p *page) {
	stored, ok := s.loadOffice(w, r, p)
	if !ok {
		return
	}
	values := s.formValues(r, &stored, p.Member.Role == staff.RoleAdmin)
	now := recordValues(&stored)
	base, fromForm := readBase(r.PostFormValue("base"))
	if !fromForm {
		base = now // a form without its base (an old page) overwrites, as before
	}
	conflicts := mergeEdits(base, values, now)
	o, probs := directory.ParseRecordNear(func(col string) string { return values[col] }, s.opts.Near)
	if len(conflicts) > 0 || len(probs) > 0 || r.PostFormValue("action") == "preview" {
		for _, col := range conflicts {
			probs = append(directory.Problems{{Column: col, Code: codeConflict, Message: now[col]}}, probs...)
		}
		f := s.newForm(p, &stored, values, probs)
		f.Base = r.PostFormValue("base")
		if len(conflicts) > 0 {
			f.Base = baseOf(now) // saved again, the person's values win
		}
		shown := &stored
		if len(probs) == 0 {
			shown = &o
		}
		if err := s.finishForm(r, p, f, shown, r.PostFormValue("preview_lang"), len(probs) == 0); err != nil {
			s.internal(w, r, p, err)
			return
		}
		p.Data = f
		status := http.StatusOK
		switch {
		case len(conflicts) > 0:
			status = http.StatusConflict
		case len(probs) > 0:
			status = http.StatusUnprocessableEntity
		}
		s.render(w, p, "office", status)
		return
	}
	// Saving renews the entry's confirmation, as a save in the bot does (the message says
	// so): who saves the form has looked at the entry.
	today := s.today()
	o.ConfirmedAt = &today
	changes, err := s.opts.Store.UpdateOffice(r.Context(), staff.ActorOf(p.Member), o)
	if err != nil {
		s.internal(w, r, p, err)
		return
	}
	// Edits are counted by the bot's field names (the address, not its street), once per
	// field; a save that changes nothing confirms the entry as it is.
	var events []dialog.Event
	counted := map[string]bool{}
	for _, c := range changes {
		field := staff.FieldOfColumn(c.Field)
		if c.Field == "confirmed_at" || counted[field] {
			continue
		}
		counted[field] = true
		events = append(events, dialog.Event{Kind: dialog.EventOfficeEdited, Dims: map[string]string{"field": field}})
	}
	if len(events) == 0 {
		events = append(events, dialog.Event{Kind: dialog.EventOfficeConfirmed})
	}
	if err := s.record(r, events); err != nil {
		s.internal(w, r, p, err)
		return
	}
	done := "saved"
	if len(counted) == 0 {
		done = "unchanged"
	}
	if staff.NoteToCheck(stored, o) {
		done = "check_note" // the note from public sources now reads as the office's
	}
	redirectDone(w, r, Prefix+"offices/"+stored.ID, done)
}

// officeConfirm records in one click that the office's entry is still correct today.
func (s *Server) officeConfirm(w http.ResponseWriter, r *http.Request, p *page) {
	o, ok := s.loadOffice(w, r, p)
	if !ok {
		return
	}
	before := o
	today := s.today()
	o.ConfirmedAt = &today
	if _, err := s.opts.Store.UpdateOffice(r.Context(), staff.ActorOf(p.Member), o); err != nil {
		s.internal(w, r, p, err)
		return
	}
	if err := s.record(r, []dialog.Event{{Kind: dialog.EventOfficeConfirmed}}); err != nil {
		s.internal(w, r, p, err)
		return
	}
	done := "confirmed"
	if staff.NoteToCheck(before, o) {
		done = "check_note"
	}
	redirectDone(w, r, Prefix+"offices/"+o.ID, done)
}

// officeArchive archives an office, or restores an archived one (admins).
func (s *Server) officeArchive(w http.ResponseWriter, r *http.Request, p *page) {
	o, ok := s.loadOffice(w, r, p)
	if !ok {
		return
	}
	// The button says which state it asks for: pressed on a page shown before another
	// admin (or another tab) changed it, "Archive" does not restore the office.
	archive := !o.Archived
	switch r.PostFormValue("archived") {
	case "1":
		archive = true
	case "0":
		archive = false
	}
	if archive != o.Archived {
		err := s.opts.Store.SetArchived(r.Context(), staff.ActorOf(p.Member), o.ID, archive)
		if err != nil && !errors.Is(err, directory.ErrNotFound) {
			s.internal(w, r, p, err)
			return
		}
	}
	done := "archived"
	if !archive {
		done = "restored"
	}
	redirectDone(w, r, Prefix+"offices/"+o.ID, done)
}

// record stores the anonymous events of a change made in the console.
func (s *Server) record(r *http.Request, events []dialog.Event) error {
	if len(events) == 0 {
		return nil
	}
	return s.opts.Store.AddEvents(r.Context(), s.today(), events)
}

// codeConflict marks a column changed both in the form and, since it was filled, in the entry
// (mergeEdits); its Message is the entry's value now.
const codeConflict = "conflict"

// mergeEdits applies a form's edits over the entry as it is now: base holds the entry the form
// was filled from, values what it sent (the stored values for the columns it does not hold),
// now the entry as stored. A column the person left as it was takes the stored value, so that
// a change made meanwhile (in the bot, by a colleague) is kept; a column changed both here and
// meanwhile, to different values, is a conflict, returned in the order of the file's columns.
func mergeEdits(base, values, now map[string]string) []string {
	var conflicts []string
	for _, col := range directory.Columns {
		b, ok := base[col]
		if !ok {
			continue
		}
		v, cur := values[col], now[col]
		switch {
		case sameValue(col, v, b):
			values[col] = cur
		case !sameValue(col, cur, b) && !sameValue(col, cur, v):
			conflicts = append(conflicts, col)
		}
	}
	return conflicts
}

// sameValue compares two values of a column; lists (languages, topics, notes) as sets.
func sameValue(col, a, b string) bool {
	switch col {
	case "languages", "topics", "notes":
		x, y := strings.Fields(a), strings.Fields(b)
		slices.Sort(x)
		slices.Sort(y)
		return slices.Equal(x, y)
	}
	return a == b
}

// baseOf writes an entry's values for the form to send back (officeForm.Base).
func baseOf(values map[string]string) string {
	data, _ := json.Marshal(values) // a map of strings always encodes
	return base64.RawURLEncoding.EncodeToString(data)
}

// readBase reads what baseOf wrote; false when the form sent none that can be read.
func readBase(s string) (map[string]string, bool) {
	data, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || s == "" {
		return nil, false
	}
	var values map[string]string
	if json.Unmarshal(data, &values) != nil || values == nil {
		return nil, false
	}
	return values, true
}

// recordValues are an office's values by column, as the directory file writes them.
func recordValues(o *directory.Office) map[string]string {
	rec := directory.Record(o)
	values := make(map[string]string, len(rec))
	for i, col := range directory.Columns {
		values[col] = rec[i]
	}
	return values
}

// formValues reads the form into values by column. Every column the form does not hold is the
// stored one: the id, the confirmation date and the notes, which the bot edits, and a closure
// and waiting time a form sends without their fields (a page from before they were shown:
// saving it must not end a closure nobody touched); so are the admin columns unless admin. An
// office the form says takes no new clients has no waiting time.
func (s *Server) formValues(r *http.Request, stored *directory.Office, admin bool) map[string]string {
	keep := recordValues(stored)
	values := maps.Clone(keep)
	for _, f := range textFields {
		// A browser sends a textarea's line breaks as CRLF: the directory stores "\n".
		values[f.col] = strings.TrimSpace(lineBreaks.Replace(r.PostFormValue(f.col)))
	}
	for _, f := range statusFields {
		if _, sent := r.PostForm[f.col]; sent {
			values[f.col] = strings.TrimSpace(r.PostFormValue(f.col))
		}
	}
	values["kind"] = r.PostFormValue("kind")
	values["languages"] = strings.Join(append(r.PostForm["language"], strings.Fields(r.PostFormValue("languages_more"))...), " ")
	values["topics"] = strings.Join(r.PostForm["topic"], " ")
	// A waiting time beside "not taking new clients" is refused with its reason
	// (invalid.waiting), not dropped without a word.
	values["accepting_new_clients"] = r.PostFormValue("accepting_new_clients")
	// What the bot takes, the form takes too: opening hours as people write them ("Mo-Fr
	// 9-12"), a website without its https://.
	if h := values["opening_hours"]; h != "" {
		if n, err := directory.NormalizeHours(h); err == nil {
			values["opening_hours"] = n
		}
	}
	if u := values["website"]; u != "" {
		values["website"] = directory.WithScheme(u)
	}
	if !admin {
		for _, col := range adminColumns {
			values[col] = keep[col]
		}
	}
	return values
}

// lineBreaks are the line ends a browser may send, as the directory writes them.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// newForm fills the form with values (by column) and the problems found in them.
func (s *Server) newForm(p *page, stored *directory.Office, values map[string]string, probs directory.Problems) *officeForm {
	f := &officeForm{Office: *stored, Kind: values["kind"], Accepting: values["accepting_new_clients"],
		Admin: p.Member.Role == staff.RoleAdmin, Errors: map[string]string{}}
	for _, pr := range probs {
		switch _, seen := f.Errors[pr.Column]; {
		case seen:
		case pr.Code == codeConflict:
			f.Errors[pr.Column] = p.T("web.office.conflict", "Value", dialog.Raw(pr.Message))
		default:
			f.Errors[pr.Column] = p.T("web.office.invalid", "Reason", dialog.T("invalid."+invalidID(pr.Code)))
		}
	}
	field := func(d fieldDef) formField {
		ff := formField{Name: d.col, Label: p.T(d.label), Value: values[d.col], Error: f.Errors[d.col], Mode: d.mode, Type: d.typ,
			Multiline: d.col == "note", ReadOnly: !f.Admin && slices.Contains(adminColumns, d.col)}
		if d.col == "opening_hours" && p.Lang == "de" {
			// As German counsellors type them ("Mo-Do … ; Fr geschlossen"), not in the
			// stored form's English day codes; saved unchanged, they stay as stored.
			ff.Value = directory.GermanHours(ff.Value)
		}
		if d.hint != "" {
			ff.Hint = p.T(d.hint)
		}
		return ff
	}
	for _, d := range textFields {
		f.Fields = append(f.Fields, field(d))
	}
	f.Waiting = []formField{field(waitingField)}
	for _, d := range closureFields {
		f.Closure = append(f.Closure, field(d))
	}
	for _, k := range directory.Kinds {
		f.Kinds = append(f.Kinds, option{Value: string(k), Label: p.T("staff.kind." + string(k)), Selected: string(k) == f.Kind})
	}
	f.Languages, f.More = s.languageBoxes(p, strings.Fields(values["languages"]))
	topics := strings.Fields(values["topics"])
	for _, t := range directory.Topics {
		f.Topics = append(f.Topics, option{Value: string(t), Label: p.Text(conversation.TopicLabel(t)), Selected: slices.Contains(topics, string(t))})
	}
	f.Stale = stored.ConfirmedAt == nil || stored.ConfirmedAt.Before(s.today().Add(-jobs.MaxAge))
	return f
}

// languageBoxes offers a box for every language the bot offers counsellors to tick
// (staff.LanguageOptions: the console's languages, Farsi beside Dari, and the office's own),
// named in the reader's language and ticked where the office has it; a value that is no
// language tag stays in the free field, to be refused there with its reason.
func (s *Server) languageBoxes(p *page, have []string) ([]option, string) {
	var tags, more []string
	for _, tag := range have {
		if _, err := directory.ParseLanguage(tag); err == nil {
			tags = append(tags, tag)
		} else {
			more = append(more, tag)
		}
	}
	var boxes []option
	for _, tag := range staff.LanguageOptions(s.opts.Languages, tags, nil) {
		boxes = append(boxes, option{Value: tag, Label: p.Text(dialog.Text{Language: tag}), Selected: slices.Contains(tags, tag)})
	}
	return boxes, strings.Join(more, " ")
}

// finishForm adds the preview of shown (the stored office, or the form's valid values when
// unsaved) in the language lang, and the office's latest changes.
func (s *Server) finishForm(r *http.Request, p *page, f *officeForm, shown *directory.Office, lang string, unsaved bool) error {
	if !slices.Contains(i18n.Shipped, lang) {
		lang = p.Lang
	}
	f.PreviewLang, f.PreviewRTL, f.Unsaved = lang, i18n.IsRTL(lang), unsaved
	for _, tag := range i18n.Shipped {
		f.PreviewLangs = append(f.PreviewLangs, option{Value: tag, Label: s.opts.Catalog.Render(tag, dialog.T("language.name")), Selected: tag == lang})
	}
	for _, line := range conversation.OfficeLines(directory.Match{Office: *shown}, 0, false) {
		f.Preview = append(f.Preview, s.opts.Catalog.Render(lang, line))
	}
	changes, err := s.opts.Store.Audit(r.Context(), shown.ID, time.Time{}, 10)
	if err != nil {
		return err
	}
	slices.Reverse(changes)
	for _, c := range changes {
		f.Changes = append(f.Changes, p.auditRow(c, f.Office.Name)) // as stored, not as previewed
	}
	return nil
}

// invalidID is the catalog explanation (invalid.*) of a validation code.
func invalidID(code string) string {
	switch code {
	case "required", "postcode", "email", "website", "phone", "latitude", "longitude", "hours", "too_long", "control",
		"age", "age_order", "language", "position", "position_far":
		return code
	case "position_swapped":
		return "position_far"
	case "language_dup":
		return "language"
	case "closure_order", "waiting", "date", "date_future", "date_far", "encoding", "bool", "note_opposite":
		return code
	case "weeks":
		return "weeks_number" // the bot's "weeks" asks to tap an answer
	case "id":
		return "office_id" // "id" is reserved in the catalogs
	case "kind", "topic", "topic_dup", "note_key", "note_key_dup":
		return code // an import's columns
	}
	if slices.Contains(directory.FileCodes, code) {
		return "file_" + code // the import file itself
	}
	return "not_allowed"
}
