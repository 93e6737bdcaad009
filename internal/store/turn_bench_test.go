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
	state := []byte(`{"s":{"lang":"ar","step":"topic","age":34,"conv":"0123456789abcdef0123456789abcdef"}}`)
	msgs := [][]byte{make([]byte, 1000), make([]byte, 3000)} // sealed: as random as ciphertext
	for _, m := range msgs {
		_, _ = rand.Read(m)
	}
	day := time.Now().UTC()
	st.db.SetMaxOpenConns(1)
	var pid int
	if err := st.db.GetContext(ctx, &pid, `SELECT pg_backend_pid()`); err != nil {
		b.Fatal(err)
	}
	cpu0 := backendCPU(pid)
	defer func() { b.ReportMetric(float64((backendCPU(pid)-cpu0).Microseconds())/float64(b.N), "pg-cpu-us/op") }()
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
		ev := []Event{
			{Day: day, Kind: "answered", Conversation: "0123456789abcdef", PersonKey: "p" + key, Dims: map[string]string{"step": "topic", "lang": "ar"}},
			{Day: day, Kind: "result", Conversation: "0123456789abcdef", PersonKey: "p" + key, Dims: map[string]string{"lang": "ar", "topic": "residence", "age_band": "27+", "place": "no"}},
		}
		ids, err := st.WriteTurn(ctx, TurnWrite{ChatKey: key, UpdateID: update, Version: r.Version, State: state, Events: ev, Outbox: msgs})
		if err != nil {
			b.Fatal(err)
		}
		if err := st.OutboxDone(ctx, ids); err != nil {
			b.Fatal(err)
		}
	}
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
			state := []byte(`{"s":{"lang":"ar","step":"topic","age":34,"conv":"0123456789abcdef0123456789abcdef"}}`)
			msgs := [][]byte{make([]byte, 1000), make([]byte, 3000)}
			for _, m := range msgs {
				_, _ = rand.Read(m)
			}
			day := time.Now().UTC()
			st.db.SetMaxOpenConns(1)
			const chats = 200
			versions := make([]int64, chats)
			var pid int
			if err := st.db.GetContext(ctx, &pid, `SELECT pg_backend_pid()`); err != nil {
				b.Fatal(err)
			}
			cpu0 := backendCPU(pid)
			update, turns := int64(0), 0
			for b.Loop() {
				batch := make([]*turnCall, n)
				for j := range batch {
					update++
					i := int(update % chats)
					key := fmt.Sprintf("chat-%03d", i)
					ev := []Event{
						{Day: day, Kind: "answered", Conversation: "0123456789abcdef", PersonKey: "p" + key, Dims: map[string]string{"step": "topic", "lang": "ar"}},
						{Day: day, Kind: "result", Conversation: "0123456789abcdef", PersonKey: "p" + key, Dims: map[string]string{"lang": "ar", "topic": "residence", "age_band": "27+", "place": "no"}},
					}
					batch[j] = &turnCall{w: TurnWrite{ChatKey: key, UpdateID: update, Version: versions[i], State: state, Events: ev, Outbox: msgs}}
				}
				var ids []int64
				if n == 1 {
					got, err := st.writeTurn(ctx, batch[0].w)
					if err != nil {
						b.Fatal(err)
					}
					ids = got
				} else {
					results, err := st.writeTurns(ctx, batch)
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
			b.ReportMetric(float64((backendCPU(pid)-cpu0).Microseconds())/float64(turns), "pg-cpu-us/turn")
		})
	}
}
