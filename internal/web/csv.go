package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// writeSpreadsheetCSV writes the CSV that write produces so that a spreadsheet opens it as is:
// with a UTF-8 byte order mark (umlauts and other scripts read right) and every cell made safe
// by safeCell. write is the one writer of the format (package stats), so the columns are
// those of `wegweiser stats --format csv`.
func writeSpreadsheetCSV(w io.Writer, write func(io.Writer) error) error {
	var plain bytes.Buffer
	if err := write(&plain); err != nil {
		return fmt.Errorf("web: csv: %w", err)
	}
	records, err := csv.NewReader(&plain).ReadAll()
	if err != nil {
		return fmt.Errorf("web: csv: %w", err)
	}
	var out bytes.Buffer
	out.WriteString("\uFEFF")
	cw := csv.NewWriter(&out)
	cw.UseCRLF = true
	for _, rec := range records {
		for i := range rec {
			rec[i] = safeCell(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("web: csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("web: csv: %w", err)
	}
	_, err = w.Write(out.Bytes())
	return err
}

// safeCell keeps a spreadsheet from running a cell as a formula (CSV injection): a cell that
// starts with = + - @, a tab or a carriage return gets a leading apostrophe, which spreadsheets
// show as text. It is the one place to swap for a shared implementation.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
