package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/kassel/wegweiser/internal/stats"
)

// The statistics come from two places: the days before the roll-ups' reach (stats_rollup)
// from the daily roll-up tables (rollup.go), the later days (today, and any day the nightly
// job has not rolled up yet) from the events. Both give the same figures (see
// TestRollUpsGiveTheSameFigures).

// statsRows counts the events of the days $1..$2 per day, dimension and value, in one pass
// over those days (events alike are counted first, so that each kind of event is taken apart
// once). It is what a day's roll-up in stats_daily holds.
const statsRows = `
SELECT e.day, v.dim, v.value, sum(e.n)::bigint AS n
FROM (SELECT day, kind, dims, count(*) AS n FROM events WHERE day BETWEEN $1 AND $2 GROUP BY day, kind, dims) e,
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
	('feedback_reason', CASE WHEN e.kind = 'feedback_reason' THEN e.dims->>'reason' END),
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
WHERE v.value IS NOT NULL AND v.value <> ''
GROUP BY 1, 2, 3
UNION ALL
SELECT day, 'completed', 'all', count(DISTINCT conversation)
FROM events WHERE kind = 'result' AND day BETWEEN $1 AND $2 GROUP BY day`

// figuresQuery gives everything Figures needs, in one statement (one snapshot), for the
// days $3..$2, of which $3..$4 are rolled up and $1..$2 are not:
//
//	row    per day, dimension and value (day, dim, value, n): from stats_daily for the
//	       rolled-up days, from the events for the others
//	step   where the conversations started in the period stopped (value: the index in
//	       stats.Steps, n): the rolled-up changes and those of the days not rolled up
//	keys   distinct people per calendar month (day: the month's first): the person keys of
//	       the rolled-up days from people_days, of the others from the events
//	month  the kept count of a closed month (day: its first)
//	day    the kept count of a day of a closed month
const figuresQuery = `
SELECT 'row' AS part, day, dim, value, n FROM stats_daily WHERE day BETWEEN $3 AND $4
UNION ALL
SELECT 'row', day, dim, value, n FROM (` + statsRows + `) live
UNION ALL
SELECT 'step', $3::date, '', step::text, sum(n) FROM (
	SELECT step, n FROM stats_dropoff_daily WHERE started BETWEEN $3 AND $2 AND day <= $4
	UNION ALL
	SELECT step, n FROM (` + statsDropOff + `) live WHERE started BETWEEN $3 AND $2
) changes GROUP BY step HAVING sum(n) <> 0
UNION ALL
SELECT 'keys', month, '', '', count(*) FROM (
	SELECT DISTINCT date_trunc('month', day::timestamp)::date AS month, person_key FROM (
		SELECT day, person_key FROM people_days WHERE day BETWEEN $3 AND $4
		UNION ALL
		SELECT day, person_key FROM events WHERE day BETWEEN $1 AND $2 AND person_key IS NOT NULL
	) keys
) people GROUP BY month
UNION ALL
SELECT 'month', month, '', '', people FROM people_monthly
WHERE month BETWEEN date_trunc('month', $3::date::timestamp)::date AND $2
UNION ALL
SELECT 'day', day, '', '', people FROM people_daily WHERE day BETWEEN $3 AND $2`

// span is how Figures splits the period from..to (dates as parameters): the days
// from..rolledTo from the roll-ups, the days liveFrom..to from the events (either part may
// be empty: its first day after its last).
type span struct {
	from, to, rolledTo, liveFrom string
}

// date writes a day for a date parameter, independent of the session's time zone.
func date(t time.Time) string { return t.Format(time.DateOnly) }

// spanOf splits from..to at until, the first day not rolled up (zero: none is).
func spanOf(from, to, until time.Time) span {
	if until.IsZero() || !until.After(from) {
		return span{from: date(from), to: date(to), rolledTo: date(from.AddDate(0, 0, -1)), liveFrom: date(from)}
	}
	rolledTo := until.AddDate(0, 0, -1)
	if rolledTo.After(to) {
		rolledTo = to
	}
	return span{from: date(from), to: date(to), rolledTo: date(rolledTo), liveFrom: date(until)}
}

// figureRow is a row of figuresQuery.
type figureRow struct {
	Part, Dim, Value string
	Day              time.Time
	N                int
}

// Figures computes the statistics of the whole days from..to (inclusive): the rolled-up days
// from the roll-ups, the others from the events. It reads one snapshot in one read-only
// transaction, without parallel workers or JIT compilation: the query is small, and starting
// workers or compiling it would take longer than running it.
func (s *Store) Figures(ctx context.Context, from, to time.Time) (stats.Figures, error) {
	f := stats.Figures{From: from, To: to, DropOff: map[string]stats.Count{}}
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return f, fmt.Errorf("store: statistics: %w", err)
	}
	defer func() { _ = tx.Rollback() }() // read only: nothing to keep
	var workers, jit string
	var until sql.NullTime
	if err := tx.QueryRowContext(ctx, `SELECT set_config('max_parallel_workers_per_gather', '0', true),
		set_config('jit', 'off', true), `+rolledUntilSQL).Scan(&workers, &jit, &until); err != nil {
		return f, fmt.Errorf("store: statistics: %w", err)
	}
	sp := spanOf(from, to, until.Time.UTC())
	if err := readFigures(ctx, tx, sp, &f); err != nil {
		return f, fmt.Errorf("store: statistics: %w", err)
	}
	if f.TakenWait, err = takenWait(ctx, tx, from, to); err != nil {
		return f, err
	}
	return f, nil
}

// readFigures runs figuresQuery for sp and puts its rows into f. It scans the rows itself:
// a year has some ten thousand, and scanning them by reflection took longer than the query.
func readFigures(ctx context.Context, tx *sqlx.Tx, sp span, f *stats.Figures) error {
	rows, err := tx.QueryContext(ctx, figuresQuery, sp.liveFrom, sp.to, sp.from, sp.rolledTo)
	if err != nil {
		return err
	}
	defer rows.Close()
	p := people{keys: map[time.Time]int{}, months: map[time.Time]int{}}
	for rows.Next() {
		var r figureRow
		if err := rows.Scan(&r.Part, &r.Day, &r.Dim, &r.Value, &r.N); err != nil {
			return err
		}
		if err := add(f, &p, &r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	sortRows(f.Rows)
	n, approx := p.count(f.From, f.To)
	f.People, f.PeopleApprox = stats.Count(n), approx
	return nil
}

// add puts one row of figuresQuery into f or p.
func add(f *stats.Figures, p *people, r *figureRow) error {
	day := r.Day.UTC()
	switch r.Part {
	case "row":
		f.Rows = append(f.Rows, stats.Row{Day: day, Dimension: r.Dim, Value: r.Value, Count: stats.Count(r.N)})
		switch r.Dim {
		case "conversations":
			f.Conversations += stats.Count(r.N)
		case "completed":
			f.Completed += stats.Count(r.N)
		}
	case "step":
		step, err := strconv.Atoi(r.Value)
		if err != nil || step < 0 || step >= len(stats.Steps) {
			return fmt.Errorf("step %q", r.Value)
		}
		f.DropOff[stats.Steps[step]] = stats.Count(r.N)
	case "keys":
		p.keys[day] = r.N
	case "month":
		p.months[day] = r.N
	case "day":
		p.days = append(p.days, dayCount{day, r.N})
	}
	return nil
}

// sortRows sorts rows by day, dimension and value (bytewise: the same in every database).
func sortRows(rows []stats.Row) {
	sort.Slice(rows, func(i, j int) bool {
		a, b := &rows[i], &rows[j]
		if !a.Day.Equal(b.Day) {
			return a.Day.Before(b.Day)
		}
		if a.Dimension != b.Dimension {
			return a.Dimension < b.Dimension
		}
		return a.Value < b.Value
	})
}

// people holds what the people count of a period is made of: the distinct person keys per
// month, and the counts kept for closed months, per month and per day.
type people struct {
	keys, months map[time.Time]int
	days         []dayCount
}

// count counts distinct people per calendar month (the keys are per month) and adds the
// months up. For months whose keys were dropped it uses the kept counts: the whole month's
// when the period covers it, otherwise the sum of its days' (then approx is true, since a
// person seen on two days counts twice).
func (p *people) count(from, to time.Time) (int, bool) {
	total, approx := 0, false
	for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(to); m = m.AddDate(0, 1, 0) {
		first, last := m, m.AddDate(0, 1, -1)
		total += p.keys[m]
		if !from.After(first) && !to.Before(last) {
			total += p.months[m]
			continue
		}
		n, kept := keptDays(p.days, maxTime(first, from), minTime(last, to))
		total += n
		approx = approx || kept > 1
	}
	return total, approx
}

// dayCount is the distinct people of a day of a closed month.
type dayCount struct {
	day    time.Time
	people int
}

// keptDays sums the kept counts of the days from..to and says how many days had one.
func keptDays(days []dayCount, from, to time.Time) (n, kept int) {
	for _, d := range days {
		if !d.day.Before(from) && !d.day.After(to) {
			n += d.people
			kept++
		}
	}
	return n, kept
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
// today (per month and per day) and drops those months' person keys, from the events and
// the roll-ups. It runs in one transaction under the lock of the roll-ups, so replicas
// running it at once do it once.
func (s *Store) RollOverMonths(ctx context.Context, today time.Time) (int64, error) {
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	var dropped int64
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := lockStatistics(ctx, tx); err != nil {
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
		if _, err := tx.ExecContext(ctx, `DELETE FROM people_days WHERE day < $1`, first); err != nil {
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
