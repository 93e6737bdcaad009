package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/handover"
	"github.com/kassel/wegweiser/internal/staff"
)

// threadRow is a handover_threads row with its owner's name.
type threadRow struct {
	ID               int64        `db:"id"`
	Office           string       `db:"office_id"`
	ChatKey          string       `db:"chat_key"`
	Chat             []byte       `db:"chat_sealed"`
	Request          []byte       `db:"request_sealed"`
	Lang             string       `db:"lang"`
	AgeBand          string       `db:"age_band"`
	Topic            string       `db:"topic"`
	Status           string       `db:"status"`
	Owner            int64        `db:"owner_id"`
	OwnerName        string       `db:"owner_name"`
	CreatedAt        time.Time    `db:"created_at"`
	TakenAt          sql.NullTime `db:"taken_at"`
	RemindedAt       sql.NullTime `db:"reminded_at"`
	LastMessageAt    time.Time    `db:"last_message_at"`
	NewcomerWindow   sql.NullTime `db:"newcomer_window"`
	NewcomerCount    int          `db:"newcomer_count"`
	CounsellorWindow sql.NullTime `db:"counsellor_window"`
	CounsellorCount  int          `db:"counsellor_count"`
	RequeuedAt       sql.NullTime `db:"requeued_at"`
	Uncounted        bool         `db:"uncounted"`
}

const threadSelect = `SELECT t.id, t.office_id, t.chat_key, t.chat_sealed, t.request_sealed, t.lang, t.age_band,
	t.topic, t.status, coalesce(t.owner_id, 0) AS owner_id, coalesce(s.name, '') AS owner_name, t.created_at,
	t.taken_at, t.reminded_at, t.last_message_at, t.newcomer_window, t.newcomer_count, t.counsellor_window,
	t.counsellor_count, t.requeued_at, t.uncounted
FROM handover_threads t LEFT JOIN staff s ON s.id = t.owner_id`

func (r *threadRow) thread() handover.Thread {
	t := handover.Thread{ID: r.ID, Office: r.Office, ChatKey: r.ChatKey, Chat: r.Chat, Request: r.Request,
		Lang: r.Lang, AgeBand: r.AgeBand, Topic: directory.Topic(r.Topic), Status: handover.Status(r.Status),
		Owner: r.Owner, OwnerName: r.OwnerName, CreatedAt: r.CreatedAt, LastMessageAt: r.LastMessageAt,
		Rates: map[handover.Side]handover.Rate{
			handover.SideNewcomer:   {Since: r.NewcomerWindow.Time, Count: r.NewcomerCount},
			handover.SideCounsellor: {Since: r.CounsellorWindow.Time, Count: r.CounsellorCount},
		}}
	if r.TakenAt.Valid {
		t.TakenAt = &r.TakenAt.Time
	}
	if r.RemindedAt.Valid {
		t.RemindedAt = &r.RemindedAt.Time
	}
	if r.RequeuedAt.Valid {
		t.RequeuedAt = &r.RequeuedAt.Time
	}
	t.Uncounted = r.Uncounted
	return t
}

func threads(rows []threadRow) []handover.Thread {
	out := make([]handover.Thread, len(rows))
	for i := range rows {
		out[i] = rows[i].thread()
	}
	return out
}

// CreateThread stores a confirmed request. A newcomer has one thread per office: storing the
// same request again (a turn run twice) returns the thread stored first.
func (s *Store) CreateThread(ctx context.Context, t handover.NewThread) (handover.Thread, error) {
	var id int64
	err := s.db.GetContext(ctx, &id, `INSERT INTO handover_threads (office_id, chat_key, chat_sealed, request_sealed,
			lang, age_band, topic, status, created_at, last_message_at, uncounted)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8, $8, $9)
		ON CONFLICT (office_id, chat_key) DO UPDATE SET office_id = EXCLUDED.office_id
		RETURNING id`, t.Office, t.ChatKey, t.Chat, t.Request, t.Lang, t.AgeBand, string(t.Topic), t.At, t.Uncounted)
	if err != nil {
		return handover.Thread{}, fmt.Errorf("store: create thread: %w", err)
	}
	return s.Thread(ctx, id)
}

// Thread returns an open thread, or an error wrapping handover.ErrGone.
func (s *Store) Thread(ctx context.Context, id int64) (handover.Thread, error) {
	var r threadRow
	err := s.db.GetContext(ctx, &r, threadSelect+` WHERE t.id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return handover.Thread{}, fmt.Errorf("store: thread %d: %w", id, handover.ErrGone)
	}
	if err != nil {
		return handover.Thread{}, fmt.Errorf("store: thread: %w", err)
	}
	return r.thread(), nil
}

// ThreadsOf returns a newcomer's open threads, oldest first.
func (s *Store) ThreadsOf(ctx context.Context, chatKey string) ([]handover.Thread, error) {
	var rows []threadRow
	if err := s.db.SelectContext(ctx, &rows, threadSelect+` WHERE t.chat_key = $1 ORDER BY t.id`, chatKey); err != nil {
		return nil, fmt.Errorf("store: threads: %w", err)
	}
	return threads(rows), nil
}

// WaitingThreads returns the threads nobody took yet, oldest first.
func (s *Store) WaitingThreads(ctx context.Context) ([]handover.Thread, error) {
	var rows []threadRow
	if err := s.db.SelectContext(ctx, &rows, threadSelect+` WHERE t.status = 'waiting' ORDER BY t.id`); err != nil {
		return nil, fmt.Errorf("store: waiting threads: %w", err)
	}
	return threads(rows), nil
}

// OrphanedThreads returns the taken threads whose counsellor is no longer an active
// counsellor bound to the thread's office, oldest first.
func (s *Store) OrphanedThreads(ctx context.Context) ([]handover.Thread, error) {
	var rows []threadRow
	if err := s.db.SelectContext(ctx, &rows, threadSelect+` WHERE t.status = 'taken' AND NOT EXISTS (
			SELECT 1 FROM staff c JOIN staff_offices so ON so.staff_id = c.id
			WHERE c.id = t.owner_id AND so.office_id = t.office_id AND c.revoked_at IS NULL AND c.role = 'counsellor')
		ORDER BY t.id`); err != nil {
		return nil, fmt.Errorf("store: orphaned threads: %w", err)
	}
	return threads(rows), nil
}

// Requeue gives a taken thread back to its office as waiting from at on (reminder, lapse and
// retention count from then, and requeued_at keeps it from being counted again), if it is
// still taken by the same counsellor (replicas: one does).
// The step goes to the audit log under the counsellor who had the thread.
func (s *Store) Requeue(ctx context.Context, t handover.Thread, at time.Time) (bool, error) {
	done := false
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE handover_threads SET status = 'waiting', owner_id = NULL, taken_at = NULL,
				reminded_at = NULL, created_at = $3, requeued_at = $3, last_message_at = $3
			WHERE id = $1 AND status = 'taken' AND owner_id IS NOT DISTINCT FROM NULLIF($2::bigint, 0)`, t.ID, t.Owner, at)
		if err != nil {
			return err
		}
		n, _ := r.RowsAffected()
		if done = n > 0; !done {
			return nil
		}
		return audit(ctx, tx, staff.Actor{StaffID: t.Owner, Label: t.OwnerName}, t.Office, "handover", "", fmt.Sprintf("returned #%d", t.ID))
	})
	if err != nil {
		return false, fmt.Errorf("store: requeue thread: %w", err)
	}
	return done, nil
}

// TakeThread gives a waiting thread to a counsellor and writes it to the audit log, in one
// transaction; the first to take it owns it. It returns the thread as it is afterwards: owned
// by someone else when another counsellor was first.
func (s *Store) TakeThread(ctx context.Context, id, staffID int64, actor string, at time.Time) (handover.Thread, error) {
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var office string
		err := tx.GetContext(ctx, &office, `UPDATE handover_threads SET status = 'taken', owner_id = $2, taken_at = $3,
			last_message_at = $3 WHERE id = $1 AND status = 'waiting' RETURNING office_id`, id, staffID, at)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, staff.Actor{StaffID: staffID, Label: actor}, office, "handover", "", fmt.Sprintf("taken #%d", id))
	})
	if err != nil {
		return handover.Thread{}, fmt.Errorf("store: take thread: %w", err)
	}
	return s.Thread(ctx, id)
}

// EndThread deletes a thread, with everything sealed in it, and reports whether it was still
// there (replicas ending the same thread: one does). An ending by a counsellor (staffID set)
// goes to the audit log in the same transaction.
func (s *Store) EndThread(ctx context.Context, t handover.Thread, staffID int64, actor string, how handover.Ending) (bool, error) {
	ended := false
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		r, err := tx.ExecContext(ctx, `DELETE FROM handover_threads WHERE id = $1`, t.ID)
		if err != nil {
			return err
		}
		n, _ := r.RowsAffected()
		if ended = n > 0; !ended || staffID == 0 {
			return nil
		}
		return audit(ctx, tx, staff.Actor{StaffID: staffID, Label: actor}, t.Office, "handover", "", fmt.Sprintf("%s #%d", how, t.ID))
	})
	if err != nil {
		return false, fmt.Errorf("store: end thread: %w", err)
	}
	return ended, nil
}

// EraseChat deletes every thread and block of a newcomer's chat (/delete) and returns the
// threads that were open.
func (s *Store) EraseChat(ctx context.Context, chatKey string) ([]handover.Thread, error) {
	open, err := s.ThreadsOf(ctx, chatKey)
	if err != nil {
		return nil, err
	}
	if _, err := s.db.ExecContext(ctx, `WITH b AS (DELETE FROM handover_blocks WHERE chat_key = $1)
		DELETE FROM handover_threads WHERE chat_key = $1`, chatKey); err != nil {
		return nil, fmt.Errorf("store: erase threads: %w", err)
	}
	return open, nil
}

// BlockChat keeps a newcomer from asking an office again until until.
func (s *Store) BlockChat(ctx context.Context, officeID, chatKey string, until time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO handover_blocks (office_id, chat_key, until) VALUES ($1, $2, $3)
		ON CONFLICT (office_id, chat_key) DO UPDATE SET until = EXCLUDED.until`, officeID, chatKey, until)
	if err != nil {
		return fmt.Errorf("store: block: %w", err)
	}
	return nil
}

// BlockedBy reports whether an office blocked a newcomer at a moment.
func (s *Store) BlockedBy(ctx context.Context, officeID, chatKey string, at time.Time) (bool, error) {
	var blocked bool
	err := s.db.GetContext(ctx, &blocked, `SELECT EXISTS (SELECT 1 FROM handover_blocks
		WHERE office_id = $1 AND chat_key = $2 AND until > $3)`, officeID, chatKey, at)
	if err != nil {
		return false, fmt.Errorf("store: blocked: %w", err)
	}
	return blocked, nil
}

// CountMessage records a message of one side: its rate window, the thread's last activity,
// and (lang not empty) the newcomer's language now.
func (s *Store) CountMessage(ctx context.Context, id int64, side handover.Side, r handover.Rate, at time.Time, lang string) error {
	column := "newcomer"
	if side == handover.SideCounsellor {
		column = "counsellor"
	}
	_, err := s.db.ExecContext(ctx, `UPDATE handover_threads SET `+column+`_window = $2, `+column+`_count = $3,
		last_message_at = $4, lang = coalesce(nullif($5, ''), lang) WHERE id = $1`, id, r.Since, r.Count, at, lang)
	if err != nil {
		return fmt.Errorf("store: count message: %w", err)
	}
	return nil
}

// ClaimReminder records that a waiting thread's reminder is sent now, and reports whether
// this call claimed it (once per thread, whichever replica asks first).
func (s *Store) ClaimReminder(ctx context.Context, id int64, at time.Time) (bool, error) {
	r, err := s.db.ExecContext(ctx, `UPDATE handover_threads SET reminded_at = $2
		WHERE id = $1 AND status = 'waiting' AND reminded_at IS NULL`, id, at)
	if err != nil {
		return false, fmt.Errorf("store: claim reminder: %w", err)
	}
	n, _ := r.RowsAffected()
	return n > 0, nil
}

// EraseIdle deletes the threads without a message since before and the blocks that have
// ended by now, and returns how many threads.
func (s *Store) EraseIdle(ctx context.Context, before, now time.Time) (int64, error) {
	r, err := s.db.ExecContext(ctx, `WITH b AS (DELETE FROM handover_blocks WHERE until <= $2)
		DELETE FROM handover_threads WHERE last_message_at < $1`, before, now)
	if err != nil {
		return 0, fmt.Errorf("store: erase idle threads: %w", err)
	}
	n, _ := r.RowsAffected()
	return n, nil
}

// Counsellors returns the active counsellor accounts bound to an office.
func (s *Store) Counsellors(ctx context.Context, officeID string) ([]handover.Counsellor, error) {
	var rows []struct {
		ID     int64  `db:"id"`
		Sealed []byte `db:"telegram_sealed"`
		Name   string `db:"name"`
	}
	err := s.db.SelectContext(ctx, &rows, `SELECT s.id, s.telegram_sealed, s.name FROM staff s
		JOIN staff_offices so ON so.staff_id = s.id
		WHERE so.office_id = $1 AND s.revoked_at IS NULL AND s.role = 'counsellor' ORDER BY s.id`, officeID)
	if err != nil {
		return nil, fmt.Errorf("store: counsellors: %w", err)
	}
	out := make([]handover.Counsellor, len(rows))
	for i, r := range rows {
		tg, err := s.openStaffID(r.Sealed)
		if err != nil {
			return nil, err
		}
		out[i] = handover.Counsellor{StaffID: r.ID, TelegramID: tg, Name: r.Name}
	}
	return out, nil
}

// Reachable returns which of the offices have an active counsellor account.
func (s *Store) Reachable(ctx context.Context, officeIDs []string) (map[string]bool, error) {
	var ids []string
	err := s.db.SelectContext(ctx, &ids, `SELECT DISTINCT so.office_id FROM staff_offices so
		JOIN staff s ON s.id = so.staff_id
		WHERE so.office_id = ANY($1) AND s.revoked_at IS NULL AND s.role = 'counsellor'`, pq.StringArray(officeIDs))
	if err != nil {
		return nil, fmt.Errorf("store: reachable offices: %w", err)
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// ChatLangs returns the language each of the chats chose, by chat key (none: absent).
func (s *Store) ChatLangs(ctx context.Context, chatKeys []string) (map[string]string, error) {
	var rows []struct {
		Key  string         `db:"chat_key"`
		Lang sql.NullString `db:"lang"`
	}
	err := s.db.SelectContext(ctx, &rows, `SELECT chat_key, state->>'lang' AS lang FROM conversations
		WHERE chat_key = ANY($1)`, pq.StringArray(chatKeys))
	if err != nil {
		return nil, fmt.Errorf("store: chat languages: %w", err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		if r.Lang.Valid {
			out[r.Key] = r.Lang.String
		}
	}
	return out, nil
}

// RecordEvents writes events that no turn caused (the scheduled jobs').
func (s *Store) RecordEvents(ctx context.Context, events []Event) error {
	if len(events) == 0 {
		return nil
	}
	if err := s.inTx(ctx, func(tx *sqlx.Tx) error { return insertEvents(ctx, tx, events) }); err != nil {
		return fmt.Errorf("store: events: %w", err)
	}
	return nil
}
