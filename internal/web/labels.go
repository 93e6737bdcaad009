package web

import (
	"strings"

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
	Basis string // what the rows count, of which total ("" when the title says it)
	Rows  []labelCount
}

// otherRow is a figure beside the breakdowns: what it counts, its value and its count.
type otherRow struct {
	Figure, Value, Count string
	n                    stats.Count
}

// labeller names the values of the statistics for a reader.
type labeller struct {
	p *page
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
		if s.Basis.ID != "" {
			sec.Basis = p.Text(s.Basis)
		}
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

// more lists the figures beside the breakdowns (stats.Report.More), each named by what it
// counts and its value in the reader's language.
func more(p *page, r *stats.Report) []otherRow {
	var out []otherRow
	for _, s := range r.More {
		for _, it := range s.Items {
			out = append(out, otherRow{Figure: heading(p.Text(s.Title)), Value: p.Text(it.Label), Count: it.Count.String(), n: it.Count})
		}
	}
	return out
}
