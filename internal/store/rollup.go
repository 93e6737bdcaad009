package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// stepOf ranks an event's step for "where people stop": the index in stats.Steps.
const stepOf = `CASE
		WHEN kind = 'result' THEN 6
		WHEN kind <> 'answered' THEN 0
		WHEN dims->>'step' = 'place' THEN 5
		WHEN dims->>'step' = 'topic' THEN 4
		WHEN dims->>'step' IN ('child', 'parent_age') THEN 3
		WHEN dims->>'step' = 'age' THEN 2
		WHEN dims->>'step' = 'language' THEN 1
		ELSE 0 END`

// statsDropOff gives, for the days $1..$2, the changes in how far conversations got (the rows
// of stats_dropoff_daily): on the day a conversation starts, +1 at the step it reaches that
// day; on each later day it gets further, -1 at the step it had and +1 at the new one. A
// conversation's events begin with its started event (the runner gives every start a new
// conversation id), so only conversations that started before $1 need their earlier events,
// found through the conversation index.
const statsDropOff = `
WITH day_max AS (
	SELECT conversation, day, max(` + stepOf + `) AS step, bool_or(kind = 'started') AS started
	FROM events
	WHERE day BETWEEN $1 AND $2 AND conversation <> '' AND kind IN ('started', 'answered', 'result')
	GROUP BY conversation, day
), earlier AS (
	SELECT c.conversation, x.step, x.started
	FROM (SELECT conversation FROM day_max GROUP BY conversation HAVING NOT bool_or(started)) c,
	LATERAL (
		SELECT max(` + stepOf + `) AS step, min(day) FILTER (WHERE kind = 'started') AS started
		FROM events e
		WHERE e.conversation = c.conversation AND e.conversation <> '' AND e.day < $1
			AND e.kind IN ('started', 'answered', 'result')
	) x
), running AS (
	SELECT d.day, coalesce(e.started, min(d.day) FILTER (WHERE d.started) OVER c) AS started,
		greatest(e.step, max(d.step) OVER (c ORDER BY d.day)) AS reached,
		greatest(e.step, max(d.step) OVER (c ORDER BY d.day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) AS was
	FROM day_max d LEFT JOIN earlier e USING (conversation)
	WINDOW c AS (PARTITION BY d.conversation)
)
SELECT started, day, step, sum(n) AS n FROM (
	SELECT started, day, reached AS step, 1 AS n FROM running
	WHERE day = started OR (day > started AND reached > was)
	UNION ALL
	SELECT started, day, was, -1 FROM running WHERE day > started AND reached > was
) changes GROUP BY 1, 2, 3 HAVING sum(n) <> 0`

// RollUp rolls up the events of every day before `before` that is not rolled up yet (on
// the first run, every day since the first event; after a reset of stats_rollup, every day
// not rolled up for good, see UnlinkEnded) and returns how many days it rolled up.
// From then on those days' figures come from the roll-ups. The caller passes the first day
// that may still get events (today, where the offices are). It runs in one transaction under
// a lock, so replicas running it at once roll each day up once.
func (s *Store) RollUp(ctx context.Context, before time.Time) (int, error) {
	before, days := dayOf(before), 0
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := lockStatistics(ctx, tx); err != nil {
			return err
		}
		from, err := rolledUntil(ctx, tx)
		if err != nil {
			return err
		}
		if from.IsZero() {
			if err := tx.GetContext(ctx, &from, `SELECT coalesce(min(day), $1::date) FROM events`, date(before)); err != nil {
				return err
			}
		}
		from = from.UTC()
		if !from.Before(before) {
			return nil
		}
		days = daysBetween(from, before)
		return rollUpDays(ctx, tx, from, before)
	})
	if err != nil {
		return 0, fmt.Errorf("store: roll-up: %w", err)
	}
	return days, nil
}

// RecomputeRollUps rolls up again, from the events, the rolled-up days from `from` to the
// last (an event added to a day already rolled up may change how far later days'
// conversations got), but none rolled up for good (UnlinkEnded). It replaces those days'
// roll-ups, so it may run any number of times, and returns how many days it recomputed.
func (s *Store) RecomputeRollUps(ctx context.Context, from time.Time) (int, error) {
	from, days := dayOf(from), 0
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := lockStatistics(ctx, tx); err != nil {
			return err
		}
		final, err := finalUntil(ctx, tx)
		if err != nil {
			return err
		}
		if from.Before(final) {
			from = final
		}
		until, err := rolledUntil(ctx, tx)
		if err != nil || !from.Before(until) {
			return err
		}
		days = daysBetween(from, until)
		return rollUpDays(ctx, tx, from, until)
	})
	if err != nil {
		return 0, fmt.Errorf("store: recompute roll-ups: %w", err)
	}
	return days, nil
}

// rolledUntilSQL is the first day the roll-ups do not cover (NULL when none is rolled up):
// stats_rollup's reach, and at least the days rolled up for good (stats_final), whose
// roll-ups stay when stats_rollup is reset.
const rolledUntilSQL = `greatest((SELECT rolled_until FROM stats_rollup), (SELECT final_until FROM stats_final))`

// rolledUntil returns the first day the roll-ups do not cover, or zero when none is rolled up.
func rolledUntil(ctx context.Context, q sqlx.QueryerContext) (time.Time, error) {
	var until sql.NullTime
	err := sqlx.GetContext(ctx, q, &until, `SELECT `+rolledUntilSQL)
	return until.Time.UTC(), err
}

// finalUntil returns the first day not rolled up for good (see UnlinkEnded), or zero.
func finalUntil(ctx context.Context, q sqlx.QueryerContext) (time.Time, error) {
	var until sql.NullTime
	err := sqlx.GetContext(ctx, q, &until, `SELECT (SELECT final_until FROM stats_final)`)
	return until.Time.UTC(), err
}

// UnlinkEnded takes their conversation id from the events of the conversations that ended
// before `before` (the conversations' retention: no stored conversation has been touched since)
// and before the roll-ups' reach, unless a stored conversation still goes on with that id.
// The id links a conversation's answers (its language, age band, topic, place, office) to
// each other; the figures need it only until the days are rolled up, to count completed
// conversations and how far each got. The days before the unlinked ones' end are then rolled
// up for good (stats_final): RollUp and RecomputeRollUps start after them, also after a reset
// of stats_rollup, and the figures read their roll-ups. A conversation that runs across that
// day keeps its id on every event, so that the days after it can still be rolled up. It
// returns how many events it unlinked; it runs under the roll-ups' lock.
func (s *Store) UnlinkEnded(ctx context.Context, before time.Time) (int64, error) {
	var unlinked int64
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := lockStatistics(ctx, tx); err != nil {
			return err
		}
		until, err := rolledUntil(ctx, tx)
		if err != nil || until.IsZero() {
			return err
		}
		if b := dayOf(before); b.Before(until) {
			until = b
		}
		r, err := tx.ExecContext(ctx, `WITH ended AS (
				SELECT conversation FROM events WHERE conversation <> ''
				GROUP BY conversation HAVING max(day) < $1
			)
			UPDATE events e SET conversation = '' FROM ended
			WHERE e.conversation = ended.conversation
				AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.state->>'conv' = ended.conversation)`, date(until))
		if err != nil {
			return err
		}
		unlinked, _ = r.RowsAffected()
		_, err = tx.ExecContext(ctx, `INSERT INTO stats_final (final_until) VALUES ($1)
			ON CONFLICT (singleton) DO UPDATE SET final_until = greatest(stats_final.final_until, EXCLUDED.final_until)`, date(until))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: unlink ended conversations: %w", err)
	}
	return unlinked, nil
}

// dayOf returns the calendar day of t (as written in t's location) at midnight UTC, as days
// are kept.
func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// daysBetween counts the days from a to b (both at midnight UTC).
func daysBetween(a, b time.Time) int { return int(b.Sub(a) / (24 * time.Hour)) }

// lockStatistics serialises the month rollover and the roll-ups, across replicas: the
// rollover drops the person keys that a roll-up copies.
func lockStatistics(ctx context.Context, tx *sqlx.Tx) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('wegweiser:rollover'))`)
	return err
}

// rollUpDays replaces the roll-ups of the days from..before (exclusive) with the events'
// figures and moves the roll-ups' reach to before, unless it reaches further already.
func rollUpDays(ctx context.Context, tx *sqlx.Tx, from, before time.Time) error {
	first, last := date(from), date(before.AddDate(0, 0, -1))
	for _, q := range []string{
		`DELETE FROM stats_daily WHERE day BETWEEN $1 AND $2`,
		`DELETE FROM stats_dropoff_daily WHERE day BETWEEN $1 AND $2`,
		`DELETE FROM people_days WHERE day BETWEEN $1 AND $2`,
		`INSERT INTO stats_daily (day, dim, value, n)` + statsRows,
		`INSERT INTO stats_dropoff_daily (started, day, step, n)` + statsDropOff,
		`INSERT INTO people_days (day, person_key)
			SELECT DISTINCT day, person_key FROM events WHERE day BETWEEN $1 AND $2 AND person_key IS NOT NULL`,
	} {
		if _, err := tx.ExecContext(ctx, q, first, last); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO stats_rollup (rolled_until) VALUES ($1)
		ON CONFLICT (singleton) DO UPDATE SET rolled_until = greatest(stats_rollup.rolled_until, EXCLUDED.rolled_until)`,
		date(before))
	return err
}
