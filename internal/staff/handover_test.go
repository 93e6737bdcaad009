package staff_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/handover"
	"github.com/kassel/wegweiser/internal/staff"
)

// relayFixture is the staff fixture with the hand-over, and a newcomer who asks office A.
type relayFixture struct {
	*fixture
	relay *handover.Engine
	chat  *handover.Chat
}

func newRelayFixture(t *testing.T) *relayFixture {
	t.Helper()
	f := newFixture(t)
	relay, err := handover.NewEngine(f.st, []byte("test-secret"), func(id int64) string { return "k" + strconv.FormatInt(id, 10) })
	if err != nil {
		t.Fatal(err)
	}
	relay.Cards = f.engine
	f.engine.Relay = relay
	// A second adult office to suggest instead (office B, a JMD, serves no 30-year-old).
	other, err := directory.ReadCSV(strings.NewReader(directorytest.File("office-c,mbe,Office C,,Street 3,34117,Kassel,,,0561 333333,,,de,,,,,,,")))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.ImportOffices(context.Background(), other, false); err != nil {
		t.Fatal(err)
	}
	age := 30
	chat := &handover.Chat{ID: 900, Key: "k900", Relay: &handover.Newcomer{},
		State: &conversation.State{Lang: "ar", Age: &age, AgeBand: "27+", Topic: "housing", PlaceDone: true}}
	return &relayFixture{fixture: f, relay: relay, chat: chat}
}

// newcomer runs one of the newcomer's inputs and returns what it says to the counsellor.
func (f *relayFixture) newcomer(t *testing.T, in dialog.Input, counsellor int64) []dialog.Message {
	t.Helper()
	out, _, err := f.relay.Handle(context.Background(), f.chat, in)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []dialog.Message
	for _, o := range out.Others {
		if o.ChatID == counsellor {
			msgs = append(msgs, o.Message)
		}
	}
	return msgs
}

// request has the newcomer ask office A; it returns the card the counsellor gets.
func (f *relayFixture) request(t *testing.T, counsellor int64) (dialog.Message, string) {
	t.Helper()
	f.newcomer(t, tap("ho:ask:"+directory.Ref("office-a")), counsellor)
	f.newcomer(t, typed("Ich brauche Hilfe"), counsellor)
	cards := f.newcomer(t, tap("ho:send"), counsellor)
	if len(cards) != 1 {
		t.Fatalf("the counsellor got %d cards", len(cards))
	}
	return cards[0], strconv.FormatInt(f.chat.Relay.Focus, 10)
}

func buttonsOf(msgs ...dialog.Message) []string {
	var data []string
	for _, m := range msgs {
		for _, row := range m.Buttons {
			for _, b := range row {
				data = append(data, b.Data)
			}
		}
	}
	return data
}

// Every hand-over code is offered, to a counsellor of the office, by a card or an answer,
// and tapping it does its work.
func TestHandoverCodesAreReachable(t *testing.T) {
	f := newRelayFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	offered, tapped := map[string]bool{}, map[string]bool{}
	offer := func(data []string) []string {
		for _, d := range data {
			c, _ := staff.CodeOf(d)
			offered[c] = true
		}
		return data
	}
	press := func(last []string, data, want string) []string {
		t.Helper()
		if !contains(last, data) {
			t.Fatalf("%q was not offered, only %v", data, last)
		}
		c, _ := staff.CodeOf(data)
		tapped[c] = true
		ids, next := answer(f.handle(t, 1, tap(data)))
		if !contains(ids, want) {
			t.Fatalf("%q said %v, want %s", data, ids, want)
		}
		return offer(next)
	}
	card, id := f.request(t, 1)
	last := offer(buttonsOf(card))
	last = press(last, "s:hd:"+id, "staff.handover.decline_ask")
	last = press(last, "s:hdw:"+id, "staff.handover.pick_office")
	if contains(last, "s:hs:"+id+":"+ref("office-b")) {
		t.Errorf("a JMD was offered for an adult's request: %v", last)
	}
	press(last, "s:hs:"+id+":"+ref("office-c"), "staff.handover.declined")

	card, id = f.request(t, 1)
	last = press(offer(buttonsOf(card)), "s:hd:"+id, "staff.handover.decline_ask")
	press(last, "s:hdf:"+id, "staff.handover.declined")

	card, id = f.request(t, 1)
	last = press(offer(buttonsOf(card)), "s:ht:"+id, "staff.handover.taken_you")
	relayed := offer(buttonsOf(f.newcomer(t, typed("Danke"), 1)...))
	press(relayed, "s:hr:"+id, "staff.handover.writing")
	last = press(last, "s:he:"+id, "staff.handover.end_ask")
	press(last, "s:heok:"+id, "staff.handover.closed")

	card, id = f.request(t, 1)
	last = press(offer(buttonsOf(card)), "s:ht:"+id, "staff.handover.taken_you")
	last = press(last, "s:he:"+id, "staff.handover.end_ask")
	press(last, "s:hbok:"+id, "staff.handover.blocked")

	for _, r := range staff.TapRows() {
		if r.Need == staff.ActionHandover && (!offered[r.Code] || !tapped[r.Code]) {
			t.Errorf("%s: offered %v, tapped %v", r.Code, offered[r.Code], tapped[r.Code])
		}
	}
}

// Every hand-over code is refused to a counsellor of another office, to city staff and to
// statistics staff, with the thread's real id in the data; the thread stays as it was.
func TestHandoverCodesCheckTheOffice(t *testing.T) {
	f := newRelayFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	others := []staff.Member{
		f.member(t, 2, staff.RoleCounsellor, "office-b"),
		f.member(t, 3, staff.RoleAdmin),
		f.member(t, 4, staff.RoleStatistics),
	}
	_, id := f.request(t, 1)
	for _, m := range others {
		for _, r := range staff.TapRows() {
			if r.Need != staff.ActionHandover {
				continue
			}
			data := r.Code + ":" + id
			if r.Code == "s:hs" {
				data += ":" + ref("office-b")
			}
			if out := f.handle(t, m.TelegramID, tap(data)); !refusedAsToday(out) || len(out.Others) != 0 {
				ids, _ := answer(out)
				t.Errorf("%s #%d tapped %q: said %v, %d messages to others", m.Role, m.TelegramID, data, ids, len(out.Others))
			}
		}
	}
	th, err := f.st.WaitingThreads(context.Background())
	if err != nil || len(th) != 1 || th[0].Owner != 0 {
		t.Errorf("the thread after the attempts: %+v, %v", th, err)
	}
}

// A counsellor's typed messages reach the newcomer only through a thread they took; a
// colleague who points their flow at it (a tampered flow) is refused and leaves it.
func TestCounsellorRelayNeedsTheThread(t *testing.T) {
	f := newRelayFixture(t)
	ctx := context.Background()
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	colleague := f.member(t, 2, staff.RoleCounsellor, "office-a")
	_, id := f.request(t, 1)
	f.handle(t, 1, tap("s:ht:"+id))
	out := f.handle(t, 1, typed("Guten Tag"))
	if ids, _ := answer(out); !contains(ids, "staff.handover.passed_on") || len(out.Others) != 1 || out.Others[0].ChatID != 900 {
		t.Fatalf("the owner's message: %v, to %+v", ids, out.Others)
	}
	if l := out.Others[0].Message.Lines; l[0].ID != "handover.from" || l[1].Raw != "Guten Tag" || out.Others[0].Lang != "ar" {
		t.Errorf("the newcomer gets %+v in %s", l, out.Others[0].Lang)
	}
	// The office's history says the take in words, not as a raw audit value.
	f.handle(t, 1, command("office"))
	if ids, _ := answer(f.handle(t, 1, tap("s:hist"))); !contains(ids, "staff.history.handover") || contains(ids, "staff.history.change") {
		t.Errorf("the history of a take said %v", ids)
	}
	// The office card, an edit begun and cancelled, and statistics in between: the next
	// message still reaches the newcomer.
	f.handle(t, 1, command("office"))
	f.handle(t, 1, tap("s:e:phone"))
	f.handle(t, 1, tap("s:x"))
	out = f.handle(t, 1, typed("Passt Ihnen Montag 10 Uhr?"))
	if ids, _ := answer(out); !contains(ids, "staff.handover.passed_on") || len(out.Others) != 1 {
		t.Errorf("a reply after the office card: %v, %d to others", ids, len(out.Others))
	}
	// /start: the counsellor tries the newcomers' conversation; what they type answers it
	// and reaches the newcomer no more.
	if _, handled, err := f.engine.Handle(ctx, staff.Who{TelegramID: 1, Name: "Person"}, memberOf(t, f.fixture, 1), command("start")); err != nil || handled {
		t.Fatalf("/start: handled %v, %v", handled, err)
	}
	if out, handled, _ := f.engine.Handle(ctx, staff.Who{TelegramID: 1, Name: "Person"}, memberOf(t, f.fixture, 1), typed("34")); handled || len(out.Others) != 0 {
		t.Errorf("after /start, the counsellor's 34 was passed on (%d to others)", len(out.Others))
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	if err := f.st.SaveFlow(ctx, colleague.ID, staff.Flow{Thread: n}); err != nil {
		t.Fatal(err)
	}
	out = f.handle(t, 2, typed("Ich bin es auch"))
	if ids, _ := answer(out); !contains(ids, "staff.denied") || len(out.Others) != 0 {
		t.Errorf("a colleague's message: %v, %d to others", ids, len(out.Others))
	}
	if m, _ := f.st.StaffByTelegramID(ctx, 2); m.Flow.Thread != 0 {
		t.Error("the tampered flow was kept")
	}
}
