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

// Event is an anonymous usage event, written with the turn that caused it.
type Event struct {
	Day          time.Time
	Kind         dialog.EventKind
	Conversation string
	PersonKey    string
	Dims         map[string]string
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

// RevokedStaffKept is how long a revoked account's Telegram id is kept at least: the staff
// menus of chats revoked within a day less are removed (telegram.Presence.RevokedWithin
// derives from it).
const RevokedStaffKept = 31 * 24 * time.Hour

// DeleteInactive deletes the conversations untouched since before, and the record of
// handled updates older than two days (Telegram keeps an update for at most one); it forgets
// the Telegram ids of accounts revoked before both before and RevokedStaffKept ago.
func (s *Store) DeleteInactive(ctx context.Context, before time.Time) (int64, error) {
	r, err := s.db.ExecContext(ctx, `DELETE FROM conversations WHERE updated_at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("store: retention: %w", err)
	}
	n, _ := r.RowsAffected()
	// Nothing is kept waiting longer than a conversation: an update or a message that could
	// not be delivered in that time goes with it.
	if _, err := s.db.ExecContext(ctx, `WITH i AS (DELETE FROM inbox WHERE received_at < $1)
		DELETE FROM outbox WHERE created_at < $1`, before); err != nil {
		return n, fmt.Errorf("store: retention: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM processed_updates WHERE processed_at < now() - interval '2 days'`); err != nil {
		return n, fmt.Errorf("store: retention: %w", err)
	}
	// The console's sessions opened more than a day ago (none lasts that long: web
	// SessionLifetime) and its sign-in links expired more than a day ago.
	if _, err := s.db.ExecContext(ctx, `WITH l AS (DELETE FROM web_logins WHERE expires_at < now() - interval '1 day')
		DELETE FROM web_sessions WHERE created_at < now() - interval '1 day'`); err != nil {
		return n, fmt.Errorf("store: retention: %w", err)
	}
	// A revoked account keeps its name and role for the change log, but not the Telegram id
	// that reaches the person, once its chat's staff menu is gone (RevokedStaffKept) and the
	// conversations' retention has passed.
	if _, err := s.db.ExecContext(ctx, `UPDATE staff SET telegram_id = NULL, telegram_key = NULL, telegram_sealed = NULL
		WHERE (telegram_id IS NOT NULL OR telegram_sealed IS NOT NULL) AND revoked_at < least($1::timestamptz, now() - $2::interval)`,
		before, interval(RevokedStaffKept)); err != nil {
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
		chatKey, interval(d))
	return err
}

// insertEventsSQL inserts the events given as parallel arrays in $1 to $5.
const insertEventsSQL = `INSERT INTO events (day, kind, conversation, person_key, dims)
	SELECT d::date, k, c, p, m::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(d, k, c, p, m)`

// insertEvents writes events in one statement, outside a turn.
func insertEvents(ctx context.Context, tx *sqlx.Tx, events []Event) error {
	days, kinds, convs, persons, dims, err := eventColumns(events)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, insertEventsSQL, days, kinds, convs, persons, dims)
	return err
}

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

// StoredState is a chat's state as stored, with its version.
type StoredState struct {
	ChatKey string `db:"chat_key"`
	State   []byte `db:"state"`
	Version int64  `db:"version"`
}

// UnsealedStates returns up to n states stored in the clear by a version before states were
// sealed (without the runner's "sealed" field, see chat.Runner.SealStored), of the chats after
// `after` in the order of their keys.
func (s *Store) UnsealedStates(ctx context.Context, after string, n int) ([]StoredState, error) {
	var rows []StoredState
	err := s.db.SelectContext(ctx, &rows, `SELECT chat_key, state::text AS state, version FROM conversations
		WHERE NOT state ? 'sealed' AND chat_key > $1 ORDER BY chat_key LIMIT $2`, after, n)
	if err != nil {
		return nil, fmt.Errorf("store: unsealed states: %w", err)
	}
	return rows, nil
}

// ReplaceState stores a chat's state in another form if the chat is still at version: its
// version and its last activity stay as they were (the same answers, stored another way). It
// reports whether it did (a turn may have written the chat in between).
func (s *Store) ReplaceState(ctx context.Context, chatKey string, version int64, state []byte) (bool, error) {
	r, err := s.db.ExecContext(ctx, `UPDATE conversations SET state = $3::jsonb WHERE chat_key = $1 AND version = $2`,
		chatKey, version, string(state))
	if err != nil {
		return false, fmt.Errorf("store: replace state: %w", err)
	}
	n, _ := r.RowsAffected()
	return n == 1, nil
}
