package store

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkTurn measures one turn's statements as the bot runs them, one after another on one
// warm connection: the read and the write of one of 200 chats, with a typical answer (two
// sealed messages of 1 KB and 3 KB) and two events, and the messages' removal once sent (one
// statement per turn here; the bot removes many at once). pg-cpu-us/op is the PostgreSQL
// backend's CPU time per turn, when the server runs on this machine.
func BenchmarkTurn(b *testing.B) {
	st := newStore(b)
	ctx := context.Background()
	tt := newTypicalTurn()
	cpu := oneBackend(b, st)
	defer func() { b.ReportMetric(float64(cpu().Microseconds())/float64(b.N), "pg-cpu-us/op") }()
	const chats = 200
	update := int64(1)
	for b.Loop() {
		i := int(update % chats)
		key := fmt.Sprintf("chat-%03d", i)
		update++
		r, err := st.ReadTurn(ctx, key, update, 0, false)
		if err != nil {
			b.Fatal(err)
		}
		ids, err := st.WriteTurn(ctx, tt.write(key, update, r.Version))
		if err != nil {
			b.Fatal(err)
		}
		if err := st.OutboxDone(ctx, ids); err != nil {
			b.Fatal(err)
		}
	}
}

// typicalTurn is the turn the turn benchmarks write: a state, a typical answer (two sealed
// messages of 1 KB and 3 KB) and two events.
type typicalTurn struct {
	state []byte
	msgs  [][]byte
	day   time.Time
}

func newTypicalTurn() typicalTurn {
	t := typicalTurn{
		state: []byte(`{"s":{"lang":"ar","step":"topic","age":34,"conv":"0123456789abcdef0123456789abcdef"}}`),
		msgs:  [][]byte{make([]byte, 1000), make([]byte, 3000)}, // sealed: as random as ciphertext
		day:   time.Now().UTC(),
	}
	for _, m := range t.msgs {
		_, _ = rand.Read(m)
	}
	return t
}

// write is the turn of chat key for update over version.
func (t typicalTurn) write(key string, update, version int64) TurnWrite {
	ev := []Event{
		{Day: t.day, Kind: "answered", Conversation: "0123456789abcdef", PersonKey: "p" + key, Dims: map[string]string{"step": "topic", "lang": "ar"}},
		{Day: t.day, Kind: "result", Conversation: "0123456789abcdef", PersonKey: "p" + key, Dims: map[string]string{"lang": "ar", "topic": "residence", "age_band": "27+", "place": "no"}},
	}
	return TurnWrite{ChatKey: key, UpdateID: update, Version: version, State: t.state, Events: ev, Outbox: t.msgs}
}

// oneBackend limits st to one connection and returns the CPU time its PostgreSQL backend
// spends from now on, when the server runs on this machine.
func oneBackend(b *testing.B, st *Store) func() time.Duration {
	st.db.SetMaxOpenConns(1)
	var pid int
	if err := st.db.GetContext(context.Background(), &pid, `SELECT pg_backend_pid()`); err != nil {
		b.Fatal(err)
	}
	cpu0 := backendCPU(pid)
	return func() time.Duration { return backendCPU(pid) - cpu0 }
}

// backendCPU is a PostgreSQL backend's CPU time so far, when it runs on this machine.
func backendCPU(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(data)[strings.LastIndexByte(string(data), ')')+1:])
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+s) * 10 * time.Millisecond
}

// BenchmarkTurnWrites measures what group commit saves: statements of n turns of different
// chats (write only, as a chat whose state the bot keeps in memory; the same answer and events
// as BenchmarkTurn), each followed by the removal of their messages in one statement, on one
// connection. n=1 is a turn written alone (WriteTurn's own statement), n=8 a batch of writeTurns
// as under load. pg-cpu-us/turn is the PostgreSQL backend's CPU time per turn.
func BenchmarkTurnWrites(b *testing.B) {
	for _, n := range []int{1, 8} {
		b.Run(fmt.Sprintf("turns=%d", n), func(b *testing.B) {
			st := newStore(b)
			ctx := context.Background()
			tt := newTypicalTurn()
			cpu := oneBackend(b, st)
			const chats = 200
			versions := make([]int64, chats)
			update, turns := int64(0), 0
			for b.Loop() {
				batch := make([]*turnCall, n)
				for j := range batch {
					update++
					i := int(update % chats)
					key := fmt.Sprintf("chat-%03d", i)
					batch[j] = &turnCall{w: tt.write(key, update, versions[i])}
				}
				var ids []int64
				if n == 1 {
					got, err := st.writeTurn(ctx, batch[0].w)
					if err != nil {
						b.Fatal(err)
					}
					ids = got
				} else {
					results, err := st.writeTurns(ctx, batch, nil)
					if err != nil {
						b.Fatal(err)
					}
					for _, r := range results {
						if r.err != nil {
							b.Fatal(r.err)
						}
						ids = append(ids, r.ids...)
					}
				}
				for _, c := range batch {
					versions[int(c.w.UpdateID%chats)]++
				}
				if err := st.OutboxDone(ctx, ids); err != nil {
					b.Fatal(err)
				}
				turns += n
			}
			b.ReportMetric(float64(cpu().Microseconds())/float64(turns), "pg-cpu-us/turn")
		})
	}
}
