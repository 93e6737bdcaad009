package handover_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/handover"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
)

// colleague adds a second counsellor (Telegram 201) to mbe-a.
func (f *fixture) colleague(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	code, err := staff.Invite(ctx, f.st, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-a"}}, f.now)
	if err != nil {
		t.Fatal(err)
	}
	m, err := f.st.RedeemInvitation(ctx, staff.HashCode(code), 201, "Colleague", f.now)
	if err != nil {
		t.Fatal(err)
	}
	f.staff[201] = m
}

func (f *fixture) take(t *testing.T, th handover.Thread, tg int64) dialog.Output {
	t.Helper()
	o, _ := f.st.Office(context.Background(), th.Office)
	var out dialog.Output
	if _, err := f.e.Take(context.Background(), th, o, f.actor(tg), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// revoke ends the staff account of Telegram user tg.
func (f *fixture) revoke(t *testing.T, tg int64) {
	t.Helper()
	if err := f.st.RevokeStaff(context.Background(), staff.Actor{}, f.staff[tg].ID); err != nil {
		t.Fatal(err)
	}
}

func count(evs []dialog.Event, kind dialog.EventKind) int {
	n := 0
	for _, e := range evs {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

// A conversation quiet for four weeks when its counsellor left is given back to the office,
// the newcomer told "a colleague will take it": days later it is still there for the
// colleague (the retention counts from its return, not from its last message).
func TestAThreadGivenBackIsNotErasedAtOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.colleague(t)
	th := f.request(t, 1, "mbe-a", "Hilfe")
	f.take(t, th, 101)
	f.now = f.now.AddDate(0, 0, 28) // the conversation rests; then the counsellor leaves
	f.revoke(t, 101)
	out, err := f.e.Due(ctx, f.now)
	if err != nil || !has(to(out, 1), "handover.returned") {
		t.Fatalf("given back: %v, %v", to(out, 1), err)
	}
	f.now = f.now.AddDate(0, 0, 3) // within the working days the colleagues have to take it
	out, err = f.e.Due(ctx, f.now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.Thread(ctx, th.ID); errors.Is(err, handover.ErrGone) {
		t.Errorf("the request given back three days ago is erased (the newcomer was told %v)", to(out, 1))
	}
}

// One request, given back and taken by a colleague, is counted as taken once: the report's
// "asked / taken / ..." adds up.
func TestAThreadGivenBackIsCountedOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.colleague(t)
	var events []dialog.Event
	f.do(t, 1, ask("mbe-a"))
	f.do(t, 1, typed("Hilfe"))
	out, _ := f.do(t, 1, tap("ho:send"))
	events = append(events, out.Events...)
	threads, _ := f.st.ThreadsOf(ctx, f.chat(1).Key)
	th := threads[0]
	events = append(events, f.take(t, th, 101).Events...)
	f.revoke(t, 101)
	f.now = f.now.Add(time.Hour)
	due, err := f.e.Due(ctx, f.now)
	if err != nil {
		t.Fatal(err)
	}
	events = append(events, due.Events...)
	th, _ = f.st.Thread(ctx, th.ID)
	events = append(events, f.take(t, th, 201).Events...)
	req, taken := count(events, dialog.EventHandoverRequested), count(events, dialog.EventHandoverTaken)
	if taken > req {
		t.Errorf("one request: %d requested, %d taken", req, taken)
	}
}

// racing is the store as seen by a replica that loses the race: the other replica (the hourly
// work) gives the thread back between this one reading it and giving it back itself.
type racing struct{ *store.Store }

func (r racing) Requeue(ctx context.Context, t handover.Thread, at time.Time) (bool, error) {
	if _, err := r.Store.Requeue(ctx, t, at); err != nil {
		return false, err
	}
	return false, nil
}

// A newcomer who writes while another replica gives the thread back is told where it is.
func TestWritingWhileAnotherReplicaGivesTheThreadBack(t *testing.T) {
	f := newFixture(t)
	f.colleague(t)
	th := f.request(t, 1, "mbe-a", "Hilfe")
	f.take(t, th, 101)
	f.revoke(t, 101)
	f.e.Store = racing{f.st}
	out, _ := f.do(t, 1, typed("Hallo, ist da jemand?"))
	if len(out.Messages) == 0 {
		t.Errorf("the newcomer's message is answered with nothing: %+v", out)
	}
}
