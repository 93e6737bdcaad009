package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// Poll long-polls Telegram until ctx ends. Fetching goes on while updates are handled: each
// batch is recorded in the inbox, and only then confirmed to Telegram (by the next call's
// offset), so that an update is never lost and never fetched again while it is in hand.
// Before fetching, Poll takes over what the previous run left: with long polling there is
// only one process. A webhook left set would make Telegram refuse to be polled: Poll removes
// it first, and again whenever Telegram says one is set; a failure to remove it only delays
// polling (it is logged, and polling goes on).
func (a *Adapter) Poll(ctx context.Context, grace time.Duration) error {
	a.removeWebhook(ctx)
	a.Run(ctx, grace, true, a.fetch)
	return nil
}

// removeWebhook asks Telegram to stop posting updates to a webhook, so that they can be polled.
func (a *Adapter) removeWebhook(ctx context.Context) {
	if _, err := a.bot.DeleteWebhook(ctx, nil); err != nil && ctx.Err() == nil {
		a.log.Warn("telegram: could not remove a webhook before polling; polling anyway (if one is set, Telegram refuses until it is removed, which is tried again then)", "err", scrub(err))
	}
}

// errWebhookSet is Telegram's refusal to be polled while a webhook is set (409 Conflict).
var errWebhookSet = errors.New("telegram: getUpdates: a webhook is set")

// fetch receives updates until ctx ends.
func (a *Adapter) fetch(ctx context.Context) {
	var offset int64
	pause := time.Duration(0)
	for ctx.Err() == nil {
		if a.dispatch.pending() > maxPending {
			sleep(ctx, 50*time.Millisecond) // more than enough in hand: let the chats catch up
			continue
		}
		updates, last, err := a.getUpdates(ctx, offset, int(a.opts.PollTimeout.Seconds()), 100)
		if err == nil && len(updates) > 0 {
			err = a.receive(ctx, updates)
		}
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			a.log.Warn("telegram: receiving updates failed", "err", scrub(err))
			if errors.Is(err, errWebhookSet) {
				a.removeWebhook(ctx)
			}
			a.unavailable(ctx, updates)
			pause = nextPause(pause)
			sleep(ctx, pause)
			continue
		}
		pause = 0
		if last > 0 {
			offset = last + 1
		}
	}
	if offset > 0 {
		// Confirm the last batch, so that a restart does not fetch it again (it is in the
		// inbox either way).
		confirm, done := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		_, _, _ = a.getUpdates(confirm, offset, 0, 1)
		done()
	}
}

// unavailable tells the senders of updates that could not be recorded (the database is away)
// that the service is unavailable right now, once per update: they come again.
func (a *Adapter) unavailable(ctx context.Context, updates []models.Update) {
	for i := range updates {
		u := &updates[i]
		if chatID, reason := privateChat(u); reason == "" && a.firstFailure(u.ID) {
			a.metrics.DBErrors.Inc()
			a.sayUnavailable(ctx, chatID, u, a.outageLang(a.runner.Key(chatID), inputOf(u).ClientLang))
		}
	}
}

// maxPending bounds the updates in hand before fetching waits.
const maxPending = 10000

// Run handles updates and delivers answers until ctx ends; receive (the poller, or nothing in
// webhook mode, where WebhookHandler receives) runs beside it. It first takes over waiting
// updates and answers: all of them when takeAll (one process), else those whose holder's
// lease ran out (replicas), and then again every few seconds. When ctx ends, the updates and answers in hand get grace to
// finish; what does not finish stays in the inbox and outbox for the next run. An adapter runs
// once: Run ends its work context (made with it, see Adapter.work), and a restart is a new
// adapter.
func (a *Adapter) Run(ctx context.Context, grace time.Duration, takeAll bool, receive func(context.Context)) {
	work, cancel := a.work, a.endWork
	defer cancel()
	// Acknowledgements are written until the last sender has stopped, after work ends.
	acks, stopAcks := context.WithCancel(context.WithoutCancel(ctx))
	defer stopAcks()
	var loops sync.WaitGroup
	loops.Add(2)
	go func() { defer loops.Done(); a.deliver.ackLoop(acks) }()
	go func() { defer loops.Done(); a.keepLeases(work, !takeAll) }()
	if err := a.runner.Warm(ctx); err != nil {
		a.log.Warn("telegram: could not open the database connections and load the directory and staff roster ahead; the first turns do it", "err", err)
	}
	a.resume(ctx, takeAll)
	if receive != nil {
		receive(ctx)
	}
	<-ctx.Done()
	deadline := time.Now().Add(grace)
	for (a.dispatch.pending() > 0 || a.deliver.busy()) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	a.dispatch.wg.Wait()
	a.deliver.wg.Wait()
	stopAcks()
	loops.Wait()
}

func nextPause(p time.Duration) time.Duration {
	if p == 0 {
		return 500 * time.Millisecond
	}
	return min(2*p, 15*time.Second)
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// getUpdates asks for updates after offset, and says the last update id fetched (0: none).
// The library fetches updates only inside its own loop, which confirms them before they are
// handled; this call confirms nothing but what was handled. An update that cannot be read (a
// field of another type than the Bot API's) is left out and counted as ignored: it is
// confirmed with the others, so that it does not hold back every chat's updates after it.
func (a *Adapter) getUpdates(ctx context.Context, offset int64, timeout, limit int) ([]models.Update, int64, error) {
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	_ = form.WriteField("offset", strconv.FormatInt(offset, 10))
	_ = form.WriteField("timeout", strconv.Itoa(timeout))
	_ = form.WriteField("limit", strconv.Itoa(limit))
	allowed, _ := json.Marshal(allowedUpdates)
	_ = form.WriteField("allowed_updates", string(allowed))
	if err := form.Close(); err != nil {
		return nil, 0, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.opts.ServerURL+"/bot"+a.opts.Token+"/getUpdates", &body)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Content-Type", form.FormDataContentType())
	resp, err := a.http.Do(req)
	if err != nil {
		return nil, 0, errors.New("telegram: getUpdates: request failed") // the error would name the URL, token included
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, 0, err
	}
	var r struct {
		OK          bool              `json:"ok"`
		Result      []json.RawMessage `json:"result"`
		ErrorCode   int               `json:"error_code"`
		Description string            `json:"description"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, 0, fmt.Errorf("telegram: getUpdates: unreadable answer (HTTP %d)", resp.StatusCode)
	}
	if !r.OK {
		a.metrics.APIError(r.ErrorCode)
		if r.ErrorCode == http.StatusConflict {
			return nil, 0, fmt.Errorf("%w: %s", errWebhookSet, r.Description)
		}
		return nil, 0, fmt.Errorf("telegram: getUpdates: %d %s", r.ErrorCode, r.Description)
	}
	updates := make([]models.Update, 0, len(r.Result))
	var last int64
	for _, raw := range r.Result {
		var u models.Update
		if err := json.Unmarshal(raw, &u); err != nil {
			id, ok := readableID(raw)
			if !ok {
				return nil, 0, fmt.Errorf("telegram: getUpdates: an update without a readable id (HTTP %d)", resp.StatusCode)
			}
			a.metrics.Ignored.WithLabelValues(errUnreadable.Error()).Inc()
			a.log.Warn("telegram: an update cannot be read; confirmed and left out")
			last = max(last, id)
			continue
		}
		updates = append(updates, u)
		last = max(last, u.ID)
	}
	return updates, last, nil
}
