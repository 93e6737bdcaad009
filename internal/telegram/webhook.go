package telegram

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"

	tgbot "github.com/go-telegram/bot"
)

// SetWebhook registers the webhook with Telegram: URL, secret token, allowed updates and the
// number of connections.
func (a *Adapter) SetWebhook(ctx context.Context) error {
	_, err := a.bot.SetWebhook(ctx, &tgbot.SetWebhookParams{
		URL: a.opts.WebhookURL, SecretToken: a.opts.WebhookSecret,
		AllowedUpdates: allowedUpdates, MaxConnections: a.opts.MaxConnections,
	})
	if err != nil {
		return errors.New("telegram: setWebhook failed: " + scrub(err))
	}
	return nil
}

// WebhookHandler receives updates from Telegram. A request without the right secret token
// is refused with 401 and nothing is processed (the comparison takes constant time); a body
// that is not exactly one JSON object is refused with 400 (413 over MaxWebhookBody). An
// update is handled before the answer, so that Telegram's order per chat holds: 200 when it
// was handled, 503 when it must come again (Telegram retries).
func (a *Adapter) WebhookHandler() http.Handler {
	secret := []byte(a.opts.WebhookSecret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if len(secret) == 0 || subtle.ConstantTimeCompare(got, secret) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		u, ok := a.readUpdate(w, r)
		if !ok {
			return
		}
		if err := a.Handle(r.Context(), u); err != nil {
			http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
