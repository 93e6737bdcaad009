package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/testharness"
	"github.com/kassel/wegweiser/internal/tgfake"
)

const webhookSecret = "secret-secret-secret"

// webhookReplica starts an adapter on e's store (a replica) in webhook mode, serves its
// webhook, and returns it with a function that stops it as a crash would: nothing in hand
// gets time to finish.
func webhookReplica(t *testing.T, e *env) (*httptest.Server, func()) {
	t.Helper()
	e.start(t)
	e.stop() // webhook only: no polling
	runner, cat := testharness.New(t, e.store)
	if e.dir != nil {
		runner.Engine.Dir = e.dir
	}
	a, err := New(Options{Token: "123:test", Secret: []byte("wegweiser-test-secret"), ServerURL: e.fake.URL(), SkipGetMe: true, WebhookSecret: webhookSecret},
		runner, cat, e.store, slog.New(slog.NewJSONHandler(&e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	e.lastAdapter = a
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { a.Run(ctx, 0, false, nil); close(done) }()
	var once sync.Once
	kill := func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(kill)
	srv := httptest.NewServer(a.WebhookHandler())
	t.Cleanup(srv.Close)
	return srv, kill
}

// deliverTo posts an update to a webhook as Telegram would and returns the status code.
func deliverTo(t *testing.T, hook *httptest.Server, u models.Update) int {
	body, _ := json.Marshal(&u)
	req, _ := http.NewRequest(http.MethodPost, hook.URL, bytes.NewReader(body))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", webhookSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Two replicas behind one webhook get the same update (a retry reaching the other one): it
// is handled once.
func TestSameUpdateOnTwoReplicasIsHandledOnce(t *testing.T) {
	e := newEnv(t)
	e.stop() // webhook replicas only
	r1, _ := webhookReplica(t, e)
	r2, _ := webhookReplica(t, e)
	replicas := []*httptest.Server{r1, r2}
	for n := 1; n <= 20; n++ {
		u := tgfake.MessageFrom(int64(5000+n), "/start en", "en")
		u.ID = int64(100000 + n)
		var wg sync.WaitGroup
		codes := make([]int, 2)
		for i, r := range replicas {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = deliverTo(t, r, u)
			}()
		}
		wg.Wait()
		if codes[0] != http.StatusOK || codes[1] != http.StatusOK {
			t.Fatalf("replicas answered %v", codes)
		}
		e.fake.WaitFor(t, "sendMessage", n, wait)
		if texts := e.fake.Texts(int64(5000 + n)); len(texts) != 1 {
			t.Errorf("update %d: %d messages sent, want 1 (handled once)", u.ID, len(texts))
		}
	}
}

// Shutting down with updates in flight loses none: what was fetched is finished, what was
// not is not confirmed and reaches the next process.
func TestShutdownWithUpdatesInFlightLosesNone(t *testing.T) {
	e := newEnv(t)
	e.fake.SetDelay("sendMessage", 30*time.Millisecond)
	const chats = 12
	for c := int64(1); c <= chats; c++ {
		e.fake.PushUpdate(tgfake.MessageFrom(6000+c, "/start en", "en"))
	}
	e.fake.WaitFor(t, "sendMessage", 1, wait)
	for c := int64(1); c <= chats; c++ {
		e.fake.PushUpdate(tgfake.MessageFrom(6000+c, "33", "en"))
	}
	e.stop() // as on SIGTERM, with updates in flight
	e.start(t)
	for c := int64(1); c <= chats; c++ {
		deadline := time.Now().Add(wait)
		for len(e.fake.Texts(6000+c)) < 2 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		texts := e.fake.Texts(6000 + c)
		if len(texts) != 2 || !strings.Contains(texts[1], "What do you need help with") {
			t.Errorf("chat %d got %d messages, want the greeting with the first question and the topic question once each: %q", c, len(texts), texts)
		}
	}
}

// The database stops in the middle of a conversation: the user is told once that the
// service is unavailable, and when the database is back the conversation goes on by itself,
// with nothing lost.
func TestDatabaseOutageInTheMiddleOfAConversation(t *testing.T) {
	server := pgtest.NewServer(t)
	ctx := context.Background()
	st := storetest.Open(t, server.URL(), testDirectory)
	e := newEnvWithStore(t, st)
	const chat = 7100
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "/start en", "en")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "45", "en")) }, 1)

	server.Stop(t)
	if err := st.CheckSchema(ctx); err == nil {
		t.Error("the store reports ready while the database is down")
	}
	// The update stays in hand (it is retried), so this waits for the message only.
	before := len(e.fake.CallsTo("sendMessage"))
	e.fake.PushUpdate(tgfake.MessageFrom(chat, "my rent is too high", "en"))
	e.fake.WaitFor(t, "sendMessage", before+1, wait)
	texts := e.fake.Texts(chat)
	if !strings.Contains(texts[len(texts)-1], "technical problem") {
		t.Fatalf("during the outage the user was told %q", texts[len(texts)-1])
	}
	time.Sleep(1500 * time.Millisecond) // retries happen meanwhile; the user is not told again
	if n := len(e.fake.Texts(chat)); n != len(texts) {
		t.Errorf("the user was told %d more times", n-len(texts))
	}

	server.Start(t)
	deadline := time.Now().Add(30 * time.Second)
	for {
		texts = e.fake.Texts(chat)
		if strings.Contains(strings.Join(texts, "\n"), "share your location") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the conversation did not go on after the database came back: %q", texts)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(strings.Join(texts, "\n"), "I understood: Housing") {
		t.Errorf("the message written during the outage was lost: %q", texts)
	}
	if err := st.CheckSchema(ctx); err != nil {
		t.Errorf("not ready after the database came back: %v", err)
	}
}

// While the database is away, the person is told so in the language they chose (kept in
// memory with the chat's last state), not in their app's.
func TestDatabaseOutageIsToldInTheChosenLanguage(t *testing.T) {
	server := pgtest.NewServer(t)
	st := storetest.Open(t, server.URL(), testDirectory)
	e := newEnvWithStore(t, st)
	const chat, tap = 7101, 7102
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "/start ar", "en")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(tap, "/start tr", "en")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(tap, "45", "en")) }, 1)

	server.Stop(t)
	cat := e.lastAdapter.catalog
	before := len(e.fake.CallsTo("sendMessage"))
	e.fake.PushUpdate(tgfake.MessageFrom(chat, "45", "en"))
	e.fake.PushUpdate(tgfake.CallbackFrom(tap, e.lastMessageID(t), "topic:work", "en"))
	e.fake.WaitFor(t, "sendMessage", before+2, wait)
	for chat, lang := range map[int64]string{chat: "ar", tap: "tr"} {
		if texts := e.fake.Texts(chat); texts[len(texts)-1] != cat.Render(lang, dialog.T("unavailable")) {
			t.Errorf("during the outage chat %d was told %q, want the %s notice", chat, texts[len(texts)-1], lang)
		}
	}
	server.Start(t)
	e.waitTexts(t, chat, 3)
}

// While the database is away, the batch that could not be recorded is fetched again and
// again: its updates count against the flood limit once, not at every fetch, so a person
// who wrote a few messages during the outage is not told to slow down, and each of them is
// recorded in the inbox with the batch when the database is back.
func TestRefetchedUpdatesCountOnceAgainstTheFloodLimit(t *testing.T) {
	server := pgtest.NewServer(t)
	clk := newClock(time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)) // no token comes back
	e := &env{fake: tgfake.New(t), store: storetest.Open(t, server.URL(), testDirectory)}
	e.options = func(o *Options) { clk.set(o); floodPolicy(o, 5) }
	e.start(t)
	const chat = 7103
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "/start en", "en")) }, 1)

	server.Stop(t)
	before := len(e.fake.CallsTo("getUpdates"))
	for _, text := range []string{"/help", "/privacy", "/about"} {
		e.fake.PushUpdate(tgfake.MessageFrom(chat, text, "en"))
	}
	e.fake.WaitFor(t, "getUpdates", before+4, wait) // the batch fetched again, three times at least
	server.Start(t)
	e.settled(t)
	e.settle(t)
	flood := e.lastAdapter.metrics.Flood
	if w, d := count(t, flood.WithLabelValues("warned")), count(t, flood.WithLabelValues("dropped")); w != 0 || d != 0 {
		t.Errorf("flood metric: warned %v, dropped %v; want none: three messages are not a flood", w, d)
	}
	slow := e.lastAdapter.catalog.Render("en", dialog.T("flood"))
	for _, text := range e.fake.Texts(chat) {
		if text == slow {
			t.Errorf("the chat was told to slow down after three messages during an outage")
		}
	}
}

// An update in hand (let in when its batch was first fetched, and queued) is recorded in the
// inbox with its batch when the batch is fetched again, whatever the flood limit says by
// then: the batch is confirmed to Telegram once it is recorded, and an update left out of
// it would be lost by a crash before its turn.
func TestUpdateInHandIsRecordedWhateverTheFloodLimit(t *testing.T) {
	e := newEnv(t)
	e.stop()
	a := e.lastAdapter
	const chat = 7104
	updates := []models.Update{tgfake.MessageFrom(chat, "/help", "en"), tgfake.MessageFrom(chat, "/about", "en")}
	updates[0].ID, updates[1].ID = 901, 902
	rows, _, _ := a.inboxRows(updates)
	if len(rows) != 2 {
		t.Fatalf("%d of 2 updates let in at first", len(rows))
	}
	a.dispatch.mu.Lock()
	for _, r := range rows {
		a.dispatch.inflight[r.ID] = time.Now()
	}
	a.dispatch.mu.Unlock()
	// The limiter has forgotten them and the chat is over the limit (warned already, so
	// that nothing is said).
	clk := newClock(time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC))
	a.flood = newFloodLimiter(FloodPolicy{PerMinute: 30, Burst: 1}, clk.now)
	key := e.runner.Key(chat)
	a.flood.check(key, 1, false)
	a.flood.check(key, 2, false)
	if rows, _, _ := a.inboxRows(updates); len(rows) != 2 {
		t.Errorf("fetched again, %d of the 2 updates in hand are recorded", len(rows))
	}
}

// The step was stored, its answer kept in the outbox, and the process died before Telegram
// took the answer: the next process sends it, once. With long polling the next process takes
// over at once; with replicas (webhook) when the dead one's lease has run out.
func TestAnswerStoredButNotSentArrivesAfterRestartOnce(t *testing.T) {
	t.Run("polling", func(t *testing.T) {
		e := newEnv(t)
		const chat = 7300
		e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "/start en", "en")) }, 1)
		e.fake.FailNext("sendMessage", 1000, 502, 0) // Telegram's side is down: the answer waits
		failed := len(e.fake.CallsTo("sendMessage"))
		e.fake.PushUpdate(tgfake.MessageFrom(chat, "30", "en"))
		e.fake.WaitFor(t, "sendMessage", failed+1, wait) // stored, and tried once
		e.crash()
		e.fake.Heal()
		before := len(e.fake.Texts(chat))
		e.start(t)
		e.fake.WaitFor(t, "sendMessage", len(e.fake.CallsTo("sendMessage"))+1, wait)
		time.Sleep(300 * time.Millisecond) // anything sent twice would arrive meanwhile
		texts := e.fake.Texts(chat)
		if len(texts) != before+1 || !strings.Contains(texts[len(texts)-1], "What do you need help with") {
			t.Errorf("after the restart the user got %q, want the topic question once", texts[before:])
		}
	})
	t.Run("webhook", func(t *testing.T) {
		url := pgtest.NewDatabase(t)
		const lease = 2 * time.Second // the next process waits for the dead one's
		e := newEnvWithStore(t, storetest.Open(t, url, testDirectory, store.WithLease(lease)))
		e.stop()
		hook, kill := webhookReplica(t, e)
		const chat = 7301
		start := tgfake.MessageFrom(chat, "/start en", "en")
		start.ID = 900001
		deliverTo(t, hook, start)
		e.fake.WaitFor(t, "sendMessage", 1, wait)
		e.fake.FailNext("sendMessage", 1000, 502, 0)
		age := tgfake.MessageFrom(chat, "30", "en")
		age.ID = 900002
		if code := deliverTo(t, hook, age); code != http.StatusOK {
			t.Fatalf("delivery: %d", code)
		}
		e.fake.WaitFor(t, "sendMessage", 2, wait)
		kill()
		e.fake.Heal()
		before := len(e.fake.Texts(chat))
		// The next process: a store of its own (another instance), as after a restart.
		e.store = storetest.Open(t, url, "", store.WithLease(lease))
		next, _ := webhookReplica(t, e)
		if code := deliverTo(t, next, age); code != http.StatusOK { // Telegram delivers it again
			t.Fatalf("redelivery: %d", code)
		}
		deadline := time.Now().Add(3 * lease)
		for len(e.fake.Texts(chat)) == before && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond)
		texts := e.fake.Texts(chat)
		if len(texts) != before+1 || !strings.Contains(texts[len(texts)-1], "What do you need help with") {
			t.Errorf("after the restart the user got %q, want the topic question once", texts[before:])
		}
	})
}

// One conversation whose updates alternate between two replicas (each keeping the chat's
// state it last wrote): every answer follows from the one before, wherever it was written.
func TestConversationAlternatingReplicasGoesOn(t *testing.T) {
	e := newEnv(t)
	e.stop() // webhook replicas only
	r1, _ := webhookReplica(t, e)
	r2, _ := webhookReplica(t, e)
	const chat = 7100
	steps := []struct {
		hook *httptest.Server
		text string
		want string
	}{
		{r1, "/start en", "How old"},
		{r2, "34", "What do you need help with"},
		// r1 last wrote the age question; "34" now answers the topic question r2 wrote.
		{r1, "34", "could not find a topic"},
		{r2, "housing", "postcode"},
		{r1, "34117", "Your answers: age 34 · Housing"},
	}
	for i, s := range steps {
		before := len(e.fake.Texts(chat))
		u := tgfake.MessageFrom(chat, s.text, "en")
		u.ID = int64(710000 + i)
		if code := deliverTo(t, s.hook, u); code != http.StatusOK {
			t.Fatalf("step %d: the replica answered %d", i, code)
		}
		said := func() bool {
			for _, text := range e.fake.Texts(chat)[before:] {
				if strings.Contains(text, s.want) {
					return true
				}
			}
			return false
		}
		deadline := time.Now().Add(wait)
		for !said() && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if !said() {
			t.Fatalf("step %d (%q) did not say %q: %q", i, s.text, s.want, e.fake.Texts(chat)[before:])
		}
	}
}

// A webhook replica records an update before it queues it, and queues it only if no other
// replica holds it already: Telegram may post it again to another replica while the first
// still handles it, and what a turn does beyond its own statement (a hand-over's thread) must
// not happen twice.
func TestWebhookReplicaLeavesAnUpdateAnotherHolds(t *testing.T) {
	e := newEnv(t)
	e.stop() // webhook replicas only
	hook, _ := webhookReplica(t, e)
	const chat = 5200
	held := tgfake.MessageFrom(chat, "/start en", "en")
	held.ID = 200001
	// Another replica got it first: it is in the inbox, in that replica's hands.
	if _, err := e.store.InboxAdd(context.Background(), []store.Pending{{ID: held.ID, ChatKey: e.lastAdapter.runner.Key(chat), Payload: []byte("elsewhere")}}); err != nil {
		t.Fatal(err)
	}
	if code := deliverTo(t, hook, held); code != http.StatusOK {
		t.Fatalf("the replica answered %d, want 200: the update is recorded", code)
	}
	fresh := tgfake.MessageFrom(chat+1, "/start en", "en")
	fresh.ID = 200002
	if code := deliverTo(t, hook, fresh); code != http.StatusOK {
		t.Fatalf("the replica answered %d to a new update", code)
	}
	e.fake.WaitFor(t, "sendMessage", 1, wait)
	e.settle(t)
	if texts := e.fake.Texts(chat); len(texts) != 0 {
		t.Errorf("the replica handled an update another replica holds: %q", texts)
	}
	if texts := e.fake.Texts(chat + 1); len(texts) != 1 {
		t.Errorf("the new update got %d answers, want 1", len(texts))
	}
}
