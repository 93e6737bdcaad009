package web

import (
	"encoding/base64"
	"html/template"

	"github.com/kassel/wegweiser/internal/stats"
)

// chart is an SVG chart embedded in the page (a data: address, so that the page's figures
// are computed once), with its title; the same numbers are in the tables next to it.
type chart struct {
	ID    string
	Title string
	URI   template.URL
}

// maxRanked is how many values a ranking chart shows (the table lists all).
const maxRanked = 12

// charts draws the dashboard's charts: conversations, completed conversations and people over
// time, where people stopped, and the languages and topics.
func charts(p *page, buckets []bucketRow, funnel []labelCount, sections []section) ([]chart, error) {
	over := stats.BarChart{Series: []stats.Series{{Label: p.T("web.col.conversations")}, {Label: p.T("web.col.completed")}, {Label: p.T("web.col.people")}}}
	for _, b := range buckets {
		over.Categories = append(over.Categories, b.Label)
		over.Series[0].Values = append(over.Series[0].Values, b.conversationsN.Plot())
		over.Series[1].Values = append(over.Series[1].Values, b.complete.Plot())
		over.Series[2].Values = append(over.Series[2].Values, b.peopleN.Plot())
	}
	out := []chart{{ID: "time", Title: p.T("web.stats.over_time")}, {ID: "funnel", Title: p.T("web.stats.funnel")}}
	specs := []stats.BarChart{over, ranking(funnel, len(funnel))}
	for _, sec := range sections {
		if (sec.ID == "language" || sec.ID == "topic") && len(sec.Rows) > 0 {
			out = append(out, chart{ID: sec.ID, Title: sec.Title})
			specs = append(specs, ranking(sec.Rows, maxRanked))
		}
	}
	for i, spec := range specs {
		svg, err := spec.SVG()
		if err != nil {
			return nil, err
		}
		out[i].URI = template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(svg))
	}
	return out, nil
}

// ranking is a horizontal bar chart of the first n figures.
func ranking(rows []labelCount, n int) stats.BarChart {
	c := stats.BarChart{Horizontal: true, Series: []stats.Series{{}}}
	for _, r := range rows[:min(n, len(rows))] {
		c.Categories = append(c.Categories, r.Label)
		c.Series[0].Values = append(c.Series[0].Values, r.n.Plot())
	}
	return c
}
