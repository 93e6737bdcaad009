package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/staff"
)

// The web console's sign-in links and sessions (migration 00010): only hashes of their
// tokens are stored; a session is valid while its account is active and it was used within
// the idle timeout.

// CreateWebLogin stores a sign-in link's token hash for a staff account until expires, and
// drops links that expired more than a day ago.
func (s *Store) CreateWebLogin(ctx context.Context, tokenHash []byte, staffID int64, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, `WITH old AS (DELETE FROM web_logins WHERE expires_at < $3::timestamptz - interval '1 day')
		INSERT INTO web_logins (token_hash, staff_id, expires_at) VALUES ($1, $2, $3)`, tokenHash, staffID, expires)
	if err != nil {
		return fmt.Errorf("store: create web login: %w", err)
	}
	return nil
}

// RedeemWebLogin uses a sign-in link once and opens a session under sessionHash for its
// account, in one statement. It returns staff.ErrWebLoginInvalid when the link is unknown,
// used, expired or its account revoked.
func (s *Store) RedeemWebLogin(ctx context.Context, tokenHash, sessionHash []byte, now time.Time) (staff.Member, error) {
	var id int64
	err := s.db.GetContext(ctx, &id, `WITH used AS (
			UPDATE web_logins l SET used_at = $3 FROM staff st
			WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $3
			  AND st.id = l.staff_id AND st.revoked_at IS NULL
			RETURNING l.staff_id)
		INSERT INTO web_sessions (id_hash, staff_id, created_at, last_seen_at)
		SELECT $2, staff_id, $3, $3 FROM used RETURNING staff_id`, tokenHash, sessionHash, now)
	if errors.Is(err, sql.ErrNoRows) {
		return staff.Member{}, staff.ErrWebLoginInvalid
	}
	if err != nil {
		return staff.Member{}, fmt.Errorf("store: redeem web login: %w", err)
	}
	return s.StaffMember(ctx, id)
}

// PeekWebLogin returns the active staff account a sign-in link opens, without using it up
// (the sign-in page names it), or staff.ErrWebLoginInvalid as RedeemWebLogin would.
func (s *Store) PeekWebLogin(ctx context.Context, tokenHash []byte, now time.Time) (staff.Member, error) {
	var id int64
	err := s.db.GetContext(ctx, &id, `SELECT l.staff_id FROM web_logins l JOIN staff st ON st.id = l.staff_id
		WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2 AND st.revoked_at IS NULL`, tokenHash, now)
	if errors.Is(err, sql.ErrNoRows) {
		return staff.Member{}, staff.ErrWebLoginInvalid
	}
	if err != nil {
		return staff.Member{}, fmt.Errorf("store: peek web login: %w", err)
	}
	return s.StaffMember(ctx, id)
}

// WebSession returns the active staff account of a session and records its use now. It
// returns staff.ErrNoWebSession when the session is unknown, was idle for longer than idle,
// was opened longer than lifetime ago (however often it was used since), or its account is
// revoked: revoking an account ends its sessions at once.
func (s *Store) WebSession(ctx context.Context, sessionHash []byte, now time.Time, idle, lifetime time.Duration) (staff.Member, error) {
	var r staffRow
	err := s.db.GetContext(ctx, &r, `WITH seen AS (
			UPDATE web_sessions ws SET last_seen_at = $2 FROM staff st
			WHERE ws.id_hash = $1 AND ws.last_seen_at > $2::timestamptz - $3::interval
			  AND ws.created_at > $2::timestamptz - $4::interval
			  AND st.id = ws.staff_id AND st.revoked_at IS NULL
			RETURNING ws.staff_id)
		`+staffSelect+` WHERE s.id = (SELECT staff_id FROM seen) GROUP BY s.id`,
		sessionHash, now, interval(idle), interval(lifetime))
	if errors.Is(err, sql.ErrNoRows) {
		return staff.Member{}, staff.ErrNoWebSession
	}
	if err != nil {
		return staff.Member{}, fmt.Errorf("store: web session: %w", err)
	}
	return s.member(&r)
}

// EndWebSession ends a session (signing out, or signing in again in the same browser); the
// daily retention drops the sessions that ended otherwise (DeleteInactive).
func (s *Store) EndWebSession(ctx context.Context, sessionHash []byte) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM web_sessions WHERE id_hash = $1`, sessionHash)
	if err != nil {
		return fmt.Errorf("store: end web session: %w", err)
	}
	return nil
}

// People counts the distinct people of the whole days from..to as Figures does (per calendar
// month, with the kept counts of closed months; approx when a closed month is covered only in
// part), for the web console's people per day, week or month: it is Figures' own count.
func (s *Store) People(ctx context.Context, from, to time.Time) (int, bool, error) {
	f, err := s.Figures(ctx, from, to)
	return int(f.People), f.PeopleApprox, err
}

// AddEvents stores anonymous events that belong to no conversation and no person (changes
// made in the web console), on day.
func (s *Store) AddEvents(ctx context.Context, day time.Time, evs []dialog.Event) error {
	events := make([]Event, len(evs))
	for i, e := range evs {
		events[i] = Event{Day: day, Kind: e.Kind, Dims: e.Dims}
	}
	days, kinds, convs, persons, dims, err := eventColumns(events)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO events (day, kind, conversation, person_key, dims)
		SELECT d::date, k, c, p, m::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(d, k, c, p, m)`,
		days, kinds, convs, persons, dims)
	if err != nil {
		return fmt.Errorf("store: add events: %w", err)
	}
	return nil
}
