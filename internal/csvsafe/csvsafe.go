// Package csvsafe writes CSV that spreadsheet programs open as text: a cell that a
// spreadsheet would read as a formula is prefixed with an apostrophe, following OWASP's CSV
// injection guidance, and Unescape takes exactly that prefix off again, so that what the
// product writes reads back unchanged. Every CSV the product writes goes through Writer.
package csvsafe

import (
	"encoding/csv"
	"io"
	"strings"
)

// Prefix is what Escape puts in front of a risky cell.
const Prefix = "'"

// triggers are the first characters that make a spreadsheet read a cell as a formula (or,
// for tab and carriage return, hide one behind them).
const triggers = "=+-@\t\r"

// Risky reports whether a spreadsheet could read the cell as a formula: its first character
// is one of = + - @, a tab or a carriage return.
func Risky(cell string) bool {
	return cell != "" && strings.IndexByte(triggers, cell[0]) >= 0
}

// escaped reports whether cell is one that Escape prefixes: a risky cell behind any number of
// apostrophes. The apostrophes count too, so that a cell that already starts with the prefix
// survives Escape and Unescape unchanged.
func escaped(cell string) bool {
	return Risky(strings.TrimLeft(cell, Prefix))
}

// Escape returns the cell as it is written: with Prefix in front when a spreadsheet could
// read it as a formula.
func Escape(cell string) string {
	if escaped(cell) {
		return Prefix + cell
	}
	return cell
}

// Unescape undoes Escape: it takes one Prefix off a cell that Escape would have written with
// it, and leaves every other cell as it is. Unescape(Escape(s)) == s for every s.
func Unescape(cell string) string {
	if strings.HasPrefix(cell, Prefix) && escaped(cell) {
		return cell[len(Prefix):]
	}
	return cell
}

// Writer is an encoding/csv Writer whose Write and WriteAll escape every cell.
type Writer struct {
	*csv.Writer // Comma, UseCRLF, Flush and Error as in encoding/csv
	// Verbatim, when set, names cells that are written as they are, unescaped: only for cells
	// whose column is validated to hold no formula, such as a phone number in its one display
	// form ("+33 1 23 45 67 89").
	Verbatim func(column int, cell string) bool
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{Writer: csv.NewWriter(w)}
}

// Write writes one record, each cell escaped.
func (w *Writer) Write(record []string) error {
	out := make([]string, len(record))
	for i, cell := range record {
		if w.Verbatim != nil && w.Verbatim(i, cell) {
			out[i] = cell
			continue
		}
		out[i] = Escape(cell)
	}
	return w.Writer.Write(out)
}

// WriteAll writes every record, escaped, and flushes.
func (w *Writer) WriteAll(records [][]string) error {
	for _, r := range records {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}
