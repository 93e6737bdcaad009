package store

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// Lease is how long inbox and outbox rows stay with the process that holds them without it
// renewing them, unless WithLease says otherwise; RenewLeases runs well within it.
const Lease = 15 * time.Second

// Lease is how long this store's rows stay with it without being renewed.
func (s *Store) Lease() time.Duration { return s.lease }

// Pending is an inbox or outbox row: a sealed update waiting for its turn, or a sealed
// message waiting to be sent.
type Pending struct {
	ID      int64  `db:"id"` // the update id (inbox) or the message id (outbox)
	ChatKey string `db:"chat_key"`
	Payload []byte `db:"payload"`
}

// InboxAdd records fetched updates in a statement of their own, but those handled already
// or in the inbox, and returns the ids it added: an update not added is handled already, or
// held by another process (a webhook replica that got it first). Unlike InboxBegin, nothing
// may be handed on for its turn before it returns.
func (s *Store) InboxAdd(ctx context.Context, rows []Pending) ([]int64, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	ids, keys, all, starts, lens := inboxColumns(rows)
	var added pq.Int64Array
	stmt, err := s.prepared(ctx, inboxAdd)
	if err == nil {
		err = stmt.GetContext(ctx, &added, ids, keys, all, s.instance, s.leaseInterval, starts, lens)
	}
	if err != nil {
		return nil, err
	}
	return added, nil
}

// inboxColumns are fetched updates as the inbox statements take them: ids, chat keys, and the
// sealed updates packed into one parameter (pack).
func inboxColumns(rows []Pending) (ids pq.Int64Array, keys pq.StringArray, all []byte, starts, lens pq.Int64Array) {
	ids, keys = make(pq.Int64Array, len(rows)), make(pq.StringArray, len(rows))
	payloads := make([][]byte, len(rows))
	for i, r := range rows {
		ids[i], keys[i], payloads[i] = r.ID, r.ChatKey, r.Payload
	}
	all, starts, lens = pack(payloads)
	return ids, keys, all, starts, lens
}

// inboxAdd is the statement of InboxAdd.
const inboxAdd = `WITH added AS (
		INSERT INTO inbox (update_id, chat_key, payload, owner, lease_until)
		SELECT i, k, substring($3::bytea FROM o FOR l), $4, now() + $5::interval
		FROM unnest($1::bigint[], $2::text[], $6::int[], $7::int[]) AS u(i, k, o, l)
		WHERE NOT EXISTS (SELECT 1 FROM processed_updates WHERE update_id = i)
		ON CONFLICT DO NOTHING RETURNING update_id)
	SELECT coalesce(array_agg(update_id ORDER BY update_id), '{}') FROM added`

// InboxDrop removes an update that needs no turn (a repeat, or nothing the bot answers),
// once it is recorded (InboxBegin).
func (s *Store) InboxDrop(ctx context.Context, updateID int64) error {
	if err := s.afterRecord(ctx, updateID); err != nil {
		return fmt.Errorf("store: inbox: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM inbox WHERE update_id = $1`, updateID); err != nil {
		return fmt.Errorf("store: inbox: %w", err)
	}
	return nil
}

// ClaimInbox takes the inbox rows whose holder's lease ran out, or all rows when all is set
// (a single process starting: whatever is there was left by its previous run), in order.
func (s *Store) ClaimInbox(ctx context.Context, all bool) ([]Pending, error) {
	var rows []Pending
	err := s.db.SelectContext(ctx, &rows, `WITH claimed AS (
			UPDATE inbox SET owner = $1, lease_until = now() + $2::interval
			WHERE $3 OR (lease_until < now() AND owner <> $1)
			RETURNING update_id AS id, chat_key, payload)
		SELECT * FROM claimed ORDER BY id`, s.instance, s.leaseInterval, all)
	if err != nil {
		return nil, fmt.Errorf("store: claim inbox: %w", err)
	}
	return rows, nil
}

// ClaimOutbox takes the messages whose holder's lease ran out, or all when all is set, in the
// order they were written.
func (s *Store) ClaimOutbox(ctx context.Context, all bool) ([]Pending, error) {
	var rows []Pending
	err := s.db.SelectContext(ctx, &rows, `WITH claimed AS (
			UPDATE outbox SET owner = $1, lease_until = now() + $2::interval
			WHERE $3 OR (lease_until < now() AND owner <> $1)
			RETURNING id, chat_key, payload)
		SELECT * FROM claimed ORDER BY id`, s.instance, s.leaseInterval, all)
	if err != nil {
		return nil, fmt.Errorf("store: claim outbox: %w", err)
	}
	return rows, nil
}

// OutboxAdd stores messages to send that no turn wrote (the scheduled jobs'), held by this
// process, and returns their ids in order.
func (s *Store) OutboxAdd(ctx context.Context, rows []Pending) ([]int64, error) {
	keys := make(pq.StringArray, len(rows))
	payloads := make([][]byte, len(rows))
	for i, r := range rows {
		keys[i], payloads[i] = r.ChatKey, r.Payload
	}
	all, starts, lens := pack(payloads)
	var ids pq.Int64Array
	err := s.db.GetContext(ctx, &ids, `WITH sent AS (
			INSERT INTO outbox (chat_key, payload, owner, lease_until)
			SELECT k, substring($2::bytea FROM o FOR l), $3, now() + $4::interval
			FROM unnest($1::text[], $5::int[], $6::int[]) WITH ORDINALITY AS u(k, o, l, n)
			ORDER BY n RETURNING id)
		SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM sent`, keys, all, s.instance, s.leaseInterval, starts, lens)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	return ids, nil
}

// outboxDone is OutboxDone's statement.
const outboxDone = `DELETE FROM outbox WHERE id = ANY($1)`

// OutboxDone removes messages that were delivered (or can never be: a blocked bot).
func (s *Store) OutboxDone(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	stmt, err := s.prepared(ctx, outboxDone)
	if err == nil {
		_, err = stmt.ExecContext(ctx, pq.Int64Array(ids))
	}
	if err != nil {
		return fmt.Errorf("store: outbox: %w", err)
	}
	return nil
}

// OutboxDropChat removes every message waiting for a chat (the user blocked the bot).
func (s *Store) OutboxDropChat(ctx context.Context, chatKey string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM outbox WHERE chat_key = $1`, chatKey); err != nil {
		return fmt.Errorf("store: outbox: %w", err)
	}
	return nil
}

// RenewLeases keeps the given inbox updates and outbox messages of this process its own for
// another Lease. Rows live for milliseconds, so the caller names only those it has held for a
// while (usually none, and then nothing is written): renewing every row the process owns read
// each table whole every few seconds and locked the rows being acknowledged meanwhile.
func (s *Store) RenewLeases(ctx context.Context, inbox, outbox []int64) error {
	if len(inbox) == 0 && len(outbox) == 0 {
		return nil
	}
	_, err := s.db.ExecContext(ctx, `WITH i AS (
			UPDATE inbox SET lease_until = now() + $2::interval WHERE update_id = ANY($3) AND owner = $1)
		UPDATE outbox SET lease_until = now() + $2::interval WHERE id = ANY($4) AND owner = $1`,
		s.instance, s.leaseInterval, pq.Int64Array(inbox), pq.Int64Array(outbox))
	if err != nil {
		return fmt.Errorf("store: renew leases: %w", err)
	}
	return nil
}

// OutboxPending counts the messages waiting to be sent, and the age of the oldest.
func (s *Store) OutboxPending(ctx context.Context) (int, time.Duration, error) {
	var row struct {
		N      int     `db:"n"`
		Oldest float64 `db:"oldest"`
	}
	err := s.db.GetContext(ctx, &row, `SELECT count(*) AS n,
		coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest FROM outbox`)
	if err != nil {
		return 0, 0, fmt.Errorf("store: outbox: %w", err)
	}
	return row.N, time.Duration(row.Oldest * float64(time.Second)), nil
}

// pack sends byte strings as one binary parameter (all), with where each starts (from 1) and
// its length, for substring(all FROM start FOR length): a bytea[] parameter would travel as
// text, hex-encoded at twice the size and parsed again on the server.
func pack(parts [][]byte) (all []byte, starts, lens pq.Int64Array) {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	all = make([]byte, 0, n)
	starts, lens = make(pq.Int64Array, len(parts)), make(pq.Int64Array, len(parts))
	for i, p := range parts {
		starts[i], lens[i] = int64(len(all)+1), int64(len(p))
		all = append(all, p...)
	}
	return all, starts, lens
}
