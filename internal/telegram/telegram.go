// Package telegram is the Telegram front end: it turns Bot API updates into conversation
// inputs and the engine's output into Bot API calls. It is the only package that imports
// go-telegram/bot.
package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/lib/pq"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/metrics"
	"github.com/kassel/wegweiser/internal/seal"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
)

// Records is what the adapter keeps in the database: the inbox of updates waiting for their
// turn, the outbox of answers waiting to be sent, and who blocked the bot. The PostgreSQL
// store implements it.
type Records interface {
	SetBlocked(ctx context.Context, chatKey string) error
	Blocked(ctx context.Context, chatKey string) (bool, error)
	InboxBegin(rows []store.Pending) *store.InboxRecord
	InboxAdd(ctx context.Context, rows []store.Pending) ([]int64, error)
	InboxDrop(ctx context.Context, updateID int64) error
	ClaimInbox(ctx context.Context, all bool) ([]store.Pending, error)
	ClaimOutbox(ctx context.Context, all bool) ([]store.Pending, error)
	OutboxDone(ctx context.Context, ids []int64) error
	OutboxDropChat(ctx context.Context, chatKey string) error
	OutboxAdd(ctx context.Context, rows []store.Pending) ([]int64, error)
	RenewLeases(ctx context.Context, inbox, outbox []int64) error
	Lease() time.Duration // how long rows stay held without renewal
}

// Options configure the adapter.
type Options struct {
	Token     string
	ServerURL string // Bot API server, e.g. https://api.telegram.org or a fake in tests
	SkipGetMe bool   // do not check the token at start (tests)
	// PollTimeout is the long-poll wait; the HTTP client waits 15 s longer.
	PollTimeout time.Duration
	// Secret keys the seals of the inbox and the outbox (WEGWEISER_SECRET).
	Secret []byte
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
var allowedUpdates = []string{"message", "edited_message", "callback_query"}

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

	inboxBox, outboxBox *seal.Box
	dispatch            *dispatcher
	deliver             *deliverer
	// workers run the chats' turns and answers and the answers to taps (workers.go).
	workers workers
	// work is the context updates are handled and answers sent in: it outlives the one
	// receiving updates by the shutdown grace, when Run ends it (endWork). It is made with
	// the adapter, not by Run, so that an update posted to the webhook while Run is starting
	// reads it without a race.
	work    context.Context
	endWork context.CancelFunc

	mu       sync.Mutex
	notified map[int64]bool // updates whose sender was told the service is unavailable
	flood    *floodLimiter

	menus chan menuRequest // staff chats' menus to change, for the Presence (presence.go)

	// handle is what a chat's queue does with an update: handleUpdate, or in the load
	// benchmark's baseline an echo.
	handle func(ctx context.Context, key string, u *models.Update) error
	// turns says that handle writes each update's turn through the store's group commit, so
	// that a fetched batch's inbox record waits for them (store.InboxRecord.Expect).
	turns bool
}

// ErrRetry marks an update that could not be handled now (the database is away): it stays in
// the inbox and its chat tries it again.
var ErrRetry = errors.New("telegram: update not handled, to be retried")

// New creates the adapter and its Bot API client. It handles nothing until Poll or Run.
func New(opts Options, runner *chat.Runner, catalog *i18n.Catalog, records Records, log *slog.Logger) (*Adapter, error) {
	if opts.PollTimeout == 0 {
		opts.PollTimeout = 30 * time.Second
	}
	if opts.MaxConnections == 0 {
		opts.MaxConnections = 40
	}
	if opts.Metrics == nil {
		opts.Metrics = metrics.New()
	}
	if len(opts.Secret) < 16 {
		// The inbox and outbox are sealed with keys derived from it: a default would be a
		// key everyone knows.
		return nil, errors.New("telegram: a secret of 16 bytes at least is needed to seal the inbox and outbox")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	transport := newTransport()
	a := &Adapter{runner: runner, catalog: catalog, records: records, log: log, opts: opts, metrics: opts.Metrics,
		http: &http.Client{Timeout: opts.PollTimeout + 15*time.Second, Transport: transport}, notified: map[int64]bool{},
		menus: make(chan menuRequest, menuQueue), flood: newFloodLimiter(opts.Flood, opts.Now)}
	var err error
	if a.inboxBox, err = seal.New(opts.Secret, "inbox"); err != nil {
		return nil, err
	}
	if a.outboxBox, err = seal.New(opts.Secret, "outbox"); err != nil {
		return nil, err
	}
	a.dispatch, a.deliver = newDispatcher(a), newDeliverer(a)
	a.work, a.endWork = context.WithCancel(context.Background())
	botOpts := []tgbot.Option{
		tgbot.WithServerURL(opts.ServerURL),
		tgbot.WithHTTPClient(opts.PollTimeout, &http.Client{Timeout: 30 * time.Second, Transport: wholeBodies{transport}}),
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
	a.handle, a.turns = a.handleUpdate, true
	return a, nil
}

// maxOtherCalls is the room for the calls beside the answers: fetching updates, answering
// button taps, saying the service is unavailable, the menus.
const maxOtherCalls = 16

// newTransport is the one HTTP transport of both Bot API clients: connections are kept and
// reused, at most one for every answer call in flight and the others beside them; a call
// beyond waits for a free one rather than dialling anew.
func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxConnsPerHost = maxSendingCalls + maxOtherCalls
	t.MaxIdleConnsPerHost = t.MaxConnsPerHost
	t.MaxIdleConns = 2 * t.MaxConnsPerHost
	t.IdleConnTimeout = 90 * time.Second
	return t
}

// handleUpdate runs one update's turn and hands its answer to delivery. It fails only when
// the update must be tried again (the database is away); the sender is then told, once,
// that the service is temporarily unavailable. A panic is logged, the sender is told the
// same, once, and the update counts as handled: trying it again would panic again.
func (a *Adapter) handleUpdate(ctx context.Context, key string, u *models.Update) (err error) {
	start := time.Now()
	kind := updateKind(u)
	a.metrics.Updates.WithLabelValues(kind).Inc()
	chatID, _ := privateChat(u) // receive let in only updates from private chats
	in := inputOf(u)
	// What to say "the service is unavailable" in, should the turn fail: read before the
	// turn, which forgets what it kept of the chat when it fails.
	outage := a.outageLang(key, in.ClientLang)
	// A button tap is answered as soon as the turn has worked out what to say (its notice,
	// if any), while the turn is written: the spinner on the button stops at once, and
	// nothing the chat keeps depends on it (a tap answered twice, after a crash, is refused
	// by Telegram without harm).
	tapAnswered := false
	defer func() {
		if r := recover(); r != nil {
			a.log.Error("telegram: panic while handling an update", "kind", kind, "panic", panicText(r), "stack", stackOf(3))
			// As for an update that cannot be handled (permanent): the sender is told once,
			// and the update is dropped, so that the chat's later updates do not wait
			// behind it.
			if a.firstFailure(u.ID) {
				a.sayUnavailable(ctx, chatID, unanswered(u, tapAnswered), outage)
			}
			_ = a.records.InboxDrop(ctx, u.ID)
			a.forget(u.ID)
			err = nil
		}
		a.metrics.Latency.Observe(time.Since(start).Seconds())
	}()
	var calls []call
	var others []otherCall
	render := func(out dialog.Output, lang string) (chat.Rendered, error) {
		if !tapAnswered {
			a.answerCallback(u, out.Notice, lang)
			tapAnswered = true
		}
		calls = a.render(chatID, u, out, lang)
		own, err := a.sealCalls(calls)
		if err != nil {
			return chat.Rendered{}, err
		}
		others = a.renderOthers(out.Others)
		sealed, err := a.sealOthers(others)
		return chat.Rendered{Own: own, Others: sealed}, err
	}
	res, err := a.runner.Turn(ctx, key, u.ID, in, whoOf(u), render)
	switch {
	case errors.Is(err, store.ErrDuplicateUpdate):
		a.log.Info("telegram: repeated update ignored", "kind", kind)
		_ = a.records.InboxDrop(ctx, u.ID)
		if !tapAnswered {
			a.answerCallback(u, nil, "")
		}
		return nil
	case permanent(err):
		// Trying again would fail again (a value the database cannot store): the sender is
		// told once, and the update is dropped as after a panic, so that the chat's later
		// updates do not wait behind it for ever.
		a.log.Error("telegram: update cannot be handled; dropped", "kind", kind, "err", err)
		if a.firstFailure(u.ID) {
			a.sayUnavailable(ctx, chatID, unanswered(u, tapAnswered), outage)
		}
		_ = a.records.InboxDrop(ctx, u.ID)
		a.forget(u.ID)
		return nil
	case err != nil:
		a.metrics.DBErrors.Inc()
		a.log.Error("telegram: update failed", "kind", kind, "err", err)
		if a.firstFailure(u.ID) {
			a.sayUnavailable(ctx, chatID, unanswered(u, tapAnswered), outage)
		}
		return fmt.Errorf("%w: %v", ErrRetry, err)
	}
	a.forget(u.ID)
	if !tapAnswered {
		a.answerCallback(u, res.Out.Notice, res.Lang)
	}
	if res.Out.Erase {
		a.deliver.reset(key)
	}
	items := make([]outItem, len(calls))
	for i, c := range calls {
		items[i] = outItem{id: res.Outbox[i], call: c, at: start}
	}
	a.deliver.enqueue(a.work, key, items)
	a.enqueueOthers(others, res.Others, start)
	a.requestMenu(res.Out.StaffMenu, res.Lang)
	for _, e := range res.Out.Events {
		if e.Kind == dialog.EventResult {
			a.metrics.Results.Inc()
		}
	}
	a.log.Debug("telegram: update handled", "kind", kind, "ms", time.Since(start).Milliseconds())
	return nil
}

// unanswered is u, or, when its button tap was answered already, u without the tap (a
// second answer would be refused).
func unanswered(u *models.Update, answered bool) *models.Update {
	if !answered || u.CallbackQuery == nil {
		return u
	}
	v := *u
	v.CallbackQuery = nil
	return &v
}

// permanent says whether a turn's error will come again however often it is tried: a value
// PostgreSQL refuses as data (SQLSTATE class 22: a NUL in a text, a number out of range), or
// one that cannot be written as JSON (NaN). Other errors (the database away, a conflict) are
// worth trying again.
func permanent(err error) bool {
	var pqErr *pq.Error
	var unsupported *json.UnsupportedValueError
	var unsupportedType *json.UnsupportedTypeError
	return errors.As(err, &pqErr) && pqErr.Code.Class() == "22" ||
		errors.As(err, &unsupported) || errors.As(err, &unsupportedType)
}

// sayUnavailable tells the sender that the service is unavailable right now: straight to
// Telegram, since the database that keeps answers is what failed.
func (a *Adapter) sayUnavailable(ctx context.Context, chatID int64, u *models.Update, lang string) {
	sorry := dialog.T("unavailable")
	a.answerCallback(u, &sorry, lang)
	for _, c := range a.renderMessage(chatID, lang, dialog.Message{Lines: []dialog.Text{sorry}}) {
		if err := a.exec(ctx, c); err != nil {
			a.log.Warn("telegram: could not say the service is unavailable", "err", scrub(err))
		}
	}
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
	return staff.Who{TelegramID: from.ID, Name: cleanName(from.FirstName + " " + from.LastName)}
}

// maxName bounds a staff member's name as stored and shown: Telegram allows 64 characters
// for each of the first and last names.
const maxName = 129

// cleanName is a Telegram user's name fit to store and show: without control characters
// (a NUL cannot be stored at all), bidi controls (an override would turn the rest of the line
// around it) and runs of spaces, at most maxName characters. Joiners stay: Persian names
// need them.
func cleanName(name string) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r), r == utf8.RuneError:
			return ' '
		}
		return r
	}, name)
	name = strings.Join(strings.Fields(name), " ")
	if r := []rune(name); len(r) > maxName {
		name = strings.TrimSpace(string(r[:maxName]))
	}
	return name
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
	case len(m.Photo) > 0 || m.Document != nil:
		in.Kind, in.Text, in.File = dialog.InputFile, m.Caption, attachment(m)
	case strings.HasPrefix(m.Text, "/"):
		in.Kind = dialog.InputCommand
		in.Text, in.Arg, _ = dialog.Command(m.Text)
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
	case len(u.Message.Photo) > 0 || u.Message.Document != nil:
		return "file"
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

// panicText says what a panic was without what it may carry: a runtime error's message (an
// index out of range, a nil pointer), else only the type of the value it panicked with, which
// may hold a message's text or a chat's id.
func panicText(r any) string {
	if err, ok := r.(runtime.Error); ok {
		return err.Error()
	}
	return fmt.Sprintf("a value of type %T", r)
}

// stackOf is the calling goroutine's stack, skip frames up, as function names, files and lines
// only: debug.Stack also prints each call's arguments, a chat's id among them.
func stackOf(skip int) string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(skip, pcs)])
	var b strings.Builder
	for {
		f, more := frames.Next()
		fmt.Fprintf(&b, "%s\n\t%s:%d\n", f.Function, f.File, f.Line)
		if !more {
			return b.String()
		}
	}
}
