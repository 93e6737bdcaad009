package chat_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/testharness"
)

// A consent to be told when an office reopens is kept with the chat's id sealed, not in the
// clear, and /delete erases it with the chat.
func TestReopenRequestIsKeptSealedAndErased(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	st := storetest.Open(t, url, directorytest.File("full,mbe,MBE Voll,,,,,,,0561 7004211,,,de,work,,,,,false,"))
	r, _ := testharness.New(t, st)
	const chatID = 987654321
	key, who := r.Key(chatID), staff.Who{TelegramID: chatID}
	var id int64
	say := func(in dialog.Input) dialog.Output {
		t.Helper()
		id++
		out, _, err := r.Handle(ctx, key, id, in, who)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	tap := func(data string) dialog.Input { return dialog.Input{Kind: dialog.InputChoice, Choice: data} }
	say(dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: "uk"})
	say(tap("age:27+"))
	say(tap("topic:work"))
	say(tap("place:skip"))
	say(tap("res:ntf" + directory.Ref("full")))
	if out := say(tap("res:ntfy" + directory.Ref("full"))); len(out.Reopen) != 1 {
		t.Fatalf("the consent was not taken: %+v", out)
	}
	dump := storetest.Dump(t, url)
	if !strings.Contains(dump, "reopen_notices: ") {
		t.Fatalf("no request kept:\n%s", dump)
	}
	if strings.Contains(dump, "987654321") {
		t.Error("the chat id is stored in the clear")
	}
	say(dialog.Input{Kind: dialog.InputCommand, Text: "delete"})
	if dump := storetest.Dump(t, url); strings.Contains(dump, "reopen_notices: ") {
		t.Errorf("/delete left the request:\n%s", dump)
	}
}
