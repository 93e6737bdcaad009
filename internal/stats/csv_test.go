package stats

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"
)

// The statistics CSV goes through the same neutralising writer as the directory export.
func TestStatisticsCSVOpensAsText(t *testing.T) {
	day := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	f := &Figures{From: day, To: day, Rows: []Row{
		{Day: day, Dimension: "language", Value: "ar", Count: 12},
		{Day: day, Dimension: "office", Value: "=HYPERLINK(\"http://evil.example/\")", Count: 7},
		{Day: day, Dimension: "topic", Value: "-1+1", Count: 3},
	}}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, f); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"day", "dimension", "value", "count"},
		{"2026-11-02", "language", "ar", "12"},
		{"2026-11-02", "office", "'=HYPERLINK(\"http://evil.example/\")", "7"},
		{"2026-11-02", "topic", "'-1+1", "<5"},
	}
	if len(recs) != len(want) {
		t.Fatalf("records = %q", recs)
	}
	for i := range want {
		for j := range want[i] {
			if recs[i][j] != want[i][j] {
				t.Errorf("record %d = %q, want %q", i, recs[i], want[i])
				break
			}
		}
	}
}
