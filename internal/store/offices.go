package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
)

// officeRow is an office as the offices table holds it.
type officeRow struct {
	ID                  string          `db:"id"`
	Kind                string          `db:"kind"`
	Name                string          `db:"name"`
	Provider            string          `db:"provider"`
	Street              string          `db:"street"`
	Postcode            string          `db:"postcode"`
	City                string          `db:"city"`
	Latitude            sql.NullFloat64 `db:"latitude"`
	Longitude           sql.NullFloat64 `db:"longitude"`
	Phone               string          `db:"phone"`
	Email               string          `db:"email"`
	Website             string          `db:"website"`
	Languages           pq.StringArray  `db:"languages"`
	LanguageKeys        pq.StringArray  `db:"language_keys"`
	Topics              pq.StringArray  `db:"topics"`
	MinAge              sql.NullInt32   `db:"min_age"`
	MaxAge              sql.NullInt32   `db:"max_age"`
	OpeningHours        string          `db:"opening_hours"`
	Note                string          `db:"note"`
	AcceptingNewClients sql.NullBool    `db:"accepting_new_clients"`
	ConfirmedAt         sql.NullTime    `db:"confirmed_at"`
	ClosedUntil         sql.NullTime    `db:"closed_until"`
	ClosedFrom          sql.NullTime    `db:"closed_from"`
	WaitingWeeks        sql.NullInt32   `db:"waiting_weeks"`
	NoteKeys            pq.StringArray  `db:"note_keys"`
	Serves              pq.StringArray  `db:"serves"`
	Archived            bool            `db:"archived"`
}

const officeColumns = `id, kind, name, provider, street, postcode, city, latitude, longitude, phone,
	email, website, languages, language_keys, topics, min_age, max_age, opening_hours, note,
	accepting_new_clients, confirmed_at, closed_until, waiting_weeks, note_keys, closed_from, serves`

// officeSelect reads an office with its archived flag.
const officeSelect = officeColumns + `, archived_at IS NOT NULL AS archived`

func (r *officeRow) office() directory.Office {
	o := directory.Office{
		ID: r.ID, Kind: directory.Kind(r.Kind), Name: r.Name, Provider: r.Provider,
		Street: r.Street, Postcode: r.Postcode, City: r.City, Phone: r.Phone, Email: r.Email,
		Website: r.Website, Languages: []string(r.Languages), OpeningHours: r.OpeningHours,
		Note: r.Note, Archived: r.Archived, NoteKeys: []string(r.NoteKeys), Serves: []string(r.Serves),
	}
	if o.Languages == nil {
		o.Languages = []string{}
	}
	if o.NoteKeys == nil {
		o.NoteKeys = []string{}
	}
	if o.Serves == nil {
		o.Serves = []string{}
	}
	if r.WaitingWeeks.Valid {
		n := int(r.WaitingWeeks.Int32)
		o.Waiting = &n
	}
	o.ClosedUntil, o.ClosedFrom = dateOf(r.ClosedUntil), dateOf(r.ClosedFrom)
	o.Topics = make([]directory.Topic, len(r.Topics))
	for i, t := range r.Topics {
		o.Topics[i] = directory.Topic(t)
	}
	if r.Latitude.Valid && r.Longitude.Valid {
		o.Latitude, o.Longitude = &r.Latitude.Float64, &r.Longitude.Float64
	}
	if r.MinAge.Valid {
		n := int(r.MinAge.Int32)
		o.MinAge = &n
	}
	if r.MaxAge.Valid {
		n := int(r.MaxAge.Int32)
		o.MaxAge = &n
	}
	if r.AcceptingNewClients.Valid {
		o.AcceptingNewClients = &r.AcceptingNewClients.Bool
	}
	o.ConfirmedAt = dateOf(r.ConfirmedAt)
	return o
}

// dateOf reads a date column as midnight UTC, or nil.
func dateOf(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	d := time.Date(t.Time.Year(), t.Time.Month(), t.Time.Day(), 0, 0, 0, 0, time.UTC)
	return &d
}

func rowOf(o *directory.Office) officeRow {
	r := officeRow{
		ID: o.ID, Kind: string(o.Kind), Name: o.Name, Provider: o.Provider, Street: o.Street,
		Postcode: o.Postcode, City: o.City, Phone: o.Phone, Email: o.Email, Website: o.Website,
		Languages: pq.StringArray(nonNil(o.Languages)), LanguageKeys: pq.StringArray(directory.LanguageKeys(o.Languages)),
		OpeningHours: o.OpeningHours, Note: o.Note, NoteKeys: pq.StringArray(nonNil(o.NoteKeys)),
		Serves: pq.StringArray(nonNil(o.Serves)),
	}
	if o.ClosedUntil != nil {
		r.ClosedUntil = sql.NullTime{Time: *o.ClosedUntil, Valid: true}
	}
	if o.ClosedFrom != nil {
		r.ClosedFrom = sql.NullTime{Time: *o.ClosedFrom, Valid: true}
	}
	if o.Waiting != nil {
		r.WaitingWeeks = sql.NullInt32{Int32: int32(*o.Waiting), Valid: true}
	}
	r.Topics = pq.StringArray{}
	for _, t := range o.Topics {
		r.Topics = append(r.Topics, string(t))
	}
	if o.HasPosition() {
		r.Latitude = sql.NullFloat64{Float64: *o.Latitude, Valid: true}
		r.Longitude = sql.NullFloat64{Float64: *o.Longitude, Valid: true}
	}
	if o.MinAge != nil {
		r.MinAge = sql.NullInt32{Int32: int32(*o.MinAge), Valid: true}
	}
	if o.MaxAge != nil {
		r.MaxAge = sql.NullInt32{Int32: int32(*o.MaxAge), Valid: true}
	}
	if o.AcceptingNewClients != nil {
		r.AcceptingNewClients = sql.NullBool{Bool: *o.AcceptingNewClients, Valid: true}
	}
	if o.ConfirmedAt != nil {
		r.ConfirmedAt = sql.NullTime{Time: *o.ConfirmedAt, Valid: true}
	}
	return r
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Offices returns the offices, ordered by id: the active ones, or with archived all of them.
func (s *Store) Offices(ctx context.Context, archived bool) ([]directory.Office, error) {
	var rows []officeRow
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+officeSelect+` FROM offices WHERE $1 OR archived_at IS NULL ORDER BY id`, archived); err != nil {
		return nil, fmt.Errorf("store: offices: %w", err)
	}
	out := make([]directory.Office, len(rows))
	for i := range rows {
		out[i] = rows[i].office()
	}
	return out, nil
}

// Office returns one office (archived ones too: see Office.Archived), or an error wrapping
// directory.ErrNotFound.
func (s *Store) Office(ctx context.Context, id string) (directory.Office, error) {
	var r officeRow
	err := s.db.GetContext(ctx, &r, `SELECT `+officeSelect+` FROM offices WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return directory.Office{}, fmt.Errorf("store: office %q: %w", id, directory.ErrNotFound)
	}
	if err != nil {
		return directory.Office{}, fmt.Errorf("store: office: %w", err)
	}
	return r.office(), nil
}

// CountOffices returns how many offices the directory holds, archived ones included.
func (s *Store) CountOffices(ctx context.Context) (int, error) {
	var n int
	if err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM offices`); err != nil {
		return 0, fmt.Errorf("store: count offices: %w", err)
	}
	return n, nil
}

// ImportResult says what an import changed.
type ImportResult struct {
	Inserted, Updated, Unchanged, Archived int
}

const upsertOffice = `INSERT INTO offices (` + officeColumns + `)
VALUES (:id, :kind, :name, :provider, :street, :postcode, :city, :latitude, :longitude, :phone,
	:email, :website, :languages, :language_keys, :topics, :min_age, :max_age, :opening_hours, :note,
	:accepting_new_clients, :confirmed_at, :closed_until, :waiting_weeks, :note_keys, :closed_from, :serves)
ON CONFLICT (id) DO UPDATE SET
	kind = EXCLUDED.kind, name = EXCLUDED.name, provider = EXCLUDED.provider,
	street = EXCLUDED.street, postcode = EXCLUDED.postcode, city = EXCLUDED.city,
	latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, phone = EXCLUDED.phone,
	email = EXCLUDED.email, website = EXCLUDED.website, languages = EXCLUDED.languages,
	language_keys = EXCLUDED.language_keys, topics = EXCLUDED.topics,
	min_age = EXCLUDED.min_age, max_age = EXCLUDED.max_age,
	opening_hours = EXCLUDED.opening_hours, note = EXCLUDED.note,
	accepting_new_clients = EXCLUDED.accepting_new_clients,
	confirmed_at = EXCLUDED.confirmed_at, closed_until = EXCLUDED.closed_until, closed_from = EXCLUDED.closed_from,
	waiting_weeks = EXCLUDED.waiting_weeks, note_keys = EXCLUDED.note_keys, serves = EXCLUDED.serves,
	archived_at = NULL, updated_at = now()`

// ImportOffices inserts or updates offices by id in one transaction, writing every change to
// the audit log as the import's; an archived office in the list is restored. With replace,
// offices missing from the list are archived (kept for the audit log and staff bindings, never
// shown to newcomers). Either everything is applied or nothing.
func (s *Store) ImportOffices(ctx context.Context, offices []directory.Office, replace bool) (ImportResult, error) {
	return s.ImportOfficesAs(ctx, staff.ImportActor, offices, replace)
}

// ImportOfficesAs is ImportOffices with the changes written to the audit log as actor's (a
// staff member importing in the web console).
func (s *Store) ImportOfficesAs(ctx context.Context, actor staff.Actor, offices []directory.Office, replace bool) (ImportResult, error) {
	var res ImportResult
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		existing := map[string]directory.Office{}
		var rows []officeRow
		if err := tx.SelectContext(ctx, &rows, `SELECT `+officeSelect+` FROM offices FOR UPDATE`); err != nil {
			return err
		}
		for i := range rows {
			existing[rows[i].ID] = rows[i].office()
		}
		keep := make([]string, 0, len(offices))
		for i := range offices {
			o := &offices[i]
			keep = append(keep, o.ID)
			old, had := existing[o.ID]
			if had {
				directory.CarryClosureStart(&old, o)
			}
			if had && !old.Archived && recordEqual(&old, o) {
				res.Unchanged++
				continue
			}
			if _, err := tx.NamedExecContext(ctx, upsertOffice, rowOf(o)); err != nil {
				return fmt.Errorf("office %s: %w", o.ID, err)
			}
			var oldp *directory.Office
			if had {
				res.Updated++
				oldp = &old
			} else {
				res.Inserted++
			}
			if _, err := auditChanges(ctx, tx, actor, oldp, o); err != nil {
				return err
			}
		}
		if replace {
			var archived []string
			err := tx.SelectContext(ctx, &archived, `UPDATE offices SET archived_at = now(), updated_at = now()
				WHERE archived_at IS NULL AND NOT (id = ANY($1)) RETURNING id`, pq.StringArray(keep))
			if err != nil {
				return err
			}
			for _, id := range archived {
				if err := audit(ctx, tx, actor, id, "archived", "false", "true"); err != nil {
					return err
				}
			}
			res.Archived = len(archived)
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("store: import: %w", err)
	}
	return res, nil
}

func recordEqual(a, b *directory.Office) bool {
	return slices.Equal(directory.Record(a), directory.Record(b))
}

func (s *Store) inTx(ctx context.Context, fn func(*sqlx.Tx) error) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		// A panic in fn must not leave the transaction, and its row locks, open.
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// DirectorySnapshot reads every office, archived ones too, and the directory version they
// are at. The version is read first: should an office change in between, the copy is newer
// than its version says and is read again at the next turn, never older.
func (s *Store) DirectorySnapshot(ctx context.Context) (*directory.Snapshot, error) {
	var version int64
	if err := s.db.GetContext(ctx, &version, `SELECT version FROM directory_version WHERE id = 1`); err != nil {
		return nil, fmt.Errorf("store: directory version: %w", err)
	}
	offices, err := s.Offices(ctx, true)
	if err != nil {
		return nil, err
	}
	return directory.NewSnapshot(offices, version), nil
}
