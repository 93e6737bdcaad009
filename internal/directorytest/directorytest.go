// Package directorytest holds the directory files of the tests: one shared sample
// (testdata/directory.csv) and a builder for the small files single tests need, so that the
// 20-column header is written in one place, the sample's first line.
//
// It imports nothing of the project, so that the tests inside package directory and package
// store can use it too.
package directorytest

import (
	_ "embed"
	"strings"
)

// Sample is testdata/directory.csv: five offices in Kassel, two MBE (MBE Nord, with
// opening hours, a note and a confirmation; MBE Süd), a JMD (JMD Mitte) and two services (the
// Ausländerbehörde and the Jugendamt).
//
//go:embed testdata/directory.csv
var Sample string

// header is the sample's first line, with its line break.
var header = Sample[:strings.IndexByte(Sample, '\n')+1]

// File returns a directory file: the header, then rows, one record each (a quoted field may
// hold a line break). File() is the header alone.
func File(rows ...string) string {
	var b strings.Builder
	b.WriteString(header)
	for _, r := range rows {
		b.WriteString(r)
		b.WriteByte('\n')
	}
	return b.String()
}
