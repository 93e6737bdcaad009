package stats

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/kassel/wegweiser/internal/dialog"
)

// The chart of a report: conversations over the period (per day, or per week for longer
// periods) and the results by language and by topic, with titles, axes and names in the
// reader's language. Counts from 1 to 4 are drawn as 0 and named "<5".

// maxBars is how many languages or topics a panel shows: the most asked.
const maxBars = 10

// weeklyAfter is the length of period from which the first panel counts weeks, not days.
const weeklyAfter = 45

var (
	blue  = color.RGBA{R: 31, G: 119, B: 180, A: 255}
	green = color.RGBA{R: 44, G: 160, B: 44, A: 255}
)

// Chart draws a report as a PNG; an empty period has no chart (nil).
func Chart(r *Report, say Render) ([]byte, error) {
	if r.Conversations == 0 {
		return nil, nil
	}
	over, err := timePanel(r, say)
	if err != nil {
		return nil, fmt.Errorf("stats: chart: %w", err)
	}
	plots := [][]*plot.Plot{{over}}
	for _, key := range []string{"language", "topic"} {
		p, err := barsPanel(r.Section(key), say, say(dialog.T("stats.axis.results")))
		if err != nil {
			return nil, fmt.Errorf("stats: chart: %w", err)
		}
		plots = append(plots, []*plot.Plot{p})
	}
	over.Title.Text = flat(say(r.Title())) + "\n" + over.Title.Text
	img := vgimg.New(9*vg.Inch, 12*vg.Inch)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: len(plots), Cols: 1, PadX: vg.Millimeter, PadY: 8 * vg.Millimeter,
		PadTop: 4 * vg.Millimeter, PadBottom: 4 * vg.Millimeter, PadLeft: 4 * vg.Millimeter, PadRight: 6 * vg.Millimeter}
	canvases := plot.Align(plots, tiles, dc)
	for i := range plots {
		plots[i][0].Draw(canvases[i][0])
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("stats: chart: %w", err)
	}
	return buf.Bytes(), nil
}

// buckets sums a dimension's daily counts per day, or per week for long periods, and names
// each bucket by its first day.
func buckets(r *Report, dim string) (values []Count, names []string, weekly bool) {
	f := Figures{From: r.From, To: r.To, Rows: r.days}
	daily := f.Daily(dim, "all")
	size := 1
	if len(daily) > weeklyAfter {
		size, weekly = 7, true
	}
	for i := 0; i < len(daily); i += size {
		var sum Count
		for _, c := range daily[i:min(i+size, len(daily))] {
			sum += c
		}
		values = append(values, sum)
		names = append(names, r.From.AddDate(0, 0, i).Format("02.01."))
	}
	return values, names, weekly
}

// timePanel draws conversations and completed conversations per day or week.
func timePanel(r *Report, say Render) (*plot.Plot, error) {
	conv, names, weekly := buckets(r, "conversations")
	done, _, _ := buckets(r, "completed")
	p := plot.New()
	p.Y.Label.Text = flat(say(dialog.T("stats.axis.per_day")))
	p.X.Label.Text = flat(say(dialog.T("stats.axis.day")))
	if weekly {
		p.Y.Label.Text = flat(say(dialog.T("stats.axis.per_week")))
		p.X.Label.Text = flat(say(dialog.T("stats.axis.week")))
	}
	p.Title.Text = flat(say(dialog.T("stats.small")))
	p.Title.TextStyle.Font.Size = vg.Points(9)
	width := vg.Points(max(2, 7.5*72/float64(len(conv))*0.38))
	for i, s := range []struct {
		values []Count
		label  dialog.Text
		color  color.Color
	}{{conv, r.Label("total", "conversations"), blue}, {done, r.Label("total", "completed"), green}} {
		bars, err := plotter.NewBarChart(plotValues(s.values), width)
		if err != nil {
			return nil, err
		}
		bars.Color, bars.LineStyle.Width = s.color, 0
		bars.Offset = (vg.Length(i) - 0.5) * width
		p.Add(bars)
		p.Legend.Add(flat(say(s.label)), bars)
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Y.Min = 0
	p.Y.Max *= 1.25 // room for the legend
	p.NominalX(thin(names, 14)...)
	return p, nil
}

// barsPanel draws a section as horizontal bars, the most asked on top, each named with its
// count as the text says it ("Dari: <5").
func barsPanel(s Section, say Render, axis string) (*plot.Plot, error) {
	items := s.Items[:min(len(s.Items), maxBars)]
	values := make(plotter.Values, len(items))
	names := make([]string, len(items))
	for i, it := range items {
		j := len(items) - 1 - i // bottom to top
		values[j] = it.Count.Plot()
		names[j] = flat(say(it.Label)) + ": " + it.Count.String()
	}
	p := plot.New()
	p.Title.Text = strings.TrimSuffix(flat(say(s.Title)), ":")
	p.X.Label.Text = axis
	p.X.Min = 0
	if len(items) == 0 {
		return p, nil
	}
	bars, err := plotter.NewBarChart(values, vg.Points(14))
	if err != nil {
		return nil, err
	}
	bars.Horizontal, bars.Color, bars.LineStyle.Width = true, blue, 0
	p.Add(bars)
	p.NominalY(names...)
	return p, nil
}

func plotValues(cs []Count) plotter.Values {
	v := make(plotter.Values, len(cs))
	for i, c := range cs {
		v[i] = c.Plot()
	}
	return v
}

// thin keeps at most n of the labels (evenly spread), so that they do not overlap.
func thin(labels []string, n int) []string {
	if len(labels) <= n {
		return labels
	}
	step := (len(labels) + n - 1) / n
	out := make([]string, len(labels))
	for i := range labels {
		if i%step == 0 {
			out[i] = labels[i]
		}
	}
	return out
}
