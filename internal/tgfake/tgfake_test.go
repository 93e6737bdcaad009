package tgfake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/tgfake"
)

const token = "123456:test-token"

// newBot returns a real client talking to fake, long-polling for one second at a time.
func newBot(t *testing.T, fake *tgfake.Server, opts ...bot.Option) *bot.Bot {
	t.Helper()
	opts = append([]bot.Option{
		bot.WithServerURL(fake.URL()),
		bot.WithSkipGetMe(),
		bot.WithHTTPClient(2*time.Second, &http.Client{Timeout: 10 * time.Second}),
		bot.WithErrorsHandler(func(err error) { t.Logf("bot error: %v", err) }),
	}, opts...)
	b, err := bot.New(token, opts...)
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	return b
}

// startBot runs b.Start until the test ends, handing every update, in order, to the returned
// channel. (Without WithNotAsyncHandlers the client runs each handler in its own goroutine.)
func startBot(t *testing.T, fake *tgfake.Server) <-chan *models.Update {
	t.Helper()
	updates := make(chan *models.Update, 100)
	b := newBot(t, fake, bot.WithNotAsyncHandlers(), bot.WithDefaultHandler(func(_ context.Context, _ *bot.Bot, u *models.Update) {
		updates <- u
	}))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		b.Start(ctx)
		close(done)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return updates
}

func receive(t *testing.T, updates <-chan *models.Update) *models.Update {
	t.Helper()
	select {
	case u := <-updates:
		return u
	case <-time.After(5 * time.Second):
		t.Fatal("no update received within 5s")
		return nil
	}
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// post calls method directly, the way the client does (multipart form), and decodes the answer.
func post(t *testing.T, fake *tgfake.Server, method string, fields map[string]string) (int, map[string]any) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(fake.URL()+"/bot"+token+"/"+method, w.FormDataContentType(), &body)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var answer map[string]any
	if err := json.Unmarshal(data, &answer); err != nil {
		t.Fatalf("%s: answer %s: %v", method, data, err)
	}
	return resp.StatusCode, answer
}

func updateIDs(t *testing.T, answer map[string]any) []int64 {
	t.Helper()
	result, ok := answer["result"].([]any)
	if !ok {
		t.Fatalf("no update list in %v", answer)
	}
	ids := []int64{}
	for _, u := range result {
		ids = append(ids, int64(u.(map[string]any)["update_id"].(float64)))
	}
	return ids
}

func TestSendMessageIsRecordedWithFormParams(t *testing.T) {
	fake := tgfake.New(t)
	b := newBot(t, fake)
	ctx := context.Background()

	msg, err := b.SendMessage(ctx, &bot.SendMessageParams{
		ChatID:    int64(42),
		Text:      "Hallo <b>Welt</b> & Ümlaute",
		ParseMode: models.ParseModeHTML,
		ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
			{{Text: "Ja", CallbackData: "yes"}, {Text: "Nein", CallbackData: "no"}},
			{{Text: "Web", URL: "https://example.org"}},
		}},
	})
	if err != nil {
		t.Fatalf("SendMessage: %v", err)
	}
	if msg.ID != 1 || msg.Chat.ID != 42 || msg.Chat.Type != models.ChatTypePrivate ||
		msg.Text != "Hallo <b>Welt</b> & Ümlaute" || msg.Date == 0 || msg.From == nil || !msg.From.IsBot {
		t.Errorf("unexpected message %+v", msg)
	}
	if msg.ReplyMarkup == nil || msg.ReplyMarkup.InlineKeyboard[0][1].CallbackData != "no" {
		t.Errorf("inline keyboard not echoed: %+v", msg.ReplyMarkup)
	}

	calls := fake.WaitFor(t, "sendMessage", 1, time.Second)
	p := calls[0].Params
	if p["chat_id"] != "42" || p["text"] != "Hallo <b>Welt</b> & Ümlaute" || p["parse_mode"] != "HTML" {
		t.Errorf("unexpected params %v", p)
	}
	if !strings.Contains(p["reply_markup"], `"callback_data":"yes"`) {
		t.Errorf("reply_markup not sent as JSON: %q", p["reply_markup"])
	}
	if calls[0].Failed || calls[0].At.IsZero() {
		t.Errorf("unexpected call %v", calls[0])
	}

	second, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 42, Text: "zwei",
		ReplyMarkup: &models.ReplyKeyboardMarkup{Keyboard: [][]models.KeyboardButton{
			{{Text: "Standort senden", RequestLocation: true}}, {{Text: "Abbrechen"}},
		}, ResizeKeyboard: true}})
	if err != nil || second.ID != 2 {
		t.Fatalf("second SendMessage: %v, %+v", err, second)
	}
	wantReply := [][]tgfake.Button{{{Text: "Standort senden", RequestLocation: true}}, {{Text: "Abbrechen"}}}
	if got := fake.LastKeyboard(42); !reflect.DeepEqual(got, wantReply) {
		t.Errorf("LastKeyboard = %+v, want %+v", got, wantReply)
	}

	edited, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: 42, MessageID: msg.ID, Text: "bearbeitet",
		ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
			{{Text: "Weiter", CallbackData: "next"}},
		}}})
	if err != nil || edited.ID != msg.ID || edited.Text != "bearbeitet" || edited.EditDate == 0 {
		t.Fatalf("EditMessageText: %v, %+v", err, edited)
	}
	if got, want := fake.Texts(42), []string{"Hallo <b>Welt</b> & Ümlaute", "zwei", "bearbeitet"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Texts = %q, want %q", got, want)
	}
	if got := fake.LastKeyboard(42); !reflect.DeepEqual(got, wantReply) {
		t.Errorf("after an edit of an older message, LastKeyboard = %+v, want the newest message's %+v", got, wantReply)
	}
	if _, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: 42, MessageID: second.ID, Text: "zwei, bearbeitet",
		ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
			{{Text: "Weiter", CallbackData: "next"}},
		}}}); err != nil {
		t.Fatal(err)
	}
	if got, want := fake.LastKeyboard(42), [][]tgfake.Button{{{Text: "Weiter", CallbackData: "next"}}}; !reflect.DeepEqual(got, want) {
		t.Errorf("after an edit of the newest message, LastKeyboard = %+v, want %+v", got, want)
	}
	if got := fake.Texts(43); got != nil {
		t.Errorf("Texts of another chat = %q", got)
	}

	fake.Reset()
	if n := len(fake.Calls()); n != 0 {
		t.Errorf("%d calls after Reset", n)
	}
}

func TestGetMe(t *testing.T) {
	fake := tgfake.New(t)
	b, err := bot.New(token, bot.WithServerURL(fake.URL())) // without WithSkipGetMe: New calls getMe
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	me, err := b.GetMe(context.Background())
	if err != nil || me.ID != 1 || !me.IsBot || me.Username != "wegweiser_test_bot" {
		t.Fatalf("GetMe: %v, %+v", err, me)
	}
	if n := len(fake.CallsTo("getme")); n != 2 {
		t.Errorf("%d getMe calls, want 2", n)
	}
}

func TestStartReceivesPushedUpdates(t *testing.T) {
	fake := tgfake.New(t)
	updates := startBot(t, fake)

	id := fake.PushUpdate(tgfake.Command(42, "start ref_7"))
	if id != 1 {
		t.Errorf("first update id %d, want 1", id)
	}
	u := receive(t, updates)
	if u.ID != 1 || u.Message == nil || u.Message.Text != "/start ref_7" || u.Message.Chat.ID != 42 ||
		u.Message.From.ID != 42 || u.Message.From.FirstName != "Test" || u.Message.From.LanguageCode != "de" {
		t.Fatalf("unexpected update %+v / %+v", u, u.Message)
	}
	want := []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: 6}}
	if !reflect.DeepEqual(u.Message.Entities, want) {
		t.Errorf("entities %+v, want %+v", u.Message.Entities, want)
	}

	fake.PushUpdate(tgfake.Callback(42, 7, "pick:1"))
	fake.PushUpdate(tgfake.MessageFrom(42, "hello", "en"))
	fake.PushUpdate(tgfake.Location(42, 51.3127, 9.4797))
	cb := receive(t, updates)
	if cb.ID != 2 || cb.CallbackQuery == nil || cb.CallbackQuery.Data != "pick:1" || cb.CallbackQuery.ID == "" ||
		cb.CallbackQuery.From.ID != 42 ||
		cb.CallbackQuery.Message.Type != models.MaybeInaccessibleMessageTypeMessage ||
		cb.CallbackQuery.Message.Message.ID != 7 || cb.CallbackQuery.Message.Message.Chat.ID != 42 {
		t.Fatalf("unexpected callback update %+v", cb.CallbackQuery)
	}
	if m := receive(t, updates).Message; m.Text != "hello" || m.From.LanguageCode != "en" || m.Entities != nil {
		t.Errorf("unexpected message %+v", m)
	}
	if loc := receive(t, updates).Message.Location; loc == nil || loc.Latitude != 51.3127 || loc.Longitude != 9.4797 {
		t.Errorf("unexpected location %+v", loc)
	}

	// The client confirms what it got with its next offset; the fake then forgets the updates.
	eventually(t, "the updates are confirmed", func() bool { return fake.Pending() == 0 })
	calls := fake.CallsTo("getUpdates")
	if last := calls[len(calls)-1].Params; last["offset"] != "5" || last["timeout"] != "1" {
		t.Errorf("last getUpdates params %v, want offset 5 and timeout 1", last)
	}
}

func TestPushDuplicateIsDeliveredAgain(t *testing.T) {
	fake := tgfake.New(t)
	updates := startBot(t, fake)

	id := fake.PushUpdate(tgfake.Sticker(42))
	first := receive(t, updates)
	eventually(t, "the update is confirmed", func() bool { return fake.Pending() == 0 })
	fake.PushDuplicate(id)
	again := receive(t, updates)
	if first.ID != id || again.ID != id || again.Message.Sticker == nil ||
		again.Message.Sticker.FileID != first.Message.Sticker.FileID {
		t.Errorf("duplicate %+v differs from %+v", again, first)
	}
	fake.PushUpdate(tgfake.Voice(42))
	if next := receive(t, updates); next.ID != id+1 || next.Message.Voice == nil {
		t.Errorf("after the duplicate got %+v", next)
	}
	select {
	case u := <-updates:
		t.Errorf("unexpected extra update %+v", u)
	case <-time.After(200 * time.Millisecond):
	}
}

func TestInjectedErrorsMapToClientErrors(t *testing.T) {
	fake := tgfake.New(t)
	b := newBot(t, fake)
	ctx := context.Background()
	send := func() error {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 42, Text: "hi"})
		return err
	}

	fake.FailNext("sendMessage", 1, 429, 7)
	fake.FailNext("sendMessage", 1, 403, 0)
	fake.FailNext("sendMessage", 1, 400, 0)
	fake.FailNextWith("sendMessage", 1, tgfake.Fault{Code: 400, Description: "Bad Request: group chat was upgraded to a supergroup chat", MigrateToChatID: -1001234})

	var tooMany *bot.TooManyRequestsError
	if err := send(); !errors.As(err, &tooMany) || tooMany.RetryAfter != 7 {
		t.Errorf("429: got %v", err)
	}
	if err := send(); !errors.Is(err, bot.ErrorForbidden) || !strings.Contains(err.Error(), "bot was blocked by the user") {
		t.Errorf("403: got %v", err)
	}
	if err := send(); !errors.Is(err, bot.ErrorBadRequest) {
		t.Errorf("400: got %v", err)
	}
	var migrate *bot.MigrateError
	if err := send(); !errors.As(err, &migrate) || migrate.MigrateToChatID != -1001234 {
		t.Errorf("migrate: got %v", err)
	}
	if err := send(); err != nil {
		t.Errorf("after the faults: %v", err)
	}

	calls := fake.CallsTo("sendMessage")
	var failed []bool
	for _, c := range calls {
		failed = append(failed, c.Failed)
	}
	if want := []bool{true, true, true, true, false}; !reflect.DeepEqual(failed, want) {
		t.Errorf("Failed flags %v, want %v", failed, want)
	}
	if got := fake.Texts(42); len(got) != 1 {
		t.Errorf("Texts counts failed sends: %q", got)
	}

	// Validation errors Telegram itself would give.
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 42, Text: ""}); !errors.Is(err, bot.ErrorBadRequest) {
		t.Errorf("empty text: got %v", err)
	}
	long := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
		{{Text: "x", CallbackData: strings.Repeat("d", 65)}},
	}}
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 42, Text: "x", ReplyMarkup: long}); err == nil ||
		!strings.Contains(err.Error(), "BUTTON_DATA_INVALID") {
		t.Errorf("65-byte callback data: got %v", err)
	}
}

func TestUnknownMethodIs404(t *testing.T) {
	fake := tgfake.New(t)
	status, answer := post(t, fake, "sendDice", map[string]string{"chat_id": "42"})
	want := map[string]any{"ok": false, "error_code": float64(404), "description": "Not Found: method not found"}
	if status != 404 || !reflect.DeepEqual(answer, want) {
		t.Errorf("got %d %v", status, answer)
	}
	if calls := fake.CallsTo("sendDice"); len(calls) != 1 || !calls[0].Failed || calls[0].Params["chat_id"] != "42" {
		t.Errorf("calls %v", calls)
	}
	if _, err := newBot(t, fake).SendDice(context.Background(), &bot.SendDiceParams{ChatID: 42}); !errors.Is(err, bot.ErrorNotFound) {
		t.Errorf("client error %v", err)
	}
}

func TestGetUpdatesOffsetDropsConfirmedUpdates(t *testing.T) {
	fake := tgfake.New(t)
	for i := 0; i < 3; i++ {
		fake.PushUpdate(tgfake.Message(42, fmt.Sprint("m", i)))
	}

	_, answer := post(t, fake, "getUpdates", nil)
	if got := updateIDs(t, answer); !reflect.DeepEqual(got, []int64{1, 2, 3}) {
		t.Fatalf("without offset got %v", got)
	}
	_, answer = post(t, fake, "getUpdates", map[string]string{"limit": "2"})
	if got := updateIDs(t, answer); !reflect.DeepEqual(got, []int64{1, 2}) {
		t.Fatalf("unconfirmed updates must stay; with limit 2 got %v", got)
	}
	_, answer = post(t, fake, "getUpdates", map[string]string{"offset": "3"})
	if got := updateIDs(t, answer); !reflect.DeepEqual(got, []int64{3}) {
		t.Fatalf("offset 3 got %v", got)
	}
	if n := fake.Pending(); n != 1 {
		t.Errorf("Pending = %d, want 1", n)
	}
	_, answer = post(t, fake, "getUpdates", map[string]string{"offset": "4"})
	if got := updateIDs(t, answer); len(got) != 0 {
		t.Fatalf("offset 4 got %v", got)
	}
	if n := fake.Pending(); n != 0 {
		t.Errorf("Pending = %d, want 0", n)
	}

	// The same through the real client: it starts without an offset and confirms afterwards.
	fake.PushUpdate(tgfake.Photo(42))
	updates := startBot(t, fake)
	if u := receive(t, updates); u.ID != 4 || len(u.Message.Photo) == 0 {
		t.Errorf("got %+v", u)
	}
	eventually(t, "update 4 is confirmed", func() bool { return fake.Pending() == 0 })
	calls := fake.CallsTo("getUpdates")
	if last := calls[len(calls)-1]; last.Params["offset"] != "5" {
		t.Errorf("client's last offset %q, want 5", last.Params["offset"])
	}
}

func TestPushRawIsDeliveredVerbatim(t *testing.T) {
	fake := tgfake.New(t)
	if id := fake.PushRaw(`{"update_id":41,"exotic_update":{"x":1}}`); id != 41 {
		t.Errorf("id %d", id)
	}
	if id := fake.PushUpdate(tgfake.Message(1, "a")); id != 42 {
		t.Errorf("ids continue after an explicit one; got %d", id)
	}
	_, answer := post(t, fake, "getUpdates", map[string]string{"offset": "41"})
	first := answer["result"].([]any)[0].(map[string]any)
	if _, ok := first["exotic_update"]; !ok {
		t.Errorf("got %v", first)
	}

	fake.PushRaw(`{"update_id": 43, "message": {`)
	resp, err := http.Post(fake.URL()+"/bot"+token+"/getUpdates?offset=43", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if want := `{"ok":true,"result":[{"update_id": 43, "message": {]}`; string(data) != want {
		t.Errorf("got %s, want %s", data, want)
	}
}
