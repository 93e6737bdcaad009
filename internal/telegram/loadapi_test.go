package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// loadAPI is a minimal Bot API on loopback for the load benchmark: getUpdates hands out
// queued updates, every other method answers at once and reports to the chat's line when the
// bot said something to it. One chat may be flooded: every call for it is answered with 429
// (retry_after 1). It counts the TCP connections it accepted. (The test fake, tgfake, records
// every call for assertions and is too slow to measure with.)
//
// It runs in the benchmark's process, so the garbage collector that serves the bots scans its
// memory too: it holds little, and nothing after its phase (close). A buffer of 100,000
// updates it once held (36 MB of pointers, kept by every phase until the end) made each
// collection of the later phases, the bot's, longer than the echo's.
type loadAPI struct {
	srv     *httptest.Server
	updates chan *models.Update // queued for getUpdates: at most one per user and the flooded chat's
	nextID  atomic.Int64
	msgID   atomic.Int64
	conns   atomic.Int64  // TCP connections accepted
	calls   atomic.Int64  // calls other than getUpdates
	refused atomic.Int64  // calls answered with 429
	flooded int64         // the chat answered only with 429; 0 for none
	polled  chan struct{} // closed at the bot's first getUpdates: it has started
	poll    sync.Once

	mu    sync.Mutex
	lines map[int64]*chatLine
}

// chatLine is what one chat is shown: when each call for it arrived, and the id of the last
// message that carried an inline keyboard (the one a user taps).
type chatLine struct {
	arrived chan time.Time // a user reads it before each update; a few calls per answer
	calls   atomic.Int64   // calls for the chat answered
	inline  atomic.Int64
}

// countingListener counts the connections it accepts.
type countingListener struct {
	net.Listener
	n *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.n.Add(1)
	}
	return c, err
}

// newLoadAPI starts a Bot API; flooded names a chat to answer only with 429 (0: none).
func newLoadAPI(tb testing.TB, flooded int64) *loadAPI {
	api := &loadAPI{updates: make(chan *models.Update, 4096), lines: map[int64]*chatLine{}, flooded: flooded, polled: make(chan struct{})}
	api.nextID.Store(rand.Int64N(1 << 40)) // update ids of different runs never meet in processed_updates
	api.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pprof.Do(r.Context(), pprof.Labels("part", "bot-api"), func(context.Context) { api.serve(w, r) })
	}))
	api.srv.Listener = countingListener{Listener: api.srv.Listener, n: &api.conns}
	api.srv.Start()
	tb.Cleanup(api.srv.Close)
	return api
}

// close stops the Bot API and lets go of what it holds.
func (api *loadAPI) close() {
	api.srv.Close()
	api.mu.Lock()
	defer api.mu.Unlock()
	api.lines = nil
}

// line returns a chat's line, made on first use.
func (api *loadAPI) line(chat int64) *chatLine {
	api.mu.Lock()
	defer api.mu.Unlock()
	l, ok := api.lines[chat]
	if !ok {
		l = &chatLine{arrived: make(chan time.Time, 64)}
		api.lines[chat] = l
	}
	return l
}

// loadForm is a call's form: the request's body. The client sends every call as
// multipart/form-data; this Bot API stands in for Telegram, whose work is not on this machine,
// so it reads only what it needs, the few fields it looks for, straight from the body rather
// than parsing every part (which cost the test process more per call than the bots' own
// sending did).
type loadForm []byte

var loadBodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// field is the value of the form field name ("" when absent): the part's body between its
// headers' blank line and the next boundary.
func (f loadForm) field(name string) string {
	i := bytes.Index(f, []byte(`name="`+name+`"`))
	if i < 0 {
		return ""
	}
	rest := f[i:]
	start := bytes.Index(rest, []byte("\r\n\r\n"))
	if start < 0 {
		return ""
	}
	rest = rest[start+4:]
	if end := bytes.Index(rest, []byte("\r\n--")); end >= 0 {
		rest = rest[:end]
	}
	return string(rest)
}

// loadChatOf names the chat a call is for: its chat_id, or for answerCallbackQuery the chat
// the callback's id names (see loadCallback).
func loadChatOf(f loadForm) (int64, bool) {
	if id, err := strconv.ParseInt(f.field("chat_id"), 10, 64); err == nil {
		return id, true
	}
	if cb := strings.Split(f.field("callback_query_id"), "-"); len(cb) == 3 {
		id, err := strconv.ParseInt(cb[1], 10, 64)
		return id, err == nil
	}
	return 0, false
}

func (api *loadAPI) serve(w http.ResponseWriter, r *http.Request) {
	method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	body := loadBodies.Get().(*bytes.Buffer)
	body.Reset()
	_, _ = body.ReadFrom(r.Body)
	defer loadBodies.Put(body)
	form := loadForm(body.Bytes())
	at := time.Now()
	w.Header().Set("Content-Type", "application/json")
	if method == "getUpdates" {
		api.getUpdates(w, r)
		return
	}
	api.calls.Add(1)
	chat, ok := loadChatOf(form)
	if ok && chat == api.flooded {
		api.refused.Add(1)
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}`))
		return
	}
	if method == "answerCallbackQuery" || method == "deleteWebhook" {
		_, _ = w.Write([]byte(`{"ok":true,"result":true}`))
	} else {
		id := api.msgID.Add(1)
		if ok && bytes.Contains(form, []byte(`"inline_keyboard"`)) {
			api.line(chat).inline.Store(id)
		}
		fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d,"date":%d,"chat":{"id":%d,"type":"private"},"text":"ok"}}`,
			id, at.Unix(), chat)
	}
	if ok {
		l := api.line(chat)
		l.calls.Add(1)
		select {
		case l.arrived <- at:
		default: // nobody reads this chat's line (a chat not driven)
		}
	}
}

// getUpdates waits up to 2 s for an update and hands out up to 100.
func (api *loadAPI) getUpdates(w http.ResponseWriter, r *http.Request) {
	api.poll.Do(func() { close(api.polled) })
	var batch []models.Update
	select {
	case u := <-api.updates:
		batch = append(batch, *u)
	case <-time.After(2 * time.Second):
	case <-r.Context().Done():
	}
more:
	for len(batch) < 100 {
		select {
		case u := <-api.updates:
			batch = append(batch, *u)
		default:
			break more
		}
	}
	if batch == nil {
		batch = []models.Update{}
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": batch})
}

// push queues an update with the next id and returns when it was queued.
func (api *loadAPI) push(u models.Update) time.Time {
	u.ID = api.nextID.Add(1)
	at := time.Now()
	api.updates <- &u
	return at
}

// loadMessage is a text (or command) from a user whose app speaks lang.
func loadMessage(chat int64, text, lang string) models.Update {
	return models.Update{Message: &models.Message{ID: 1, Date: int(time.Now().Unix()), Text: text,
		From: &models.User{ID: chat, FirstName: "Load", LanguageCode: lang}, Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate}}}
}

// loadCallback is a tap on a button of message messageID; the callback's id names its chat.
func loadCallback(chat int64, messageID int, data, lang string) models.Update {
	return models.Update{CallbackQuery: &models.CallbackQuery{ID: fmt.Sprintf("cb-%d-%d", chat, rand.Int64()), Data: data,
		From: models.User{ID: chat, FirstName: "Load", LanguageCode: lang},
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage,
			Message: &models.Message{ID: messageID, Date: int(time.Now().Unix()), Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate}}}}}
}
