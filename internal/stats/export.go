package stats

import (
	"io"
	"strconv"
	"strings"

	"github.com/kassel/wegweiser/internal/csvsafe"
	"github.com/kassel/wegweiser/internal/dialog"
)

// The CSV files of a report. Both open in a spreadsheet as they are, also in a German Excel:
// UTF-8 with a byte order mark (so umlauts and other scripts read right), ";" between the
// cells (German Excel's list separator; a "sep=" line would make Excel ignore the byte order
// mark), CRLF line ends. Counts are numbers; a count from 1 to 4 leaves its cell empty and
// says so in the "suppressed" column (1), so that sums over a column stay true to what is
// shown. Labels are in the reader's language; dimension and value stay machine keys.

// Render says a text in the reader's language (i18n.Catalog.Render for one language).
type Render func(dialog.Text) string

// PeriodHeader and DailyHeader are the first rows of the two files.
var (
	PeriodHeader = []string{"from", "to", "dimension", "value", "label", "count", "suppressed", "detail"}
	DailyHeader  = []string{"day", "dimension", "value", "label", "count", "suppressed"}
)

// WritePeriodCSV writes the report as one row per dimension and value for the whole period:
// the totals, every section, the figures beside them (Report.More, labelled "what it counts:
// value"), the hand-overs by office (and the median wait, its hours in the
// detail column, counted from the requests it is taken from), supply against demand and the
// stale entries.
func WritePeriodCSV(w io.Writer, r *Report, say Render) error {
	from, to := r.From.Format("2006-01-02"), r.To.Format("2006-01-02")
	rows := [][]string{PeriodHeader}
	add := func(dim, value string, label dialog.Text, c cell, detail string) {
		rows = append(rows, append([]string{from, to, dim, value, flat(say(label))}, append(c.cells(), detail)...))
	}
	for _, v := range []struct {
		key string
		c   Count
	}{{"people", r.People}, {"conversations", r.Conversations}, {"completed", r.Completed}, {"results", r.Results}} {
		detail := ""
		if v.key == "people" && r.PeopleApprox {
			detail = "≈"
		}
		add("total", v.key, r.Label("total", v.key), people(v.c), detail)
	}
	for _, s := range r.Sections {
		for _, it := range s.Items {
			add(s.Key, it.Value, it.Label, people(it.Count), "")
		}
	}
	for _, s := range r.More {
		for _, it := range s.Items {
			label := dialog.Join(": ", s.Title, it.Label)
			if it.Value == "all" {
				label = r.Label(s.Key, it.Value) // the figure itself
			}
			add(s.Key, it.Value, label, people(it.Count), "")
		}
	}
	for _, h := range r.HandoverRows {
		for i, dim := range handoverDims {
			add(dim, h.Office, r.Label("office", h.Office), people(h.Counts[i]), "")
		}
	}
	if w := r.HandoverWait; w.N > 0 {
		label := dialog.T("stats.handover.wait", "Hours", dialog.Decimal(w.Value, 1), "N", dialog.LTR(w.N.String()))
		add("handover_wait_hours", "median", label, people(w.N), strconv.FormatFloat(w.Value, 'f', 1, 64))
	}
	for _, d := range r.Supply.Languages {
		add("offices_language", d.Value, d.Label, plain(d.Offices), "")
	}
	for _, d := range r.Supply.Topics {
		add("offices_topic", d.Value, d.Label, plain(d.Offices), "")
	}
	for _, s := range r.Supply.Stale {
		age := cell{empty: true} // never confirmed
		if s.ConfirmedAt != nil {
			age = plain(int(r.Supply.AsOf.Sub(*s.ConfirmedAt).Hours() / 24))
		}
		add("stale_days", s.ID, dialog.Raw(s.Name), age, flat(say(confirmedText(s))+" · "+say(reminderText(s))))
	}
	return writeCSV(w, rows)
}

// WriteDailyCSV writes one row per day, dimension and value, each count with the <5 rule (a
// day's values of one dimension withheld together, see WithholdRows).
func WriteDailyCSV(w io.Writer, r *Report, say Render) error {
	rows := [][]string{DailyHeader}
	for _, d := range WithholdRows(r.days) {
		rows = append(rows, append([]string{d.Day.Format("2006-01-02"), d.Dimension, d.Value, flat(say(r.Label(d.Dimension, d.Value)))},
			people(d.Count).cells()...))
	}
	return writeCSV(w, rows)
}

// cell is a count as written: the number, or empty and suppressed.
type cell struct {
	n          int
	suppressed bool
	empty      bool
}

// people is a count of people or conversations: 1 to 4 are suppressed, and so is a count
// withheld beside one of them.
func people(c Count) cell { return cell{n: int(c), suppressed: c.Hidden()} }

// plain is a count of something else (offices, days): never suppressed.
func plain(n int) cell { return cell{n: n} }

func (c cell) cells() []string {
	switch {
	case c.empty:
		return []string{"", "0"}
	case c.suppressed:
		return []string{"", "1"}
	}
	return []string{strconv.Itoa(c.n), "0"}
}

// flat is a label for a cell: on one line, without the marks that keep right-to-left text in
// order on a screen (a spreadsheet cell is one run of text).
func flat(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.Map(func(r rune) rune {
		if (r >= '\u2066' && r <= '\u2069') || r == '\u200e' || r == '\u200f' {
			return -1
		}
		return r
	}, s)
}

// writeCSV writes the records as the report's CSV format (see above), through the product's
// one CSV writer, which neutralises a cell a spreadsheet would read as a formula.
func writeCSV(w io.Writer, records [][]string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csvsafe.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	return cw.WriteAll(records)
}
