package jobs

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/storetest"
)

type notifier struct {
	mu   sync.Mutex
	sent map[int64][]dialog.Message
}

func (n *notifier) Notify(_ context.Context, chatID int64, _ string, m dialog.Message) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.sent[chatID] = append(n.sent[chatID], m)
	return nil
}

func newStore(t *testing.T, csv string) *store.Store { return storetest.New(t, csv) }

func TestReminderOncePerWeek(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, directorytest.File(
		"old,mbe,Old entry,,,,,,,,,,,,,,,,,2026-01-10",
		"fresh,mbe,Fresh entry,,,,,,,,,,,,,,,,,2026-11-01",
		"never,jmd,Never confirmed,,,,,,,,,,,,,,,,,",
		"orphan,jmd,No counsellor,,,,,,,,,,,,,,,,,"))
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	for i, offices := range [][]string{{"old", "fresh"}, {"never"}, {"old"}} {
		code, err := staff.Invite(ctx, st, staff.Invitation{Role: staff.RoleCounsellor, Offices: offices}, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.RedeemInvitation(ctx, staff.HashCode(code), int64(100+i), "C", now); err != nil {
			t.Fatal(err)
		}
	}
	n := &notifier{sent: map[int64][]dialog.Message{}}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	key := func(id int64) string { return "k" }
	sent, err := Remind(ctx, st, n, key, now, log)
	if err != nil || sent != 3 {
		t.Fatalf("first run sent %d, %v; want 3 (old to two counsellors, never to one)", sent, err)
	}
	if len(n.sent[100]) != 1 || len(n.sent[101]) != 1 || len(n.sent[102]) != 1 {
		t.Errorf("sent = %v", n.sent)
	}
	if got := n.sent[101][0].Lines[0].ID; got != "staff.reminder_never" {
		t.Errorf("the never-confirmed office's reminder is %s", got)
	}
	for _, later := range []time.Duration{time.Hour, 6 * 24 * time.Hour} {
		if sent, err := Remind(ctx, st, n, key, now.Add(later), log); err != nil || sent != 0 {
			t.Errorf("after %v: sent %d, %v; want none within the week", later, sent, err)
		}
	}
	if sent, err := Remind(ctx, st, n, key, now.Add(7*24*time.Hour+time.Minute), log); err != nil || sent != 3 {
		t.Errorf("a week later: sent %d, %v; want 3 again", sent, err)
	}
}

// Two replicas running the job at the same moment send each reminder once.
func TestReminderRunsOnceAcrossReplicas(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, directorytest.File("old,mbe,Old entry,,,,,,,,,,,,,,,,,2026-01-10"))
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	code, _ := staff.Invite(ctx, st, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"old"}}, now)
	if _, err := st.RedeemInvitation(ctx, staff.HashCode(code), 100, "C", now); err != nil {
		t.Fatal(err)
	}
	n := &notifier{sent: map[int64][]dialog.Message{}}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := Remind(ctx, st, n, func(int64) string { return "k" }, now, log); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if len(n.sent[100]) != 1 {
		t.Errorf("%d reminders sent by 8 concurrent runs, want 1", len(n.sent[100]))
	}
}

func TestRetentionDeletesOldConversationsOnly(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, "") // no offices
	for _, key := range []string{"old", "new"} {
		if _, err := st.WriteTurn(ctx, store.TurnWrite{ChatKey: key, State: []byte(`{"lang":"de"}`)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.AgeConversation(ctx, "old", 31*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	n, err := Retain(ctx, st, 30, time.Now())
	if err != nil || n != 1 {
		t.Fatalf("Retain = %d, %v; want 1", n, err)
	}
	if lang, _ := st.ConversationLang(ctx, "new"); lang != "de" {
		t.Error("a recent conversation was deleted")
	}
	if lang, _ := st.ConversationLang(ctx, "old"); lang != "" {
		t.Error("an old conversation was kept")
	}
}

// The statistics job rolls up the days that are over where the offices are, an hour after
// midnight, each once.
func TestStatisticsRollsUpClosedDaysOnce(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, "") // no offices
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	var events []store.Event
	for _, d := range []string{"2026-11-23", "2026-11-24", "2026-11-25"} {
		day, _ := time.Parse(time.DateOnly, d)
		events = append(events, store.Event{Day: day, Kind: dialog.EventStarted, Conversation: "c" + d, PersonKey: "p",
			Dims: map[string]string{"lang": "de", "source": "direct"}})
	}
	if _, err := st.WriteTurn(ctx, store.TurnWrite{ChatKey: "chat", State: []byte(`{}`), Events: events}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		now  time.Time
		days int
	}{
		{time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC), 1}, // 00:30 on the 25th in Berlin: the 24th may still get events
		{time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC), 1},   // 02:00: the 24th is over
		{time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), 0},
	} {
		r, err := Statistics(ctx, st, c.now, berlin, 30)
		if err != nil || r.Days != c.days {
			t.Errorf("at %s: rolled up %d days, %v; want %d", c.now.In(berlin).Format(time.DateTime), r.Days, err, c.days)
		}
	}
	from, _ := time.Parse(time.DateOnly, "2026-11-23")
	to, _ := time.Parse(time.DateOnly, "2026-11-25")
	f, err := st.Figures(ctx, from, to)
	if err != nil || f.Conversations != 3 || len(f.Daily("conversations", "all")) != 3 {
		t.Errorf("figures after the roll-ups: %d conversations, %v; want 3", f.Conversations, err)
	}
}

// The statistics job takes their conversation id from the events of conversations that ended
// before the retention, once their days are rolled up, and keeps their figures.
func TestStatisticsUnlinksEndedConversations(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, "") // no offices
	old, _ := time.Parse(time.DateOnly, "2026-10-01")
	recent, _ := time.Parse(time.DateOnly, "2026-11-20")
	events := []store.Event{
		{Day: old, Kind: dialog.EventStarted, Conversation: "c-old", PersonKey: "p", Dims: map[string]string{"lang": "ti", "source": "direct"}},
		{Day: recent, Kind: dialog.EventStarted, Conversation: "c-recent", PersonKey: "p", Dims: map[string]string{"lang": "ti", "source": "direct"}},
	}
	if _, err := st.WriteTurn(ctx, store.TurnWrite{ChatKey: "chat", State: []byte(`{"lang":"ti"}`), Events: events}); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	r, err := Statistics(ctx, st, now, time.UTC, 30)
	if err != nil || r.Unlinked != 1 {
		t.Errorf("Statistics unlinked %d events, %v; want the one of the conversation that ended before the retention", r.Unlinked, err)
	}
	if r, err := Statistics(ctx, st, now, time.UTC, 30); err != nil || r.Unlinked != 0 {
		t.Errorf("a second run unlinked %d events, %v; want none", r.Unlinked, err)
	}
	f, err := st.Figures(ctx, old, recent)
	if err != nil || f.Conversations != 2 {
		t.Errorf("figures after unlinking: %d conversations, %v; want 2", f.Conversations, err)
	}
}
