package telegram

import (
	"context"
	"strconv"
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
		for len(e.fake.Texts(9900+c)) < 1 && time.Since(began) < 2*time.Second {
			time.Sleep(10 * time.Millisecond)
		}
		if n := len(e.fake.Texts(9900 + c)); n != 1 {
			t.Errorf("chat %d got %d of its 1 answer within 2 s while another chat was rate-limited", 9900+c, n)
		}
	}
	if n := len(e.fake.Texts(flooded)); n != 0 {
		t.Errorf("the flooded chat got %d answers through", n)
	}
	e.fake.Heal()
	deadline := time.Now().Add(wait)
	for len(e.fake.Texts(flooded)) < 1 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := len(e.fake.Texts(flooded)); n != 1 {
		t.Errorf("after the flood the rate-limited chat got %d answers, want its 1", n)
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
	e.fake.WaitFor(t, "sendMessage", 4, wait)
	if texts := e.fake.Texts(chat); len(texts) != 1 || !strings.Contains(texts[0], "Hello") {
		t.Errorf("after the storm the user got %q, want the answer", texts)
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
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "/start en", "en")) }, 1)
	e.fake.FailChat(chat, 429, 2) // the next answers wait
	e.fake.PushUpdate(tgfake.MessageFrom(chat, "30", "en"))
	e.fake.WaitFor(t, "sendMessage", 2, wait)
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
	for len(e.fake.Texts(chat)) < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	texts := e.fake.Texts(chat)
	if len(texts) != 2 || !strings.Contains(texts[1], "deleted") {
		t.Errorf("after /delete the user got %q, want only the goodbye after the greeting", texts)
	}
}

// toTopic starts chat in English and answers the age: the topic question with its buttons is
// the last message.
func (e *env) toTopic(t *testing.T, chat int64) {
	t.Helper()
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Command(chat, "start en")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "34", "en")) }, 1)
}

// edits returns the successful edits of chat's messages, in the order they arrived.
func (e *env) edits(chat int64) []tgfake.Call {
	id := strconv.FormatInt(chat, 10)
	var out []tgfake.Call
	for _, c := range e.fake.CallsTo("editMessageText") {
		if c.Params["chat_id"] == id && !c.Failed {
			out = append(out, c)
		}
	}
	return out
}

// outboxLeft is how many answers the outbox holds once the sent ones were removed (they are
// removed in batches, every few milliseconds), or after wait.
func (e *env) outboxLeft(t *testing.T) int {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		n, _, err := e.store.OutboxPending(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 || time.Now().After(deadline) {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// The edit of a tapped question does not hold the next question back: while Telegram takes
// its time over the edit, the next question arrives; the edit follows, and both leave the
// outbox.
func TestEditGoesBesideTheNextQuestion(t *testing.T) {
	e := newEnv(t)
	const chat = 9600
	e.toTopic(t, chat)
	e.fake.SetDelay("editMessageText", 2*time.Second)
	before := len(e.fake.CallsTo("sendMessage"))
	e.fake.PushUpdate(tgfake.CallbackFrom(chat, e.lastMessageID(t), "topic:residence", "en"))
	e.fake.WaitFor(t, "sendMessage", before+1, wait)
	if n := len(e.edits(chat)); n != 0 {
		t.Fatalf("the place question waited for the edit of the topic question (%d edits before it)", n)
	}
	e.settle(t)
	edits := e.edits(chat)
	if len(edits) != 1 || !strings.Contains(edits[0].Params["text"], "Residence permit") {
		t.Fatalf("the tapped question was edited %d times, want once with the choice: %v", len(edits), edits)
	}
	if n := e.outboxLeft(t); n != 0 {
		t.Errorf("%d answers still in the outbox, want none", n)
	}
}

// An edit that Telegram rate-limits waits alone: the next question arrives meanwhile, and the
// edit is made once the wait is over. A /delete during the wait drops the edit with the rest
// of the chat's answers.
func TestRateLimitedEditWaitsAlone(t *testing.T) {
	for _, erase := range []bool{false, true} {
		e := newEnv(t)
		chat := int64(9500)
		if erase {
			chat++
		}
		release := make(chan struct{})
		e.lastAdapter.deliver.sleep = func(ctx context.Context, d time.Duration) {
			select {
			case <-release:
			case <-ctx.Done():
			}
		}
		e.toTopic(t, chat)
		e.fake.FailNext("editMessageText", 1, 429, 30)
		before := len(e.fake.CallsTo("sendMessage"))
		e.fake.PushUpdate(tgfake.CallbackFrom(chat, e.lastMessageID(t), "topic:residence", "en"))
		e.fake.WaitFor(t, "sendMessage", before+1, wait)
		if erase {
			e.fake.PushUpdate(tgfake.MessageFrom(chat, "/delete", "en"))
			e.fake.WaitFor(t, "sendMessage", before+2, wait)
		}
		close(release)
		e.settle(t)
		edits := e.edits(chat)
		switch {
		case erase && len(edits) != 0:
			t.Errorf("after /delete the held edit was still made: %v", edits)
		case !erase && len(edits) != 1:
			t.Errorf("the rate-limited edit was made %d times, want once after its wait", len(edits))
		}
		if n := e.outboxLeft(t); n != 0 {
			t.Errorf("erase=%v: %d answers still in the outbox, want none", erase, n)
		}
	}
}

// A chat's edits are made in order, one at a time, each beside the messages after it.
func TestEditsOfOneChatKeepTheirOrder(t *testing.T) {
	e := newEnv(t)
	const chat = 9400
	e.fake.SetDelay("editMessageText", 300*time.Millisecond)
	edit := func(text string) outItem {
		return outItem{call: call{Method: methodEdit, ChatID: chat, MessageID: 7, Text: text}, at: time.Now()}
	}
	send := outItem{call: call{Method: methodSend, ChatID: chat, Text: "three"}, at: time.Now()}
	// Not the adapter's work context: Run sets that in its own goroutine.
	e.lastAdapter.deliver.enqueue(context.Background(), e.runner.Key(chat), []outItem{edit("one"), edit("two"), send})
	e.settle(t)
	var order []string
	for _, c := range e.fake.Calls() {
		if c.Params["chat_id"] == strconv.FormatInt(chat, 10) && !c.Failed {
			order = append(order, c.Params["text"])
		}
	}
	if strings.Join(order, ",") != "three,one,two" {
		t.Errorf("calls arrived as %q, want the message first (beside the edits), then the edits in order", order)
	}
}
