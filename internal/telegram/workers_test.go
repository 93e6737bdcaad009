package telegram

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestWorkersReuseAndEnd: a worker that finished takes the next task instead of a new
// goroutine starting, tasks given while all are busy run at once on new workers, and a worker
// left idle ends.
func TestWorkersReuseAndEnd(t *testing.T) {
	p := &workers{idleFor: time.Hour}
	done := make(chan struct{})
	p.Go(func() { close(done) })
	<-done
	waitFor(t, func() bool { return p.idleCount() == 1 })

	// The idle worker takes the next task: while it runs, none is idle and none started.
	release := make(chan struct{})
	running := make(chan struct{})
	p.Go(func() { close(running); <-release })
	<-running
	if n := p.idleCount(); n != 0 {
		t.Fatalf("idle workers while the only one runs a task: %d, want 0", n)
	}

	// Tasks given while every worker is busy do not wait for it: all five run at once.
	var wg sync.WaitGroup
	var ran atomic.Int32
	all := make(chan struct{})
	for range 5 {
		wg.Add(1)
		p.Go(func() {
			if ran.Add(1) == 5 {
				close(all)
			}
			<-all
			wg.Done()
		})
	}
	wg.Wait()
	close(release)
	waitFor(t, func() bool { return p.idleCount() == 6 })

	// Idle workers end after idleFor.
	q := &workers{idleFor: 20 * time.Millisecond}
	for range 3 {
		wg.Add(1)
		q.Go(wg.Done)
	}
	wg.Wait()
	waitFor(t, func() bool { return q.idleCount() == 0 })
	// And a worker ended does not swallow the next task.
	ok := make(chan struct{})
	q.Go(func() { close(ok) })
	select {
	case <-ok:
	case <-time.After(5 * time.Second):
		t.Fatal("a task given after the workers ended did not run")
	}
}

// waitFor polls cond for up to five seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 5 s")
		}
		time.Sleep(time.Millisecond)
	}
}

// The lease renewal names only the rows held for a while: the inbox updates queued or being
// handled, and the answers waiting or being sent (edits too), since before the time given.
func TestHeldSinceNamesOnlyRowsHeldLong(t *testing.T) {
	now := time.Now()
	d := &deliverer{chats: map[string]*outQueue{
		"a": {items: []outItem{{id: 1, at: now.Add(-10 * time.Second)}, {id: 2, at: now}}, edits: []outItem{{id: 3, at: now.Add(-time.Minute)}}},
		"b": {items: []outItem{{id: 4, at: now}}},
	}}
	got := d.heldSince(now.Add(-time.Second))
	slices.Sort(got)
	if !slices.Equal(got, []int64{1, 3}) {
		t.Errorf("answers held long: %v, want [1 3]", got)
	}
	disp := &dispatcher{inflight: map[int64]time.Time{5: now.Add(-time.Hour), 6: now}}
	if got := disp.heldSince(now.Add(-time.Second)); !slices.Equal(got, []int64{5}) {
		t.Errorf("updates held long: %v, want [5]", got)
	}
}
