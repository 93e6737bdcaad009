package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/stats"
)

// campaignRows counts the conversations started from a link with a campaign tag, per day
// and tag (the started event's dimension "tag"), of the tags that started 5 conversations at
// least in the period. A tag is whatever followed /start, so it may be typed by hand (a name,
// a phone number): one too rare to be a campaign's is not shown, not even as "<5".
const campaignRows = `
WITH t AS (
	SELECT day, dims->>'tag' AS tag, count(*) AS n FROM events
	WHERE kind = 'started' AND day BETWEEN $1 AND $2 AND coalesce(dims->>'tag', '') <> ''
	GROUP BY 1, 2)
SELECT day, tag, n FROM t WHERE tag IN (SELECT tag FROM t GROUP BY tag HAVING sum(n) >= 5)
ORDER BY 1, 2`

// supplyRows reads what supply against demand needs of every office: its languages' keys,
// topics, confirmation, last reminder and how many active counsellors it has.
const supplyRows = `
SELECT o.id, o.name, o.kind, o.archived_at IS NOT NULL AS archived, o.language_keys, o.topics, o.confirmed_at,
	r.last_sent_at,
	(SELECT count(*) FROM staff_offices so JOIN staff s ON s.id = so.staff_id
	 WHERE so.office_id = o.id AND s.revoked_at IS NULL AND s.role = 'counsellor') AS counsellors
FROM offices o LEFT JOIN office_reminders r ON r.office_id = o.id
ORDER BY o.id`

// ReportData reads everything a report of the whole days from..to needs: the figures, the
// campaign tags, and the directory as it stands (asOf is today, where the offices are).
func (s *Store) ReportData(ctx context.Context, from, to, asOf time.Time) (stats.Data, error) {
	f, err := s.Figures(ctx, from, to)
	if err != nil {
		return stats.Data{}, err
	}
	d := stats.Data{Figures: f, Supply: stats.Supply{AsOf: asOf}}
	var tags []struct {
		Day time.Time `db:"day"`
		Tag string    `db:"tag"`
		N   int       `db:"n"`
	}
	if err := s.db.SelectContext(ctx, &tags, campaignRows, from, to); err != nil {
		return d, fmt.Errorf("store: campaigns: %w", err)
	}
	for _, t := range tags {
		d.Campaigns = append(d.Campaigns, stats.Row{Day: t.Day.UTC(), Dimension: "campaign", Value: t.Tag, Count: stats.Count(t.N)})
	}
	if d.Supply.Offices, err = s.supply(ctx); err != nil {
		return d, err
	}
	return d, nil
}

// supply reads every office for supply against demand.
func (s *Store) supply(ctx context.Context) ([]stats.OfficeSupply, error) {
	var rows []struct {
		ID          string         `db:"id"`
		Name        string         `db:"name"`
		Kind        string         `db:"kind"`
		Archived    bool           `db:"archived"`
		Keys        pq.StringArray `db:"language_keys"`
		Topics      pq.StringArray `db:"topics"`
		Confirmed   sql.NullTime   `db:"confirmed_at"`
		Reminded    sql.NullTime   `db:"last_sent_at"`
		Counsellors int            `db:"counsellors"`
	}
	if err := s.db.SelectContext(ctx, &rows, supplyRows); err != nil {
		return nil, fmt.Errorf("store: supply: %w", err)
	}
	out := make([]stats.OfficeSupply, len(rows))
	for i, r := range rows {
		out[i] = stats.OfficeSupply{ID: r.ID, Name: r.Name, Kind: directory.Kind(r.Kind), Archived: r.Archived,
			LanguageKeys: r.Keys, Topics: r.Topics, ConfirmedAt: dateOf(r.Confirmed), Counsellors: r.Counsellors}
		if r.Reminded.Valid {
			t := r.Reminded.Time.UTC()
			out[i].Reminded = &t
		}
	}
	return out, nil
}
