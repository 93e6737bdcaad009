package directorytest_test

import (
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
)

func TestSampleIsAValidDirectoryFile(t *testing.T) {
	offices, err := directory.ReadCSV(strings.NewReader(directorytest.Sample))
	if err != nil || len(offices) != 5 {
		t.Fatalf("the sample has %d offices, %v; want 5 and no error", len(offices), err)
	}
}

func TestFileWritesTheHeaderOnce(t *testing.T) {
	header := directorytest.File()
	if !strings.HasPrefix(directorytest.Sample, header) || strings.Count(header, "\n") != 1 || strings.Count(header, ",") != 19 {
		t.Fatalf("header = %q", header)
	}
	a := "a,jmd,A,,,,,,,,,,,,,,,,,"
	b := "b,mbe,B" + strings.Repeat(",", 15) + "\"two\nlines\",," // the note holds a line break
	got := directorytest.File(a, b)
	if want := header + a + "\n" + b + "\n"; got != want {
		t.Errorf("File = %q, want %q", got, want)
	}
	offices, err := directory.ReadCSV(strings.NewReader(got))
	if err != nil || len(offices) != 2 || offices[1].Note != "two\nlines" {
		t.Errorf("ReadCSV(File(...)) = %+v, %v", offices, err)
	}
}
