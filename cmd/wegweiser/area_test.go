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

const goettingenArea = `{
  "name": "Göttingen",
  "names": {"uk": "Геттінген", "ar": "غوتينغن"},
  "latitude": 51.53, "longitude": 9.93, "state": "NI",
  "postcodes": ["37073", "37075", "37077", "37079", "37081", "37083", "37085"]
}`

var goettingenDirectory = directorytest.File(
	"mbe-goe,mbe,MBE Göttingen,Träger,Weender Straße 1,37073,Göttingen,51.535,9.935,0551 111111,,,de ar,housing,,,,,,",
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// consoleRun runs `wegweiser console` with the lines as input and env added to DATABASE_URL.
func consoleRun(t *testing.T, url string, env map[string]string, lines ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string {
		if k == "DATABASE_URL" {
			return url
		}
		return env[k]
	}
	err := run(context.Background(), []string{"console", "--lang", "en"}, getenv, strings.NewReader(strings.Join(lines, "\n")), &out, &errOut)
	if err != nil {
		t.Fatalf("console: %v\n%s", err, errOut.String())
	}
	return out.String()
}

// TestDirectoryImportWithArea: `directory import --area` stores the town a directory serves
// after checking both files; the console then names that town and ranks by its postcodes. A
// fresh database serves the shipped default, and WEGWEISER_AREA_FILE overrides the stored one.
func TestDirectoryImportWithArea(t *testing.T) {
	url := pgtest.NewDatabase(t)
	dir := writeFiles(t, map[string]string{
		"goe.csv": goettingenDirectory, "area.json": goettingenArea,
		"bad.json": strings.Replace(goettingenArea, `"NI"`, `"XX"`, 1),
	})
	csv, good, bad := filepath.Join(dir, "goe.csv"), filepath.Join(dir, "area.json"), filepath.Join(dir, "bad.json")
	if _, errOut, err := cli(t, url, "directory", "check", "--area", bad, csv); err == nil || !strings.Contains(errOut, "state") {
		t.Errorf("check with a bad area: %v %q", err, errOut)
	}
	if _, errOut, err := cli(t, url, "directory", "import", "--area", bad, csv); err == nil || !strings.Contains(errOut, "nothing was imported") {
		t.Errorf("import with a bad area: %v %q", err, errOut)
	}
	if out, _, _ := cli(t, url, "directory", "export"); strings.Contains(out, "mbe-goe") {
		t.Errorf("a rejected import wrote offices: %q", out)
	}
	if out, _, err := cli(t, url, "directory", "check", "--area", good, csv); err != nil || !strings.Contains(out, "Göttingen, no problems") {
		t.Errorf("check: %v %q", err, out)
	}
	out, errOut, err := cli(t, url, "directory", "import", "--area", good, csv)
	if err != nil || !strings.Contains(out, "1 new") || !strings.Contains(out, "service area Göttingen: set") {
		t.Fatalf("import: %v %q %q", err, out, errOut)
	}
	if out, _, err := cli(t, url, "directory", "area"); err != nil || !strings.Contains(out, `"state": "NI"`) || !strings.Contains(out, "37085") {
		t.Errorf("directory area: %v %q", err, out)
	}
	chat := consoleRun(t, url, nil, "34", "I need a flat", "37081")
	for _, want := range []string{"counselling office in Göttingen", "nearest to the postcode 37081 (Göttingen)", "1. MBE Göttingen", "km from you"} {
		if !strings.Contains(chat, want) {
			t.Errorf("the console lacks %q:\n%s", want, chat)
		}
	}
	if strings.Contains(chat, "Kassel") {
		t.Errorf("the console names the shipped town:\n%s", chat)
	}
	fixed := writeFiles(t, map[string]string{"area.json": strings.Replace(goettingenArea, "Göttingen", "Musterstadt", 1)})
	chat = consoleRun(t, url, map[string]string{"WEGWEISER_AREA_FILE": filepath.Join(fixed, "area.json")}, "/restart")
	if !strings.Contains(chat, "office in Musterstadt") || strings.Contains(chat, "office in Göttingen") {
		t.Errorf("WEGWEISER_AREA_FILE did not override the stored area:\n%s", chat)
	}

	fresh := pgtest.NewDatabase(t)
	chat = consoleRun(t, fresh, nil)
	if out, _, err := cli(t, fresh, "directory", "area"); err != nil || !strings.Contains(out, `"name": "Kassel"`) || !strings.Contains(chat, "office in Kassel") {
		t.Errorf("a fresh database does not serve the shipped default: %v %q\n%s", err, out, chat)
	}
}

// TestDirectoryGenerate: the generated directory passes `directory check`, and the same seed
// writes the same file.
func TestDirectoryGenerate(t *testing.T) {
	dir := t.TempDir()
	first, second := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	for _, path := range []string{first, second} {
		if _, errOut, err := cli(t, "", "directory", "generate", "--offices", "300", "--seed", "5", "-o", path); err != nil {
			t.Fatalf("generate: %v %s", err, errOut)
		}
	}
	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(second)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("the same seed wrote different files (%d, %d bytes)", len(a), len(b))
	}
	if out, errOut, err := cli(t, "", "directory", "check", first); err != nil || !strings.Contains(out, "300 offices, no problems") {
		t.Errorf("check: %v %q %q", err, out, errOut)
	}
	if _, _, err := cli(t, "", "directory", "generate", "--offices", "0"); err == nil {
		t.Error("0 offices generated")
	}
}
