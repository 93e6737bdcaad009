package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/tgfake"
)

const webhookSecret = "secret-secret-secret"

// webhookReplica starts an adapter on e's store (a replica) and serves its webhook.
func webhookReplica(t *testing.T, e *env) *httptest.Server {
	t.Helper()
	e.start(t)
	e.stop() // webhook only: no polling
	a := e.lastAdapter
	a.opts.WebhookSecret = webhookSecret
	srv := httptest.NewServer(a.WebhookHandler())
	t.Cleanup(srv.Close)
	return srv
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
	replicas := []*httptest.Server{webhookReplica(t, e), webhookReplica(t, e)}
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
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "my rent is too high", "en")) }, 1)
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

// The step was stored but its answer never went out, and the process died: when Telegram
// delivers the update again to the next process, the current question is said again, once.
func TestRedeliveryAfterALostAnswerAsksAgain(t *testing.T) {
	url := pgtest.NewDatabase(t)
	e := newEnvWithStore(t, storetest.Open(t, url, testDirectory))
	e.stop()
	hook := webhookReplica(t, e)
	deliver := func(u models.Update) int { return deliverTo(t, hook, u) }
	const chat = 7300
	start := tgfake.MessageFrom(chat, "/start en", "en")
	start.ID = 900001
	deliver(start)
	age := tgfake.MessageFrom(chat, "30", "en")
	age.ID = 900002
	e.fake.FailNext("sendMessage", 3, 502, 0) // the first try and both retries: the answer is lost
	deliver(age)
	before := len(e.fake.Texts(chat))
	if deliver(age); len(e.fake.Texts(chat)) != before {
		t.Fatal("the same process, which may still be sending, answered a repeated delivery")
	}
	// The next process: a store of its own (another instance), as after a restart.
	e.store = storetest.Open(t, url, "")
	nextHook := webhookReplica(t, e)
	deliver = func(u models.Update) int { return deliverTo(t, nextHook, u) }
	if code := deliver(age); code != http.StatusOK {
		t.Fatalf("redelivery: %d", code)
	}
	texts := e.fake.Texts(chat)
	if len(texts) != before+1 || !strings.Contains(texts[len(texts)-1], "What do you need help with") {
		t.Errorf("after the redelivery the user got %q, want the topic question once", texts[before:])
	}
	deliver(age)
	if n := len(e.fake.Texts(chat)); n != before+1 {
		t.Errorf("a third delivery said something again (%d messages)", n-before)
	}
}
