package telegram

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/synth"
	"github.com/kassel/wegweiser/internal/testharness"
)

// BenchmarkLoad measures what a user feels under load: simulated users in a closed loop (each
// sends an update and waits for the whole answer, see loaddrive_test.go) against the real
// update handling (poller, inbox, turn, outbox, delivery, PostgreSQL) over a Bot API on
// loopback, and in the same run an echo bot on the same client and dispatch path as the
// baseline. Three phases of LOAD_SECONDS (10) each, on a fresh database, the users of each
// starting when its bot first asks for updates (the time to that is printed as its start):
//
//   - echo: every text is echoed with an inline keyboard;
//   - wegweiser: whole conversations in the 15 languages;
//   - wegweiser with one more chat that Telegram answers only with 429 (retry_after 1) for the
//     whole phase while it sends /start every 100 ms; the figures are the other chats';
//   - with LOAD_BOUND set, a fourth phase, to measure only: the same bot with its turns not
//     written (no statement before an answer, nothing durable: see boundStore), which shows
//     what the conversation's answers cost users when the database costs them nothing.
//
// It prints what users feel (updates/s, p50/p99/max to the last call and to the first,
// unanswered, split answers; p50/p99 for each step of the conversation), what it costs (TCP connections the Bot API accepted, SQL round
// trips per update counted on the wire, CPU per update) and the targets of issue 15.
// LOAD_USERS=20,50,100 runs several sizes (default 100). The directory is matched as in
// production, from the in-memory snapshot checked against the stored version. With
// -cpuprofile, samples carry the labels bot=echo|wegweiser|flood and part=bot-api|users
// (go tool pprof -tagfocus bot=wegweiser).
func BenchmarkLoad(b *testing.B) {
	sizes := []int{100}
	if v := os.Getenv("LOAD_USERS"); v != "" {
		sizes = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				b.Fatalf("LOAD_USERS: %q is not a number of users", f)
			}
			sizes = append(sizes, n)
		}
	}
	d := 10 * time.Second
	if v := os.Getenv("LOAD_SECONDS"); v != "" {
		s, err := strconv.Atoi(v)
		if err != nil || s < 1 {
			b.Fatalf("LOAD_SECONDS: %q is not a number of seconds", v)
		}
		d = time.Duration(s) * time.Second
	}
	for _, users := range sizes {
		b.Run(fmt.Sprintf("users=%d", users), func(b *testing.B) {
			for b.Loop() {
				lb := newLoadBench(b)
				echo := lb.phase(b, "echo", users, false, d)
				bot := lb.phase(b, "wegweiser", users, false, d)
				flood := lb.phase(b, "flood", users, true, d)
				var bound []phaseResult
				if os.Getenv("LOAD_BOUND") != "" {
					bound = append(bound, lb.phase(b, "bound", users, false, d))
				}
				lb.report(b, users, d, echo, bot, flood, bound...)
			}
		})
	}
}

// loadBench is one run's bot side: a fresh database reached through the round-trip counter,
// and the runner every phase's adapter uses.
type loadBench struct {
	st         *store.Store
	pg         *pgCounter
	runner     *chat.Runner
	cat        *i18n.Catalog
	server     string // the PostgreSQL server, described
	postmaster int
	log        *slog.Logger
}

func newLoadBench(b testing.TB) *loadBench {
	url := pgtest.NewDatabase(b)
	pg := &pgCounter{}
	lb := &loadBench{pg: pg, st: storetest.Open(b, url, testDirectory, store.WithDialer(pg), store.WithMaxConns(store.MaxConns))}
	lb.runner, lb.cat = testharness.New(b, lb.st) // the engines hold no per-chat data: one runner serves every phase
	lb.server, lb.postmaster = pgServer(context.Background(), url)
	lb.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("LOAD_DEBUG") != "" {
		lb.log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return lb
}

// phaseResult is one phase's figures.
type phaseResult struct {
	name string
	loadResult
	apiConns    int64 // TCP connections the Bot API accepted
	refused     int64 // calls answered with 429
	flooded     int   // updates the flooded chat sent
	pending     int   // answers left in the outbox at the end
	trips       int64 // SQL round trips
	pgConns     int64 // connections opened to PostgreSQL
	self, pgCPU time.Duration
	startup     time.Duration    // from starting the bot to its first getUpdates
	stages      map[string]stage // where the bot's time went (see stagesOf)
}

// handled is the number of updates the bot handled: the answered ones and the flooded
// chat's.
func (p phaseResult) handled() int { return p.updates + p.flooded }

func (p phaseResult) perUpdate(n float64) float64 { return n / float64(max(p.handled(), 1)) }

// phase runs one bot (echo, or the real one) for d with users on a Bot API of its own, one
// more chat flooded with 429s when flooded is set, and measures it.
func (lb *loadBench) phase(b *testing.B, name string, users int, flooded bool, d time.Duration) phaseResult {
	first := 1 + rand.Int64N(1<<40) // chats no earlier phase has seen
	var floodChat int64
	if flooded {
		floodChat = first - 1
	}
	api := newLoadAPI(b, floodChat)
	us := loadUsers(api, lb.cat, users, first)
	steps := conversationSteps
	if name == "echo" {
		steps = echoSteps
	}
	trips, pgConns, self, pgCPU := lb.pg.trips.Load(), lb.pg.conns.Load(), selfCPU(), serverCPU(lb.postmaster)
	if name == "bound" {
		lb.runner.Store = boundStore{lb.st}
		defer func() { lb.runner.Store = lb.st }()
	}
	a, stop, startup := lb.start(b, api, name)
	floods := make(chan int, 1)
	if flooded {
		go func() { floods <- api.flood(floodChat, 100*time.Millisecond, time.Now().Add(d)) }()
	} else {
		floods <- 0
	}
	res := api.drive(us, steps, d)
	p := phaseResult{name: name, loadResult: res, flooded: <-floods, startup: startup}
	stop()
	p.trips, p.pgConns = lb.pg.trips.Load()-trips, lb.pg.conns.Load()-pgConns
	p.self, p.pgCPU = selfCPU()-self, serverCPU(lb.postmaster)-pgCPU
	p.apiConns, p.refused = api.conns.Load(), api.refused.Load()
	p.stages = stagesOf(a.metrics)
	if n, _, err := lb.st.OutboxPending(context.Background()); err == nil {
		p.pending = n
	}
	api.close()
	return p
}

// start runs an adapter against api (with the echo handler for "echo") until the returned
// stop, which waits for it to finish. Its goroutines carry the profiler label bot=name. It
// returns once the bot asks for updates, and how long its start took: the users start then,
// so that their answers measure a running bot and not its start (which the cost figures
// still include).
func (lb *loadBench) start(b testing.TB, api *loadAPI, name string) (a *Adapter, stop func(), startup time.Duration) {
	t0 := time.Now()
	a, err := New(Options{Token: "1:load", Secret: []byte("wegweiser-test-secret"), ServerURL: api.srv.URL, SkipGetMe: true, PollTimeout: 2 * time.Second, Flood: NoFloodLimit},
		lb.runner, lb.cat, lb.st, lb.log)
	if err != nil {
		b.Fatal(err)
	}
	switch name {
	case "echo":
		a.handle = echo(a, lb.st)
	case "bound":
		a.turns = false // no turn joins the record of its update: it is written at once, as echo's
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go pprof.Do(ctx, pprof.Labels("bot", name), func(ctx context.Context) {
		defer close(done)
		_ = a.Poll(ctx, 2*time.Second)
	})
	stop = func() { cancel(); <-done }
	select {
	case <-api.polled:
	case <-done:
		b.Fatalf("%s: the bot stopped before it asked for updates", name)
	case <-time.After(time.Minute):
		stop()
		b.Fatalf("%s: the bot did not ask for updates within a minute", name)
	}
	return a, stop, time.Since(t0)
}

// echo is the baseline's handler on the same dispatch path: it sends the text back with an
// inline keyboard and drops the update from the inbox.
func echo(a *Adapter, st *store.Store) func(context.Context, string, *models.Update) error {
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{
		{Text: "👍", CallbackData: "echo:yes"}, {Text: "👎", CallbackData: "echo:no"}}}}
	return func(ctx context.Context, _ string, u *models.Update) error {
		chatID, _ := privateChat(u)
		text := "echo"
		if u.Message != nil && u.Message.Text != "" {
			text = u.Message.Text
		}
		_, err := a.bot.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: chatID, Text: text, ReplyMarkup: kb})
		_ = st.InboxDrop(ctx, u.ID)
		return err
	}
}

// boundStore is the bound phase's store: a turn is worked out, rendered and sealed as ever,
// but not written; its answers are delivered from memory (their outbox ids are 0: nothing to
// remove after sending) and its update is dropped from the inbox afterwards, as echo does.
// Nothing of it is durable: a measure of what the database costs, never a way to run.
type boundStore struct{ st *store.Store }

func (b boundStore) ReadTurn(ctx context.Context, chatKey string, updateID, telegramID int64, withStaff bool) (store.TurnState, error) {
	return b.st.ReadTurn(ctx, chatKey, updateID, telegramID, withStaff)
}

func (b boundStore) WriteTurn(ctx context.Context, w store.TurnWrite) ([]int64, error) {
	go func() { _ = b.st.InboxDrop(context.WithoutCancel(ctx), w.UpdateID) }()
	return make([]int64, len(w.Outbox)+len(w.Others)), nil
}

// BenchmarkMatch measures the matching query over a directory of 2,000 offices, the size of
// all MBE and JMD sites in Germany: synthetic offices at real postcode centres (package
// synth), each query from the centre of a random postcode, as a typed postcode asks it. It is
// the SQL reference of the ranking; the bot matches in memory (BenchmarkMatchInMemory).
func BenchmarkMatch(b *testing.B) {
	st := storetest.New(b, "")
	benchMatch(b, func(offices []directory.Office) matcher {
		if _, err := st.ImportOffices(context.Background(), offices, false); err != nil {
			b.Fatal(err)
		}
		return st
	})
}

// BenchmarkMatchInMemory measures matching as the bot does it: over the in-memory snapshot
// of the directory (directory.Live, checked against the stored version at every turn), with
// the same offices and queries as BenchmarkMatch.
func BenchmarkMatchInMemory(b *testing.B) {
	benchMatch(b, func(offices []directory.Office) matcher { return directory.NewSnapshot(offices, 1) })
}

// benchMatch times the matcher that load returns for 2,000 synthetic offices, each query from
// the centre of a random postcode, and reports p50 and p99.
func benchMatch(b *testing.B, load func([]directory.Office) matcher) {
	ctx := context.Background()
	langs := []string{"de", "en", "ar", "uk", "ru", "tr", "fa", "ku", "ro", "bg", "so", "pl", "ps", "ti", "fr"}
	offices, err := synth.Offices(2000, 1)
	if err != nil {
		b.Fatal(err)
	}
	m := load(offices)
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
		if _, err := m.Match(ctx, q); err != nil {
			b.Fatal(err)
		}
		latencies = append(latencies, time.Since(t0))
	}
	res := loadResult{latencies: latencies}
	b.ReportMetric(float64(res.percentile(0.50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(res.percentile(0.99).Microseconds())/1000, "p99-ms")
}

// matcher is what BenchmarkMatch and BenchmarkMatchInMemory time.
type matcher interface {
	Match(ctx context.Context, q directory.Query) (directory.Matches, error)
}
