// Package jobs holds the work serve does on a schedule: reminding counsellors of old entries,
// deleting inactive conversations, rolling up the statistics, and the hand-over's reminders,
// deadlines and retention. Each job is safe to run on several replicas at once: the claims
// are made in PostgreSQL.
package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
)

// Reminder settings: an entry older than MaxAge gets its counsellors one message, at most
// once per Every.
const (
	MaxAge = 90 * 24 * time.Hour
	Every  = 7 * 24 * time.Hour
)

// Store is what the jobs need of the database.
type Store interface {
	ClaimReminders(ctx context.Context, now time.Time, maxAge, every time.Duration) ([]store.Reminder, error)
	ConversationLang(ctx context.Context, chatKey string) (string, error)
	DeleteInactive(ctx context.Context, before time.Time) (int64, error)
}

// Notifier sends a message the bot starts itself.
type Notifier interface {
	Notify(ctx context.Context, chatID int64, lang string, m dialog.Message) error
}

// Remind sends the due reminders and returns how many messages went out.
func Remind(ctx context.Context, st Store, n Notifier, key func(int64) string, now time.Time, log *slog.Logger) (int, error) {
	due, err := st.ClaimReminders(ctx, now, MaxAge, Every)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, r := range due {
		msg := staff.ReminderMessage(&r.Office)
		for _, chatID := range r.Counsellors {
			lang, err := st.ConversationLang(ctx, key(chatID))
			if err != nil {
				return sent, err
			}
			if lang == "" {
				lang = "de"
			}
			if err := n.Notify(ctx, chatID, lang, msg); err != nil {
				log.Warn("jobs: a reminder could not be sent", "err", err)
				continue
			}
			sent++
		}
	}
	return sent, nil
}

// Run runs fn now and then every interval until ctx ends.
func Run(ctx context.Context, interval time.Duration, fn func(context.Context)) {
	for {
		fn(ctx)
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
	}
}

// Retain deletes the conversations inactive for longer than days and returns how many.
func Retain(ctx context.Context, st Store, days int, now time.Time) (int64, error) {
	return st.DeleteInactive(ctx, now.AddDate(0, 0, -days))
}
