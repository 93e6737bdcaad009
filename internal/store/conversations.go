package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// ErrDuplicateUpdate means the update was handled before; nothing was changed.
var ErrDuplicateUpdate = errors.New("store: update already handled")

// Turn runs one step of a chat's conversation in a transaction: it records updateID (when
// not 0) as handled, locks the chat's state, passes it to fn (nil for a new chat) and stores
// what fn returns (nil erases the chat). Two turns of one chat never overlap, across
// processes too. A repeated updateID returns ErrDuplicateUpdate without calling fn.
func (s *Store) Turn(ctx context.Context, chatKey string, updateID int64, fn func(state []byte) ([]byte, error)) error {
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if updateID != 0 {
			r, err := tx.ExecContext(ctx, `INSERT INTO processed_updates (update_id) VALUES ($1) ON CONFLICT DO NOTHING`, updateID)
			if err != nil {
				return err
			}
			if n, _ := r.RowsAffected(); n == 0 {
				return ErrDuplicateUpdate
			}
		}
		var state []byte
		err := tx.GetContext(ctx, &state, `SELECT state FROM conversations WHERE chat_key = $1 FOR UPDATE`, chatKey)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		next, err := fn(state)
		if err != nil {
			return err
		}
		if next == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM conversations WHERE chat_key = $1`, chatKey)
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO conversations (chat_key, state) VALUES ($1, $2)
			ON CONFLICT (chat_key) DO UPDATE SET state = EXCLUDED.state, blocked = false, updated_at = now()`, chatKey, next)
		return err
	})
	if errors.Is(err, ErrDuplicateUpdate) {
		return err
	}
	if err != nil {
		return fmt.Errorf("store: turn: %w", err)
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
