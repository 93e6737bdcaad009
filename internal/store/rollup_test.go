package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/stats"
)

// yearToday is the "today" of the seeded year: its events are counted live, earlier days
// are rolled up.
var yearToday = day("2026-11-25")

// seedRollupYear writes about 400 days of conversations before and on yearToday, as the runner
// would: days without any event, days with one to four conversations (counts the figures
// hide), conversations going on past midnight (also from yesterday into today), people
// coming back within a month, staff events without a chat, and a few conversations without
// a start (an id given to an old state), which the drop-off leaves out.
func seedRollupYear(t *testing.T, st *Store) {
	t.Helper()
	r := rand.New(rand.NewPCG(7, 25))
	var ev []Event
	first := yearToday.AddDate(0, 0, -400)
	for d, i := first, 0; !d.After(yearToday); d, i = d.AddDate(0, 0, 1), i+1 {
		n := 0
		switch x := r.IntN(10); {
		case x == 0: // a day without events
		case x < 5:
			n = 1 + r.IntN(4)
		default:
			n = 5 + r.IntN(20)
		}
		for c := range n {
			ev = append(ev, seedConversation(r, d, fmt.Sprintf("c%d-%d", i, c), r.IntN(60))...)
		}
		if r.IntN(7) == 0 {
			ev = append(ev, Event{Day: d, Kind: dialog.EventStaffJoined, Dims: map[string]string{"role": "counsellor"}},
				Event{Day: d, Kind: dialog.EventOfficeEdited, Dims: map[string]string{"field": "phone"}},
				Event{Day: d, Kind: dialog.EventOfficeConfirmed})
		}
		if r.IntN(20) == 0 {
			ev = append(ev, Event{Day: d, Kind: dialog.EventAnswered, Conversation: fmt.Sprintf("nostart-%d", i),
				PersonKey: "p-nostart", Dims: map[string]string{"step": "topic", "how": "button"}})
		}
	}
	// Started yesterday and the day before, going on today.
	for i, start := range []time.Time{yearToday.AddDate(0, 0, -1), yearToday.AddDate(0, 0, -2)} {
		conv := fmt.Sprintf("overnight-%d", i)
		ev = append(ev, Event{Day: start, Kind: dialog.EventStarted, Conversation: conv, PersonKey: "p-night",
			Dims: map[string]string{"lang": "ti", "source": "link"}},
			Event{Day: start.AddDate(0, 0, 1), Kind: dialog.EventAnswered, Conversation: conv, PersonKey: "p-night",
				Dims: map[string]string{"step": "age", "how": "text"}},
			Event{Day: yearToday, Kind: dialog.EventResult, Conversation: conv, PersonKey: "p-night",
				Dims: map[string]string{"lang": "ti", "topic": "work", "age_band": "27+", "place": "no"}})
	}
	record(t, st, ev)
}

var (
	seedLangs  = []string{"de", "ar", "uk", "fa-AF", "ti", "so"}
	seedTopics = []string{"residence", "work", "housing", "letters", "asylum"}
	seedSteps  = []string{"language", "age", "child", "topic", "place"}
)

// seedConversation is one conversation started on d by chat (person keys per month, as the
// runner makes them); it may stop at any step and go on the next day.
func seedConversation(r *rand.Rand, d time.Time, conv string, chat int) []Event {
	lang := seedLangs[r.IntN(len(seedLangs))]
	var out []Event
	add := func(kind dialog.EventKind, dims map[string]string) {
		out = append(out, Event{Day: d, Kind: kind, Conversation: conv,
			PersonKey: fmt.Sprintf("p%d-%s", chat, d.Format("2006-01")), Dims: dims})
	}
	add(dialog.EventStarted, map[string]string{"lang": lang, "source": []string{"direct", "link", "restart"}[r.IntN(3)]})
	overnight := -1
	if r.IntN(6) == 0 {
		overnight = r.IntN(len(seedSteps) + 1)
	}
	last := r.IntN(len(seedSteps) + 2)
	for i, step := range seedSteps {
		if i == overnight {
			d = d.AddDate(0, 0, 1)
		}
		if i >= last {
			return out
		}
		if step == "child" && r.IntN(3) > 0 {
			continue
		}
		if step == "topic" && r.IntN(4) == 0 {
			add(dialog.EventUnrecognizedTopic, map[string]string{"lang": lang})
		}
		add(dialog.EventAnswered, map[string]string{"step": step, "how": "button"})
		if step == "language" && r.IntN(10) == 0 {
			add(dialog.EventLanguageSwitched, map[string]string{"from": lang, "to": "en"})
		}
	}
	if last == len(seedSteps) {
		return out // stopped at the place question
	}
	if overnight == len(seedSteps) {
		d = d.AddDate(0, 0, 1)
	}
	topic := seedTopics[r.IntN(len(seedTopics))]
	add(dialog.EventResult, map[string]string{"lang": lang, "topic": topic, "age_band": "18-26", "place": "yes"})
	switch r.IntN(5) {
	case 0:
		add(dialog.EventNoResult, map[string]string{"topic": topic, "lang": lang})
	default:
		add(dialog.EventOfficeNamed, map[string]string{"office": fmt.Sprintf("office-%d", r.IntN(6))})
		add(dialog.EventServiceNamed, map[string]string{"office": "abh"})
	}
	if r.IntN(3) == 0 {
		add(dialog.EventMapShown, nil)
		add(dialog.EventFeedback, map[string]string{"answer": []string{"yes", "no"}[r.IntN(2)]})
	}
	if r.IntN(4) == 0 {
		d = d.AddDate(0, 0, r.IntN(2))
		add(dialog.EventAnswered, map[string]string{"step": "age", "how": "button"}) // went back to change the age
	}
	if r.IntN(15) == 0 {
		add(dialog.EventErased, nil)
	}
	return out
}

// periods are what staff ask for, on yearToday, and random ones around the seeded year.
func periods() [][2]time.Time {
	var out [][2]time.Time
	for _, key := range stats.Periods {
		from, to, _ := stats.Period(key, yearToday)
		out = append(out, [2]time.Time{from, to})
	}
	y := func(d int) time.Time { return yearToday.AddDate(0, 0, d) }
	out = append(out, [2]time.Time{y(-364), y(0)}, [2]time.Time{y(0), y(0)}, [2]time.Time{y(-1), y(-1)},
		[2]time.Time{y(-2), y(-1)}, [2]time.Time{y(-3), y(2)}, [2]time.Time{y(-800), y(-700)}, [2]time.Time{y(-420), y(5)})
	r := rand.New(rand.NewPCG(1, 1))
	for range 12 {
		a, b := -410+r.IntN(412), -410+r.IntN(412)
		out = append(out, [2]time.Time{y(min(a, b)), y(max(a, b))})
	}
	return out
}

// sameFigures fails when Figures differs from the reference computation from the events.
func sameFigures(t *testing.T, st *Store, stage string) {
	t.Helper()
	ctx := context.Background()
	for _, p := range periods() {
		want, err := st.referenceFigures(ctx, p[0], p[1])
		if err != nil {
			t.Fatal(err)
		}
		got, err := st.Figures(ctx, p[0], p[1])
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s, %s..%s: %s", stage, date(p[0]), date(p[1]), figuresDiff(&got, &want))
		}
	}
}

// figuresDiff says how two figures differ, briefly.
func figuresDiff(got, want *stats.Figures) string {
	if got.People != want.People || got.PeopleApprox != want.PeopleApprox {
		return fmt.Sprintf("people %d (approx %v), want %d (approx %v)", got.People, got.PeopleApprox, want.People, want.PeopleApprox)
	}
	if !reflect.DeepEqual(got.DropOff, want.DropOff) {
		return fmt.Sprintf("drop-off %v, want %v", got.DropOff, want.DropOff)
	}
	if len(got.Rows) != len(want.Rows) {
		return fmt.Sprintf("%d rows, want %d", len(got.Rows), len(want.Rows))
	}
	for i := range got.Rows {
		if got.Rows[i] != want.Rows[i] {
			return fmt.Sprintf("row %d is %+v, want %+v", i, got.Rows[i], want.Rows[i])
		}
	}
	return fmt.Sprintf("%+v, want %+v", got, want)
}

// The figures from the roll-ups and today's events are the figures the events give, for
// every period, before anything is rolled up, with part of the year rolled up, after the
// months are closed and the year is rolled up, and after rolling up again.
func TestRollUpsGiveTheSameFigures(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	seedRollupYear(t, st)
	sameFigures(t, st, "nothing rolled up")

	var first time.Time
	if err := st.db.GetContext(ctx, &first, `SELECT min(day) FROM events`); err != nil {
		t.Fatal(err)
	}
	if n, err := st.RollUp(ctx, yearToday.AddDate(0, 0, -150)); err != nil || n != daysBetween(first.UTC(), yearToday)-150 {
		t.Fatalf("RollUp up to 150 days ago = %d days, %v; want from the first event on, %s", n, err, date(first))
	}
	sameFigures(t, st, "rolled up to 150 days ago")

	if _, err := st.RollOverMonths(ctx, yearToday); err != nil {
		t.Fatal(err)
	}
	if n, err := st.RollUp(ctx, yearToday); err != nil || n != 150 {
		t.Fatalf("RollUp up to today = %d days, %v; want 150", n, err)
	}
	sameFigures(t, st, "months closed, rolled up to today")
	seedCovers(t, st)

	if n, err := st.RollUp(ctx, yearToday); err != nil || n != 0 {
		t.Errorf("a second RollUp = %d days, %v; want none", n, err)
	}
	if n, err := st.RecomputeRollUps(ctx, yearToday.AddDate(0, 0, -500)); err != nil || n != 500 {
		t.Errorf("RecomputeRollUps = %d days, %v; want 500", n, err)
	}
	sameFigures(t, st, "recomputed")

	// Reset, as the README tells operators: every day is rolled up afresh.
	if _, err := st.db.ExecContext(ctx, `DELETE FROM stats_rollup`); err != nil {
		t.Fatal(err)
	}
	if n, err := st.RollUp(ctx, yearToday); err != nil || n != daysBetween(first.UTC(), yearToday) {
		t.Errorf("RollUp after a reset = %d days, %v; want every day from the first event on", n, err)
	}
	sameFigures(t, st, "reset and rolled up again")
}

// seedCovers fails when the seeded year misses a case the comparison is meant to cover.
func seedCovers(t *testing.T, st *Store) {
	t.Helper()
	ctx := context.Background()
	year, err := st.Figures(ctx, yearToday.AddDate(0, 0, -364), yearToday)
	if err != nil {
		t.Fatal(err)
	}
	small, empty := 0, 0
	for _, r := range year.Rows {
		if r.Count.Small() {
			small++
		}
	}
	for _, n := range year.Daily("conversations", "all") {
		if n == 0 {
			empty++
		}
	}
	if small == 0 || empty == 0 || !year.PeopleApprox {
		t.Errorf("the year has %d small counts, %d days without conversations, people approx %v", small, empty, year.PeopleApprox)
	}
	// Started yesterday, reached a result today: counted by how far it got in the period.
	yesterday, _ := st.Figures(ctx, yearToday.AddDate(0, 0, -1), yearToday.AddDate(0, 0, -1))
	both, _ := st.Figures(ctx, yearToday.AddDate(0, 0, -1), yearToday)
	if both.DropOff["result"] <= yesterday.DropOff["result"] {
		t.Errorf("a result reached after midnight is not counted: %v yesterday, %v with today", yesterday.DropOff, both.DropOff)
	}
	var rolled, closed, open int
	if err := st.db.GetContext(ctx, &rolled, `SELECT count(*) FROM stats_daily`); err != nil || rolled == 0 {
		t.Errorf("stats_daily has %d rows (%v)", rolled, err)
	}
	// Person keys are kept for the open month only, in the roll-ups as in the events.
	if err := st.db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE day < '2026-11-01'), count(*) FILTER (WHERE day >= '2026-11-01')
		FROM people_days`).Scan(&closed, &open); err != nil || closed != 0 || open == 0 {
		t.Errorf("people_days holds %d keys of closed months, %d of the open one (%v)", closed, open, err)
	}
}

// An event written for a day already rolled up is missing from the figures until the day
// is rolled up again; then it counts once.
func TestRecomputeRollUpsTakesLateEvents(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	knownEvents(t, st)
	if _, err := st.RollUp(ctx, day("2026-11-03")); err != nil {
		t.Fatal(err)
	}
	record(t, st, conversationEvents("2026-11-02", "late", "p-late", 5, map[string]string{"lang": "uk", "topic": "work"}, "", ""))
	from, to := day("2026-11-01"), day("2026-11-03")
	before, _ := st.Figures(ctx, from, to)
	if before.Conversations != 8 {
		t.Errorf("before recomputing: %d conversations, want the 8 rolled up", before.Conversations)
	}
	for range 2 {
		if n, err := st.RecomputeRollUps(ctx, day("2026-11-02")); err != nil || n != 1 {
			t.Fatalf("RecomputeRollUps = %d days, %v; want 1", n, err)
		}
		after, _ := st.Figures(ctx, from, to)
		want, _ := st.referenceFigures(ctx, from, to)
		if after.Conversations != 9 || after.Completed != 8 || after.People != 8 || !reflect.DeepEqual(after, want) {
			t.Errorf("after recomputing: %s", figuresDiff(&after, &want))
		}
	}
}

// Replicas rolling up at the same moment roll each day up once.
func TestRollUpRunsOnceAcrossReplicas(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	knownEvents(t, st)
	var wg sync.WaitGroup
	days := make([]int, 4)
	for i := range days {
		wg.Go(func() {
			n, err := st.RollUp(ctx, day("2026-11-03"))
			if err != nil {
				t.Error(err)
			}
			days[i] = n
		})
	}
	wg.Wait()
	total := 0
	for _, n := range days {
		total += n
	}
	if total != 4 {
		t.Errorf("days rolled up per replica %v; want 4 (2026-10-30 to 2026-11-02) in all", days)
	}
	var n int
	if err := st.db.GetContext(ctx, &n, `SELECT sum(n) FROM stats_daily WHERE dim = 'conversations'`); err != nil || n != 9 {
		t.Errorf("%d conversations rolled up (%v), want 9", n, err)
	}
}

// The events of conversations that ended before the retention and the roll-ups' reach lose
// their conversation id, unless a stored conversation goes on with it or it runs past that
// day; the figures of every period stay as they were, also after the roll-ups are reset and
// rolled up again, and a recomputation leaves the days rolled up for good alone.
func TestUnlinkingEndedConversationsKeepsTheFigures(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	seedRollupYear(t, st)
	horizon := yearToday.AddDate(0, 0, -30)
	// A conversation that ended long ago in a chat still stored, and one that runs across
	// the horizon.
	record(t, st, []Event{
		{Day: yearToday.AddDate(0, 0, -200), Kind: dialog.EventStarted, Conversation: "live-old", PersonKey: "p-live",
			Dims: map[string]string{"lang": "so", "source": "direct"}},
		{Day: horizon.AddDate(0, 0, -2), Kind: dialog.EventStarted, Conversation: "across", PersonKey: "p-across",
			Dims: map[string]string{"lang": "ps", "source": "direct"}},
		{Day: horizon.AddDate(0, 0, 1), Kind: dialog.EventAnswered, Conversation: "across", PersonKey: "p-across",
			Dims: map[string]string{"step": "age", "how": "text"}},
	})
	if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "chat-live", State: []byte(`{"lang":"so","conv":"live-old"}`)}); err != nil {
		t.Fatal(err)
	}
	if n, err := st.UnlinkEnded(ctx, horizon); err != nil || n != 0 {
		t.Fatalf("UnlinkEnded before any roll-up = %d, %v; want nothing unlinked", n, err)
	}
	if _, err := st.RollOverMonths(ctx, yearToday); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RollUp(ctx, yearToday); err != nil {
		t.Fatal(err)
	}
	want := map[[2]time.Time]stats.Figures{}
	for _, p := range periods() {
		f, err := st.Figures(ctx, p[0], p[1])
		if err != nil {
			t.Fatal(err)
		}
		want[p] = f
	}
	same := func(stage string) {
		t.Helper()
		for _, p := range periods() {
			got, err := st.Figures(ctx, p[0], p[1])
			if err != nil {
				t.Fatal(err)
			}
			if w := want[p]; !reflect.DeepEqual(got, w) {
				t.Errorf("%s, %s..%s: %s", stage, date(p[0]), date(p[1]), figuresDiff(&got, &w))
			}
		}
	}
	count := func(query string) int {
		t.Helper()
		var n int
		if err := st.db.GetContext(ctx, &n, query, date(horizon)); err != nil {
			t.Fatal(err)
		}
		return n
	}
	const linkedAfter = `SELECT count(*) FROM events WHERE day >= $1 AND conversation <> ''`
	after := count(linkedAfter)

	n, err := st.UnlinkEnded(ctx, horizon)
	if err != nil || n == 0 {
		t.Fatalf("UnlinkEnded = %d, %v; want the ended conversations' events unlinked", n, err)
	}
	if left := count(`SELECT count(*) FROM events e WHERE e.day < $1 AND e.conversation NOT IN ('', 'live-old')
		AND NOT EXISTS (SELECT 1 FROM events f WHERE f.conversation = e.conversation AND f.day >= $1)`); left != 0 {
		t.Errorf("%d events of conversations that ended before the horizon are still linked", left)
	}
	if got := count(`SELECT count(*) FROM events WHERE conversation = 'live-old' AND day < $1`); got != 1 {
		t.Errorf("the conversation a stored chat goes on with has %d linked events, want 1", got)
	}
	if got := count(`SELECT count(*) FROM events WHERE conversation = 'across' AND day < $1`); got != 1 {
		t.Errorf("the conversation running across the horizon has %d linked events before it, want 1", got)
	}
	if got := count(linkedAfter); got != after {
		t.Errorf("%d events on or after the horizon are linked, want %d as before", got, after)
	}
	same("unlinked")

	if n, err := st.UnlinkEnded(ctx, horizon); err != nil || n != 0 {
		t.Errorf("UnlinkEnded again = %d, %v; want nothing more", n, err)
	}
	if n, err := st.RecomputeRollUps(ctx, yearToday.AddDate(0, 0, -500)); err != nil || n != 30 {
		t.Errorf("RecomputeRollUps = %d days, %v; want the 30 after the horizon", n, err)
	}
	same("recomputed")
	if _, err := st.db.ExecContext(ctx, `DELETE FROM stats_rollup`); err != nil {
		t.Fatal(err)
	}
	same("roll-ups reset")
	if n, err := st.RollUp(ctx, yearToday); err != nil || n != 30 {
		t.Errorf("RollUp after a reset = %d days, %v; want the 30 after the horizon", n, err)
	}
	same("reset and rolled up again")
}
