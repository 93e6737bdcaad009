package stats

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

// The statistics CSV goes through the same neutralising writer as the directory export: a
// cell a spreadsheet would run as a formula is written as text.
func TestStatisticsCSVOpensAsText(t *testing.T) {
	records := [][]string{
		{"day", "dimension", "value", "label", "count"},
		{"2026-11-02", "language", "ar", "Arabic", "12"},
		{"2026-11-02", "office", "x", "=HYPERLINK(\"http://evil.example/\")", "7"},
		{"2026-11-02", "topic", "y", "-1+1", ""},
		{"2026-11-02", "topic", "z", "@SUM(A1)", "5"},
	}
	var buf bytes.Buffer
	if err := writeCSV(&buf, slices.Clone(records)); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF")))
	r.Comma = ';'
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		records[0], records[1],
		{"2026-11-02", "office", "x", "'=HYPERLINK(\"http://evil.example/\")", "7"},
		{"2026-11-02", "topic", "y", "'-1+1", ""},
		{"2026-11-02", "topic", "z", "'@SUM(A1)", "5"},
	}
	if len(got) != len(want) {
		t.Fatalf("records = %q", got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("record %d = %q, want %q", i, got[i], want[i])
		}
	}
}
