package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/seed"
	"github.com/kassel/wegweiser/internal/tgfake"
)

// With a token, `staff invite` asks Telegram for the bot's username and prints a real link.
func TestInviteAsksTelegramForTheUsername(t *testing.T) {
	url := pgtest.NewDatabase(t)
	src := filepath.Join(t.TempDir(), "directory.csv")
	if err := os.WriteFile(src, seed.Kassel, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, err := cli(t, url, "directory", "import", src); err != nil {
		t.Fatalf("import: %v %s", err, errOut)
	}
	fake := tgfake.New(t)
	env := map[string]string{"DATABASE_URL": url, "TELEGRAM_BOT_TOKEN": "123:test", "TELEGRAM_API_URL": fake.URL()}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"staff", "invite", "--role", "statistics"}, func(k string) string { return env[k] },
		strings.NewReader(""), &out, &errOut)
	if err != nil {
		t.Fatalf("invite: %v %s", err, errOut.String())
	}
	link := regexp.MustCompile(`link: https://t\.me/` + tgfake.BotUsername + `\?start=staff-[0-9a-f]{32}\n`)
	if !link.MatchString(out.String()) || len(fake.CallsTo("getMe")) != 1 {
		t.Errorf("invite printed:\n%s", out.String())
	}
}
