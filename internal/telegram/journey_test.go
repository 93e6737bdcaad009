package telegram

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/stats"
	"github.com/kassel/wegweiser/internal/tgfake"
)

// figures are today's statistics (UTC days, as the test runner counts them).
func (e *env) figures(t *testing.T) stats.Figures {
	t.Helper()
	today := time.Now().UTC()
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	f, err := e.store.Figures(context.Background(), day, day)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestFirstMessageGoesOnInTheAppLanguage: before any language is tapped, each message goes on
// with one conversation in the language Telegram's language_code or the message's script
// names, and counts as an answer where it is one: one greeting with the first question and one
// "other language" button, no picker, one "started" event.
func TestFirstMessageGoesOnInTheAppLanguage(t *testing.T) {
	e := newEnv(t)
	const ukrainian, arabic, german = 11001, 11002, 11003
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(ukrainian, "5", "uk")) }, 1)
	greeting := e.fake.Texts(ukrainian)[0]
	if !strings.Contains(greeting, "Вітаю") || !strings.Contains(greeting, "Дитина живе з мамою або татом?") {
		t.Errorf("greeting = %q, want the welcome and the under-12 question in Ukrainian", greeting)
	}
	if kb := e.fake.LastKeyboard(ukrainian); !hasButton(kb, "child:yes") || !hasButton(kb, "nav:language") || hasButton(kb, "lang:uk") {
		t.Errorf("keyboard %v, want the question's buttons and one language button", kb)
	}
	// More messages, a sticker and /help: the same conversation goes on.
	e.tap(t, ukrainian, "child:yes", 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(ukrainian, "мені 34", "uk")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Sticker(ukrainian)) }, 2)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(ukrainian, "/help", "uk")) }, 1)
	all := e.texts(ukrainian)
	if n := strings.Count(all, "Вітаю"); n != 1 {
		t.Errorf("greeted %d times:\n%s", n, all)
	}
	if !strings.Contains(all, "З чим вам потрібна допомога?") || !strings.Contains(all, "/restart") {
		t.Errorf("the conversation did not go on in Ukrainian:\n%s", all)
	}

	// An Arabic sentence from a phone set to English: Arabic, the age taken.
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(arabic, "عمري ٣٥", "en")) }, 1)
	if got := e.fake.Texts(arabic)[0]; !strings.Contains(got, "مرحبًا") || !strings.Contains(got, "فهمت: العمر") || strings.Contains(got, "Hello") {
		t.Errorf("Arabic greeting = %q", got)
	}
	// A voice note first, from a German phone.
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Voice(german)) }, 1)
	if got := e.fake.Texts(german)[0]; !strings.Contains(got, "Hallo! Ich bin Wegweiser") || !strings.Contains(got, "keine Sprachnachrichten") {
		t.Errorf("German greeting = %q", got)
	}
	if f := e.figures(t); f.Conversations != 3 {
		t.Errorf("%d conversations counted, want 3 (one per chat)", f.Conversations)
	}
}

// TestCommandsBeforeALanguageInTheAppLanguage: /help and /privacy sent first are answered in
// the app's language, not in English.
func TestCommandsBeforeALanguageInTheAppLanguage(t *testing.T) {
	e := newEnv(t)
	const arabic, german = 12001, 12002
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(arabic, "/help", "ar")) }, 2)
	if got := e.fake.Texts(arabic); !strings.Contains(got[0], "أساعد القادمين الجدد") || !strings.Contains(got[1], "كم عمر الشخص") {
		t.Errorf("/help in Arabic = %q", got)
	}
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(german, "/privacy", "de")) }, 2)
	if got := e.fake.Texts(german); !strings.Contains(got[0], "Was ich speichere") {
		t.Errorf("/privacy in German = %q", got)
	}
}

// TestVoiceAndPhotoLeadToAPerson: a voice note or a photo after the result is answered with
// the best office's phone and the online counselling for the age, then what next.
func TestVoiceAndPhotoLeadToAPerson(t *testing.T) {
	e := newEnv(t)
	const chat = 13001
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Command(chat, "start de")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Message(chat, "45")) }, 1)
	e.tap(t, chat, "topic:residence", 1)
	e.tap(t, chat, "place:skip", 2)
	for _, u := range []func() int64{
		func() int64 { return e.fake.PushUpdate(tgfake.Voice(chat)) },
		func() int64 { return e.fake.PushUpdate(tgfake.Photo(chat)) },
	} {
		e.say(t, u, 2)
		texts := e.fake.Texts(chat)
		answer := texts[len(texts)-2]
		for _, want := range []string{"keine Sprachnachrichten", "MBE Test", "0561 123456", "mbeon.de"} {
			if !strings.Contains(answer, want) {
				t.Errorf("answer %q lacks %q", answer, want)
			}
		}
		if !strings.Contains(texts[len(texts)-1], "Was möchten Sie jetzt tun?") {
			t.Errorf("then %q, want what next", texts[len(texts)-1])
		}
	}
}

// TestThumbsDownLeadsOn: 👎 asks what was missing; the answer edits the question in place,
// offers online counselling, and is counted for the city.
func TestThumbsDownLeadsOn(t *testing.T) {
	e := newEnv(t)
	const chat = 14001
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "/start ar", "ar")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "٣٥", "ar")) }, 1)
	e.tap(t, chat, "topic:residence", 1)
	e.tap(t, chat, "place:skip", 2)
	e.tap(t, chat, "res:no", 1)
	if kb := e.fake.LastKeyboard(chat); !hasButton(kb, "why:phone") || !hasButton(kb, "why:language") {
		t.Fatalf("no reasons offered: %v", kb)
	}
	edits := len(e.fake.CallsTo("editMessageText"))
	e.tap(t, chat, "why:phone", 1)
	if calls := e.fake.WaitFor(t, "editMessageText", edits+1, wait); !strings.Contains(calls[len(calls)-1].Params["text"], "✓") {
		t.Errorf("the question was not answered in place: %v", calls[len(calls)-1].Params)
	}
	texts, _ := e.sent(chat)
	if !strings.Contains(texts[len(texts)-1], "mbeon.de") {
		t.Errorf("the answer lacks mbeon.de: %q", texts[len(texts)-1])
	}
	f := e.figures(t)
	reasons := f.Total("feedback_reason")
	if len(reasons) != 1 || reasons[0].Value != "phone" || reasons[0].Count != 1 {
		t.Errorf("reasons counted: %v", reasons)
	}
}

// TestNoLinkPreviews: no message or edit asks Telegram for a preview of its first link (a
// result names several offices' websites; a sign-in link is not to be fetched).
func TestNoLinkPreviews(t *testing.T) {
	e := newEnv(t)
	const chat = 11050
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "34", "de")) }, 1)
	e.tap(t, chat, "topic:residence", 1)
	calls := append(e.fake.CallsTo("sendMessage"), e.fake.CallsTo("editMessageText")...)
	if len(calls) < 3 {
		t.Fatalf("%d calls", len(calls))
	}
	for _, c := range calls {
		if c.Params["link_preview_options"] != `{"is_disabled":true}` {
			t.Errorf("%s without is_disabled link preview options: %q", c.Method, c.Params["link_preview_options"])
		}
	}
}
