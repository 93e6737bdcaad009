package tgfake

import (
	"encoding/json"
	"strconv"
)

// Button is one keyboard button, from an inline or a reply keyboard.
type Button struct {
	Text            string
	CallbackData    string // inline keyboards
	URL             string // inline keyboards
	RequestLocation bool   // reply keyboards
}

// Texts returns, in order, the texts the bot sent to chatID with sendMessage and set with
// editMessageText. Failed calls are left out.
func (s *Server) Texts(chatID int64) []string {
	id := strconv.FormatInt(chatID, 10)
	var out []string
	for _, c := range s.Calls() {
		if !c.Failed && (c.Method == "sendMessage" || c.Method == "editMessageText") && c.Params["chat_id"] == id {
			out = append(out, c.Params["text"])
		}
	}
	return out
}

// LastKeyboard returns the keyboard (inline or reply) of the newest message the bot sent to
// chatID, as its last edit left it: what the user sees at the bottom of the chat. It is nil when
// that message has none or there is no such message. A reply_markup that is not a keyboard
// (e.g. remove_keyboard) also gives nil. Edits of older messages do not count, whenever they
// arrived: a bot may edit a question above while it sends the next one.
func (s *Server) LastKeyboard(chatID int64) [][]Button {
	id := strconv.FormatInt(chatID, 10)
	newest, markup, found := 0, "", false
	for _, c := range s.Calls() {
		if c.Failed || c.Params["chat_id"] != id {
			continue
		}
		switch c.Method {
		case "sendMessage":
			newest, markup, found = c.MessageID, c.Params["reply_markup"], true
		case "editMessageText", "editMessageReplyMarkup":
			if found && c.Params["message_id"] == strconv.Itoa(newest) {
				markup = c.Params["reply_markup"]
			}
		}
	}
	rows, err := ParseKeyboard(markup)
	if err != nil {
		s.t.Errorf("tgfake: LastKeyboard: %v", err)
	}
	return rows
}

// ParseKeyboard parses a reply_markup field into rows of buttons. Both inline keyboards
// ({"inline_keyboard":[[...]]}) and reply keyboards ({"keyboard":[[...]]}, whose buttons may also
// be plain strings) are understood; other markups and "" give nil.
func ParseKeyboard(replyMarkup string) ([][]Button, error) {
	if replyMarkup == "" {
		return nil, nil
	}
	var m struct {
		InlineKeyboard [][]struct {
			Text         string `json:"text"`
			CallbackData string `json:"callback_data"`
			URL          string `json:"url"`
		} `json:"inline_keyboard"`
		Keyboard [][]json.RawMessage `json:"keyboard"`
	}
	if err := json.Unmarshal([]byte(replyMarkup), &m); err != nil {
		return nil, err
	}
	var rows [][]Button
	for _, r := range m.InlineKeyboard {
		row := make([]Button, 0, len(r))
		for _, b := range r {
			row = append(row, Button{Text: b.Text, CallbackData: b.CallbackData, URL: b.URL})
		}
		rows = append(rows, row)
	}
	for _, r := range m.Keyboard {
		row := make([]Button, 0, len(r))
		for _, raw := range r {
			var text string
			if json.Unmarshal(raw, &text) == nil {
				row = append(row, Button{Text: text})
				continue
			}
			var b struct {
				Text            string `json:"text"`
				RequestLocation bool   `json:"request_location"`
			}
			if err := json.Unmarshal(raw, &b); err != nil {
				return nil, err
			}
			row = append(row, Button{Text: b.Text, RequestLocation: b.RequestLocation})
		}
		rows = append(rows, row)
	}
	return rows, nil
}
