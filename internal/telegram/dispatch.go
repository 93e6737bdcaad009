package telegram

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/store"
)

// inQueue is one chat's updates waiting for their turn, in order.
type inQueue struct {
	updates []*models.Update
	running bool
}

// dispatcher is the one way updates are handled, whether they were polled or posted to the
// webhook: once recorded in the inbox, each goes to its chat's queue; a chat's updates are
// handled in order, chats in parallel (bounded). A chat whose update fails (the database is
// away) retries it, and its later updates wait; other chats go on.
type dispatcher struct {
	a        *Adapter
	mu       sync.Mutex
	chats    map[string]*inQueue
	inflight map[int64]time.Time // updates queued or being handled here, since when
	sem      chan struct{}
	wg       sync.WaitGroup
}

// maxTurns bounds the chats whose turn runs at once. A turn holds a database connection only
// to read a state this process does not keep; its write waits for the store's group commit
// (at most three statements at once, see store/turnbatch.go) and holds none meanwhile. So more
// turns than connections may run: those that wait cost nothing and join the next statement.
// With 16, in a burst of 100 chats at once the turns past the bound waited up to 20 ms for a
// slot in the load benchmark; with 64 up to 5 ms, and the burst's slowest answer took half as
// long.
const maxTurns = 64

func newDispatcher(a *Adapter) *dispatcher {
	return &dispatcher{a: a, chats: map[string]*inQueue{}, inflight: map[int64]time.Time{}, sem: make(chan struct{}, maxTurns)}
}

// add queues an update for its chat, unless it is queued or being handled here already. It
// says whether the update's turn starts now (its chat had nothing queued).
func (d *dispatcher) add(ctx context.Context, key string, u *models.Update) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.inflight[u.ID]; ok {
		return false
	}
	d.inflight[u.ID] = time.Now()
	q := d.chats[key]
	if q == nil {
		q = &inQueue{}
		d.chats[key] = q
	}
	q.updates = append(q.updates, u)
	d.a.metrics.InboxDepth.Inc()
	if !q.running {
		q.running = true
		d.wg.Add(1)
		d.a.workers.Go(func() { d.run(ctx, key, q) })
		return true
	}
	return false
}

// holds says whether an update is queued or being handled here.
func (d *dispatcher) holds(id int64) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, ok := d.inflight[id]
	return ok
}

// pending counts the updates queued or being handled.
func (d *dispatcher) pending() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.inflight)
}

// heldSince are the updates queued or being handled here since before t.
func (d *dispatcher) heldSince(t time.Time) []int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	var ids []int64
	for id, at := range d.inflight {
		if at.Before(t) {
			ids = append(ids, id)
		}
	}
	return ids
}

// run handles a chat's updates in order until its queue is empty.
func (d *dispatcher) run(ctx context.Context, key string, q *inQueue) {
	defer d.wg.Done()
	pause := time.Duration(0)
	for {
		d.mu.Lock()
		if len(q.updates) == 0 || ctx.Err() != nil {
			q.running = false
			if len(q.updates) == 0 {
				delete(d.chats, key)
			}
			d.mu.Unlock()
			return
		}
		u := q.updates[0]
		arrived := d.inflight[u.ID]
		d.mu.Unlock()

		select {
		case d.sem <- struct{}{}:
		case <-ctx.Done():
			continue
		}
		if pause == 0 { // its first try: tries again after the database came back are not waits
			d.a.metrics.Stage.WithLabelValues("wait").Observe(time.Since(arrived).Seconds())
		}
		err := d.a.handle(ctx, key, u)
		<-d.sem
		if err != nil {
			// The database is away: this chat waits and tries again; the update stays in
			// the inbox, so a restart does not lose it either.
			pause = nextPause(pause)
			sleep(ctx, pause)
			continue
		}
		pause = 0
		d.mu.Lock()
		q.updates = q.updates[1:]
		delete(d.inflight, u.ID)
		d.a.metrics.InboxDepth.Dec()
		d.mu.Unlock()
	}
}

// receive records polled updates in the inbox and queues those not in hand already. Updates
// that cannot come from a private chat are not kept, nor those over their chat's flood limit
// (see flooded). The updates are queued while they are being recorded: the record waits for
// the turns of those whose chats were idle (they start at once) and shares its statement with
// them (store.InboxBegin, InboxRecord.Expect), so an update costs one statement before its
// answer. Only one process polls, so no other holds them. It fails only when the inbox could
// not be written: then nothing may be confirmed to Telegram, and the updates already queued
// are handled (at least once, as ever).
func (a *Adapter) receive(ctx context.Context, updates []models.Update) error {
	rows, keys, byID := a.inboxRows(updates)
	record := a.records.InboxBegin(rows)
	n := 0
	for _, r := range rows {
		if a.dispatch.add(a.work, keys[r.ID], byID[r.ID]) && a.turns {
			n++
		}
	}
	record.Expect(n)
	return record.Wait(ctx)
}

// receiveHooked records an update posted to the webhook, and queues it only if it was not in
// the inbox already: Telegram may post an update again to another replica while the first
// still handles it, and the turn's effects outside the database's turn (a hand-over's thread)
// must not run twice. It fails only when the inbox could not be written.
func (a *Adapter) receiveHooked(ctx context.Context, updates []models.Update) error {
	rows, keys, byID := a.inboxRows(updates)
	added, err := a.records.InboxAdd(ctx, rows)
	if err != nil {
		return err
	}
	for _, id := range added {
		a.dispatch.add(a.work, keys[id], byID[id])
	}
	return nil
}

// inboxRows are the updates to keep, sealed for the inbox, with their chats' keys.
func (a *Adapter) inboxRows(updates []models.Update) ([]store.Pending, map[int64]string, map[int64]*models.Update) {
	rows := make([]store.Pending, 0, len(updates))
	keys := map[int64]string{}
	byID := map[int64]*models.Update{}
	for i := range updates {
		u := &updates[i]
		chatID, ok := a.fromPrivateChat(u)
		if !ok {
			continue
		}
		key := a.runner.Key(chatID)
		// An update in hand here was let in when it was first fetched: it is recorded with
		// its batch whatever the flood limit says now, or the batch would be confirmed to
		// Telegram without it, and a crash before its turn would lose it.
		if !a.dispatch.holds(u.ID) && a.flooded(u, key, chatID) {
			continue
		}
		data, err := json.Marshal(u)
		if err != nil {
			continue
		}
		keys[u.ID], byID[u.ID] = key, u
		rows = append(rows, store.Pending{ID: u.ID, ChatKey: key, Payload: a.inboxBox.Seal(data)})
	}
	return rows, keys, byID
}

// resume takes over what a previous run (all) or a process that died (its leases ran out)
// left: updates to handle and answers to send.
func (a *Adapter) resume(ctx context.Context, all bool) {
	if rows, err := a.records.ClaimInbox(ctx, all); err != nil {
		a.log.Warn("telegram: could not take over waiting updates", "err", err)
	} else {
		for _, r := range rows {
			data, err := a.inboxBox.Open(r.Payload)
			var u models.Update
			if err != nil || json.Unmarshal(data, &u) != nil {
				a.log.Warn("telegram: an update in the inbox cannot be read; dropped")
				_ = a.records.InboxDrop(ctx, r.ID)
				continue
			}
			a.dispatch.add(a.work, r.ChatKey, &u)
		}
	}
	rows, err := a.records.ClaimOutbox(ctx, all)
	if err != nil {
		a.log.Warn("telegram: could not take over waiting answers", "err", err)
		return
	}
	byChat := map[string][]outItem{}
	var order []string
	for _, r := range rows {
		c, err := a.openCall(r.Payload)
		if err != nil {
			a.log.Warn("telegram: an answer in the outbox cannot be read; dropped")
			_ = a.records.OutboxDone(ctx, []int64{r.ID})
			continue
		}
		if _, ok := byChat[r.ChatKey]; !ok {
			order = append(order, r.ChatKey)
		}
		byChat[r.ChatKey] = append(byChat[r.ChatKey], outItem{id: r.ID, call: c, at: time.Now()})
	}
	for _, key := range order {
		a.deliver.enqueue(a.work, key, byChat[key])
	}
}

// keepLeases renews this process's leases, takes over what dead processes left (takeOver:
// when other processes may run beside it; a single process took everything at its start, and
// looking for more reads the inbox and outbox whole), and keeps the delivery metrics current,
// until ctx ends. A row's lease runs for the store's Lease from when it
// was written, and is renewed every third of that: only the rows held for longer than a sixth
// of it need renewing (a row written since the last renewal has two thirds of its lease left
// at least, and is renewed by the next if it is still held then).
func (a *Adapter) keepLeases(ctx context.Context, takeOver bool) {
	lease := a.records.Lease()
	renew := time.NewTicker(lease / 3)
	defer renew.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-renew.C:
			since := time.Now().Add(-lease / 6)
			if err := a.records.RenewLeases(ctx, a.dispatch.heldSince(since), a.deliver.heldSince(since)); err != nil {
				a.log.Warn("telegram: could not renew leases", "err", err)
			}
			if takeOver {
				a.resume(ctx, false)
			}
			a.metrics.OutboxOldest.Set(a.deliver.oldest().Seconds())
		}
	}
}
