package directory

import (
	"bytes"
	"io"
	"regexp"
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
	cw.Verbatim = verbatim
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

// Indexes in Columns of the columns whose valid values are written without the apostrophe.
var (
	phoneColumn     = slices.Index(Columns, "phone")
	latitudeColumn  = slices.Index(Columns, "latitude")
	longitudeColumn = slices.Index(Columns, "longitude")
)

// plainNumber is a decimal number as formatFloat writes it.
var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// verbatim names the cells written as they are even when they start with "+" or "-": a phone
// number in its display form and a coordinate as a plain decimal number hold only digits,
// spaces and + ( ) / - . so a spreadsheet cannot read a formula in them.
func verbatim(col int, cell string) bool {
	switch col {
	case phoneColumn:
		return IsDisplayPhone(cell)
	case latitudeColumn, longitudeColumn:
		return plainNumber.MatchString(cell)
	}
	return false
}

// Record returns an office's fields in the order of Columns.
func Record(o *Office) []string {
	return []string{
		o.ID, string(o.Kind), o.Name, o.Provider, o.Street, o.Postcode, o.City,
		formatFloat(o.Latitude), formatFloat(o.Longitude), o.Phone, o.Email, o.Website,
		strings.Join(o.Languages, " "), joinTopics(o.Topics), formatInt(o.MinAge), formatInt(o.MaxAge),
		o.OpeningHours, o.Note, formatBool(o.AcceptingNewClients), FormatDate(o.ConfirmedAt),
		FormatDate(o.ClosedUntil), formatInt(o.Waiting), strings.Join(o.NoteKeys, " "),
		FormatDate(o.ClosedFrom), strings.Join(o.Serves, "; "),
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
