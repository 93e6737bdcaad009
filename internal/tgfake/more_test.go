package tgfake_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/tgfake"
)

func TestGetUpdatesLongPoll(t *testing.T) {
	fake := tgfake.New(t)
	start := time.Now()
	_, answer := post(t, fake, "getUpdates", map[string]string{"timeout": "1"})
	if elapsed := time.Since(start); elapsed < 900*time.Millisecond || elapsed > 3*time.Second {
		t.Errorf("empty long poll took %v, want about 1s", elapsed)
	}
	if got := updateIDs(t, answer); len(got) != 0 {
		t.Errorf("got %v", got)
	}

	go func() {
		time.Sleep(100 * time.Millisecond)
		fake.PushRaw(`{"message":{"message_id":5,"date":1,"chat":{"id":42,"type":"private"},"text":"raw"}}`)
	}()
	start = time.Now()
	_, answer = post(t, fake, "getUpdates", map[string]string{"timeout": "30"})
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("long poll did not end when an update arrived (%v)", elapsed)
	}
	if got := updateIDs(t, answer); !reflect.DeepEqual(got, []int64{1}) {
		t.Errorf("got %v", got)
	}
}

func TestMediaAndOtherMethods(t *testing.T) {
	fake := tgfake.New(t)
	b := newBot(t, fake)
	ctx := context.Background()

	photo, err := b.SendPhoto(ctx, &bot.SendPhotoParams{ChatID: 42, Caption: "Karte",
		Photo: &models.InputFileUpload{Filename: "map.png", Data: bytes.NewReader([]byte("PNGDATA"))}})
	if err != nil || len(photo.Photo) == 0 || photo.Caption != "Karte" {
		t.Fatalf("SendPhoto: %v %+v", err, photo)
	}
	c := fake.CallsTo("sendPhoto")[0]
	if string(c.Files["photo"]) != "PNGDATA" || c.FileNames["photo"] != "map.png" || c.Params["caption"] != "Karte" {
		t.Errorf("photo call %v", c)
	}
	doc, err := b.SendDocument(ctx, &bot.SendDocumentParams{ChatID: 42,
		Document: &models.InputFileUpload{Filename: "liste.pdf", Data: strings.NewReader("%PDF")}})
	if err != nil || doc.Document == nil || doc.Document.FileName != "liste.pdf" || doc.ID != photo.ID+1 {
		t.Fatalf("SendDocument: %v %+v", err, doc)
	}
	venue, err := b.SendVenue(ctx, &bot.SendVenueParams{ChatID: 42, Latitude: 51.31, Longitude: 9.48,
		Title: "Beratungsstelle", Address: "Königsplatz 1"})
	if err != nil || venue.Venue == nil || venue.Venue.Title != "Beratungsstelle" || venue.Location.Latitude != 51.31 {
		t.Fatalf("SendVenue: %v %+v", err, venue)
	}
	if _, err := b.SendLocation(ctx, &bot.SendLocationParams{ChatID: 42, Latitude: 51.31, Longitude: 9.48}); err != nil {
		t.Errorf("SendLocation: %v", err)
	}
	if m, err := b.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: 42, MessageID: venue.ID}); err != nil || m.ID != venue.ID {
		t.Errorf("EditMessageReplyMarkup: %v %+v", err, m)
	}
	for name, call := range map[string]func() (bool, error){
		"answerCallbackQuery": func() (bool, error) {
			return b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: "cb-1"})
		},
		"deleteMessage": func() (bool, error) {
			return b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: 42, MessageID: 1})
		},
		"setMyCommands": func() (bool, error) {
			return b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "start", Description: "Start"}}})
		},
		"setWebhook": func() (bool, error) {
			return b.SetWebhook(ctx, &bot.SetWebhookParams{URL: "https://example.org/hook"})
		},
	} {
		if ok, err := call(); !ok || err != nil {
			t.Errorf("%s: %v %v", name, ok, err)
		}
	}
	if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "Start", Description: "x"}}}); !errors.Is(err, bot.ErrorBadRequest) {
		t.Errorf("upper-case command accepted: %v", err)
	}

	info, err := b.GetWebhookInfo(ctx)
	if err != nil || info.URL != "https://example.org/hook" {
		t.Errorf("GetWebhookInfo: %v %+v", err, info)
	}
	if status, answer := post(t, fake, "getUpdates", nil); status != 409 {
		t.Errorf("getUpdates with a webhook: %d %v", status, answer)
	}
	if ok, err := b.DeleteWebhook(ctx, &bot.DeleteWebhookParams{}); !ok || err != nil {
		t.Errorf("DeleteWebhook: %v %v", ok, err)
	}
	if status, _ := post(t, fake, "getUpdates", nil); status != 200 {
		t.Errorf("getUpdates after deleteWebhook: %d", status)
	}
}

func TestSetDelay(t *testing.T) {
	fake := tgfake.New(t)
	b := newBot(t, fake)
	fake.SetDelay("sendMessage", 5*time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 42, Text: "slow"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v", err)
	}
	fake.WaitFor(t, "sendMessage", 1, 2*time.Second) // the abandoned call is still recorded
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("took %v", elapsed)
	}

	fake.SetDelay("sendMessage", 150*time.Millisecond)
	start = time.Now()
	if _, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: 42, Text: "slow"}); err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed < 150*time.Millisecond {
		t.Errorf("answered after %v", elapsed)
	}
}

func TestConcurrentSendsGetDistinctIDs(t *testing.T) {
	fake := tgfake.New(t)
	b := newBot(t, fake)
	var mu sync.Mutex
	seen := map[int]bool{}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: int64(100 + i%3), Text: fmt.Sprint(i)})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			seen[m.ID] = true
			mu.Unlock()
			fake.PushUpdate(tgfake.Message(int64(i), "x"))
		}()
	}
	wg.Wait()
	if len(seen) != 20 || !seen[1] || !seen[20] {
		t.Errorf("message ids %v", seen)
	}
	if n := len(fake.WaitFor(t, "sendMessage", 20, time.Second)); n != 20 {
		t.Errorf("%d calls", n)
	}
}

// recorder stands in for a test to see what WaitFor reports.
type recorder struct {
	testing.TB
	msg string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
}

func TestWaitForTimeoutListsCalls(t *testing.T) {
	fake := tgfake.New(t)
	post(t, fake, "sendMessage", map[string]string{"chat_id": "42", "text": "hallo"})
	r := &recorder{TB: t}
	fake.WaitFor(r, "editMessageText", 1, 50*time.Millisecond)
	if !strings.Contains(r.msg, "editMessageText") || !strings.Contains(r.msg, `text="hallo"`) {
		t.Errorf("message %q", r.msg)
	}
}

func TestGetUpdatesFaultIsRetriedByTheClient(t *testing.T) {
	fake := tgfake.New(t)
	fake.FailNext("getUpdates", 2, 502, 0)
	fake.PushUpdate(tgfake.Message(42, "trotzdem"))
	updates := startBot(t, fake)
	if u := receive(t, updates); u.Message.Text != "trotzdem" {
		t.Errorf("got %+v", u.Message)
	}
	calls := fake.CallsTo("getUpdates")
	if len(calls) < 3 || !calls[0].Failed || !calls[1].Failed || calls[2].Failed {
		t.Errorf("getUpdates calls %v", calls)
	}
}

// getUpdates hands out only the kinds the bot asked for (allowed_updates, kept until it asks
// again; an empty list is the default again), as Telegram does: the others are gone.
func TestGetUpdatesHandsOutTheAllowedKinds(t *testing.T) {
	fake := tgfake.New(t)
	msg := fake.PushRaw(`{"message":{"message_id":1,"date":1,"chat":{"id":42,"type":"private"},"text":"a"}}`)
	fake.PushRaw(`{"edited_message":{"message_id":1,"date":1,"edit_date":2,"chat":{"id":42,"type":"private"},"text":"b"}}`)
	tap := fake.PushRaw(`{"callback_query":{"id":"c","from":{"id":42,"is_bot":false,"first_name":"X"},"chat_instance":"1","data":"d"}}`)
	fake.PushRaw(`{"chat_member":{"chat":{"id":-1,"type":"group"}}}`)
	_, answer := post(t, fake, "getUpdates", map[string]string{"allowed_updates": `["message","callback_query"]`})
	if got := updateIDs(t, answer); !reflect.DeepEqual(got, []int64{msg, tap}) {
		t.Errorf("asked for messages and taps: got %v, want %v", got, []int64{msg, tap})
	}
	edit := fake.PushRaw(`{"edited_message":{"message_id":1,"date":1,"edit_date":2,"chat":{"id":42,"type":"private"},"text":"c"}}`)
	member := fake.PushRaw(`{"chat_member":{"chat":{"id":-1,"type":"group"}}}`)
	_, answer = post(t, fake, "getUpdates", map[string]string{"offset": fmt.Sprint(tap + 1), "allowed_updates": `[]`})
	if got := updateIDs(t, answer); !reflect.DeepEqual(got, []int64{edit}) {
		t.Errorf("asked for the default kinds: got %v, want the edit %d (not the member update %d)", got, edit, member)
	}
}
