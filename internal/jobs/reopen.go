package jobs

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/seal"
	"github.com/kassel/wegweiser/internal/store"
)

// ReopenStore keeps the requests to be told when an office reopens; the store implements it.
type ReopenStore interface {
	ExpireReopenNotices(ctx context.Context, now time.Time) (int64, error)
	ClaimReopenDue(ctx context.Context, today time.Time) ([]store.ReopenNotice, error)
	AddReopenNotice(ctx context.Context, n store.ReopenNotice) error
	Office(ctx context.Context, id string) (directory.Office, error)
}

// Reopen tells each person who asked for it that their office is open and takes new clients
// again: one message in their language, queued in the outbox, and the request is gone. Requests
// older than store.ReopenNoticeDays are dropped unsent. It returns how many were told.
func Reopen(ctx context.Context, st ReopenStore, send Sender, box *seal.Box, now time.Time, zone *time.Location) (int, error) {
	if _, err := st.ExpireReopenNotices(ctx, now); err != nil {
		return 0, err
	}
	due, err := st.ClaimReopenDue(ctx, directory.DateIn(now, zone))
	if err != nil || len(due) == 0 {
		return 0, err
	}
	var msgs []dialog.Outgoing
	for _, n := range due {
		plain, err := box.Open(n.Chat)
		if err != nil {
			continue // sealed under another secret: it cannot reach anyone
		}
		chatID, err := strconv.ParseInt(string(plain), 10, 64)
		if err != nil {
			continue
		}
		o, err := st.Office(ctx, n.OfficeID)
		if errors.Is(err, directory.ErrNotFound) {
			continue
		}
		if err != nil {
			return 0, giveBack(ctx, st, due, err)
		}
		lines := []dialog.Text{dialog.T("notify.open", "Office", dialog.Raw(o.Name))}
		if o.Phone != "" {
			lines = append(lines, dialog.T("office.phone", "Phone", dialog.LTR(o.Phone)))
		}
		msgs = append(msgs, dialog.Outgoing{ChatID: chatID, Lang: n.Lang, Message: dialog.Message{Lines: lines}})
	}
	if err := send.Send(ctx, msgs); err != nil {
		return 0, giveBack(ctx, st, due, err)
	}
	return len(msgs), nil
}

// giveBack keeps the claimed requests again after their messages could not be queued.
func giveBack(ctx context.Context, st ReopenStore, due []store.ReopenNotice, cause error) error {
	for _, n := range due {
		if err := st.AddReopenNotice(context.WithoutCancel(ctx), n); err != nil {
			return errors.Join(cause, err)
		}
	}
	return cause
}
