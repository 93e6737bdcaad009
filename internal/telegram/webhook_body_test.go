package telegram

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecodeUpdate(t *testing.T) {
	const u = `{"update_id":7,"message":{"message_id":1,"date":1,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A"},"text":"hi"}}`
	cases := []struct {
		body string
		err  error
	}{
		{u, nil},
		{" \n\t" + u + "\r\n ", nil},
		{u + "x", errTrailing},
		{u + u, errTrailing},
		{u + "{", errTrailing},
		{u + "\x00", errTrailing},
		{u + "\u00a0", errTrailing},
		{"[" + u + "]", errNotObject},
		{"null", errNotObject},
		{"", errNotObject},
		{`"text"`, errNotObject},
		{`{"update_id":"seven"}`, errBadJSON},
		{`{"update_id":7`, errBadJSON},
		{`{"update_id":7,"message":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"},"entities":"not an array"}}`, errUnreadable},
		{`{"update_id":0,"message":"x"}`, errBadJSON}, // no id Telegram gives
		{strings.Replace(u, "hi", "h\xffi", 1), errNotUTF8},
		{u + strings.Repeat(" ", MaxWebhookBody), errBodyTooLarge},
	}
	for _, c := range cases {
		got, err := decodeUpdate(strings.NewReader(c.body))
		if !errors.Is(err, c.err) {
			t.Errorf("decodeUpdate(%.60q) = %v, want %v", c.body, err, c.err)
		}
		if err == nil && (got.ID != 7 || got.Message.Text != "hi") {
			t.Errorf("decoded %+v", got)
		}
	}
}

// FuzzDecodeUpdate: a webhook body is accepted exactly when it is one JSON object in UTF-8
// (whitespace around it allowed) whose fields have Telegram's types; anything else is refused
// with one of the named reasons. What handleUpdate does with an accepted update before the
// conversation (kind, guard, input) does not panic.
func FuzzDecodeUpdate(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		u, err := decodeUpdate(bytes.NewReader(body))
		trimmed := bytes.Trim(body, " \t\r\n")
		oneObject := utf8.Valid(body) && json.Valid(body) && len(trimmed) > 0 && trimmed[0] == '{' && len(body) <= MaxWebhookBody
		switch {
		case err == nil && !oneObject:
			t.Fatalf("accepted %q, which is not one JSON object", body)
		case err != nil && oneObject && !errors.Is(err, errBadJSON) && !errors.Is(err, errUnreadable):
			t.Fatalf("refused one JSON object %q: %v", body, err)
		case err != nil:
			for _, known := range []error{errBodyTooLarge, errNotUTF8, errNotObject, errBadJSON, errTrailing, errUnreadable} {
				if errors.Is(err, known) {
					return
				}
			}
			t.Fatalf("refused without a reason: %v", err)
		}
		updateKind(u)
		if _, reason := privateChat(u); reason == "" {
			inputOf(u)
			whoOf(u)
		}
	})
}
