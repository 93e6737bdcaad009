package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/lib/pq"

	"github.com/kassel/wegweiser/internal/staff"
)

// ErrDuplicateUpdate means the update was handled before; nothing was changed.
var ErrDuplicateUpdate = errors.New("store: update already handled")

// ErrConflict means another process wrote the chat's state after it was read: read again.
var ErrConflict = errors.New("store: the conversation changed meanwhile")

// TurnState is what one turn starts from, read in one round trip: the chat's state and its
// version, whether the update was handled before, and the sender's staff account.
type TurnState struct {
	State   []byte // nil for a new chat
	Version int64  // 0 for a new chat
	Seen    bool   // the update was handled before
	Member  *staff.Member
	// DirVersion is the directory's version: a copy in memory older than it is reloaded.
	DirVersion int64
}

// ReadTurn reads what a turn of chatKey for updateID (0: none) starts from. The staff account
// of telegramID is looked up too when withStaff is set (inputs the staff side may take).
func (s *Store) ReadTurn(ctx context.Context, chatKey string, updateID, telegramID int64, withStaff bool) (TurnState, error) {
	var row struct {
		State      []byte        `db:"state"`
		Version    sql.NullInt64 `db:"version"`
		Seen       bool          `db:"seen"`
		DirVersion int64         `db:"dir_version"`
		staffRow
		StaffID sql.NullInt64 `db:"staff_id"`
	}
	read, err := s.prepared(ctx, readTurn)
	if err != nil {
		return TurnState{}, err
	}
	err = read.GetContext(ctx, &row, chatKey, updateID, telegramID, withStaff)
	if err != nil {
		return TurnState{}, fmt.Errorf("store: read turn: %w", err)
	}
	ts := TurnState{State: row.State, Version: row.Version.Int64, Seen: row.Seen, DirVersion: row.DirVersion}
	if row.StaffID.Valid {
		m := row.staffRow.member()
		ts.Member = &m
	}
	return ts, nil
}

// readTurn is ReadTurn's statement.
var readTurn = `
		SELECT c.state, c.version,
			EXISTS (SELECT 1 FROM processed_updates WHERE update_id = $2 AND $2 <> 0) AS seen,
			(SELECT version FROM directory_version WHERE id = 1) AS dir_version,
			st.id AS staff_id, coalesce(st.id, 0) AS id, coalesce(st.telegram_id, 0) AS telegram_id,
			coalesce(st.name, '') AS name, coalesce(st.role, '') AS role, coalesce(st.flow, '{}') AS flow,
			coalesce(st.created_at, now()) AS created_at, st.revoked_at, coalesce(st.offices, '{}') AS offices
		FROM (SELECT 1) one
		LEFT JOIN conversations c ON c.chat_key = $1
		LEFT JOIN LATERAL (` + staffSelect + ` WHERE s.telegram_id = $3 AND s.revoked_at IS NULL GROUP BY s.id) st ON $4`

// TurnWrite is what one turn stores, in one statement that applies only over the version read.
type TurnWrite struct {
	ChatKey  string
	UpdateID int64  // recorded as handled, and taken from the inbox; 0 for none
	Version  int64  // the version read
	State    []byte // the new state; nil erases the chat with its pending messages
	Events   []Event
	Outbox   [][]byte // sealed messages to deliver, in order
	// Others are sealed messages to other chats (a hand-over's relay), each stored under its
	// destination's chat key, after Outbox.
	Others []Pending
}

// WriteTurn stores a turn: the new state (or the chat's erasure), the update as handled, its
// events and its messages to send, all or nothing. It returns the outbox ids of the messages,
// in order (Outbox, then Others), and ErrConflict when the state changed since it was read
// (nothing was written).
func (s *Store) WriteTurn(ctx context.Context, w TurnWrite) ([]int64, error) {
	days, kinds, convs, persons, dims, err := eventColumns(w.Events)
	if err != nil {
		return nil, err
	}
	keys := make(pq.StringArray, 0, len(w.Outbox)+len(w.Others))
	payloads := make([][]byte, 0, cap(keys))
	for _, p := range w.Outbox {
		keys, payloads = append(keys, w.ChatKey), append(payloads, p)
	}
	for _, o := range w.Others {
		keys, payloads = append(keys, o.ChatKey), append(payloads, o.Payload)
	}
	write := `ok AS (
			INSERT INTO conversations (chat_key, state, version) VALUES ($1, $2::jsonb, 1)
			ON CONFLICT (chat_key) DO UPDATE SET state = EXCLUDED.state, version = conversations.version + 1,
				blocked = false, updated_at = now()
			WHERE conversations.version = $3::bigint
			RETURNING 1)`
	var state any = nil
	if w.State != nil {
		state = string(w.State)
	} else {
		write = `gone AS (DELETE FROM conversations WHERE chat_key = $1 AND version = $3::bigint AND $2::jsonb IS NULL RETURNING 1),
		ok AS (SELECT 1 FROM gone UNION ALL
			SELECT 1 WHERE $3::bigint = 0 AND NOT EXISTS (SELECT 1 FROM conversations WHERE chat_key = $1))`
	}
	var row struct {
		Applied bool          `db:"applied"`
		IDs     pq.Int64Array `db:"ids"`
	}
	stmt, err := s.prepared(ctx, `WITH `+write+`,
		claim AS (INSERT INTO processed_updates (update_id) SELECT $4::bigint WHERE $4::bigint <> 0 AND EXISTS (SELECT 1 FROM ok)
			ON CONFLICT DO NOTHING),
		taken AS (DELETE FROM inbox WHERE update_id = $4::bigint AND $4::bigint <> 0 AND EXISTS (SELECT 1 FROM ok)),
		events AS (INSERT INTO events (day, kind, conversation, person_key, dims)
			SELECT d::date, k, c, p, m::jsonb FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS u(d, k, c, p, m)
			WHERE EXISTS (SELECT 1 FROM ok)),
		dropped AS (DELETE FROM outbox WHERE chat_key = $1 AND $2::jsonb IS NULL AND EXISTS (SELECT 1 FROM ok)),
		forgotten AS (DELETE FROM reopen_notices WHERE chat_key = $1 AND $2::jsonb IS NULL AND EXISTS (SELECT 1 FROM ok)),
		sent AS (INSERT INTO outbox (chat_key, payload, owner, lease_until)
			SELECT k, substring($10::bytea FROM o FOR l), $11, now() + $12::interval
			FROM unnest($13::text[], $14::int[], $15::int[]) WITH ORDINALITY AS u(k, o, l, n)
			WHERE EXISTS (SELECT 1 FROM ok) ORDER BY n
			RETURNING id)
		SELECT EXISTS (SELECT 1 FROM ok) AS applied, coalesce((SELECT array_agg(id ORDER BY id) FROM sent), '{}') AS ids`)
	if err != nil {
		return nil, err
	}
	all, starts, lens := pack(payloads)
	err = stmt.GetContext(ctx, &row, w.ChatKey, state, w.Version, w.UpdateID, days, kinds, convs, persons, dims,
		all, s.instance, leaseInterval, keys, starts, lens)
	if err != nil {
		return nil, fmt.Errorf("store: write turn: %w", err)
	}
	if !row.Applied {
		return nil, ErrConflict
	}
	return row.IDs, nil
}
