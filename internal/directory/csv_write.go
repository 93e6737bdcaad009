package directory

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/kassel/wegweiser/internal/csvsafe"
)

// WriteCSV writes offices as a directory file (with a UTF-8 BOM so that spreadsheet programs
// read the umlauts right, CRLF line ends as RFC 4180 has them), sorted by id. A cell that a
// spreadsheet would read as a formula is written with an apostrophe in front (csvsafe), which
// ReadCSV takes off again; a phone number in its display form is written as it is.
func WriteCSV(w io.Writer, offices []Office) error {
	sorted := slices.Clone(offices)
	slices.SortFunc(sorted, func(a, b Office) int { return strings.Compare(a.ID, b.ID) })
	var buf bytes.Buffer
	buf.WriteString(bom)
	cw := csvsafe.NewWriter(&buf)
	cw.UseCRLF = true
	cw.Verbatim = func(col int, cell string) bool { return col == phoneColumn && IsDisplayPhone(cell) }
	if err := cw.Write(Columns); err != nil {
		return err
	}
	for _, o := range sorted {
		if err := cw.Write(Record(&o)); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// phoneColumn is the index of "phone" in Columns.
var phoneColumn = slices.Index(Columns, "phone")

// Record returns an office's fields in the order of Columns.
func Record(o *Office) []string {
	return []string{
		o.ID, string(o.Kind), o.Name, o.Provider, o.Street, o.Postcode, o.City,
		formatFloat(o.Latitude), formatFloat(o.Longitude), o.Phone, o.Email, o.Website,
		strings.Join(o.Languages, " "), joinTopics(o.Topics), formatInt(o.MinAge), formatInt(o.MaxAge),
		o.OpeningHours, o.Note, formatBool(o.AcceptingNewClients), FormatDate(o.ConfirmedAt),
	}
}

func joinTopics(ts []Topic) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, " ")
}

func formatFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func formatInt(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func formatBool(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}
