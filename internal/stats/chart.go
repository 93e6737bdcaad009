package stats

import (
	"bytes"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Series is one line of bars in the chart: a label and a value per day, already with the
// "<5" rule applied (1 to 4 drawn as 0).
type Series struct {
	Label  string
	Values []float64
}

// ChartData is what the chart draws: conversations and completed conversations per day.
func ChartData(f *Figures) []Series {
	out := []Series{{Label: "conversations"}, {Label: "completed"}}
	for _, c := range f.Daily("conversations", "all") {
		out[0].Values = append(out[0].Values, c.Plot())
	}
	for _, c := range f.Daily("completed", "all") {
		out[1].Values = append(out[1].Values, c.Plot())
	}
	return out
}

// Chart draws the figures as a PNG: conversations and completed conversations per day.
// Labels are English; the caption that goes with it is translated.
func Chart(f *Figures) ([]byte, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Wegweiser %s to %s (1-4 drawn as 0, shown as <5)", f.From.Format("2006-01-02"), f.To.Format("2006-01-02"))
	p.Y.Label.Text = "per day"
	p.Y.Min = 0
	series := ChartData(f)
	// Two bars per day share about 80 % of a day's width on the 7 in wide plotting area.
	width := vg.Points(max(1, 7*72/float64(max(1, len(series[0].Values)))*0.4))
	colors := []color.Color{color.RGBA{R: 31, G: 119, B: 180, A: 255}, color.RGBA{R: 44, G: 160, B: 44, A: 255}}
	for i, s := range series {
		bars, err := plotter.NewBarChart(plotter.Values(s.Values), width)
		if err != nil {
			return nil, fmt.Errorf("stats: chart: %w", err)
		}
		bars.Color = colors[i]
		bars.LineStyle.Width = 0
		bars.Offset = (vg.Length(i) - 0.5) * width
		p.Add(bars)
		p.Legend.Add(s.Label, bars)
	}
	p.Legend.Top = true
	p.Legend.Left = true
	p.Y.Max = p.Y.Max * 1.2 // room for the legend
	var labels []string
	for d := f.From; !d.After(f.To); d = d.AddDate(0, 0, 1) {
		labels = append(labels, d.Format("02.01"))
	}
	if len(labels) > 16 {
		step := (len(labels) + 15) / 16
		for i := range labels {
			if i%step != 0 {
				labels[i] = ""
			}
		}
	}
	p.NominalX(labels...)
	wt, err := p.WriterTo(8*vg.Inch, 4*vg.Inch, "png")
	if err != nil {
		return nil, fmt.Errorf("stats: chart: %w", err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("stats: chart: %w", err)
	}
	return buf.Bytes(), nil
}
