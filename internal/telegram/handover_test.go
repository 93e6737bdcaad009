package telegram

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/holiday"
	"github.com/kassel/wegweiser/internal/jobs"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/tgfake"
)

// person is someone writing to the bot, with everything Telegram tells the bot about them:
// none of it may reach the other side, the database or the logs.
type person struct {
	id                    int64
	first, last, username string
}

// The newcomers and counsellors of the hand-over test. A and B counsel at "MBE Test", C at
// "JMD Test".
var (
	newcomer1 = person{731942651, "Amina", "Karimi", "amina_k731"}
	newcomer2 = person{731942652, "Dawit", "Tesfaye", "dawit_t732"}
	newcomer3 = person{731942653, "Olena", "Shevchenko", "olena_s733"}
	counselA  = person{881001, "Anna", "Berger", "anna_berater"}
	counselB  = person{881002, "Bernd", "Vogel", "bernd_mbe"}
	counselC  = person{881003, "Cem", "Yilmaz", "cem_jmd"}
)

// fixedClock is the hand-over's clock in the test, safe to move while the bot runs.
type fixedClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fixedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fixedClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

var berlin = func() *time.Location {
	z, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return z
}()

// relayEnv is the bot with the hand-over on a fixed clock, in Berlin, with Hessen's holidays.
type relayEnv struct {
	*env
	clock *fixedClock
	url   string // the database, for the dump
}

func newRelayEnv(t *testing.T) *relayEnv {
	t.Helper()
	hessen, err := holiday.ForState("HE")
	if err != nil {
		t.Fatal(err)
	}
	clock := &fixedClock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, berlin)} // a Monday
	url := pgtest.NewDatabase(t)
	e := &env{fake: tgfake.New(t), store: storetest.Open(t, url, testDirectory)}
	e.configure = func(r *chat.Runner) {
		r.Handover.Now = clock.Now
		r.Handover.Hours = directory.Calendar{Zone: berlin, Holiday: hessen.Is}
	}
	e.start(t)
	return &relayEnv{env: e, clock: clock, url: url}
}

// push sends an update as p, with their names and username.
func (e *relayEnv) push(p person, u models.Update) {
	e.fake.PushUpdate(tgfake.From(u, p.first, p.last, p.username))
}

func (e *relayEnv) write(p person, text string) { e.push(p, tgfake.MessageFrom(p.id, text, "en")) }

func (e *relayEnv) tapAs(p person, data string) { e.push(p, tgfake.CallbackFrom(p.id, 1, data, "en")) }

// said lists everything p was shown: texts, edits and captions, in order.
func (e *relayEnv) said(p person) []string {
	id := strconv.FormatInt(p.id, 10)
	var out []string
	for _, c := range e.fake.Calls() {
		if c.Failed || c.Params["chat_id"] != id {
			continue
		}
		switch c.Method {
		case "sendMessage", "editMessageText":
			out = append(out, c.Params["text"])
		case "sendPhoto", "sendDocument":
			out = append(out, c.Params["caption"])
		}
	}
	return out
}

// waitSaid waits until p was shown a text containing want, n times in all, and returns the
// last such text.
func (e *relayEnv) waitSaid(t *testing.T, p person, want string, n int) string {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		var found []string
		for _, s := range e.said(p) {
			if strings.Contains(s, want) {
				found = append(found, s)
			}
		}
		if len(found) >= n {
			return found[len(found)-1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s was not shown %q %d times; shown:\n%s", p.first, want, n, strings.Join(e.said(p), "\n---\n"))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// button returns the data of the last button p was offered whose data starts with prefix.
func (e *relayEnv) button(t *testing.T, p person, prefix string) string {
	t.Helper()
	calls := e.fake.Calls()
	for i := len(calls) - 1; i >= 0; i-- {
		if calls[i].Params["chat_id"] != strconv.FormatInt(p.id, 10) {
			continue
		}
		rows, _ := tgfake.ParseKeyboard(calls[i].Params["reply_markup"])
		for _, row := range rows {
			for _, b := range row {
				if strings.HasPrefix(b.CallbackData, prefix) {
					return b.CallbackData
				}
			}
		}
	}
	t.Fatalf("%s was never offered a button %s…", p.first, prefix)
	return ""
}

// counsellor makes p a counsellor of office, speaking English.
func (e *relayEnv) counsellor(t *testing.T, p person, office string) {
	t.Helper()
	ctx := context.Background()
	code, err := staff.Invite(ctx, e.store, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{office}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.write(p, "/start "+staff.InvitePrefix+code)
	e.waitSaid(t, p, "Welcome, "+p.first, 1)
	e.write(p, "/language")
	e.waitSaid(t, p, "Please choose your language", 1)
	e.tapAs(p, "lang:en")
	e.waitSaid(t, p, "we continue in English", 1)
}

// request walks p to the result for a 27-year-old's housing question and asks MBE Test to
// contact them with message; it returns the thread's id as the counsellors see it.
func (e *relayEnv) request(t *testing.T, p person, message string, counsellors ...person) string {
	t.Helper()
	e.write(p, "/start en")
	e.waitSaid(t, p, "How old is the person", 1)
	e.tapAs(p, "age:27+")
	e.waitSaid(t, p, "What do you need help with", 1)
	e.tapAs(p, "topic:housing")
	e.waitSaid(t, p, "share your location", 1)
	e.write(p, "Skip")
	e.waitSaid(t, p, "1. MBE Test", 1)
	ask := e.button(t, p, "ho:ask:")
	if ask != "ho:ask:"+directory.Ref("mbe-test") {
		t.Fatalf("the result card asks %q, want MBE Test", ask)
	}
	e.tapAs(p, ask)
	consent := e.waitSaid(t, p, "Only this is passed on", 1)
	for _, want := range []string{"“MBE Test”", "English", "27 or older", "Housing", "usually speak: German and Arabic", "write your message now"} {
		if !strings.Contains(consent, want) {
			t.Errorf("the consent text lacks %q:\n%s", want, consent)
		}
	}
	e.write(p, message)
	if check := e.waitSaid(t, p, "Please check", 1); !strings.Contains(check, message) {
		t.Errorf("the check does not show the message:\n%s", check)
	}
	e.tapAs(p, "ho:send")
	e.waitSaid(t, p, "Sent to “MBE Test”", 1)
	var id string
	for _, c := range counsellors {
		card := e.waitSaid(t, c, message, 1)
		if !strings.Contains(card, "New request #") || !strings.Contains(card, "Language: English · Age: 27 or older · Topic: Housing") {
			t.Errorf("%s's request card:\n%s", c.first, card)
		}
		id = strings.TrimPrefix(e.button(t, c, "s:ht:"), "s:ht:")
	}
	return id
}

// TestHandover is the hand-over end to end through the Bot API: two newcomers and two
// counsellors of one office, a counsellor of another office trying to reach in, a request
// nobody takes (reminded, then the newcomer told), /delete in the middle of a conversation,
// and afterwards a database and logs that hold nothing of who wrote what.
func TestHandover(t *testing.T) {
	e := newRelayEnv(t)
	for _, c := range []struct {
		p      person
		office string
	}{{counselA, "mbe-test"}, {counselB, "mbe-test"}, {counselC, "jmd-test"}} {
		e.counsellor(t, c.p, c.office)
	}
	thread := e.request(t, newcomer1, "SECRET-N1-REQUEST Ich brauche Hilfe mit dem Mietvertrag", counselA, counselB)
	for _, leak := range []string{"Amina", "Karimi", "amina_k731", "731942651"} {
		for _, c := range []person{counselA, counselB} {
			if s := strings.Join(e.said(c), "\n"); strings.Contains(s, leak) {
				t.Errorf("%s was shown %q of the newcomer", c.first, leak)
			}
		}
	}
	for _, s := range e.said(counselC) {
		if strings.Contains(s, "SECRET-N1") || strings.Contains(s, "New request") {
			t.Errorf("a counsellor of another office was shown the request: %q", s)
		}
	}
	e.outsiderCannotReach(t, thread)
	e.takeAndRelay(t, thread)
	for _, s := range e.said(counselC) {
		if strings.Contains(s, "SECRET-") {
			t.Errorf("a counsellor of another office was shown %q", s)
		}
	}
	e.unanswered(t)
	e.deleteMidway(t)
	e.nothingKept(t)
}

// outsiderCannotReach: a counsellor of another office, and a newcomer, forge the buttons of
// the thread; nothing reaches it and it stays open.
func (e *relayEnv) outsiderCannotReach(t *testing.T, thread string) {
	t.Helper()
	for i, data := range []string{"s:ht:", "s:hr:", "s:hd:", "s:hdf:", "s:he:", "s:heok:", "s:hbok:"} {
		e.tapAs(counselC, data+thread)
		e.waitSaid(t, counselC, "not allowed", i+1)
	}
	e.tapAs(counselC, "s:hs:"+thread+":"+directory.Ref("jmd-test"))
	e.waitSaid(t, counselC, "not allowed", 8)
	e.write(counselC, "SECRET-C-FORGED")
	e.tapAs(newcomer2, "ho:to:"+thread)
	e.waitSaid(t, newcomer2, "This conversation has ended", 1)
	e.write(newcomer2, "SECRET-N2-FORGED")
	e.tapAs(newcomer2, "s:ht:"+thread)
	e.waitSaid(t, newcomer2, "This button is no longer active", 1) // not staff: a newcomer's stale tap
	if n, err := e.store.WaitingThreads(context.Background()); err != nil || len(n) != 1 {
		t.Fatalf("waiting threads after the forgeries: %v, %v", n, err)
	}
}

// takeAndRelay: A takes the request, B sees it taken, messages, a photo and a document go
// both ways marked with the office, and A ends the conversation.
func (e *relayEnv) takeAndRelay(t *testing.T, thread string) {
	t.Helper()
	e.tapAs(counselA, "s:ht:"+thread)
	e.waitSaid(t, counselA, "You have taken request #", 1)
	e.waitSaid(t, counselB, "has been taken by Anna Berger", 1)
	e.waitSaid(t, newcomer1, "Good news: a counsellor of “MBE Test”", 1)
	e.tapAs(counselB, "s:hr:"+thread)
	e.waitSaid(t, counselB, "has been taken by Anna Berger", 2)

	e.write(counselA, "SECRET-A-REPLY Bitte bringen Sie den Mietvertrag mit")
	got := e.waitSaid(t, newcomer1, "SECRET-A-REPLY", 1)
	if !strings.HasPrefix(got, "💬 MBE Test:") || strings.Contains(got, "Anna") || strings.Contains(got, "anna_berater") {
		t.Errorf("the counsellor's message reached the newcomer as:\n%s", got)
	}
	e.write(newcomer1, "SECRET-N1-SECOND Danke, ich komme")
	if got := e.waitSaid(t, counselA, "SECRET-N1-SECOND", 1); !strings.HasPrefix(got, "💬 #"+thread+" · MBE Test:") {
		t.Errorf("the newcomer's message reached the counsellor as:\n%s", got)
	}
	e.waitSaid(t, newcomer1, "Passed on to “MBE Test”", 1)

	e.push(newcomer1, tgfake.WithCaption(tgfake.Photo(newcomer1.id), "SECRET-N1-CAPTION"))
	e.waitSaid(t, counselA, "SECRET-N1-CAPTION", 1)
	photo := e.fake.WaitFor(t, "sendPhoto", 1, wait)[0]
	if photo.Params["chat_id"] != strconv.FormatInt(counselA.id, 10) || !strings.HasPrefix(photo.Params["photo"], "fake-photo-") || len(photo.Files) != 0 {
		t.Errorf("the photo was not passed on by reference to A: %v", photo)
	}
	e.push(counselA, tgfake.Document(counselA.id, "mietvertrag.pdf", 180_000))
	e.waitSaid(t, newcomer1, "💬 MBE Test:", 2)
	doc := e.fake.WaitFor(t, "sendDocument", 1, wait)[0]
	if doc.Params["chat_id"] != strconv.FormatInt(newcomer1.id, 10) || !strings.HasPrefix(doc.Params["document"], "fake-document-") {
		t.Errorf("the document was not passed on to the newcomer: %v", doc)
	}

	e.tapAs(counselA, "s:he:"+thread)
	e.waitSaid(t, counselA, "End conversation #"+thread, 1)
	e.tapAs(counselA, "s:heok:"+thread)
	e.waitSaid(t, counselA, "was ended by Anna Berger", 1)
	e.waitSaid(t, newcomer1, "“MBE Test” has ended the conversation", 1)
	e.write(newcomer1, "SECRET-N1-LATE")
	e.waitSaid(t, newcomer1, "This conversation has ended", 1)
	for _, s := range e.said(counselA) {
		if strings.Contains(s, "SECRET-N1-LATE") {
			t.Error("a message after the end was passed on")
		}
	}
	audit, err := e.store.Audit(context.Background(), "mbe-test", time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var log []string
	for _, a := range audit {
		if a.Field == "handover" {
			log = append(log, a.Actor+": "+a.New)
		}
	}
	if want := []string{"Anna Berger (staff #1): taken #" + thread, "Anna Berger (staff #1): closed #" + thread}; strings.Join(log, "|") != strings.Join(want, "|") {
		t.Errorf("audit log = %q, want %q", log, want)
	}
}

// unanswered: a request nobody takes reminds both counsellors on the second working day at
// opening time, once, and on the fifth the newcomer is told, with online counselling.
func (e *relayEnv) unanswered(t *testing.T) {
	t.Helper()
	e.clock.set(time.Date(2026, 11, 23, 15, 0, 0, 0, berlin)) // Monday afternoon
	thread := e.request(t, newcomer2, "SECRET-N2-REQUEST Wohnung gekündigt", counselA, counselB)
	run := func(at time.Time) int {
		n, err := jobs.Handover(context.Background(), e.runner.Handover, e.lastAdapter, e.store, at, berlin)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := run(time.Date(2026, 11, 25, 8, 59, 0, 0, berlin)); n != 0 {
		t.Errorf("%d messages before the office opened on the second working day", n)
	}
	if n := run(time.Date(2026, 11, 25, 9, 0, 0, 0, berlin)); n != 2 {
		t.Errorf("%d reminders on the second working day, want one to each counsellor", n)
	}
	if n := run(time.Date(2026, 11, 25, 10, 0, 0, 0, berlin)); n != 0 {
		t.Errorf("%d reminders sent again", n)
	}
	for _, c := range []person{counselA, counselB} {
		if got := e.waitSaid(t, c, "has been waiting for two working days", 1); !strings.Contains(got, "#"+thread) || !strings.Contains(got, "SECRET-N2-REQUEST") {
			t.Errorf("reminder to %s:\n%s", c.first, got)
		}
	}
	if n := run(time.Date(2026, 11, 30, 9, 0, 0, 0, berlin)); n != 4 {
		t.Errorf("%d messages on the fifth working day, want the newcomer's two and one to each counsellor", n)
	}
	e.waitSaid(t, newcomer2, "no counsellor of “MBE Test” took your request within five working days", 1)
	e.waitSaid(t, newcomer2, "mbeon", 1)
	e.waitSaid(t, counselA, "was not taken within five working days", 1)
	if n, _ := e.store.WaitingThreads(context.Background()); len(n) != 0 {
		t.Errorf("the lapsed request is still stored: %v", n)
	}
}

// deleteMidway: /delete in the middle of a conversation ends and erases it at once.
func (e *relayEnv) deleteMidway(t *testing.T) {
	t.Helper()
	thread := e.request(t, newcomer3, "SECRET-N3-REQUEST Brief vom Jobcenter", counselA, counselB)
	e.tapAs(counselB, "s:ht:"+thread)
	e.waitSaid(t, counselB, "You have taken request #"+thread, 1)
	e.write(counselB, "SECRET-B-REPLY Was steht im Brief?")
	e.waitSaid(t, newcomer3, "SECRET-B-REPLY", 1)
	e.write(newcomer3, "/delete")
	e.waitSaid(t, newcomer3, "I have deleted everything", 1)
	e.waitSaid(t, counselB, "The person ended conversation #"+thread, 1)
	e.write(counselB, "SECRET-B-AFTER")
	e.waitSaid(t, counselB, "no longer open", 1)
	ctx := context.Background()
	if left, err := e.store.ThreadsOf(ctx, e.runner.Key(newcomer3.id)); err != nil || len(left) != 0 {
		t.Errorf("after /delete: threads %v, %v", left, err)
	}
	for _, s := range e.said(newcomer3) {
		if strings.Contains(s, "SECRET-B-AFTER") {
			t.Error("a message after /delete reached the newcomer")
		}
	}
}

// nothingKept: once everything is delivered, no table holds a newcomer's chat id, name or
// username, a counsellor's username, or any message text, neither as text nor as bytes, and
// neither do the logs.
func (e *relayEnv) nothingKept(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(wait)
	for n, _, _ := e.store.OutboxPending(ctx); n > 0; n, _, _ = e.store.OutboxPending(ctx) {
		if time.Now().After(deadline) {
			t.Fatalf("%d answers still waiting", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	dump := storetest.Dump(t, e.url)
	if !strings.Contains(dump, "handover_taken") || !strings.Contains(dump, "mbe-test") {
		t.Fatalf("the dump misses what it must hold (events, offices): it is broken")
	}
	var needles []string
	for _, p := range []person{newcomer1, newcomer2, newcomer3} {
		needles = append(needles, strconv.FormatInt(p.id, 10), p.first, p.last, p.username)
	}
	for _, p := range []person{counselA, counselB, counselC} {
		needles = append(needles, p.username)
	}
	needles = append(needles, "SECRET-", "Mietvertrag", "Jobcenter", "fake-photo-", "fake-document-", "mietvertrag.pdf")
	// The newcomer who sent /delete: not even the hash their chat is kept under is left.
	needles = append(needles, e.runner.Key(newcomer3.id))
	// The counsellors' Telegram ids are sealed in their accounts (their six digits are looked
	// for in the staff rows only: elsewhere a timestamp or a sealed byte string may hold them
	// by chance).
	for _, line := range strings.Split(dump, "\n") {
		if !strings.HasPrefix(line, "staff: ") {
			continue
		}
		for _, p := range []person{counselA, counselB, counselC} {
			if strings.Contains(line, strconv.FormatInt(p.id, 10)) || strings.Contains(line, hex.EncodeToString(binary.BigEndian.AppendUint64(nil, uint64(p.id)))) {
				t.Errorf("a staff account holds the Telegram id %d in the clear: %s", p.id, line)
			}
		}
	}
	logs := e.logs.String()
	for _, n := range needles {
		for where, text := range map[string]string{"database": dump, "logs": logs} {
			if strings.Contains(text, n) || strings.Contains(text, hex.EncodeToString([]byte(n))) {
				t.Errorf("the %s hold %q", where, n)
			}
		}
	}
}

// TestHandoverCounsellorRevokedMidway: a counsellor's account is ended elsewhere (the city's
// team, on the command line) while they are in a conversation; the newcomer's next message
// gives the thread back at once: the newcomer is told, and the office's other counsellor gets
// the request again with the reason, though this process's copy of the roster was stale when
// the message came.
func TestHandoverCounsellorRevokedMidway(t *testing.T) {
	e := newRelayEnv(t)
	e.counsellor(t, counselA, "mbe-test")
	e.counsellor(t, counselB, "mbe-test")
	thread := e.request(t, newcomer1, "SECRET-N1-REQUEST Ich brauche Hilfe", counselA, counselB)
	e.tapAs(counselA, "s:ht:"+thread)
	e.waitSaid(t, newcomer1, "Good news: a counsellor of “MBE Test”", 1)
	e.write(counselA, "Hallo, ich rufe Sie an.")
	e.waitSaid(t, newcomer1, "Hallo, ich rufe Sie an.", 1)
	e.write(newcomer1, "Danke")
	e.waitSaid(t, counselA, "Danke", 1)

	ctx := context.Background()
	a, err := e.store.StaffByTelegramID(ctx, counselA.id)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.RevokeStaff(ctx, staff.Actor{}, a.ID); err != nil {
		t.Fatal(err)
	}
	e.write(newcomer1, "meine Nummer ist 0176 1111111")
	e.waitSaid(t, newcomer1, "can no longer do so here. Your request is with the office again", 1)
	card := e.waitSaid(t, counselB, "is back with the office", 1)
	if !strings.Contains(card, "#"+thread) {
		t.Errorf("the colleague's card names another request:\n%s", card)
	}
	for _, s := range e.said(newcomer1) {
		if strings.Contains(s, "has not taken your request yet") {
			t.Errorf("the newcomer was told the request is not taken: %q", s)
		}
	}
}
