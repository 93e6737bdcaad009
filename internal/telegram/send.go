package telegram

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/kassel/wegweiser/internal/dialog"
)

// maxText is Telegram's limit for one message's text.
const maxText = 4096

// errBlocked means the user blocked the bot: stop sending to them.
var errBlocked = errors.New("telegram: blocked by the user")

// call runs one Bot API call, waiting out 429 answers (up to three times, each wait capped)
// and trying twice more, after a pause, when the network or Telegram's server failed.
func (a *Adapter) call(ctx context.Context, key string, fn func() error) error {
	for attempt := 0; ; attempt++ {
		err := fn()
		var tooMany *tgbot.TooManyRequestsError
		switch {
		case err == nil:
			return nil
		case transient(err) && attempt < 2 && ctx.Err() == nil:
			a.metrics.APIError(apiCode(err))
			a.log.Warn("telegram: call failed, retrying", "err", scrub(err))
			select {
			case <-time.After(time.Duration(attempt+1) * time.Second):
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		case errors.As(err, &tooMany) && attempt < 3:
			a.metrics.APIError(429)
			a.metrics.Retries.Inc()
			wait := min(time.Duration(tooMany.RetryAfter)*time.Second, a.opts.MaxRetryWait)
			a.log.Warn("telegram: rate limited, retrying", "after_s", wait.Seconds())
			select {
			case <-time.After(wait):
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		case errors.Is(err, tgbot.ErrorForbidden):
			a.metrics.APIError(403)
			a.log.Info("telegram: the user blocked the bot")
			if key != "" {
				if err := a.records.SetBlocked(ctx, key); err != nil {
					a.log.Error("telegram: recording a block failed", "err", err)
				}
			}
			return errBlocked
		default:
			a.metrics.APIError(apiCode(err))
			a.log.Warn("telegram: call failed", "err", scrub(err))
			return err
		}
	}
}

// scrub keeps an API error's kind and drops anything that could quote a user's message.
func scrub(err error) string {
	s := err.Error()
	if i := strings.IndexAny(s, "\n"); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

func (a *Adapter) answerCallback(ctx context.Context, u *models.Update, notice *dialog.Text, lang string) {
	if u.CallbackQuery == nil {
		return
	}
	p := &tgbot.AnswerCallbackQueryParams{CallbackQueryID: u.CallbackQuery.ID}
	if notice != nil {
		p.Text = a.catalog.Render(lang, *notice)
	}
	_ = a.call(ctx, "", func() error { _, err := a.bot.AnswerCallbackQuery(ctx, p); return err })
}

func (a *Adapter) edit(ctx context.Context, chatID int64, messageID int, lang string, m dialog.Message) {
	p := &tgbot.EditMessageTextParams{ChatID: chatID, MessageID: messageID, Text: truncate(a.catalog.RenderMessage(lang, m))}
	if len(m.Buttons) > 0 {
		p.ReplyMarkup = a.inlineKeyboard(lang, m.Buttons)
	}
	err := a.call(ctx, "", func() error {
		_, err := a.bot.EditMessageText(ctx, p)
		if err != nil && strings.Contains(err.Error(), "message is not modified") {
			return nil
		}
		return err
	})
	if err != nil {
		a.log.Info("telegram: could not edit the answered question")
	}
}

// send sends one message: a venue, or text with its buttons (split when too long).
func (a *Adapter) send(ctx context.Context, key string, chatID int64, lang string, m dialog.Message) error {
	if m.Venue != nil {
		v := m.Venue
		return a.call(ctx, key, func() error {
			_, err := a.bot.SendVenue(ctx, &tgbot.SendVenueParams{ChatID: chatID, Latitude: v.Lat, Longitude: v.Lon, Title: v.Title, Address: v.Address})
			return err
		})
	}
	if m.Lang != "" {
		lang = m.Lang
	}
	if m.File != nil {
		return a.sendFile(ctx, key, chatID, lang, m)
	}
	chunks := split(a.catalog.RenderMessage(lang, m))
	for i, text := range chunks {
		p := &tgbot.SendMessageParams{ChatID: chatID, Text: text}
		if i == len(chunks)-1 {
			switch {
			case len(m.Buttons) > 0:
				p.ReplyMarkup = a.inlineKeyboard(lang, m.Buttons)
			case m.AskLocation != nil:
				p.ReplyMarkup = a.replyKeyboard(lang, m)
			case m.HideKeyboard:
				p.ReplyMarkup = &models.ReplyKeyboardRemove{RemoveKeyboard: true}
			}
		}
		if err := a.call(ctx, key, func() error { _, err := a.bot.SendMessage(ctx, p); return err }); err != nil {
			return err
		}
	}
	if m.AskLocation != nil && len(m.Buttons) > 0 {
		// A message has one keyboard: the location keyboard comes in a message of its own,
		// after the question with its inline buttons.
		p := &tgbot.SendMessageParams{ChatID: chatID, Text: a.catalog.Render(lang, *m.AskLocation), ReplyMarkup: a.replyKeyboard(lang, m)}
		return a.call(ctx, key, func() error { _, err := a.bot.SendMessage(ctx, p); return err })
	}
	return nil
}

// replyKeyboard is the keyboard of a question that asks for a location: the button that
// shares it, then the message's other reply buttons (a tap sends the label as text), one a row.
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

// split cuts text into Telegram-sized messages, at line ends where possible.
func split(text string) []string {
	var out []string
	for utf8.RuneCountInString(text) > maxText {
		cut := byteIndexOfRune(text, maxText)
		if nl := strings.LastIndex(text[:cut], "\n"); nl > 0 {
			cut = nl
		}
		out = append(out, text[:cut])
		text = strings.TrimLeft(text[cut:], "\n")
	}
	return append(out, text)
}

func truncate(text string) string {
	if utf8.RuneCountInString(text) <= maxText {
		return text
	}
	return text[:byteIndexOfRune(text, maxText-1)] + "…"
}

func byteIndexOfRune(s string, n int) int {
	i := 0
	for j := range s {
		if i == n {
			return j
		}
		i++
	}
	return len(s)
}

// Notify sends a message the bot starts itself, such as a reminder, to a private chat, unless
// the user blocked the bot.
func (a *Adapter) Notify(ctx context.Context, chatID int64, lang string, m dialog.Message) error {
	key := a.runner.Key(chatID)
	if blocked, err := a.records.Blocked(ctx, key); err != nil || blocked {
		return err
	}
	return a.send(ctx, key, chatID, lang, m)
}

// maxCaption is Telegram's limit for a photo's or document's caption.
const maxCaption = 1024

func (a *Adapter) sendFile(ctx context.Context, key string, chatID int64, lang string, m dialog.Message) error {
	caption := a.catalog.RenderMessage(lang, m)
	if utf8.RuneCountInString(caption) > maxCaption {
		caption = string([]rune(caption)[:maxCaption-1]) + "…"
	}
	f := m.File
	return a.call(ctx, key, func() error {
		upload := &models.InputFileUpload{Filename: f.Name, Data: bytes.NewReader(f.Data)}
		var err error
		if f.Photo {
			_, err = a.bot.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: chatID, Photo: upload, Caption: caption})
		} else {
			_, err = a.bot.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: chatID, Document: upload, Caption: caption})
		}
		return err
	})
}

// transient reports whether a failed call may succeed if tried again: a network error or a
// server error, not an answer that refuses the call.
func transient(err error) bool {
	var tooMany *tgbot.TooManyRequestsError
	var migrate *tgbot.MigrateError
	switch {
	case errors.As(err, &tooMany), errors.As(err, &migrate), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false
	}
	return apiCode(err) == 0 && !errors.Is(err, tgbot.ErrorForbidden)
}

// apiCode guesses the status code of a Bot API error from the library's error values.
func apiCode(err error) int {
	switch {
	case errors.Is(err, tgbot.ErrorBadRequest):
		return 400
	case errors.Is(err, tgbot.ErrorUnauthorized):
		return 401
	case errors.Is(err, tgbot.ErrorNotFound):
		return 404
	case errors.Is(err, tgbot.ErrorConflict):
		return 409
	}
	return 0
}
