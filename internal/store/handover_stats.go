package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/kassel/wegweiser/internal/stats"
)

// takenWait is how many hand-over requests were taken in the days from..to, and the median
// of the hours each waited (the bounded "hours" of handover_taken), read in the statistics'
// transaction q (a second connection beside it could wait forever for a pool its callers
// hold).
func takenWait(ctx context.Context, q sqlx.QueryerContext, from, to time.Time) (stats.Median, error) {
	var row struct {
		N      int     `db:"n"`
		Median float64 `db:"median"`
	}
	err := sqlx.GetContext(ctx, q, &row, `SELECT count(*) AS n,
		coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY (dims->>'hours')::int), 0)::float8 AS median
		FROM events WHERE kind = 'handover_taken' AND day BETWEEN $1 AND $2 AND dims->>'hours' ~ '^[0-9]+$'`, from, to)
	if err != nil {
		return stats.Median{}, fmt.Errorf("store: hand-over wait: %w", err)
	}
	return stats.Median{N: stats.Count(row.N), Value: row.Median}, nil
}
