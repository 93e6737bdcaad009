// Package telegram is the Telegram front end: it turns Bot API updates into conversation
// inputs and the engine's output into Bot API calls. It is the only package that imports
// go-telegram/bot.
package telegram

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
)

// Blocks records users who blocked the bot; the PostgreSQL store implements it.
type Blocks interface {
	SetBlocked(ctx context.Context, chatKey string) error
	Blocked(ctx context.Context, chatKey string) (bool, error)
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
}

// Adapter connects the conversation to Telegram.
type Adapter struct {
	runner  *chat.Runner
	catalog *i18n.Catalog
	blocks  Blocks
	log     *slog.Logger
	bot     *tgbot.Bot
	opts    Options
	chats   *serializer
}

// New creates the adapter and its Bot API client.
func New(opts Options, runner *chat.Runner, catalog *i18n.Catalog, blocks Blocks, log *slog.Logger) (*Adapter, error) {
	if opts.PollTimeout == 0 {
		opts.PollTimeout = 30 * time.Second
	}
	if opts.MaxRetryWait == 0 {
		opts.MaxRetryWait = time.Minute
	}
	a := &Adapter{runner: runner, catalog: catalog, blocks: blocks, log: log, opts: opts}
	a.chats = newSerializer(a.process)
	botOpts := []tgbot.Option{
		tgbot.WithServerURL(opts.ServerURL),
		tgbot.WithHTTPClient(opts.PollTimeout, &http.Client{Timeout: opts.PollTimeout + 15*time.Second}),
		// The library runs each handler in a goroutine of its own, in no order. One worker
		// handing updates over synchronously keeps Telegram's order; the serializer then runs
		// each chat's updates in that order while different chats run in parallel.
		tgbot.WithWorkers(1),
		tgbot.WithNotAsyncHandlers(),
		tgbot.WithDefaultHandler(a.receive),
		tgbot.WithAllowedUpdates(tgbot.AllowedUpdates{"message", "callback_query"}),
		tgbot.WithErrorsHandler(func(err error) { log.Warn("telegram: polling error", "err", scrub(err)) }),
	}
	if opts.SkipGetMe {
		botOpts = append(botOpts, tgbot.WithSkipGetMe())
	}
	b, err := tgbot.New(opts.Token, botOpts...)
	if err != nil {
		return nil, err
	}
	a.bot = b
	return a, nil
}

// Run long-polls until ctx ends, then waits up to grace for the updates in hand.
func (a *Adapter) Run(ctx context.Context, grace time.Duration) {
	a.bot.Start(ctx)
	a.chats.wait(grace)
}

// receive is called by the library for every update, in order, one at a time.
func (a *Adapter) receive(_ context.Context, _ *tgbot.Bot, u *models.Update) {
	chatID, ok := chatOf(u)
	if !ok {
		return // not from a private chat, or a kind of update the bot does not handle
	}
	a.chats.submit(chatID, u)
}

// process handles one update of one chat. It never panics out: a panic is logged and the
// chat goes on with its next update.
func (a *Adapter) process(u *models.Update) {
	start := time.Now()
	kind := updateKind(u)
	defer func() {
		if r := recover(); r != nil {
			a.log.Error("telegram: panic while handling an update", "kind", kind, "panic", r, "stack", string(debug.Stack()))
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	chatID, _ := chatOf(u)
	in := inputOf(u)
	key := a.runner.Key(chatID)
	out, lang, err := a.runner.Handle(ctx, key, u.ID, in, whoOf(u))
	switch {
	case errors.Is(err, store.ErrDuplicateUpdate):
		a.log.Info("telegram: repeated update ignored", "kind", kind)
		a.answerCallback(ctx, u, nil, "")
		return
	case err != nil:
		a.log.Error("telegram: update failed", "kind", kind, "err", err)
		lang := a.catalog.Match(in.ClientLang)
		sorry := conversation.T("unavailable")
		a.answerCallback(ctx, u, &sorry, lang)
		_ = a.send(ctx, key, chatID, lang, conversation.Message{Lines: []conversation.Text{sorry}})
		return
	}
	a.answerCallback(ctx, u, out.Notice, lang)
	if out.Edit != nil && u.CallbackQuery != nil && u.CallbackQuery.Message.Message != nil {
		a.edit(ctx, chatID, u.CallbackQuery.Message.Message.ID, lang, *out.Edit)
	}
	for _, m := range out.Messages {
		if err := a.send(ctx, key, chatID, lang, m); err != nil {
			break
		}
	}
	a.log.Info("telegram: update handled", "kind", kind, "ms", time.Since(start).Milliseconds())
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
func inputOf(u *models.Update) conversation.Input {
	if cq := u.CallbackQuery; cq != nil {
		return conversation.Input{Kind: conversation.InputChoice, Choice: cq.Data, ClientLang: cq.From.LanguageCode}
	}
	m := u.Message
	in := conversation.Input{Kind: conversation.InputUnsupported}
	if m.From != nil {
		in.ClientLang = m.From.LanguageCode
	}
	switch {
	case m.Location != nil:
		in.Kind, in.Lat, in.Lon = conversation.InputLocation, m.Location.Latitude, m.Location.Longitude
	case strings.HasPrefix(m.Text, "/"):
		name, arg, _ := strings.Cut(m.Text[1:], " ")
		name, _, _ = strings.Cut(name, "@") // /start@wegweiser_bot
		in.Kind, in.Text, in.Arg = conversation.InputCommand, strings.ToLower(name), strings.TrimSpace(arg)
	case m.Text != "":
		in.Kind, in.Text = conversation.InputText, m.Text
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

// serializer runs each chat's updates one after another, in arrival order, and different
// chats in parallel.
type serializer struct {
	handle  func(*models.Update)
	mu      sync.Mutex
	pending map[int64][]*models.Update // a chat is present while its worker runs
	wg      sync.WaitGroup
}

func newSerializer(handle func(*models.Update)) *serializer {
	return &serializer{handle: handle, pending: map[int64][]*models.Update{}}
}

func (s *serializer) submit(chatID int64, u *models.Update) {
	s.mu.Lock()
	defer s.mu.Unlock()
	queue, running := s.pending[chatID]
	s.pending[chatID] = append(queue, u)
	if running {
		return
	}
	s.wg.Add(1)
	go s.work(chatID)
}

func (s *serializer) work(chatID int64) {
	defer s.wg.Done()
	for {
		s.mu.Lock()
		queue := s.pending[chatID]
		if len(queue) == 0 {
			delete(s.pending, chatID)
			s.mu.Unlock()
			return
		}
		u := queue[0]
		s.pending[chatID] = queue[1:]
		s.mu.Unlock()
		s.handle(u)
	}
}

// wait waits for the updates in hand, at most d.
func (s *serializer) wait(d time.Duration) bool {
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
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
