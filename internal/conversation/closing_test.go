package conversation_test

import (
	"slices"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// An office with a waiting list whose closure is announced for next week says both: the
// closure to come and the waiting list.
func TestClosureAheadKeepsTheWaitingList(t *testing.T) {
	from, until, weeks := time.Date(2026, 12, 23, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC), 6
	ahead := directory.Office{ID: "mbe-ahead", Kind: directory.KindMBE, Name: "MBE Ahead", Phone: "0561 1",
		ClosedFrom: &from, ClosedUntil: &until, Waiting: &weeks}
	e := newEngine(t, directory.NewSnapshot([]directory.Office{ahead}, 1))
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	e.Hours.Zone = berlin
	e.Now = func() time.Time { return time.Date(2026, 12, 14, 10, 0, 0, 0, berlin) }
	_, out := run(t, e, conversation.State{}, ins(tap("lang:de"), tap("age:27+"), tap("topic:work"), tap("place:skip")))
	block := officeBlock(t, out, "MBE Ahead")
	has := func(id string) bool {
		return slices.ContainsFunc(block, func(l dialog.Text) bool { return l.ID == id })
	}
	if !has("office.closing") || !has("office.waiting") {
		t.Errorf("closing said %v, waiting list said %v", has("office.closing"), has("office.waiting"))
	}
}
