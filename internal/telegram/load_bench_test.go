package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/synth"
	"github.com/kassel/wegweiser/internal/testharness"
)

// loadAPI is a minimal Bot API for the load benchmark: getUpdates hands out queued updates,
// every other method answers at once and reports the chat it was for. (The test fake records
// every call for assertions and is too slow to measure with.)
type loadAPI struct {
	srv     *httptest.Server
	updates chan models.Update
	nextID  atomic.Int64
	msgID   atomic.Int64
	mu      sync.Mutex
	waiters map[int64]chan struct{} // chat → one signal per call for that chat
}

func newLoadAPI(tb testing.TB) *loadAPI {
	api := &loadAPI{updates: make(chan models.Update, 100000), waiters: map[int64]chan struct{}{}}
	api.nextID.Store(rand.Int64N(1 << 40)) // update ids of different runs never meet in processed_updates
	api.srv = httptest.NewServer(http.HandlerFunc(api.serve))
	tb.Cleanup(api.srv.Close)
	return api
}

func (api *loadAPI) chat(id int64) chan struct{} {
	api.mu.Lock()
	defer api.mu.Unlock()
	ch, ok := api.waiters[id]
	if !ok {
		ch = make(chan struct{}, 64)
		api.waiters[id] = ch
	}
	return ch
}

func (api *loadAPI) serve(w http.ResponseWriter, r *http.Request) {
	method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	params := map[string]string{}
	if _, p, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil && p["boundary"] != "" {
		mr := multipart.NewReader(r.Body, p["boundary"])
		for {
			part, err := mr.NextPart()
			if err != nil {
				break
			}
			v, _ := io.ReadAll(part)
			params[part.FormName()] = string(v)
		}
	}
	_, _ = io.Copy(io.Discard, r.Body)
	w.Header().Set("Content-Type", "application/json")
	if method == "getUpdates" {
		var batch []models.Update
		timeout := time.After(2 * time.Second)
		select {
		case u := <-api.updates:
			batch = append(batch, u)
		case <-timeout:
		case <-r.Context().Done():
		}
	more:
		for len(batch) < 100 {
			select {
			case u := <-api.updates:
				batch = append(batch, u)
			default:
				break more
			}
		}
		if batch == nil {
			batch = []models.Update{}
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": batch})
		return
	}
	if id, err := strconv.ParseInt(params["chat_id"], 10, 64); err == nil {
		api.chat(id) <- struct{}{}
	} else if cb := strings.Split(params["callback_query_id"], "-"); len(cb) == 3 {
		id, _ := strconv.ParseInt(cb[1], 10, 64)
		api.chat(id) <- struct{}{} // the callback's id names its chat
	}
	if method == "answerCallbackQuery" || method == "deleteWebhook" {
		_, _ = w.Write([]byte(`{"ok":true,"result":true}`))
		return
	}
	chatID, _ := strconv.ParseInt(params["chat_id"], 10, 64)
	fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d,"date":%d,"chat":{"id":%d,"type":"private"},"text":"ok"}}`,
		api.msgID.Add(1), time.Now().Unix(), chatID)
}

// push queues an update with the next id and returns when it was queued.
func (api *loadAPI) push(u models.Update) time.Time {
	u.ID = api.nextID.Add(1)
	api.updates <- u
	return time.Now()
}

// step is one thing a simulated user does, and how many Bot API calls answer it.
type step struct {
	update  func(chat int64, lastMessage int) models.Update
	replies int
}

// conversationSteps walk a whole conversation: start, age, topic, skip the place, feedback.
var conversationSteps = []step{
	{func(c int64, _ int) models.Update { return message(c, "/start en") }, 1},
	{func(c int64, _ int) models.Update { return message(c, "34") }, 1},
	{func(c int64, m int) models.Update { return callback(c, m, "topic:residence") }, 4}, // answer, edit, question, keyboard
	{func(c int64, m int) models.Update { return callback(c, m, "place:skip") }, 4},      // answer, edit, skipped, result
	{func(c int64, m int) models.Update { return callback(c, m, "res:yes") }, 1},         // answer
}

func message(chat int64, text string) models.Update {
	return models.Update{Message: &models.Message{ID: 1, Date: int(time.Now().Unix()), Text: text,
		From: &models.User{ID: chat, FirstName: "Load", LanguageCode: "en"}, Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate}}}
}

func callback(chat int64, messageID int, data string) models.Update {
	return models.Update{CallbackQuery: &models.CallbackQuery{ID: fmt.Sprintf("cb-%d-%d", chat, rand.Int64()), Data: data,
		From: models.User{ID: chat, FirstName: "Load", LanguageCode: "en"},
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage,
			Message: &models.Message{ID: messageID, Date: int(time.Now().Unix()), Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate}}}}}
}

type loadResult struct {
	updates   int
	elapsed   time.Duration
	latencies []time.Duration
}

func (r loadResult) rate() float64 { return float64(r.updates) / r.elapsed.Seconds() }

func (r loadResult) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	slices.Sort(r.latencies)
	return r.latencies[min(len(r.latencies)-1, int(p*float64(len(r.latencies))))]
}

// drive runs users simulated users through steps, each waiting for the answer before its
// next step, and measures from update to the last reply.
func drive(b *testing.B, api *loadAPI, users, firstChat int, steps []step) loadResult {
	var mu sync.Mutex
	var res loadResult
	var wg sync.WaitGroup
	start := time.Now()
	for u := 0; u < users; u++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			chatID := int64(firstChat + u)
			replies := api.chat(chatID)
			local := make([]time.Duration, 0, len(steps))
			for _, s := range steps {
				sent := api.push(s.update(chatID, int(api.msgID.Load())))
				for i := 0; i < s.replies; i++ {
					select {
					case <-replies:
					case <-time.After(30 * time.Second):
						b.Errorf("chat %d: step %d: %d of %d replies within 30 s", chatID, len(local), i, s.replies)
						return
					}
				}
				local = append(local, time.Since(sent))
			}
			mu.Lock()
			res.latencies = append(res.latencies, local...)
			res.updates += len(local)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			kb, _ := strconv.ParseFloat(strings.Fields(line)[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkLoad runs the real update handling (poller, adapter, engine, PostgreSQL) against a
// Bot API on loopback with many simulated users walking whole conversations, and, in the same
// run, an echo handler through the same client as the baseline.
//
// Each simulated user waits for the answer before the next step, so the offered rate follows
// the number of users; the sub-benchmarks show the curve (LOAD_USERS=n runs one size).
func BenchmarkLoad(b *testing.B) {
	sizes := []int{20, 50, 100}
	if v := os.Getenv("LOAD_USERS"); v != "" {
		n, _ := strconv.Atoi(v)
		sizes = []int{n}
	}
	rounds := 6 // whole conversations per user
	if v := os.Getenv("LOAD_ROUNDS"); v != "" {
		rounds, _ = strconv.Atoi(v)
	}
	st := storetest.New(b, testDirectory)
	runner, cat := testharness.New(b, st) // the engines hold no per-chat data: one runner serves every start
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("LOAD_DEBUG") != "" {
		quiet = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	start := func(b *testing.B, api *loadAPI, echo bool) func() {
		a, err := New(Options{Token: "1:load", ServerURL: api.srv.URL, SkipGetMe: true, PollTimeout: 2 * time.Second, Flood: NoFloodLimit}, runner, cat, st, quiet)
		if err != nil {
			b.Fatal(err)
		}
		if echo {
			a.handle = func(ctx context.Context, _ string, u *models.Update) error {
				chatID, _ := privateChat(u)
				_, err := a.bot.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: chatID, Text: "echo"})
				_ = st.InboxDrop(ctx, u.ID)
				return err
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { _ = a.Poll(ctx, 5*time.Second); close(done) }()
		return func() { cancel(); <-done }
	}

	for _, users := range sizes {
		b.Run(fmt.Sprintf("users=%d", users), func(b *testing.B) { benchLoad(b, users, rounds, start) })
	}
}

func benchLoad(b *testing.B, users, rounds int, start func(*testing.B, *loadAPI, bool) func()) {
	for b.Loop() {
		baseAPI := newLoadAPI(b)
		stop := start(b, baseAPI, true)
		echoStep := []step{{func(c int64, _ int) models.Update { return message(c, "hello") }, 1}}
		base := drive(b, baseAPI, users, 1, slices.Repeat(echoStep, rounds*len(conversationSteps)))
		stop()

		api := newLoadAPI(b)
		stop = start(b, api, false)
		real := drive(b, api, users, 100000+rand.IntN(1000000), slices.Repeat(conversationSteps, rounds))
		stop()

		b.ReportMetric(real.rate(), "updates/s")
		b.ReportMetric(float64(real.percentile(0.50).Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(real.percentile(0.95).Microseconds())/1000, "p95-ms")
		b.ReportMetric(float64(real.percentile(0.99).Microseconds())/1000, "p99-ms")
		b.ReportMetric(base.rate(), "echo-updates/s")
		b.ReportMetric(float64(base.percentile(0.99).Microseconds())/1000, "echo-p99-ms")
		b.ReportMetric(real.rate()/base.rate(), "ratio-to-echo")
		b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
	}
}

// BenchmarkMatch measures the matching query over a directory of 2,000 offices, the size of
// all MBE and JMD sites in Germany: synthetic offices at real postcode centres (package
// synth), each query from the centre of a random postcode, as a typed postcode asks it.
func BenchmarkMatch(b *testing.B) {
	ctx := context.Background()
	st := storetest.New(b, "")
	langs := []string{"de", "en", "ar", "uk", "ru", "tr", "fa", "ku", "ro", "bg", "so", "pl", "ps", "ti", "fr"}
	offices, err := synth.Offices(2000, 1)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.ImportOffices(ctx, offices, false); err != nil {
		b.Fatal(err)
	}
	postcodes, err := postcode.Load()
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var latencies []time.Duration
	for b.Loop() {
		p := postcodes.Entries()[r.IntN(postcodes.Len())]
		lat, lon := p.Lat, p.Lon
		q := directory.Query{Age: 12 + r.IntN(60), Topic: directory.Topics[r.IntN(len(directory.Topics))], Language: langs[r.IntN(len(langs))], Lat: &lat, Lon: &lon}
		t0 := time.Now()
		if _, err := st.Match(ctx, q); err != nil {
			b.Fatal(err)
		}
		latencies = append(latencies, time.Since(t0))
	}
	res := loadResult{latencies: latencies}
	b.ReportMetric(float64(res.percentile(0.50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(res.percentile(0.99).Microseconds())/1000, "p99-ms")
}
