package main

import (
	"context"
	"fmt"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/stats"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/locales"
)

func (e *env) stats(ctx context.Context, args []string) error {
	fs := e.flags("stats")
	fromFlag := fs.String("from", "", "first day, YYYY-MM-DD (default: 29 days before --to)")
	toFlag := fs.String("to", "", "last day, YYYY-MM-DD (default: today)")
	format := fs.String("format", "text", "text or csv")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return exitError{2}
	}
	if *format != "text" && *format != "csv" {
		return fmt.Errorf("stats: --format must be text or csv")
	}
	to := directory.DateIn(time.Now(), officesZone)
	if *toFlag != "" {
		t, err := directory.ParseDate(*toFlag)
		if err != nil {
			return fmt.Errorf("stats: --to must be a date YYYY-MM-DD")
		}
		to = *t
	}
	from := to.AddDate(0, 0, -29)
	if *fromFlag != "" {
		f, err := directory.ParseDate(*fromFlag)
		if err != nil {
			return fmt.Errorf("stats: --from must be a date YYYY-MM-DD")
		}
		from = *f
	}
	if from.After(to) {
		return fmt.Errorf("stats: --from is after --to")
	}
	var f stats.Figures
	err := e.withStore(ctx, false, func(st *store.Store) (err error) {
		f, err = st.Figures(ctx, from, to)
		return err
	})
	if err != nil {
		return err
	}
	if *format == "csv" {
		return stats.WriteCSV(e.stdout, &f)
	}
	cat, err := i18n.Load(locales.FS)
	if err != nil {
		return err
	}
	for _, line := range stats.Lines(&f) {
		fmt.Fprintln(e.stdout, cat.Render("en", line))
	}
	return nil
}
