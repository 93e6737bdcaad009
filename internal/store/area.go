package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
)

// areaAuditID is the office id under which changes of the service area are written to the
// audit log: it cannot be an office's id (those are lower-case letters, digits and dashes).
const areaAuditID = staff.AreaAuditID

type areaRow struct {
	Name      string         `db:"name"`
	Names     []byte         `db:"names"`
	Latitude  float64        `db:"latitude"`
	Longitude float64        `db:"longitude"`
	State     string         `db:"state"`
	Postcodes pq.StringArray `db:"postcodes"`
	RadiusKm  float64        `db:"radius_km"`
	Districts pq.StringArray `db:"districts"`
	Villages  []byte         `db:"villages"`
	Arrival   pq.StringArray `db:"arrival"`
}

// Area returns the area the directory serves, or an error wrapping directory.ErrNotFound when
// none was set yet.
func (s *Store) Area(ctx context.Context) (area.Area, error) {
	var r areaRow
	err := s.db.GetContext(ctx, &r, `SELECT name, names, latitude, longitude, state, postcodes, radius_km, districts, villages, arrival FROM service_area`)
	if errors.Is(err, sql.ErrNoRows) {
		return area.Area{}, fmt.Errorf("store: service area: %w", directory.ErrNotFound)
	}
	if err != nil {
		return area.Area{}, fmt.Errorf("store: service area: %w", err)
	}
	a := area.Area{Name: r.Name, Latitude: r.Latitude, Longitude: r.Longitude, State: r.State,
		Postcodes: []string(r.Postcodes), RadiusKm: r.RadiusKm, Districts: []string(r.Districts), Arrival: []string(r.Arrival)}
	if err := json.Unmarshal(r.Names, &a.Names); err != nil {
		return area.Area{}, fmt.Errorf("store: service area names: %w", err)
	}
	if err := json.Unmarshal(r.Villages, &a.Villages); err != nil {
		return area.Area{}, fmt.Errorf("store: service area villages: %w", err)
	}
	if len(a.Villages) == 0 {
		a.Villages = nil
	}
	if len(a.Names) == 0 {
		a.Names = nil
	}
	if len(a.Postcodes) == 0 {
		a.Postcodes = nil
	}
	if len(a.Districts) == 0 {
		a.Districts = nil
	}
	if len(a.Arrival) == 0 {
		a.Arrival = nil
	}
	return a, nil
}

// SetArea replaces the area the directory serves (after validating it) and writes each
// changed field to the audit log as actor's. It reports whether anything changed.
func (s *Store) SetArea(ctx context.Context, actor staff.Actor, a area.Area) (bool, error) {
	if err := a.Validate(); err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	old, err := s.Area(ctx)
	if err != nil && !errors.Is(err, directory.ErrNotFound) {
		return false, err
	}
	names, err := json.Marshal(nonNilMap(a.Names))
	if err != nil {
		return false, fmt.Errorf("store: service area names: %w", err)
	}
	villages, err := json.Marshal(nonNilMap(a.Villages))
	if err != nil {
		return false, fmt.Errorf("store: service area villages: %w", err)
	}
	changed := false
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		for _, f := range areaFields {
			if o, n := f.value(old), f.value(a); o != n {
				changed = true
				if err := audit(ctx, tx, actor, areaAuditID, f.name, o, n); err != nil {
					return err
				}
			}
		}
		if !changed {
			return nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO service_area (name, names, latitude, longitude, state, postcodes, radius_km, districts, villages, arrival)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, names = EXCLUDED.names, latitude = EXCLUDED.latitude,
				longitude = EXCLUDED.longitude, state = EXCLUDED.state, postcodes = EXCLUDED.postcodes,
				radius_km = EXCLUDED.radius_km, districts = EXCLUDED.districts, villages = EXCLUDED.villages,
				arrival = EXCLUDED.arrival, updated_at = now()`,
			a.Name, string(names), a.Latitude, a.Longitude, a.State, pq.StringArray(nonNil(a.Postcodes)), a.RadiusKm,
			pq.StringArray(nonNil(a.Districts)), string(villages), pq.StringArray(nonNil(a.Arrival)))
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: set service area: %w", err)
	}
	return changed, nil
}

// areaFields are the fields of an area as the audit log names and writes them.
var areaFields = []struct {
	name  string
	value func(area.Area) string
}{
	{"name", func(a area.Area) string { return a.Name }},
	{"names", func(a area.Area) string {
		if len(a.Names) == 0 {
			return ""
		}
		b, _ := json.Marshal(a.Names) // map keys are written sorted
		return string(b)
	}},
	{"latitude", func(a area.Area) string { return floatText(a.Latitude) }},
	{"longitude", func(a area.Area) string { return floatText(a.Longitude) }},
	{"state", func(a area.Area) string { return a.State }},
	{"postcodes", func(a area.Area) string { return strings.Join(a.Postcodes, " ") }},
	{"radius_km", func(a area.Area) string { return floatText(a.RadiusKm) }},
	{"districts", func(a area.Area) string { return strings.Join(a.Districts, ", ") }},
	{"villages", func(a area.Area) string {
		if len(a.Villages) == 0 {
			return ""
		}
		b, _ := json.Marshal(a.Villages) // map keys are written sorted
		return string(b)
	}},
	{"arrival", func(a area.Area) string { return strings.Join(a.Arrival, ", ") }},
}

// AreaFields are the names the audit log gives an area's fields, for the labels that name them.
func AreaFields() []string {
	out := make([]string, len(areaFields))
	for i, f := range areaFields {
		out[i] = f.name
	}
	return out
}

func floatText(f float64) string {
	if f == 0 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
