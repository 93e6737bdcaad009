package telegram

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/testharness"
	"github.com/kassel/wegweiser/internal/tgfake"
)

// testDirectory is the bot tests' own directory: one office of each kind, the MBE with a
// position for the map and distance assertions.
var testDirectory = directorytest.File(
	"mbe-test,mbe,MBE Test,Träger,Teststraße 1,34117,Kassel,51.3127,9.4797,0561 123456,mbe@example.org,https://example.org,de ar,residence,,,Mo-Fr 09:00-12:00,,true,2026-10-01",
	"jmd-test,jmd,JMD Test,Träger,Teststraße 2,34117,Kassel,,,0561 654321,,,de,,,,,,,",
	"abh-test,service,Ausländerbehörde Test,Stadt,,,Kassel,,,,,,,residence,,,,,,",
)

const wait = 10 * time.Second

// env is one bot, its fake Bot API and its database.
type env struct {
	fake   *tgfake.Server
	store  *store.Store
	runner *chat.Runner
	dir    conversation.Directory // replaces the runner's directory (in memory, from the store) when set
	// configure adjusts each runner before its adapter starts (a fixed clock, ...).
	configure func(*chat.Runner)
	stop      func()
	// lastAdapter is the adapter started last.
	lastAdapter *Adapter
	// options, when set, changes the options of the adapters started next.
	options func(*Options)
	logs    syncBuffer // everything the adapters logged, at debug level
}

// syncBuffer is a bytes.Buffer safe for the adapters' concurrent logging.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvWithStore(t, storetest.New(t, testDirectory))
}

// newEnvWithStore starts a bot on a store with the test directory loaded.
func newEnvWithStore(t *testing.T, st *store.Store) *env {
	t.Helper()
	e := &env{fake: tgfake.New(t), store: st}
	// A failing test shows what its adapters logged (no chat id, name or text: see
	// TestFullConversation), once they have stopped (cleanups run last first).
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the adapters' log:\n%s", e.logs.String())
		}
	})
	e.start(t)
	return e
}

// start runs an adapter (a fresh process, as after a restart) until stop or the test's end.
func (e *env) start(t *testing.T) {
	t.Helper()
	runner, cat := testharness.New(t, e.store)
	if e.dir != nil {
		runner.Engine.Dir = e.dir
	}
	if e.configure != nil {
		e.configure(runner)
	}
	e.runner = runner
	opts := Options{Token: "123:test", Secret: []byte("wegweiser-test-secret"), ServerURL: e.fake.URL(), SkipGetMe: true, PollTimeout: 2 * time.Second}
	if e.options != nil {
		e.options(&opts)
	}
	a, err := New(opts, e.runner, cat, e.store, slog.New(slog.NewJSONHandler(&e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	e.lastAdapter = a
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = a.Poll(ctx, 5*time.Second); close(done) }()
	var once sync.Once
	e.stop = func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(e.stop)
}

// crash stops the bot while an answer cannot be sent: the stop's grace runs out with the
// answer still waiting, as when the process dies between storing a turn and sending.
func (e *env) crash() { e.stop() }

// lastMessageID returns the id the fake gave the last message sent to chat.
func (e *env) lastMessageID(t *testing.T) int {
	t.Helper()
	calls := e.fake.CallsTo("sendMessage")
	for i := len(calls) - 1; i >= 0; i-- {
		if !calls[i].Failed && calls[i].Params["reply_markup"] != "" && strings.Contains(calls[i].Params["reply_markup"], "inline_keyboard") {
			return i + 1 // the fake numbers the bot's messages 1, 2, 3, ... in order
		}
	}
	t.Fatal("no message with buttons was sent")
	return 0
}

func (e *env) texts(chat int64) string { return strings.Join(e.fake.Texts(chat), "\n---\n") }

// tap presses the button with data on the last keyboard and waits for n more messages.
func (e *env) tap(t *testing.T, chat int64, data string, n int) {
	t.Helper()
	before := len(e.fake.CallsTo("sendMessage"))
	answered := len(e.fake.CallsTo("answerCallbackQuery"))
	e.fake.PushUpdate(tgfake.CallbackFrom(chat, e.lastMessageID(t), data, "en"))
	e.fake.WaitFor(t, "answerCallbackQuery", answered+1, wait)
	if n > 0 {
		e.fake.WaitFor(t, "sendMessage", before+n, wait)
	}
	e.settle(t)
}

func (e *env) say(t *testing.T, u func() int64, n int) {
	t.Helper()
	before := len(e.fake.CallsTo("sendMessage"))
	u()
	e.fake.WaitFor(t, "sendMessage", before+n, wait)
	e.settle(t)
}

// settle waits until the bot has nothing in hand: no update waiting or being handled, no
// answer waiting or being sent. The edit of a tapped question goes beside the messages after
// it (deliver.go), so it may still be on its way when they have arrived.
func (e *env) settle(t *testing.T) {
	t.Helper()
	a := e.lastAdapter
	deadline := time.Now().Add(wait)
	for a.dispatch.pending() > 0 || a.deliver.busy() {
		if time.Now().After(deadline) {
			t.Fatalf("the bot still had updates or answers in hand after %v", wait)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func hasButton(kb [][]tgfake.Button, data string) bool {
	for _, row := range kb {
		for _, b := range row {
			if b.CallbackData == data {
				return true
			}
		}
	}
	return false
}

func TestFullConversation(t *testing.T) {
	e := newEnv(t)
	const chat = 1001
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "/start", "en")) }, 1)
	if kb := e.fake.LastKeyboard(chat); !hasButton(kb, "age:27+") || !hasButton(kb, "nav:language") || hasButton(kb, "lang:ar") ||
		!strings.Contains(e.texts(chat), "Hello! I am Wegweiser") || !strings.Contains(e.texts(chat), "How old is the person") {
		t.Fatalf("start did not greet in English with the first question at once:\n%s", e.texts(chat))
	}
	e.tap(t, chat, "nav:language", 1)
	e.tap(t, chat, "lang:en", 2)
	if edits := e.fake.CallsTo("editMessageText"); len(edits) != 1 || !strings.Contains(edits[0].Params["text"], "✓ English") {
		t.Errorf("the answered picker was not edited in place: %v", edits)
	}
	e.tap(t, chat, "age:27+", 1)
	e.tap(t, chat, "topic:residence", 1) // the question with the location keyboard
	if kb := e.fake.LastKeyboard(chat); len(kb) != 2 || !kb[0][0].RequestLocation || kb[1][0].Text != "Skip" {
		t.Errorf("no keyboard to share the location or skip: %v", kb)
	}
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Location(chat, 51.3130, 9.4800)) }, 2)
	result := e.fake.Texts(chat)[len(e.fake.Texts(chat))-1]
	for _, want := range []string{"1. MBE Test", "Migrationsberatung für erwachsene Zugewanderte (MBE)", "📞 0561 123456",
		"Mon–Fri 09:00–12:00", "Confirmed by the office on 01.10.2026", "Ausländerbehörde Test", "km from you"} {
		if !strings.Contains(result, want) {
			t.Errorf("result lacks %q:\n%s", want, result)
		}
	}
	if strings.Contains(result, "JMD Test") {
		t.Errorf("a 27-year-old was sent to the JMD:\n%s", result)
	}
	e.tap(t, chat, "res:map"+directory.Ref("mbe-test"), 0)
	venues := e.fake.WaitFor(t, "sendVenue", 1, wait)
	if venues[0].Params["title"] != "MBE Test" || venues[0].Params["latitude"] != "51.3127" {
		t.Errorf("venue = %v", venues[0].Params)
	}
	e.tap(t, chat, "res:yes", 0)
	// The logs hold no chat id, name or message text, even at debug level. (Their timestamps
	// are left out: nanoseconds may spell any digits.)
	logs := regexp.MustCompile(`"time":"[^"]*"`).ReplaceAllString(e.logs.String(), `"time":""`)
	if !strings.Contains(logs, "update handled") {
		t.Fatalf("nothing was logged: %q", logs)
	}
	for _, private := range []string{"1001", `"Test"`, "Hello", "Wegweiser", "51.313", "residence"} {
		if strings.Contains(logs, private) {
			t.Errorf("the logs contain %q:\n%s", private, logs)
		}
	}
	calls := e.fake.CallsTo("answerCallbackQuery")
	if len(calls) != 6 || calls[5].Params["text"] != "Thank you for your answer!" {
		t.Errorf("callbacks answered: %d, last %v", len(calls), calls[len(calls)-1].Params)
	}
}

func TestBadInputGetsAHelpfulAnswer(t *testing.T) {
	e := newEnv(t)
	const chat, other = 2002, 2003
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Command(chat, "start en")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Command(other, "start en")) }, 1)
	otherBefore, err := e.storedState(other)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		update func() int64
		want   string
	}{
		{"sticker", func() int64 { return e.fake.PushUpdate(tgfake.Sticker(chat)) }, "I can only read text"},
		{"voice", func() int64 { return e.fake.PushUpdate(tgfake.Voice(chat)) }, "I can only read text"},
		{"photo", func() int64 { return e.fake.PushUpdate(tgfake.Photo(chat)) }, "I can only read text"},
		{"unknown command", func() int64 { return e.fake.PushUpdate(tgfake.Command(chat, "frobnicate")) }, "I do not know this command"},
		{"nonsense age", func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "abc", "en")) }, "did not understand that"},
		{"a number that is no age", func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "150", "en")) }, "did not understand this age"},
		{"very long text", func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, strings.Repeat("long ", 2000), "en")) }, "very long"},
		{"another step's button", func() int64 { return e.fake.PushUpdate(tgfake.Callback(chat, 1, "topic:residence")) }, "no longer active"},
		{"garbage", func() int64 { return e.fake.PushUpdate(tgfake.Callback(chat, 1, "\x00\xff garbage")) }, "no longer active"},
		{"64 random bytes", func() int64 {
			return e.fake.PushUpdate(tgfake.Callback(chat, 1, "res:map9999999999999999999999999999999999999999999999999999999999"))
		}, "no longer active"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.say(t, c.update, 2)
			texts := e.fake.Texts(chat)
			if got := texts[len(texts)-2]; !strings.Contains(got, c.want) {
				t.Errorf("answer = %q, want it to contain %q", got, c.want)
			}
			if got := texts[len(texts)-1]; !strings.Contains(got, "How old is the person") {
				t.Errorf("the current question was not asked again: %q", got)
			}
		})
	}
	e.fake.WaitFor(t, "answerCallbackQuery", 3, wait) // answered beside the messages, not before them
	if calls := e.fake.CallsTo("answerCallbackQuery"); len(calls) != 3 {
		t.Errorf("%d callbacks answered, want 3", len(calls))
	}
	if after, _ := e.storedState(other); after != otherBefore {
		t.Errorf("another chat's state changed: %s → %s", otherBefore, after)
	}
}

func (e *env) storedState(chat int64) (string, error) {
	r, err := e.store.ReadTurn(context.Background(), e.runner.Key(chat), 0, 0, false)
	return string(r.State), err
}

func TestRepeatedUpdateIsIgnored(t *testing.T) {
	e := newEnv(t)
	const chat = 3003
	id := e.fake.PushUpdate(tgfake.Command(chat, "start en"))
	e.fake.WaitFor(t, "sendMessage", 1, wait)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "34", "en")) }, 1)
	e.fake.PushDuplicate(id)
	// A marker update after the duplicate: once it is answered, the duplicate was handled.
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Sticker(chat)) }, 2)
	for _, text := range e.fake.Texts(chat)[1:] {
		if strings.Contains(text, "Hello! I am Wegweiser") {
			t.Errorf("the repeated /start was handled again: %q", text)
		}
	}
	if got := e.fake.Texts(chat); !strings.Contains(got[len(got)-1], "What do you need help with") {
		t.Errorf("the conversation lost its place: %q", got[len(got)-1])
	}
}

func TestRateLimitIsWaitedOut(t *testing.T) {
	e := newEnv(t)
	const chat = 4004
	e.fake.FailNext("sendMessage", 1, 429, 1)
	start := time.Now()
	e.fake.PushUpdate(tgfake.Command(chat, "start en"))
	calls := e.fake.WaitFor(t, "sendMessage", 2, wait)
	if !calls[0].Failed || calls[1].Failed || calls[1].Params["text"] != calls[0].Params["text"] {
		t.Errorf("the rate-limited message was not sent again: %v", calls)
	}
	if gap := calls[1].At.Sub(calls[0].At); gap < 900*time.Millisecond {
		t.Errorf("retried after %v, before retry_after (1 s) had passed", gap)
	}
	_ = start
}

func TestBlockedUserIsRecorded(t *testing.T) {
	e := newEnv(t)
	const chat = 5005
	e.fake.FailNext("sendMessage", 1, 403, 0)
	e.fake.PushUpdate(tgfake.Command(chat, "start en"))
	e.fake.WaitFor(t, "sendMessage", 1, wait)
	deadline := time.Now().Add(wait)
	for {
		blocked, err := e.store.Blocked(context.Background(), e.runner.Key(chat))
		if err != nil {
			t.Fatal(err)
		}
		if blocked {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the block was not recorded")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	if n := len(e.fake.CallsTo("sendMessage")); n != 1 {
		t.Errorf("%d messages sent after the 403, want none after it", n-1)
	}
}

func TestRestartContinuesTheConversation(t *testing.T) {
	e := newEnv(t)
	const chat = 6006
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Command(chat, "start en")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "19", "en")) }, 1)
	e.stop()
	e.start(t)
	e.tap(t, chat, "topic:residence", 1)
	texts, _ := e.sent(chat)
	if !strings.Contains(texts[len(texts)-1], "share your location") {
		t.Errorf("after a restart, the conversation did not continue: %q", texts[len(texts)-1])
	}
}

// panicky is a directory that panics: a bug in one update must not stop the bot.
type panicky struct{ conversation.Directory }

func (panicky) Match(context.Context, directory.Query) (directory.Matches, error) {
	panic("boom")
}

func TestPanicIsRecovered(t *testing.T) {
	e := newEnv(t)
	e.stop()
	e.dir = panicky{e.store}
	e.start(t)
	const chat = 731997007 // long enough not to turn up in a log's timestamps by chance
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Command(chat, "start en")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "30", "en")) }, 1)
	e.tap(t, chat, "topic:work", 1)
	// The turn that panics is answered as an outage is, once: the tap's spinner stops with
	// the notice, and the person is told to try again.
	before, answered := len(e.fake.CallsTo("sendMessage")), len(e.fake.CallsTo("answerCallbackQuery"))
	e.fake.PushUpdate(tgfake.Callback(chat, e.lastMessageID(t), "place:skip")) // matching panics here
	e.fake.WaitFor(t, "answerCallbackQuery", answered+1, wait)
	e.fake.WaitFor(t, "sendMessage", before+1, wait)
	e.settle(t)
	unavailable := e.lastAdapter.catalog.Render("en", dialog.T("unavailable"))
	texts := e.fake.Texts(chat)
	if texts[len(texts)-1] != unavailable {
		t.Errorf("after a panic the person was told %q, want the notice to try again", texts[len(texts)-1])
	}
	if taps := e.fake.CallsTo("answerCallbackQuery"); taps[len(taps)-1].Params["text"] != unavailable {
		t.Errorf("the tap that panicked was answered with %q", taps[len(taps)-1].Params["text"])
	}
	before = len(e.fake.CallsTo("sendMessage"))
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Command(chat, "help")) }, 2) // help, the question again
	texts = e.fake.Texts(chat)
	if !strings.Contains(texts[len(texts)-2], "110") || len(e.fake.CallsTo("sendMessage")) != before+2 {
		t.Errorf("after a panic the bot did not answer the next update, or said more: %q", texts[len(texts)-3:])
	}
	// The panic is logged with where it happened, but not with the calls' arguments, which
	// hold the chat's id (debug.Stack prints them in hex), nor with the value it panicked with.
	logs := e.logs.String()
	if !strings.Contains(logs, "panic while handling an update") || !strings.Contains(logs, "panicky.Match") {
		t.Errorf("the panic was not logged with its place:\n%s", logs)
	}
	for _, private := range []string{fmt.Sprintf("%#x", chat), strconv.Itoa(chat), "boom"} {
		if strings.Contains(logs, private) {
			t.Errorf("the log holds %q:\n%s", private, logs)
		}
	}
}

// Someone new who follows an invitation link that is not valid is told so, and the
// conversation begins: a next step, not a dead end.
func TestInvalidInvitationBeginsTheConversation(t *testing.T) {
	e := newEnv(t)
	const stranger = 8011
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(stranger, "/start staff-nonsense", "en")) }, 2)
	texts := e.fake.Texts(stranger)
	if len(texts) < 2 || !strings.Contains(texts[0], "not valid") || !strings.Contains(texts[len(texts)-1], "How old is the person") {
		t.Errorf("answer %q, want the code refused and then the welcome with the first question", texts)
	}
}

func TestStaffInTelegram(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	const counsellor = 8008
	code, err := staff.Invite(ctx, e.store, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-test"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(counsellor, "/start staff-"+code, "en")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(counsellor, "/office", "en")) }, 1)
	if !hasButton(e.fake.LastKeyboard(counsellor), "s:e:languages") {
		t.Fatalf("no office menu: %v", e.fake.LastKeyboard(counsellor))
	}
	edits := len(e.fake.CallsTo("editMessageText"))
	e.tap(t, counsellor, "s:e:languages", 0) // the card turns into the toggles, in place
	edits++
	e.tap(t, counsellor, "s:tl:ar", 0)
	calls := e.fake.WaitFor(t, "editMessageText", edits+1, wait)
	if kb, _ := tgfake.ParseKeyboard(calls[len(calls)-1].Params["reply_markup"]); !hasButton(kb, "s:save:languages") {
		t.Errorf("toggling did not redraw the buttons in place: %v", calls[len(calls)-1].Params)
	}

	// A reminder reaches the counsellor, not a user who blocked the bot.
	a := e.lastAdapter
	msg := dialog.Message{Lines: []dialog.Text{dialog.T("staff.reminder_never", "Office", dialog.Raw("MBE Test"))}}
	before := len(e.fake.CallsTo("sendMessage"))
	if err := a.Notify(ctx, counsellor, "en", msg); err != nil {
		t.Fatal(err)
	}
	if texts := e.fake.Texts(counsellor); !strings.Contains(texts[len(texts)-1], "never confirmed") {
		t.Errorf("reminder = %q", texts[len(texts)-1])
	}
	if err := e.store.SetBlocked(ctx, e.runner.Key(counsellor)); err != nil {
		t.Fatal(err)
	}
	if err := a.Notify(ctx, counsellor, "en", msg); err != nil {
		t.Fatal(err)
	}
	if n := len(e.fake.CallsTo("sendMessage")); n != before+1 {
		t.Errorf("%d messages sent, want only the first reminder", n-before)
	}
}

func TestStatsAreSentAsTextChartAndCSV(t *testing.T) {
	e := newEnv(t)
	const admin, newcomer = 9009, 9010
	code, err := staff.Invite(context.Background(), e.store, staff.Invitation{Role: staff.RoleStatistics}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	// A newcomer's conversation, so there is something to count.
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(newcomer, "/start en", "en")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(admin, "/start staff-"+code, "en")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(admin, "/stats", "en")) }, 1)
	if !hasButton(e.fake.LastKeyboard(admin), "s:st:30d") {
		t.Fatalf("no period picker: %v", e.fake.LastKeyboard(admin))
	}
	e.tap(t, admin, "s:st:7d", 1)
	photos := e.fake.WaitFor(t, "sendPhoto", 1, wait)
	docs := e.fake.WaitFor(t, "sendDocument", 1, wait)
	if texts := e.fake.Texts(admin); !strings.Contains(texts[len(texts)-1], "Conversations: <5") {
		t.Errorf("report = %q", texts[len(texts)-1])
	}
	if png := photos[0].Files["photo"]; len(png) < 8 || string(png[1:4]) != "PNG" {
		t.Errorf("the chart is not a PNG (%d bytes)", len(png))
	}
	if csv := string(docs[0].Files["document"]); !strings.HasPrefix(csv, "\uFEFFfrom;to;dimension;value;label;count;suppressed;detail\r\n") ||
		!strings.Contains(csv, ";total;conversations;Conversations;;1;\r\n") {
		t.Errorf("CSV = %q", csv)
	}
	if !strings.Contains(photos[0].Params["caption"], "<5") {
		t.Errorf("chart caption = %q", photos[0].Params["caption"])
	}
}

func TestServerErrorIsRetried(t *testing.T) {
	e := newEnv(t)
	const chat = 4104
	e.fake.FailNext("sendMessage", 1, 502, 0)
	e.fake.PushUpdate(tgfake.Command(chat, "start en"))
	calls := e.fake.WaitFor(t, "sendMessage", 2, wait)
	if !calls[0].Failed || calls[1].Failed || calls[1].Params["text"] != calls[0].Params["text"] {
		t.Errorf("the message was not sent again after a 502: %v", calls)
	}
	e.fake.FailNext("sendMessage", 1, 400, 0)
	e.fake.PushUpdate(tgfake.Command(chat, "help"))
	time.Sleep(300 * time.Millisecond)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Sticker(chat)) }, 2)
	n := 0
	for _, c := range e.fake.CallsTo("sendMessage") {
		if strings.Contains(c.Params["text"], "116 016") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("a message refused with 400 was sent %d times, want once (no retry)", n)
	}
}

// TestPollingRemovesAWebhookLeftSet: a webhook left set (a webhook deployment before) makes
// Telegram refuse to be polled. A first removal that fails does not stop the bot: told by
// Telegram that a webhook is set, it removes it again and answers.
func TestPollingRemovesAWebhookLeftSet(t *testing.T) {
	e := &env{fake: tgfake.New(t), store: storetest.New(t, testDirectory)}
	resp, err := http.PostForm(e.fake.URL()+"/bot123:test/setWebhook", url.Values{"url": {"https://bot.example.org/hook"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	e.fake.FailNext("deleteWebhook", 1, http.StatusInternalServerError, 0)
	e.start(t)
	e.fake.PushUpdate(tgfake.Command(4010, "start en"))
	e.fake.WaitFor(t, "sendMessage", 1, wait)
	if n := len(e.fake.CallsTo("deleteWebhook")); n < 2 {
		t.Errorf("deleteWebhook called %d times, want a second try after Telegram refused to be polled", n)
	}
	if refused := e.fake.CallsTo("getUpdates"); !refused[0].Failed {
		t.Errorf("the first poll was not refused: the webhook was not left set")
	}
}

// TestStagesAreMeasured: an answered update is counted in every stage of where its time goes
// (wegweiser_update_stage_seconds: wait, send_wait, call) and in its turn's histogram.
func TestStagesAreMeasured(t *testing.T) {
	e := newEnv(t)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(7971, "/start en", "en")) }, 1)
	m := e.lastAdapter.metrics
	for _, name := range []string{"wait", "send_wait", "call"} {
		var d dto.Metric
		if err := m.Stage.WithLabelValues(name).(prometheus.Metric).Write(&d); err != nil || d.Histogram.GetSampleCount() == 0 {
			t.Errorf("stage %s: %d observed (%v), want the update's", name, d.Histogram.GetSampleCount(), err)
		}
	}
	var d dto.Metric
	if err := m.Latency.Write(&d); err != nil || d.Histogram.GetSampleCount() == 0 {
		t.Errorf("turn: %d observed (%v)", d.Histogram.GetSampleCount(), err)
	}
}
