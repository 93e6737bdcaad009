package telegram

import (
	"context"
	"encoding/json"
	"strings"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/dialog"
)

// call is one Bot API call of an answer, rendered in the reader's language: what the outbox
// keeps (sealed) until Telegram took it.
type call struct {
	Method    string                       `json:"m"`
	ChatID    int64                        `json:"c"`
	MessageID int                          `json:"mid,omitempty"` // editMessageText
	Text      string                       `json:"t,omitempty"`
	Inline    *models.InlineKeyboardMarkup `json:"ik,omitempty"`
	Reply     *models.ReplyKeyboardMarkup  `json:"rk,omitempty"`
	Remove    bool                         `json:"rm,omitempty"` // remove a reply keyboard
	Venue     *dialog.Venue                `json:"v,omitempty"`
	File      *dialog.File                 `json:"f,omitempty"`
}

// The methods a call can be.
const (
	methodSend  = "sendMessage"
	methodEdit  = "editMessageText"
	methodVenue = "sendVenue"
	methodFile  = "sendFile" // sendPhoto or sendDocument
)

// maxCaption is Telegram's limit for a photo's or document's caption.
const maxCaption = 1024

// render turns a turn's output into the calls that say it. The tapped question (edit) comes
// first; each message is one call, or several when its text is longer than Telegram takes.
func (a *Adapter) render(chatID int64, u *models.Update, out dialog.Output, lang string) []call {
	var calls []call
	if out.Edit != nil && u != nil && u.CallbackQuery != nil && u.CallbackQuery.Message.Message != nil {
		c := call{Method: methodEdit, ChatID: chatID, MessageID: u.CallbackQuery.Message.Message.ID,
			Text: truncate(a.catalog.RenderMessage(lang, *out.Edit))}
		if len(out.Edit.Buttons) > 0 {
			c.Inline = a.inlineKeyboard(lang, out.Edit.Buttons)
		}
		calls = append(calls, c)
	}
	for _, m := range out.Messages {
		calls = append(calls, a.renderMessage(chatID, lang, m)...)
	}
	return calls
}

// renderMessage is the calls of one message.
func (a *Adapter) renderMessage(chatID int64, lang string, m dialog.Message) []call {
	if m.Venue != nil {
		return []call{{Method: methodVenue, ChatID: chatID, Venue: m.Venue}}
	}
	if m.Lang != "" {
		lang = m.Lang
	}
	text := a.catalog.RenderMessage(lang, m)
	if m.File != nil {
		// A caption longer than Telegram takes goes on in messages after the file (a
		// counsellor reads a newcomer's whole message), which then carry the buttons.
		calls := []call{{Method: methodFile, ChatID: chatID, Text: text, File: m.File}}
		if utf8.RuneCountInString(text) > maxCaption {
			cut := byteIndexOfRune(text, maxCaption)
			if br := strings.LastIndexAny(text[:cut], "\n "); br > 0 {
				cut = br
			}
			calls[0].Text = text[:cut]
			if rest := text[cut:]; !blank(rest) {
				for _, t := range split(strings.TrimLeft(rest, "\n ")) {
					calls = append(calls, call{Method: methodSend, ChatID: chatID, Text: t})
				}
			}
		}
		if len(m.Buttons) > 0 {
			calls[len(calls)-1].Inline = a.inlineKeyboard(lang, m.Buttons)
		}
		return calls
	}
	chunks := split(text)
	calls := make([]call, len(chunks))
	for i, t := range chunks {
		calls[i] = call{Method: methodSend, ChatID: chatID, Text: t}
	}
	last := &calls[len(calls)-1]
	switch {
	case len(m.Buttons) > 0:
		last.Inline = a.inlineKeyboard(lang, m.Buttons)
		if m.AskLocation != nil {
			// A message has one keyboard: the location keyboard comes in a message of its
			// own, after the question with its inline buttons.
			calls = append(calls, call{Method: methodSend, ChatID: chatID,
				Text: a.catalog.Render(lang, *m.AskLocation), Reply: a.replyKeyboard(lang, m)})
		}
	case m.AskLocation != nil:
		last.Reply = a.replyKeyboard(lang, m)
	case m.HideKeyboard:
		last.Remove = true
	}
	return calls
}

// replyKeyboard is the keyboard of a question that asks for a location: the button that
// shares it, then the message's reply buttons, one a row (a tap sends its label as text).
func (a *Adapter) replyKeyboard(lang string, m dialog.Message) *models.ReplyKeyboardMarkup {
	rows := [][]models.KeyboardButton{{{Text: a.catalog.Render(lang, *m.AskLocation), RequestLocation: true}}}
	for _, t := range m.Reply {
		rows = append(rows, []models.KeyboardButton{{Text: a.catalog.Render(lang, t)}})
	}
	return &models.ReplyKeyboardMarkup{Keyboard: rows, ResizeKeyboard: true, OneTimeKeyboard: true}
}

func (a *Adapter) inlineKeyboard(lang string, rows [][]dialog.Button) *models.InlineKeyboardMarkup {
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: make([][]models.InlineKeyboardButton, len(rows))}
	for i, row := range rows {
		for _, b := range row {
			kb.InlineKeyboard[i] = append(kb.InlineKeyboard[i], models.InlineKeyboardButton{Text: a.catalog.Render(lang, b.Label), CallbackData: b.Data})
		}
	}
	return kb
}

// noPreview asks Telegram not to show a preview of the first link in a message: a result
// names the websites of several offices, and a preview of the first one's page (often with a
// picture to download on a slow phone) would stand under the whole message as if it were the
// answer; a staff member's sign-in link is not to be fetched by Telegram's preview either, nor
// a link in a newcomer's message passed on to a counsellor.
var noPreview = &models.LinkPreviewOptions{IsDisabled: &[]bool{true}[0]}

// exec makes one call, once.
func (a *Adapter) exec(ctx context.Context, c call) error {
	switch c.Method {
	case methodEdit:
		p := &tgbot.EditMessageTextParams{ChatID: c.ChatID, MessageID: c.MessageID, Text: c.Text, LinkPreviewOptions: noPreview}
		if c.Inline != nil {
			p.ReplyMarkup = c.Inline
		}
		_, err := a.bot.EditMessageText(ctx, p)
		if err != nil && strings.Contains(err.Error(), "message is not modified") {
			return nil
		}
		return err
	case methodVenue:
		v := c.Venue
		_, err := a.bot.SendVenue(ctx, &tgbot.SendVenueParams{ChatID: c.ChatID, Latitude: v.Lat, Longitude: v.Lon, Title: v.Title, Address: v.Address})
		return err
	case methodFile:
		return a.sendFile(ctx, c)
	}
	p := &tgbot.SendMessageParams{ChatID: c.ChatID, Text: c.Text, LinkPreviewOptions: noPreview}
	switch {
	case c.Inline != nil:
		p.ReplyMarkup = c.Inline
	case c.Reply != nil:
		p.ReplyMarkup = c.Reply
	case c.Remove:
		p.ReplyMarkup = &models.ReplyKeyboardRemove{RemoveKeyboard: true}
	}
	_, err := a.bot.SendMessage(ctx, p)
	return err
}

// sealCalls seals each call for the outbox.
func (a *Adapter) sealCalls(calls []call) ([][]byte, error) {
	out := make([][]byte, len(calls))
	for i, c := range calls {
		data, err := json.Marshal(c)
		if err != nil {
			return nil, err
		}
		out[i] = a.outboxBox.Seal(data)
	}
	return out, nil
}

// openCall reads a sealed call back.
func (a *Adapter) openCall(sealed []byte) (call, error) {
	var c call
	data, err := a.outboxBox.Open(sealed)
	if err != nil {
		return c, err
	}
	return c, json.Unmarshal(data, &c)
}
