package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/pgtest"
)

// TestConsoleSaysOpenNow: the console, as the command wires it (Berlin time, the public
// holidays of WEGWEISER_STATE), follows an office's opening hours with whether it is open now
// or when it opens, and says nothing of the kind for an office without hours. Whichever the
// wall clock, one of the two forms appears, once.
func TestConsoleSaysOpenNow(t *testing.T) {
	url := pgtest.NewDatabase(t)
	src := filepath.Join(t.TempDir(), "offices.csv")
	file := directorytest.File(
		`mbe-a,mbe,MBE Nord,Träger A,Nordstraße 1,34127,Kassel,51.33,9.49,0561 111111,,,de,letters,,,Mo-Fr 09:00-12:00,,,`,
		`mbe-b,mbe,MBE Süd,Träger B,Südstraße 2,34119,Kassel,51.30,9.47,0561 222222,,,de,letters,,,,,,`,
	)
	if err := os.WriteFile(src, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, err := cli(t, url, "directory", "import", src); err != nil {
		t.Fatalf("import: %v %s", err, errOut)
	}
	env := map[string]string{"DATABASE_URL": url, "WEGWEISER_STATE": "HE"}
	in := strings.NewReader(strings.Join([]string{"34", "I got a letter and I do not understand it", "1"}, "\n"))
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"console"}, func(k string) string { return env[k] }, in, &out, &errOut); err != nil {
		t.Fatalf("console: %v\n%s", err, errOut.String())
	}
	text := out.String()
	hours := strings.Index(text, "🕒 Opening hours: Mon–Fri 09:00–12:00\n")
	if hours < 0 {
		t.Fatalf("no opening hours in:\n%s", text)
	}
	after := text[hours:]
	after = after[strings.IndexByte(after, '\n')+1:]
	if !strings.HasPrefix(after, "🟢 Open now, until 12:00\n") && !strings.HasPrefix(after, "🔴 Closed now, opens ") &&
		!strings.HasPrefix(after, "🔴 Closed today (public holiday), opens ") {
		t.Errorf("the line after the hours is not an open line:\n%s", text)
	}
	if n := strings.Count(text, "🟢 Open now") + strings.Count(text, "🔴 Closed"); n != 1 {
		t.Errorf("%d open lines, want one (MBE Süd has no hours):\n%s", n, text)
	}
}
