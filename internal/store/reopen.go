package store

import (
	"context"
	"fmt"
	"time"
)

// ReopenNoticeDays is how long a request to be told about a reopening is kept at most.
const ReopenNoticeDays = 90

// ReopenNotice is a newcomer's request to be told once when an office is open again.
type ReopenNotice struct {
	ChatKey  string `db:"chat_key"`
	OfficeID string `db:"office_id"`
	Chat     []byte `db:"chat"` // the chat id, sealed
	Lang     string `db:"lang"`
	// CreatedAt is when it was asked for (ClaimReopenDue says it): a request given back keeps
	// it, so that giving back does not keep it past ReopenNoticeDays. Zero: now.
	CreatedAt time.Time `db:"created_at"`
}

// AddReopenNotice keeps a request; the same chat asking again for the same office keeps one.
func (s *Store) AddReopenNotice(ctx context.Context, n ReopenNotice) error {
	var created *time.Time
	if !n.CreatedAt.IsZero() {
		created = &n.CreatedAt
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO reopen_notices (chat_key, office_id, chat, lang, created_at)
		VALUES ($1, $2, $3, $4, coalesce($5, now())) ON CONFLICT (chat_key, office_id) DO UPDATE SET lang = EXCLUDED.lang`,
		n.ChatKey, n.OfficeID, n.Chat, n.Lang, created)
	if err != nil {
		return fmt.Errorf("store: reopen notice: %w", err)
	}
	return nil
}

// ClaimReopenDue takes the requests whose office is open on today and takes new clients (it
// is not archived, not closed that day, and did not say it takes no one), oldest first: they
// are erased as they are returned, so that replicas running the job at once send each message
// once. A caller that cannot queue a message gives its request back with AddReopenNotice.
func (s *Store) ClaimReopenDue(ctx context.Context, today time.Time) ([]ReopenNotice, error) {
	var out []ReopenNotice
	err := s.db.SelectContext(ctx, &out, `WITH due AS (
			DELETE FROM reopen_notices n USING offices o
			WHERE o.id = n.office_id AND o.archived_at IS NULL AND o.accepting_new_clients IS DISTINCT FROM false
				AND (o.closed_until IS NULL OR o.closed_until < $1::date OR o.closed_from > $1::date)
			RETURNING n.chat_key, n.office_id, n.chat, n.lang, n.created_at)
		SELECT chat_key, office_id, chat, lang, created_at FROM due ORDER BY created_at`, today.Format(time.DateOnly))
	if err != nil {
		return nil, fmt.Errorf("store: reopen notices: %w", err)
	}
	return out, nil
}

// ExpireReopenNotices erases the requests older than ReopenNoticeDays and those of offices
// that no longer exist, and returns how many.
func (s *Store) ExpireReopenNotices(ctx context.Context, now time.Time) (int64, error) {
	r, err := s.db.ExecContext(ctx, `DELETE FROM reopen_notices n WHERE n.created_at < $1
		OR NOT EXISTS (SELECT 1 FROM offices o WHERE o.id = n.office_id)`, now.AddDate(0, 0, -ReopenNoticeDays))
	if err != nil {
		return 0, fmt.Errorf("store: reopen notices: %w", err)
	}
	return r.RowsAffected()
}
