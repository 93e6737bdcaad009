package telegram

import (
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// TestBotAPICallsAreSentWhole sends a message with a keyboard through the Bot API client as
// the adapter sets it up, and checks that the server got the form in one piece with its
// length, not chunked, and complete.
func TestBotAPICallsAreSentWhole(t *testing.T) {
	var mu sync.Mutex
	var length int64
	var encoding []string
	fields := map[string]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		length, encoding = r.ContentLength, r.TransferEncoding
		_, p, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		mr := multipart.NewReader(r.Body, p["boundary"])
		for {
			part, err := mr.NextPart()
			if err != nil {
				break
			}
			v, _ := io.ReadAll(part)
			fields[part.FormName()] = string(v)
		}
		_, _ = w.Write([]byte(`{"ok":true,"result":{"message_id":1,"date":1,"chat":{"id":42,"type":"private"},"text":"x"}}`))
	}))
	defer srv.Close()
	b, err := tgbot.New("1:test", tgbot.WithServerURL(srv.URL), tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(time.Second, &http.Client{Timeout: 5 * time.Second, Transport: wholeBodies{newTransport()}}))
	if err != nil {
		t.Fatal(err)
	}
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "Ja", CallbackData: "res:yes"}}}}
	if _, err := b.SendMessage(context.Background(), &tgbot.SendMessageParams{ChatID: 42, Text: "Hallo", ReplyMarkup: kb}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if length <= 0 || len(encoding) != 0 {
		t.Errorf("the call came with length %d and transfer encoding %q; want its length, not chunked", length, encoding)
	}
	if fields["chat_id"] != "42" || fields["text"] != "Hallo" || fields["reply_markup"] == "" {
		t.Errorf("the form arrived as %q", fields)
	}
}
