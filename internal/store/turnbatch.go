package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lib/pq"
)

// Group commit of turns. Under load many chats' turns are ready to be written at the same
// moment, and each of them alone pays for a statement of its own: a round trip, setting up
// the plan's executor, a commit that waits for the WAL to reach the disk. Turns of different
// chats are independent, so WriteTurn lets at most maxTurnWriters statements run at once and
// lets a turn that arrives while they all run wait in a queue; the next statement to start
// takes it along with the others waiting. A turn that finds a writer free is written at
// once, alone, as before; one that finds them all busy waits for the next statement, which takes
// every waiting turn along. On a busy server that wait replaces the contention of many
// statements running side by side, each paying the costs above. Each turn in a batch is
// applied or refused on its own (a turn over a stale version does not hold back the others),
// and the caller sees exactly what a statement of its own would have said. If the batch's
// statement fails as a whole, every turn in it is written again on its own.
//
// Fetched updates are recorded in the inbox the same way (InboxBegin): the record waits in
// the queue while the updates' turns are worked out, and a statement that takes it along
// takes those turns too if they are ready by then. An update whose turn is applied in the
// record's own statement is not written to the inbox at all: its turn holds it. So an update
// costs one statement before its answer, not two. A turn never runs beside the statement
// recording its update (it waits for it), so that the turn always finds the row it takes from
// the inbox.
//
// For that, a record is held back even when a writer is free, until the turns said to be
// coming (InboxRecord.Expect) have joined the queue, or recordGrace has passed: otherwise it
// would start a statement of its own at once, and the turns, worked out a moment later,
// would wait for it to end and then pay for a second statement. While a record is held, the
// turns of its updates wait in the queue too; once it is released, the first call in the
// queue writes them all together.

// maxTurnWriters is how many turn statements run at once; more turns wait and are written
// together. In the load benchmark on a 2-core machine, with the fetched updates' records in
// the same queue, three gave a lower p99 and max than two (p99 29 to 34 ms against 35 to 36,
// max 46 to 52 against 69 to 79, three and two alternating runs), and four no better than
// three (three alternating runs each); before the records joined the queue, four had made the
// batches smaller and cost more CPU per turn (0.61 round trips per update instead of 0.44).
const maxTurnWriters = 3

// maxTurnBatch is the most turns one statement writes (inbox records not counted).
const maxTurnBatch = 32

// recordGrace is the longest a record of fetched updates is held back for their turns to
// join it. The poller waits for the record before it confirms the updates and asks for more,
// so this bounds what holding it back can add to the next fetch. In the load benchmark
// (2-core machine, 100 users, about eight updates fetched at once) between a half and three
// quarters of the records were released by their last turn, after 0.7 to 0.9 ms on average,
// the others by the grace; the updates cost 0.15 SQL round trips instead of 0.24 to 0.31, and
// PostgreSQL a quarter less CPU.
const recordGrace = time.Millisecond

// turnBatcher queues turns and inbox records while maxTurnWriters statements are running.
type turnBatcher struct {
	mu      sync.Mutex
	writers int
	queue   []*turnCall
	// recording maps each update announced by InboxBegin to its record until the record is
	// in the inbox (or given up).
	recording map[int64]*turnCall

	statements, turns atomic.Int64 // statements written by the batcher, and the turns in them

	grace time.Duration // how long a record is held at most: recordGrace (tests change it)
}

// TurnStatements says how many statements wrote the turns that may share one, and how many
// turns they wrote: their ratio is the mean number of turns per statement (1 when the
// server is idle, more under load). A statement that records fetched updates only is not
// counted. serve publishes both as metrics.
func (s *Store) TurnStatements() (statements, turns int64) {
	return s.turns.statements.Load(), s.turns.turns.Load()
}

// turnCall is one turn, or one inbox record, waiting for its statement.
type turnCall struct {
	w     TurnWrite
	inbox []Pending // an inbox record's updates (then w is unused)
	ids   []int64
	err   error
	done  bool          // written (or failed as part of a batch: errBatch)
	taken bool          // out of the queue for a statement: its writer's, or taken along
	wake  chan struct{} // signalled once: written, or chosen to write the next batch
	// recorded is an inbox record's: closed once its updates are in the inbox or it was
	// given up.
	recorded chan struct{}
	// held is an inbox record's while it waits for the turns of its updates (see the top of
	// this file): expect is how many will come (-1: not known yet), arrived how many did;
	// release ends the hold after recordGrace.
	held            bool
	expect, arrived int
	release         *time.Timer
}

// errBatch means the statement a turn was batched in failed as a whole: the turn is written
// again on its own.
var errBatch = errors.New("store: the batch the turn was written in failed")

// batchable says whether a turn may share a statement: a state stored over a known version
// or for a new chat, with messages to its own chat only.
func batchable(w TurnWrite) bool { return w.State != nil && len(w.Others) == 0 }

// writeTurnBatched writes w, together with the turns waiting when it starts, or waits to be
// taken along by a statement that starts later.
func (s *Store) writeTurnBatched(ctx context.Context, w TurnWrite) ([]int64, error) {
	c := &turnCall{w: w, wake: make(chan struct{}, 1)}
	s.turns.mu.Lock()
	s.turns.queue = append(s.turns.queue, c)
	s.turns.mu.Unlock()
	if err := s.writeQueued(ctx, c); err != nil {
		return nil, fmt.Errorf("store: write turn: %w", err)
	}
	if errors.Is(c.err, errBatch) {
		return s.writeTurnAlone(ctx, w)
	}
	return c.ids, c.err
}

// writeQueued sees a queued call written: by its own statement when a writer is free (or
// when a finished writer passes its slot on to it), else by the statement that takes it
// along. It fails only when ctx ends before any statement took the call.
func (s *Store) writeQueued(ctx context.Context, c *turnCall) error {
	b := &s.turns
	b.mu.Lock()
	// A turn whose record is held waits for the statement the record's release starts
	// (the turn's arrival may be what releases it): that statement takes it along.
	r := b.recordingLocked(c)
	held := heldBy(c, r)
	b.arriveLocked(r)
	if b.writers < maxTurnWriters && !held && b.removeLocked(c) {
		b.writers++
		c.taken = true
		b.mu.Unlock()
		s.writeLed(ctx, c)
		return nil
	}
	b.mu.Unlock()
	select {
	case <-c.wake:
	case <-ctx.Done():
		if b.withdraw(c) {
			return ctx.Err()
		}
		<-c.wake // taken already: its statement is running
	}
	if !c.done {
		s.writeLed(ctx, c) // chosen to write the next batch; the writer slot passed to it
	}
	return nil
}

// writeLed writes c, which holds a writer slot, with the calls waiting behind it, and passes
// the slot on.
func (s *Store) writeLed(ctx context.Context, c *turnCall) {
	b := &s.turns
	defer b.handOver() // also if the write panics: the queue never waits for a writer gone
	var batch []*turnCall
	for {
		b.mu.Lock()
		r := b.recordingLocked(c)
		if r == nil || !r.taken {
			// The turn's record, if still waiting, comes along (takeLocked takes every
			// waiting record).
			batch = append([]*turnCall{c}, b.takeLocked(maxTurnBatch-1, c)...)
			for _, x := range batch {
				x.taken = true
			}
			b.mu.Unlock()
			break
		}
		b.mu.Unlock()
		select { // the statement recording the update runs: the turn must find its row
		case <-r.recorded:
		case <-ctx.Done():
			c.err, c.done = fmt.Errorf("store: write turn: %w", ctx.Err()), true
			return
		}
	}
	var turns []*turnCall
	var recorded []Pending // the records' updates
	for _, x := range batch {
		if x.inbox == nil {
			turns = append(turns, x)
		}
		recorded = append(recorded, x.inbox...)
	}
	if len(turns) > 0 {
		b.statements.Add(1)
		b.turns.Add(int64(len(turns)))
	}
	switch {
	case len(batch) == 1 && len(turns) == 1:
		c.ids, c.err = s.writeTurn(ctx, c.w)
		c.done = true
	case len(turns) == 0:
		s.writeRecords(ctx, batch, recorded)
	default:
		s.writeBatch(ctx, batch, turns, recorded)
	}
}

// writeRecords writes the inbox records of batch (their updates: recorded) only, in the plain
// statement that adds fetched updates; every record but the first is woken.
func (s *Store) writeRecords(ctx context.Context, batch []*turnCall, recorded []Pending) {
	_, err := s.InboxAdd(ctx, recorded)
	for i, c := range batch {
		c.err, c.done = err, true
		if err == nil {
			s.turns.recorded(c)
		}
		if i > 0 {
			c.wake <- struct{}{}
		}
	}
}

// recordingLocked is the record still to write c's update, if c is a turn.
func (b *turnBatcher) recordingLocked(c *turnCall) *turnCall {
	if c.inbox != nil || c.w.UpdateID == 0 {
		return nil
	}
	return b.recording[c.w.UpdateID]
}

// handOver passes a finished writer's slot to the first waiting call, which writes the next
// batch, or frees it.
func (b *turnBatcher) handOver() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.queue) > 0 {
		next := b.queue[0]
		b.unholdLocked(next) // the writers were busy meanwhile: what is queued goes along
		b.unholdLocked(b.recordingLocked(next))
		b.leadLocked(0)
		return
	}
	b.writers--
}

// leadLocked takes the queue's call at i out of the queue and wakes it to write the next
// statement, in a writer slot its caller holds for it.
func (b *turnBatcher) leadLocked(i int) {
	next := b.queue[i]
	b.queue = slices.Delete(b.queue, i, i+1)
	next.taken = true
	next.wake <- struct{}{}
}

// takeLocked removes from the queue every waiting inbox record, and up to n turns from the
// front of other chats than lead's and each other's (a chat has one turn in a statement)
// whose updates are not being recorded by another statement, leaving the rest in order.
func (b *turnBatcher) takeLocked(n int, lead *turnCall) []*turnCall {
	if len(b.queue) == 0 {
		return nil
	}
	in := map[*turnCall]bool{lead: true}
	var taken []*turnCall
	for _, c := range b.queue {
		if c.inbox != nil {
			in[c] = true
			b.unholdLocked(c)
			taken = append(taken, c)
		}
	}
	seen := map[string]bool{}
	if lead.inbox == nil {
		seen[lead.w.ChatKey] = true
	}
	rest := make([]*turnCall, 0, len(b.queue))
	turns := 0
	for _, c := range b.queue {
		if c.inbox != nil {
			continue
		}
		if r := b.recordingLocked(c); turns < n && !seen[c.w.ChatKey] && (r == nil || in[r]) {
			seen[c.w.ChatKey] = true
			taken = append(taken, c)
			turns++
			continue
		}
		rest = append(rest, c)
	}
	clear(b.queue)
	b.queue = rest
	return taken
}

// removeLocked removes c from the queue if it is there.
func (b *turnBatcher) removeLocked(c *turnCall) bool {
	for i, q := range b.queue {
		if q == c {
			b.queue = append(b.queue[:i], b.queue[i+1:]...)
			return true
		}
	}
	return false
}

// withdraw removes c from the queue if no statement took it yet.
func (b *turnBatcher) withdraw(c *turnCall) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.removeLocked(c)
}

// writeBatch writes the calls of batch (the first is the caller's; turns are its turns, in
// order, recorded its records' updates) in one statement and gives each its result; every
// call but the first is woken, also if the write panics (the caller then sees the panic, the
// others write their turns, and record their updates, alone).
func (s *Store) writeBatch(ctx context.Context, batch, turns []*turnCall, recorded []Pending) {
	var results []turnResult
	written := false
	defer func() {
		next := 0
		for i, c := range batch {
			switch {
			case !written:
				c.err = errBatch
			case c.inbox != nil:
				s.turns.recorded(c)
			default:
				c.ids, c.err = results[next].ids, results[next].err
				next++
			}
			c.done = true
			if i > 0 {
				c.wake <- struct{}{}
			}
		}
	}()
	var err error
	results, err = s.writeTurns(ctx, turns, recorded)
	written = err == nil
}

// InboxRecord is fetched updates on their way into the inbox: see InboxBegin.
type InboxRecord struct {
	s *Store
	c *turnCall
}

// InboxBegin announces fetched updates to be recorded in the inbox, so that they are handled
// even if this process dies; only once Wait has returned may Telegram be told they arrived.
// The updates may be handed on for their turns at once: a turn written before the record
// shares its statement (its update then needs no row in the inbox) or waits for it.
func (s *Store) InboxBegin(rows []Pending) *InboxRecord {
	c := &turnCall{inbox: rows, wake: make(chan struct{}, 1), recorded: make(chan struct{}), expect: -1}
	if len(rows) == 0 {
		close(c.recorded)
		c.done = true
		return &InboxRecord{s: s, c: c}
	}
	b := &s.turns
	b.mu.Lock()
	if b.recording == nil {
		b.recording = map[int64]*turnCall{}
	}
	for _, r := range rows {
		b.recording[r.ID] = c
	}
	b.queue = append(b.queue, c)
	c.held = true
	grace := b.grace
	if grace == 0 {
		grace = recordGrace
	}
	c.release = time.AfterFunc(grace, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.releaseLocked(c)
	})
	b.mu.Unlock()
	return &InboxRecord{s: s, c: c}
}

// Expect says that the turns of n of the record's updates are being worked out now, so that
// the record waits for them (up to recordGrace) and they are all written together. A record
// told nothing waits for the grace.
func (r *InboxRecord) Expect(n int) {
	b := &r.s.turns
	b.mu.Lock()
	defer b.mu.Unlock()
	r.c.expect = n
	if r.c.arrived >= n {
		b.releaseLocked(r.c)
	}
}

// arriveLocked counts a turn (or another write) of one of r's updates arriving, and releases
// r when it was the last expected.
func (b *turnBatcher) arriveLocked(r *turnCall) {
	if r == nil || !r.held {
		return
	}
	r.arrived++
	if r.expect >= 0 && r.arrived >= r.expect {
		b.releaseLocked(r)
	}
}

// heldLocked says whether c waits for a held record: c is one, or the turn of an update in
// one.
func (b *turnBatcher) heldLocked(c *turnCall) bool {
	return heldBy(c, b.recordingLocked(c))
}

// heldBy is heldLocked for c with r, the record still to write c's update (nil: none).
func heldBy(c, r *turnCall) bool {
	return c.held || (r != nil && r.held)
}

// unholdLocked ends r's hold, if r is a held record.
func (b *turnBatcher) unholdLocked(r *turnCall) {
	if r != nil && r.held {
		r.held = false
		r.release.Stop()
	}
}

// releaseLocked ends r's hold and, when a writer is free, sets the first call of the queue
// not held writing: the record, with the turns that joined it.
func (b *turnBatcher) releaseLocked(r *turnCall) {
	if !r.held {
		return
	}
	b.unholdLocked(r)
	if b.writers >= maxTurnWriters {
		return // a writer finishing takes the queue along
	}
	if i := slices.IndexFunc(b.queue, func(c *turnCall) bool { return !b.heldLocked(c) }); i >= 0 {
		b.writers++
		b.leadLocked(i)
	}
}

// Wait records the updates: once the record is released (see Expect), in a statement of its
// own when a writer is free (with the turns waiting then), else in the next statement to
// start. If that statement fails as a whole, the updates are recorded again on their own.
func (r *InboxRecord) Wait(ctx context.Context) error {
	s, c := r.s, r.c
	if len(c.inbox) == 0 {
		return nil
	}
	defer s.turns.recorded(c)
	err := s.writeQueued(ctx, c)
	switch {
	case err != nil:
	case errors.Is(c.err, errBatch):
		_, err = s.InboxAdd(ctx, c.inbox)
	default:
		err = c.err
	}
	if err != nil {
		return fmt.Errorf("store: inbox: %w", err)
	}
	return nil
}

// recorded ends c's recording: its updates are in the inbox, or it was given up.
func (b *turnBatcher) recorded(c *turnCall) {
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case <-c.recorded:
		return
	default:
	}
	for _, r := range c.inbox {
		if b.recording[r.ID] == c {
			delete(b.recording, r.ID)
		}
	}
	b.releaseLocked(c) // given up while held: its turns go on without it
	close(c.recorded)
}

// afterRecord waits until no inbox record is still to write the update: a turn written on
// its own, or an update dropped from the inbox, must not run beside the statement that
// records it.
func (s *Store) afterRecord(ctx context.Context, updateID int64) error {
	b := &s.turns
	b.mu.Lock()
	r := b.recording[updateID]
	b.arriveLocked(r)
	b.mu.Unlock()
	if r == nil {
		return nil
	}
	select {
	case <-r.recorded:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// turnResult is one turn's outcome in a batch.
type turnResult struct {
	ids []int64
	err error
}

// writeTurns is WriteTurn for several chats' turns (states over the version read, or for new
// chats; messages to their own chats) in one statement; each is applied only if its update
// is new, its versions current and its chat at the version read, and its result says so as
// WriteTurn's would. The same statement records the fetched updates in recorded, but those
// whose turns it applies.
func (s *Store) writeTurns(ctx context.Context, batch []*turnCall, recorded []Pending) ([]turnResult, error) {
	recIDs, recKeys, recAll, recStarts, recLens := inboxColumns(recorded)
	n := len(batch)
	keys, states := make(pq.StringArray, n), make(pq.StringArray, n)
	versions, updates := make(pq.Int64Array, n), make(pq.Int64Array, n)
	dirs, rosters := make(pq.Int64Array, n), make(pq.Int64Array, n)
	var events []Event
	var eventTurns, outTurns pq.Int64Array
	var payloads [][]byte
	for i, c := range batch {
		w := c.w
		keys[i], states[i], versions[i], updates[i] = w.ChatKey, string(w.State), w.Version, w.UpdateID
		dirs[i], rosters[i] = w.DirVersion, w.RosterVersion
		for _, e := range w.Events {
			events, eventTurns = append(events, e), append(eventTurns, int64(i+1))
		}
		for _, p := range w.Outbox {
			payloads, outTurns = append(payloads, p), append(outTurns, int64(i+1))
		}
	}
	days, kinds, convs, persons, dims, err := eventColumns(events)
	if err != nil {
		return nil, err
	}
	stmt, err := s.prepared(ctx, writeTurns)
	if err != nil {
		return nil, err
	}
	all, starts, lens := pack(payloads)
	var rows []turnRow
	err = stmt.SelectContext(ctx, &rows, keys, states, versions, updates, dirs, rosters,
		eventTurns, days, kinds, convs, persons, dims, all, s.instance, s.leaseInterval, outTurns, starts, lens,
		recIDs, recKeys, recAll, recStarts, recLens)
	if err != nil {
		return nil, fmt.Errorf("store: write turns: %w", err)
	}
	if len(rows) != n {
		return nil, fmt.Errorf("store: write turns: %d results for %d turns", len(rows), n)
	}
	results := make([]turnResult, n)
	for i, r := range rows {
		results[i].ids, results[i].err = r.outcome(batch[i].w)
	}
	return results, nil
}

// writeTurns is the statement of writeTurns: the turns are numbered n from 1 in the order
// given, and each result row is one turn's, in that order. The chats of one batch are
// distinct. It also records the fetched updates of the inbox records in the batch, but those
// whose turns it applies: they are handled, and a handled update is never recorded.
var writeTurns = `
	WITH t AS (SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
			WITH ORDINALITY AS t(k, s, v, u, dv, rv, n)),
		fresh AS (SELECT (SELECT version FROM directory_version WHERE id = 1) AS dir,
			(SELECT version FROM roster_version WHERE id = 1) AS roster),
		good AS (SELECT t.* FROM t, fresh
			WHERE NOT EXISTS (SELECT 1 FROM processed_updates p WHERE p.update_id = t.u AND t.u <> 0)
				AND (t.dv = 0 OR t.dv = fresh.dir) AND (t.rv = 0 OR t.rv = fresh.roster)),
		updated AS (UPDATE conversations c SET state = g.s::jsonb, version = c.version + 1, blocked = false, updated_at = now()
			FROM good g WHERE g.v <> 0 AND c.chat_key = g.k AND c.version = g.v RETURNING g.n),
		inserted AS (INSERT INTO conversations (chat_key, state, version)
			SELECT k, s::jsonb, 1 FROM good WHERE v = 0 ORDER BY k
			ON CONFLICT (chat_key) DO NOTHING RETURNING chat_key),
		ok AS (SELECT n FROM updated UNION ALL SELECT g.n FROM good g JOIN inserted i ON i.chat_key = g.k),
		claim AS (INSERT INTO processed_updates (update_id)
			SELECT t.u FROM t JOIN ok ON ok.n = t.n WHERE t.u <> 0 ON CONFLICT DO NOTHING),
		taken AS (DELETE FROM inbox USING t, ok WHERE ok.n = t.n AND t.u <> 0 AND inbox.update_id = t.u),
		events AS (INSERT INTO events (day, kind, conversation, person_key, dims)
			SELECT d::date, e.k, c, p, m::jsonb
			FROM unnest($7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) AS e(n, d, k, c, p, m)
			WHERE e.n IN (SELECT n FROM ok)),
		sent AS (INSERT INTO outbox (chat_key, payload, owner, lease_until)
			SELECT t.k, substring($13::bytea FROM o.o FOR o.l), $14, now() + $15::interval
			FROM unnest($16::bigint[], $17::int[], $18::int[]) WITH ORDINALITY AS o(n, o, l, i)
			JOIN t ON t.n = o.n
			WHERE o.n IN (SELECT n FROM ok) ORDER BY o.i
			RETURNING id, chat_key),
		recorded AS (INSERT INTO inbox (update_id, chat_key, payload, owner, lease_until)
			SELECT i, k, substring($21::bytea FROM o FOR l), $14, now() + $15::interval
			FROM unnest($19::bigint[], $20::text[], $22::int[], $23::int[]) AS r(i, k, o, l)
			WHERE NOT EXISTS (SELECT 1 FROM processed_updates WHERE update_id = r.i)
				AND r.i NOT IN (SELECT t.u FROM t JOIN ok ON ok.n = t.n)
			ON CONFLICT DO NOTHING)
	SELECT ok.n IS NOT NULL AS applied,
		coalesce((SELECT array_agg(id ORDER BY id) FROM sent WHERE sent.chat_key = t.k), '{}') AS ids,
		NOT EXISTS (SELECT 1 FROM processed_updates p WHERE p.update_id = t.u AND t.u <> 0) AS unseen,
		fresh.dir, fresh.roster
	FROM t CROSS JOIN fresh LEFT JOIN ok ON ok.n = t.n
	ORDER BY t.n`
