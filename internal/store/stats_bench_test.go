package store

import (
	"context"
	"testing"
	"time"
)

// BenchmarkFigures1M measures the statistics query over one million events: 125,000
// conversations of eight events each, spread over the year before 2026-11-25, with the
// nightly job run on 2026-11-25 as serve runs it (closed months' person keys dropped, the
// days before today rolled up), so that today is counted from the events. "rollup-day"
// measures the nightly roll-up of one day.
func BenchmarkFigures1M(b *testing.B) {
	st := newStore(b)
	ctx := context.Background()
	_, err := st.db.ExecContext(ctx, `
		INSERT INTO events (day, kind, conversation, person_key, dims)
		SELECT DATE '2026-11-25' - (c % 365),
		       (ARRAY['started','answered','answered','answered','answered','result','office_named','feedback'])[k],
		       'c' || c, 'p' || (c % 40000),
		       CASE k
		         WHEN 1 THEN jsonb_build_object('lang', (ARRAY['de','ar','uk','fa-AF','tr'])[1 + c % 5], 'source', 'direct')
		         WHEN 2 THEN '{"step":"language"}' WHEN 3 THEN '{"step":"age"}'
		         WHEN 4 THEN '{"step":"topic"}' WHEN 5 THEN '{"step":"place"}'
		         WHEN 6 THEN jsonb_build_object('lang', (ARRAY['de','ar','uk','fa-AF','tr'])[1 + c % 5],
		                     'topic', (ARRAY['residence','work','housing','letters'])[1 + c % 4], 'age_band', '27+', 'place', 'no')
		         WHEN 7 THEN jsonb_build_object('office', 'office-' || (c % 12))
		         ELSE jsonb_build_object('answer', CASE WHEN c % 3 = 0 THEN 'no' ELSE 'yes' END)
		       END
		FROM generate_series(1, 125000) c, generate_series(1, 8) k`)
	if err != nil {
		b.Fatal(err)
	}
	to := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	start := time.Now()
	if _, err := st.RollOverMonths(ctx, to); err != nil {
		b.Fatal(err)
	}
	rollover := time.Since(start)
	start = time.Now()
	if _, err := st.RollUp(ctx, to); err != nil {
		b.Fatal(err)
	}
	b.Logf("month rollover of 11 months %v, first roll-up of 364 days %v", rollover, time.Since(start))
	// What autovacuum does after the rollover's updates.
	if _, err := st.db.ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		from time.Time
	}{{"last30days", to.AddDate(0, 0, -29)}, {"year", to.AddDate(0, 0, -364)}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				f, err := st.Figures(ctx, bc.from, to)
				if err != nil {
					b.Fatal(err)
				}
				if f.Conversations == 0 {
					b.Fatal("no conversations counted")
				}
			}
		})
	}
	b.Run("rollup-day", func(b *testing.B) {
		for b.Loop() {
			if n, err := st.RecomputeRollUps(ctx, to.AddDate(0, 0, -1)); err != nil || n != 1 {
				b.Fatal(n, err)
			}
		}
	})
}
