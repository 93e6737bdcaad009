package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// linkCLI runs `wegweiser link` with the bot's username set (or not).
func linkCLI(username string, args ...string) (string, error) {
	var out, errOut bytes.Buffer
	env := map[string]string{"TELEGRAM_BOT_USERNAME": username}
	err := run(context.Background(), append([]string{"link"}, args...), func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	return out.String(), err
}

// Point 16: `wegweiser link` prints a start link with a language and a campaign tag, and
// writes its QR code; without the bot's username it refuses rather than print a dead link.
func TestLinkCommand(t *testing.T) {
	qr := filepath.Join(t.TempDir(), "flyer.png")
	out, err := linkCLI("wegweiser_bot", "--lang", "ar", "--tag", "flyer-rathaus", "--qr", qr)
	if err != nil || out != "https://t.me/wegweiser_bot?start=ar-flyer-rathaus\n" {
		t.Fatalf("link = %q, %v", out, err)
	}
	f, err := os.Open(qr)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil || img.Bounds().Dx() != qrSize {
		t.Errorf("QR code: %v, %v", img.Bounds(), err)
	}
	for args, want := range map[string]string{"--tag plakat": "start=plakat\n", "--lang fa-AF": "start=fa-AF\n"} {
		if out, err := linkCLI("wegweiser_bot", strings.Fields(args)...); err != nil || !strings.HasSuffix(out, want) {
			t.Errorf("link %s = %q, %v", args, out, err)
		}
	}
	for _, bad := range [][]string{{}, {"--tag", "Flyer Rathaus"}, {"--lang", "xx"}, {"--tag", "ar-flyer"}, {"--tag", "fa-af-x"},
		{"--tag", "de"}, {"--tag", strings.Repeat("a", 33)}} {
		if out, err := linkCLI("wegweiser_bot", bad...); err == nil {
			t.Errorf("link %v printed %q", bad, out)
		}
	}
	if out, err := linkCLI("", "--tag", "plakat"); err == nil || strings.Contains(out, "t.me") {
		t.Errorf("without a username: %q, %v", out, err)
	}
}
