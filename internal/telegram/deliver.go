package telegram

import (
	"context"
	"errors"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
)

// outItem is one answer call waiting in a chat's delivery queue, with its outbox row.
type outItem struct {
	id     int64
	call   call
	at     time.Time // when it was stored
	queued time.Time // when it was handed to delivery (enqueue)
}

// outQueue is one chat's answers in order, and whether a sender works on them.
type outQueue struct {
	items   []outItem
	running bool
	// edits are the edits taken from items, made one at a time beside them (see deliverer);
	// editing says whether a sender works on them.
	edits   []outItem
	editing bool
	// erased counts the chat's erasures (reset): a sender that was making an answer of an
	// erased chat gives up retrying it.
	erased int
}

// idle says whether nothing of the chat is waiting or being sent.
func (q *outQueue) idle() bool {
	return !q.running && !q.editing && len(q.items) == 0 && len(q.edits) == 0
}

// deliverer sends the answers the outbox holds: each chat's in order, chats in parallel. An
// edit of the question a button was tapped on is made beside the chat's queue: the messages
// after it do not wait for it (the reader sees the next question at the bottom whether the
// one above changed before or after), but the chat's next edit does. A chat that Telegram
// slows down (429 retry_after) or that fails waits alone; an answer is given up only when it
// can never arrive (the user blocked the bot, or Telegram refuses it for good). What was sent
// is removed from the outbox in batches.
type deliverer struct {
	a     *Adapter
	mu    sync.Mutex
	chats map[string]*outQueue
	sem   chan struct{} // bounds the calls in flight (not the chats: a waiting chat holds none)
	acks  chan int64
	wg    sync.WaitGroup
	// sleep waits d or until ctx ends (tests shorten it).
	sleep func(ctx context.Context, d time.Duration)
}

// maxSendingCalls bounds the answer calls in flight at once. A chat that waits (429, a
// transient error) holds none of them, so it delays nobody else; the bound keeps the
// connections to the Bot API few and reused (see newTransport).
const maxSendingCalls = 32

func newDeliverer(a *Adapter) *deliverer {
	return &deliverer{a: a, chats: map[string]*outQueue{}, sem: make(chan struct{}, maxSendingCalls),
		acks: make(chan int64, 4096), sleep: sleep}
}

// enqueue adds a chat's answers, in order, and starts its sender when it has none.
func (d *deliverer) enqueue(ctx context.Context, key string, items []outItem) {
	if len(items) == 0 {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	q := d.chats[key]
	if q == nil {
		q = &outQueue{}
		d.chats[key] = q
	}
	now := time.Now()
	for i := range items {
		items[i].queued = now
	}
	q.items = append(q.items, items...)
	d.a.metrics.OutboxDepth.Add(float64(len(items)))
	if !q.running {
		q.running = true
		d.wg.Add(1)
		d.a.workers.Go(func() { d.run(ctx, key, q) })
	}
}

// reset drops a chat's answers not sent yet: the chat was erased, and its outbox rows with it.
func (d *deliverer) reset(key string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if q := d.chats[key]; q != nil {
		d.a.metrics.OutboxDepth.Sub(float64(len(q.items) + len(q.edits)))
		q.items, q.edits = nil, nil
		q.erased++
	}
}

// run sends a chat's answers until its queue is empty. An edit is handed to the chat's edit
// sender (edit), and the messages after it go on.
func (d *deliverer) run(ctx context.Context, key string, q *outQueue) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		if len(q.items) == 0 || ctx.Err() != nil {
			q.running = false
			if q.idle() {
				delete(d.chats, key)
			}
			d.mu.Unlock()
			return
		}
		it := q.items[0]
		if it.call.Method == methodEdit {
			q.items = q.items[1:]
			q.edits = append(q.edits, it)
			if !q.editing {
				q.editing = true
				d.wg.Add(1)
				d.a.workers.Go(func() { d.edit(ctx, key, q) })
			}
			d.mu.Unlock()
			continue
		}
		d.mu.Unlock()
		done := d.deliver(ctx, key, it, func() bool { return d.queued(key, it.id) })
		d.mu.Lock()
		if done && len(q.items) > 0 && q.items[0].id == it.id {
			q.items = q.items[1:]
			d.a.metrics.OutboxDepth.Dec()
		}
		d.mu.Unlock()
		if !done {
			d.stopped(key, q)
			return
		}
	}
}

// edit makes a chat's edits in order, one at a time, until none is waiting.
func (d *deliverer) edit(ctx context.Context, key string, q *outQueue) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		if len(q.edits) == 0 || ctx.Err() != nil {
			q.editing = false
			if q.idle() {
				delete(d.chats, key)
			}
			d.mu.Unlock()
			return
		}
		it, erased := q.edits[0], q.erased
		d.mu.Unlock()
		done := d.deliver(ctx, key, it, func() bool {
			d.mu.Lock()
			defer d.mu.Unlock()
			return q.erased == erased
		})
		d.mu.Lock()
		if done && q.erased == erased {
			q.edits = q.edits[1:]
			d.a.metrics.OutboxDepth.Dec()
		}
		d.mu.Unlock()
	}
}

// stopped marks a chat's sender gone while its queue is kept (shutting down).
func (d *deliverer) stopped(key string, q *outQueue) {
	d.mu.Lock()
	q.running = false
	d.mu.Unlock()
}

// deliver sends one answer call until Telegram takes it or can never take it, and reports
// whether it is done with (false only when ctx ended: the outbox keeps it for the next run).
// Between tries it asks wanted whether the call is still to be made (false: the chat was
// erased meanwhile, its answers with it).
func (d *deliverer) deliver(ctx context.Context, key string, it outItem, wanted func() bool) bool {
	backoff := time.Second
	for tries := 0; ; tries++ {
		err := d.exec(ctx, it.call, func() {
			if tries == 0 {
				d.a.metrics.Stage.WithLabelValues("send_wait").Observe(time.Since(it.queued).Seconds())
			}
		})
		var tooMany *tgbot.TooManyRequestsError
		switch {
		case err == nil:
			d.ack(it.id)
			return true
		case ctx.Err() != nil:
			return false
		case errors.As(err, &tooMany):
			wait := time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
			d.a.metrics.APIError(429)
			d.a.metrics.Retries.Inc()
			d.a.metrics.RetryWait.Add(wait.Seconds())
			d.a.log.Warn("telegram: rate limited, this chat waits", "after_s", wait.Seconds())
			d.sleep(ctx, wait)
		case errors.Is(err, tgbot.ErrorForbidden):
			d.a.metrics.APIError(403)
			d.a.log.Info("telegram: the user blocked the bot; their waiting answers are dropped")
			d.blocked(ctx, key)
			return true
		case transient(err):
			d.a.metrics.APIError(apiCode(err))
			d.a.log.Warn("telegram: sending failed, retrying", "err", scrub(err), "in_s", backoff.Seconds())
			d.sleep(ctx, backoff)
			backoff = min(2*backoff, 30*time.Second)
		default:
			// Telegram refuses this call for good (a message to edit that is gone, ...):
			// trying again cannot help.
			d.a.metrics.APIError(apiCode(err))
			d.a.log.Warn("telegram: answer refused, dropped", "method", it.call.Method, "err", scrub(err))
			d.ack(it.id)
			return true
		}
		if ctx.Err() != nil {
			return false
		}
		if !wanted() {
			return true // the chat was erased meanwhile (/delete): its answers with it
		}
	}
}

// exec makes one call once one of the maxSendingCalls slots is free; started is called then,
// before the call.
func (d *deliverer) exec(ctx context.Context, c call, started func()) error {
	select {
	case d.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-d.sem }()
	started()
	t0 := time.Now()
	defer func() { d.a.metrics.Stage.WithLabelValues("call").Observe(time.Since(t0).Seconds()) }()
	return d.a.exec(ctx, c)
}

// queued reports whether an answer is still first in its chat's queue.
func (d *deliverer) queued(key string, id int64) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	q := d.chats[key]
	return q != nil && len(q.items) > 0 && q.items[0].id == id
}

// blocked records that the user blocked the bot and drops the chat's waiting answers.
func (d *deliverer) blocked(ctx context.Context, key string) {
	d.reset(key)
	if err := d.a.records.SetBlocked(ctx, key); err != nil {
		d.a.log.Error("telegram: recording a block failed", "err", err)
	}
	if err := d.a.records.OutboxDropChat(ctx, key); err != nil {
		d.a.log.Error("telegram: dropping a blocked chat's answers failed", "err", err)
	}
}

func (d *deliverer) ack(id int64) {
	if id != 0 {
		d.acks <- id
	}
}

// ackEvery is how often delivered answers are removed from the outbox (or sooner, once 256
// are waiting). A row removed late costs nothing but a second delivery of its answer if the
// process dies before; every statement saved is one commit fewer beside the turns'. In three
// alternating runs of the load benchmark 50 ms instead of 10 lowered the CPU per update (0.36
// to 0.39 ms for the test process against 0.38 to 0.42, PostgreSQL 0.20 to 0.21 against 0.21
// to 0.24) and the p99 a little (27 to 29 ms against 26 to 33).
const ackEvery = 50 * time.Millisecond

// ackLoop removes delivered answers from the outbox, many in one statement, until ctx ends
// and every acknowledgement that came in was written.
func (d *deliverer) ackLoop(ctx context.Context) {
	var ids []int64
	tick := time.NewTicker(ackEvery)
	defer tick.Stop()
	flush := func() {
		if len(ids) == 0 {
			return
		}
		// A lost delete only means an answer sent twice after a restart.
		if err := d.a.records.OutboxDone(context.WithoutCancel(ctx), ids); err != nil {
			d.a.log.Warn("telegram: could not remove sent answers from the outbox", "err", err)
		}
		ids = ids[:0]
	}
	for {
		select {
		case id := <-d.acks:
			ids = append(ids, id)
			if len(ids) >= 256 {
				flush()
			}
		case <-tick.C:
			flush()
		case <-ctx.Done():
			for {
				select {
				case id := <-d.acks:
					ids = append(ids, id)
				default:
					flush()
					return
				}
			}
		}
	}
}

// busy reports whether answers are waiting or being sent.
func (d *deliverer) busy() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.chats) > 0
}

// heldSince are the answers waiting here (or being sent) that were stored before t.
func (d *deliverer) heldSince(t time.Time) []int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	var ids []int64
	for _, q := range d.chats {
		for _, items := range [][]outItem{q.items, q.edits} {
			for _, it := range items {
				if it.at.Before(t) {
					ids = append(ids, it.id)
				}
			}
		}
	}
	return ids
}

// oldest is the age of the oldest answer waiting in this process.
func (d *deliverer) oldest() time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	var first time.Time
	for _, q := range d.chats {
		for _, items := range [][]outItem{q.items, q.edits} {
			if len(items) > 0 && (first.IsZero() || items[0].at.Before(first)) {
				first = items[0].at
			}
		}
	}
	if first.IsZero() {
		return 0
	}
	return time.Since(first)
}
