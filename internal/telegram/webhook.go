package telegram

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
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
// is refused with 401 and nothing is processed (the comparison takes constant time). An
// update is recorded in the inbox and then queued for its chat, unless another replica holds
// it already (Run handles it): 200 once it is recorded, 503 when it could not be (Telegram
// sends it again).
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
		if err := a.receiveHooked(r.Context(), []models.Update{*u}); err != nil {
			a.log.Warn("telegram: could not record an update", "err", err)
			a.unavailable(r.Context(), []models.Update{*u})
			http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
