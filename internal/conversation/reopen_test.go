package conversation_test

import (
	"slices"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// Under a closed or full office the result offers "tell me when it reopens"; the tap asks
// for the consent, saying what is kept; only the consent to that very question puts the
// office into the output for the runner to keep; "no" keeps nothing; a consent tapped out of
// turn is stale. An open office offers nothing.
func TestReopenNeedsExplicitConsent(t *testing.T) {
	until := time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC)
	closed := directory.Office{ID: "mbe-closed", Kind: directory.KindMBE, Name: "MBE Closed", ClosedUntil: &until}
	open := directory.Office{ID: "mbe-open", Kind: directory.KindMBE, Name: "MBE Open"}
	e := newEngine(t, directory.NewSnapshot([]directory.Office{closed, open}, 1))
	e.Reopen = true
	e.Now = func() time.Time { return time.Date(2027, 1, 5, 10, 0, 0, 0, time.UTC) }
	s, out := run(t, e, conversation.State{}, ins(tap("lang:ar"), tap("age:27+"), tap("topic:work"), tap("place:skip")))
	var offered []string
	for _, m := range out.Messages {
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Label.ID == "button.notify" {
					offered = append(offered, b.Data)
				}
			}
		}
	}
	if want := []string{ntfOf("mbe-closed")}; !slices.Equal(offered, want) {
		t.Fatalf("offered %v, want only %v (under the closed office)", offered, want)
	}
	if _, out := run(t, e, s, ins(tap("res:ntfy"+directory.Ref("mbe-closed")))); !slices.Contains(said(out), "stale") || len(out.Reopen) != 0 {
		t.Errorf("a consent without its question was taken: %v %v", said(out), out.Reopen)
	}
	asked, out := run(t, e, s, ins(tap(offered[0])))
	if !slices.Contains(said(out), "notify.ask") || asked.ReopenAsk != "mbe-closed" || len(out.Reopen) != 0 {
		t.Fatalf("the tap did not ask for consent: %v", said(out))
	}
	declined, out := run(t, e, asked, ins(tap("res:ntfn")))
	if !slices.Contains(said(out), "notify.declined") || len(out.Reopen) != 0 || declined.ReopenAsk != "" {
		t.Errorf("no: %v %v", said(out), out.Reopen)
	}
	_, out = run(t, e, asked, ins(tap("res:ntfy"+directory.Ref("mbe-closed"))))
	if !slices.Contains(said(out), "notify.done") || !slices.Equal(out.Reopen, []string{"mbe-closed"}) {
		t.Errorf("yes: %v %v", said(out), out.Reopen)
	}
	// The open office offers nothing, and forged data for it asks nothing.
	if _, out := run(t, e, s, ins(tap(ntfOf("mbe-open")))); slices.Contains(said(out), "notify.ask") || !slices.Contains(said(out), "stale") {
		t.Errorf("asked about an open office: %v", said(out))
	}
	// Once the closed office has reopened, its old button asks nothing either.
	e.Now = func() time.Time { return time.Date(2027, 1, 7, 10, 0, 0, 0, time.UTC) }
	if _, out := run(t, e, s, ins(tap(offered[0]))); slices.Contains(said(out), "notify.ask") {
		t.Errorf("asked about a reopened office: %v", said(out))
	}
	e.Now = func() time.Time { return time.Date(2027, 1, 5, 10, 0, 0, 0, time.UTC) }
	// Without the runner keeping requests, nothing is offered.
	e.Reopen = false
	_, out = run(t, e, conversation.State{}, ins(tap("lang:ar"), tap("age:27+"), tap("topic:work"), tap("place:skip")))
	if slices.ContainsFunc(out.Messages, func(m dialog.Message) bool {
		return slices.ContainsFunc(m.Buttons, func(r []dialog.Button) bool { return r[0].Label.ID == "button.notify" })
	}) {
		t.Error("offered without a runner that keeps requests")
	}
}
