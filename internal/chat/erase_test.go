package chat_test

import (
	"context"
	"database/sql"
	"testing"

	_ "github.com/lib/pq"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/testharness"
)

// /delete unlinks the chat's statistics events from it: their person key (a keyed hash of the
// chat, which anyone with the chat id and the secret can compute) and conversation id are
// cleared in the erasure's statement, and the erasure's own event carries neither. The events
// still count, as anonymous ones; another chat's are left as they were.
func TestDeleteUnlinksTheStatisticsEvents(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	st := storetest.Open(t, url, directorytest.File("full,mbe,MBE Voll,,,,,,,0561 7004211,,,de,work,,,,,true,"))
	r, _ := testharness.New(t, st)
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id int64
	talk := func(chatID int64, ins ...dialog.Input) {
		t.Helper()
		for _, in := range ins {
			id++
			if _, _, err := r.Handle(ctx, r.Key(chatID), id, in, staff.Who{TelegramID: chatID}); err != nil {
				t.Fatal(err)
			}
		}
	}
	tap := func(data string) dialog.Input { return dialog.Input{Kind: dialog.InputChoice, Choice: data} }
	conversation := []dialog.Input{{Kind: dialog.InputCommand, Text: "start", Arg: "uk"}, tap("age:27+"), tap("topic:work"), tap("place:skip")}
	talk(1001, conversation...)
	talk(2002, conversation...)
	linked := func() map[string]int {
		t.Helper()
		rows, err := db.Query(`SELECT coalesce(person_key, ''), conversation FROM events`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]int{}
		for rows.Next() {
			var p, c string
			if err := rows.Scan(&p, &c); err != nil {
				t.Fatal(err)
			}
			out[p+"/"+c]++
		}
		return out
	}
	before := linked()
	if len(before) != 2 {
		t.Fatalf("want the events of two chats, each under one person key and conversation: %v", before)
	}
	var total int
	_ = db.QueryRow(`SELECT count(*) FROM events`).Scan(&total)
	// The day as the nightly roll-up keeps it while the month is open: its people's keys.
	if _, err := db.Exec(`INSERT INTO people_days (day, person_key) SELECT DISTINCT day, person_key FROM events`); err != nil {
		t.Fatal(err)
	}
	talk(1001, dialog.Input{Kind: dialog.InputCommand, Text: "delete"})
	after := linked()
	var kept, anonymous int
	for k, n := range after {
		if k == "/" {
			anonymous = n
			continue
		}
		if before[k] != n {
			t.Errorf("events %s: %d, were %d", k, n, before[k])
		}
		kept++
	}
	var now, rolled int
	_ = db.QueryRow(`SELECT count(*) FROM events`).Scan(&now)
	_ = db.QueryRow(`SELECT count(*) FROM people_days`).Scan(&rolled)
	if rolled != 1 {
		t.Errorf("the rolled-up day keeps %d people's keys, want the other chat's only", rolled)
	}
	if kept != 1 || anonymous == 0 || now != total+1 {
		t.Errorf("after /delete: %d chats' events still linked (want the other one), %d anonymous, %d events (were %d; want the erasure's one more): %v", kept, anonymous, now, total, after)
	}
}
