package handover_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/handover"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/storetest"
)

// offices: four MBE offices with a counsellor each (one has not said whether it takes new
// clients, and speaks no listed language), one full, one without counsellors, one archived.
var offices = directorytest.File(
	"mbe-a,mbe,MBE A,,Street 1,34117,Kassel,,,0561 111111,,,de ar,housing,,,Mo-Fr 09:00-12:00,,true,",
	"mbe-b,mbe,MBE B,,Street 2,34117,Kassel,,,0561 222222,,,,housing,,,,,,",
	"mbe-c,mbe,MBE C,,Street 3,34117,Kassel,,,0561 333333,,,de,housing,,,,,true,",
	"mbe-d,mbe,MBE D,,Street 4,34117,Kassel,,,0561 444444,,,de,housing,,,,,true,",
	"mbe-full,mbe,MBE Full,,Street 5,34117,Kassel,,,0561 555555,,,de,housing,,,,,false,",
	"mbe-none,mbe,MBE Nobody,,Street 6,34117,Kassel,,,0561 666666,,,de,housing,,,,,true,",
)

// counsellorOf is the Telegram id of each office's counsellor.
var counsellorOf = map[string]int64{"mbe-a": 101, "mbe-b": 102, "mbe-c": 103, "mbe-d": 104, "mbe-full": 105}

type fixture struct {
	st    *store.Store
	e     *handover.Engine
	now   time.Time
	chats map[int64]*handover.Chat
	staff map[int64]staff.Member
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st := storetest.New(t, offices)
	f := &fixture{st: st, now: at("2026-11-23 10:00"), chats: map[int64]*handover.Chat{}, staff: map[int64]staff.Member{}}
	e, err := handover.NewEngine(st, []byte("test-secret"), func(id int64) string { return "key-" + strconv.FormatInt(id, 10) })
	if err != nil {
		t.Fatal(err)
	}
	e.Cards, e.Now, e.Hours = &staff.Engine{}, func() time.Time { return f.now }, directory.Calendar{Zone: berlin}
	snap, err := st.DirectorySnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e.Dir = snap
	f.e = e
	for office, tg := range counsellorOf {
		code, err := staff.Invite(ctx, st, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{office}}, f.now)
		if err != nil {
			t.Fatal(err)
		}
		m, err := st.RedeemInvitation(ctx, staff.HashCode(code), tg, "Counsellor "+office, f.now)
		if err != nil {
			t.Fatal(err)
		}
		f.staff[tg] = m
	}
	return f
}

// chat is a newcomer at the result for a 30-year-old's housing question, in English.
func (f *fixture) chat(id int64) *handover.Chat {
	if c, ok := f.chats[id]; ok {
		return c
	}
	age := 30
	c := &handover.Chat{ID: id, Key: "key-" + strconv.FormatInt(id, 10), Relay: &handover.Newcomer{},
		State: &conversation.State{Lang: "en", Age: &age, AgeBand: "27+", Topic: "housing", PlaceDone: true, Started: true}}
	f.chats[id] = c
	return c
}

// do runs one newcomer input; handled says whether the hand-over took it.
func (f *fixture) do(t *testing.T, chat int64, in dialog.Input) (dialog.Output, bool) {
	t.Helper()
	out, handled, err := f.e.Handle(context.Background(), f.chat(chat), in)
	if err != nil {
		t.Fatal(err)
	}
	return out, handled
}

func tap(data string) dialog.Input   { return dialog.Input{Kind: dialog.InputChoice, Choice: data} }
func typed(s string) dialog.Input    { return dialog.Input{Kind: dialog.InputText, Text: s} }
func command(s string) dialog.Input  { return dialog.Input{Kind: dialog.InputCommand, Text: s} }
func ask(office string) dialog.Input { return tap("ho:ask:" + directory.Ref(office)) }

// said are the message ids of an output's own messages.
func said(out dialog.Output) []string {
	var ids []string
	for _, m := range out.Messages {
		for _, l := range m.Lines {
			if l.ID != "" {
				ids = append(ids, l.ID)
			}
		}
	}
	return ids
}

// to are the message ids an output says to another chat.
func to(out dialog.Output, chat int64) []string {
	var ids []string
	for _, o := range out.Others {
		if o.ChatID == chat {
			for _, l := range o.Message.Lines {
				if l.ID != "" {
					ids = append(ids, l.ID)
				}
			}
		}
	}
	return ids
}

func has(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// request asks office from chat with a message and sends it; it returns the thread.
func (f *fixture) request(t *testing.T, chat int64, office, message string) handover.Thread {
	t.Helper()
	if out, _ := f.do(t, chat, ask(office)); !has(said(out), "handover.consent") {
		t.Fatalf("asking %s said %v", office, said(out))
	}
	f.do(t, chat, typed(message))
	out, _ := f.do(t, chat, tap("ho:send"))
	if !has(said(out), "handover.sent") || !has(to(out, counsellorOf[office]), "staff.handover.request") {
		t.Fatalf("sending to %s said %v, to the counsellor %v", office, said(out), to(out, counsellorOf[office]))
	}
	threads, err := f.st.ThreadsOf(context.Background(), f.chat(chat).Key)
	if err != nil {
		t.Fatal(err)
	}
	return threads[len(threads)-1]
}

func (f *fixture) actor(tg int64) handover.Actor {
	m := f.staff[tg]
	return handover.Actor{StaffID: m.ID, Name: m.Name, Label: staff.ActorOf(&m).Label}
}

func TestContactable(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	all, err := f.st.Offices(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.e.Contactable(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"mbe-a": true, "mbe-b": true, "mbe-c": true, "mbe-d": true}
	if len(got) != len(want) {
		t.Errorf("contactable = %v, want %v", got, want)
	}
	for id := range want {
		if !got[id] {
			t.Errorf("%s cannot be asked", id)
		}
	}
	if err := f.st.SetArchived(ctx, staff.ImportActor, "mbe-a", true); err != nil {
		t.Fatal(err)
	}
	a, _ := f.st.Office(ctx, "mbe-a")
	if got, _ := f.e.Contactable(ctx, []directory.Office{a}); got["mbe-a"] {
		t.Error("an archived office can be asked")
	}
}

// The request says what it will share before anything is sent, keeps the message sealed
// while it is written, and sends exactly that to the office's counsellor.
func TestRequestSharesOnlyWhatItSays(t *testing.T) {
	f := newFixture(t)
	out, handled := f.do(t, 1, ask("mbe-a"))
	if !handled || !has(said(out), "handover.consent") || !has(said(out), "handover.languages") || !has(said(out), "handover.write") {
		t.Fatalf("ask said %v", said(out))
	}
	consent := out.Messages[0].Lines[0]
	if consent.Data["Language"].(dialog.Text).Language != "en" || consent.Data["Age"].(dialog.Text).ID != "age.band.27plus" ||
		consent.Data["Topic"].(dialog.Text).ID != "topic.housing" {
		t.Errorf("the consent shares %v", consent.Data)
	}
	if len(out.Others) != 0 {
		t.Fatal("something was sent before the newcomer confirmed")
	}
	if out, _ := f.do(t, 2, ask("mbe-b")); !has(said(out), "handover.languages_unknown") {
		t.Errorf("an office without languages: %v", said(out))
	}
	out, _ = f.do(t, 1, typed("Mein Vermieter kündigt"))
	if !has(said(out), "handover.check") || len(out.Others) != 0 {
		t.Fatalf("the message said %v, sent %d", said(out), len(out.Others))
	}
	if d := f.chat(1).Relay.Draft; d == nil || bytes.Contains(d.Body, []byte("Vermieter")) {
		t.Errorf("the draft is not sealed: %+v", d)
	}
	if out, _ := f.do(t, 1, tap("ho:re")); !has(said(out), "handover.write") || f.chat(1).Relay.Draft.Body != nil {
		t.Errorf("write again said %v", said(out))
	}
	// Nothing a counsellor could read is no message: asked again, nothing drafted.
	for _, blank := range []string{"\u200d\u200d\u200b", "hallo\x1b[31m"} {
		if out, _ := f.do(t, 1, typed(blank)); !has(said(out), "handover.write") || f.chat(1).Relay.Draft.Body != nil {
			t.Errorf("%q: said %v, draft %+v", blank, said(out), f.chat(1).Relay.Draft)
		}
	}
	// A request typed in several messages is one, in their order.
	f.do(t, 1, typed("Mein Vermieter kündigt mir"))
	f.do(t, 1, typed("wir sind 5 Personen"))
	out, _ = f.do(t, 1, tap("ho:send"))
	card := out.Others[0]
	if len(out.Others) != 1 || card.ChatID != 101 || card.Lang != handover.StaffLang {
		t.Fatalf("sent %+v", out.Others)
	}
	var lines []string
	for _, l := range card.Message.Lines {
		lines = append(lines, l.ID+l.Raw)
	}
	if !strings.Contains(strings.Join(lines, "|"), "Mein Vermieter kündigt mir\nwir sind 5 Personen") || strings.Contains(strings.Join(lines, "|"), "key-1") {
		t.Errorf("the card holds %q", lines)
	}
	if r := f.chat(1).Relay; r.Draft != nil || r.Focus == 0 {
		t.Errorf("after sending the relay is %+v", r)
	}
	if len(out.Events) != 1 || out.Events[0].Kind != dialog.EventHandoverRequested || out.Events[0].Dims["office"] != "mbe-a" {
		t.Errorf("events %v", out.Events)
	}
	if out, _ := f.do(t, 1, tap("ho:send")); !has(said(out), "handover.stale") || len(out.Others) != 0 || !out.Resume {
		t.Errorf("sending twice said %v (the conversation's question to follow: %v)", said(out), out.Resume)
	}
	// A request given up: nothing sent, and the conversation's question follows.
	if out, _ := f.do(t, 1, ask("mbe-b")); !has(said(out), "handover.consent") {
		t.Fatalf("asking another office said %v", said(out))
	}
	if out, _ := f.do(t, 1, tap("ho:x")); !has(said(out), "handover.cancelled") || !out.Resume || f.chat(1).Relay.Draft != nil {
		t.Errorf("cancel said %v, resume %v, draft %+v", said(out), out.Resume, f.chat(1).Relay.Draft)
	}
}

func TestRequestRefusals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.request(t, 1, "mbe-a", "first")
	f.request(t, 1, "mbe-b", "second")
	f.request(t, 1, "mbe-c", "third")
	cases := []struct {
		name string
		chat int64
		in   dialog.Input
		want string
	}{
		{"the same office again", 1, ask("mbe-a"), "handover.already"},
		{"a fourth request", 1, ask("mbe-d"), "handover.limit"},
		{"a full office", 2, ask("mbe-full"), "handover.unreachable"},
		{"an office without counsellors", 2, ask("mbe-none"), "handover.unreachable"},
		{"a forged reference", 2, tap("ho:ask:00000000"), "handover.unreachable"},
		{"sending without a request", 2, tap("ho:send"), "handover.stale"},
		{"an unknown code", 2, tap("ho:zz"), "handover.stale"},
		{"another newcomer's thread", 2, tap("ho:to:1"), "handover.gone"},
		{"a thread that is no number", 2, tap("ho:bye:1x"), "handover.gone"},
	}
	for _, c := range cases {
		out, handled := f.do(t, c.chat, c.in)
		if !handled || !has(said(out), c.want) || len(out.Others) != 0 {
			t.Errorf("%s: said %v (handled %v, %d to others), want %s", c.name, said(out), handled, len(out.Others), c.want)
		}
	}
	if f.chat(2).Relay.Focus != 0 || f.chat(2).Relay.Draft != nil {
		t.Errorf("refusals left the relay %+v", f.chat(2).Relay)
	}
	// A newcomer who has not answered the questions cannot ask.
	f.chat(3).State.Topic = ""
	if out, _ := f.do(t, 3, ask("mbe-a")); !has(said(out), "handover.stale") {
		t.Errorf("without a topic: %v", said(out))
	}
	threads, _ := f.st.ThreadsOf(ctx, f.chat(1).Key)
	if len(threads) != handover.MaxOpen {
		t.Errorf("%d threads stored, want %d", len(threads), handover.MaxOpen)
	}
}

// What the newcomer writes goes to the counsellor who took the thread, only then, at a
// bounded rate; a dialogue button or /start leaves the relay, Reply returns to it.
func TestNewcomerRelay(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	th := f.request(t, 1, "mbe-a", "Hilfe")
	if out, _ := f.do(t, 1, typed("noch etwas")); !has(said(out), "handover.waiting") || len(out.Others) != 0 {
		t.Fatalf("before it was taken: %v", said(out))
	}
	o, _ := f.st.Office(ctx, "mbe-a")
	var out dialog.Output
	if _, err := f.e.Take(ctx, th, o, f.actor(101), &out); err != nil {
		t.Fatal(err)
	}
	if !has(to(out, 1), "handover.taken") {
		t.Errorf("the newcomer was not told: %v", out.Others)
	}
	out, _ = f.do(t, 1, typed("Danke!"))
	if !has(said(out), "handover.passed_on") || !has(to(out, 101), "staff.handover.from") {
		t.Fatalf("a message after the take: %v, to the counsellor %v", said(out), to(out, 101))
	}
	photo := dialog.Input{Kind: dialog.InputFile, File: &dialog.Attachment{Ref: "file-1", Photo: true}}
	if out, _ := f.do(t, 1, photo); len(out.Others) != 1 || out.Others[0].Message.File == nil || out.Others[0].Message.File.Ref != "file-1" {
		t.Errorf("the photo: %+v", out.Others)
	}
	if out, _ := f.do(t, 1, dialog.Input{Kind: dialog.InputUnsupported}); !has(said(out), "handover.unsupported") {
		t.Errorf("a sticker: %v", said(out))
	}
	for i := 3; i <= handover.RateMax; i++ {
		f.do(t, 1, typed("message "+strconv.Itoa(i)))
	}
	if out, _ := f.do(t, 1, typed("one too many")); !has(said(out), "handover.slow_down") || len(out.Others) != 0 {
		t.Errorf("over the rate: %v", said(out))
	}
	f.now = f.now.Add(handover.RateWindow)
	if out, _ := f.do(t, 1, typed("an hour later")); len(out.Others) != 1 {
		t.Error("the rate did not recover after its window")
	}
	if _, handled := f.do(t, 1, tap("res:restart")); handled || f.chat(1).Relay.Focus != 0 {
		t.Error("a dialogue button did not leave the relay")
	}
	f.chat(1).State = &conversation.State{Lang: "en", Started: true} // the dialogue started over: the age question
	if _, handled := f.do(t, 1, typed("34")); handled {
		t.Error("typed text went to the relay after leaving it")
	}
	if out, _ := f.do(t, 1, tap("ho:to:"+strconv.FormatInt(th.ID, 10))); !has(said(out), "handover.writing") || f.chat(1).Relay.Focus != th.ID {
		t.Errorf("reply: %v", said(out))
	}
}

// A request written and then left for a tap in the dialogue (👍, a map) waits for its Send:
// what is typed meanwhile answers the dialogue, and Send still sends the request as written.
func TestWrittenRequestWaitsForSend(t *testing.T) {
	f := newFixture(t)
	if out, _ := f.do(t, 1, ask("mbe-a")); !has(said(out), "handover.consent") {
		t.Fatalf("asking said %v", said(out))
	}
	f.do(t, 1, typed("Bitte rufen Sie mich an"))
	if _, handled := f.do(t, 1, tap("res:yes")); handled || f.chat(1).Relay.Draft == nil || !f.chat(1).Relay.Draft.Parked {
		t.Fatalf("a dialogue tap after the message: relay %+v", *f.chat(1).Relay)
	}
	if _, handled := f.do(t, 1, typed("34")); handled {
		t.Error("text typed after the tap went into the request")
	}
	out, _ := f.do(t, 1, tap("ho:send"))
	if !has(said(out), "handover.sent") || !has(to(out, 101), "staff.handover.request") {
		t.Fatalf("Send after the tap said %v, to the counsellor %v", said(out), to(out, 101))
	}
	var lines []string
	for _, l := range out.Others[0].Message.Lines {
		lines = append(lines, l.Raw)
	}
	if !strings.Contains(strings.Join(lines, "|"), "Bitte rufen Sie mich an") {
		t.Errorf("the request sent holds %q", lines)
	}
}

// Text typed at the result after a tap in the dialogue (the language, feedback) goes back to
// the thread the tap took the focus from, while a counsellor has it; once it ended, the
// dialogue answers. An old "Cancel" of the request sent is a stale button, not "nothing was
// sent".
func TestNewcomerBackToLastThread(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	th := f.request(t, 1, "mbe-a", "Hilfe")
	if out, _ := f.do(t, 1, tap("ho:x")); !has(said(out), "handover.stale") || has(said(out), "handover.cancelled") {
		t.Errorf("an old cancel after sending: %v", said(out))
	}
	o, _ := f.st.Office(ctx, "mbe-a")
	if _, err := f.e.Take(ctx, th, o, f.actor(101), &dialog.Output{}); err != nil {
		t.Fatal(err)
	}
	if _, handled := f.do(t, 1, tap("lang:de")); handled || f.chat(1).Relay.Focus != 0 || f.chat(1).Relay.Last != th.ID {
		t.Fatalf("a dialogue tap: relay %+v", *f.chat(1).Relay)
	}
	out, handled := f.do(t, 1, typed("Danke, Montag 10 Uhr passt!"))
	if !handled || !has(said(out), "handover.passed_on") || !has(to(out, 101), "staff.handover.from") || f.chat(1).Relay.Focus != th.ID {
		t.Fatalf("text at the result after the tap: %v, to the counsellor %v, relay %+v", said(out), to(out, 101), *f.chat(1).Relay)
	}
	f.do(t, 1, tap("fb:yes"))
	if err := f.e.End(ctx, th, o, f.actor(101), false, &dialog.Output{}); err != nil {
		t.Fatal(err)
	}
	if _, handled := f.do(t, 1, typed("hallo?")); handled || !f.chat(1).Relay.Empty() {
		t.Errorf("after the office ended it: handled %v, relay %+v", handled, *f.chat(1).Relay)
	}
}

func TestNewcomerEnds(t *testing.T) {
	f := newFixture(t)
	th := f.request(t, 1, "mbe-a", "Hilfe")
	id := strconv.FormatInt(th.ID, 10)
	if out, _ := f.do(t, 1, tap("ho:end:"+id)); !has(said(out), "handover.end_ask") {
		t.Fatalf("end: %v", said(out))
	}
	out, _ := f.do(t, 1, tap("ho:bye:"+id))
	if !has(said(out), "handover.ended") || !has(to(out, 101), "staff.handover.closed_by_person") {
		t.Errorf("ending said %v, to the counsellor %v", said(out), to(out, 101))
	}
	if _, err := f.st.Thread(context.Background(), th.ID); !handover.IsGone(err) {
		t.Errorf("the thread is still there: %v", err)
	}
	if _, handled := f.do(t, 1, typed("hallo?")); handled || f.chat(1).Relay.Focus != 0 {
		t.Error("after ending it, typed text still goes to the relay")
	}
	// A thread the office ended while it had the focus says so once, then leaves it.
	th = f.request(t, 1, "mbe-a", "noch einmal")
	a, _ := f.st.Office(context.Background(), "mbe-a")
	if err := f.e.End(context.Background(), th, a, f.actor(101), false, &dialog.Output{}); err != nil {
		t.Fatal(err)
	}
	if out, _ := f.do(t, 1, typed("hallo?")); !has(said(out), "handover.gone") || !out.Resume || f.chat(1).Relay.Focus != 0 {
		t.Errorf("writing after the office ended it: %v", said(out))
	}
}

// Declining tells the newcomer why; "another office" gives them its entry and a button to
// ask it; blocking keeps them from asking the office again until the block ends.
func TestDeclineAndBlock(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a, _ := f.st.Office(ctx, "mbe-a")
	c, _ := f.st.Office(ctx, "mbe-c")

	th := f.request(t, 1, "mbe-a", "eins")
	var out dialog.Output
	if err := f.e.Decline(ctx, th, a, f.actor(101), nil, &out); err != nil {
		t.Fatal(err)
	}
	if ids := to(out, 1); !has(ids, "handover.declined_full") || !has(ids, "online.none") {
		t.Errorf("declined as full: %v", ids)
	}
	if err := f.e.Decline(ctx, th, a, f.actor(101), nil, &dialog.Output{}); !handover.IsGone(err) {
		t.Errorf("declining twice: %v", err)
	}

	th = f.request(t, 1, "mbe-a", "zwei")
	out = dialog.Output{}
	if err := f.e.Decline(ctx, th, a, f.actor(101), &c, &out); err != nil {
		t.Fatal(err)
	}
	m := out.Others[0].Message
	if m.Lines[0].ID != "handover.declined_other" || !has(to(out, 1), "office.phone") || m.Buttons[0][0].Data != "ho:ask:"+directory.Ref("mbe-c") {
		t.Errorf("the suggestion: %v, %v", to(out, 1), m.Buttons)
	}
	if ev := out.Events; len(ev) != 1 || ev[0].Dims["reason"] != "wrong_office" {
		t.Errorf("events %v", ev)
	}

	th = f.request(t, 1, "mbe-a", "drei")
	if _, err := f.e.Take(ctx, th, a, f.actor(101), &dialog.Output{}); err != nil {
		t.Fatal(err)
	}
	out = dialog.Output{}
	if err := f.e.End(ctx, th, a, f.actor(101), true, &out); err != nil {
		t.Fatal(err)
	}
	if ids := to(out, 1); !has(ids, "handover.blocked") || !has(ids, "online.none") {
		t.Errorf("blocked: %v", ids)
	}
	if out, _ := f.do(t, 1, ask("mbe-a")); !has(said(out), "handover.unreachable") {
		t.Errorf("asking a blocking office: %v", said(out))
	}
	if out, _ := f.do(t, 2, ask("mbe-a")); !has(said(out), "handover.consent") {
		t.Errorf("another newcomer cannot ask: %v", said(out))
	}
	f.now = f.now.AddDate(0, 0, f.e.RetentionDays+1)
	if _, err := f.e.Due(ctx, f.now); err != nil {
		t.Fatal(err)
	}
	if out, _ := f.do(t, 1, ask("mbe-a")); !has(said(out), "handover.consent") {
		t.Errorf("the block did not end: %v", said(out))
	}
	audit, _ := f.st.Audit(ctx, "mbe-a", time.Time{}, 0)
	var log []string
	for _, e := range audit {
		if e.Field == "handover" {
			log = append(log, e.New)
		}
	}
	want := "declined: full #1|declined: wrong office #2|taken #3|blocked #3"
	if strings.Join(log, "|") != want {
		t.Errorf("audit %q, want %q", strings.Join(log, "|"), want)
	}
}

// A request nobody takes lapses on the fifth working day: the newcomer is told and offered
// the next office that can be asked, and online counselling.
func TestLapseOffersTheNextOffice(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.request(t, 1, "mbe-a", "Hilfe")
	out, err := f.e.Due(ctx, at("2026-11-25 09:00"))
	if err != nil || !has(to(out, 101), "staff.handover.reminder") || len(out.Others) != 1 {
		t.Fatalf("reminder: %v, %v", out.Others, err)
	}
	out, err = f.e.Due(ctx, at("2026-11-30 09:00"))
	if err != nil {
		t.Fatal(err)
	}
	ids := to(out, 1)
	if !has(ids, "handover.unanswered") || !has(ids, "handover.try_next") || !has(ids, "online.none") || !has(to(out, 101), "staff.handover.unanswered") {
		t.Errorf("lapse: to the newcomer %v, to the counsellor %v", ids, to(out, 101))
	}
	for _, o := range out.Others {
		for _, row := range o.Message.Buttons {
			if o.ChatID == 1 && row[0].Data == "ho:ask:"+directory.Ref("mbe-a") {
				t.Error("the office that did not answer is offered again")
			}
		}
	}
	if len(out.Events) != 1 || out.Events[0].Kind != dialog.EventHandoverExpired {
		t.Errorf("events %v", out.Events)
	}
	if again, _ := f.e.Due(ctx, at("2026-11-30 10:00")); len(again.Others) != 0 {
		t.Errorf("lapsed twice: %v", again.Others)
	}
}

// /delete erases every thread and block of the chat, and tells their offices.
func TestDeleteErasesEveryThread(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.request(t, 1, "mbe-a", "eins")
	f.request(t, 1, "mbe-b", "zwei")
	if err := f.st.BlockChat(ctx, "mbe-c", f.chat(1).Key, f.now.AddDate(0, 0, 30)); err != nil {
		t.Fatal(err)
	}
	out, handled := f.do(t, 1, command("delete"))
	if handled || !has(to(out, 101), "staff.handover.closed_by_person") || !has(to(out, 102), "staff.handover.closed_by_person") {
		t.Errorf("/delete: handled %v, told %v", handled, out.Others)
	}
	left, _ := f.st.ThreadsOf(ctx, f.chat(1).Key)
	blocked, _ := f.st.BlockedBy(ctx, "mbe-c", f.chat(1).Key, f.now)
	if len(left) != 0 || blocked || !f.chat(1).Relay.Empty() {
		t.Errorf("after /delete: %d threads, blocked %v, relay %+v", len(left), blocked, f.chat(1).Relay)
	}
}

// A counsellor whose account ends (or who leaves the office) leaves no one stranded: their
// threads go back to the office as waiting requests, sent to the colleagues, and the newcomer
// is told; where no colleague is left, the thread is closed and the newcomer given the
// office's card to call, write or go there.
func TestThreadsOfARevokedCounsellorGoBack(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.colleague(t)
	withColleague := f.request(t, 1, "mbe-a", "Hilfe")
	f.take(t, withColleague, 101)
	alone := f.request(t, 2, "mbe-c", "Hilfe")
	f.take(t, alone, 103)
	writesFirst := f.request(t, 3, "mbe-d", "Hilfe")
	f.take(t, writesFirst, 104)
	if out, err := f.e.Due(ctx, f.now); err != nil || len(out.Others) != 0 {
		t.Fatalf("with every counsellor active: %v, %v", out.Others, err)
	}
	for _, tg := range []int64{101, 103, 104} {
		f.revoke(t, tg)
	}
	f.now = f.now.Add(time.Hour)
	// A newcomer who writes before the scheduled work ran is told at once.
	if out, _ := f.do(t, 3, typed("Hallo?")); !has(said(out), "handover.returned_none") || !has(said(out), "office.phone") || !out.Resume || f.chat(3).Relay.Focus != 0 {
		t.Errorf("writing to a counsellor revoked: %v", said(out))
	}
	out, err := f.e.Due(ctx, f.now)
	if err != nil {
		t.Fatal(err)
	}
	if ids := to(out, 1); !has(ids, "handover.returned") {
		t.Errorf("the newcomer whose office has a colleague was told %v", ids)
	}
	if ids := to(out, 201); !has(ids, "staff.handover.returned") || !has(ids, "staff.handover.request") || len(to(out, 101)) != 0 || len(to(out, 103)) != 0 {
		t.Errorf("to the colleague %v; to the revoked %v %v", ids, to(out, 101), to(out, 103))
	}
	entries, err := f.st.Audit(ctx, "mbe-a", time.Time{}, 0)
	if err != nil || !slices.ContainsFunc(entries, func(a staff.AuditEntry) bool {
		return a.New == fmt.Sprintf("returned #%d", withColleague.ID) && a.Actor == "Counsellor mbe-a"
	}) {
		t.Errorf("the audit log does not say the request went back: %+v, %v", entries, err)
	}
	if ids := to(out, 2); !has(ids, "handover.returned_none") || !has(ids, "office.phone") {
		t.Errorf("the newcomer whose office has nobody left was told %v", ids)
	}
	if th, err := f.st.Thread(ctx, withColleague.ID); err != nil || th.Status != handover.StatusWaiting || th.Owner != 0 || !th.CreatedAt.Equal(f.now) {
		t.Errorf("the thread given back: %+v, %v", th, err)
	}
	if _, err := f.st.Thread(ctx, alone.ID); !errors.Is(err, handover.ErrGone) {
		t.Errorf("the thread of an office with nobody left: %v", err)
	}
	if again, _ := f.e.Due(ctx, f.now); len(again.Others) != 0 {
		t.Errorf("given back twice: %v", again.Others)
	}
	// The newcomer's messages wait for the colleague, who takes the request as a new one.
	if out, _ := f.do(t, 1, typed("Hallo?")); !has(said(out), "handover.waiting") {
		t.Errorf("writing meanwhile: %v", said(out))
	}
	th, _ := f.st.Thread(ctx, withColleague.ID)
	o, _ := f.st.Office(ctx, "mbe-a")
	var taken dialog.Output
	if _, err := f.e.Take(ctx, th, o, f.actor(201), &taken); err != nil || !has(to(taken, 1), "handover.taken") {
		t.Errorf("taken by the colleague: %v, %v", to(taken, 1), err)
	}
}
