package telegram

import (
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

// answerCallback stops the spinner of a tapped button, with a short notice when there is one.
// It runs beside the turn's answer: their order does not matter to the reader.
func (a *Adapter) answerCallback(u *models.Update, notice *dialog.Text, lang string) {
	if u.CallbackQuery == nil {
		return
	}
	p := &tgbot.AnswerCallbackQueryParams{CallbackQueryID: u.CallbackQuery.ID}
	if notice != nil {
		p.Text = a.catalog.Render(lang, *notice)
	}
	ctx, cancel := context.WithTimeout(a.work, 10*time.Second)
	a.workers.Go(func() {
		defer cancel()
		if _, err := a.bot.AnswerCallbackQuery(ctx, p); err != nil {
			a.log.Info("telegram: could not answer a button tap", "err", scrub(err))
		}
	})
}

// split cuts text into Telegram-sized messages, at line ends where possible. A piece that
// is empty or only white space is left out: Telegram refuses it for good, and the last
// piece carries the message's buttons. A text that is blank as a whole stays one piece (a
// message always has one; the engine never says nothing).
func split(text string) []string {
	var out []string
	for utf8.RuneCountInString(text) > maxText {
		cut := byteIndexOfRune(text, maxText)
		if nl := strings.LastIndex(text[:cut], "\n"); nl > 0 && !blank(text[:nl]) {
			cut = nl
		}
		if !blank(text[:cut]) {
			out = append(out, text[:cut])
		}
		text = strings.TrimLeft(text[cut:], "\n")
	}
	if blank(text) && len(out) > 0 {
		return out
	}
	return append(out, text)
}

// blank says whether text is empty or only white space.
func blank(text string) bool { return strings.TrimSpace(text) == "" }

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
// the user blocked the bot. It waits out a 429 once.
func (a *Adapter) Notify(ctx context.Context, chatID int64, lang string, m dialog.Message) error {
	key := a.runner.Key(chatID)
	if blocked, err := a.records.Blocked(ctx, key); err != nil || blocked {
		return err
	}
	for _, c := range a.renderMessage(chatID, lang, m) {
		err := a.exec(ctx, c)
		var tooMany *tgbot.TooManyRequestsError
		if errors.As(err, &tooMany) {
			sleep(ctx, time.Duration(tooMany.RetryAfter)*time.Second)
			err = a.exec(ctx, c)
		}
		if errors.Is(err, tgbot.ErrorForbidden) {
			return a.records.SetBlocked(ctx, key)
		}
		if err != nil {
			return err
		}
	}
	return nil
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
