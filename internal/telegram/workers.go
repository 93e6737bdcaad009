package telegram

import (
	"slices"
	"sync"
	"time"
)

// workers runs the adapter's short tasks (a chat's turns, a chat's answers, the answer to a
// tap) on goroutines that outlive them. A goroutine starts with a small stack, and a turn
// needs a deep one (the engine, rendering, JSON): a goroutine started per turn grew its stack
// by copying it several times on every update, about a twelfth of the bot's CPU in the load
// benchmark (runtime.copystack). A worker keeps the stack it grew for the next task. The
// worker that finished last takes the next task, so the few in use stay warm; one idle for
// workerIdle ends. Tasks are never queued here: with no idle worker, a new one starts, as
// `go` would (bounds stay with the callers: the dispatcher's turn slots, the deliverer's
// calls in flight).
type workers struct {
	mu   sync.Mutex
	idle []chan func() // the idle workers' inboxes, the last to finish at the end
	// idleFor is how long a worker waits for a task before it ends: workerIdle (tests
	// change it).
	idleFor time.Duration
}

// workerIdle is how long an idle worker waits for another task before it ends.
const workerIdle = 5 * time.Second

// Go runs f on an idle worker, or on a new one.
func (p *workers) Go(f func()) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		in := p.idle[n-1]
		p.idle[n-1] = nil
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		in <- f // never blocks: the inbox holds one task, and an idle worker has none
		return
	}
	p.mu.Unlock()
	go p.work(f)
}

// work runs f and then the tasks handed to it, until it has been idle for idleFor.
func (p *workers) work(f func()) {
	in := make(chan func(), 1)
	wait := p.idleFor
	if wait == 0 {
		wait = workerIdle
	}
	timer := time.NewTimer(wait)
	for {
		f()
		f = nil // the task's closure is not kept while idle
		p.mu.Lock()
		p.idle = append(p.idle, in)
		p.mu.Unlock()
		timer.Reset(wait)
		select {
		case f = <-in:
			timer.Stop()
			continue
		case <-timer.C:
		}
		p.mu.Lock()
		i := slices.Index(p.idle, in)
		if i >= 0 {
			p.idle = slices.Delete(p.idle, i, i+1)
		}
		p.mu.Unlock()
		if i >= 0 {
			return
		}
		f = <-in // handed a task as the timer fired
	}
}

// idleCount says how many workers are idle (for tests).
func (p *workers) idleCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.idle)
}
