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
	// RosterVersion is the staff roster's version (staff.LiveRoster), likewise.
	RosterVersion int64
}

// ReadTurn reads what a turn of chatKey for updateID (0: none) starts from. The staff account
// of telegramID is looked up too when withStaff is set (inputs the staff side may take).
func (s *Store) ReadTurn(ctx context.Context, chatKey string, updateID, telegramID int64, withStaff bool) (TurnState, error) {
	var row struct {
		State      []byte        `db:"state"`
		Version    sql.NullInt64 `db:"version"`
		Seen       bool          `db:"seen"`
		DirVersion int64         `db:"dir_version"`
		Roster     int64         `db:"roster_version"`
		staffRow
		StaffID sql.NullInt64 `db:"staff_id"`
	}
	read, err := s.prepared(ctx, readTurn)
	if err != nil {
		return TurnState{}, err
	}
	// The staff account is looked up by its keyed Telegram id; without the secret no sender
	// can be staff.
	key, err := s.staffKey(telegramID)
	if err != nil {
		withStaff = false
	}
	err = read.GetContext(ctx, &row, chatKey, updateID, key, withStaff)
	if err != nil {
		return TurnState{}, fmt.Errorf("store: read turn: %w", err)
	}
	ts := TurnState{State: row.State, Version: row.Version.Int64, Seen: row.Seen, DirVersion: row.DirVersion, RosterVersion: row.Roster}
	if row.StaffID.Valid {
		m, err := s.member(&row.staffRow)
		if err != nil {
			return TurnState{}, fmt.Errorf("store: read turn: %w", err)
		}
		ts.Member = &m
	}
	return ts, nil
}

// readTurn is ReadTurn's statement.
var readTurn = `
		SELECT c.state, c.version,
			EXISTS (SELECT 1 FROM processed_updates WHERE update_id = $2 AND $2 <> 0) AS seen,
			(SELECT version FROM directory_version WHERE id = 1) AS dir_version,
			(SELECT version FROM roster_version WHERE id = 1) AS roster_version,
			st.id AS staff_id, coalesce(st.id, 0) AS id, st.telegram_sealed,
			coalesce(st.name, '') AS name, coalesce(st.role, '') AS role, coalesce(st.flow, '{}') AS flow,
			coalesce(st.created_at, now()) AS created_at, st.revoked_at, coalesce(st.offices, '{}') AS offices
		FROM (SELECT 1) one
		LEFT JOIN conversations c ON c.chat_key = $1
		LEFT JOIN LATERAL (` + staffSelect + ` WHERE s.telegram_key = $3 AND s.revoked_at IS NULL GROUP BY s.id) st ON $4`

// TurnWrite is what one turn stores, in one statement that applies only over the version read.
type TurnWrite struct {
	ChatKey  string
	UpdateID int64  // recorded as handled, and taken from the inbox; 0 for none
	Version  int64  // the version read (0: a new chat)
	State    []byte // the new state; nil erases the chat with its pending messages
	Events   []Event
	Outbox   [][]byte // sealed messages to deliver, in order
	// Others are sealed messages to other chats (a hand-over's relay), each stored under its
	// destination's chat key, after Outbox.
	Others []Pending
	// DirVersion and RosterVersion, when not 0, are the versions of the directory and of the
	// staff roster the turn used from memory: the turn is written only if they are current.
	DirVersion, RosterVersion int64
	// Unlink, with an erasure, names the statistics events to unlink from the chat in the
	// same statement: their person key and conversation id are cleared (and the key dropped
	// from the days rolled up), so that nobody who knows the chat (and the secret the person
	// keys are made with) can find its answers. The events still count in the statistics, as
	// anonymous ones; the person no longer counts among the month's people.
	Unlink Unlink
}

// Unlink names a chat's statistics events by what links them to it: the person keys it had
// (those of the month, see chat.Runner) and its conversation ids.
type Unlink struct {
	PersonKeys, Conversations []string
}

// ErrStale means the directory or the staff roster changed since the versions a turn used:
// nothing was written; StaleError says the current versions.
var ErrStale = errors.New("store: the directory or the staff roster changed meanwhile")

// StaleError is ErrStale with the current versions.
type StaleError struct{ Dir, Roster int64 }

func (e *StaleError) Error() string { return ErrStale.Error() }
func (e *StaleError) Unwrap() error { return ErrStale }

// WriteTurn stores a turn: the new state (or the chat's erasure), the update as handled, its
// events and its messages to send, all or nothing. It returns the outbox ids of the messages,
// in order (Outbox, then Others). Nothing is written, and it says why, when the update was
// handled before (ErrDuplicateUpdate), when the directory or roster versions given are not
// current (a *StaleError), or when the chat's state is not at the version read (ErrConflict:
// changed, or erased meanwhile; a chat read as new must still be new).
//
// Turns that store a state (not an erasure) with messages to their own chat only may be
// written in one statement with other chats' turns that are ready at the same moment (see
// turnbatch.go); each is still applied, or refused, on its own.
func (s *Store) WriteTurn(ctx context.Context, w TurnWrite) ([]int64, error) {
	if batchable(w) {
		return s.writeTurnBatched(ctx, w)
	}
	return s.writeTurnAlone(ctx, w)
}

// writeTurnAlone is WriteTurn in a statement of the turn's own, once no statement is still
// to record its update (afterRecord).
func (s *Store) writeTurnAlone(ctx context.Context, w TurnWrite) ([]int64, error) {
	if err := s.afterRecord(ctx, w.UpdateID); err != nil {
		return nil, fmt.Errorf("store: write turn: %w", err)
	}
	return s.writeTurn(ctx, w)
}

// writeTurn is WriteTurn in a statement of the turn's own.
func (s *Store) writeTurn(ctx context.Context, w TurnWrite) ([]int64, error) {
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
	var write string
	var state any = nil
	switch {
	case w.State == nil:
		write = turnErase
	case w.Version == 0:
		state, write = string(w.State), turnInsert
	default:
		state, write = string(w.State), turnUpdate
	}
	var row turnRow
	stmt, err := s.prepared(ctx, writeTurnStatement(write))
	if err != nil {
		return nil, err
	}
	all, starts, lens := pack(payloads)
	args := []any{w.ChatKey, state, w.Version, w.UpdateID, days, kinds, convs, persons, dims,
		all, s.instance, s.leaseInterval, keys, starts, lens, w.DirVersion, w.RosterVersion}
	if write == turnErase {
		args = append(args, pq.StringArray(nonEmpty(w.Unlink.PersonKeys)), pq.StringArray(nonEmpty(w.Unlink.Conversations)))
	}
	err = stmt.GetContext(ctx, &row, args...)
	if err != nil {
		return nil, fmt.Errorf("store: write turn: %w", err)
	}
	return row.outcome(w)
}

// nonEmpty is ss without its empty strings (an event without a conversation has an empty one).
func nonEmpty(ss []string) []string {
	out := []string{}
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// turnRow is what a turn's statement says of one turn (writeTurn's, and each of writeTurns').
type turnRow struct {
	Applied bool          `db:"applied"`
	IDs     pq.Int64Array `db:"ids"` // the outbox ids of its messages, in order
	Unseen  bool          `db:"unseen"`
	Dir     int64         `db:"dir"`    // the directory's version
	Roster  int64         `db:"roster"` // the staff roster's version
}

// outcome is WriteTurn's result for w from its row: the outbox ids when it was applied,
// otherwise why not.
func (r turnRow) outcome(w TurnWrite) ([]int64, error) {
	switch {
	case r.Applied:
		return r.IDs, nil
	case !r.Unseen:
		return nil, ErrDuplicateUpdate
	case (w.DirVersion != 0 && w.DirVersion != r.Dir) || (w.RosterVersion != 0 && w.RosterVersion != r.Roster):
		return nil, &StaleError{Dir: r.Dir, Roster: r.Roster}
	default:
		return nil, ErrConflict
	}
}

// The statement of a turn of its own is writeTurnStatement of one of these.
const (
	// turnFresh: the update is new, and the versions the turn used from memory are current.
	turnFresh = `fresh AS (SELECT NOT EXISTS (SELECT 1 FROM processed_updates WHERE update_id = $4::bigint AND $4::bigint <> 0) AS unseen,
			(SELECT version FROM directory_version WHERE id = 1) AS dir,
			(SELECT version FROM roster_version WHERE id = 1) AS roster),
		good AS (SELECT 1 FROM fresh WHERE unseen AND ($16::bigint = 0 OR $16::bigint = dir) AND ($17::bigint = 0 OR $17::bigint = roster))`
	// turnErase: the chat's erasure takes its waiting messages and reopening notices with it.
	turnErase = `gone AS (DELETE FROM conversations WHERE chat_key = $1 AND version = $3::bigint AND $2::jsonb IS NULL
				AND EXISTS (SELECT 1 FROM good) RETURNING 1),
		ok AS (SELECT 1 FROM gone UNION ALL
			SELECT 1 WHERE $3::bigint = 0 AND NOT EXISTS (SELECT 1 FROM conversations WHERE chat_key = $1) AND EXISTS (SELECT 1 FROM good)),
		dropped AS (DELETE FROM outbox WHERE chat_key = $1 AND EXISTS (SELECT 1 FROM ok)),
		forgotten AS (DELETE FROM reopen_notices WHERE chat_key = $1 AND EXISTS (SELECT 1 FROM ok)),
		unlinked AS (UPDATE events SET person_key = NULL, conversation = ''
			WHERE (person_key = ANY($18::text[]) OR conversation = ANY($19::text[])) AND EXISTS (SELECT 1 FROM ok)),
		unrolled AS (DELETE FROM people_days WHERE person_key = ANY($18::text[]) AND EXISTS (SELECT 1 FROM ok))`
	// turnInsert: a new chat's first state.
	turnInsert = `ok AS (INSERT INTO conversations (chat_key, state, version) SELECT $1, $2::jsonb, 1 WHERE $3::bigint = 0 AND EXISTS (SELECT 1 FROM good)
			ON CONFLICT (chat_key) DO NOTHING RETURNING 1)`
	// turnUpdate: an update only. A chat erased meanwhile (retention, /delete elsewhere) is
	// not written back from the state read before.
	turnUpdate = `ok AS (UPDATE conversations SET state = $2::jsonb, version = version + 1, blocked = false, updated_at = now()
			WHERE chat_key = $1 AND version = $3::bigint AND EXISTS (SELECT 1 FROM good) RETURNING 1)`
)

// writeTurnStatement is the statement of a turn written on its own, with write one of
// turnErase, turnInsert and turnUpdate.
func writeTurnStatement(write string) string {
	return `WITH ` + turnFresh + `, ` + write + `,
		claim AS (INSERT INTO processed_updates (update_id) SELECT $4::bigint WHERE $4::bigint <> 0 AND EXISTS (SELECT 1 FROM ok)
			ON CONFLICT DO NOTHING),
		taken AS (DELETE FROM inbox WHERE update_id = $4::bigint AND $4::bigint <> 0 AND EXISTS (SELECT 1 FROM ok)),
		events AS (INSERT INTO events (day, kind, conversation, person_key, dims)
			SELECT d::date, k, c, p, m::jsonb FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS u(d, k, c, p, m)
			WHERE EXISTS (SELECT 1 FROM ok)),
		sent AS (INSERT INTO outbox (chat_key, payload, owner, lease_until)
			SELECT k, substring($10::bytea FROM o FOR l), $11, now() + $12::interval
			FROM unnest($13::text[], $14::int[], $15::int[]) WITH ORDINALITY AS u(k, o, l, n)
			WHERE EXISTS (SELECT 1 FROM ok) ORDER BY n
			RETURNING id)
		SELECT EXISTS (SELECT 1 FROM ok) AS applied, coalesce((SELECT array_agg(id ORDER BY id) FROM sent), '{}') AS ids,
			fresh.unseen, fresh.dir, fresh.roster FROM fresh`
}
