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

// maxParallelChats bounds how many chats of one batch are handled at once.
const maxParallelChats = 64

// Poll long-polls Telegram until ctx ends. Each batch of updates is handled before the next
// getUpdates, which is what confirms a batch to Telegram: each chat's updates in order,
// different chats in parallel. An update that fails (the database is away) and every later
// update of its chat are not confirmed: they come again, after a pause, and the ones already
// handled are recognised by their ids. When ctx ends, the batch in hand gets grace more time
// to finish; what does not finish is not confirmed, so nothing is lost.
func (a *Adapter) Poll(ctx context.Context, grace time.Duration) error {
	if _, err := a.bot.DeleteWebhook(ctx, nil); err != nil {
		return fmt.Errorf("telegram: remove webhook before polling: %w", err)
	}
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(grace, cancel) })
	defer stop()

	var offset int64
	pause := time.Duration(0)
	for ctx.Err() == nil {
		updates, err := a.getUpdates(ctx, offset, int(a.opts.PollTimeout.Seconds()), 100)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			a.log.Warn("telegram: getUpdates failed", "err", scrub(err))
			pause = nextPause(pause)
			sleep(ctx, pause)
			continue
		}
		next, failed := a.handleBatch(work, updates)
		if next > offset {
			offset = next
		}
		if failed {
			pause = nextPause(pause)
			sleep(ctx, pause)
		} else {
			pause = 0
		}
	}
	if offset > 0 && work.Err() == nil {
		// Confirm the last batch handled, so that a restart does not fetch it again.
		confirm, done := context.WithTimeout(work, 2*time.Second)
		_, _ = a.getUpdates(confirm, offset, 0, 1)
		done()
	}
	return nil
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

// handleBatch handles a batch and returns the offset that confirms what was handled: one past
// the last update, or the first update that must come again.
func (a *Adapter) handleBatch(ctx context.Context, updates []models.Update) (next int64, failed bool) {
	if len(updates) == 0 {
		return 0, false
	}
	var order []int64
	chats := map[int64][]*models.Update{}
	for i := range updates {
		u := &updates[i]
		id, _ := chatOf(u)
		if _, seen := chats[id]; !seen {
			order = append(order, id)
		}
		chats[id] = append(chats[id], u)
	}
	var mu sync.Mutex
	firstFailed := int64(0)
	var replied []int64
	sem := make(chan struct{}, maxParallelChats)
	var wg sync.WaitGroup
	for _, id := range order {
		queue := chats[id]
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			for _, u := range queue {
				err := ctx.Err()
				ok := false
				if err == nil {
					ok, err = a.handle(ctx, u)
				}
				if ok {
					mu.Lock()
					replied = append(replied, u.ID)
					mu.Unlock()
				}
				if err != nil {
					mu.Lock()
					if firstFailed == 0 || u.ID < firstFailed {
						firstFailed = u.ID
					}
					mu.Unlock()
					return // the chat's later updates wait, to keep their order
				}
			}
		}()
	}
	wg.Wait()
	a.markReplied(ctx, replied...) // one statement for the batch
	if firstFailed != 0 {
		return firstFailed, true
	}
	return updates[len(updates)-1].ID + 1, false
}

// getUpdates asks for updates after offset. The library fetches updates only inside its own
// loop, which confirms them before they are handled; this call confirms nothing but what was
// handled.
func (a *Adapter) getUpdates(ctx context.Context, offset int64, timeout, limit int) ([]models.Update, error) {
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	_ = form.WriteField("offset", strconv.FormatInt(offset, 10))
	_ = form.WriteField("timeout", strconv.Itoa(timeout))
	_ = form.WriteField("limit", strconv.Itoa(limit))
	allowed, _ := json.Marshal(allowedUpdates)
	_ = form.WriteField("allowed_updates", string(allowed))
	if err := form.Close(); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.opts.ServerURL+"/bot"+a.opts.Token+"/getUpdates", &body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", form.FormDataContentType())
	resp, err := a.http.Do(req)
	if err != nil {
		return nil, errors.New("telegram: getUpdates: request failed") // the error would name the URL, token included
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, err
	}
	var r struct {
		OK          bool            `json:"ok"`
		Result      []models.Update `json:"result"`
		ErrorCode   int             `json:"error_code"`
		Description string          `json:"description"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("telegram: getUpdates: unreadable answer (HTTP %d)", resp.StatusCode)
	}
	if !r.OK {
		a.metrics.APIError(r.ErrorCode)
		return nil, fmt.Errorf("telegram: getUpdates: %d %s", r.ErrorCode, r.Description)
	}
	return r.Result, nil
}
