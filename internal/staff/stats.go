package staff

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/stats"
)

// FieldPeriod is not an office field: the flow waits for a typed period of the statistics.
const FieldPeriod Field = "period"

// periodPicker offers the periods of the statistics, and a period of one's own.
func periodPicker() dialog.Message {
	msg := say(t("stats.pick_period"))
	for _, p := range stats.Periods {
		msg.Buttons = append(msg.Buttons, []button{btn(t("stats.period."+p), codeStats, p)})
	}
	msg.Buttons = append(msg.Buttons, []button{btn(t("stats.period.custom"), codeStatsRange)})
	return msg
}

// stats answers a period tapped in periodPicker.
func (e *Engine) stats(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	from, to, ok := stats.Period(p.arg, e.today())
	if !ok {
		notice := t("stale")
		out.Notice = &notice
		out.Messages = append(out.Messages, periodPicker())
		return nil
	}
	m.Flow = m.Flow.then(Flow{})
	return e.report(ctx, p.lang, from, to, out)
}

// statsRange asks for a period of one's own: a quarter or two dates.
func (e *Engine) statsRange(_ context.Context, m *Member, _ press, out *dialog.Output) error {
	m.Flow = m.Flow.then(Flow{Field: FieldPeriod})
	out.Messages = append(out.Messages, dialog.Message{Lines: []text{t("stats.ask_period")}, Buttons: [][]button{{cancelButton()}}})
	return nil
}

// typedPeriod takes the period typed after statsRange.
func (e *Engine) typedPeriod(ctx context.Context, m *Member, lang string, in dialog.Input, out *dialog.Output) error {
	if !m.Allowed(ActionReadStats, "") {
		denied(m, out)
		return nil
	}
	from, to, ok := stats.ParseRange(in.Text)
	if !ok || in.Kind != dialog.InputText {
		out.Messages = append(out.Messages, say(t("stats.bad_period")), dialog.Message{Lines: []text{t("stats.ask_period")},
			Buttons: [][]button{{cancelButton()}}})
		return nil
	}
	m.Flow = m.Flow.then(Flow{})
	return e.report(ctx, lang, from, to, out)
}

// statsDaily sends the per-day CSV of the period its button names.
func (e *Engine) statsDaily(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	a, b, ok := strings.Cut(p.arg, "-")
	from, err1 := time.Parse("20060102", a)
	to, err2 := time.Parse("20060102", b)
	if !ok || err1 != nil || err2 != nil || from.After(to) || to.Sub(from) > stats.MaxSpan {
		denied(m, out)
		return nil
	}
	r, err := e.build(ctx, from, to)
	if errors.Is(err, errNoReports) {
		out.Messages = append(out.Messages, say(dialog.T("staff.denied")))
		return nil
	}
	if err != nil {
		return err
	}
	var csv bytes.Buffer
	if err := stats.WriteDailyCSV(&csv, r, e.sayIn(p.lang)); err != nil {
		return err
	}
	out.Messages = append(out.Messages, dialog.Message{Lines: []text{t("stats.csv_daily")},
		File: &dialog.File{Name: fileName(r) + "-daily.csv", Data: csv.Bytes()}})
	return nil
}

// errNoReports: this engine computes no statistics (Reports is nil).
var errNoReports = errors.New("staff: no statistics in this setup")

// build reads and labels the statistics of a period.
func (e *Engine) build(ctx context.Context, from, to time.Time) (*stats.Report, error) {
	if e.Reports == nil {
		return nil, errNoReports
	}
	d, err := e.Reports.ReportData(ctx, from, to, e.today())
	if err != nil {
		return nil, err
	}
	return stats.Build(&d), nil
}

// report sends the statistics of a period: the text (with a button for the CSV per day), the
// chart (none for an empty period) and the CSV of the period.
func (e *Engine) report(ctx context.Context, lang string, from, to time.Time, out *dialog.Output) error {
	r, err := e.build(ctx, from, to)
	if errors.Is(err, errNoReports) {
		out.Messages = append(out.Messages, say(dialog.T("staff.denied")))
		return nil
	}
	if err != nil {
		return err
	}
	say := e.sayIn(lang)
	// The per-day CSV is offered under the text: front ends may not put buttons under files.
	daily := r.From.Format("20060102") + "-" + r.To.Format("20060102")
	out.Messages = append(out.Messages, dialog.Message{Lines: stats.Text(r),
		Buttons: [][]button{{btn(t("stats.button.daily"), codeStatsDaily, daily)}}})
	png, err := stats.Chart(r, say)
	if err != nil {
		return err
	}
	if png != nil {
		out.Messages = append(out.Messages, dialog.Message{Lines: []text{t("stats.chart", "Title", r.Title()), t("stats.small")},
			File: &dialog.File{Name: fileName(r) + ".png", Data: png, Photo: true}})
	}
	var csv bytes.Buffer
	if err := stats.WritePeriodCSV(&csv, r, say); err != nil {
		return err
	}
	out.Messages = append(out.Messages, dialog.Message{Lines: []text{t("stats.csv")},
		File: &dialog.File{Name: fileName(r) + ".csv", Data: csv.Bytes()}})
	return nil
}

func fileName(r *stats.Report) string {
	return fmt.Sprintf("wegweiser-%s-%s", r.From.Format("2006-01-02"), r.To.Format("2006-01-02"))
}

// sayIn renders texts in lang for the files (chart and CSV), as the chat says the rest.
func (e *Engine) sayIn(lang string) stats.Render {
	if e.Render == nil {
		return func(t dialog.Text) string { return t.Raw }
	}
	return func(t dialog.Text) string { return e.Render(lang, t) }
}
