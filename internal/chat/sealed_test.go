package chat_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/testharness"
)

// A conversation's answers (age, topic, location) are stored sealed: the row holds in the
// clear only the language and the statistics' conversation id, which the database itself
// reads. A state stored before sealing is still read, and sealed by the chat's next turn.
func TestStateIsStoredSealed(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	st := storetest.Open(t, url, "")
	r, _ := testharness.New(t, st)
	const chatID = 555001
	key, who := r.Key(chatID), staff.Who{TelegramID: chatID}
	var id int64
	say := func(key string, in dialog.Input) dialog.Output {
		t.Helper()
		id++
		out, _, err := r.Handle(ctx, key, id, in, who)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	say(key, dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: "uk"})
	say(key, dialog.Input{Kind: dialog.InputText, Text: "43"})
	say(key, dialog.Input{Kind: dialog.InputChoice, Choice: "topic:housing"})
	if out := say(key, dialog.Input{Kind: dialog.InputLocation, Lat: 51.31871, Lon: 9.49712}); len(out.Messages) == 0 {
		t.Fatal("no result for the location")
	}

	row := storedRow(t, url, key)
	var clear map[string]json.RawMessage
	if err := json.Unmarshal([]byte(row), &clear); err != nil {
		t.Fatalf("stored state %s: %v", row, err)
	}
	var fields []string
	for k := range clear {
		fields = append(fields, k)
	}
	slices.Sort(fields)
	if !slices.Equal(fields, []string{"conv", "lang", "sealed"}) || string(clear["lang"]) != `"uk"` {
		t.Errorf("stored in the clear: %v (%s)", fields, row)
	}
	if dump := storetest.Dump(t, url); holdsNumber(dump, "51.319") || holdsNumber(dump, "9.497") {
		t.Error("the location is in the database in the clear")
	}
	// The state read back is the one written: the conversation goes on from its result.
	if out := say(key, dialog.Input{Kind: dialog.InputChoice, Choice: "res:yes"}); len(out.Events) != 1 || out.Events[0].Kind != dialog.EventFeedback {
		t.Errorf("the sealed state was not read back: %+v", out)
	}

	// A sealed state is bound to its chat: moved to another chat's row, it does not open
	// there, and that chat starts afresh instead of going on with another person's answers.
	moved := r.Key(555003)
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO conversations (chat_key, state, version) SELECT $1, state, 1 FROM conversations WHERE chat_key = $2`, moved, key); err != nil {
		t.Fatal(err)
	}
	if out := say(moved, dialog.Input{Kind: dialog.InputChoice, Choice: "res:no"}); !said(out, "welcome") {
		t.Errorf("a state moved from another chat was read: %+v", out)
	}

	// A state stored in the clear by an earlier version goes on, and is sealed by its turn.
	old := r.Key(555002)
	plain := `{"lang":"en","age":40,"age_band":"27+","age_typed":true,"topic":"work","topics":["work"],"started":true,"conv":"0123456789abcdef"}`
	if _, err := st.WriteTurn(ctx, store.TurnWrite{ChatKey: old, State: []byte(plain)}); err != nil {
		t.Fatal(err)
	}
	out := say(old, dialog.Input{Kind: dialog.InputChoice, Choice: "place:skip"})
	if !said(out, "result.") {
		t.Errorf("a state stored in the clear was not read: %+v", out)
	}
	if row := storedRow(t, url, old); !strings.Contains(row, `"sealed"`) || strings.Contains(row, `"work"`) || !strings.Contains(row, `"0123456789abcdef"`) {
		t.Errorf("after its turn the state is %s, want sealed with its conversation id kept", row)
	}
}

// said reports whether a message of out has a line whose id starts with prefix.
func said(out dialog.Output, prefix string) bool {
	for _, m := range out.Messages {
		for _, l := range m.Lines {
			if strings.HasPrefix(l.ID, prefix) {
				return true
			}
		}
	}
	return false
}

// storedRow is a chat's state as the conversations table holds it.
func storedRow(t *testing.T, url, key string) string {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var row string
	if err := db.QueryRow(`SELECT state::text FROM conversations WHERE chat_key = $1`, key).Scan(&row); err != nil {
		t.Fatal(err)
	}
	return row
}

// SealStored seals the states an earlier version stored in the clear, leaving their versions
// and last activity, and those already sealed alone; the chats go on from them.
func TestStoredStatesAreSealedAtStart(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	st := storetest.Open(t, url, "")
	r, _ := testharness.New(t, st)
	plain := `{"lang":"en","age":40,"age_band":"27+","age_typed":true,"topic":"work","topics":["work"],"started":true,"conv":"00000000000000aa"}`
	for i := range 3 {
		if _, err := st.WriteTurn(ctx, store.TurnWrite{ChatKey: r.Key(int64(556000 + i)), State: []byte(plain)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := r.Handle(ctx, r.Key(556100), 1, dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: "de"}, staff.Who{TelegramID: 556100}); err != nil {
		t.Fatal(err)
	}
	before := storedRow(t, url, r.Key(556100))
	if n, err := r.SealStored(ctx, st); err != nil || n != 3 {
		t.Fatalf("sealed %d, %v; want 3", n, err)
	}
	if n, err := r.SealStored(ctx, st); err != nil || n != 0 {
		t.Errorf("sealed %d again, %v", n, err)
	}
	if after := storedRow(t, url, r.Key(556100)); after != before {
		t.Errorf("a sealed state was sealed again: %s → %s", before, after)
	}
	if read, err := st.ReadTurn(ctx, r.Key(556001), 0, 0, false); err != nil || read.Version != 1 {
		t.Errorf("after sealing the version is %d (%v), want 1 as before", read.Version, err)
	}
	for i := range 3 {
		row := storedRow(t, url, r.Key(int64(556000+i)))
		if !strings.Contains(row, `"sealed"`) || strings.Contains(row, `"work"`) || !strings.Contains(row, `"00000000000000aa"`) {
			t.Errorf("chat %d: %s", i, row)
		}
	}
	out, _, err := r.Handle(ctx, r.Key(556000), 2, dialog.Input{Kind: dialog.InputChoice, Choice: "place:skip"}, staff.Who{TelegramID: 556000})
	if err != nil || !said(out, "result.") {
		t.Errorf("the chat did not go on from its sealed state: %+v, %v", out, err)
	}
}

// holdsNumber says whether dump holds the decimal n as a number of its own: not the end of a
// longer number, nor the seconds of a time ("22:15:09.497123", which made this test fail
// whenever a row was written at such a moment).
func holdsNumber(dump, n string) bool {
	for i := 0; ; {
		at := strings.Index(dump[i:], n)
		if at < 0 {
			return false
		}
		at += i
		before := dump[max(0, at-3):at]
		digit := at > 0 && dump[at-1] >= '0' && dump[at-1] <= '9'
		time := len(before) == 3 && before[2] == ':' && before[0] >= '0' && before[0] <= '9' && before[1] >= '0' && before[1] <= '9'
		if !digit && !time {
			return true
		}
		i = at + 1
	}
}

func TestHoldsNumber(t *testing.T) {
	for dump, want := range map[string]bool{
		`{"lat":51.319,"lon":9.497}`:            true,
		`(2026-12-07 22:15:09.497123+00)`:       false, // seconds of a time
		`(2026-12-07 22:51:51.319000+00)`:       false,
		`(x,19.4971)`:                           false, // the end of another number
		`(2026-12-07 22:15:09.497123+00,9.497)`: true,
	} {
		if got := holdsNumber(dump, "9.497") || holdsNumber(dump, "51.319"); got != want {
			t.Errorf("holdsNumber(%q) = %v, want %v", dump, got, want)
		}
	}
}
