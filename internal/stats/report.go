package stats

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/kassel/wegweiser/internal/dialog"
)

// Lines is the text report, as conversation texts for the reader's language.
func Lines(f *Figures) []dialog.Text {
	T, Raw := dialog.T, dialog.Raw
	date := func(d interface{ Format(string) string }) dialog.Text {
		return dialog.LTR(d.Format("02.01.2006"))
	}
	lines := []dialog.Text{T("stats.title", "From", date(f.From), "To", date(f.To)), Raw("")}
	if f.Conversations == 0 && f.People == 0 {
		return append(lines, T("stats.none"))
	}
	people := f.People.String()
	if f.PeopleApprox {
		people = "≈" + people
	}
	lines = append(lines,
		T("stats.people", "Value", dialog.LTR(people)),
		T("stats.conversations", "Value", dialog.LTR(f.Conversations.String())),
		T("stats.completed", "Value", dialog.LTR(f.Completed.String()), "Rate", dialog.LTR(rate(f.Completed, f.Conversations))),
		Raw(""), T("stats.dropoff"))
	for _, step := range Steps[:len(Steps)-1] {
		if c := f.DropOff[step]; c > 0 {
			lines = append(lines, dialog.LTR(fmt.Sprintf("  %s: %s", step, c)))
		}
	}
	for _, sec := range []struct{ id, dim string }{
		{"stats.by_language", "language"}, {"stats.by_topic", "topic"}, {"stats.by_age", "age_band"},
		{"stats.offices", "office"}, {"stats.services", "service"}, {"stats.no_office", "no_office"},
	} {
		rows := f.Total(sec.dim)
		if len(rows) == 0 {
			continue
		}
		lines = append(lines, Raw(""), T(sec.id))
		for _, r := range rows {
			lines = append(lines, dialog.LTR(fmt.Sprintf("  %s: %s", r.Value, r.Count)))
		}
	}
	var yes, no Count
	for _, r := range f.Total("feedback") {
		switch r.Value {
		case "yes":
			yes = r.Count
		case "no":
			no = r.Count
		}
	}
	lines = append(lines, handoverLines(f)...)
	return append(lines, Raw(""), T("stats.feedback", "Yes", dialog.LTR(yes.String()), "No", dialog.LTR(no.String())),
		Raw(""), T("stats.small"))
}

// rate is part/whole as a percentage, shown only when neither count is hidden.
func rate(part, whole Count) string {
	if whole == 0 || part.Small() || whole.Small() {
		return "–"
	}
	return fmt.Sprintf("%.0f %%", 100*float64(part)/float64(whole))
}

// WriteCSV writes the figures as one row per day and dimension: day,dimension,value,count,
// with the daily totals (conversations, completed, people) as dimensions too.
func WriteCSV(w io.Writer, f *Figures) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"day", "dimension", "value", "count"}); err != nil {
		return err
	}
	for _, r := range f.Rows {
		if err := cw.Write([]string{r.Day.Format("2006-01-02"), r.Dimension, r.Value, r.Count.String()}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
