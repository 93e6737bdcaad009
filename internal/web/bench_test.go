package web_test

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"testing"
	"time"

	_ "github.com/lib/pq" // the PostgreSQL driver, to load the events in bulk

	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/web"
)

// oneMillionEvents are 125,000 conversations of eight events each over the year before
// 2026-11-25 (the statistics benchmark's data, internal/store), 40,000 people.
const oneMillionEvents = `
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
FROM generate_series(1, 125000) c, generate_series(1, 8) k`

// BenchmarkDashboard1M measures the time to the first byte of the dashboard over one million
// events, for the last 30 days by day and for the whole year by month (each a whole page:
// the figures, people per day or month, four SVG charts), with the closed days rolled up and
// the closed months counted as serve's nightly jobs leave them. It reports ttfb-ms per load.
func BenchmarkDashboard1M(b *testing.B) {
	url := pgtest.NewDatabase(b)
	st := storetest.Open(b, url, directorytest.Sample)
	db, err := sql.Open("postgres", url)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(oneMillionEvents); err != nil {
		b.Fatal(err)
	}
	// What serve's nightly jobs have done by then: closed months counted, closed days rolled up.
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	if _, err := st.RollOverMonths(context.Background(), today); err != nil {
		b.Fatal(err)
	}
	if _, err := st.RollUp(context.Background(), today); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`VACUUM ANALYZE`); err != nil {
		b.Fatal(err)
	}
	e := &env{st: st, now: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)}
	e.srv = httptest.NewServer(e.console(b, web.Options{}))
	defer e.srv.Close()
	br := e.signIn(b, e.member(b, 1, staff.RoleAdmin))
	for _, bc := range []struct{ name, query string }{
		{"last30days", "/staff/stats?period=30d&per=day"},
		{"year", "/staff/stats?from=2025-11-26&to=2026-11-25&per=month"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var total time.Duration
			for b.Loop() {
				total += br.ttfb(b, e.srv.URL+bc.query)
			}
			b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ttfb-ms")
		})
	}
}

// ttfb loads a page and returns the time until its first byte.
func (br *browser) ttfb(b *testing.B, url string) time.Duration {
	b.Helper()
	var first time.Time
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{GotFirstResponseByte: func() { first = time.Now() }}))
	start := time.Now()
	resp, err := br.client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("%s answered %d", url, resp.StatusCode)
	}
	return first.Sub(start)
}
