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

// An office with neither a phone number nor an e-mail address ranks below those with one,
// nearer or speaking the language though it may be: a newcomer cannot ask it anything.
func TestOfficeWithoutContactRanksBelow(t *testing.T) {
	lat, lon := 51.3, 9.5
	silent := Office{ID: "a-silent", Kind: KindJMD, Name: "A", Languages: []string{"ar"}, Latitude: &lat, Longitude: &lon}
	far := lat + 0.1
	phone := Office{ID: "b-phone", Kind: KindJMD, Name: "B", Phone: "0561 1", Latitude: &far, Longitude: &lon}
	mail := Office{ID: "c-mail", Kind: KindJMD, Name: "C", Email: "c@example.org"}
	m, err := NewSnapshot([]Office{silent, phone, mail}, 1).Match(context.Background(), Query{Age: 20, Topic: "work", Language: "ar", Lat: &lat, Lon: &lon})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range m.Offices {
		got = append(got, o.Office.ID)
	}
	if len(got) != 3 || got[0] != "b-phone" || got[1] != "c-mail" || got[2] != "a-silent" {
		t.Errorf("ranked %q, want b-phone, c-mail, a-silent", got)
	}
}

// An office not sure to give the counselling (role_unconfirmed) ranks after one that surely
// does, though its name comes first and it speaks the language (J11: "not certain they
// counsel: ask" came before the Caritas MBE).
func TestRoleUnconfirmedRanksAfter(t *testing.T) {
	unsure := Office{ID: "a-unsure", Kind: KindMBE, Name: "A", Phone: "1", Languages: []string{"ar"}, NoteKeys: []string{"role_unconfirmed"}}
	sure := Office{ID: "b-sure", Kind: KindMBE, Name: "B", Phone: "2"}
	m, err := NewSnapshot([]Office{unsure, sure}, 1).Match(context.Background(), Query{Age: 35, Topic: "work", Language: "ar"})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Offices) != 2 || m.Offices[0].Office.ID != "b-sure" {
		t.Errorf("ranked %v, want b-sure first", m.Offices)
	}
}
