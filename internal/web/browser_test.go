package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/telegram"
	"github.com/kassel/wegweiser/internal/testharness"
	"github.com/kassel/wegweiser/internal/tgfake"
	"github.com/kassel/wegweiser/internal/web"
)

// ScreenshotsEnv names a folder where the browser test saves its screenshots of the dashboard
// and the office form (`make screenshots` sets it to docs/).
const ScreenshotsEnv = "WEGWEISER_SCREENSHOTS"

const botWait = 10 * time.Second

// site is the whole bot as serve runs it, for a browser: the console and the Telegram
// adapter on one database, the adapter talking to the fake Bot API.
type site struct {
	st      *store.Store
	fake    *tgfake.Server
	runner  *chat.Runner
	console *httptest.Server
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{st: storetest.New(t, directorytest.Sample), fake: tgfake.New(t)}
	runner, cat := testharness.New(t, s.st)
	s.runner = runner
	w, err := web.New(web.Options{Store: s.st, Catalog: cat, Languages: []string{"de", "en", "ar", "fa-AF", "uk", "tr"},
		InviteLink: func(p string) string { return "https://t.me/test_bot?start=" + p }})
	if err != nil {
		t.Fatal(err)
	}
	s.console = httptest.NewServer(w)
	t.Cleanup(s.console.Close)
	runner.Staff.WebLink = func(token string) string { return s.console.URL + "/staff/login?t=" + token }
	a, err := telegram.New(telegram.Options{Token: "123:test", Secret: []byte("wegweiser-test-secret"), ServerURL: s.fake.URL(), SkipGetMe: true, PollTimeout: 2 * time.Second},
		runner, cat, s.st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = a.Poll(ctx, 5*time.Second); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return s
}

// send pushes an update from a chat and waits for n more messages from the bot.
func (s *site) send(t *testing.T, u func() int64, n int) {
	t.Helper()
	before := len(s.fake.CallsTo("sendMessage"))
	u()
	s.fake.WaitFor(t, "sendMessage", before+n, botWait)
}

// tap presses a button of the chat's last message with buttons, and waits for n messages.
func (s *site) tap(t *testing.T, chatID int64, data string, n int) {
	t.Helper()
	id := 0
	for i, c := range s.fake.CallsTo("sendMessage") {
		if !c.Failed && c.Params["chat_id"] == fmt.Sprint(chatID) && strings.Contains(c.Params["reply_markup"], "inline_keyboard") {
			id = i + 1 // the fake numbers the bot's messages in order
		}
	}
	answered := len(s.fake.CallsTo("answerCallbackQuery"))
	s.send(t, func() int64 { return s.fake.PushUpdate(tgfake.CallbackFrom(chatID, id, data, "en")) }, n)
	s.fake.WaitFor(t, "answerCallbackQuery", answered+1, botWait)
}

// join makes the Telegram user chatID a staff member through an invitation link in the bot.
func (s *site) join(t *testing.T, chatID int64, role staff.Role, offices ...string) {
	t.Helper()
	code, err := staff.Invite(context.Background(), s.st, staff.Invitation{Role: role, Offices: offices}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	s.send(t, func() int64 {
		return s.fake.PushUpdate(tgfake.MessageFrom(chatID, "/start "+staff.InvitePrefix+code, "de"))
	}, 1)
}

var signInLink = regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+/staff/login\?t=[A-Za-z0-9_%-]+`)

// webLink asks the bot for a sign-in link, as staff do with /web.
func (s *site) webLink(t *testing.T, chatID int64) string {
	t.Helper()
	s.send(t, func() int64 { return s.fake.PushUpdate(tgfake.MessageFrom(chatID, "/web", "de")) }, 1)
	texts := s.fake.Texts(chatID)
	link := signInLink.FindString(texts[len(texts)-1])
	if link == "" {
		t.Fatalf("/web answered %q", texts[len(texts)-1])
	}
	return link
}

// newcomerResult walks a newcomer through the bot (English, 27 or older, residence, a shared
// location) and returns the result message.
func (s *site) newcomerResult(t *testing.T, chatID int64) string {
	t.Helper()
	s.send(t, func() int64 { return s.fake.PushUpdate(tgfake.MessageFrom(chatID, "/start en", "en")) }, 1)
	s.tap(t, chatID, "age:27+", 1)
	s.tap(t, chatID, "topic:residence", 1)
	s.send(t, func() int64 { return s.fake.PushUpdate(tgfake.Location(chatID, 51.3130, 9.4800)) }, 2)
	texts := s.fake.Texts(chatID)
	return texts[len(texts)-1]
}

// newBrowser starts headless Chromium (Debian's chromium package: .ci/chromium installs it).
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is not installed: run .ci/chromium (make test does)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.WindowSize(1200, 900), chromedp.Flag("lang", "en-GB"))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("chromium does not start: %v", err)
	}
	return ctx
}

// text reads the visible text of the first element matching sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// submit clicks a form's button and waits until the page it leads to has loaded.
func submit(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("submitting %s: %v", sel, err)
	}
	if resp.Status != 200 {
		t.Fatalf("submitting %s led to %d", sel, resp.Status)
	}
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// screenshot captures the whole page as a PNG and saves it as name in the screenshots folder
// when one is set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 10000 || string(png[1:4]) != "PNG" {
		t.Fatalf("%s: not a page's PNG (%d bytes)", name, len(png))
	}
	if dir := os.Getenv(ScreenshotsEnv); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestInTheBrowser drives headless Chromium through the console as staff use it: a counsellor
// signs in with the link /web sent in Telegram, changes the office's phone and note in the
// form (German), sees the newcomer card, and the next newcomer in Telegram gets the new
// phone; the counsellor cannot open another office's form; an admin signs in, sees the
// dashboard's charts drawn and downloads the CSV.
func TestInTheBrowser(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	const counsellor, admin, newcomer = 7001, 7002, 7100
	s.join(t, counsellor, staff.RoleCounsellor, "mbe-a")
	s.join(t, admin, staff.RoleAdmin)
	ctx := newBrowser(t)

	do(t, ctx, chromedp.Navigate(s.webLink(t, counsellor)))
	submit(t, ctx, "#signin")
	if h := text(t, ctx, "main h1"); !strings.Contains(h, "Hello, Test") {
		t.Fatalf("after signing in: %q", h)
	}
	do(t, ctx, chromedp.Navigate(s.console.URL+"/staff/lang?to=de&back=%2Fstaff%2Foffices%2Fmbe-a"), chromedp.WaitVisible(chromedp.ID("f-phone")),
		chromedp.SetValue(chromedp.ID("f-phone"), "0561 9876543"),
		chromedp.SetValue(chromedp.ID("f-note"), "Offene Sprechstunde dienstags 9 bis 12 Uhr, ohne Termin."))
	submit(t, ctx, "#save")
	if f := text(t, ctx, "p.flash"); !strings.Contains(f, "Gespeichert") {
		t.Fatalf("saving said %q", f)
	}
	if card := text(t, ctx, "#card"); !strings.Contains(card, "0561 9876543") || !strings.Contains(card, "Offene Sprechstunde") {
		t.Errorf("the newcomer card does not show the change: %q", card)
	}
	screenshot(t, ctx, "console-office.png")
	fitsAPhone(t, ctx)

	if result := s.newcomerResult(t, newcomer); !strings.Contains(result, "0561 9876543") || !strings.Contains(result, "Offene Sprechstunde") {
		t.Errorf("the next newcomer's result does not show the web edit:\n%s", result)
	}

	do(t, ctx, chromedp.Navigate(s.console.URL+"/staff/offices/mbe-b"), chromedp.WaitVisible(chromedp.CSS("main .problem")))
	if msg := text(t, ctx, "main .problem"); !strings.Contains(msg, "nicht sehen") {
		t.Errorf("another office's form said %q", msg)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#f-phone").length`)); n != 0 {
		t.Error("another office's form was shown")
	}

	do(t, ctx, chromedp.Navigate(s.console.URL+"/staff/lang?to=en&back=%2Fstaff%2F"))
	submit(t, ctx, ".signout button")
	if msg := text(t, ctx, "main p.flash"); !strings.Contains(msg, "signed out") {
		t.Errorf("signing out said %q", msg)
	}
	s.busyMonth(t)
	do(t, ctx, chromedp.Navigate(s.webLink(t, admin)))
	submit(t, ctx, "#signin")
	do(t, ctx, chromedp.Navigate(s.console.URL+"/staff/stats?period=30d"), chromedp.WaitVisible(chromedp.ID("chart-time")))
	drawn, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll("figure.chart img")].filter(i => i.complete && i.naturalWidth > 300).length`))
	if err != nil || drawn != 4 {
		t.Errorf("%d charts drawn, want 4 (%v)", drawn, err)
	}
	today := time.Now().UTC().Truncate(24 * time.Hour)
	f, err := s.st.Figures(context.Background(), today.AddDate(0, 0, -29), today)
	if err != nil {
		t.Fatal(err)
	}
	if conv := text(t, ctx, ".figures div:nth-child(2) dd"); conv != f.Conversations.String() || f.Conversations < 100 {
		t.Errorf("conversations shown as %q, want %s", conv, f.Conversations)
	}
	screenshot(t, ctx, "console-dashboard.png")
	fitsAPhone(t, ctx)
	if csv := download(t, ctx, "#csv"); !strings.HasPrefix(csv, "\uFEFFfrom;to;dimension;value;label;count;suppressed;detail\r\n") ||
		!strings.Contains(csv, ";total;conversations;") {
		t.Errorf("the CSV download is %q", csv)
	}
}

// busyMonth has newcomers talk to the bot on each of the last 30 days, as the dashboard's
// screenshot should show it: several languages, topics and ages, some stopping on the way.
func (s *site) busyMonth(t *testing.T) {
	t.Helper()
	langs := []string{"ar", "uk", "fa-AF", "tr", "de", "ar", "en", "ru", "so", "uk", "ti", "ku", "ar", "ro"}
	topics := []string{"residence", "letters", "work", "housing", "german", "residence", "family_reunion", "recognition", "money", "letters"}
	ages := []string{"age:27+", "age:18-26", "age:27+", "age:12-17", "age:27+"}
	today := time.Now().UTC()
	chat := int64(10000)
	for d := 29; d >= 0; d-- {
		day := today.AddDate(0, 0, -d)
		s.runner.Now = func() time.Time { return day }
		var wg sync.WaitGroup
		for i := range 5 + (d*7)%8 {
			chat++
			n := int(chat)
			steps := []dialog.Input{{Kind: dialog.InputCommand, Text: "start", Arg: langs[(n+i)%len(langs)]}, choice(ages[n%len(ages)])}
			if n%9 != 0 {
				steps = append(steps, choice("topic:"+topics[(n*7)%len(topics)]))
			}
			if n%9 != 0 && n%11 != 0 {
				steps = append(steps, choice("place:skip"), choice([]string{"res:yes", "res:yes", "res:no"}[n%3]))
			}
			wg.Go(func() {
				for _, in := range steps {
					if _, _, err := s.runner.Handle(context.Background(), s.runner.Key(int64(n)), 0, in, staff.Who{TelegramID: int64(n)}); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
	}
	s.runner.Now = time.Now
}

func choice(data string) dialog.Input { return dialog.Input{Kind: dialog.InputChoice, Choice: data} }

// fitsAPhone reloads the page on a phone's screen (390 px wide) and checks that nothing makes
// the page wider than the screen (wide tables scroll in their own box), then goes back to the
// desktop's width.
func fitsAPhone(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Reload())
	wider, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	if err != nil || wider {
		title, _ := chromedp.Run(ctx, chromedp.Title())
		t.Errorf("%q is wider than a phone's screen (%v)", title, err)
	}
	do(t, ctx, chromedp.EmulateViewport(1200, 900), chromedp.Reload())
}

// download clicks a download link and returns the file the browser saved.
func download(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	dir := t.TempDir()
	progress := chromedp.Events(ctx, cdpbrowser.DownloadProgress)
	do(t, ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: ptr(true)})
		return err
	}), chromedp.Click(chromedp.CSS(sel)))
	for ev, err := range progress {
		if err != nil {
			t.Fatal(err)
		}
		if ev.State == cdpbrowser.DownloadProgressStateCompleted {
			data, err := os.ReadFile(filepath.Join(dir, ev.GUID))
			if err != nil {
				t.Fatal(err)
			}
			return string(data)
		}
	}
	t.Fatal("the download did not complete")
	return ""
}

func ptr[T any](v T) *T { return &v }
