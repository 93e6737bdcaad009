package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/lib/pq"
)

// ErrDuplicateUpdate means the update was handled and answered before; nothing was changed.
var ErrDuplicateUpdate = errors.New("store: update already handled")

// ErrReplyPending means the update was handled before by a process that did not record its
// answer as sent (it died in between): the caller should say the current question again.
var ErrReplyPending = errors.New("store: update handled, answer not sent")

// Event is an anonymous usage event, written with the turn that caused it.
type Event struct {
	Day          time.Time
	Kind         dialog.EventKind
	Conversation string
	PersonKey    string
	Dims         map[string]string
}

// Turn runs one step of a chat's conversation in a transaction: it records updateID (when
// not 0) as handled, locks the chat's state, passes it to fn (nil for a new chat) and stores
// what fn returns (nil erases the chat) with the events fn reports. Two turns of one chat
// never overlap, across processes too. A repeated updateID returns ErrDuplicateUpdate without
// calling fn, so its events are not counted twice.
func (s *Store) Turn(ctx context.Context, chatKey string, updateID int64, fn func(state []byte) ([]byte, []Event, error)) error {
	select {
	case s.turns <- struct{}{}:
		defer func() { <-s.turns }()
	case <-ctx.Done():
		return ctx.Err()
	}
	pending := false
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		// One statement records the update as handled and locks the chat's state.
		var row struct {
			Claimed int          `db:"claimed"`
			Lost    sql.NullBool `db:"lost"`
			State   []byte       `db:"state"`
		}
		err := tx.GetContext(ctx, &row, `WITH claimed AS (
				INSERT INTO processed_updates (update_id, replied, handled_by) SELECT $1::bigint, false, $3 WHERE $1::bigint <> 0
				ON CONFLICT DO NOTHING RETURNING 1)
			SELECT (SELECT count(*) FROM claimed) AS claimed,
				(SELECT NOT replied AND handled_by <> $3 AND processed_at <= now() - $4::interval
				 FROM processed_updates WHERE update_id = $1::bigint FOR UPDATE) AS lost,
				(SELECT state FROM conversations WHERE chat_key = $2 FOR UPDATE) AS state`,
			updateID, chatKey, s.instance, fmt.Sprintf("%d milliseconds", s.replyTimeout.Milliseconds()))
		if err != nil {
			return err
		}
		if updateID != 0 && row.Claimed == 0 {
			if row.Lost.Valid && row.Lost.Bool {
				// Say it once: whoever reads this row next sees it answered.
				pending = true
				_, err := tx.ExecContext(ctx, `UPDATE processed_updates SET replied = true WHERE update_id = $1`, updateID)
				return err
			}
			return ErrDuplicateUpdate
		}
		next, events, err := fn(row.State)
		if err != nil {
			return err
		}
		// One statement writes the events and the new state (or erases the chat).
		days, kinds, convs, persons, dims, err := eventColumns(events)
		if err != nil {
			return err
		}
		write := `INSERT INTO conversations (chat_key, state) VALUES ($6, $7)
			ON CONFLICT (chat_key) DO UPDATE SET state = EXCLUDED.state, blocked = false, updated_at = now()`
		if next == nil {
			write = `DELETE FROM conversations WHERE chat_key = $6 AND $7::jsonb IS NULL`
		}
		_, err = tx.ExecContext(ctx, `WITH events AS (`+insertEventsSQL+`), state AS (`+write+`) SELECT 1`,
			days, kinds, convs, persons, dims, chatKey, next)
		return err
	})
	switch {
	case errors.Is(err, ErrDuplicateUpdate):
		return err
	case err != nil:
		return fmt.Errorf("store: turn: %w", err)
	case pending:
		return ErrReplyPending
	}
	return nil
}

// SetBlocked records that the user blocked the bot, so that nothing more is sent until they
// write again.
func (s *Store) SetBlocked(ctx context.Context, chatKey string) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE conversations SET blocked = true WHERE chat_key = $1`, chatKey); err != nil {
		return fmt.Errorf("store: set blocked: %w", err)
	}
	return nil
}

// Blocked reports whether the user blocked the bot.
func (s *Store) Blocked(ctx context.Context, chatKey string) (bool, error) {
	var b bool
	err := s.db.GetContext(ctx, &b, `SELECT blocked FROM conversations WHERE chat_key = $1`, chatKey)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: blocked: %w", err)
	}
	return b, nil
}

// DeleteInactive deletes the conversations untouched since before, and the record of
// handled updates older than two days (Telegram keeps an update for at most one).
func (s *Store) DeleteInactive(ctx context.Context, before time.Time) (int64, error) {
	r, err := s.db.ExecContext(ctx, `DELETE FROM conversations WHERE updated_at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("store: retention: %w", err)
	}
	n, _ := r.RowsAffected()
	if _, err := s.db.ExecContext(ctx, `DELETE FROM processed_updates WHERE processed_at < now() - interval '2 days'`); err != nil {
		return n, fmt.Errorf("store: retention: %w", err)
	}
	return n, nil
}

// ConversationLang returns the language a chat chose, or "".
func (s *Store) ConversationLang(ctx context.Context, chatKey string) (string, error) {
	var lang sql.NullString
	err := s.db.GetContext(ctx, &lang, `SELECT state->>'lang' FROM conversations WHERE chat_key = $1`, chatKey)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: conversation language: %w", err)
	}
	return lang.String, nil
}

// AgeConversation moves a conversation's last activity back by d (for tests of retention).
func (s *Store) AgeConversation(ctx context.Context, chatKey string, d time.Duration) error {
	_, err := s.db.ExecContext(ctx, `UPDATE conversations SET updated_at = updated_at - $2::interval WHERE chat_key = $1`,
		chatKey, fmt.Sprintf("%d seconds", int(d.Seconds())))
	return err
}

// insertEventsSQL inserts the events given as parallel arrays in $1 to $5.
const insertEventsSQL = `INSERT INTO events (day, kind, conversation, person_key, dims)
	SELECT d::date, k, c, p, m::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(d, k, c, p, m)`

// eventColumns turns events into the parallel arrays of insertEventsSQL.
func eventColumns(events []Event) (days, kinds, convs pq.StringArray, persons any, dims pq.StringArray, err error) {
	days = make(pq.StringArray, len(events))
	kinds = make(pq.StringArray, len(events))
	convs = make(pq.StringArray, len(events))
	p := make([]sql.NullString, len(events))
	dims = make(pq.StringArray, len(events))
	for i, e := range events {
		d, err := json.Marshal(e.Dims)
		if err != nil {
			return nil, nil, nil, nil, nil, err
		}
		days[i], kinds[i], convs[i], dims[i] = e.Day.Format(time.DateOnly), string(e.Kind), e.Conversation, string(d)
		p[i] = sql.NullString{String: e.PersonKey, Valid: e.PersonKey != ""}
	}
	return days, kinds, convs, pq.Array(p), dims, nil
}

// insertEvents writes events in one statement, outside a turn.
func insertEvents(ctx context.Context, tx *sqlx.Tx, events []Event) error {
	days, kinds, convs, persons, dims, err := eventColumns(events)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, insertEventsSQL, days, kinds, convs, persons, dims)
	return err
}

// MarkReplied records that the answers to updates were sent. It does not wait for the disk
// (synchronous_commit off): should the mark be lost in a crash, a repeated delivery only
// says the current question again.
func (s *Store) MarkReplied(ctx context.Context, updateIDs ...int64) error {
	if len(updateIDs) == 0 {
		return nil
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `SET LOCAL synchronous_commit TO off`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE processed_updates SET replied = true WHERE update_id = ANY($1)`, pq.Array(updateIDs))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: mark replied: %w", err)
	}
	return nil
}
