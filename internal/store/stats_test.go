package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"image/png"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/stats"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// conversationEvents is what one conversation writes, step by step.
func conversationEvents(d, conv, person string, lastStep int, result map[string]string, office, feedback string) []Event {
	ev := func(kind dialog.EventKind, dims map[string]string) Event {
		return Event{Day: day(d), Kind: kind, Conversation: conv, PersonKey: person, Dims: dims}
	}
	out := []Event{ev("started", map[string]string{"lang": result["lang"], "source": "direct"})}
	for i, step := range []string{"language", "age", "topic", "place"} {
		if i+1 > lastStep {
			return out
		}
		out = append(out, ev("answered", map[string]string{"step": step, "how": "button"}))
	}
	out = append(out, ev("result", result))
	if office != "" {
		out = append(out, ev("office_named", map[string]string{"office": office}))
	}
	if feedback != "" {
		out = append(out, ev("feedback", map[string]string{"answer": feedback}))
	}
	return out
}

func record(t testing.TB, st *Store, events []Event) {
	t.Helper()
	if err := st.inTx(context.Background(), func(tx *sqlx.Tx) error { return insertEvents(context.Background(), tx, events) }); err != nil {
		t.Fatal(err)
	}
}

func knownEvents(t *testing.T, st *Store) {
	t.Helper()
	var ev []Event
	ev = append(ev, conversationEvents("2026-11-01", "c1", "p1", 5, map[string]string{"lang": "ar", "topic": "housing", "age_band": "18-26", "place": "no"}, "jmd-a", "yes")...)
	ev = append(ev, Event{Day: day("2026-11-01"), Kind: dialog.EventServiceNamed, Conversation: "c1", PersonKey: "p1", Dims: map[string]string{"office": "abh"}})
	ev = append(ev, conversationEvents("2026-11-01", "c2", "p1", 2, map[string]string{"lang": "ar"}, "", "")...)
	for i := 3; i <= 8; i++ {
		ev = append(ev, conversationEvents("2026-11-02", fmt.Sprintf("c%d", i), fmt.Sprintf("p%d", i-1), 5,
			map[string]string{"lang": "de", "topic": "residence", "age_band": "27+", "place": "yes"}, "mbe-a", "no")...)
		reason := map[bool]string{true: "language", false: "phone"}[i == 8]
		ev = append(ev, Event{Day: day("2026-11-02"), Kind: dialog.EventFeedbackReason, Conversation: fmt.Sprintf("c%d", i),
			PersonKey: fmt.Sprintf("p%d", i-1), Dims: map[string]string{"reason": reason}})
	}
	ev = append(ev, conversationEvents("2026-10-30", "c9", "p8", 5, map[string]string{"lang": "ps", "topic": "asylum", "age_band": "27+", "place": "no"}, "", "")...)
	ev = append(ev, Event{Day: day("2026-10-30"), Kind: dialog.EventNoResult, Conversation: "c9", PersonKey: "p8", Dims: map[string]string{"topic": "asylum", "lang": "ps"}})
	record(t, st, ev)
}

func TestFiguresWithKnownAnswers(t *testing.T) {
	st := newStore(t)
	knownEvents(t, st)
	f, err := st.Figures(context.Background(), day("2026-11-01"), day("2026-11-02"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Conversations != 8 || f.Completed != 7 || f.People != 7 || f.PeopleApprox {
		t.Errorf("conversations %d, completed %d, people %d (approx %v); want 8, 7, 7", f.Conversations, f.Completed, f.People, f.PeopleApprox)
	}
	if f.DropOff["result"] != 7 || f.DropOff["age"] != 1 || len(f.DropOff) != 2 {
		t.Errorf("drop-off = %v", f.DropOff)
	}
	totals := func(dim string) map[string]stats.Count {
		m := map[string]stats.Count{}
		for _, r := range f.Total(dim) {
			m[r.Value] = r.Count
		}
		return m
	}
	want := map[string]map[string]stats.Count{
		"language": {"ar": 1, "de": 6}, "topic": {"housing": 1, "residence": 6}, "age_band": {"18-26": 1, "27+": 6},
		"office": {"jmd-a": 1, "mbe-a": 6}, "service": {"abh": 1}, "feedback": {"yes": 1, "no": 6},
		"feedback_reason": {"language": 1, "phone": 5},
	}
	for dim, w := range want {
		got := totals(dim)
		if fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("%s = %v, want %v", dim, got, w)
		}
	}
	if daily := f.Daily("conversations", "all"); len(daily) != 2 || daily[0] != 2 || daily[1] != 6 {
		t.Errorf("conversations per day = %v", daily)
	}
	october, _ := st.Figures(context.Background(), day("2026-10-01"), day("2026-10-31"))
	if got := october.Total("no_office"); len(got) != 1 || got[0].Value != "asylum / ps" || got[0].Count != 1 {
		t.Errorf("no suitable office = %v", got)
	}
}

// Counts from 1 to 4 leave as "<5" in the text and the chart, and as an empty, flagged cell
// in the CSV files; beside one alone in a breakdown, the smallest other leaves as "x", so that
// the total less the others does not give it.
func TestSmallCountsAreHidden(t *testing.T) {
	st := newStore(t)
	knownEvents(t, st)
	d, err := st.ReportData(context.Background(), day("2026-11-01"), day("2026-11-02"), day("2026-11-03"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := shippedCatalog()
	if err != nil {
		t.Fatal(err)
	}
	say := func(x dialog.Text) string { return cat.Render("en", x) }
	r := stats.Build(&d)
	var text strings.Builder
	for _, l := range stats.Text(r) {
		text.WriteString(say(l) + "\n")
	}
	for _, want := range []string{"People: 7", "Conversations: 8", "Conversations with a result: 7 (88 %)", "  Arabic: <5", "  German: x",
		"  jmd-a: <5", "  abh: <5", "  after the age: <5", "  Yes, it helped: <5", "  No: x", "  Phone or contact did not work: x", "  Language not offered: <5",
		"x: not shown, so that a number under 5 cannot be worked out from the totals."} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	// A count hidden alone is withheld with the smallest other above 0, unless every other
	// is 0 (the hidden one is then the section's whole, small itself or told by the totals).
	for _, s := range r.Sections {
		hidden, positive := 0, 0
		for _, it := range s.Items {
			switch {
			case it.Count.Hidden():
				hidden++
			case it.Count > 0:
				positive++
			}
		}
		if hidden == 1 && positive > 0 {
			t.Errorf("section %s hides one count alone: %+v", s.Key, s.Items)
		}
	}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"period": func(b *bytes.Buffer) error { return stats.WritePeriodCSV(b, r, say) },
		"daily":  func(b *bytes.Buffer) error { return stats.WriteDailyCSV(b, r, say) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF")))
		cr.Comma, cr.FieldsPerRecord = ';', -1
		records, err := cr.ReadAll()
		if err != nil {
			t.Fatalf("the %s CSV does not parse: %v", name, err)
		}
		small := 0
		for _, rec := range records[1:] {
			count, flag := rec[len(records[0])-2-boolInt(name == "period")], rec[len(records[0])-1-boolInt(name == "period")]
			if n, err := strconv.Atoi(count); err == nil && n >= 1 && n <= 4 {
				t.Errorf("%s CSV row shows a small count: %v", name, rec)
			}
			if flag == "1" && count == "" {
				small++
			}
		}
		if small == 0 {
			t.Errorf("no %s CSV row is suppressed", name)
		}
	}
	img, err := stats.Chart(r, say)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(img)); err != nil {
		t.Errorf("the chart is not a valid PNG: %v", err)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestMonthRolloverDropsKeysAndKeepsCounts(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	knownEvents(t, st)
	before, _ := st.Figures(ctx, day("2026-10-01"), day("2026-10-31"))
	dropped, err := st.RollOverMonths(ctx, day("2026-11-15"))
	if err != nil || dropped == 0 {
		t.Fatalf("rollover dropped %d keys, %v", dropped, err)
	}
	var keys int
	if err := st.db.GetContext(ctx, &keys, `SELECT count(*) FROM events WHERE day < '2026-11-01' AND person_key IS NOT NULL`); err != nil || keys != 0 {
		t.Errorf("%d person keys of October remain (%v)", keys, err)
	}
	if err := st.db.GetContext(ctx, &keys, `SELECT count(*) FROM events WHERE day >= '2026-11-01' AND person_key IS NOT NULL`); err != nil || keys == 0 {
		t.Errorf("November's keys were dropped before the month is over (%d, %v)", keys, err)
	}
	after, _ := st.Figures(ctx, day("2026-10-01"), day("2026-10-31"))
	if before.People != 1 || after.People != 1 || after.PeopleApprox || after.Conversations != before.Conversations {
		t.Errorf("October before %d people, after %d (approx %v)", before.People, after.People, after.PeopleApprox)
	}
	span, _ := st.Figures(ctx, day("2026-10-30"), day("2026-11-02"))
	if span.People != 8 {
		t.Errorf("people across the rollover = %d, want 8", span.People)
	}
	if again, err := st.RollOverMonths(ctx, day("2026-11-16")); err != nil || again != 0 {
		t.Errorf("a second rollover dropped %d keys, %v", again, err)
	}
	if after2, _ := st.Figures(ctx, day("2026-10-01"), day("2026-10-31")); after2.People != 1 {
		t.Errorf("a second rollover changed October's people to %d", after2.People)
	}
}

func TestRetentionKeepsStatistics(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	_, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "chat", State: []byte(`{}`),
		Events: conversationEvents("2026-11-01", "c1", "p1", 5, map[string]string{"lang": "de", "topic": "work"}, "", "")})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AgeConversation(ctx, "chat", 40*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	if n, err := st.DeleteInactive(ctx, time.Now().AddDate(0, 0, -30)); err != nil || n != 1 {
		t.Fatalf("DeleteInactive = %d, %v", n, err)
	}
	f, _ := st.Figures(ctx, day("2026-11-01"), day("2026-11-01"))
	if f.Conversations != 1 || f.Completed != 1 {
		t.Errorf("after retention: %d conversations, %d completed; want the statistics kept", f.Conversations, f.Completed)
	}
}

// TestStatisticsCountEveryEventKind fails when a kind the code records is missing from the
// statistics query, where a renamed kind would silently drop out of the figures.
func TestStatisticsCountEveryEventKind(t *testing.T) {
	for _, k := range dialog.EventKinds {
		if !strings.Contains(statsRows+statsDropOff, "kind = '"+string(k)+"'") && !strings.Contains(statsDropOff, "'"+string(k)+"'") {
			t.Errorf("event kind %q is recorded but not counted by statsRows", k)
		}
	}
}
