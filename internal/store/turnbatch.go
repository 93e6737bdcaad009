package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/lib/pq"
)

// Group commit of turns. Under load many chats' turns are ready to be written at the same
// moment, and each of them alone pays for a statement of its own: a round trip, setting up
// the plan's executor, a commit that waits for the WAL to reach the disk. Turns of different
// chats are independent, so WriteTurn lets at most maxTurnWriters statements run at once and
// lets a turn that arrives while they all run wait in a queue; the next statement to start
// takes it along with the others waiting. A turn that finds a writer free is written at
// once, alone, as before; one that finds both busy waits for the next statement, which takes
// every waiting turn along. On a busy server that wait replaces the contention of many
// statements running side by side, each paying the costs above. Each turn in a batch is applied or refused on its own
// (a turn over a stale version does not hold back the others), and the caller sees exactly
// what a statement of its own would have said. If the batch's statement fails as a whole,
// every turn in it is written again on its own.

// maxTurnWriters is how many turn statements run at once; more turns wait and are written
// together. Two keep a statement ready to start while the other waits for its commit to
// reach the disk; more made the batches smaller and cost more CPU per turn in the load
// benchmark on a 2-core machine (four: 0.61 round trips per update instead of 0.44, and more
// PostgreSQL CPU per update).
const maxTurnWriters = 2

// maxTurnBatch is the most turns one statement writes.
const maxTurnBatch = 32

// turnBatcher queues turns while maxTurnWriters statements are running.
type turnBatcher struct {
	mu      sync.Mutex
	writers int
	queue   []*turnCall

	statements, turns atomic.Int64 // statements written by the batcher, and the turns in them
}

// TurnStatements says how many statements wrote the turns that may share one, and how many
// turns they wrote: their ratio is the mean number of turns per statement (1 when the
// server is idle, more under load). serve publishes both as metrics.
func (s *Store) TurnStatements() (statements, turns int64) {
	return s.turns.statements.Load(), s.turns.turns.Load()
}

// turnCall is one turn waiting for its statement.
type turnCall struct {
	w    TurnWrite
	ids  []int64
	err  error
	done bool          // written (or failed as part of a batch: errBatch)
	wake chan struct{} // signalled once: written, or chosen to write the next batch
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
	b := &s.turns
	c := &turnCall{w: w, wake: make(chan struct{}, 1)}
	b.mu.Lock()
	if b.writers < maxTurnWriters {
		b.writers++
		b.mu.Unlock()
		s.writeLed(ctx, c)
	} else {
		b.queue = append(b.queue, c)
		b.mu.Unlock()
		select {
		case <-c.wake:
		case <-ctx.Done():
			if b.withdraw(c) {
				return nil, fmt.Errorf("store: write turn: %w", ctx.Err())
			}
			<-c.wake // taken already: its statement is running
		}
		if !c.done {
			s.writeLed(ctx, c) // chosen to write the next batch; the writer slot passed to it
		}
	}
	if errors.Is(c.err, errBatch) {
		return s.writeTurn(ctx, w)
	}
	return c.ids, c.err
}

// writeLed writes c, which holds a writer slot, with the turns waiting behind it, and passes
// the slot on.
func (s *Store) writeLed(ctx context.Context, c *turnCall) {
	b := &s.turns
	defer b.handOver() // also if the write panics: the queue never waits for a writer gone
	b.mu.Lock()
	batch := append([]*turnCall{c}, b.takeLocked(maxTurnBatch-1, c.w.ChatKey)...)
	b.mu.Unlock()
	b.statements.Add(1)
	b.turns.Add(int64(len(batch)))
	if len(batch) == 1 {
		c.ids, c.err = s.writeTurn(ctx, c.w)
		return
	}
	s.writeBatch(ctx, batch)
}

// handOver passes a finished writer's slot to the first waiting turn, which writes the next
// batch, or frees it.
func (b *turnBatcher) handOver() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.queue) > 0 {
		next := b.queue[0]
		b.queue = b.queue[1:]
		next.wake <- struct{}{}
		return
	}
	b.writers--
}

// takeLocked removes up to n calls from the front of the queue, of chats other than first's
// and each other's (a chat has one turn in a statement), leaving the rest in order.
func (b *turnBatcher) takeLocked(n int, first string) []*turnCall {
	if len(b.queue) == 0 {
		return nil
	}
	seen := map[string]bool{first: true}
	var taken []*turnCall
	rest := b.queue[:0]
	for _, c := range b.queue {
		if len(taken) < n && !seen[c.w.ChatKey] {
			seen[c.w.ChatKey] = true
			taken = append(taken, c)
			continue
		}
		rest = append(rest, c)
	}
	clear(b.queue[len(rest):])
	b.queue = rest
	return taken
}

// withdraw removes c from the queue if no statement took it yet.
func (b *turnBatcher) withdraw(c *turnCall) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, q := range b.queue {
		if q == c {
			b.queue = append(b.queue[:i], b.queue[i+1:]...)
			return true
		}
	}
	return false
}

// writeBatch writes the turns of batch (the first is the caller's) in one statement and gives
// each its result; every call but the first is woken, also if the write panics (the caller
// then sees the panic, the others write their turns alone).
func (s *Store) writeBatch(ctx context.Context, batch []*turnCall) {
	var results []turnResult
	written := false
	defer func() {
		for i, c := range batch {
			if written {
				c.ids, c.err = results[i].ids, results[i].err
			} else {
				c.err = errBatch
			}
			c.done = true
			if i > 0 {
				c.wake <- struct{}{}
			}
		}
	}()
	var err error
	results, err = s.writeTurns(ctx, batch)
	written = err == nil
}

// turnResult is one turn's outcome in a batch.
type turnResult struct {
	ids []int64
	err error
}

// writeTurns is WriteTurn for several chats' turns (states over the version read, or for new
// chats; messages to their own chats) in one statement; each is applied only if its update
// is new, its versions current and its chat at the version read, and its result says so as
// WriteTurn's would.
func (s *Store) writeTurns(ctx context.Context, batch []*turnCall) ([]turnResult, error) {
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
		eventTurns, days, kinds, convs, persons, dims, all, s.instance, leaseInterval, outTurns, starts, lens)
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
// distinct.
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
			RETURNING id, chat_key)
	SELECT ok.n IS NOT NULL AS applied,
		coalesce((SELECT array_agg(id ORDER BY id) FROM sent WHERE sent.chat_key = t.k), '{}') AS ids,
		NOT EXISTS (SELECT 1 FROM processed_updates p WHERE p.update_id = t.u AND t.u <> 0) AS unseen,
		fresh.dir, fresh.roster
	FROM t CROSS JOIN fresh LEFT JOIN ok ON ok.n = t.n
	ORDER BY t.n`
