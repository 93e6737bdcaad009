package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
)

// TestBatchedTurnsAreEachAppliedOrRefusedAlone writes one statement of turns in every state
// WriteTurn distinguishes, and checks that each is applied or refused as it would be alone,
// without holding back the others.
func TestBatchedTurnsAreEachAppliedOrRefusedAlone(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	for _, k := range []string{"a", "b", "c"} {
		if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: k, State: []byte(`{"v":1}`)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "old", UpdateID: 50, State: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	if err := st.InboxBegin([]Pending{{ID: 101, ChatKey: "new", Payload: []byte("u")}, {ID: 102, ChatKey: "a", Payload: []byte("u")},
		{ID: 103, ChatKey: "b", Payload: []byte("u")}}).Wait(ctx); err != nil {
		t.Fatal(err)
	}
	var dir int64
	if err := st.db.GetContext(ctx, &dir, `SELECT version FROM directory_version`); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	started := []Event{{Day: day, Kind: dialog.EventStarted, Conversation: "c1"}}
	turns := []TurnWrite{
		{ChatKey: "new", UpdateID: 101, State: []byte(`{"v":"new"}`), Events: started, Outbox: [][]byte{[]byte("n1"), []byte("n2")}},
		{ChatKey: "a", UpdateID: 102, Version: 1, State: []byte(`{"v":2}`), Outbox: [][]byte{[]byte("a1")}, DirVersion: dir},
		{ChatKey: "b", UpdateID: 103, Version: 7, State: []byte(`{"v":"lost"}`), Events: started, Outbox: [][]byte{[]byte("b1")}},
		{ChatKey: "c", UpdateID: 104, State: []byte(`{"v":"lost"}`), Outbox: [][]byte{[]byte("c1")}},
		{ChatKey: "d", UpdateID: 50, State: []byte(`{"v":"lost"}`), Outbox: [][]byte{[]byte("d1")}},
		{ChatKey: "e", UpdateID: 105, State: []byte(`{"v":"lost"}`), Outbox: [][]byte{[]byte("e1")}, DirVersion: dir + 1},
		{ChatKey: "f", State: []byte(`{"v":"f"}`), Outbox: [][]byte{[]byte("f1")}},
	}
	batch := make([]*turnCall, len(turns))
	for i, w := range turns {
		batch[i] = &turnCall{w: w}
	}
	results, err := st.writeTurns(ctx, batch, nil)
	if err != nil {
		t.Fatal(err)
	}
	var stale *StaleError
	for i, check := range []func(turnResult) bool{
		func(r turnResult) bool { return r.err == nil && len(r.ids) == 2 && r.ids[0] < r.ids[1] },
		func(r turnResult) bool { return r.err == nil && len(r.ids) == 1 },
		func(r turnResult) bool { return errors.Is(r.err, ErrConflict) && r.ids == nil },                // changed meanwhile
		func(r turnResult) bool { return errors.Is(r.err, ErrConflict) && r.ids == nil },                // read as new, exists
		func(r turnResult) bool { return errors.Is(r.err, ErrDuplicateUpdate) && r.ids == nil },         // handled before
		func(r turnResult) bool { return errors.As(r.err, &stale) && stale.Dir == dir && r.ids == nil }, // directory moved
		func(r turnResult) bool { return r.err == nil && len(r.ids) == 1 },
	} {
		if !check(results[i]) {
			t.Errorf("turn %d (%s): ids %v, err %v", i, turns[i].ChatKey, results[i].ids, results[i].err)
		}
	}

	states := map[string]string{}
	rows, err := st.db.QueryxContext(ctx, `SELECT chat_key, state::text || ' v' || version FROM conversations`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k, s string
		if err := rows.Scan(&k, &s); err != nil {
			t.Fatal(err)
		}
		states[k] = s
	}
	want := map[string]string{"new": `{"v": "new"} v1`, "a": `{"v": 2} v2`, "b": `{"v": 1} v1`, "c": `{"v": 1} v1`, "old": `{} v1`, "f": `{"v": "f"} v1`}
	if fmt.Sprint(states) != fmt.Sprint(want) {
		t.Errorf("states after the batch:\n%v\nwant\n%v", states, want)
	}
	var sent []string
	if err := st.db.SelectContext(ctx, &sent, `SELECT chat_key || ':' || convert_from(payload, 'UTF8') FROM outbox ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if want := []string{"new:n1", "new:n2", "a:a1", "f:f1"}; !slices.Equal(sent, want) {
		t.Errorf("outbox %v, want %v", sent, want)
	}
	if ids := append(append(results[0].ids, results[1].ids...), results[6].ids...); !slices.IsSorted(ids) {
		t.Errorf("outbox ids %v are not in the order of the turns", ids)
	}
	var handled, waiting []int64
	if err := st.db.SelectContext(ctx, &handled, `SELECT update_id FROM processed_updates ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	if err := st.db.SelectContext(ctx, &waiting, `SELECT update_id FROM inbox ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(handled, []int64{50, 101, 102}) || !slices.Equal(waiting, []int64{103}) {
		t.Errorf("handled %v (want 50 101 102), still in the inbox %v (want 103)", handled, waiting)
	}
	var events int
	if err := st.db.GetContext(ctx, &events, `SELECT count(*) FROM events`); err != nil {
		t.Fatal(err)
	}
	if events != 1 {
		t.Errorf("%d events stored, want the applied turn's 1", events)
	}
}

// queueWhileBusy holds every writer slot, starts WriteTurn for each turn in order, each once
// the one before waits in the queue, and returns a function that frees one slot for a turn
// of its own (which takes the queue along) and collects the results.
func queueWhileBusy(t *testing.T, st *Store, ctx context.Context, turns []TurnWrite) func() ([][]int64, []error) {
	t.Helper()
	st.turns.mu.Lock()
	st.turns.writers = maxTurnWriters
	st.turns.mu.Unlock()
	ids, errs := make([][]int64, len(turns)), make([]error, len(turns))
	var wg sync.WaitGroup
	for i, w := range turns {
		wg.Add(1)
		go func() { defer wg.Done(); ids[i], errs[i] = st.WriteTurn(ctx, w) }()
		for queued := 0; queued <= i; {
			time.Sleep(time.Millisecond)
			st.turns.mu.Lock()
			queued = len(st.turns.queue)
			st.turns.mu.Unlock()
		}
	}
	return func() ([][]int64, []error) {
		// One slot frees: the next WriteTurn writes, and takes the queue along.
		st.turns.mu.Lock()
		st.turns.writers = maxTurnWriters - 1
		st.turns.mu.Unlock()
		if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "opener", State: []byte(`{}`)}); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		return ids, errs
	}
}

func TestTurnsWaitingForAWriterAreWrittenTogether(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	var turns []TurnWrite
	for i := range 20 {
		k := fmt.Sprintf("chat%d", i)
		turns = append(turns, TurnWrite{ChatKey: k, UpdateID: int64(i + 1), State: []byte(`{}`), Outbox: [][]byte{[]byte(k + "a"), []byte(k + "b")}})
	}
	// The same chat twice: its turns go in different statements, in order.
	turns = append(turns, TurnWrite{ChatKey: "twice", UpdateID: 100, State: []byte(`{"n":1}`)},
		TurnWrite{ChatKey: "twice", UpdateID: 101, Version: 1, State: []byte(`{"n":2}`)})
	ids, errs := queueWhileBusy(t, st, ctx, turns)()
	for i, w := range turns {
		if errs[i] != nil || len(ids[i]) != len(w.Outbox) {
			t.Errorf("%s: ids %v, err %v", w.ChatKey, ids[i], errs[i])
		}
		for j, id := range ids[i] {
			var got string
			if err := st.db.GetContext(ctx, &got, `SELECT chat_key || ':' || convert_from(payload, 'UTF8') FROM outbox WHERE id = $1`, id); err != nil {
				t.Fatal(err)
			}
			if want := w.ChatKey + ":" + string(w.Outbox[j]); got != want {
				t.Errorf("outbox id %d holds %q, want %q", id, got, want)
			}
		}
	}
	var state string
	if err := st.db.GetContext(ctx, &state, `SELECT state::text || ' v' || version FROM conversations WHERE chat_key = 'twice'`); err != nil || state != `{"n": 2} v2` {
		t.Errorf("the chat written twice holds %q (%v), want its second turn's state", state, err)
	}
	st.turns.mu.Lock()
	defer st.turns.mu.Unlock()
	// One statement took the queue and the turn that freed a slot (22 turns); the chat's
	// second turn came alone after it. The slots held for the test are still held, no more.
	if statements, written := st.TurnStatements(); statements != 2 || written != int64(len(turns))+1 ||
		st.turns.writers != maxTurnWriters-1 || len(st.turns.queue) != 0 {
		t.Errorf("%d statements wrote %d turns (want 2 and %d), %d writers, %d queued",
			statements, written, len(turns)+1, st.turns.writers, len(st.turns.queue))
	}
}

func TestATurnThatBreaksItsBatchDoesNotTakeTheOthersDown(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	turns := []TurnWrite{
		{ChatKey: "good1", UpdateID: 1, State: []byte(`{}`), Outbox: [][]byte{[]byte("x")}},
		{ChatKey: "bad", UpdateID: 2, State: []byte(`{not json`)},
		{ChatKey: "good2", UpdateID: 3, State: []byte(`{}`)},
	}
	ids, errs := queueWhileBusy(t, st, ctx, turns)()
	if errs[0] != nil || len(ids[0]) != 1 || errs[2] != nil {
		t.Errorf("the good turns: %v %v, %v", ids[0], errs[0], errs[2])
	}
	if errs[1] == nil || errors.Is(errs[1], errBatch) {
		t.Errorf("the bad turn: %v, want the database's error for it alone", errs[1])
	}
	var n int
	if err := st.db.GetContext(ctx, &n, `SELECT count(*) FROM conversations WHERE chat_key IN ('good1', 'good2')`); err != nil || n != 2 {
		t.Errorf("%d good turns stored (%v), want 2", n, err)
	}
}

func TestAQueuedTurnWhoseCallerGaveUpIsNotWritten(t *testing.T) {
	st := newStore(t)
	st.turns.mu.Lock()
	st.turns.writers = maxTurnWriters
	st.turns.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "gone", UpdateID: 1, State: []byte(`{}`)})
		done <- err
	}()
	for queued := 0; queued == 0; {
		time.Sleep(time.Millisecond)
		st.turns.mu.Lock()
		queued = len(st.turns.queue)
		st.turns.mu.Unlock()
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("WriteTurn = %v, want the context's error", err)
	}
	st.turns.mu.Lock()
	queued := len(st.turns.queue)
	st.turns.mu.Unlock()
	var n int
	if err := st.db.GetContext(context.Background(), &n, `SELECT count(*) FROM conversations`); err != nil || n != 0 || queued != 0 {
		t.Errorf("%d conversations stored, %d turns queued; want none", n, queued)
	}
}

// inboxIDs are the update ids the inbox holds, in order.
func inboxIDs(t *testing.T, st *Store) []int64 {
	t.Helper()
	var ids []int64
	if err := st.db.SelectContext(context.Background(), &ids, `SELECT update_id FROM inbox ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	return ids
}

// Fetched updates and the turns worked out for them while the writers were busy go in one
// statement: an update whose turn it applies is not written to the inbox; one whose turn it
// refuses, or that has no turn yet, is.
func TestTurnsRideWithTheRecordOfTheirUpdates(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "stale", State: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	st.turns.mu.Lock()
	st.turns.writers = maxTurnWriters
	st.turns.mu.Unlock()
	record := st.InboxBegin([]Pending{{ID: 301, ChatKey: "x", Payload: []byte("u")}, {ID: 302, ChatKey: "y", Payload: []byte("u")},
		{ID: 303, ChatKey: "stale", Payload: []byte("u")}, {ID: 304, ChatKey: "later", Payload: []byte("u")}})
	turns := []TurnWrite{
		{ChatKey: "x", UpdateID: 301, State: []byte(`{}`), Outbox: [][]byte{[]byte("x1")}},
		{ChatKey: "y", UpdateID: 302, State: []byte(`{}`)},
		{ChatKey: "stale", UpdateID: 303, Version: 7, State: []byte(`{}`)},
	}
	errs := make([]error, len(turns))
	var wg sync.WaitGroup
	for i, w := range turns {
		wg.Add(1)
		go func() { defer wg.Done(); _, errs[i] = st.WriteTurn(ctx, w) }()
		for queued := 0; queued <= i+1; {
			time.Sleep(time.Millisecond)
			st.turns.mu.Lock()
			queued = len(st.turns.queue)
			st.turns.mu.Unlock()
		}
	}
	statements, written := st.TurnStatements()
	st.turns.mu.Lock()
	st.turns.writers = maxTurnWriters - 1 // one slot frees: the record writes, and takes the turns along
	st.turns.mu.Unlock()
	if err := record.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil || !errors.Is(errs[2], ErrConflict) {
		t.Errorf("turns: %v, want two applied and the stale one refused", errs)
	}
	if s, w := st.TurnStatements(); s-statements != 1 || w-written != 3 {
		t.Errorf("%d statements wrote %d turns, want the record's one with all 3", s-statements, w-written)
	}
	if got := inboxIDs(t, st); !slices.Equal(got, []int64{303, 304}) {
		t.Errorf("the inbox holds %v, want the refused turn's update and the one without a turn: 303 304", got)
	}
	var handled []int64
	if err := st.db.SelectContext(ctx, &handled, `SELECT update_id FROM processed_updates ORDER BY 1`); err != nil || !slices.Equal(handled, []int64{301, 302}) {
		t.Errorf("handled %v (%v), want 301 302", handled, err)
	}
}

// A turn never runs beside the statement that records its update: a statement taking the
// queue along leaves it, and a turn that would write alone waits for the record, then
// finds its row and takes it from the inbox.
func TestATurnWaitsForTheStatementRecordingItsUpdate(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	b := &st.turns
	record := st.InboxBegin([]Pending{{ID: 401, ChatKey: "a", Payload: []byte("u")}})
	b.mu.Lock()
	b.removeLocked(record.c)
	record.c.taken = true // its statement runs
	mine := &turnCall{w: TurnWrite{ChatKey: "a", UpdateID: 401, State: []byte(`{}`)}}
	other := &turnCall{w: TurnWrite{ChatKey: "b", UpdateID: 402, State: []byte(`{}`)}}
	b.queue = append(b.queue, mine, other)
	taken := b.takeLocked(maxTurnBatch-1, &turnCall{w: TurnWrite{ChatKey: "lead"}})
	if len(taken) != 1 || taken[0] != other || len(b.queue) != 1 || b.queue[0] != mine {
		t.Errorf("a statement took %d calls and left %d; want only the turn whose update is not being recorded", len(taken), len(b.queue))
	}
	b.queue = nil
	b.mu.Unlock()

	done := make(chan error, 1)
	go func() { _, err := st.WriteTurn(ctx, mine.w); done <- err }()
	time.Sleep(50 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("the turn was written (%v) while its update was being recorded", err)
	default:
	}
	if _, err := st.InboxAdd(ctx, record.c.inbox); err != nil { // the record's statement ends
		t.Fatal(err)
	}
	b.recorded(record.c)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := inboxIDs(t, st); len(got) != 0 {
		t.Errorf("the inbox still holds %v: the turn did not find its row", got)
	}
}

// An update dropped from the inbox while it is being recorded is dropped after the record,
// not before it (where the record would bring it back).
func TestInboxDropWaitsForTheRecord(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	record := st.InboxBegin([]Pending{{ID: 501, ChatKey: "a", Payload: []byte("u")}, {ID: 502, ChatKey: "b", Payload: []byte("u")}})
	dropped := make(chan error, 1)
	go func() { dropped <- st.InboxDrop(ctx, 501) }()
	time.Sleep(50 * time.Millisecond)
	if err := record.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-dropped; err != nil {
		t.Fatal(err)
	}
	if got := inboxIDs(t, st); !slices.Equal(got, []int64{502}) {
		t.Errorf("the inbox holds %v, want only 502", got)
	}
}

// Fetchers record updates while their turns run, alone and together, some written on their
// own (messages to another chat), some updates dropped without a turn: every turn is
// applied once, and afterwards the inbox holds nothing, whatever statements took what.
func TestRecordsAndTurnsUnderContention(t *testing.T) {
	st := newStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	const fetchers, rounds, perRound = 6, 15, 4
	var wg sync.WaitGroup
	errs := make(chan error, fetchers*rounds*perRound+fetchers*rounds)
	for f := range fetchers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range rounds {
				rows := make([]Pending, perRound+1)
				for i := range perRound + 1 {
					id := int64(f*10000 + round*10 + i + 1)
					rows[i] = Pending{ID: id, ChatKey: fmt.Sprintf("f%d-c%d", f, i), Payload: []byte("u")}
				}
				record := st.InboxBegin(rows)
				var turns sync.WaitGroup
				for i, r := range rows[:perRound] {
					turns.Add(1)
					go func() {
						defer turns.Done()
						w := TurnWrite{ChatKey: r.ChatKey, UpdateID: r.ID, Version: int64(round), State: []byte(`{}`),
							Outbox: [][]byte{[]byte("m")}}
						if i == 0 && round%3 == 0 {
							w.Others = []Pending{{ChatKey: "elsewhere", Payload: []byte("o")}} // written alone
						}
						if _, err := st.WriteTurn(ctx, w); err != nil {
							errs <- fmt.Errorf("turn %d: %w", r.ID, err)
						}
					}()
				}
				if err := record.Wait(ctx); err != nil {
					errs <- err
				}
				if err := st.InboxDrop(ctx, rows[perRound].ID); err != nil { // an update without a turn
					errs <- err
				}
				turns.Wait()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := inboxIDs(t, st); len(got) != 0 {
		t.Errorf("the inbox still holds %d updates: %v", len(got), got)
	}
	var handled, versions int
	if err := st.db.GetContext(context.Background(), &handled, `SELECT count(*) FROM processed_updates`); err != nil {
		t.Fatal(err)
	}
	if err := st.db.GetContext(context.Background(), &versions, `SELECT coalesce(sum(version), 0) FROM conversations`); err != nil {
		t.Fatal(err)
	}
	if handled != fetchers*rounds*perRound || versions != fetchers*perRound*rounds {
		t.Errorf("%d updates handled and versions summing to %d, want %d each", handled, versions, fetchers*rounds*perRound)
	}
	statements, turns := st.TurnStatements()
	t.Logf("%d turns in %d statements", turns, statements)
	st.turns.mu.Lock()
	defer st.turns.mu.Unlock()
	if st.turns.writers != 0 || len(st.turns.queue) != 0 || len(st.turns.recording) != 0 {
		t.Errorf("left behind: %d writers, %d queued, %d updates being recorded", st.turns.writers, len(st.turns.queue), len(st.turns.recording))
	}
}

// returned says whether a call running in the background has returned, without waiting.
func returned(done chan error) bool {
	select {
	case err := <-done:
		go func() { done <- err }() // keep it for the caller
		return true
	default:
		return false
	}
}

// A record of fetched updates waits, even with every writer free, until the turns it was told
// of have joined it, and then one statement writes them all: the updates are handled, not
// left in the inbox, and the turns did not wait for the record's statement to end first.
func TestARecordWaitsForTheTurnsItExpects(t *testing.T) {
	st := newStore(t)
	st.turns.grace = time.Hour // only the turns release it
	ctx := context.Background()
	record := st.InboxBegin([]Pending{{ID: 601, ChatKey: "a", Payload: []byte("u")}, {ID: 602, ChatKey: "b", Payload: []byte("u")}})
	record.Expect(2)
	waited := make(chan error, 1)
	go func() { waited <- record.Wait(ctx) }()
	statements, written := st.TurnStatements()
	turn := func(key string, id int64) chan error {
		done := make(chan error, 1)
		go func() {
			_, err := st.WriteTurn(ctx, TurnWrite{ChatKey: key, UpdateID: id, State: []byte(`{}`), Outbox: [][]byte{[]byte("m")}})
			done <- err
		}()
		return done
	}
	a := turn("a", 601)
	time.Sleep(50 * time.Millisecond)
	if returned(waited) || returned(a) {
		t.Fatal("the record or the first turn was written before the second turn came")
	}
	b := turn("b", 602)
	for _, done := range []chan error{waited, a, b} {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if s, w := st.TurnStatements(); s-statements != 1 || w-written != 2 {
		t.Errorf("%d statements wrote %d turns, want one with both", s-statements, w-written)
	}
	if got := inboxIDs(t, st); len(got) != 0 {
		t.Errorf("the inbox holds %v: the handled updates were recorded there", got)
	}
}

// A record told of no turns (Expect(0): its chats are busy, or the handler writes none) is
// written at once; one whose turns do not all come is written when the grace has passed, with
// the turns that came, and the late turn after it.
func TestARecordIsNotHeldForTurnsThatDoNotCome(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	st.turns.grace = time.Hour
	record := st.InboxBegin([]Pending{{ID: 701, ChatKey: "a", Payload: []byte("u")}})
	record.Expect(0)
	if err := record.Wait(ctx); err != nil { // would wait an hour if held
		t.Fatal(err)
	}
	if got := inboxIDs(t, st); !slices.Equal(got, []int64{701}) {
		t.Errorf("the inbox holds %v, want 701", got)
	}

	st.turns.grace = 100 * time.Millisecond
	record = st.InboxBegin([]Pending{{ID: 702, ChatKey: "b", Payload: []byte("u")}, {ID: 703, ChatKey: "c", Payload: []byte("u")}})
	record.Expect(2)
	done := make(chan error, 1)
	go func() {
		_, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "b", UpdateID: 702, State: []byte(`{}`)})
		done <- err
	}()
	if err := record.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := inboxIDs(t, st); !slices.Equal(got, []int64{701, 703}) {
		t.Errorf("the inbox holds %v, want 701 and the update whose turn did not come, 703", got)
	}
	if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "c", UpdateID: 703, State: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	if got := inboxIDs(t, st); !slices.Equal(got, []int64{701}) {
		t.Errorf("the inbox holds %v, want 701: the late turn takes its update", got)
	}
}

// A record given up while it is held (the poller stops) does not leave the turns that joined
// it waiting: they are written on their own.
func TestTurnsGoOnWhenTheirHeldRecordIsGivenUp(t *testing.T) {
	st := newStore(t)
	st.turns.grace = time.Hour
	record := st.InboxBegin([]Pending{{ID: 801, ChatKey: "a", Payload: []byte("u")}, {ID: 802, ChatKey: "b", Payload: []byte("u")}})
	record.Expect(2)
	done := make(chan error, 1)
	go func() {
		_, err := st.WriteTurn(context.Background(), TurnWrite{ChatKey: "a", UpdateID: 801, State: []byte(`{}`)})
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	if returned(done) {
		t.Fatal("the turn was written while its record was held")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := record.Wait(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait after its context ended: %v", err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
