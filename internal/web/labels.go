package web

import (
	"slices"
	"strings"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/stats"
)

// labelCount is one figure with its label in the reader's language.
type labelCount struct {
	Label string
	Count string
	n     stats.Count
}

// section is one breakdown of the dashboard: a heading and its figures, largest first.
type section struct {
	ID    string // the dimension
	Title string
	Rows  []labelCount
}

// otherRow is a figure of a dimension the dashboard has no section for, by its key.
type otherRow struct{ Dimension, Value, Count string }

// aggregateDims are counted in the summary, the table over time or the feedback line.
var aggregateDims = []string{"conversations", "completed", "feedback"}

// labeller names the values of the statistics for a reader.
type labeller struct {
	p       *page
	offices map[string]string // office names by id
}

// value names one value of a dimension: a language by its name, a topic or age band by its
// label, an office by its name; other values stay as recorded.
func (l labeller) value(dim, value string) string {
	switch dim {
	case "language", "start_language", "language_switched":
		return l.p.Text(dialog.Text{Language: value})
	case "topic":
		if directory.Topic(value).Valid() {
			return l.p.Text(conversation.TopicLabel(directory.Topic(value)))
		}
	case "age_band":
		if slices.Contains(conversation.AgeBands, value) {
			return l.p.Text(conversation.AgeBandLabel(value))
		}
	case "office", "service":
		if name, ok := l.offices[value]; ok {
			return name
		}
	case "no_office":
		topic, lang, ok := strings.Cut(value, " / ")
		if ok {
			return l.value("topic", topic) + " / " + l.value("language", lang)
		}
	case "feedback", "place_given":
		switch value {
		case "yes":
			return l.p.T("web.yes")
		case "no":
			return l.p.T("web.no")
		}
	}
	return value
}

// sections are the breakdowns of the bot's report (stats.Build: languages, topics, age
// bands, offices, services, no match, needs not understood, what was missing, campaigns),
// said in the reader's language; where people stopped and the feedback have places of their
// own on the dashboard.
func sections(p *page, r *stats.Report) []section {
	var out []section
	for _, s := range r.Sections {
		if s.Key == "dropoff" || s.Key == "feedback" {
			continue
		}
		sec := section{ID: s.Key, Title: heading(p.Text(s.Title))}
		for _, it := range s.Items {
			sec.Rows = append(sec.Rows, labelCount{Label: p.Text(it.Label), Count: it.Count.String(), n: it.Count})
		}
		out = append(out, sec)
	}
	return out
}

// heading is a report line's title as a heading: the bot's report introduces its lists with
// a colon ("Languages:"), a heading stands without one.
func heading(title string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(title), ":："))
}

// funnel is where conversations stopped: for each step, how many got no further.
func (l labeller) funnel(f *stats.Figures) []labelCount {
	out := make([]labelCount, 0, len(stats.Steps))
	for _, step := range stats.Steps {
		c := f.DropOff[step]
		out = append(out, labelCount{Label: l.p.T("web.step." + step), n: c})
	}
	stats.Withhold(len(out), func(i int) stats.Count { return out[i].n }, func(i int, c stats.Count) { out[i].n = c })
	for i := range out {
		out[i].Count = out[i].n.String()
	}
	return out
}

// other lists the figures of every dimension not shown elsewhere, by key.
func (l labeller) other(f *stats.Figures, shown []section) []otherRow {
	var out []otherRow
	seen := map[string]bool{}
	for _, r := range f.Rows {
		if seen[r.Dimension] || slices.Contains(aggregateDims, r.Dimension) || strings.HasPrefix(r.Dimension, "handover_") ||
			slices.ContainsFunc(shown, func(s section) bool { return s.ID == r.Dimension }) {
			continue
		}
		seen[r.Dimension] = true
		totals := f.Total(r.Dimension)
		stats.Withhold(len(totals), func(i int) stats.Count { return totals[i].Count }, func(i int, c stats.Count) { totals[i].Count = c })
		for _, t := range totals {
			out = append(out, otherRow{Dimension: r.Dimension, Value: l.value(r.Dimension, t.Value), Count: t.Count.String()})
		}
	}
	slices.SortStableFunc(out, func(a, b otherRow) int { return strings.Compare(a.Dimension, b.Dimension) })
	return out
}
