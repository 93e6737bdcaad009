package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/seed"
)

func TestStaffAndAuditCommands(t *testing.T) {
	url := pgtest.NewDatabase(t)
	src := filepath.Join(t.TempDir(), "kassel.csv")
	if err := os.WriteFile(src, seed.Kassel, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, err := cli(t, url, "directory", "import", src); err != nil {
		t.Fatalf("import: %v %s", err, errOut)
	}
	if _, _, err := cli(t, url, "staff", "invite", "--role", "counsellor"); err == nil {
		t.Error("a counsellor invitation without an office was accepted")
	}
	if _, _, err := cli(t, url, "staff", "invite", "--role", "counsellor", "--office", "no-such-office"); err == nil {
		t.Error("an invitation for an unknown office was accepted")
	}
	out, errOut, err := cli(t, url, "staff", "invite", "--role", "counsellor", "--office", "caritas-mbe-kassel")
	if err != nil {
		t.Fatalf("invite: %v %s", err, errOut)
	}
	if !regexp.MustCompile(`\n/start staff-[0-9a-f]{32}\n`).MatchString(out) || strings.Contains(out, "t.me") || !strings.Contains(out, "username is not known") {
		t.Errorf("invite printed:\n%s", out)
	}
	if out, _, err := cli(t, url, "staff", "list"); err != nil || strings.Count(out, "\n") != 1 {
		t.Errorf("staff list before anyone joined = %q, %v", out, err)
	}
	if _, _, err := cli(t, url, "staff", "revoke", "999"); err == nil {
		t.Error("revoking an unknown account succeeded")
	}
	out, _, err = cli(t, url, "audit", "--office", "caritas-mbe-kassel")
	if err != nil || !strings.Contains(out, "\timport\tcaritas-mbe-kassel\tname\t\"\"\t\"Migrationsberatung") {
		t.Errorf("audit = %q, %v", out, err)
	}
	if out, _, err := cli(t, url, "audit", "--since", "2999-01-01"); err != nil || strings.Count(out, "\n") != 1 {
		t.Errorf("audit in the future = %q, %v", out, err)
	}
	if _, _, err := cli(t, url, "audit", "--since", "yesterday"); err == nil {
		t.Error("a bad --since was accepted")
	}
}

func TestStatsCommand(t *testing.T) {
	url := pgtest.NewDatabase(t)
	if _, _, err := cli(t, url, "migrate"); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := cli(t, url, "stats", "--from", "2026-11-01", "--to", "2026-11-07")
	if err != nil || !strings.Contains(out, "Nutzung von Wegweiser vom 01.11.2026 bis 07.11.2026") || !strings.Contains(out, "keine Nutzung erfasst") {
		t.Errorf("stats = %q, %v %s", out, err, errOut)
	}
	if out, _, err := cli(t, url, "stats", "--period", "2026-Q3", "--lang", "en"); err != nil || !strings.Contains(out, "Wegweiser usage 01.07.2026 to 30.09.2026") {
		t.Errorf("stats of a quarter = %q, %v", out, err)
	}
	out, _, err = cli(t, url, "stats", "--format", "csv")
	if err != nil || !strings.HasPrefix(out, "\uFEFFfrom;to;dimension;value;label;count;suppressed;detail\r\n") || !strings.Contains(out, ";total;people;Personen;0;0;\r\n") {
		t.Errorf("stats csv = %q, %v", out, err)
	}
	if out, _, err := cli(t, url, "stats", "--format", "csv-daily"); err != nil || out != "\uFEFFday;dimension;value;label;count;suppressed\r\n" {
		t.Errorf("stats csv-daily = %q, %v", out, err)
	}
	for _, bad := range [][]string{{"--from", "yesterday"}, {"--format", "xml"}, {"--from", "2026-11-08", "--to", "2026-11-01"},
		{"--period", "Q9 2026"}, {"--period", "2026-Q3", "--from", "2026-07-01"}, {"--lang", "xx"}} {
		if _, _, err := cli(t, url, append([]string{"stats"}, bad...)...); err == nil {
			t.Errorf("stats %v was accepted", bad)
		}
	}
}
