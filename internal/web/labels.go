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

// otherRow is a figure of a dimension the dashboard has no section for (hand-overs, when they
// come, appear here by their keys).
type otherRow struct{ Dimension, Value, Count string }

// shownDims are the dimensions with a section of their own, in order, and their headings.
var shownDims = []struct{ dim, title string }{
	{"language", "web.stats.languages"}, {"topic", "web.stats.topics"}, {"age_band", "web.stats.ages"},
	{"office", "web.stats.offices"}, {"service", "web.stats.services"}, {"no_office", "web.stats.no_office"},
}

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

// sections are the breakdowns by language, topic, age band, office, service and no match.
func (l labeller) sections(f *stats.Figures) []section {
	out := make([]section, 0, len(shownDims))
	for _, d := range shownDims {
		sec := section{ID: d.dim, Title: l.p.T(d.title)}
		for _, r := range f.Total(d.dim) {
			sec.Rows = append(sec.Rows, labelCount{Label: l.value(d.dim, r.Value), Count: r.Count.String(), n: r.Count})
		}
		out = append(out, sec)
	}
	return out
}

// funnel is where conversations stopped: for each step, how many got no further.
func (l labeller) funnel(f *stats.Figures) []labelCount {
	out := make([]labelCount, 0, len(stats.Steps))
	for _, step := range stats.Steps {
		c := f.DropOff[step]
		out = append(out, labelCount{Label: l.p.T("web.step." + step), Count: c.String(), n: c})
	}
	return out
}

// other lists the figures of every dimension not shown elsewhere, by key.
func (l labeller) other(f *stats.Figures) []otherRow {
	var out []otherRow
	seen := map[string]bool{}
	for _, r := range f.Rows {
		if seen[r.Dimension] || slices.Contains(aggregateDims, r.Dimension) || slices.ContainsFunc(shownDims, func(d struct{ dim, title string }) bool { return d.dim == r.Dimension }) {
			continue
		}
		seen[r.Dimension] = true
		for _, t := range f.Total(r.Dimension) {
			out = append(out, otherRow{Dimension: r.Dimension, Value: l.value(r.Dimension, t.Value), Count: t.Count.String()})
		}
	}
	slices.SortStableFunc(out, func(a, b otherRow) int { return strings.Compare(a.Dimension, b.Dimension) })
	return out
}
