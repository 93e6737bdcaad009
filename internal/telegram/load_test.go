package telegram

import (
	"context"
	"database/sql"
	"encoding/binary"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lib/pq"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/pgtest"
)

// Tests of the load benchmark's instruments: that it judges answers, counts round trips and
// walks the conversation the way it claims. The figures themselves are for `make bench`.

// TestAwaitAnswerJudgesByArrivalTimes feeds a chat's line with calls that came in the past,
// as a user scheduled late finds them, and checks which calls belong to the answer.
func TestAwaitAnswerJudgesByArrivalTimes(t *testing.T) {
	t0 := time.Now().Add(-time.Second)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	for _, tc := range []struct {
		name       string
		calls      []time.Time
		want       int
		n, late    int
		last       time.Time
		split      bool
		incomplete bool
	}{
		{name: "one call", calls: []time.Time{at(0)}, want: 1, n: 1, last: at(0)},
		{name: "calls within the quiet pause belong to the answer", calls: []time.Time{at(0), at(20), at(45)}, want: 1, n: 3, last: at(45)},
		{name: "a call after the quiet pause comes late", calls: []time.Time{at(0), at(10), at(100)}, want: 2, n: 2, late: 1, last: at(10)},
		{name: "an answer is waited for to its last call", calls: []time.Time{at(0), at(100), at(110)}, want: 3, n: 3, last: at(110), split: true},
		{name: "out of order arrivals", calls: []time.Time{at(20), at(0)}, want: 2, n: 2, last: at(20)},
		{name: "no call", want: 1, incomplete: true},
		{name: "fewer calls than the step has", calls: []time.Time{at(0)}, want: 2, n: 1, last: at(0), incomplete: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &chatLine{arrived: make(chan time.Time, 8)}
			for _, c := range tc.calls {
				l.arrived <- c
			}
			a := awaitAnswer(l, tc.want, 50*time.Millisecond)
			if a.n != tc.n || a.late != tc.late || !a.last.Equal(tc.last) || a.split != tc.split || (a.n < tc.want) != tc.incomplete {
				t.Errorf("got %d calls, %d late, last at %v, split %v; want %d, %d, %v, %v (incomplete %v)",
					a.n, a.late, a.last.Sub(t0), a.split, tc.n, tc.late, tc.last.Sub(t0), tc.split, tc.incomplete)
			}
		})
	}
}

// TestZCounterFollowsFramingAcrossReads cuts a stream of server messages at every position
// and counts ReadyForQuery messages, also where 'Z' occurs inside another message.
func TestZCounterFollowsFramingAcrossReads(t *testing.T) {
	msg := func(typ byte, body string) []byte {
		b := []byte{typ, 0, 0, 0, 0}
		binary.BigEndian.PutUint32(b[1:], uint32(4+len(body)))
		return append(b, body...)
	}
	var stream []byte
	for _, m := range [][]byte{msg('1', ""), msg('2', ""), msg('D', "ZZZZZZ"), msg('C', "SELECT 1\x00"), msg('Z', "I"),
		msg('T', "Z"), msg('Z', "T"), msg('E', "SZ"), msg('Z', "E")} {
		stream = append(stream, m...)
	}
	for cut := 0; cut <= len(stream); cut++ {
		var n atomic.Int64
		z := &zCounter{n: &n}
		z.scan(stream[:cut])
		z.scan(stream[cut:])
		if n.Load() != 3 {
			t.Fatalf("cut at %d: counted %d ReadyForQuery messages, want 3", cut, n.Load())
		}
	}
}

// TestPGCounterCountsRoundTrips runs statements through the counter against PostgreSQL: a
// statement sent with its parameters is one round trip, one prepared first is two, BEGIN and
// COMMIT are one each.
func TestPGCounterCountsRoundTrips(t *testing.T) {
	ctx := context.Background()
	pg, url := &pgCounter{}, pgtest.NewDatabase(t)
	open := func(url string) *sql.DB {
		c, err := pq.NewConnector(url)
		if err != nil {
			t.Fatal(err)
		}
		c.Dialer(pg)
		db := sql.OpenDB(c)
		t.Cleanup(func() { db.Close() })
		db.SetMaxOpenConns(1)
		if err := db.PingContext(ctx); err != nil {
			t.Fatal(err)
		}
		return db
	}
	sent, prepared := open(url+"&binary_parameters=yes"), open(url)
	var one int
	for _, tc := range []struct {
		name  string
		run   func() error
		trips int64
	}{
		{"parameters sent with the statement", func() error { return sent.QueryRowContext(ctx, `SELECT $1::int`, 1).Scan(&one) }, 1},
		{"statement prepared, then executed", func() error { return prepared.QueryRowContext(ctx, `SELECT $1::int`, 1).Scan(&one) }, 2},
		{"statement without parameters", func() error { return prepared.QueryRowContext(ctx, `SELECT 1`).Scan(&one) }, 1},
		{"transaction of one statement", func() error {
			tx, err := sent.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `SELECT $1::int`, 1); err != nil {
				return err
			}
			return tx.Commit()
		}, 3},
	} {
		before := pg.trips.Load()
		if err := tc.run(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := pg.trips.Load() - before; got != tc.trips {
			t.Errorf("%s: counted %d round trips, want %d", tc.name, got, tc.trips)
		}
	}
	if pg.conns.Load() != 2 {
		t.Errorf("counted %d connections, want 2", pg.conns.Load())
	}
}

// TestLoadStepsAreTheBotsAnswers walks users in every shipped language through the
// benchmark's conversation and one more /start against the real bot, and the echo bot's
// step, and checks that every step is answered with exactly the calls the step expects: the
// benchmark then measures whole answers, not error messages or a part of one.
func TestLoadStepsAreTheBotsAnswers(t *testing.T) {
	lb := newLoadBench(t)
	for _, tc := range []struct {
		bot   string
		steps []step
		n     int
	}{{"wegweiser", conversationSteps, len(conversationSteps) + 1}, {"echo", echoSteps, 3}} {
		t.Run(tc.bot, func(t *testing.T) {
			api := newLoadAPI(t, 0)
			users := loadUsers(api, lb.cat, len(i18n.Shipped), 1000)
			_, stop, _ := lb.start(t, api, tc.bot)
			results := make([]loadResult, len(users))
			var wg sync.WaitGroup
			for i, u := range users {
				wg.Add(1)
				go func() {
					defer wg.Done()
					results[i] = api.walk(u, tc.steps, time.Now(), time.Now().Add(time.Minute), tc.n)
				}()
			}
			wg.Wait()
			stop() // waits until every answer was delivered
			want := 0
			for i := range tc.n {
				want += tc.steps[i%len(tc.steps)].calls
			}
			for i, u := range users {
				r := results[i]
				if r.updates != tc.n || r.unanswered != 0 {
					t.Errorf("%s: %d of %d updates answered completely", u.lang, r.updates, tc.n)
				}
				if got := u.line.calls.Load(); got != int64(want) {
					t.Errorf("%s: the bot made %d calls for the chat, the steps say %d", u.lang, got, want)
				}
			}
		})
	}
}

// TestBucketPercentile: a percentile read from a histogram's buckets lies in the bucket it
// falls in, linearly between its bounds.
func TestBucketPercentile(t *testing.T) {
	h := prometheus.NewHistogram(prometheus.HistogramOpts{Name: "x", Buckets: []float64{1, 2, 4}})
	for _, v := range []float64{0.5, 1.5, 1.5, 3, 3, 3, 3, 3, 3, 3} {
		h.Observe(v)
	}
	var d dto.Metric
	if err := h.Write(&d); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[float64]float64{0.1: 1, 0.2: 1.5, 0.3: 2, 0.65: 3, 1: 4} {
		if got := bucketPercentile(d.Histogram, p); got != want {
			t.Errorf("p%v = %v, want %v", p*100, got, want)
		}
	}
}
