package web

import (
	"bytes"
	"io"
	"testing"
)

// TestSafeCell: cells a spreadsheet would run as a formula are kept as text; others stay.
func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://evil\")": "'=HYPERLINK(\"http://evil\")", "+1": "'+1", "-1+2": "'-1+2", "@SUM(A1)": "'@SUM(A1)",
		"\t=1": "'\t=1", "\r=1": "'\r=1", "<5": "<5", "2026-11-25": "2026-11-25", "": "", "a=b": "a=b", "12": "12",
	} {
		if got := safeCell(in); got != want {
			t.Errorf("safeCell(%q) = %q, want %q", in, got, want)
		}
	}
	var out bytes.Buffer
	err := writeSpreadsheetCSV(&out, func(w io.Writer) error {
		_, err := io.WriteString(w, "day,dimension,value,count\n2026-11-25,note,=1+1,<5\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "\uFEFFday,dimension,value,count\r\n2026-11-25,note,'=1+1,<5\r\n"; got != want {
		t.Errorf("CSV %q, want %q", got, want)
	}
}
