package telegram

import (
	"fmt"
	"testing"
	"time"
)

func TestFloodLimiterBucket(t *testing.T) {
	clk := newClock(time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC))
	var update int64
	next := func() int64 { update++; return update }
	l := newFloodLimiter(FloodPolicy{PerMinute: 30, Burst: 3}, clk.now)
	want := func(key string, v floodVerdict) {
		t.Helper()
		if got := l.check(key, next(), false); got != v {
			t.Fatalf("check(%s) at %v = %v, want %v", key, clk.now().Format("15:04:05.000"), got, v)
		}
	}
	for range 3 {
		want("a", floodAllow)
	}
	want("a", floodWarn)
	want("a", floodDrop)
	want("a", floodDrop)
	want("b", floodAllow) // other chats are unaffected
	clk.add(2 * time.Second)
	want("a", floodAllow) // one token back after two seconds
	want("a", floodDrop)  // still the same flood: no second warning
	clk.add(1999 * time.Millisecond)
	want("a", floodDrop)
	clk.add(time.Millisecond)
	want("a", floodAllow)
	clk.add(6 * time.Second) // full again: the flood is over
	for range 3 {
		want("a", floodAllow)
	}
	want("a", floodWarn) // a new flood is told again
}

// An erasure is let through over the limit, once for every time something else was let in
// before it; it takes a token when there is one, like any update.
func TestFloodLimiterLetsErasuresThrough(t *testing.T) {
	clk := newClock(time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC))
	var update int64
	next := func() int64 { update++; return update }
	l := newFloodLimiter(FloodPolicy{PerMinute: 30, Burst: 2}, clk.now)
	want := func(erases bool, v floodVerdict) {
		t.Helper()
		if got := l.check("a", next(), erases); got != v {
			t.Fatalf("check(erases %v) at %v = %v, want %v", erases, clk.now().Format("15:04:05.000"), got, v)
		}
	}
	want(false, floodAllow)
	want(false, floodAllow)
	want(false, floodWarn)
	want(true, floodAllow) // over the limit, and let through
	want(true, floodDrop)  // nothing was let in since the last erasure
	want(false, floodDrop)
	clk.add(2 * time.Second)
	want(false, floodAllow) // one token back: something may be stored again
	want(true, floodAllow)
	want(true, floodDrop)
	clk.add(2 * time.Second)
	want(true, floodAllow) // a token: taken, as by any update
	want(true, floodDrop)  // and it counts as the erasure since the last update let in
}

// An update fetched again (the database was away) keeps the verdict it had when it was
// first counted, and takes no second token; the memory of counted updates stays bounded.
func TestFloodLimiterCountsAnUpdateOnce(t *testing.T) {
	clk := newClock(time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC))
	l := newFloodLimiter(FloodPolicy{PerMinute: 30, Burst: 2}, clk.now)
	want := func(update int64, v floodVerdict) {
		t.Helper()
		if got := l.check("a", update, false); got != v {
			t.Fatalf("check(update %d) = %v, want %v", update, got, v)
		}
	}
	for range 5 { // the batch 1, 2, 3, 4 fetched five times
		want(1, floodAllow)
		want(2, floodAllow)
	}
	want(3, floodWarn)
	want(4, floodDrop)
	for range 5 {
		want(1, floodAllow)
		want(2, floodAllow)
		want(3, floodAgain)
		want(4, floodAgain)
	}
	for i := range int64(3 * maxCounted) {
		l.check("b", 100+i, false)
	}
	if n := len(l.counted) + len(l.older); n > 2*maxCounted {
		t.Errorf("the limiter remembers %d updates", n)
	}
}

func TestFloodLimiterForgetsIdleChatsAndStaysBounded(t *testing.T) {
	clk := newClock(time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC))
	var update int64
	next := func() int64 { update++; return update }
	l := newFloodLimiter(FloodPolicy{PerMinute: 60, Burst: 2, MaxChats: 100}, clk.now)
	for i := range 100 {
		l.check(fmt.Sprint("chat", i), next(), false)
	}
	if n := l.size(); n != 100 {
		t.Fatalf("%d chats remembered, want 100", n)
	}
	// Memory is full of busy chats: a new chat is let through, untracked.
	if v := l.check("newcomer", next(), false); v != floodAllow || l.size() > 100 {
		t.Errorf("a new chat with full memory: %v, %d remembered", v, l.size())
	}
	clk.add(2 * time.Second) // every bucket is full again
	l.check("late", next(), false)
	if n := l.size(); n != 1 {
		t.Errorf("%d chats remembered after they went idle, want 1", n)
	}
}

func TestNoFloodLimitAllowsEverything(t *testing.T) {
	var update int64
	next := func() int64 { update++; return update }
	l := newFloodLimiter(NoFloodLimit, time.Now)
	for range 1000 {
		if l.check("a", next(), false) != floodAllow {
			t.Fatal("NoFloodLimit limited")
		}
	}
	if l.size() != 0 {
		t.Error("NoFloodLimit remembers chats")
	}
}

func TestDefaultFloodPolicy(t *testing.T) {
	l := newFloodLimiter(FloodPolicy{}, time.Now)
	if l.policy != DefaultFlood || l.refill != 40*time.Second {
		t.Errorf("zero policy = %+v, refill %v", l.policy, l.refill)
	}
}

func BenchmarkFloodLimiter(b *testing.B) {
	var update int64
	next := func() int64 { update++; return update }
	l := newFloodLimiter(DefaultFlood, time.Now)
	keys := make([]string, 1000)
	for i := range keys {
		keys[i] = fmt.Sprintf("%064d", i)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		l.check(keys[i%len(keys)], next(), false)
	}
}
