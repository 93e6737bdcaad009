package chat_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/testharness"
)

func TestKeysAndEvents(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t, "")
	r, _ := testharness.New(t, st)
	if r.Key(42) == r.Key(43) || len(r.Key(42)) != 64 || r.Key(42) == "42" {
		t.Errorf("chat keys: %q %q", r.Key(42), r.Key(43))
	}
	other := chat.NewRunner(r.Engine, r.Staff, st, []byte("another secret"))
	if other.Key(42) == r.Key(42) {
		t.Error("the chat key does not depend on the secret")
	}
	start := dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: "en"}
	if _, _, err := r.Handle(ctx, r.Key(42), 1, start, staff.Who{TelegramID: 42}); err != nil {
		t.Fatal(err)
	}
	code, err := staff.Invite(ctx, st, staff.Invitation{Role: staff.RoleStatistics}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	join := dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: staff.InvitePrefix + code}
	if _, _, err := r.Handle(ctx, r.Key(43), 2, join, staff.Who{TelegramID: 43, Name: "Staff"}); err != nil {
		t.Fatal(err)
	}
	// The staff member then tries the newcomers' conversation, as a counsellor does to see
	// what newcomers see: it answers, and is not counted.
	staffer := staff.Who{TelegramID: 43, Name: "Staff"}
	for i, in := range []dialog.Input{{Kind: dialog.InputCommand, Text: "start"}, {Kind: dialog.InputChoice, Choice: "age:27+"},
		{Kind: dialog.InputText, Text: "34"}} {
		out, _, err := r.Handle(ctx, r.Key(43), int64(3+i), in, staffer)
		if err != nil || len(out.Messages) == 0 {
			t.Fatalf("%v: %+v, %v", in, out, err)
		}
	}
	today := time.Now().UTC().Truncate(24 * time.Hour)
	f, err := st.Figures(ctx, today.AddDate(0, 0, -1), today.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	if f.People != 1 || f.Conversations != 1 {
		t.Errorf("people %d, conversations %d; want 1 and 1 (staff are not people in the statistics)", f.People, f.Conversations)
	}
	// /delete erases the staff member's conversation and says that the account stays (the
	// city's team ends it); a newcomer is not told so.
	said := func(out dialog.Output) []string {
		var ids []string
		for _, m := range out.Messages {
			for _, l := range m.Lines {
				ids = append(ids, l.ID)
			}
		}
		return ids
	}
	del := dialog.Input{Kind: dialog.InputCommand, Text: "delete"}
	if out, _, err := r.Handle(ctx, r.Key(43), 10, del, staffer); err != nil || !slices.Contains(said(out), "delete.done") || !slices.Contains(said(out), "delete.staff_kept") {
		t.Errorf("/delete of a staff member said %v (%v)", said(out), err)
	}
	if out, _, err := r.Handle(ctx, r.Key(42), 11, del, staff.Who{TelegramID: 42}); err != nil || slices.Contains(said(out), "delete.staff_kept") {
		t.Errorf("/delete of a newcomer said %v (%v)", said(out), err)
	}
}

// A contact-request button that no longer applies is answered with the conversation's
// current question after the notice, so that the person always has a next step.
func TestStaleRequestButtonLeadsBackToTheQuestion(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t, "")
	r, _ := testharness.New(t, st)
	who := staff.Who{TelegramID: 42}
	start := dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: "en"}
	if _, _, err := r.Handle(ctx, r.Key(42), 1, start, who); err != nil {
		t.Fatal(err)
	}
	out, _, err := r.Handle(ctx, r.Key(42), 2, dialog.Input{Kind: dialog.InputChoice, Choice: "ho:send"}, who)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range out.Messages {
		for _, l := range m.Lines {
			ids = append(ids, l.ID)
		}
	}
	if len(ids) != 2 || ids[0] != "handover.stale" || ids[1] != "age.question" {
		t.Errorf("said %q, want the notice and then the age question", ids)
	}
}
