package staff

import (
	"bytes"
	"context"
	"fmt"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/stats"
)

// periodPicker offers the periods of the statistics.
func periodPicker() dialog.Message {
	msg := say(t("stats.pick_period"))
	for _, p := range stats.Periods {
		msg.Buttons = append(msg.Buttons, []button{btn(t("stats.period."+p), codeStats, p)})
	}
	return msg
}

// stats answers a period tapped in periodPicker; without Reports there are none to show.
func (e *Engine) stats(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	if e.Reports == nil {
		denied(m, out)
		return nil
	}
	return e.report(ctx, p.arg, out)
}

// report sends the statistics of a period: the figures as text, a chart and a CSV file.
func (e *Engine) report(ctx context.Context, period string, out *dialog.Output) error {
	from, to, ok := stats.Period(period, e.today())
	if !ok {
		notice := t("stale")
		out.Notice = &notice
		out.Messages = append(out.Messages, periodPicker())
		return nil
	}
	f, err := e.Reports.Figures(ctx, from, to)
	if err != nil {
		return err
	}
	out.Messages = append(out.Messages, dialog.Message{Lines: stats.Lines(&f)})
	png, err := stats.Chart(&f)
	if err != nil {
		return err
	}
	var csv bytes.Buffer
	if err := stats.WriteCSV(&csv, &f); err != nil {
		return err
	}
	name := fmt.Sprintf("wegweiser-%s-%s", f.From.Format("2006-01-02"), f.To.Format("2006-01-02"))
	out.Messages = append(out.Messages,
		dialog.Message{Lines: []text{t("stats.chart", "Title", t("stats.period."+period)), t("stats.small")},
			File: &dialog.File{Name: name + ".png", Data: png, Photo: true}},
		dialog.Message{Lines: []text{t("stats.csv")}, File: &dialog.File{Name: name + ".csv", Data: csv.Bytes()}})
	return nil
}
