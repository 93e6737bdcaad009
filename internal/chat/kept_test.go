package chat_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/testharness"
)

// readCounter counts the turns that read the database first.
type readCounter struct {
	chat.Store
	reads int
}

func (c *readCounter) ReadTurn(ctx context.Context, chatKey string, updateID, telegramID int64, withStaff bool) (store.TurnState, error) {
	c.reads++
	return c.Store.ReadTurn(ctx, chatKey, updateID, telegramID, withStaff)
}

// chatter says inputs to one chat of a runner and returns what it answered, rendered.
type chatter struct {
	t      *testing.T
	r      *chat.Runner
	cat    *i18n.Catalog
	id     int64
	update *int64
}

func (c chatter) say(in dialog.Input) string {
	c.t.Helper()
	*c.update++
	out, lang, err := c.r.Handle(context.Background(), c.r.Key(c.id), *c.update, in, staff.Who{TelegramID: c.id, Name: "N"})
	if err != nil {
		c.t.Fatal(err)
	}
	var b strings.Builder
	for _, m := range out.Messages {
		b.WriteString(c.cat.RenderMessage(lang, m))
		b.WriteByte('\n')
	}
	return b.String()
}

// TestKeptChatsStartFromMemory: a chat's next turn starts from the state its last turn here
// wrote, without reading the database, and still answers from the current directory, staff
// roster and state when they changed elsewhere (another replica, the retention job).
func TestKeptChatsStartFromMemory(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t, directorytest.Sample)
	r, cat := testharness.New(t, st)
	counter := &readCounter{Store: r.Store}
	r.Store = counter
	var update int64
	newcomer := chatter{t, r, cat, 42, &update}

	newcomer.say(dialog.Input{Kind: dialog.InputCommand, Text: "start", ClientLang: "en"})
	newcomer.say(dialog.Input{Kind: dialog.InputText, Text: "34"})
	reads := counter.reads
	newcomer.say(dialog.Input{Kind: dialog.InputChoice, Choice: "topic:residence"})
	if counter.reads != reads {
		t.Fatalf("a kept chat's turn read the database (%d reads)", counter.reads-reads)
	}

	// Another replica changes an office's phone: the next answer gives the new one.
	offices, err := st.Offices(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	var changed []directory.Office
	for _, o := range offices {
		if o.ID == "mbe-a" {
			o.Phone = "0561 999999"
		}
		changed = append(changed, o)
	}
	if _, err := st.ImportOffices(ctx, changed, false); err != nil {
		t.Fatal(err)
	}
	result := newcomer.say(dialog.Input{Kind: dialog.InputChoice, Choice: "place:skip"})
	if !strings.Contains(result, "999999") || strings.Contains(result, "111111") {
		t.Errorf("the answer after the directory changed elsewhere gives the old phone:\n%s", result)
	}
	if counter.reads != reads+1 {
		t.Errorf("%d reads after the directory changed, want the one that caught up", counter.reads-reads)
	}

	// A newcomer becomes staff elsewhere (the web console, another replica): this runner
	// knows at their next turn.
	member := chatter{t, r, cat, 43, &update}
	member.say(dialog.Input{Kind: dialog.InputCommand, Text: "start", ClientLang: "en"})
	if err := st.CreateInvitation(ctx, []byte("hash"), staff.Invitation{Role: staff.RoleStatistics}, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RedeemInvitation(ctx, []byte("hash"), 43, "N", time.Now()); err != nil {
		t.Fatal(err)
	}
	member.say(dialog.Input{Kind: dialog.InputText, Text: "hello"})
	if roster, _, err := r.Roster.Get(ctx); err != nil || !roster.Members[43] {
		t.Errorf("after a staff member's turn, this runner's roster does not know them: %v", err)
	}

	// A command from a kept newcomer reads nothing either; redeeming an invitation always
	// reads first, and works once.
	reads = counter.reads
	newcomer.say(dialog.Input{Kind: dialog.InputCommand, Text: "privacy"})
	if counter.reads != reads {
		t.Errorf("a kept newcomer's command read the database (%d reads)", counter.reads-reads)
	}
	joiner := chatter{t, r, cat, 44, &update}
	joiner.say(dialog.Input{Kind: dialog.InputCommand, Text: "start", ClientLang: "en"})
	code, err := staff.Invite(ctx, st, staff.Invitation{Role: staff.RoleStatistics}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	welcome := joiner.say(dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: staff.InvitePrefix + code})
	if !strings.Contains(welcome, "You are now registered") {
		t.Errorf("redeeming an invitation from a kept chat answered:\n%s", welcome)
	}

	// The retention job erases the chat: its next turn starts afresh, not from the kept state.
	if _, err := st.DeleteInactive(ctx, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	newcomer.say(dialog.Input{Kind: dialog.InputText, Text: "hello"})
	if read, err := st.ReadTurn(ctx, r.Key(42), 0, 0, false); err != nil || read.Version != 1 {
		t.Errorf("after the retention job: version %d, %v; want a new chat (1)", read.Version, err)
	}
}

// turnCounter counts the reads and writes of turns.
type turnCounter struct {
	chat.Store
	reads, writes int
}

func (c *turnCounter) ReadTurn(ctx context.Context, chatKey string, updateID, telegramID int64, withStaff bool) (store.TurnState, error) {
	c.reads++
	return c.Store.ReadTurn(ctx, chatKey, updateID, telegramID, withStaff)
}

func (c *turnCounter) WriteTurn(ctx context.Context, w store.TurnWrite) ([]int64, error) {
	c.writes++
	return c.Store.WriteTurn(ctx, w)
}

// TestAChatNotKeptIsPresumedNew: a chat the runner does not keep starts its first turn as a
// new chat, without reading. A chat stored after all (here: after a restart) has that write
// refused, is read, and goes on from its stored state; /delete, which the hand-over acts on
// beyond the state, reads first.
func TestAChatNotKeptIsPresumedNew(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t, directorytest.Sample)
	runner := func() (*chat.Runner, *turnCounter, *i18n.Catalog) {
		r, cat := testharness.New(t, st)
		c := &turnCounter{Store: r.Store}
		r.Store = c
		return r, c, cat
	}
	var update int64
	r, counter, cat := runner()
	newcomer := chatter{t, r, cat, 50, &update}
	welcome := newcomer.say(dialog.Input{Kind: dialog.InputCommand, Text: "start", ClientLang: "en"})
	if !strings.Contains(welcome, "How old is the person") || counter.reads != 0 || counter.writes != 1 {
		t.Errorf("a new person's first turn: %d reads, %d writes, answered:\n%s", counter.reads, counter.writes, welcome)
	}
	newcomer.say(dialog.Input{Kind: dialog.InputText, Text: "34"})

	// A restart: the new runner keeps nothing.
	r, counter, cat = runner()
	newcomer = chatter{t, r, cat, 50, &update}
	next := newcomer.say(dialog.Input{Kind: dialog.InputChoice, Choice: "topic:residence"})
	if !strings.Contains(next, "postcode") || counter.reads != 1 || counter.writes != 2 {
		t.Errorf("a stored chat's first turn after a restart: %d reads, %d writes (want 1 and 2: refused, read, written), answered:\n%s",
			counter.reads, counter.writes, next)
	}
	if read, err := st.ReadTurn(ctx, r.Key(50), 0, 0, false); err != nil || read.Version != 3 {
		t.Errorf("the chat is at version %d (%v), want 3: the refused attempt wrote nothing", read.Version, err)
	}

	r, counter, cat = runner()
	newcomer = chatter{t, r, cat, 50, &update}
	bye := newcomer.say(dialog.Input{Kind: dialog.InputCommand, Text: "delete"})
	if !strings.Contains(bye, "deleted") || counter.reads != 1 || counter.writes != 1 {
		t.Errorf("/delete after a restart: %d reads, %d writes (want 1 and 1), answered:\n%s", counter.reads, counter.writes, bye)
	}
}
