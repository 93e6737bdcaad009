package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/seed"
)

// cliSecret is WEGWEISER_SECRET for the commands cli runs.
const cliSecret = "0123456789abcdef0123"

// cli runs the wegweiser command with DATABASE_URL set to url (and WEGWEISER_SECRET).
func cli(t *testing.T, url string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string {
		switch k {
		case "DATABASE_URL":
			return url
		case "WEGWEISER_SECRET":
			return cliSecret
		}
		return ""
	}
	err = run(context.Background(), args, getenv, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestKasselDirectoryIsValidAndUnconfirmed(t *testing.T) {
	offices, err := directory.ReadCSV(bytes.NewReader(seed.Kassel))
	if err != nil {
		t.Fatalf("the shipped Kassel file is invalid:\n%v", err)
	}
	kinds := map[directory.Kind]int{}
	area := seed.KasselArea()
	for _, o := range offices {
		kinds[o.Kind]++
		if o.ConfirmedAt != nil {
			t.Errorf("%s: confirmed_at is set; nothing in the shipped file is confirmed by an office", o.ID)
		}
		// Every JMD and MBE office has its address and a map position (distance, map, venue),
		// but the one whose MBE role is only inferred: a made-up position (its postcode's
		// centre) ranked it first by a distance nobody knew (README, the shipped file).
		placed := o.HasPosition() || o.ID == "diakonie-mbe-kassel"
		if o.Kind != directory.KindService && (!placed || o.Street == "" || o.Postcode == "") {
			t.Errorf("%s: street %q, postcode %q, position %v", o.ID, o.Street, o.Postcode, o.HasPosition())
		}
		if o.HasPosition() && directory.DistanceKm(*o.Latitude, *o.Longitude, area.Latitude, area.Longitude) > 30 {
			t.Errorf("%s: the position is not in the served area", o.ID)
		}
	}
	if kinds[directory.KindJMD] < 2 || kinds[directory.KindMBE] < 3 || kinds[directory.KindService] < 5 {
		t.Errorf("offices by kind = %v", kinds)
	}
}

func TestDirectoryRoundTripIsByteIdentical(t *testing.T) {
	url := pgtest.NewDatabase(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "kassel.csv")
	if err := os.WriteFile(src, seed.Kassel, 0o600); err != nil {
		t.Fatal(err)
	}
	shipped, err := directory.ReadCSV(bytes.NewReader(seed.Kassel))
	if err != nil {
		t.Fatal(err)
	}
	n := len(shipped)
	if out, errOut, err := cli(t, url, "directory", "import", src); err != nil || !strings.Contains(out, fmt.Sprintf("%d new", n)) {
		t.Fatalf("import: %v\n%s%s", err, out, errOut)
	}
	first := filepath.Join(dir, "first.csv")
	if _, errOut, err := cli(t, url, "directory", "export", "-o", first); err != nil {
		t.Fatalf("export: %v %s", err, errOut)
	}
	if out, _, err := cli(t, url, "directory", "import", "--replace", first); err != nil || !strings.Contains(out, fmt.Sprintf("%d unchanged, 0 archived", n)) {
		t.Fatalf("re-import: %v %s", err, out)
	}
	second, _, err := cli(t, url, "directory", "export")
	if err != nil {
		t.Fatal(err)
	}
	firstBytes, _ := os.ReadFile(first)
	if !bytes.Equal(firstBytes, []byte(second)) {
		t.Errorf("export → import → export differs")
	}
}

func TestDirectoryImportRejectsBadFileWholly(t *testing.T) {
	url := pgtest.NewDatabase(t)
	for _, want := range []string{"now at version", "up to date"} {
		if out, _, err := cli(t, url, "migrate"); err != nil || !strings.Contains(out, want) {
			t.Fatalf("migrate = %q, %v; want %q", out, err, want)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	// The columns of a file written before the status columns (closed_until, ...) existed.
	content := strings.Join(directory.Columns[:20], ",") + "\n" +
		"good-office,mbe,Good,,,,,,,,,,de,,,,,,,\n" +
		"bad-office,office,Bad,,,123,,,,,,,,,,,,,,\n"
	if err := os.WriteFile(bad, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"check", "import"} {
		_, errOut, err := cli(t, url, "directory", cmd, bad)
		if err == nil {
			t.Fatalf("directory %s accepted a bad file", cmd)
		}
		for _, want := range []string{"line 3, column kind:", "line 3, column postcode:", "2 problem(s)"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("directory %s output lacks %q:\n%s", cmd, want, errOut)
			}
		}
	}
	out, _, err := cli(t, url, "directory", "export")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "good-office") {
		t.Errorf("a rejected file wrote rows: %s", out)
	}
}

func TestHelpListsCommands(t *testing.T) {
	out, _, err := cli(t, "", "help")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"migrate", "directory import", "directory export", "directory check", "directory area",
		"directory generate", "console", "serve"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	if _, _, err := cli(t, "", "frobnicate"); err == nil {
		t.Error("an unknown command succeeded")
	}
}
