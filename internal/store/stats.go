package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	('language_switched', CASE WHEN e.kind = 'language_switched' THEN e.dims->>'to' END),
	('erased', CASE WHEN e.kind = 'erased' THEN 'all' END),
	('map_shown', CASE WHEN e.kind = 'map_shown' THEN 'all' END),
	('staff_joined', CASE WHEN e.kind = 'staff_joined' THEN e.dims->>'role' END),
	('office_confirmed', CASE WHEN e.kind = 'office_confirmed' THEN 'all' END),
	('office_edited', CASE WHEN e.kind = 'office_edited' THEN e.dims->>'field' END)
) AS v(dim, value)
WHERE v.value IS NOT NULL AND v.value <> ''
GROUP BY 1, 2, 3
UNION ALL
SELECT day, 'completed', 'all', count(DISTINCT conversation)
FROM events WHERE kind = 'result' AND day BETWEEN $1 AND $2 GROUP BY day`

// rolledRows reads the rolled-up days $1..$2, in the order of the primary key (no sort).
const rolledRows = `SELECT day, dim, value, n FROM stats_daily WHERE day BETWEEN $1 AND $2 ORDER BY day, dim, value`

// liveRows counts the days $1..$2 from the events.
const liveRows = statsRows + ` ORDER BY 1, 2, 3`

// figuresDropOff adds up where the conversations started in $3..$4 stopped: the rolled-up
// changes up to $5 and those of the days $1..$2 from the events.
const figuresDropOff = `
SELECT step, sum(n) AS n FROM (
	SELECT step, n FROM stats_dropoff_daily WHERE started BETWEEN $3 AND $4 AND day <= $5
	UNION ALL
	SELECT step, n FROM (` + statsDropOff + `) live WHERE started BETWEEN $3 AND $4
) changes GROUP BY step HAVING sum(n) <> 0`

// figuresPeople gives what people counts need, for the days $1..$2: the distinct person
// keys per calendar month (of the rolled-up days $1..$3 from people_days, of the days
// $4..$2 from the events), and the counts kept for closed months, per month and per day.
const figuresPeople = `
SELECT 'keys' AS part, month AS day, count(*) AS n FROM (
	SELECT DISTINCT date_trunc('month', day)::date AS month, person_key FROM (
		SELECT day, person_key FROM people_days WHERE day BETWEEN $1 AND $3
		UNION ALL
		SELECT day, person_key FROM events WHERE day BETWEEN $4 AND $2 AND person_key IS NOT NULL
	) keys
) people GROUP BY month
UNION ALL
SELECT 'month', month, people FROM people_monthly WHERE month BETWEEN date_trunc('month', $1::date) AND $2
UNION ALL
SELECT 'day', day, people FROM people_daily WHERE day BETWEEN $1 AND $2`

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

// rolledUntil returns the first day the roll-ups do not cover, or zero when none is rolled up.
func rolledUntil(ctx context.Context, q sqlx.QueryerContext) (time.Time, error) {
	var until time.Time
	err := sqlx.GetContext(ctx, q, &until, `SELECT rolled_until FROM stats_rollup`)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return until.UTC(), err
}

// dayRow is a row of the statistics as the queries return it.
type dayRow struct {
	Day   time.Time `db:"day"`
	Dim   string    `db:"dim"`
	Value string    `db:"value"`
	N     int       `db:"n"`
}

// Figures computes the statistics of the whole days from..to (inclusive): the rolled-up days
// from the roll-ups, the others from the events. Its queries read one snapshot, in one
// read-only transaction, without parallel workers: the queries are small, and starting
// workers would take longer than they do.
func (s *Store) Figures(ctx context.Context, from, to time.Time) (stats.Figures, error) {
	f := stats.Figures{From: from, To: to, DropOff: map[string]stats.Count{}}
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return f, fmt.Errorf("store: statistics: %w", err)
	}
	defer func() { _ = tx.Rollback() }() // read only: nothing to keep
	if err := figures(ctx, tx, &f); err != nil {
		return f, fmt.Errorf("store: statistics: %w", err)
	}
	return f, nil
}

// figures fills in f for its days.
func figures(ctx context.Context, tx *sqlx.Tx, f *stats.Figures) error {
	if _, err := tx.ExecContext(ctx, `SET LOCAL max_parallel_workers_per_gather = 0`); err != nil {
		return err
	}
	until, err := rolledUntil(ctx, tx)
	if err != nil {
		return err
	}
	sp := spanOf(f.From, f.To, until)
	var rolled, live []dayRow
	if err := tx.SelectContext(ctx, &rolled, rolledRows, sp.from, sp.rolledTo); err != nil {
		return err
	}
	if err := tx.SelectContext(ctx, &live, liveRows, sp.liveFrom, sp.to); err != nil {
		return err
	}
	// Every rolled-up day comes before every live one: together they are in order.
	if n := len(rolled) + len(live); n > 0 {
		f.Rows = make([]stats.Row, 0, n)
	}
	for _, r := range append(rolled, live...) {
		f.Rows = append(f.Rows, stats.Row{Day: r.Day.UTC(), Dimension: r.Dim, Value: r.Value, Count: stats.Count(r.N)})
		switch r.Dim {
		case "conversations":
			f.Conversations += stats.Count(r.N)
		case "completed":
			f.Completed += stats.Count(r.N)
		}
	}
	var steps []struct {
		Step int `db:"step"`
		N    int `db:"n"`
	}
	if err := tx.SelectContext(ctx, &steps, figuresDropOff, sp.liveFrom, sp.to, sp.from, sp.to, sp.rolledTo); err != nil {
		return err
	}
	for _, st := range steps {
		f.DropOff[stats.Steps[st.Step]] = stats.Count(st.N)
	}
	people, approx, err := countPeople(ctx, tx, f.From, f.To, sp)
	f.People, f.PeopleApprox = stats.Count(people), approx
	return err
}

// countPeople counts distinct people per calendar month (the keys are per month) and adds the
// months up. For months whose keys were dropped it uses the kept counts: the whole month's
// when the period covers it, otherwise the sum of its days' (then approx is true, since a
// person seen on two days counts twice).
func countPeople(ctx context.Context, tx *sqlx.Tx, from, to time.Time, sp span) (int, bool, error) {
	var parts []struct {
		Part string    `db:"part"`
		Day  time.Time `db:"day"`
		N    int       `db:"n"`
	}
	if err := tx.SelectContext(ctx, &parts, figuresPeople, sp.from, sp.to, sp.rolledTo, sp.liveFrom); err != nil {
		return 0, false, fmt.Errorf("people: %w", err)
	}
	keys, months := map[time.Time]int{}, map[time.Time]int{}
	var days []dayCount
	for _, p := range parts {
		switch d := p.Day.UTC(); p.Part {
		case "keys":
			keys[d] = p.N
		case "month":
			months[d] = p.N
		default:
			days = append(days, dayCount{d, p.N})
		}
	}
	total, approx := 0, false
	for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(to); m = m.AddDate(0, 1, 0) {
		first, last := m, m.AddDate(0, 1, -1)
		total += keys[m]
		if !from.After(first) && !to.Before(last) {
			total += months[m]
			continue
		}
		n, kept := keptDays(days, maxTime(first, from), minTime(last, to))
		total += n
		approx = approx || kept > 1
	}
	return total, approx, nil
}

// dayCount is the distinct people of a day of a closed month.
type dayCount struct {
	day    time.Time
	people int
}

// keptDays sums the kept counts of the days from..to and says how many days had one.
func keptDays(days []dayCount, from, to time.Time) (people, kept int) {
	for _, d := range days {
		if !d.day.Before(from) && !d.day.After(to) {
			people += d.people
			kept++
		}
	}
	return people, kept
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
