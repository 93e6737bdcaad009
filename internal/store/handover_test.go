package store

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/handover"
	"github.com/kassel/wegweiser/internal/staff"
)

// handoverStore has one office and two counsellor accounts, #1 and #2.
func handoverStore(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	st := newStore(t)
	if err := st.CreateOffice(ctx, staff.ImportActor, directory.Office{ID: "mbe-a", Kind: directory.KindMBE, Name: "MBE A"}); err != nil {
		t.Fatal(err)
	}
	for _, tg := range []int64{11, 12} {
		if err := st.CreateInvitation(ctx, []byte{byte(tg)}, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-a"}}, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.RedeemInvitation(ctx, []byte{byte(tg)}, tg, "C", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func newThread(t *testing.T, st *Store, chatKey string, at time.Time) handover.Thread {
	t.Helper()
	th, err := st.CreateThread(context.Background(), handover.NewThread{Office: "mbe-a", ChatKey: chatKey, Chat: []byte{1},
		Request: []byte{2}, Lang: "ar", AgeBand: "27+", Topic: "housing", At: at})
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// Two counsellors taking the same request at once: exactly one owns it, and the audit log
// says so once.
func TestTakeThreadFirstComeFirstServed(t *testing.T) {
	ctx := context.Background()
	st := handoverStore(t)
	th := newThread(t, st, "k1", time.Now())
	owners := make([]int64, 2)
	var wg sync.WaitGroup
	for i := range owners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := st.TakeThread(ctx, th.ID, int64(i+1), "C", time.Now())
			if err != nil {
				t.Error(err)
			}
			owners[i] = got.Owner
		}()
	}
	wg.Wait()
	if owners[0] == 0 || owners[0] != owners[1] {
		t.Errorf("owners seen: %v", owners)
	}
	audit, _ := st.Audit(ctx, "mbe-a", time.Time{}, 0)
	taken := 0
	for _, a := range audit {
		if a.Field == "handover" {
			taken++
		}
	}
	if taken != 1 {
		t.Errorf("%d audit entries for one take", taken)
	}
}

// A request is stored once per newcomer and office; ending deletes it, once.
func TestThreadLifecycle(t *testing.T) {
	ctx := context.Background()
	st := handoverStore(t)
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	th := newThread(t, st, "k1", start)
	if again := newThread(t, st, "k1", start.Add(time.Minute)); again.ID != th.ID {
		t.Errorf("the same request stored twice: %d, %d", th.ID, again.ID)
	}
	if ok, err := st.ClaimReminder(ctx, th.ID, start); err != nil || !ok {
		t.Fatalf("reminder claim: %v, %v", ok, err)
	}
	if ok, _ := st.ClaimReminder(ctx, th.ID, start); ok {
		t.Error("a reminder was claimed twice")
	}
	r := handover.Rate{Since: start, Count: 3}
	if err := st.CountMessage(ctx, th.ID, handover.SideCounsellor, r, start.Add(time.Hour), ""); err != nil {
		t.Fatal(err)
	}
	got, err := st.Thread(ctx, th.ID)
	if err != nil || got.Rates[handover.SideCounsellor].Count != 3 || got.Rates[handover.SideNewcomer].Count != 0 ||
		!got.LastMessageAt.Equal(start.Add(time.Hour)) || got.Lang != "ar" || got.RemindedAt == nil {
		t.Errorf("after counting: %+v, %v", got, err)
	}
	for i, want := range []bool{true, false} {
		if ended, err := st.EndThread(ctx, got, 1, "C", handover.EndClosed); err != nil || ended != want {
			t.Errorf("ending #%d: %v, %v", i+1, ended, err)
		}
	}
	if _, err := st.Thread(ctx, th.ID); !handover.IsGone(err) {
		t.Errorf("an ended thread: %v", err)
	}
}

// Retention erases threads idle since before and blocks that have ended, nothing else.
func TestEraseIdle(t *testing.T) {
	ctx := context.Background()
	st := handoverStore(t)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	old := newThread(t, st, "old", now.AddDate(0, 0, -31))
	fresh := newThread(t, st, "fresh", now.AddDate(0, 0, -29))
	for key, until := range map[string]time.Time{"old": now.AddDate(0, 0, -1), "fresh": now.AddDate(0, 0, 1)} {
		if err := st.BlockChat(ctx, "mbe-a", key, until); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := st.EraseIdle(ctx, now.AddDate(0, 0, -30), now); err != nil || n != 1 {
		t.Fatalf("erased %d, %v", n, err)
	}
	if _, err := st.Thread(ctx, old.ID); !handover.IsGone(err) {
		t.Error("an idle thread was kept")
	}
	if _, err := st.Thread(ctx, fresh.ID); err != nil {
		t.Error("a recent thread was erased")
	}
	var blocks []string
	if err := st.db.SelectContext(ctx, &blocks, `SELECT chat_key FROM handover_blocks`); err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 1 || blocks[0] != "fresh" {
		t.Errorf("blocks kept: %v, want only the one not ended", blocks)
	}
}
