package stats

import (
	"bytes"
	"fmt"
	"image/color"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// BarChart is a chart of bars for the web console: one bar per category and series. Values
// come from Count.Plot, so 1 to 4 are drawn as 0, as in Chart. Labels are given in the
// reader's language by the caller.
type BarChart struct {
	Categories []string // along the axis, in order
	Series     []Series // each with one value per category
	// Horizontal draws the bars from the left, categories top to bottom (for rankings with
	// long names: languages, topics, offices).
	Horizontal bool
	Width      vg.Length // 0: 8 in
	Height     vg.Length // 0: 4 in, or for a horizontal chart 0.3 in per category
}

// Series is one row of bars: a label for the legend and a value per category.
type Series struct {
	Label  string
	Values []float64
}

// palette colours the series; the colours keep a contrast of at least 3:1 to white.
var palette = []color.Color{
	color.RGBA{R: 31, G: 100, B: 160, A: 255},
	color.RGBA{R: 30, G: 125, B: 50, A: 255},
	color.RGBA{R: 170, G: 80, B: 0, A: 255},
}

// SVG draws the chart as an SVG image.
func (c BarChart) SVG() ([]byte, error) {
	p := plot.New()
	n := max(1, len(c.Categories))
	w, h := c.size(n)
	// The series share about 80 % of a category's room.
	room := w
	if c.Horizontal {
		room = h
	}
	width := vg.Length(max(1, float64(room)*0.8/float64(n)/float64(max(1, len(c.Series)))*0.75))
	for i, s := range c.Series {
		values := append([]float64(nil), s.Values...)
		if c.Horizontal {
			slices.Reverse(values) // see axes
		}
		bars, err := plotter.NewBarChart(plotter.Values(values), width)
		if err != nil {
			return nil, fmt.Errorf("stats: bar chart: %w", err)
		}
		bars.Color = palette[i%len(palette)]
		bars.LineStyle.Width = 0
		bars.Horizontal = c.Horizontal
		bars.Offset = (vg.Length(i) - vg.Length(len(c.Series)-1)/2) * width
		p.Add(bars)
		if len(c.Series) > 1 {
			p.Legend.Add(s.Label, bars)
		}
	}
	c.axes(p)
	sans(p)
	wt, err := p.WriterTo(w, h, "svg")
	if err != nil {
		return nil, fmt.Errorf("stats: bar chart: %w", err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("stats: bar chart: %w", err)
	}
	// The fonts are not embedded (they would weigh more than the chart): where Liberation
	// Sans is missing, its metric twins or any sans-serif font stand in.
	return bytes.ReplaceAll(buf.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif;")), nil
}

// sans sets every text of the plot in Liberation Sans, which reads better on screen than the
// default serif.
func sans(p *plot.Plot) {
	for _, st := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle,
		&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		st.Font.Variant = "Sans"
	}
}

func (c BarChart) size(n int) (w, h vg.Length) {
	w, h = c.Width, c.Height
	if w == 0 {
		w = 8 * vg.Inch
	}
	if h == 0 {
		h = 4 * vg.Inch
		if c.Horizontal {
			h = max(1.5*vg.Inch, vg.Length(n)*0.3*vg.Inch+vg.Inch)
		}
	}
	return w, h
}

// axes names the categories (thinned out when there are many) and leaves room for the legend.
func (c BarChart) axes(p *plot.Plot) {
	labels := append([]string(nil), c.Categories...)
	if c.Horizontal {
		// NominalY counts from the bottom: the first category goes on top.
		slices.Reverse(labels)
		p.X.Min, p.X.Max = 0, max(p.X.Max, 1)
		p.NominalY(labels...)
		return
	}
	if len(labels) > 16 {
		step := (len(labels) + 15) / 16
		for i := range labels {
			if i%step != 0 {
				labels[i] = ""
			}
		}
	}
	p.Y.Min = 0
	p.NominalX(labels...)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Y.Max = max(p.Y.Max*(1+0.15*float64(len(c.Series))), 1) // room for the legend
}
