package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"golang.org/x/sync/errgroup"

	"github.com/kassel/wegweiser/internal/stats"
)

// statsRows counts events per day, dimension and value in one pass over the period.
const statsRows = `
SELECT e.day, v.dim, v.value, count(*) AS n
FROM events e,
LATERAL (VALUES
	('conversations', CASE WHEN e.kind = 'started' THEN 'all' END),
	('start', CASE WHEN e.kind = 'started' THEN e.dims->>'source' END),
	('start_language', CASE WHEN e.kind = 'started' THEN e.dims->>'lang' END),
	('results', CASE WHEN e.kind = 'result' THEN 'all' END),
	('language', CASE WHEN e.kind = 'result' THEN e.dims->>'lang' END),
	('topic', CASE WHEN e.kind = 'result' THEN e.dims->>'topic' END),
	('age_band', CASE WHEN e.kind = 'result' THEN e.dims->>'age_band' END),
	('place_given', CASE WHEN e.kind = 'result' THEN e.dims->>'place' END),
	('office', CASE WHEN e.kind = 'office_named' THEN e.dims->>'office' END),
	('service', CASE WHEN e.kind = 'service_named' THEN e.dims->>'office' END),
	('no_office', CASE WHEN e.kind = 'no_result' THEN concat(e.dims->>'topic', ' / ', e.dims->>'lang') END),
	('unrecognized_topic', CASE WHEN e.kind = 'unrecognized_topic' THEN e.dims->>'lang' END),
	('feedback', CASE WHEN e.kind = 'feedback' THEN e.dims->>'answer' END),
	('language_switched', CASE WHEN e.kind = 'language_switched' THEN e.dims->>'to' END),
	('erased', CASE WHEN e.kind = 'erased' THEN 'all' END),
	('map_shown', CASE WHEN e.kind = 'map_shown' THEN 'all' END),
	('staff_joined', CASE WHEN e.kind = 'staff_joined' THEN e.dims->>'role' END),
	('office_confirmed', CASE WHEN e.kind = 'office_confirmed' THEN 'all' END),
	('office_edited', CASE WHEN e.kind = 'office_edited' THEN e.dims->>'field' END),
	('handover_requested', CASE WHEN e.kind = 'handover_requested' THEN e.dims->>'office' END),
	('handover_taken', CASE WHEN e.kind = 'handover_taken' THEN e.dims->>'office' END),
	('handover_declined', CASE WHEN e.kind = 'handover_declined' THEN e.dims->>'office' END),
	('handover_declined_reason', CASE WHEN e.kind = 'handover_declined' THEN e.dims->>'reason' END),
	('handover_unanswered', CASE WHEN e.kind = 'handover_unanswered' THEN e.dims->>'office' END)
) AS v(dim, value)
WHERE e.day BETWEEN $1 AND $2 AND v.value IS NOT NULL AND v.value <> ''
GROUP BY 1, 2, 3
UNION ALL
SELECT day, 'completed', 'all', count(DISTINCT conversation)
FROM events WHERE kind = 'result' AND day BETWEEN $1 AND $2 GROUP BY day
ORDER BY 1, 2, 3`

// statsDropOff finds, for each conversation started in the period, the furthest step it
// reached, in one pass over the period's events.
const statsDropOff = `
SELECT step, count(*) FROM (
	SELECT conversation, max(CASE
		WHEN kind = 'result' THEN 6
		WHEN kind <> 'answered' THEN 0
		WHEN dims->>'step' = 'place' THEN 5
		WHEN dims->>'step' = 'topic' THEN 4
		WHEN dims->>'step' IN ('child', 'parent_age') THEN 3
		WHEN dims->>'step' = 'age' THEN 2
		WHEN dims->>'step' = 'language' THEN 1
		ELSE 0 END) AS step
	FROM events
	WHERE day BETWEEN $1 AND $2 AND conversation <> '' AND kind IN ('started', 'answered', 'result')
	GROUP BY conversation
	HAVING bool_or(kind = 'started')
) furthest GROUP BY step`

// Figures computes the statistics of the whole days from..to (inclusive). Its three parts run
// at once, each on a connection of its own.
func (s *Store) Figures(ctx context.Context, from, to time.Time) (stats.Figures, error) {
	f := stats.Figures{From: from, To: to, DropOff: map[string]stats.Count{}}
	var rows []struct {
		Day   time.Time `db:"day"`
		Dim   string    `db:"dim"`
		Value string    `db:"value"`
		N     int       `db:"n"`
	}
	var steps []struct {
		Step int `db:"step"`
		N    int `db:"count"`
	}
	var people int
	var approx bool
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return s.db.SelectContext(gctx, &rows, statsRows, from, to) })
	g.Go(func() error { return s.db.SelectContext(gctx, &steps, statsDropOff, from, to) })
	g.Go(func() (err error) { people, approx, err = s.people(gctx, from, to); return err })
	g.Go(func() (err error) { f.TakenWait, err = s.takenWait(gctx, from, to); return err })
	if err := g.Wait(); err != nil {
		return f, fmt.Errorf("store: statistics: %w", err)
	}
	for _, r := range rows {
		f.Rows = append(f.Rows, stats.Row{Day: r.Day.UTC(), Dimension: r.Dim, Value: r.Value, Count: stats.Count(r.N)})
		switch r.Dim {
		case "conversations":
			f.Conversations += stats.Count(r.N)
		case "completed":
			f.Completed += stats.Count(r.N)
		}
	}
	for _, st := range steps {
		f.DropOff[stats.Steps[st.Step]] = stats.Count(st.N)
	}
	f.People, f.PeopleApprox = stats.Count(people), approx
	return f, nil
}

// people counts distinct people per calendar month (the keys are per month) and adds the
// months up. For months whose keys were dropped it uses the kept counts: the whole month's
// when the period covers it, otherwise the sum of its days' (then approx is true, since a
// person seen on two days counts twice).
func (s *Store) people(ctx context.Context, from, to time.Time) (int, bool, error) {
	total, approx := 0, false
	for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(to); m = m.AddDate(0, 1, 0) {
		start, end := maxTime(m, from), minTime(m.AddDate(0, 1, -1), to)
		var live int
		if err := s.db.GetContext(ctx, &live, `SELECT count(DISTINCT person_key) FROM events
			WHERE day BETWEEN $1 AND $2 AND person_key IS NOT NULL`, start, end); err != nil {
			return 0, false, fmt.Errorf("store: people: %w", err)
		}
		var kept int
		if start.Equal(m) && end.Equal(m.AddDate(0, 1, -1)) {
			if err := s.db.GetContext(ctx, &kept, `SELECT coalesce(max(people), 0) FROM people_monthly WHERE month = $1`, m); err != nil {
				return 0, false, fmt.Errorf("store: people: %w", err)
			}
		} else {
			var days int
			if err := s.db.GetContext(ctx, &kept, `SELECT coalesce(sum(people), 0) FROM people_daily WHERE day BETWEEN $1 AND $2`, start, end); err != nil {
				return 0, false, fmt.Errorf("store: people: %w", err)
			}
			if err := s.db.GetContext(ctx, &days, `SELECT count(*) FROM people_daily WHERE day BETWEEN $1 AND $2`, start, end); err != nil {
				return 0, false, fmt.Errorf("store: people: %w", err)
			}
			approx = approx || days > 1
		}
		total += live + kept
	}
	return total, approx, nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// RollOverMonths keeps the distinct-people counts of every month before the one containing
// today (per month and per day) and drops those months' person keys. It runs in one
// transaction under a lock, so replicas running it at once do it once.
func (s *Store) RollOverMonths(ctx context.Context, today time.Time) (int64, error) {
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	var dropped int64
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('wegweiser:rollover'))`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO people_monthly (month, people)
			SELECT date_trunc('month', day)::date, count(DISTINCT person_key) FROM events
			WHERE day < $1 AND person_key IS NOT NULL GROUP BY 1
			ON CONFLICT (month) DO UPDATE SET people = people_monthly.people + EXCLUDED.people`, first); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO people_daily (day, people)
			SELECT day, count(DISTINCT person_key) FROM events
			WHERE day < $1 AND person_key IS NOT NULL GROUP BY 1
			ON CONFLICT (day) DO UPDATE SET people = people_daily.people + EXCLUDED.people`, first); err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, `UPDATE events SET person_key = NULL WHERE day < $1 AND person_key IS NOT NULL`, first)
		if err != nil {
			return err
		}
		dropped, _ = r.RowsAffected()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: month rollover: %w", err)
	}
	return dropped, nil
}
