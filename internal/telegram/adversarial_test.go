package telegram

// Adversarial input through the fake Bot API: inputs a hostile or broken client (or a
// future Bot API) may send, and what the bot must do with them: a helpful answer or nothing,
// never a crash, a stalled chat, a lost or doubled update, or private data in the logs.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/tgfake"
)

// advEnv is newEnv with the adapters' options set before the first one starts; it also
// returns a connection to its database.
func advEnv(t *testing.T, options func(*Options)) (*env, *sqlx.DB) {
	t.Helper()
	url := pgtest.NewDatabase(t)
	e := &env{fake: tgfake.New(t), store: storetest.Open(t, url, testDirectory), options: options}
	db, err := sqlx.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the adapters' log:\n%s", e.logs.String())
		}
	})
	e.start(t)
	return e, db
}

// advQuiet waits until every queued update was fetched and handled and every answer sent,
// including the answers to taps, which run beside them.
func (e *env) advQuiet(t *testing.T) {
	t.Helper()
	e.settled(t)
	e.settle(t)
	prev := -1
	for i := 0; i < 100; i++ {
		n := len(e.fake.Calls())
		if n == prev {
			break
		}
		prev = n
		time.Sleep(40 * time.Millisecond)
		e.settle(t)
	}
}

// advRawMessage is the JSON of a private message update from chat's user with the extra fields
// (a JSON object's members without braces).
func advRawMessage(chat int64, extra string) string {
	msg := fmt.Sprintf(`"message_id":%d,"date":%d,"chat":{"id":%d,"type":"private","first_name":"Test"},"from":{"id":%d,"is_bot":false,"first_name":"Test","language_code":"en"}`,
		2_000_000+chat%1_000_000, time.Now().Unix(), chat, chat)
	if extra != "" {
		msg += "," + extra
	}
	return `{"message":{` + msg + `}}`
}

// advAtAge starts chat in English and waits for the age question.
func (e *env) advAtAge(t *testing.T, chat int64) {
	t.Helper()
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "/start en", "en")) }, 1)
	e.advQuiet(t)
}

// advNewTexts returns what chat was sent after the first n texts.
func (e *env) advNewTexts(chat int64, n int) []string {
	texts := e.fake.Texts(chat)
	if len(texts) < n {
		return nil
	}
	return texts[n:]
}

// advLogsClean fails when the logs hold a panic, a failed update or any of private.
func advLogsClean(t *testing.T, e *env, private ...string) {
	t.Helper()
	logs := regexp.MustCompile(`"time":"[^"]*"`).ReplaceAllString(e.logs.String(), `"time":""`)
	for _, bad := range []string{"panic", "update failed"} {
		if strings.Contains(logs, bad) {
			t.Errorf("the logs hold %q", bad)
		}
	}
	for _, p := range private {
		if strings.Contains(logs, p) {
			t.Errorf("the logs hold private data %q", p)
		}
	}
}

const advAgeQuestion = "How old is the person"

// One update that does not decode (a field of another type than the library expects, as a
// broken or future Bot API may send) must not stop the bot from receiving every update
// after it: the poll answer holds up to 100 updates, and Telegram repeats it until the bot
// confirms it.
func TestAdversarialUndecodableUpdateDoesNotStallPolling(t *testing.T) {
	e := newEnv(t)
	const chat, other = 7310001, 7310002
	e.fake.PushRaw(advRawMessage(chat, `"text":"hello","entities":"not an array"`))
	e.fake.PushUpdate(tgfake.MessageFrom(other, "/start en", "en"))
	texts := e.waitTexts(t, other, 1)
	if len(texts) == 0 {
		t.Errorf("one undecodable update stalled polling: another chat's /start was never answered (%d getUpdates calls, the same batch each time; still pending at the fake: %d)",
			len(e.fake.CallsTo("getUpdates")), e.fake.Pending())
	}
}

// Message kinds the bot does not read, in a private chat at the age question: each gets a
// helpful answer and the question again, and the conversation stays where it was.
func TestAdversarialMessageKindsGetAHelpfulAnswer(t *testing.T) {
	e := newEnv(t)
	cases := []struct{ name, extra string }{
		{"contact", `"contact":{"phone_number":"+491701234567","first_name":"Maxi","user_id":5}`},
		{"venue", `"location":{"latitude":51.31,"longitude":9.48},"venue":{"location":{"latitude":51.31,"longitude":9.48},"title":"Somewhere","address":"Street 1"}`},
		{"poll", `"poll":{"id":"1","question":"Q?","options":[{"text":"a","voter_count":0},{"text":"b","voter_count":0}],"total_voter_count":0,"is_closed":false,"is_anonymous":true,"type":"regular","allows_multiple_answers":false}`},
		{"dice", `"dice":{"emoji":"🎲","value":4}`},
		{"animation", `"animation":{"file_id":"an1","file_unique_id":"an1","width":1,"height":1,"duration":1},"document":{"file_id":"an1","file_unique_id":"an1"}`},
		{"video", `"video":{"file_id":"v1","file_unique_id":"v1","width":1,"height":1,"duration":1},"caption":"34"`},
		{"video note", `"video_note":{"file_id":"vn1","file_unique_id":"vn1","length":1,"duration":1}`},
		{"audio", `"audio":{"file_id":"au1","file_unique_id":"au1","duration":1}`},
		{"document", `"document":{"file_id":"d1","file_unique_id":"d1","file_name":"a.pdf","mime_type":"application/pdf","file_size":100}`},
		{"document without name", `"document":{"file_id":"d2","file_unique_id":"d2"}`},
		{"game", `"game":{"title":"g","description":"d","photo":[]}`},
		{"story", `"story":{"chat":{"id":5,"type":"private"},"id":1}`},
		{"empty message", ``},
		{"empty text", `"text":""`},
		{"photo with empty size list", `"photo":[]`},
		{"location at the age question", `"location":{"latitude":51.31,"longitude":9.48}`},
		{"location far out of range", `"location":{"latitude":1000,"longitude":-5000}`},
		{"live location", `"location":{"latitude":51.31,"longitude":9.48,"live_period":60}`},
		{"forwarded text", `"text":"34","forward_origin":{"type":"user","date":1,"sender_user":{"id":5,"is_bot":false,"first_name":"Other"}}`},
		{"reply to an old message", `"text":"hello","reply_to_message":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"}}`},
		{"text with only entities", `"text":"@someone","entities":[{"type":"mention","offset":0,"length":8}]`},
		{"via bot", `"text":"inline result","via_bot":{"id":9,"is_bot":true,"first_name":"Other"}`},
		{"new chat members service message", `"new_chat_members":[{"id":9,"is_bot":false,"first_name":"X"}]`},
		{"pinned message service", `"pinned_message":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"}}`},
		{"sticker", `"sticker":{"file_id":"s1","file_unique_id":"s1","type":"regular","width":1,"height":1,"is_animated":false,"is_video":false}`},
	}
	chat := int64(7320000)
	for _, c := range cases {
		chat++
		t.Run(c.name, func(t *testing.T) {
			e.advAtAge(t, chat)
			n := len(e.fake.Texts(chat))
			e.fake.PushRaw(advRawMessage(chat, c.extra))
			e.advQuiet(t)
			got := e.advNewTexts(chat, n)
			if len(got) == 0 {
				t.Fatalf("no answer at all")
			}
			last := got[len(got)-1]
			if !strings.Contains(last, advAgeQuestion) && !strings.Contains(last, "What do you need help with") {
				t.Errorf("the conversation lost its place; answers: %q", got)
			}
			t.Logf("%s → %q", c.name, advAbbreviate(got))
		})
	}
	advLogsClean(t, e, "491701234567", "Maxi")
}

// Updates a private-chat bot never gets (it asks only for messages and taps) or that come
// from elsewhere than a private chat are ignored: no answer, nothing stored; the bot goes on.
func TestAdversarialOtherUpdateKindsAreIgnored(t *testing.T) {
	e := newEnv(t)
	const chat = 7330001
	user := fmt.Sprintf(`{"id":%d,"is_bot":false,"first_name":"Test"}`, chat)
	private := fmt.Sprintf(`{"id":%d,"type":"private","first_name":"Test"}`, chat)
	group := `{"id":-4001,"type":"group","title":"G"}`
	msg := func(c string) string {
		return fmt.Sprintf(`{"message_id":5,"date":1,"chat":%s,"from":%s,"text":"/start@wegweiser_test_bot en"}`, c, user)
	}
	raws := []string{
		`{"edited_message":` + msg(private) + `}`,
		`{"edited_channel_post":{"message_id":5,"date":1,"chat":{"id":-1005,"type":"channel"},"text":"x"}}`,
		`{"inline_query":{"id":"1","from":` + user + `,"query":"kassel","offset":""}}`,
		`{"chosen_inline_result":{"result_id":"1","from":` + user + `,"query":"x"}}`,
		`{"my_chat_member":{"chat":` + private + `,"from":` + user + `,"date":1,"old_chat_member":{"status":"member","user":` + user + `},"new_chat_member":{"status":"kicked","user":` + user + `,"until_date":0}}}`,
		`{"my_chat_member":{"chat":` + group + `,"from":` + user + `,"date":1,"old_chat_member":{"status":"left","user":` + user + `},"new_chat_member":{"status":"member","user":` + user + `}}}`,
		`{"chat_member":{"chat":` + group + `,"from":` + user + `,"date":1,"old_chat_member":{"status":"left","user":` + user + `},"new_chat_member":{"status":"member","user":` + user + `}}}`,
		`{"chat_join_request":{"chat":` + group + `,"from":` + user + `,"user_chat_id":7330001,"date":1}}`,
		`{"poll":{"id":"1","question":"Q?","options":[],"total_voter_count":0,"is_closed":false,"is_anonymous":true,"type":"regular","allows_multiple_answers":false}}`,
		`{"poll_answer":{"poll_id":"1","user":` + user + `,"option_ids":[0]}}`,
		`{"shipping_query":{"id":"1","from":` + user + `,"invoice_payload":"x","shipping_address":{"country_code":"DE","state":"","city":"K","street_line1":"s","street_line2":"","post_code":"34117"}}}`,
		`{"pre_checkout_query":{"id":"1","from":` + user + `,"currency":"EUR","total_amount":1,"invoice_payload":"x"}}`,
		`{"message_reaction":{"chat":` + private + `,"message_id":1,"user":` + user + `,"date":1,"old_reaction":[],"new_reaction":[{"type":"emoji","emoji":"👍"}]}}`,
		`{"business_message":` + msg(private) + `}`,
		`{"message":` + msg(group) + `}`,
		`{"message":` + msg(`{"id":-1009,"type":"supergroup","title":"S"}`) + `}`,
		`{"message":{"message_id":5,"date":1,"chat":` + private + `,"sender_chat":{"id":-1009,"type":"channel"},"text":"/start en"}}`,
		`{"message":{"message_id":5,"date":1,"from":` + user + `,"text":"/start en"}}`, // no chat
		`{"callback_query":{"id":"cq-nochat","from":` + user + `,"chat_instance":"1","game_short_name":"g"}}`,
		`{}`,
	}
	before := len(e.fake.CallsTo("sendMessage"))
	for _, r := range raws {
		e.fake.PushRaw(r)
	}
	e.advQuiet(t)
	if n := len(e.fake.CallsTo("sendMessage")) - before; n != 0 {
		t.Errorf("%d messages sent to updates that are to be ignored: %q", n, e.fake.Texts(chat))
	}
	if state, err := e.storedState(chat); err != nil || state != "" {
		t.Errorf("an ignored update stored a conversation %q (%v)", state, err)
	}
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat+1, "/start en", "en")) }, 1)
	advLogsClean(t, e)
}

// Button data a modified client can send, from a chat at the age question: every tap is
// answered exactly once, nothing breaks, and the question comes again.
func TestAdversarialCallbackData(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name, data string
		message    int // 0: the last message with buttons
	}{
		{"empty data", "", 0},
		{"64 bytes of garbage", strings.Repeat("\x7f", 64), 0},
		{"oversized data", strings.Repeat("age:27+", 1000), 0},
		{"lang without a tag", "lang:", 0},
		{"an unknown language", "lang:zz", 0},
		{"a path", "lang:../../etc/passwd", 0},
		{"age without a band", "age:", 0},
		{"a negative age", "age:-5", 0},
		{"a huge age", "age:99999999999999999999999", 0},
		{"a topic with NUL", "topic:\x00", 0},
		{"nav without target", "nav:", 0},
		{"result map without office", "res:map", 0},
		{"hand-over reply to another's thread", "ho:to:1", 0},
		{"hand-over end of a negative thread", "ho:end:-1", 0},
		{"hand-over bye of an unknown thread", "ho:bye:9223372036854775807", 0},
		{"hand-over ask an unknown office", "ho:ask:zzzzzz", 0},
		{"hand-over send with nothing written", "ho:send", 0},
		{"staff button from a newcomer", "s:e:languages", 0},
		{"staff take from a newcomer", "s:ht:1", 0},
		{"staff stats from a newcomer", "s:st:7d", 0},
		{"emoji", "🙂🙂🙂", 0},
		{"bidi override", "\u202eage:27+", 0},
		{"a message id that never existed", "topic:residence", 987654},
		{"message id zero", "topic:work", -1},
	}
	chat := int64(7340000)
	for _, c := range cases {
		chat++
		t.Run(c.name, func(t *testing.T) {
			e.advAtAge(t, chat)
			n := len(e.fake.Texts(chat))
			mid := c.message
			switch mid {
			case 0:
				mid = e.lastMessageID(t)
			case -1:
				mid = 0
			}
			u := tgfake.CallbackFrom(chat, mid, c.data, "en")
			e.fake.PushUpdate(u)
			e.advQuiet(t)
			answered := 0
			for _, a := range e.fake.CallsTo("answerCallbackQuery") {
				if a.Params["callback_query_id"] == u.CallbackQuery.ID {
					answered++
				}
			}
			if answered != 1 {
				t.Errorf("the tap was answered %d times, want once", answered)
			}
			got := e.advNewTexts(chat, n)
			if len(got) == 0 {
				t.Fatalf("no answer")
			}
			if last := got[len(got)-1]; !strings.Contains(last, advAgeQuestion) {
				t.Errorf("the question was not asked again; answers: %q", got)
			}
			t.Logf("%s → %q", c.name, advAbbreviate(got))
		})
	}
	advLogsClean(t, e)
}

// Taps that come late: on a message Telegram says is too old to reach (no date), a second
// delivery of the same tap under a new update id, a tap after /delete, and a tap as the
// first update of a chat the bot never saw.
func TestAdversarialLateTaps(t *testing.T) {
	e := newEnv(t)
	t.Run("inaccessible message", func(t *testing.T) {
		const chat = 7350001
		e.advAtAge(t, chat)
		n := len(e.fake.Texts(chat))
		raw := fmt.Sprintf(`{"callback_query":{"id":"cq-inacc","from":{"id":%d,"is_bot":false,"first_name":"Test","language_code":"en"},"message":{"chat":{"id":%d,"type":"private"},"message_id":3,"date":0},"chat_instance":"1","data":"age:27+"}}`, chat, chat)
		e.fake.PushRaw(raw)
		e.advQuiet(t)
		if got := e.advNewTexts(chat, n); len(got) == 0 {
			t.Errorf("a tap on an inaccessible message got no answer")
		} else {
			t.Logf("answers: %q", got)
		}
		if n := advCountAnswers(e, "cq-inacc"); n != 1 {
			t.Errorf("answered %d times", n)
		}
	})
	t.Run("the same tap twice under two update ids", func(t *testing.T) {
		const chat = 7350002
		e.advAtAge(t, chat)
		mid := e.lastMessageID(t)
		n := len(e.fake.Texts(chat))
		u := tgfake.CallbackFrom(chat, mid, "age:27+", "en")
		e.fake.PushUpdate(u)
		e.advQuiet(t)
		u.ID = 0
		e.fake.PushUpdate(u) // a new update id, the same callback query id
		e.advQuiet(t)
		got := e.advNewTexts(chat, n)
		t.Logf("answers: %q", got)
		topicQuestions := 0
		for _, s := range got {
			if strings.Contains(s, "What do you need help with") {
				topicQuestions++
			}
		}
		if topicQuestions == 0 {
			t.Errorf("the tap was not taken: %q", got)
		}
	})
	t.Run("a tap after /delete", func(t *testing.T) {
		const chat = 7350003
		e.advAtAge(t, chat)
		mid := e.lastMessageID(t)
		e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "/delete", "en")) }, 1)
		e.advQuiet(t)
		n := len(e.fake.Texts(chat))
		e.fake.PushUpdate(tgfake.CallbackFrom(chat, mid, "age:27+", "en"))
		e.advQuiet(t)
		got := e.advNewTexts(chat, n)
		if len(got) == 0 {
			t.Errorf("a tap after /delete got no answer")
		}
		t.Logf("answers: %q", got)
	})
	t.Run("a tap as a chat's first update", func(t *testing.T) {
		const chat = 7350004
		u := tgfake.CallbackFrom(chat, 77, "res:map"+strings.Repeat("9", 40), "ar")
		e.fake.PushUpdate(u)
		e.advQuiet(t)
		got := e.fake.Texts(chat)
		if len(got) == 0 {
			t.Errorf("no answer: %q", got)
		}
		if n := advCountAnswers(e, u.CallbackQuery.ID); n != 1 {
			t.Errorf("answered %d times", n)
		}
		t.Logf("answers: %q", got)
	})
	advLogsClean(t, e)
}

func advCountAnswers(e *env, id string) int {
	n := 0
	for _, a := range e.fake.CallsTo("answerCallbackQuery") {
		if a.Params["callback_query_id"] == id {
			n++
		}
	}
	return n
}

// Typed text a person or a script may send at the age question: each is answered, the
// conversation keeps its place (or moves on where the text answered), and no answer is
// longer than Telegram takes.
func TestAdversarialTexts(t *testing.T) {
	e, _ := advEnv(t, func(o *Options) { o.Flood = NoFloodLimit })
	zw := "\u200b\u200c\u200d\u2060\ufeff"
	cases := []struct{ name, text string }{
		{"control characters only", "\x01\x02\x03\x07"},
		{"a NUL", "34\x00"},
		{"DEL", "\x7f"},
		{"C1 control", "\u0085\u009b"},
		{"zero-width only", zw},
		{"bidi marks only", "\u200e\u200f\u061c"},
		{"bidi overrides only", "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"},
		{"bidi override around an age", "\u202e43\u202c"},
		{"emoji only", "🙂😀🎉"},
		{"flag and ZWJ emoji", "🇩🇪👨‍👩‍👧‍👦🏳️‍🌈"},
		{"combining marks only", "\u0301\u0301\u0301\u0308\u0323"},
		{"zalgo age", "3\u03014\u0308\u0323"},
		{"whitespace only", " \t \u00a0\u3000"},
		{"line breaks only", "\n\n\n"},
		{"private use", "\ue000\uf8ff"},
		{"noncharacter", "\ufffe\uffff"},
		{"replacement character", "\ufffd\ufffd"},
		{"surrogate-range escape", "34 \ufffd"},
		{"exactly 4096 letters", strings.Repeat("a", 4096)},
		{"4096 emoji", strings.Repeat("🙂", 4096)},
		{"4097 letters", strings.Repeat("a", 4097)},
		{"100k letters", strings.Repeat("ab ", 33000)},
		{"4096 digits", strings.Repeat("9", 4096)},
		{"long need", strings.Repeat("I need a job and a flat and a German course. ", 90)},
		{"slash alone", "/"},
		{"slash and space", "/ 34"},
		{"double slash", "//"},
		{"a path", "/usr/bin/env"},
		{"a fraction", "1/2"},
		{"command with bot suffix", "/help@wegweiser_test_bot"},
		{"command with another bot's suffix", "/help@other_bot"},
		{"command with only @", "/help@"},
		{"upper-case command", "/HELP"},
		{"unknown command", "/frobnicate"},
		{"unknown command with suffix", "/frobnicate@wegweiser_test_bot arg"},
		{"a 4000-character command", "/" + strings.Repeat("x", 4000)},
		{"a command with a zero-width space", "/he\u200blp"},
		{"a command with an Arabic name", "/مساعدة"},
		{"language with garbage", "/language ../../zz"},
		{"language with 4000 characters", "/language " + strings.Repeat("z", 4000)},
		{"delete with arguments", "/delete now please"},
		{"restart with a NUL", "/restart \x00"},
		{"staff command from a newcomer", "/office"},
		{"admin command from a newcomer", "/admin"},
		{"web command from a newcomer", "/web"},
		{"stats command from a newcomer", "/stats"},
		{"coordinates typed", "51.31, 9.48"},
		{"NaN coordinates typed", "NaN, Inf"},
		{"huge number", "99999999999999999999999999999999"},
		{"negative age", "-34"},
		{"age with exponent", "3e1"},
		{"html", "<b>34</b><script>alert(1)</script>"},
		{"markdown", "*34* _x_ [a](http://e.org) `y`"},
		{"format string", "%s%n%x%d %v {{.Office}}"},
		{"sql", "'; DROP TABLE conversations; --"},
		{"json", `{"age":34}`},
	}
	chat := int64(7360000)
	for _, c := range cases {
		chat++
		t.Run(c.name, func(t *testing.T) {
			e.advAtAge(t, chat)
			n := len(e.fake.Texts(chat))
			e.fake.PushUpdate(tgfake.MessageFrom(chat, c.text, "en"))
			e.advQuiet(t)
			got := e.advNewTexts(chat, n)
			if len(got) == 0 {
				t.Fatalf("no answer")
			}
			for _, s := range got {
				if utf8.RuneCountInString(s) > 4096 {
					t.Errorf("an answer of %d characters", utf8.RuneCountInString(s))
				}
			}
			for _, f := range e.fake.CallsTo("sendMessage") {
				if f.Failed && f.Params["chat_id"] == strconv.FormatInt(chat, 10) {
					t.Errorf("Telegram refused an answer: %s", f)
				}
			}
			last := got[len(got)-1]
			if !strings.Contains(last, advAgeQuestion) && !strings.Contains(last, "What do you need help with") &&
				!strings.Contains(last, "Which one is the age") && !strings.Contains(last, "Please choose") && !strings.Contains(last, "deleted") && !strings.Contains(last, "share your location") {
				t.Errorf("the conversation lost its place; answers: %q", advAbbreviate(got))
			}
			t.Logf("%s → %q", c.name, advAbbreviate(got))
		})
	}
	advLogsClean(t, e, "DROP TABLE", "alert(1)", "frobnicate")
}

func advAbbreviate(texts []string) []string {
	out := make([]string, len(texts))
	for i, s := range texts {
		if r := []rune(s); len(r) > 160 {
			s = string(r[:160]) + "…"
		}
		out[i] = s
	}
	return out
}

// A first message of a chat the bot never saw, adversarial in the same ways: each is
// answered with the welcome and the first question.
func TestAdversarialFirstMessages(t *testing.T) {
	e, db := advEnv(t, func(o *Options) { o.Flood = NoFloodLimit })
	cases := []struct{ name, text, lang string }{
		{"garbage payload", "/start ../../etc/passwd", "en"},
		{"64-character payload", "/start " + strings.Repeat("x", 64), "en"},
		{"4000-character payload", "/start " + strings.Repeat("x", 4000), "en"},
		{"empty staff code", "/start staff-", "en"},
		{"huge staff code", "/start staff-" + strings.Repeat("A", 3000), "en"},
		{"language and garbage", "/start ar-\u202e\u0000", "en"},
		{"NUL payload", "/start \x00", "en"},
		{"emoji payload", "/start 🙂", "en"},
		{"bot suffix and language", "/start@wegweiser_test_bot ar", "en"},
		{"another bot's suffix", "/start@other_bot", "en"},
		{"upper case", "/START", "en"},
		{"several words", "/start ar uk ru", "en"},
		{"a hyphen", "/start -", "en"},
		{"unknown language and tag", "/start zz-flyer", "en"},
		{"tag of 33 characters", "/start " + strings.Repeat("t", 33), "en"},
		{"a language code with garbage", "/start", "\x00\u202e" + strings.Repeat("x", 300)},
		{"only zero-width", "\u200b\u200d", "en"},
		{"only controls", "\x01\x02", "en"},
		{"only emoji", "🙂", "ar"},
		{"5000 letters", strings.Repeat("a", 5000), "en"},
		{"a danger phrase in a huge text", strings.Repeat("x ", 2500) + "my husband hits me", "en"},
		{"unknown command", "/frobnicate", "en"},
		{"delete first", "/delete", "en"},
	}
	chat := int64(7370000)
	for _, c := range cases {
		chat++
		t.Run(c.name, func(t *testing.T) {
			e.fake.PushUpdate(tgfake.MessageFrom(chat, c.text, c.lang))
			e.advQuiet(t)
			got := e.fake.Texts(chat)
			if len(got) == 0 {
				t.Fatalf("no answer")
			}
			t.Logf("%s → %q", c.name, advAbbreviate(got))
		})
	}
	// Campaign tags in the statistics stay within their bounds.
	var tags []string
	if err := db.SelectContext(context.Background(), &tags, `SELECT DISTINCT dims->>'tag' FROM events WHERE dims ? 'tag'`); err != nil {
		t.Logf("could not read the tags: %v", err)
	}
	for _, tag := range tags {
		if len(tag) > 32 || !regexp.MustCompile(`^[a-z0-9-]+$`).MatchString(tag) {
			t.Errorf("a campaign tag outside its bounds was counted: %q", tag)
		}
	}
	advLogsClean(t, e)
}

// A staff invitation redeemed by a user whose name Telegram (or a forger) sends with a
// character PostgreSQL cannot store, or far longer than Telegram's 64: the member is
// welcomed or told what is wrong, and the chat is not left retrying forever.
func TestAdversarialInvitationWithUnstorableName(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	unavailable := e.lastAdapter.catalog.Render("en", dialog.T("unavailable"))
	for i, name := range []string{"An\x00na", strings.Repeat("N", 20000), "\u202eanna"} {
		chat := int64(7380001 + i)
		code, err := staff.Invite(ctx, e.store, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-test"}}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		u := tgfake.From(tgfake.MessageFrom(chat, "/start staff-"+code, "en"), name, "", "")
		e.fake.PushUpdate(u)
		deadline := time.Now().Add(5 * time.Second)
		var got []string
		for time.Now().Before(deadline) {
			got = e.fake.Texts(chat)
			if len(got) > 0 && !strings.Contains(strings.Join(got, "\n"), unavailable) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		joined := strings.Join(got, "\n")
		if len(got) == 0 || strings.Contains(joined, unavailable) {
			t.Errorf("name %d (%q…): answers %q; the update is retried for ever (held by the dispatcher: %d)", i, advAbbreviate([]string{name})[0], advAbbreviate(got), e.lastAdapter.dispatch.pending())
			// The chat is stuck behind it: its next message is not answered either.
			n := len(got)
			e.fake.PushUpdate(tgfake.MessageFrom(chat, "/help", "en"))
			time.Sleep(3 * time.Second)
			if after := e.fake.Texts(chat); len(after) == n {
				t.Errorf("name %d: the chat's next message (/help) is not answered either: the chat waits behind the update for ever", i)
			}
		} else {
			t.Logf("name %d: answers %q", i, advAbbreviate(got))
		}
	}
}

// Through the webhook, Telegram (or a replay) may post updates out of order or again: an
// older update after a newer one is handled (not taken for a repeat), a repeat is not.
func TestAdversarialWebhookOutOfOrderAndRepeats(t *testing.T) {
	e, _ := advEnv(t, nil)
	e.stop()
	hook, _ := webhookReplica(t, e)
	const chat = 7390001
	start := tgfake.MessageFrom(chat, "/start en", "en")
	start.ID = 900
	if code := deliverTo(t, hook, start); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	e.waitTexts(t, chat, 1)
	e.settle(t)
	older := tgfake.MessageFrom(chat, "34", "en")
	older.ID = 800
	if code := deliverTo(t, hook, older); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	e.waitTexts(t, chat, 2)
	e.settle(t)
	if code := deliverTo(t, hook, start); code != http.StatusOK {
		t.Errorf("a repeat answered %d", code)
	}
	time.Sleep(300 * time.Millisecond)
	e.settle(t)
	texts := e.fake.Texts(chat)
	if len(texts) != 2 || !strings.Contains(texts[1], "What do you need help with") {
		t.Errorf("answers %q; want the greeting and the topic question, once each", advAbbreviate(texts))
	}

}

// The same update twice in one poll answer, and out of order, is handled once, in order.
func TestAdversarialRepeatsInOneBatch(t *testing.T) {
	e := newEnv(t)
	e.stop()
	const chat = 7400001
	first := tgfake.MessageFrom(chat, "/start en", "en")
	first.ID = 50
	raw, _ := json.Marshal(&first)
	e.fake.PushRaw(string(raw))
	e.fake.PushRaw(string(raw))
	second := tgfake.MessageFrom(chat, "34", "en")
	second.ID = 51
	raw2, _ := json.Marshal(&second)
	e.fake.PushRaw(string(raw2))
	e.fake.PushRaw(string(raw))
	e.start(t)
	e.waitTexts(t, chat, 2)
	e.advQuiet(t)
	texts := e.fake.Texts(chat)
	if len(texts) != 2 {
		t.Errorf("answers %q, want the greeting and the topic question once each", advAbbreviate(texts))
	}
}

// Invalid UTF-8 inside the JSON of a polled update (the decoder makes it U+FFFD): the
// message is answered, and the rest of the batch too.
func TestAdversarialInvalidUTF8InPolledUpdate(t *testing.T) {
	e := newEnv(t)
	const chat, other = 7410001, 7410002
	e.advAtAge(t, chat)
	n := len(e.fake.Texts(chat))
	e.fake.PushRaw(strings.Replace(advRawMessage(chat, `"text":"3XX4"`), "XX", "\xff\xfe", 1))
	e.fake.PushRaw(strings.Replace(advRawMessage(chat, `"text":"\ud800"`), "", "", 1)) // a lone surrogate escape
	e.fake.PushUpdate(tgfake.MessageFrom(other, "/start en", "en"))
	e.waitTexts(t, other, 1)
	e.advQuiet(t)
	got := e.advNewTexts(chat, n)
	if len(got) < 2 {
		t.Errorf("answers %q; want an answer to each", got)
	}
	t.Logf("answers: %q", got)
}

// Nothing a person sends or is reaches the logs: not their name, username, chat id, or text,
// whatever the input.
func TestAdversarialNothingPrivateInTheLogs(t *testing.T) {
	e := newEnv(t)
	const chat = 7429931
	send := func(u models.Update) { e.fake.PushUpdate(tgfake.From(u, "Zyxwerta", "Plonkowski", "zyx_secret_user")) }
	send(tgfake.MessageFrom(chat, "/start en", "en"))
	send(tgfake.MessageFrom(chat, "Geheimwort1 \x00", "en"))
	send(tgfake.MessageFrom(chat, "/Geheimwort2", "en"))
	send(tgfake.MessageFrom(chat, strings.Repeat("Geheimwort3 ", 500), "en"))
	send(tgfake.CallbackFrom(chat, 999999, "Geheimwort4", "en"))
	send(tgfake.CallbackFrom(chat, 1, "Geheimwort5"+strings.Repeat("x", 100), "en"))
	send(tgfake.WithCaption(tgfake.Photo(chat), "Geheimwort6"))
	send(tgfake.Document(chat, "Geheimwort7.pdf", 1<<30))
	send(tgfake.Location(chat, 51.4242, 9.4242))
	e.fake.PushRaw(advRawMessage(chat, `"contact":{"phone_number":"+4917099887766","first_name":"Geheimwort8"}`))
	e.fake.FailNext("sendMessage", 1, 400, 0)
	send(tgfake.MessageFrom(chat, "/help", "en"))
	e.advQuiet(t)
	advLogsClean(t, e, "7429931", "Zyxwerta", "Plonkowski", "zyx_secret_user", "Geheimwort", "4917099887766", "51.424", "9.424")
}

// What a newcomer sends into a taken hand-over reaches the counsellor whole or is refused
// with a reason: a caption as long as Telegram lets a user write, a long text, direction
// overrides, invisible text, a sticker; and a second tap on "send" does not send twice.
func TestAdversarialRelay(t *testing.T) {
	e := newRelayEnv(t)
	e.counsellor(t, counselA, "mbe-test")
	thread := e.request(t, newcomer1, "Ich brauche Hilfe mit dem Mietvertrag", counselA)
	e.tapAs(newcomer1, "ho:send")
	e.advQuiet(t)
	if n := len(e.advSaidContaining(counselA, "New request #")); n != 1 {
		t.Errorf("a second tap on send made %d request cards", n)
	}
	e.tapAs(counselA, "s:ht:"+thread)
	e.waitSaid(t, newcomer1, "Good news: a counsellor of “MBE Test”", 1)

	caption := strings.Repeat("c", 1024-len("CAPTION-END")) + "CAPTION-END" // Telegram's limit for a user's caption
	e.push(newcomer1, tgfake.WithCaption(tgfake.Photo(newcomer1.id), caption))
	e.advQuiet(t)
	if got := e.advSaidContaining(counselA, "cccccccccc"); len(got) != 1 || !strings.Contains(got[0], "CAPTION-END") {
		t.Errorf("a caption of 1024 characters did not reach the counsellor whole (%d characters arrived)", utf8.RuneCountInString(strings.Join(got, "")))
	}
	long := strings.Repeat("Mietvertrag 🏠 ", 3000/14-1) + "TEXT-END"
	e.write(newcomer1, long)
	e.advQuiet(t)
	if got := strings.Join(e.advSaidContaining(counselA, "Mietvertrag 🏠"), "\n"); !strings.Contains(got, "TEXT-END") {
		t.Errorf("a long message did not reach the counsellor whole")
	}
	cases := []struct{ name, text string }{
		{"direction override", "\u202eOVERRIDE-TEXT"},
		{"zero-width only", "\u200b\u200d\ufeff"},
		{"controls", "CTRL\x1b[2J"},
		{"too long", strings.Repeat("x", 4096)},
	}
	for _, c := range cases {
		n := len(e.said(newcomer1))
		m := len(e.said(counselA))
		e.write(newcomer1, c.text)
		e.advQuiet(t)
		got, passed := e.said(newcomer1)[n:], e.said(counselA)[m:]
		t.Logf("%s → newcomer %q, counsellor %q", c.name, advAbbreviate(got), advAbbreviate(passed))
		if len(got) == 0 {
			t.Errorf("%s: the newcomer was told nothing", c.name)
		}
		for _, p := range passed {
			if strings.ContainsAny(p, "\u202a\u202b\u202d\u202e\x1b") {
				t.Errorf("%s: passed on with a control or override: %q", c.name, p)
			}
		}
	}
	n := len(e.said(newcomer1))
	e.push(newcomer1, tgfake.Sticker(newcomer1.id))
	e.advQuiet(t)
	if len(e.said(newcomer1)) == n {
		t.Errorf("a sticker in a hand-over got no answer")
	}
	advLogsClean(t, e.env, "Amina", "Karimi", "amina_k731", "731942651", "OVERRIDE-TEXT", "Mietvertrag")
}

func (e *relayEnv) advSaidContaining(p person, want string) []string {
	var out []string
	for _, s := range e.said(p) {
		if strings.Contains(s, want) {
			out = append(out, s)
		}
	}
	return out
}

// Staff buttons forged by a counsellor (who may tap them) with arguments no button carries,
// and a counsellor's typed value with a NUL: each is answered, and the chat goes on.
func TestAdversarialStaffButtonData(t *testing.T) {
	e, _ := advEnv(t, func(o *Options) { o.Flood = NoFloodLimit })
	ctx := context.Background()
	const counsellor = 7440001
	code, err := staff.Invite(ctx, e.store, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-test"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(counsellor, "/start staff-"+code, "en")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(counsellor, "/office", "en")) }, 1)
	e.advQuiet(t)
	datas := []string{
		"s:e:languages", "s:tl:\x00", "s:tl:" + strings.Repeat("z", 60), "s:tt:\u202e", "s:tn:../../x", "s:save:languages",
		"s:e:\x00", "s:e:phone", "s:save:phone", "s:x",
		"s:o:\x00", "s:o:" + strings.Repeat("9", 58), "s:st:\x00", "s:sd:99999999-00000000", "s:sd:20261301-20260132",
		"s:acc:maybe", "s:wl:-1", "s:wl:99999999999999999999", "s:ro", "s:okr:zz", "s:hist",
		"s:ht:0", "s:ht:-1", "s:hs:1:\x00", "s:heok:9223372036854775807",
		"s:rv:1", "s:rvok:1", "s:ir:admin", "s:io:zz", "s:ad:new", "s:nk:jmd", "s:arok:zz",
		"s:", "s", "s::", "s:acc", "s:web:extra",
	}
	for _, d := range datas {
		d, _ = strconv.Unquote(`"` + d + `"`)
		calls := len(e.fake.Calls())
		u := tgfake.CallbackFrom(counsellor, e.advLastMessageIDOr(1), d, "en")
		e.fake.PushUpdate(u)
		e.advQuiet(t)
		if n := advCountAnswers(e, u.CallbackQuery.ID); n != 1 {
			t.Errorf("%q: answered %d times", d, n)
		}
		var said []string
		for _, c := range e.fake.Calls()[calls:] {
			if c.Params["chat_id"] == strconv.FormatInt(counsellor, 10) || c.Method == "answerCallbackQuery" {
				said = append(said, c.Method+": "+c.Params["text"])
			}
		}
		t.Logf("%q → %q", d, advAbbreviate(said))
	}
	// Typed at the phone question: a NUL, then a value that works; the second is understood.
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(counsellor, "/office", "en")) }, 1)
	e.advQuiet(t)
	e.fake.PushUpdate(tgfake.CallbackFrom(counsellor, e.advLastMessageIDOr(1), "s:e:phone", "en"))
	e.advQuiet(t)
	n := len(e.fake.Texts(counsellor))
	e.fake.PushUpdate(tgfake.MessageFrom(counsellor, "0561\x00 123", "en"))
	e.advQuiet(t)
	e.fake.PushUpdate(tgfake.MessageFrom(counsellor, "0561 987654", "en"))
	e.advQuiet(t)
	got := e.advNewTexts(counsellor, n)
	t.Logf("typed → %q", advAbbreviate(got))
	if !strings.Contains(strings.Join(got, "\n"), "987654") {
		t.Errorf("after the refused value the chat did not go on: %q", advAbbreviate(got))
	}
	advLogsClean(t, e)
}

// advLastMessageIDOr is the id of the last message sent with buttons, or def when none was.
func (e *env) advLastMessageIDOr(def int) int {
	calls := e.fake.CallsTo("sendMessage")
	for i := len(calls) - 1; i >= 0; i-- {
		if !calls[i].Failed && strings.Contains(calls[i].Params["reply_markup"], "inline_keyboard") {
			return calls[i].MessageID
		}
	}
	return def
}

// Text typed at the place question that reads as coordinates or numbers but is none a person
// means: each is answered, and the chat goes on (the next message is answered too). "NaN"
// parses as a float and passes every range check (comparisons with NaN are false).
func TestAdversarialPlaceTextsNaN(t *testing.T) {
	adversarialPlaceTexts(t, "NaN, NaN", "nan, 9.48", "51.31, NaN")
}

// The same for other odd coordinates and numbers.
func TestAdversarialPlaceTexts(t *testing.T) {
	adversarialPlaceTexts(t, "Inf, -Inf", "1e308, 1e308", "-0, -0", "0x1p5, 0x1p3",
		"51.31,9.48,7", "５１.３１, ９.４８", "99999", "00000", "34117 34117 34117 34117", "١٢٣٤٥",
		strings.Repeat("3", 4096), "\u200b", "🙂", "Kassel"+strings.Repeat("\u0301", 500))
}

func adversarialPlaceTexts(t *testing.T, cases ...string) {
	e, _ := advEnv(t, func(o *Options) { o.Flood = NoFloodLimit })
	unavailable := e.lastAdapter.catalog.Render("en", dialog.T("unavailable"))
	chat := int64(7450000)
	// waitMore waits until chat was sent more than n texts, or 4 s passed, and 100 ms more
	// for the rest of the answer.
	waitMore := func(chat int64, n int) {
		deadline := time.Now().Add(4 * time.Second)
		for len(e.fake.Texts(chat)) <= n && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond)
	}
	for _, text := range cases {
		chat++
		t.Run(text[:min(len(text), 20)], func(t *testing.T) {
			e.fake.PushUpdate(tgfake.MessageFrom(chat, "/start en", "en"))
			waitMore(chat, 0)
			e.fake.PushUpdate(tgfake.CallbackFrom(chat, e.advLastMessageIDOr(1), "age:27+", "en"))
			waitMore(chat, 1)
			e.fake.PushUpdate(tgfake.CallbackFrom(chat, e.advLastMessageIDOr(1), "topic:residence", "en"))
			waitMore(chat, 3)
			n := len(e.fake.Texts(chat))
			if kb := e.fake.LastKeyboard(chat); len(kb) == 0 || !kb[0][0].RequestLocation {
				t.Fatalf("not at the place question: %q", advAbbreviate(e.fake.Texts(chat)))
			}
			e.fake.PushUpdate(tgfake.MessageFrom(chat, text, "en"))
			waitMore(chat, n)
			got := e.advNewTexts(chat, n)
			if len(got) == 0 || strings.Contains(strings.Join(got, "\n"), unavailable) {
				t.Errorf("answers %q", advAbbreviate(got))
			}
			m := len(e.fake.Texts(chat))
			e.fake.PushUpdate(tgfake.MessageFrom(chat, "/help", "en"))
			waitMore(chat, m)
			if len(e.fake.Texts(chat)) == m {
				t.Errorf("the chat is stuck: /help after it is not answered")
			}
			t.Logf("%q → %q", text[:min(len(text), 40)], advAbbreviate(got))
		})
	}
}

// A button tap is answered (the spinner stops) as soon as the turn knows what to say, not
// after its write: with the conversation table locked, so that the turn's write waits, the
// tap is answered and the next question is not sent; once the lock is gone, it is.
func TestTapAnsweredBeforeTheTurnIsWritten(t *testing.T) {
	e, db := advEnv(t, nil)
	const chat = 7460001
	e.advAtAge(t, chat)
	n := len(e.fake.Texts(chat))
	tx, err := db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`LOCK TABLE conversations IN EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	tap := tgfake.CallbackFrom(chat, e.advLastMessageIDOr(1), "age:27+", "en")
	e.fake.PushUpdate(tap)
	deadline := time.Now().Add(5 * time.Second)
	for advCountAnswers(e, tap.CallbackQuery.ID) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := advCountAnswers(e, tap.CallbackQuery.ID); got != 1 {
		t.Fatalf("the tap was answered %d times while its turn waited to be written, want 1", got)
	}
	if texts := e.fake.Texts(chat); len(texts) != n {
		t.Errorf("sent before the turn was written: %q", texts[n:])
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	e.waitTexts(t, chat, n+1)
	e.advQuiet(t)
	if texts := e.fake.Texts(chat); !strings.Contains(strings.Join(texts[n:], "\n"), "What do you need help with") {
		t.Errorf("after the write: %q, want the topic question", texts[n:])
	}
	if got := advCountAnswers(e, tap.CallbackQuery.ID); got != 1 {
		t.Errorf("the tap was answered %d times in all, want 1", got)
	}
}
