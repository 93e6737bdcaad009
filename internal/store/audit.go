package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
)

func audit(ctx context.Context, tx *sqlx.Tx, actor staff.Actor, officeID, field, old, new string) error {
	var staffID *int64
	if actor.StaffID != 0 {
		staffID = &actor.StaffID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (staff_id, actor, office_id, field, old_value, new_value)
		VALUES ($1, $2, $3, $4, $5, $6)`, staffID, actor.Label, officeID, field, old, new)
	return err
}

// auditChanges writes one audit row per field that differs between old (nil for a new
// office) and new, by the directory file's column names.
func auditChanges(ctx context.Context, tx *sqlx.Tx, actor staff.Actor, old, new *directory.Office) ([]staff.Change, error) {
	var changes []staff.Change
	newRec := directory.Record(new)
	oldRec := make([]string, len(newRec))
	if old != nil {
		oldRec = directory.Record(old)
	}
	for i, col := range directory.Columns {
		if oldRec[i] != newRec[i] {
			changes = append(changes, staff.Change{Field: col, Old: oldRec[i], New: newRec[i]})
			if err := audit(ctx, tx, actor, new.ID, col, oldRec[i], newRec[i]); err != nil {
				return nil, err
			}
		}
	}
	return changes, nil
}

// UpdateOffice stores a changed office and writes each changed field to the audit log, in one
// transaction. It returns the changes (none when nothing differs).
func (s *Store) UpdateOffice(ctx context.Context, actor staff.Actor, o directory.Office) ([]staff.Change, error) {
	var changes []staff.Change
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var r officeRow
		if err := tx.GetContext(ctx, &r, `SELECT `+officeSelect+` FROM offices WHERE id = $1 FOR UPDATE`, o.ID); err != nil {
			return err
		}
		old := r.office()
		var err error
		if changes, err = auditChanges(ctx, tx, actor, &old, &o); err != nil || len(changes) == 0 {
			return err
		}
		_, err = tx.NamedExecContext(ctx, `UPDATE offices SET kind = :kind, name = :name, provider = :provider,
			street = :street, postcode = :postcode, city = :city, latitude = :latitude, longitude = :longitude,
			phone = :phone, email = :email, website = :website, languages = :languages, language_keys = :language_keys,
			topics = :topics, min_age = :min_age, max_age = :max_age, opening_hours = :opening_hours, note = :note,
			accepting_new_clients = :accepting_new_clients, confirmed_at = :confirmed_at, closed_until = :closed_until,
			waiting_weeks = :waiting_weeks, note_keys = :note_keys, closed_from = :closed_from, serves = :serves, updated_at = now()
			WHERE id = :id`, rowOf(&o))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: update office: %w", err)
	}
	return changes, nil
}

// CreateOffice adds a new office; its fields go to the audit log.
func (s *Store) CreateOffice(ctx context.Context, actor staff.Actor, o directory.Office) error {
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.NamedExecContext(ctx, `INSERT INTO offices (`+officeColumns+`) VALUES (:id, :kind, :name, :provider,
			:street, :postcode, :city, :latitude, :longitude, :phone, :email, :website, :languages, :language_keys, :topics,
			:min_age, :max_age, :opening_hours, :note, :accepting_new_clients, :confirmed_at, :closed_until, :waiting_weeks,
			:note_keys, :closed_from, :serves)`, rowOf(&o)); err != nil {
			return err
		}
		_, err := auditChanges(ctx, tx, actor, nil, &o)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: create office: %w", err)
	}
	return nil
}

// SetArchived archives or restores an office.
func (s *Store) SetArchived(ctx context.Context, actor staff.Actor, id string, archived bool) error {
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE offices SET archived_at = CASE WHEN $2 THEN now() END, updated_at = now()
			WHERE id = $1 AND (archived_at IS NOT NULL) <> $2`, id, archived)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return directory.ErrNotFound
		}
		return audit(ctx, tx, actor, id, "archived", fmt.Sprint(!archived), fmt.Sprint(archived))
	})
	if errors.Is(err, directory.ErrNotFound) {
		return fmt.Errorf("store: archive %q: %w", id, err)
	}
	if err != nil {
		return fmt.Errorf("store: archive: %w", err)
	}
	return nil
}

// Audit returns audit rows, oldest first: of one office ("" for all), since a time, the
// newest limit rows (0 for all).
func (s *Store) Audit(ctx context.Context, officeID string, since time.Time, limit int) ([]staff.AuditEntry, error) {
	var rows []struct {
		ID       int64     `db:"id"`
		At       time.Time `db:"at"`
		Actor    string    `db:"actor"`
		OfficeID string    `db:"office_id"`
		Field    string    `db:"field"`
		Old      string    `db:"old_value"`
		New      string    `db:"new_value"`
	}
	err := s.db.SelectContext(ctx, &rows, `SELECT * FROM (
		SELECT id, at, actor, office_id, field, old_value, new_value FROM audit_log
		WHERE ($1 = '' OR office_id = $1) AND at >= $2
		ORDER BY id DESC LIMIT CASE WHEN $3 > 0 THEN $3 END) a ORDER BY id`, officeID, since, limit)
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	out := make([]staff.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = staff.AuditEntry{At: r.At, Actor: r.Actor, OfficeID: r.OfficeID, Field: r.Field, Old: r.Old, New: r.New}
	}
	return out, nil
}
