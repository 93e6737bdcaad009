package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/kassel/wegweiser/internal/app"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/stats"
	"github.com/kassel/wegweiser/internal/store"
)

// statsFormats are the outputs of `wegweiser stats`: the text the bot sends, the CSV per
// period and the CSV per day.
var statsFormats = []string{"text", "csv", "csv-daily"}

func (e *env) stats(ctx context.Context, args []string) error {
	fs := e.flags("stats")
	fromFlag := fs.String("from", "", "first day, YYYY-MM-DD (default: 29 days before --to)")
	toFlag := fs.String("to", "", "last day, YYYY-MM-DD (default: today)")
	period := fs.String("period", "", "instead of --from/--to: a quarter (2026-Q3) or two dates (01.07.2026-30.09.2026)")
	format := fs.String("format", "text", "text, csv (one row per dimension for the period) or csv-daily (one row per day)")
	lang := fs.String("lang", "de", "the language of the text and the labels")
	chart := fs.String("chart", "", "also write the chart to this PNG file")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return exitError{2}
	}
	if !slices.Contains(statsFormats, *format) {
		return fmt.Errorf("stats: --format must be text, csv or csv-daily")
	}
	if !slices.Contains(i18n.Shipped, *lang) {
		return fmt.Errorf("stats: --lang must be one of %v", i18n.Shipped)
	}
	today := directory.DateIn(time.Now(), officesZone)
	from, to, err := statsPeriod(*period, *fromFlag, *toFlag, today)
	if err != nil {
		return err
	}
	var d stats.Data
	err = e.withStore(ctx, false, func(st *store.Store) (err error) {
		d, err = st.ReportData(ctx, from, to, today)
		return err
	})
	if err != nil {
		return err
	}
	cat, err := app.Catalog()
	if err != nil {
		return err
	}
	r := stats.Build(&d)
	say := func(t dialog.Text) string { return cat.Render(*lang, t) }
	if *chart != "" {
		if err := writeChart(*chart, r, say); err != nil {
			return err
		}
	}
	switch *format {
	case "csv":
		return stats.WritePeriodCSV(e.stdout, r, say)
	case "csv-daily":
		return stats.WriteDailyCSV(e.stdout, r, say)
	}
	for _, line := range stats.Text(r) {
		fmt.Fprintln(e.stdout, say(line))
	}
	return nil
}

// statsPeriod is the period the flags name: --period, or --from and --to (the last 30 days
// up to today by default).
func statsPeriod(period, fromFlag, toFlag string, today time.Time) (from, to time.Time, err error) {
	if period != "" {
		from, to, ok := stats.ParseRange(period)
		if !ok || fromFlag != "" || toFlag != "" {
			return from, to, fmt.Errorf("stats: --period must be a quarter (2026-Q3) or two dates, without --from and --to")
		}
		return from, to, nil
	}
	to = today
	if toFlag != "" {
		t, err := directory.ParseDate(toFlag)
		if err != nil {
			return from, to, fmt.Errorf("stats: --to must be a date YYYY-MM-DD")
		}
		to = *t
	}
	from = to.AddDate(0, 0, -29)
	if fromFlag != "" {
		f, err := directory.ParseDate(fromFlag)
		if err != nil {
			return from, to, fmt.Errorf("stats: --from must be a date YYYY-MM-DD")
		}
		from = *f
	}
	if from.After(to) {
		return from, to, fmt.Errorf("stats: --from is after --to")
	}
	return from, to, nil
}

// writeChart writes the report's chart; an empty period has none, and no file is written.
func writeChart(path string, r *stats.Report, say stats.Render) error {
	png, err := stats.Chart(r, say)
	if err != nil || png == nil {
		return err
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	return nil
}
