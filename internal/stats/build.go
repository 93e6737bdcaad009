package stats

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// The report layer: the figures of a period as labelled sections, the same for the bot's
// text, the CLI, the CSV files, the chart and the web console. Build turns what the store
// read (Data) into a Report; Text, WritePeriodCSV, WriteDailyCSV and Chart say it.

// Data is everything a report is made of, as the store reads it.
type Data struct {
	Figures
	// Campaigns are the conversations started from a link with a campaign tag, per day
	// (Dimension "campaign", Value the tag).
	Campaigns []Row
	// Supply is the directory as it stood on Supply.AsOf, for supply against demand.
	Supply Supply
}

// Report is a period's figures, labelled, with the <5 rule applied where they are said.
type Report struct {
	From, To time.Time
	// Today is the day the report was made (the directory's AsOf): a period ending after it
	// is not over, and its figures reach only up to it.
	Today         time.Time
	People        Count
	PeopleApprox  bool
	Conversations Count
	Completed     Count
	// Results are the results shown: a conversation may see several (a further need, another
	// place), so they are more than the conversations completed. The breakdowns by language,
	// topic and age band count them.
	Results  Count
	Sections []Section
	Supply   SupplyReport
	// More are the figures beside the sections (FigureDims), each a section of its own
	// titled by what it counts: the dashboard's "more figures" and the period's CSV.
	More []Section
	// Handover is what the hand-over report says: requests per office and the wait;
	// HandoverRows its counts, and HandoverWait the median wait (when shown).
	Handover     []dialog.Text
	HandoverRows []HandoverRow
	HandoverWait Median
	days         []Row // the period's rows per day, for the per-day export
	labels       map[string]func(string) dialog.Text
}

// Section is one breakdown of a report: its key (the CSV's dimension), title and items.
type Section struct {
	Key   string
	Title dialog.Text
	// Basis says what the items count, and of which total (nil: the title says it).
	Basis dialog.Text
	Items []Item
	// Always: said even without items (as "none"), so that a reader sees it was counted.
	Always bool
}

// Item is one value of a section: its machine value, its name and its count.
type Item struct {
	Value string
	Label dialog.Text
	Count Count
}

// FeedbackReasons are what a newcomer can say was missing after answering "no".
var FeedbackReasons = []string{"office", "phone", "language", "other"}

// sectionDef says how one section is made from the figures' rows.
type sectionDef struct {
	key, dim, title string
	basis           string   // what the items count (stats.basis.*), "" when the title says it
	fixed           []string // values listed in this order, zero included; nil: those counted, largest first
	always          bool
}

// sectionDefs are the sections in the order they are said.
var sectionDefs = []sectionDef{
	{key: "dropoff", title: "stats.dropoff", fixed: Steps[:len(Steps)-1], basis: "stats.basis.started"},
	{key: "language", dim: "language", title: "stats.by_language", basis: "stats.basis.results"},
	{key: "topic", dim: "topic", title: "stats.by_topic", basis: "stats.basis.results"},
	{key: "age_band", dim: "age_band", title: "stats.by_age", fixed: conversation.AgeBands, basis: "stats.basis.results"},
	{key: "office", dim: "office", title: "stats.offices", basis: "stats.basis.named"},
	{key: "service", dim: "service", title: "stats.services", basis: "stats.basis.named"},
	{key: "no_office", dim: "no_office", title: "stats.no_office", always: true},
	{key: "unrecognized_topic", dim: "unrecognized_topic", title: "stats.section.unrecognized", always: true},
	{key: "feedback", dim: "feedback", title: "stats.section.feedback", fixed: []string{"yes", "no"}},
	{key: "feedback_reason", dim: "feedback_reason", title: "stats.section.feedback_reason", fixed: FeedbackReasons},
	{key: "campaign", dim: "campaign", title: "stats.section.campaign", always: true},
}

// Build labels the data of a period.
func Build(d *Data) *Report {
	r := &Report{From: d.From, To: d.To, Today: d.Supply.AsOf, People: d.People, PeopleApprox: d.PeopleApprox,
		Conversations: d.Conversations, Completed: d.Completed}
	r.days = append(append(r.days, d.Rows...), d.Campaigns...)
	sort.SliceStable(r.days, func(i, j int) bool { return r.days[i].Day.Before(r.days[j].Day) })
	r.labels = labellers(d.Supply.names())
	f := Figures{Rows: r.days, DropOff: d.DropOff}
	for _, row := range f.Total("results") {
		r.Results += row.Count
	}
	for _, def := range sectionDefs {
		r.Sections = append(r.Sections, r.section(def, &f))
	}
	for _, dim := range FigureDims {
		if s := r.figure(dim, &f); len(s.Items) > 0 {
			r.More = append(r.More, s)
		}
	}
	r.Supply = supplyReport(d)
	r.HandoverRows = handoverRows(&d.Figures)
	r.Handover = handoverLines(r.HandoverRows, &d.Figures, r.labels["office"])
	if w := d.Figures.TakenWait; w.N > 0 && !w.N.Small() {
		r.HandoverWait = w
	}
	return r
}

// section counts one section over the period.
func (r *Report) section(def sectionDef, f *Figures) Section {
	s := Section{Key: def.key, Title: dialog.T(def.title), Always: def.always || def.fixed != nil}
	if def.basis != "" {
		s.Basis = dialog.T(def.basis, "Value", count(r.Results))
	}
	counts := map[string]Count{}
	var order []string
	if def.key == "dropoff" {
		for step, c := range f.DropOff {
			counts[step] = c
		}
	} else {
		for _, row := range f.Total(def.dim) {
			counts[row.Value] = row.Count
			order = append(order, row.Value)
		}
	}
	if def.fixed != nil {
		order = def.fixed
	}
	for _, v := range order {
		s.Items = append(s.Items, Item{Value: v, Label: r.Label(def.key, v), Count: counts[v]})
	}
	Withhold(len(s.Items), func(i int) Count { return s.Items[i].Count }, func(i int, c Count) { s.Items[i].Count = c })
	return s
}

// Ongoing says whether the period is not over on the day of the report.
func (r *Report) Ongoing() bool { return !r.Today.IsZero() && r.To.After(r.Today) }

// Title names the report's period: "from ... to ...", or for a period not over yet "from ...
// up to today (...); the period ends on ...".
func (r *Report) Title() dialog.Text {
	if r.Ongoing() {
		return dialog.T("stats.title_ongoing", "From", date(r.From), "Today", date(r.Today), "To", date(r.To))
	}
	return dialog.T("stats.title", "From", date(r.From), "To", date(r.To))
}

// FigureDims are the dimensions the store counts beside the sections, the totals and the
// hand-overs (store.statsRows), in the order they are said: how conversations started and in
// which language, results with a place given, language changes, maps shown, data erased, and
// what staff did (entries confirmed, fields edited, accounts joined, requests declined).
var FigureDims = []string{"start", "start_language", "place_given", "language_switched", "map_shown", "erased",
	"office_confirmed", "office_edited", "staff_joined", "handover_declined_reason"}

// figure counts one of FigureDims over the period, as a section titled by what it counts
// (stats.figure.<dim>); a dimension with the one value "all" is a single count ("total").
func (r *Report) figure(dim string, f *Figures) Section {
	s := Section{Key: dim, Title: dialog.T("stats.figure." + dim)}
	for _, row := range f.Total(dim) {
		label := r.Label(dim, row.Value)
		if row.Value == "all" {
			label = dialog.T("stats.all")
		}
		s.Items = append(s.Items, Item{Value: row.Value, Label: label, Count: row.Count})
	}
	Withhold(len(s.Items), func(i int) Count { return s.Items[i].Count }, func(i int, c Count) { s.Items[i].Count = c })
	return s
}

// Section returns the section with the key, or an empty one.
func (r *Report) Section(key string) Section {
	for _, s := range r.Sections {
		if s.Key == key {
			return s
		}
	}
	return Section{Key: key}
}

// Label names a value of a section (or a per-day dimension) in the reader's language.
func (r *Report) Label(key, value string) dialog.Text {
	if l, ok := r.labels[key]; ok {
		return l(value)
	}
	return dialog.LTR(value)
}

// labellers name the values of each dimension: languages by CLDR, topics and age bands as
// the newcomers' buttons say them, offices by their names.
func labellers(names map[string]string) map[string]func(string) dialog.Text {
	language := func(v string) dialog.Text { return dialog.Text{Language: v} }
	topic := func(v string) dialog.Text { return conversation.TopicLabel(directory.Topic(v)) }
	office := func(v string) dialog.Text {
		if n, ok := names[v]; ok {
			return dialog.Raw(n)
		}
		return dialog.LTR(v)
	}
	return map[string]func(string) dialog.Text{
		"language": language, "unrecognized_topic": language, "start_language": language, "language_switched": language,
		"topic":    topic,
		"age_band": conversation.AgeBandLabel,
		"office":   office, "service": office,
		"dropoff":         func(v string) dialog.Text { return dialog.T("stats.step." + v) },
		"feedback":        func(v string) dialog.Text { return dialog.T("stats.answer." + v) },
		"feedback_reason": reasonLabel,
		"no_office": func(v string) dialog.Text {
			tp, lang, ok := strings.Cut(v, " / ")
			if !ok {
				return dialog.LTR(v)
			}
			return dialog.Join(" / ", topic(tp), language(lang))
		},
		"total": func(v string) dialog.Text { return dialog.T("stats.total." + v) },
		// The counts of the days (the daily CSV): a total's one value "all" is the total.
		"conversations": total("conversations"), "completed": total("completed"), "results": total("results"),
		"handover_requested": office, "handover_taken": office, "handover_declined": office, "handover_unanswered": office,
		// The figures beside the sections (FigureDims).
		"start":                    known("stats.start.", StartSources),
		"place_given":              known("stats.place.", []string{"yes", "no"}),
		"map_shown":                total("map_shown"),
		"erased":                   total("erased"),
		"office_confirmed":         total("office_confirmed"),
		"office_edited":            editedField,
		"staff_joined":             known("staff.role.", Roles),
		"handover_declined_reason": known("stats.decline.", DeclineReasons),
	}
}

// Labelled says whether the values of a dimension are named in the reader's language (a
// campaign's tag, which no catalog knows, is said as it is): the store's tests hold every
// dimension it counts to it.
func Labelled(dim string) bool {
	_, ok := labellers(nil)[dim]
	return ok
}

// StartSources are how a conversation starts (the started event's source): typed or tapped
// in the bot, or from a start link. Roles are the staff roles (staff.Roles), EditedFields the
// fields an office edit is counted by (staff.Fields and the name), DeclineReasons why a
// counsellor declines a hand-over (handover.Decline): the values their labels are for. The
// staff package's tests hold them to its own lists.
var (
	StartSources   = []string{"direct", "link"}
	Roles          = []string{"counsellor", "admin", "statistics"}
	EditedFields   = []string{"phone", "email", "website", "address", "position", "hours", "languages", "topics", "notes", "note", "accepting", "closed", "name"}
	DeclineReasons = []string{"full", "wrong_office"}
)

// known names the values of a list by their catalog ids (prefix + value); another value is
// said as recorded.
func known(prefix string, values []string) func(string) dialog.Text {
	return func(v string) dialog.Text {
		if slices.Contains(values, v) {
			return dialog.T(prefix + v)
		}
		return dialog.LTR(v)
	}
}

// total names a single count, its value "all": the figure itself (stats.total.<dim> for the
// totals, stats.figure.<dim> for the others).
func total(dim string) func(string) dialog.Text {
	return func(v string) dialog.Text {
		if v != "all" {
			return dialog.LTR(v)
		}
		if slices.Contains([]string{"conversations", "completed", "results"}, dim) {
			return dialog.T("stats.total." + dim)
		}
		return dialog.T("stats.figure." + dim)
	}
}

// editedField names a field an office edit is counted by: a field of the bot's office menu
// (staff.field.*), or a column of the directory file the web form edits directly
// (staff.column.*, as the audit log names it).
func editedField(v string) dialog.Text {
	switch {
	case slices.Contains(EditedFields, v):
		return dialog.T("staff.field." + v)
	case slices.Contains(directory.Columns, v):
		return dialog.T("staff.column." + v)
	}
	return dialog.LTR(v)
}

// reasonLabel names a feedback reason. "other" is filed as "something_else" in the catalogs:
// go-i18n reads a key named "other" as a plural form.
func reasonLabel(r string) dialog.Text {
	if r == "other" {
		r = "something_else"
	}
	return dialog.T("stats.reason." + r)
}

// DynamicMessageIDs lists the catalog ids the reports build at run time, for the catalog tests.
func DynamicMessageIDs() []string {
	var ids []string
	for _, s := range Steps[:len(Steps)-1] {
		ids = append(ids, "stats.step."+s)
	}
	for _, r := range FeedbackReasons {
		ids = append(ids, reasonLabel(r).ID)
	}
	for _, p := range Periods {
		ids = append(ids, "stats.period."+p)
	}
	for _, d := range sectionDefs {
		ids = append(ids, d.title)
		if d.basis != "" {
			ids = append(ids, d.basis)
		}
	}
	for _, d := range FigureDims {
		ids = append(ids, "stats.figure."+d)
	}
	for _, v := range StartSources {
		ids = append(ids, "stats.start."+v)
	}
	for _, v := range DeclineReasons {
		ids = append(ids, "stats.decline."+v)
	}
	return append(ids, "stats.answer.yes", "stats.answer.no", "stats.total.people", "stats.total.conversations",
		"stats.total.completed", "stats.total.results", "stats.place.yes", "stats.place.no")
}
