package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// ErrDuplicateUpdate means the update was handled before; nothing was changed.
var ErrDuplicateUpdate = errors.New("store: update already handled")

// Event is an anonymous usage event, written with the turn that caused it.
type Event struct {
	Day          time.Time
	Kind         string
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
		next, events, err := fn(state)
		if err != nil {
			return err
		}
		if err := insertEvents(ctx, tx, events); err != nil {
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

func insertEvents(ctx context.Context, tx *sqlx.Tx, events []Event) error {
	for _, e := range events {
		dims, err := json.Marshal(e.Dims)
		if err != nil {
			return err
		}
		var person *string
		if e.PersonKey != "" {
			person = &e.PersonKey
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO events (day, kind, conversation, person_key, dims) VALUES ($1, $2, $3, $4, $5)`,
			e.Day, e.Kind, e.Conversation, person, dims); err != nil {
			return err
		}
	}
	return nil
}
