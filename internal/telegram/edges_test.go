package telegram

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/tgfake"
)

// settled waits until every queued update is confirmed: the batches holding them are done.
func (e *env) settled(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for e.fake.Pending() > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d updates still pending", e.fake.Pending())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitTexts waits until chat was sent at least n texts (answers are delivered beside the
// turns that wrote them) and returns them.
func (e *env) waitTexts(t *testing.T, chat int64, n int) []string {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		texts := e.fake.Texts(chat)
		if len(texts) >= n || time.Now().After(deadline) {
			return texts
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Updates that Telegram never sends a bot that talks only in private chats are not answered,
// and counted by reason; a real chat in the same batch is answered as usual.
func TestForgedChatsAreIgnoredAndCounted(t *testing.T) {
	e := newEnv(t)
	group := tgfake.MessageFrom(-1001234, "/start en", "en")
	group.Message.Chat.Type = models.ChatTypeSupergroup
	zero := tgfake.MessageFrom(0, "/start en", "en")
	negative := tgfake.MessageFrom(-77, "/start en", "en")
	anonymous := tgfake.MessageFrom(7701, "/start en", "en")
	anonymous.Message.From = nil
	impostor := tgfake.MessageFrom(7702, "/start en", "en")
	impostor.Message.From.ID = 7703
	tapElsewhere := tgfake.Callback(7704, 1, "lang:en")
	tapElsewhere.CallbackQuery.From.ID = 7705
	tapNoSender := tgfake.Callback(7706, 1, "lang:en")
	tapNoSender.CallbackQuery.From.ID = 0
	forged := []models.Update{group, zero, negative, anonymous, impostor, tapElsewhere, tapNoSender}
	for _, u := range forged {
		e.fake.PushUpdate(u)
	}
	// A channel post is a kind the bot does not ask for: Telegram (and the fake) never hands
	// it out. An update of no kind at all is broken, and comes.
	e.fake.PushRaw(`{"channel_post":{"message_id":1,"date":1,"chat":{"id":-1009,"type":"channel"},"text":"/start"}}`)
	e.fake.PushRaw(`{}`)
	e.fake.PushRaw(`{"callback_query":{"id":"cb-inline","from":{"id":7707,"is_bot":false,"first_name":"X"},"inline_message_id":"abc","chat_instance":"1","data":"lang:en"}}`)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(7708, "/start en", "en")) }, 1)
	e.settled(t)

	if n := len(e.fake.CallsTo("sendMessage")); n != 1 {
		t.Errorf("%d messages sent, want only the greeting to the real chat:\n%s", n, e.texts(7708))
	}
	if n := len(e.fake.CallsTo("answerCallbackQuery")); n != 0 {
		t.Errorf("%d forged taps answered", n)
	}
	ignored := e.lastAdapter.metrics.Ignored
	for reason, want := range map[string]float64{
		ignoreNotPrivate: 1, ignoreChatID: 2, ignoreNoSender: 2, ignoreMismatch: 2, ignoreKind: 1, ignoreNoChat: 1,
	} {
		if got := count(t, ignored.WithLabelValues(reason)); got != want {
			t.Errorf("ignored %s = %v, want %v", reason, got, want)
		}
	}
	for _, chat := range []int64{-1001234, 0, -77, 7701, 7702, 7703, 7704, 7705, 7706} {
		if state, err := e.storedState(chat); err != nil || state != "" {
			t.Errorf("chat %d has a stored conversation %q (%v)", chat, state, err)
		}
	}
}

// A webhook body must be exactly one JSON object: trailing bytes, a second object, an array,
// invalid UTF-8 and an oversized body are refused, and nothing of them is handled.
func TestWebhookBodyMustBeOneJSONObject(t *testing.T) {
	e := newEnv(t)
	e.stop()
	hook, _ := webhookReplica(t, e)
	post := func(body []byte) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, hook.URL, bytes.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", webhookSecret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	update := func(chat, id int64) []byte {
		u := tgfake.MessageFrom(chat, "/start en", "en")
		u.ID = id
		return mustJSON(t, &u)
	}
	cases := []struct {
		name string
		body []byte
		code int
	}{
		{"trailing bytes", append(update(7801, 1), []byte(`garbage`)...), 400},
		{"a second object", append(update(7802, 2), update(7802, 3)...), 400},
		{"an array", append(append([]byte("["), update(7803, 4)...), ']'), 400},
		{"null", []byte("null"), 400},
		{"empty", nil, 400},
		{"invalid UTF-8", bytes.Replace(update(7804, 5), []byte("/start en"), []byte("/start \xff"), 1), 400},
		{"cut off", update(7805, 6)[:40], 400},
		{"over 1 MiB", append(update(7806, 7), bytes.Repeat([]byte(" "), MaxWebhookBody)...), 413},
		{"whitespace around", append(append([]byte(" \r\n"), update(7807, 8)...), " \n\t"...), 200},
		// An update Telegram sent that does not decode (a newer Bot API's field type) is
		// acknowledged, so that Telegram does not send it again and again, and left out.
		{"an update that does not decode", bytes.Replace(update(7808, 9), []byte(`"chat":{`), []byte(`"entities":"not an array","chat":{`), 1), 200},
	}
	for _, c := range cases {
		if code := post(c.body); code != c.code {
			t.Errorf("%s: %d, want %d", c.name, code, c.code)
		}
	}
	for _, chat := range []int64{7801, 7802, 7803, 7804, 7805, 7806, 7808} {
		if texts := e.fake.Texts(chat); len(texts) != 0 {
			t.Errorf("chat %d was answered from a refused body: %q", chat, texts)
		}
	}
	if texts := e.waitTexts(t, 7807, 1); len(texts) != 1 {
		t.Errorf("the valid update got %d answers, want 1", len(texts))
	}
	refused := e.lastAdapter.metrics.WebhookRefused
	for reason, want := range map[string]float64{"trailing_bytes": 2, "not_object": 3, "not_utf8": 1, "bad_json": 1, "too_large": 1} {
		if got := count(t, refused.WithLabelValues(reason)); got != want {
			t.Errorf("refused %s = %v, want %v", reason, got, want)
		}
	}
	if got := count(t, e.lastAdapter.metrics.Ignored.WithLabelValues("unreadable")); got != 1 {
		t.Errorf("ignored unreadable = %v, want 1", got)
	}
}

// clock is a test clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time        { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration)   { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func newClock(t time.Time) *clock      { return &clock{t: t} }
func (c *clock) set(opts *Options)     { opts.Now = c.now }
func floodPolicy(opts *Options, b int) { opts.Flood = FloodPolicy{PerMinute: 30, Burst: b} }

// A chat that floods the bot is told once, in its language, to slow down; what it sends
// after that is dropped without a word (and confirmed to Telegram) until the limit allows
// again. Another chat is answered as usual meanwhile.
func TestFloodingChatIsToldOnceThenDropped(t *testing.T) {
	clk := newClock(time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC))
	e := &env{fake: tgfake.New(t), store: storetest.New(t, testDirectory)}
	e.dir = e.store
	e.options = func(o *Options) { clk.set(o); floodPolicy(o, 5) }
	e.start(t)
	const flooder, other = 7901, 7902

	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(flooder, "/start ar", "en")) }, 1)
	for range 4 {
		e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(flooder, "/help", "en")) }, 2) // help, the question again
	}
	// The bucket (5) is empty: the next update is answered once with the flood message, in
	// Arabic, the chat's language (its app says English), and the rest are dropped.
	for range 10 {
		e.fake.PushUpdate(tgfake.MessageFrom(flooder, "/help", "en"))
	}
	e.fake.PushUpdate(tgfake.CallbackFrom(flooder, 1, "age:27+", "en"))
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(other, "/start en", "en")) }, 1)
	e.settled(t)

	cat := e.lastAdapter.catalog
	texts := e.waitTexts(t, flooder, 10)
	if len(texts) != 10 || texts[9] != cat.Render("ar", dialog.T("flood")) {
		t.Fatalf("the flooding chat got %d messages, want the greeting + 4 × (help, question) + 1 flood message in Arabic: %q", len(texts), texts)
	}
	if got := e.waitTexts(t, other, 1); len(got) != 1 || !strings.Contains(got[0], "Hello! I am Wegweiser") {
		t.Errorf("the other chat got %q", got)
	}
	flood := e.lastAdapter.metrics.Flood
	if w, d := count(t, flood.WithLabelValues("warned")), count(t, flood.WithLabelValues("dropped")); w != 1 || d != 10 {
		t.Errorf("flood metric: warned %v, dropped %v; want 1 and 10", w, d)
	}
	if n := len(e.fake.CallsTo("answerCallbackQuery")); n != 0 {
		t.Errorf("%d dropped taps answered", n)
	}

	// Two seconds later the chat has one update again, answered without a second warning.
	clk.add(2 * time.Second)
	e.fake.PushUpdate(tgfake.MessageFrom(flooder, "/help", "en"))
	if texts := e.waitTexts(t, flooder, 12); len(texts) != 12 || !strings.Contains(texts[10], "110") {
		t.Errorf("after the pause: %q", texts[10:])
	}
}

// /delete is never dropped by the flood limit: someone who sent many messages in a row and
// then asks to be forgotten is forgotten, and told so, while the chat is still throttled. A
// second /delete in the same flood, with nothing stored since the first, is dropped as any
// other update then: it would erase nothing.
func TestDeleteIsNeverDroppedByTheFloodLimit(t *testing.T) {
	clk := newClock(time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC))
	e := &env{fake: tgfake.New(t), store: storetest.New(t, testDirectory)}
	e.dir = e.store
	e.options = func(o *Options) { clk.set(o); floodPolicy(o, 5) }
	e.start(t)
	const chat = 7903
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "/start ar", "en")) }, 1)
	for range 30 {
		e.fake.PushUpdate(tgfake.MessageFrom(chat, "/help", "en"))
	}
	e.fake.PushUpdate(tgfake.MessageFrom(chat, "/delete", "en"))
	e.fake.PushUpdate(tgfake.MessageFrom(chat, "/delete", "en"))
	e.settled(t)
	e.settle(t)

	cat := e.lastAdapter.catalog
	goodbye := cat.Render("ar", dialog.T("delete.done"))
	var texts []string
	for deadline := time.Now().Add(wait); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if texts = e.fake.Texts(chat); slices.Contains(texts, goodbye) {
			break
		}
	}
	// The greeting, the flood message, up to 4 × (help, question), the goodbye in Arabic: an
	// answer to a /help still waiting to be sent when /delete is handled is erased with the
	// chat (on a busy machine, the last question).
	warned := cat.Render("ar", dialog.T("flood"))
	if n := len(texts); n < 3 || n > 11 || texts[n-1] != goodbye || slices.Index(texts, warned) < 0 || !strings.Contains(texts[0], "Wegweiser") {
		t.Fatalf("the chat got %d messages, want the greeting first, the flood message, the goodbye in Arabic last: %q", len(texts), advAbbreviate(texts))
	}
	if state, err := e.storedState(chat); err != nil || state != "" {
		t.Errorf("after /delete in a flood the conversation is still stored: %q, %v", state, err)
	}
	flood := e.lastAdapter.metrics.Flood
	if w, d := count(t, flood.WithLabelValues("warned")), count(t, flood.WithLabelValues("dropped")); w != 1 || d != 26 {
		t.Errorf("flood metric: warned %v, dropped %v; want 1 and 26 (25 × /help, the second /delete)", w, d)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// count reads a counter's value.
func count(t *testing.T, c prometheus.Counter) float64 {
	t.Helper()
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		t.Fatal(err)
	}
	return m.GetCounter().GetValue()
}

// Typed text with control characters is refused in the reader's language, through the real
// client and database, and the question is asked again.
func TestUnreadableTextIsRefusedInTheReadersLanguage(t *testing.T) {
	e := newEnv(t)
	const chat = 7951
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "/start ar", "en")) }, 1)
	before, err := e.storedState(chat)
	if err != nil {
		t.Fatal(err)
	}
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "3\x1b[2J4", "en")) }, 2)
	cat := e.lastAdapter.catalog
	texts := e.fake.Texts(chat)
	question := cat.RenderMessage("ar", dialog.Message{Lines: []dialog.Text{dialog.T("age.question")}})
	if texts[1] != cat.Render("ar", dialog.T("unreadable")) || texts[2] != question {
		t.Errorf("answers = %q, want the Arabic refusal and the age question again", texts[1:])
	}
	if after, _ := e.storedState(chat); after != before {
		t.Errorf("the refused text changed the state: %s → %s", before, after)
	}
}

// edited is u's message as Telegram sends it after the user changed it, after seconds.
func edited(u models.Update, after int) models.Update {
	m := u.Message
	m.EditDate = m.Date + after
	return models.Update{EditedMessage: m}
}

// A newcomer who corrects a text instead of writing it again is answered as if they had sent
// the correction; an edit of a live location (a move on the map), of a command, or of a text
// sent long ago is not read at all.
func TestCorrectedTextIsReadAsANewMessage(t *testing.T) {
	e := newEnv(t)
	const chat, typed = 7961, 7962
	for _, c := range []int64{chat, typed} {
		e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(c, "/start en", "en")) }, 1)
	}
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(typed, "34", "en")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(edited(tgfake.MessageFrom(chat, "34", "en"), 40)) }, 1)
	got, want := e.fake.Texts(chat), e.fake.Texts(typed)
	if len(got) != 2 || got[1] != want[1] {
		t.Fatalf("the corrected age was answered\n%q\nwant as the typed one\n%q", got, want)
	}
	before, err := e.storedState(chat)
	if err != nil {
		t.Fatal(err)
	}

	ignored := count(t, e.lastAdapter.metrics.Ignored.WithLabelValues(ignoreEdit))
	e.fake.PushUpdate(edited(tgfake.Location(chat, 51.31, 9.49), 30))
	e.fake.PushUpdate(edited(tgfake.MessageFrom(chat, "/delete", "en"), 20))
	e.fake.PushUpdate(edited(tgfake.MessageFrom(chat, "19", "en"), int(maxEditAge/time.Second)+1))
	e.fake.PushUpdate(models.Update{EditedMessage: &models.Message{ID: 9, Date: 0, Text: "19",
		From: &models.User{ID: chat}, Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate}}})
	e.settled(t)
	e.settle(t)
	if n := count(t, e.lastAdapter.metrics.Ignored.WithLabelValues(ignoreEdit)) - ignored; n != 4 {
		t.Errorf("%v edits ignored, want 4 (a location, a command, a late one, one without its times)", n)
	}
	if n := len(e.fake.Texts(chat)); n != 2 {
		t.Errorf("edits that are not read were answered:\n%s", e.texts(chat))
	}
	if after, _ := e.storedState(chat); after != before {
		t.Errorf("an edit that is not read changed the state: %s → %s", before, after)
	}
	if asked := e.fake.CallsTo("getUpdates"); !strings.Contains(asked[len(asked)-1].Params["allowed_updates"], `"edited_message"`) {
		t.Errorf("the bot does not ask Telegram for edits: allowed_updates %s", asked[len(asked)-1].Params["allowed_updates"])
	}
}
