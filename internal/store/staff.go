package store

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
)

type staffRow struct {
	ID        int64          `db:"id"`
	Sealed    []byte         `db:"telegram_sealed"` // the Telegram id, sealed (staffid.go)
	Name      string         `db:"name"`
	Role      string         `db:"role"`
	Flow      []byte         `db:"flow"`
	CreatedAt time.Time      `db:"created_at"`
	RevokedAt sql.NullTime   `db:"revoked_at"`
	Offices   pq.StringArray `db:"offices"`
}

const staffSelect = `SELECT s.id, s.telegram_sealed, s.name, s.role, s.flow, s.created_at, s.revoked_at,
	coalesce(array_agg(so.office_id ORDER BY so.office_id) FILTER (WHERE so.office_id IS NOT NULL), '{}') AS offices
FROM staff s LEFT JOIN staff_offices so ON so.staff_id = s.id`

// member is the account a row holds, its Telegram id opened.
func (s *Store) member(r *staffRow) (staff.Member, error) {
	tg, err := s.openStaffID(r.Sealed)
	if err != nil {
		return staff.Member{}, err
	}
	m := staff.Member{ID: r.ID, TelegramID: tg, Name: r.Name, Role: staff.Role(r.Role),
		Offices: []string(r.Offices), CreatedAt: r.CreatedAt}
	if r.RevokedAt.Valid {
		m.RevokedAt = &r.RevokedAt.Time
	}
	_ = json.Unmarshal(r.Flow, &m.Flow) // an unreadable flow starts afresh
	return m, nil
}

// CreateInvitation stores an invitation under the hash of its code, and who made it (inv.By)
// in the audit log, in one transaction.
func (s *Store) CreateInvitation(ctx context.Context, codeHash []byte, inv staff.Invitation, expires time.Time) error {
	for _, id := range inv.Offices {
		if _, err := s.Office(ctx, id); err != nil {
			return err
		}
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO invitations (code_hash, role, office_ids, expires_at) VALUES ($1, $2, $3, $4)`,
			codeHash, string(inv.Role), pq.StringArray(nonNil(inv.Offices)), expires)
		if err != nil {
			return err
		}
		return audit(ctx, tx, inv.By, staff.AccessAuditID, staff.FieldInvitation, "", staff.AccessValue(0, "", inv.Role, inv.Offices))
	})
	if err != nil {
		return fmt.Errorf("store: create invitation: %w", err)
	}
	return nil
}

// OpenInvitations lists the invitations neither used nor expired at now, newest first.
func (s *Store) OpenInvitations(ctx context.Context, now time.Time) ([]staff.OpenInvitation, error) {
	var rows []struct {
		Hash    []byte         `db:"code_hash"`
		Role    string         `db:"role"`
		Offices pq.StringArray `db:"office_ids"`
		Created time.Time      `db:"created_at"`
		Expires time.Time      `db:"expires_at"`
	}
	err := s.db.SelectContext(ctx, &rows, `SELECT code_hash, role, office_ids, created_at, expires_at FROM invitations
		WHERE used_at IS NULL AND expires_at > $1 ORDER BY created_at DESC, code_hash`, now)
	if err != nil {
		return nil, fmt.Errorf("store: open invitations: %w", err)
	}
	out := make([]staff.OpenInvitation, len(rows))
	for i, r := range rows {
		out[i] = staff.OpenInvitation{Ref: hex.EncodeToString(r.Hash), Role: staff.Role(r.Role), Offices: []string(r.Offices),
			CreatedAt: r.Created, ExpiresAt: r.Expires}
	}
	return out, nil
}

// WithdrawInvitation deletes an unused invitation (ref as OpenInvitations gives it), so that
// its code no longer works, and writes who withdrew it to the audit log;
// directory.ErrNotFound when there is none.
func (s *Store) WithdrawInvitation(ctx context.Context, actor staff.Actor, ref string) error {
	hash, err := hex.DecodeString(ref)
	if err != nil || len(hash) == 0 {
		return directory.ErrNotFound
	}
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		var inv struct {
			Role    string         `db:"role"`
			Offices pq.StringArray `db:"office_ids"`
		}
		err := tx.GetContext(ctx, &inv, `DELETE FROM invitations WHERE code_hash = $1 AND used_at IS NULL RETURNING role, office_ids`, hash)
		if errors.Is(err, sql.ErrNoRows) {
			return directory.ErrNotFound
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, actor, staff.AccessAuditID, staff.FieldInvitation, staff.AccessValue(0, "", staff.Role(inv.Role), inv.Offices), "")
	})
	if errors.Is(err, directory.ErrNotFound) {
		return err
	}
	if err != nil {
		return fmt.Errorf("store: withdraw invitation: %w", err)
	}
	return nil
}

// staffOffices are the offices of a staff account, by id.
func staffOffices(ctx context.Context, tx *sqlx.Tx, id int64) ([]string, error) {
	var offices []string
	err := tx.SelectContext(ctx, &offices, `SELECT office_id FROM staff_offices WHERE staff_id = $1 ORDER BY office_id`, id)
	return offices, err
}

// RedeemInvitation makes the Telegram account a staff member with the invitation's role and
// offices, once: the code is marked used in the same transaction. An account that is staff
// already gets the new role and the offices added; but an administrator keeps their role, and
// an invitation to another role stays unused (staff.ErrAdminInvited): an administrator who
// tries the link they made for someone else would otherwise lose the rights to make another.
func (s *Store) RedeemInvitation(ctx context.Context, codeHash []byte, telegramID int64, name string, now time.Time) (staff.Member, error) {
	key, err := s.staffKey(telegramID)
	if err != nil {
		return staff.Member{}, err
	}
	sealed, err := s.sealStaffID(telegramID)
	if err != nil {
		return staff.Member{}, err
	}
	var id int64
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		var inv struct {
			Role    string         `db:"role"`
			Offices pq.StringArray `db:"office_ids"`
			Expires time.Time      `db:"expires_at"`
			Used    sql.NullTime   `db:"used_at"`
		}
		err := tx.GetContext(ctx, &inv, `SELECT role, office_ids, expires_at, used_at FROM invitations WHERE code_hash = $1 FOR UPDATE`, codeHash)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return staff.ErrCodeUnknown
		case err != nil:
			return err
		case inv.Used.Valid:
			return staff.ErrCodeUsed
		case !now.Before(inv.Expires):
			return staff.ErrCodeExpired
		}
		var role, oldName string
		err = tx.QueryRowxContext(ctx, `SELECT id, role, name FROM staff WHERE telegram_key = $1 AND revoked_at IS NULL FOR UPDATE`, key).Scan(&id, &role, &oldName)
		if role == string(staff.RoleAdmin) && inv.Role != role {
			return staff.ErrAdminInvited
		}
		var before string // the account as it was, for the audit log ("" when new)
		if err == nil {
			offices, err := staffOffices(ctx, tx, id)
			if err != nil {
				return err
			}
			before = staff.AccessValue(id, oldName, staff.Role(role), offices)
		}
		if errors.Is(err, sql.ErrNoRows) {
			err = tx.GetContext(ctx, &id, `INSERT INTO staff (telegram_key, telegram_sealed, name, role) VALUES ($1, $2, $3, $4) RETURNING id`, key, sealed, name, inv.Role)
		} else if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE staff SET role = $2, name = $3 WHERE id = $1`, id, inv.Role, name)
		}
		if err != nil {
			return err
		}
		// A counsellor invited to one more office keeps the others; an account given
		// another role keeps none of the offices it had (a counsellor made statistics staff
		// and later invited as a counsellor again gets the invitation's offices only, not
		// the edit rights and hand-over requests of the old ones).
		if role != "" && role != inv.Role {
			if _, err := tx.ExecContext(ctx, `DELETE FROM staff_offices WHERE staff_id = $1`, id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO staff_offices (staff_id, office_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, id, inv.Offices); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE invitations SET used_at = $2, used_by = $3 WHERE code_hash = $1`, codeHash, now, id); err != nil {
			return err
		}
		offices, err := staffOffices(ctx, tx, id)
		if err != nil {
			return err
		}
		// The account itself is the actor: it took the invitation that an admin made (the
		// invitation's own row names the admin).
		return audit(ctx, tx, staff.ActorOf(&staff.Member{ID: id, Name: name}), staff.AccessAuditID, staff.FieldAccount,
			before, staff.AccessValue(id, name, staff.Role(inv.Role), offices))
	})
	if errors.Is(err, staff.ErrCodeUnknown) || errors.Is(err, staff.ErrCodeUsed) || errors.Is(err, staff.ErrCodeExpired) || errors.Is(err, staff.ErrAdminInvited) {
		return staff.Member{}, err
	}
	if err != nil {
		return staff.Member{}, fmt.Errorf("store: redeem invitation: %w", err)
	}
	return s.StaffMember(ctx, id)
}

// StaffMember returns a staff account by id (revoked ones too).
func (s *Store) StaffMember(ctx context.Context, id int64) (staff.Member, error) {
	var r staffRow
	err := s.db.GetContext(ctx, &r, staffSelect+` WHERE s.id = $1 GROUP BY s.id`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return staff.Member{}, fmt.Errorf("store: staff %d: %w", id, directory.ErrNotFound)
	}
	if err != nil {
		return staff.Member{}, fmt.Errorf("store: staff: %w", err)
	}
	return s.member(&r)
}

// StaffByTelegramID returns the active staff account of a Telegram user, or an error wrapping
// directory.ErrNotFound for everyone else.
func (s *Store) StaffByTelegramID(ctx context.Context, telegramID int64) (staff.Member, error) {
	key, err := s.staffKey(telegramID)
	if err != nil {
		return staff.Member{}, err
	}
	var r staffRow
	err = s.db.GetContext(ctx, &r, staffSelect+` WHERE s.telegram_key = $1 AND s.revoked_at IS NULL GROUP BY s.id`, key)
	if errors.Is(err, sql.ErrNoRows) {
		return staff.Member{}, fmt.Errorf("store: staff: %w", directory.ErrNotFound)
	}
	if err != nil {
		return staff.Member{}, fmt.Errorf("store: staff: %w", err)
	}
	return s.member(&r)
}

// StaffEnded says whether the Telegram user had a staff account that was revoked and has no
// active one (the revoked account's key is kept until the retention forgets it).
func (s *Store) StaffEnded(ctx context.Context, telegramID int64) (bool, error) {
	key, err := s.staffKey(telegramID)
	if err != nil {
		return false, err
	}
	var ended bool
	err = s.db.GetContext(ctx, &ended, `SELECT bool_and(revoked_at IS NOT NULL) IS TRUE FROM staff WHERE telegram_key = $1`, key)
	if err != nil {
		return false, fmt.Errorf("store: staff ended: %w", err)
	}
	return ended, nil
}

// ListStaff returns every staff account, active ones first.
func (s *Store) ListStaff(ctx context.Context) ([]staff.Member, error) {
	var rows []staffRow
	if err := s.db.SelectContext(ctx, &rows, staffSelect+` GROUP BY s.id ORDER BY s.revoked_at IS NOT NULL, s.id`); err != nil {
		return nil, fmt.Errorf("store: list staff: %w", err)
	}
	out := make([]staff.Member, len(rows))
	for i := range rows {
		m, err := s.member(&rows[i])
		if err != nil {
			return nil, err
		}
		out[i] = m
	}
	return out, nil
}

// RevokeStaff ends a staff account at once, and writes who revoked it (actor) to the audit log.
func (s *Store) RevokeStaff(ctx context.Context, actor staff.Actor, id int64) error {
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var m struct {
			Name string `db:"name"`
			Role string `db:"role"`
		}
		err := tx.GetContext(ctx, &m, `UPDATE staff SET revoked_at = now(), flow = '{}' WHERE id = $1 AND revoked_at IS NULL RETURNING name, role`, id)
		if errors.Is(err, sql.ErrNoRows) {
			return directory.ErrNotFound
		}
		if err != nil {
			return err
		}
		offices, err := staffOffices(ctx, tx, id)
		if err != nil {
			return err
		}
		return audit(ctx, tx, actor, staff.AccessAuditID, staff.FieldAccount, staff.AccessValue(id, m.Name, staff.Role(m.Role), offices), "")
	})
	if errors.Is(err, directory.ErrNotFound) {
		return fmt.Errorf("store: revoke staff %d: %w", id, err)
	}
	if err != nil {
		return fmt.Errorf("store: revoke staff: %w", err)
	}
	return nil
}

// SaveFlow stores what a staff member is in the middle of.
func (s *Store) SaveFlow(ctx context.Context, staffID int64, flow staff.Flow) error {
	data, err := json.Marshal(flow)
	if err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE staff SET flow = $2 WHERE id = $1`, staffID, string(data)); err != nil {
		return fmt.Errorf("store: save flow: %w", err)
	}
	return nil
}

// Reminder is an office whose entry is old, with the Telegram ids of its counsellors.
type Reminder struct {
	Office      directory.Office
	Counsellors []int64
}

// ClaimReminders returns the offices whose confirmation is older than maxAge (or missing)
// and whose counsellors were not reminded within every, and records them as reminded now. The
// claim is one statement, so two replicas never remind for the same office twice.
func (s *Store) ClaimReminders(ctx context.Context, now time.Time, maxAge, every time.Duration) ([]Reminder, error) {
	var ids []string
	err := s.db.SelectContext(ctx, &ids, `
		INSERT INTO office_reminders (office_id, last_sent_at)
		SELECT o.id, $1 FROM offices o
		WHERE o.archived_at IS NULL
		  AND (o.confirmed_at IS NULL OR o.confirmed_at < ($1::timestamptz - $2::interval)::date)
		  AND EXISTS (SELECT 1 FROM staff_offices so JOIN staff st ON st.id = so.staff_id
		              WHERE so.office_id = o.id AND st.revoked_at IS NULL AND st.role = 'counsellor')
		ON CONFLICT (office_id) DO UPDATE SET last_sent_at = EXCLUDED.last_sent_at
		WHERE office_reminders.last_sent_at <= $1::timestamptz - $3::interval
		RETURNING office_id`, now, interval(maxAge), interval(every))
	if err != nil {
		return nil, fmt.Errorf("store: claim reminders: %w", err)
	}
	var out []Reminder
	for _, id := range ids {
		o, err := s.Office(ctx, id)
		if err != nil {
			return nil, err
		}
		var sealed [][]byte
		if err := s.db.SelectContext(ctx, &sealed, `SELECT st.telegram_sealed FROM staff st JOIN staff_offices so ON so.staff_id = st.id
			WHERE so.office_id = $1 AND st.revoked_at IS NULL AND st.role = 'counsellor' ORDER BY st.id`, id); err != nil {
			return nil, fmt.Errorf("store: reminder recipients: %w", err)
		}
		tg := make([]int64, len(sealed))
		for i, b := range sealed {
			if tg[i], err = s.openStaffID(b); err != nil {
				return nil, err
			}
		}
		out = append(out, Reminder{Office: o, Counsellors: tg})
	}
	return out, nil
}

// StaffRoster reads who has an active staff account and which offices have an active
// counsellor, with the roster's version, in one statement (one snapshot).
func (s *Store) StaffRoster(ctx context.Context) (*staff.Roster, error) {
	var row struct {
		Version    int64          `db:"version"`
		Members    pq.ByteaArray  `db:"members"`
		Counselled pq.StringArray `db:"counselled"`
	}
	err := s.db.GetContext(ctx, &row, `SELECT (SELECT version FROM roster_version WHERE id = 1) AS version,
		coalesce((SELECT array_agg(telegram_sealed) FROM staff WHERE revoked_at IS NULL), '{}') AS members,
		coalesce((SELECT array_agg(DISTINCT so.office_id) FROM staff_offices so JOIN staff s ON s.id = so.staff_id
			WHERE s.revoked_at IS NULL AND s.role = 'counsellor'), '{}') AS counselled`)
	if err != nil {
		return nil, fmt.Errorf("store: staff roster: %w", err)
	}
	r := &staff.Roster{Version: row.Version, Members: make(map[int64]bool, len(row.Members)),
		Counselled: make(map[string]bool, len(row.Counselled))}
	for _, sealed := range row.Members {
		if sealed == nil {
			continue // stored in the clear before migration 00020 and not sealed yet (SealStaffIDs)
		}
		id, err := s.openStaffID(sealed)
		if err != nil {
			return nil, err
		}
		r.Members[id] = true
	}
	for _, id := range row.Counselled {
		r.Counselled[id] = true
	}
	return r, nil
}
