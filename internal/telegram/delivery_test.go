package telegram

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/tgfake"
)

// A chat that Telegram answers only with 429 waits alone: the other chats' answers arrive,
// within 2 s, while it still waits.
func TestFloodedChatDelaysOnlyItself(t *testing.T) {
	e := newEnv(t)
	const flooded = 9900
	e.fake.FailChat(flooded, 429, 5)
	e.fake.PushUpdate(tgfake.MessageFrom(flooded, "/start en", "en"))
	e.fake.WaitFor(t, "sendMessage", 1, wait) // the flooded chat's first try
	began := time.Now()
	for c := int64(1); c <= 20; c++ {
		e.fake.PushUpdate(tgfake.MessageFrom(9900+c, "/start en", "en"))
	}
	for c := int64(1); c <= 20; c++ {
		for len(e.fake.Texts(9900+c)) < 2 && time.Since(began) < 2*time.Second {
			time.Sleep(10 * time.Millisecond)
		}
		if n := len(e.fake.Texts(9900 + c)); n != 2 {
			t.Errorf("chat %d got %d of its 2 answers within 2 s while another chat was rate-limited", 9900+c, n)
		}
	}
	if n := len(e.fake.Texts(flooded)); n != 0 {
		t.Errorf("the flooded chat got %d answers through", n)
	}
	e.fake.Heal()
	deadline := time.Now().Add(wait)
	for len(e.fake.Texts(flooded)) < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := len(e.fake.Texts(flooded)); n != 2 {
		t.Errorf("after the flood the rate-limited chat got %d answers, want its 2, in order", n)
	}
}

// A storm of 429s longer than a minute delays an answer but does not drop it. The waits are
// recorded, not slept: the chat is told to wait 3 × 30 s.
func TestLongRateLimitDelaysButKeepsTheAnswer(t *testing.T) {
	e := newEnv(t)
	var mu sync.Mutex
	var waited time.Duration
	e.lastAdapter.deliver.sleep = func(ctx context.Context, d time.Duration) {
		mu.Lock()
		waited += d
		mu.Unlock()
	}
	const chat = 9800
	e.fake.FailNext("sendMessage", 3, 429, 30)
	e.fake.PushUpdate(tgfake.MessageFrom(chat, "/start en", "en"))
	e.fake.WaitFor(t, "sendMessage", 5, wait)
	if texts := e.fake.Texts(chat); len(texts) != 2 || !strings.Contains(texts[0], "Hello") {
		t.Errorf("after the storm the user got %q, want both answers", texts)
	}
	mu.Lock()
	defer mu.Unlock()
	if waited < 90*time.Second {
		t.Errorf("the chat waited %v, want the 90 s Telegram asked for", waited)
	}
}

// /delete erases what is waiting to be sent to the chat: only the goodbye goes out.
func TestDeleteErasesPendingAnswers(t *testing.T) {
	e := newEnv(t)
	const chat = 9700
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "/start en", "en")) }, 2)
	e.fake.FailChat(chat, 429, 2) // the next answers wait
	e.fake.PushUpdate(tgfake.MessageFrom(chat, "30", "en"))
	e.fake.WaitFor(t, "sendMessage", 3, wait)
	e.fake.PushUpdate(tgfake.MessageFrom(chat, "/delete", "en"))
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		n, _, err := e.store.OutboxPending(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 1 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if n, _, _ := e.store.OutboxPending(context.Background()); n != 1 {
		t.Fatalf("%d answers waiting after /delete, want only the goodbye", n)
	}
	e.fake.Heal()
	for len(e.fake.Texts(chat)) < 3 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	texts := e.fake.Texts(chat)
	if len(texts) != 3 || !strings.Contains(texts[2], "deleted") {
		t.Errorf("after /delete the user got %q, want only the goodbye after the greeting", texts)
	}
}
