package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/tgfake"
	"github.com/kassel/wegweiser/migrations"
)

var linkPattern = regexp.MustCompile(`http://[^\s]+/staff/login\?t=[A-Za-z0-9_-]+`)

// TestWebLinkCommand: `web-link --admin` makes the console's user a local administrator once
// and prints a link to WEB_URL that opens a session once; --staff refuses a revoked account.
func TestWebLinkCommand(t *testing.T) {
	db := pgtest.NewDatabase(t)
	var links []string
	for range 2 {
		out, errOut, err := cli(t, db, "web-link", "--admin")
		if err != nil || !strings.Contains(out, "Sign-in link for Local admin (#1, admin)") || !strings.Contains(out, "Staff console: http://localhost:8080/staff/\n") {
			t.Fatalf("web-link: %v %s\n%s", err, errOut, out)
		}
		links = append(links, linkPattern.FindString(out))
	}
	if links[0] == "" || links[0] == links[1] {
		t.Fatalf("links %q", links)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db, migrations.FS, store.WithSecret([]byte(cliSecret)))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	token := links[1][strings.Index(links[1], "t=")+2:]
	if m, err := st.RedeemWebLogin(ctx, staff.HashCode(token), staff.HashCode("s"), time.Now()); err != nil || m.Role != staff.RoleAdmin || m.TelegramID != 0 {
		t.Errorf("the link's account: %+v, %v", m, err)
	}
	if _, _, err := cli(t, db, "web-link"); err == nil {
		t.Error("web-link without --admin or --staff worked")
	}
	if err := st.RevokeStaff(ctx, staff.Actor{}, 1); err != nil {
		t.Fatal(err)
	}
	if _, _, err := cli(t, db, "web-link", "--staff", "1"); err == nil || !strings.Contains(err.Error(), "revoked") {
		t.Errorf("a link for a revoked account: %v", err)
	}
}

// TestServeServesTheConsole: serve mounts the console under /staff/ on LISTEN_ADDR, and /web in
// Telegram answers staff with a link there that signs them in.
func TestServeServesTheConsole(t *testing.T) {
	db := pgtest.NewDatabase(t)
	fake := tgfake.New(t)
	addr := freeAddr(t)
	serve(t, map[string]string{
		"DATABASE_URL": db, "TELEGRAM_BOT_TOKEN": "123:test", "TELEGRAM_API_URL": fake.URL(),
		"WEGWEISER_SECRET": "0123456789abcdef0123", "LISTEN_ADDR": addr, "WEB_URL": "http://" + addr + "/staff/",
	})
	out, errOut, err := cli(t, db, "staff", "invite", "--role", "statistics")
	if err != nil {
		t.Fatalf("invite: %v %s", err, errOut)
	}
	code := strings.TrimSpace(strings.TrimPrefix(strings.Split(out, "\n")[0], "invitation code (works once, for 7 days): "))
	fake.PushUpdate(tgfake.MessageFrom(4242, "/start "+code, "de"))
	fake.WaitFor(t, "sendMessage", 1, 10*time.Second)
	fake.PushUpdate(tgfake.MessageFrom(4242, "/web", "de"))
	fake.WaitFor(t, "sendMessage", 2, 10*time.Second)
	texts := fake.Texts(4242)
	link := linkPattern.FindString(texts[len(texts)-1])
	if !strings.HasPrefix(link, "http://"+addr+"/staff/login?t=") {
		t.Fatalf("/web answered %q", texts[len(texts)-1])
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Fatalf("the link's page answered %d with %v", resp.StatusCode, resp.Header)
	}
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(string(page))
	token := link[strings.Index(link, "t=")+2:]
	resp, err = client.PostForm("http://"+addr+"/staff/login", url.Values{"csrf": {csrf[1]}, "t": {token}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Hello, Test!") {
		t.Errorf("signing in led to %d:\n%s", resp.StatusCode, body)
	}
}

// TestWebURL: WEB_URL defaults to localhost on LISTEN_ADDR's port and must be an http(s)
// address whose path is /staff/; an https one makes the console's cookies Secure.
func TestWebURL(t *testing.T) {
	for _, c := range []struct{ raw, listen, want, err string }{
		{"", ":8080", "http://localhost:8080/staff/", ""},
		{"", "127.0.0.1:9000", "http://localhost:9000/staff/", ""},
		{"https://bot.example.org/staff/", ":8080", "https://bot.example.org/staff/", ""},
		{"https://bot.example.org/wegweiser/staff/", ":8080", "", "must end in /staff/"},
		{"https://bot.example.org/", ":8080", "", "must end in /staff/"},
		{"ftp://bot.example.org/staff/", ":8080", "", "http(s) address"},
		{"", "8080", "", "LISTEN_ADDR"},
	} {
		got, err := webURL(c.raw, c.listen)
		if got != c.want || (c.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.err)) {
			t.Errorf("webURL(%q, %q) = %q, %v", c.raw, c.listen, got, err)
		}
	}
	e := &env{cfg: config{WebURL: "https://bot.example.org/staff/"}}
	if !strings.HasPrefix(e.cfg.webLink("a-b_c"), "https://bot.example.org/staff/login?t=a-b_c") {
		t.Errorf("link %q", e.cfg.webLink("a-b_c"))
	}
}
