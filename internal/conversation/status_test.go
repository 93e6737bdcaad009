package conversation_test

import (
	"slices"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// A temporarily closed office moves below the open one and says until when it is closed and
// from when it is open again (no "open now" while closed); a waiting list is said in weeks;
// both in the reader's language (Arabic here); once the closure is over, nothing of it shows.
func TestOfficeStatusInTheResult(t *testing.T) {
	until := time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC)
	weeks := 4
	closed := directory.Office{ID: "mbe-closed", Kind: directory.KindMBE, Name: "MBE Closed", Languages: []string{"ar"},
		Phone: "0561 1", OpeningHours: "Mo-Su 00:00-24:00", ClosedUntil: &until}
	waiting := directory.Office{ID: "mbe-waiting", Kind: directory.KindMBE, Name: "MBE Waiting", Phone: "0561 2", Waiting: &weeks}
	e := newEngine(t, directory.NewSnapshot([]directory.Office{closed, waiting}, 1))
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	e.Hours.Zone = berlin
	toResult := ins(tap("lang:ar"), tap("age:27+"), tap("topic:work"), tap("place:skip"))

	e.Now = func() time.Time { return time.Date(2027, 1, 6, 10, 0, 0, 0, berlin) }
	_, out := run(t, e, conversation.State{}, toResult)
	blocks := slices.DeleteFunc(officeBlocks(out), func(b []dialog.Text) bool { return b[0].ID != "office.title" })
	if len(blocks) != 2 {
		t.Fatalf("%d offices named, want 2: %v", len(blocks), said(out))
	}
	if first := flat(blocks[0][0].Data["Name"].(dialog.Text)); first != "MBE Waiting" {
		t.Errorf("%s named first, want the open office before the closed one", first)
	}
	closedBlock := officeBlock(t, out, "MBE Closed")
	i := slices.IndexFunc(closedBlock, func(l dialog.Text) bool { return l.ID == "office.closed" })
	if i < 0 {
		t.Fatalf("the closed office does not say so: %v", closedBlock)
	}
	if got := flatData(closedBlock[i]); got != "{office.closed Date=06.01.2027 Next=07.01.2027}" {
		t.Errorf("closed line = %s", got)
	}
	if line, _ := openLine(closedBlock); line != "" {
		t.Errorf("a closed office says %s", line)
	}
	waitBlock := officeBlock(t, out, "MBE Waiting")
	if !slices.ContainsFunc(waitBlock, func(l dialog.Text) bool {
		w, ok := l.Data["Weeks"].(dialog.Text)
		return l.ID == "office.waiting" && ok && w.ID == "office.waiting_weeks" && w.Count == 4
	}) {
		t.Errorf("the waiting list is not said in weeks: %v", waitBlock)
	}

	e.Now = func() time.Time { return time.Date(2027, 1, 7, 10, 0, 0, 0, berlin) }
	_, out = run(t, e, conversation.State{}, toResult)
	if first := flat(officeBlocks(out)[0][0].Data["Name"].(dialog.Text)); first != "MBE Closed" {
		t.Errorf("after the closure %s is first, want the office that speaks Arabic", first)
	}
	if slices.Contains(said(out), "office.closed") {
		t.Error("an office whose closure is over still says it is closed")
	}
}

// A closure still to come is said from two weeks before its first day, with the office open
// and ranked as open until then; further ahead nothing of it shows.
func TestClosureAheadInTheResult(t *testing.T) {
	from, until := time.Date(2026, 12, 23, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC)
	ahead := directory.Office{ID: "mbe-ahead", Kind: directory.KindMBE, Name: "MBE Ahead", Languages: []string{"ar"},
		Phone: "0561 1", ClosedFrom: &from, ClosedUntil: &until, OpeningHours: "Mo-Fr 09:00-12:00"}
	other := directory.Office{ID: "mbe-other", Kind: directory.KindMBE, Name: "MBE Other", Phone: "0561 2"}
	e := newEngine(t, directory.NewSnapshot([]directory.Office{ahead, other}, 1))
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	e.Hours.Zone = berlin
	toResult := ins(tap("lang:ar"), tap("age:27+"), tap("topic:work"), tap("place:skip"))
	for _, c := range []struct {
		day  int
		want string
	}{{8, ""}, {9, "{office.closing Date=06.01.2027 From=23.12.2026 Next=07.01.2027}"}, {22, "{office.closing Date=06.01.2027 From=23.12.2026 Next=07.01.2027}"}, {23, "{office.closed Date=06.01.2027 Next=07.01.2027}"}} {
		e.Now = func() time.Time { return time.Date(2026, 12, c.day, 10, 0, 0, 0, berlin) }
		_, out := run(t, e, conversation.State{}, toResult)
		if first := flat(officeBlocks(out)[0][0].Data["Name"].(dialog.Text)); (c.day < 23) != (first == "MBE Ahead") {
			t.Errorf("December %d: %s named first", c.day, first)
		}
		block := officeBlock(t, out, "MBE Ahead")
		got := ""
		if i := slices.IndexFunc(block, func(l dialog.Text) bool { return l.ID == "office.closing" || l.ID == "office.closed" }); i >= 0 {
			got = flatData(block[i])
		}
		if got != c.want {
			t.Errorf("December %d: %q, want %q", c.day, got, c.want)
		}
	}
	// On the last working day before it, the office does not "open on Monday" but after it.
	e.Now = func() time.Time { return time.Date(2026, 12, 22, 18, 0, 0, 0, berlin) }
	_, out := run(t, e, conversation.State{}, toResult)
	if line, _ := openLine(officeBlock(t, out, "MBE Ahead")); line != "" && line != "{open.closed Next={open.next.date Date=07.01.2027 Time=09:00}}" {
		t.Errorf("the evening before the closure: %s", line)
	}
	e.Now = func() time.Time { return time.Date(2026, 12, 18, 18, 0, 0, 0, berlin) }
	_, out = run(t, e, conversation.State{}, toResult)
	if line, _ := openLine(officeBlock(t, out, "MBE Ahead")); line != "{open.closed Next={open.next.monday Time=09:00}}" {
		t.Errorf("a Friday before the closure: %s", line)
	}
}

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

// A closure says the day the office opens again, not the day after the closure when that is
// a weekend or a public holiday: by the office's hours (Mo-Fr: Monday after a Friday), and
// without hours the next working day (in Hesse after 24.12.2026: Monday 28.12.).
func TestClosureSaysTheDayItOpensAgain(t *testing.T) {
	cal := hesse(t)
	for _, c := range []struct {
		until time.Time
		hours string
		want  string
	}{
		{time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), "Mo-Fr 09:00-12:00", "07.12.2026"},
		{time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), "Sa 10:00-12:00", "05.12.2026"},
		{time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC), "", "28.12.2026"},
		{time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC), "Mo-Fr 09:00-12:00", "28.12.2026"},
		{time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC), "", "09.12.2026"},
	} {
		closed := directory.Office{ID: "mbe-closed", Kind: directory.KindMBE, Name: "MBE Closed", Phone: "0561 1",
			OpeningHours: c.hours, ClosedUntil: &c.until}
		e := newEngine(t, directory.NewSnapshot([]directory.Office{closed}, 1))
		e.Hours = cal
		e.Now = func() time.Time { return time.Date(2026, 12, 2, 10, 0, 0, 0, cal.Zone) }
		_, out := run(t, e, conversation.State{}, ins(tap("lang:en"), tap("age:27+"), tap("topic:work"), tap("place:skip")))
		block := officeBlock(t, out, "MBE Closed")
		i := slices.IndexFunc(block, func(l dialog.Text) bool { return l.ID == "office.closed" })
		if i < 0 {
			t.Fatalf("closed to %s: no closed line in %v", c.until.Format("02.01."), block)
		}
		if got := flat(block[i].Data["Next"].(dialog.Text)); got != c.want {
			t.Errorf("closed to %s (%q): open again from %s, want %s", c.until.Format("02.01."), c.hours, got, c.want)
		}
	}
}
