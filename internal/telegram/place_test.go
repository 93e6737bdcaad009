package telegram

import (
	"strconv"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/tgfake"
)

// toPlace starts chat in English and answers up to the place question, whose one keyboard
// offers the location button and "Skip".
func (e *env) toPlace(t *testing.T, chat int64) {
	t.Helper()
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.Command(chat, "start en")) }, 1)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "34", "en")) }, 1)
	e.tap(t, chat, "topic:residence", 1)
	if kb := e.fake.LastKeyboard(chat); len(kb) != 2 || !kb[0][0].RequestLocation || kb[1][0].Text != "Skip" {
		t.Fatalf("the place question offers %v, want the location button and Skip", kb)
	}
}

// sent returns the texts and reply markups of the messages sent to chat, in order.
func (e *env) sent(chat int64) (texts, markups []string) {
	id := strconv.FormatInt(chat, 10)
	for _, c := range e.fake.CallsTo("sendMessage") {
		if c.Params["chat_id"] == id && !c.Failed {
			texts = append(texts, c.Params["text"])
			markups = append(markups, c.Params["reply_markup"])
		}
	}
	return texts, markups
}

// TestPlaceByPostcodeAndKeyboard: at the place question a typed postcode (in any digits)
// ranks the offices by distance from its centre, one outside the served area gets the honest
// answer, and the keyboard's Skip arrives as text and skips; each removes the keyboard.
func TestPlaceByPostcodeAndKeyboard(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		chat       int64
		text       string
		first      string   // in the message before the result
		result     []string // in the result
		notInFirst string
	}{
		{8101, "34119", "nearest to the postcode 34119 (Kassel)", []string{"1. MBE Test", "km from you"}, "outside"},
		{8102, "٣٤١١٩", "nearest to the postcode 34119 (Kassel)", []string{"1. MBE Test", "km from you"}, "outside"},
		{8103, "80331", "The postcode 80331 (München) is outside the area of this service", []string{"1. MBE Test", "km from you", "https://bamf-navi.bamf.de"}, "Thank you"},
		{8104, "Skip", "No problem, we continue without a location.", []string{"1. MBE Test"}, "postcode"},
	}
	for _, c := range cases {
		e.toPlace(t, c.chat)
		e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(c.chat, c.text, "en")) }, 2)
		texts, markups := e.sent(c.chat)
		first, result := texts[len(texts)-2], texts[len(texts)-1]
		if !strings.Contains(first, c.first) || strings.Contains(first, c.notInFirst) {
			t.Errorf("%q: answered %q, want %q", c.text, first, c.first)
		}
		if !strings.Contains(markups[len(markups)-2], "remove_keyboard") {
			t.Errorf("%q: the keyboard stays: %q", c.text, markups[len(markups)-2])
		}
		for _, want := range c.result {
			if !strings.Contains(result, want) {
				t.Errorf("%q: the result lacks %q:\n%s", c.text, want, result)
			}
		}
	}
	// An unknown postcode: said, and the question again with its keyboard.
	const chat = 8105
	e.toPlace(t, chat)
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(chat, "00000", "en")) }, 2)
	texts, _ := e.sent(chat)
	if !strings.Contains(texts[len(texts)-2], "I do not know the postcode 00000") || !strings.Contains(texts[len(texts)-1], "postcode (5 digits)") {
		t.Errorf("unknown postcode answered %q, %q", texts[len(texts)-2], texts[len(texts)-1])
	}
	if kb := e.fake.LastKeyboard(chat); len(kb) != 2 || !kb[0][0].RequestLocation {
		t.Errorf("the question again without its keyboard: %v", kb)
	}
}
