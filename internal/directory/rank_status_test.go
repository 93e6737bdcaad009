package directory

import (
	"context"
	"testing"
	"time"
)

// An office temporarily closed on the query's day ranks below the open ones, like one that
// takes no new clients, and says so; after its last closed day it ranks as before. Without a
// day, closures are not looked at.
func TestClosedOfficeMovesDownUntilItReopens(t *testing.T) {
	until := time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC)
	closed := Office{ID: "a-closed", Kind: KindMBE, Name: "A", Languages: []string{"ar"}, ClosedUntil: &until}
	open := Office{ID: "b-open", Kind: KindMBE, Name: "B", Languages: []string{"de"}}
	snap := NewSnapshot([]Office{closed, open}, 1)
	for _, c := range []struct {
		name  string
		today time.Time
		first string
		warn  bool
	}{
		{"closed today", time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC), "b-open", true},
		{"the day after", time.Date(2027, 1, 7, 0, 0, 0, 0, time.UTC), "a-closed", false},
		{"no day given", time.Time{}, "a-closed", false},
	} {
		m, err := snap.Match(context.Background(), Query{Age: 35, Topic: "work", Language: "ar", Today: c.today})
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Offices) != 2 || m.Offices[0].Office.ID != c.first {
			t.Errorf("%s: %v first, want %s", c.name, m.Offices, c.first)
			continue
		}
		var got bool
		for _, o := range m.Offices {
			if o.Office.ID == "a-closed" {
				got = o.Has(ReasonClosed)
			}
		}
		if got != c.warn {
			t.Errorf("%s: closed reason %v, want %v", c.name, got, c.warn)
		}
		if all := m.AllFull(); all {
			t.Errorf("%s: one office is open, but all count as full", c.name)
		}
	}
}
