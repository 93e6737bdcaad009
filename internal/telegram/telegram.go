// Package telegram is the Telegram front end: it turns Bot API updates into conversation
// inputs and the engine's output into Bot API calls. It is the only package that imports
// go-telegram/bot.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/metrics"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
)

// Records is what the adapter keeps in the database: who blocked the bot, and which answers
// went out. The PostgreSQL store implements it.
type Records interface {
	SetBlocked(ctx context.Context, chatKey string) error
	Blocked(ctx context.Context, chatKey string) (bool, error)
	MarkReplied(ctx context.Context, updateIDs ...int64) error
}

// Options configure the adapter.
type Options struct {
	Token     string
	ServerURL string // Bot API server, e.g. https://api.telegram.org or a fake in tests
	SkipGetMe bool   // do not check the token at start (tests)
	// PollTimeout is the long-poll wait; the HTTP client waits 15 s longer.
	PollTimeout time.Duration
	// MaxRetryWait caps how long a 429 answer's retry_after is obeyed.
	MaxRetryWait time.Duration
	// Webhook mode: the public URL Telegram posts updates to, the secret it sends along, and
	// how many connections it may open at once.
	WebhookURL     string
	WebhookSecret  string
	MaxConnections int
	Metrics        *metrics.Metrics // nil: a private set nobody reads
	Flood          FloodPolicy      // the per-chat flood limit; the zero value is DefaultFlood
	Now            func() time.Time // the flood limit's clock; nil: time.Now
}

// allowedUpdates are the update kinds the bot asks Telegram for.
var allowedUpdates = []string{"message", "callback_query"}

// Adapter connects the conversation to Telegram.
type Adapter struct {
	runner  *chat.Runner
	catalog *i18n.Catalog
	records Records
	log     *slog.Logger
	bot     *tgbot.Bot
	opts    Options
	metrics *metrics.Metrics
	http    *http.Client

	mu       sync.Mutex
	notified map[int64]bool // updates whose sender was told the service is unavailable
	flood    *floodLimiter

	// handle is what the poller does with an update: handleUpdate, or in the load
	// benchmark's baseline an echo. It reports whether the answer went out.
	handle func(context.Context, *models.Update) (bool, error)
}

// ErrRetry marks an update that could not be handled now (the database is away): it is not
// confirmed to Telegram, so it comes again.
var ErrRetry = errors.New("telegram: update not handled, to be retried")

// New creates the adapter and its Bot API client.
func New(opts Options, runner *chat.Runner, catalog *i18n.Catalog, records Records, log *slog.Logger) (*Adapter, error) {
	if opts.PollTimeout == 0 {
		opts.PollTimeout = 30 * time.Second
	}
	if opts.MaxRetryWait == 0 {
		opts.MaxRetryWait = time.Minute
	}
	if opts.MaxConnections == 0 {
		opts.MaxConnections = 40
	}
	if opts.Metrics == nil {
		opts.Metrics = metrics.New()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	a := &Adapter{runner: runner, catalog: catalog, records: records, log: log, opts: opts, metrics: opts.Metrics,
		http: &http.Client{Timeout: opts.PollTimeout + 15*time.Second}, notified: map[int64]bool{},
		flood: newFloodLimiter(opts.Flood, opts.Now)}
	botOpts := []tgbot.Option{
		tgbot.WithServerURL(opts.ServerURL),
		tgbot.WithHTTPClient(opts.PollTimeout, &http.Client{Timeout: 30 * time.Second}),
		tgbot.WithErrorsHandler(func(err error) { log.Warn("telegram: client error", "err", scrub(err)) }),
	}
	if opts.SkipGetMe {
		botOpts = append(botOpts, tgbot.WithSkipGetMe())
	}
	b, err := tgbot.New(opts.Token, botOpts...)
	if err != nil {
		return nil, err
	}
	a.bot = b
	a.handle = a.handleUpdate
	return a, nil
}

// Handle handles one update to the end: the conversation's step is stored, the answer sent
// and recorded as sent. It returns an error wrapping ErrRetry when the update should come
// again (the database is away); the sender is then told, once, that the service is
// temporarily unavailable. A panic is logged and the update counts as handled.
func (a *Adapter) Handle(ctx context.Context, u *models.Update) error {
	replied, err := a.handleUpdate(ctx, u)
	if replied {
		a.markReplied(ctx, u.ID)
	}
	return err
}

// markReplied records answers as sent, so that a repeated delivery after a crash can tell
// a lost answer from one that went out.
func (a *Adapter) markReplied(ctx context.Context, ids ...int64) {
	if err := a.records.MarkReplied(ctx, ids...); err != nil {
		a.log.Warn("telegram: could not record answers as sent", "err", err)
	}
}

// handleUpdate is Handle without recording the answer as sent; it reports whether it went
// out.
func (a *Adapter) handleUpdate(ctx context.Context, u *models.Update) (replied bool, err error) {
	start := time.Now()
	kind := updateKind(u)
	a.metrics.Updates.WithLabelValues(kind).Inc()
	defer func() {
		if r := recover(); r != nil {
			a.log.Error("telegram: panic while handling an update", "kind", kind, "panic", r, "stack", string(debug.Stack()))
			replied, err = false, nil
		}
		a.metrics.Latency.Observe(time.Since(start).Seconds())
	}()
	chatID, ok := a.fromPrivateChat(u)
	if !ok {
		return false, nil // not from a private chat, or a kind of update the bot does not handle
	}
	in := inputOf(u)
	key := a.runner.Key(chatID)
	if a.flooded(ctx, u, key, chatID, in) {
		return false, nil
	}
	out, lang, err := a.runner.Handle(ctx, key, u.ID, in, whoOf(u))
	switch {
	case errors.Is(err, store.ErrDuplicateUpdate):
		a.log.Info("telegram: repeated update ignored", "kind", kind)
		a.answerCallback(ctx, u, nil, "")
		return false, nil
	case err != nil:
		a.metrics.DBErrors.Inc()
		a.log.Error("telegram: update failed", "kind", kind, "err", err)
		if a.firstFailure(u.ID) {
			lang := a.catalog.Match(in.ClientLang)
			sorry := dialog.T("unavailable")
			a.answerCallback(ctx, u, &sorry, lang)
			_ = a.send(ctx, key, chatID, lang, dialog.Message{Lines: []dialog.Text{sorry}})
		}
		return false, fmt.Errorf("%w: %v", ErrRetry, err)
	}
	a.forget(u.ID)
	a.answerCallback(ctx, u, out.Notice, lang)
	if out.Edit != nil && u.CallbackQuery != nil && u.CallbackQuery.Message.Message != nil {
		a.edit(ctx, chatID, u.CallbackQuery.Message.Message.ID, lang, *out.Edit)
	}
	replied = true
	for _, m := range out.Messages {
		if err := a.send(ctx, key, chatID, lang, m); err != nil {
			replied = false
			break
		}
	}
	for _, e := range out.Events {
		if e.Kind == dialog.EventResult {
			a.metrics.Results.WithLabelValues(e.Dims["lang"]).Inc()
		}
	}
	a.log.Debug("telegram: update handled", "kind", kind, "ms", time.Since(start).Milliseconds())
	return replied, nil
}

// firstFailure reports whether this is the first failure of the update, so that the sender
// is told once, not on every retry.
func (a *Adapter) firstFailure(updateID int64) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.notified[updateID] {
		return false
	}
	if len(a.notified) > 10000 {
		clear(a.notified)
	}
	a.notified[updateID] = true
	return true
}

func (a *Adapter) forget(updateID int64) {
	a.mu.Lock()
	delete(a.notified, updateID)
	a.mu.Unlock()
}

// chatOf returns the private chat an update belongs to.
func chatOf(u *models.Update) (int64, bool) {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID, u.Message.Chat.Type == models.ChatTypePrivate
	case u.CallbackQuery != nil:
		if m := u.CallbackQuery.Message.Message; m != nil {
			return m.Chat.ID, m.Chat.Type == models.ChatTypePrivate
		}
		if m := u.CallbackQuery.Message.InaccessibleMessage; m != nil {
			return m.Chat.ID, m.Chat.Type == models.ChatTypePrivate
		}
		return u.CallbackQuery.From.ID, u.CallbackQuery.From.ID != 0
	}
	return 0, false
}

// whoOf names the sender: only staff invitations store it.
func whoOf(u *models.Update) staff.Who {
	var from *models.User
	if u.CallbackQuery != nil {
		from = &u.CallbackQuery.From
	} else if u.Message != nil {
		from = u.Message.From
	}
	if from == nil {
		return staff.Who{}
	}
	return staff.Who{TelegramID: from.ID, Name: strings.TrimSpace(from.FirstName + " " + from.LastName)}
}

// inputOf turns an update into the engine's input.
func inputOf(u *models.Update) dialog.Input {
	if cq := u.CallbackQuery; cq != nil {
		return dialog.Input{Kind: dialog.InputChoice, Choice: cq.Data, ClientLang: cq.From.LanguageCode}
	}
	m := u.Message
	in := dialog.Input{Kind: dialog.InputUnsupported}
	if m.From != nil {
		in.ClientLang = m.From.LanguageCode
	}
	switch {
	case m.Location != nil:
		in.Kind, in.Lat, in.Lon = dialog.InputLocation, m.Location.Latitude, m.Location.Longitude
	case strings.HasPrefix(m.Text, "/"):
		name, arg, _ := strings.Cut(m.Text[1:], " ")
		name, _, _ = strings.Cut(name, "@") // /start@wegweiser_bot
		in.Kind, in.Text, in.Arg = dialog.InputCommand, strings.ToLower(name), strings.TrimSpace(arg)
	case m.Text != "":
		in.Kind, in.Text = dialog.InputText, m.Text
	}
	return in
}

// updateKind names an update's type for logs and metrics: a bounded set, no content.
func updateKind(u *models.Update) string {
	switch {
	case u.CallbackQuery != nil:
		return "callback"
	case u.Message == nil:
		return "other"
	case u.Message.Location != nil:
		return "location"
	case strings.HasPrefix(u.Message.Text, "/"):
		return "command"
	case u.Message.Text != "":
		return "text"
	}
	return "unsupported"
}

// Username asks Telegram for the bot's username (for invitation links).
func Username(ctx context.Context, token, serverURL string) (string, error) {
	b, err := tgbot.New(token, tgbot.WithServerURL(serverURL), tgbot.WithSkipGetMe())
	if err != nil {
		return "", err
	}
	me, err := b.GetMe(ctx)
	if err != nil {
		return "", err
	}
	return me.Username, nil
}
