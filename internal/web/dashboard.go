package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/stats"
)

// maxDays bounds a period of the dashboard; days are shown one by one up to maxDailyDays.
const (
	maxDays      = 1100
	maxDailyDays = 92
)

// statsQuery is the period the dashboard shows: a named period (stats.Periods) or a custom
// one, grouped by day, week or month.
type statsQuery struct {
	Period   string // "" for a custom period
	From, To time.Time
	Per      stats.Granularity
}

// parseStatsQuery reads the period from the query string: from and to (YYYY-MM-DD) when both
// are valid, else the named period (the last 30 days by default). A period that cannot be
// shown ("from" after "to", or longer than maxDays) gives the last 30 days and the message id
// that says why.
func (s *Server) parseStatsQuery(v url.Values) (statsQuery, string) {
	q, ok := s.readStatsQuery(v)
	switch {
	case ok:
		return q, ""
	case q.To.Before(q.From):
		q, _ = s.readStatsQuery(url.Values{"per": v["per"]})
		return q, "web.stats.order"
	}
	q, _ = s.readStatsQuery(url.Values{"per": v["per"]})
	return q, "web.stats.too_long"
}

// readStatsQuery is parseStatsQuery without the fallback: false when the period cannot be shown.
func (s *Server) readStatsQuery(v url.Values) (statsQuery, bool) {
	q := statsQuery{Period: v.Get("period")}
	from, errFrom := directory.ParseDate(v.Get("from"))
	to, errTo := directory.ParseDate(v.Get("to"))
	if q.Period == "" && from != nil && to != nil && errFrom == nil && errTo == nil && inReach(*from) && inReach(*to) {
		q.From, q.To = *from, *to
	} else {
		if !slices.Contains(stats.Periods, q.Period) {
			q.Period = "30d"
		}
		q.From, q.To, _ = stats.Period(q.Period, s.today())
	}
	days := int(q.To.Sub(q.From).Hours()/24) + 1
	if days < 1 || days > maxDays {
		return q, false
	}
	q.Per = stats.Granularity(v.Get("per"))
	if !q.Per.Valid() {
		q.Per = stats.DefaultGranularity(q.From, q.To)
	}
	if q.Per == stats.PerDay && days > maxDailyDays {
		q.Per = stats.PerWeek
	}
	return q, true
}

// inReach says whether a day lies in the years the statistics can hold (ParseRange's): a
// year 1 or 9999 is no period anyone asks for, and only made the queries fail.
func inReach(d time.Time) bool { return d.Year() >= 2000 && d.Year() <= 2999 }

// values writes the query back for links (the CSV download).
func (q statsQuery) values() url.Values {
	if q.Period != "" {
		return url.Values{"period": {q.Period}, "per": {string(q.Per)}}
	}
	return url.Values{"from": {q.From.Format(time.DateOnly)}, "to": {q.To.Format(time.DateOnly)}, "per": {string(q.Per)}}
}

// bucketRow is one line of the table over time.
type bucketRow struct {
	Label                             string
	People, Conversations, Completed  string
	peopleN, conversationsN, complete stats.Count
	approx                            bool // people summed over days whose keys are gone
}

// dashboardData is what the dashboard template shows.
type dashboardData struct {
	Q       statsQuery
	Ongoing bool // the period ends after today: its figures reach only up to Today
	Today   time.Time
	// Problem says why the period asked for is not the one shown (a message id); From and To
	// are then the dates asked for, shown again in the form.
	Problem  string
	From, To string
	MaxDays  int
	Periods  []string
	Pers     []stats.Granularity
	Empty    bool
	People   string
	Approx   bool
	Conv     string
	Done     string
	Results  string // results shown: a conversation may see several
	Withheld bool   // a count on the page is withheld ("x"): its footnote says why
	Started  string // what the table of where people stopped counts
	Rate     string
	Buckets  []bucketRow
	Charts   []chart
	Sections []section
	Funnel   []labelCount
	Yes, No  string
	Other    []otherRow
	// More is what the bot's report says beside the breakdowns: the hand-overs per office and
	// supply against demand, a line each.
	More []string
	CSV  string
}

// dashboard shows the statistics of a period: the same figures as `wegweiser stats` and /stats
// in the bot (store.Figures, with the "<5" rule of package stats), as tables and SVG charts.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, p *page) {
	q, problem := s.parseStatsQuery(r.URL.Query())
	ctx := r.Context()
	data, buckets, err := s.figures(ctx, q)
	f := data.Figures
	if err != nil {
		s.opts.Log.Error("web: statistics", "err", err)
		s.fail(w, r, p, http.StatusInternalServerError, "web.error.internal")
		return
	}
	d := dashboardData{Q: q, Problem: problem, From: q.From.Format(time.DateOnly), To: q.To.Format(time.DateOnly), MaxDays: maxDays, Periods: stats.Periods, Pers: stats.Granularities, Buckets: buckets,
		Empty: f.Conversations == 0 && f.People == 0, People: f.People.String(), Approx: f.PeopleApprox,
		Conv: f.Conversations.String(), Done: f.Completed.String(), Rate: stats.Rate(f.Completed, f.Conversations),
		CSV: Prefix + "stats.csv?" + q.values().Encode()}
	labels := labeller{p: p}
	report := stats.Build(&data) // the labelled sections of the bot's /stats and the CLI
	d.Ongoing, d.Today = report.Ongoing(), report.Today
	d.Results, d.Started = report.Results.String(), p.Text(report.Section("dropoff").Basis)
	d.Sections, d.Funnel = sections(p, report), labels.funnel(&f)
	d.Other = more(p, report)
	for _, t := range append(slices.Clone(report.Handover), stats.SupplyText(report)...) {
		d.More = append(d.More, p.Text(t))
	}
	d.Yes, d.No = feedback(&f)
	d.Withheld = report.Withheld() || d.Yes == "x" || d.No == "x" ||
		slices.ContainsFunc(d.Funnel, func(c labelCount) bool { return c.n == stats.Withheld }) ||
		slices.ContainsFunc(buckets, func(b bucketRow) bool {
			return b.peopleN == stats.Withheld || b.conversationsN == stats.Withheld || b.complete == stats.Withheld
		})
	if d.Charts, err = charts(p, buckets, d.Funnel, d.Sections); err != nil {
		s.opts.Log.Error("web: statistics chart", "err", err)
		s.fail(w, r, p, http.StatusInternalServerError, "web.error.internal")
		return
	}
	status := http.StatusOK
	if problem != "" {
		// The form again with the dates asked for, and why the last 30 days are shown instead.
		d.From, d.To, status = r.URL.Query().Get("from"), r.URL.Query().Get("to"), http.StatusUnprocessableEntity
	}
	p.Data = d
	s.render(w, p, "dashboard", status)
}

// figures computes the period's figures and, per day, week or month, conversations, completed
// conversations and people (by the same rule as the period's people). The figures and the
// people per stretch are counted at once.
func (s *Server) figures(ctx context.Context, q statsQuery) (stats.Data, []bucketRow, error) {
	var d stats.Data
	bs := stats.Buckets(q.From, q.To, q.Per)
	rows := make([]bucketRow, len(bs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	g.Go(func() (err error) { d, err = s.opts.Store.ReportData(gctx, q.From, q.To, s.today()); return err })
	for i, b := range bs {
		g.Go(func() error {
			n, approx, err := s.opts.Store.People(gctx, b.From, b.To)
			rows[i].peopleN, rows[i].approx = stats.Count(n), approx
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return d, nil, err
	}
	f := &d.Figures
	for i, b := range bs {
		r := &rows[i]
		r.Label, r.conversationsN, r.complete = b.Label(q.Per), f.Sum("conversations", "all", b), f.Sum("completed", "all", b)
	}
	// The stretches add up to the period's totals, shown above them; so do the people of the
	// days of a closed month (their keys are gone: the period's people are the days' sum).
	stats.Withhold(len(rows), func(i int) stats.Count { return rows[i].conversationsN }, func(i int, c stats.Count) { rows[i].conversationsN = c })
	stats.Withhold(len(rows), func(i int) stats.Count { return rows[i].complete }, func(i int, c stats.Count) { rows[i].complete = c })
	stats.Withhold(len(rows), func(i int) stats.Count { return rows[i].peopleN }, func(i int, c stats.Count) { rows[i].peopleN = c })
	for i := range rows {
		rows[i].Conversations, rows[i].Completed, rows[i].People = rows[i].conversationsN.String(), rows[i].complete.String(), rows[i].peopleN.String()
		if rows[i].approx {
			rows[i].People = "≈" + rows[i].People
		}
	}
	return d, rows, nil
}

// feedback is the period's answers to "did it help?".
func feedback(f *stats.Figures) (yes, no string) {
	yn := make([]stats.Count, 2)
	for _, r := range f.Total("feedback") {
		switch r.Value {
		case "yes":
			yn[0] = r.Count
		case "no":
			yn[1] = r.Count
		}
	}
	stats.Withhold(2, func(i int) stats.Count { return yn[i] }, func(i int, c stats.Count) { yn[i] = c })
	return yn[0].String(), yn[1].String()
}

// statsCSV sends the figures of the period as the CSV of `wegweiser stats --format csv` and of
// the bot's /stats, in the reader's language (package stats writes it, safe for spreadsheets).
func (s *Server) statsCSV(w http.ResponseWriter, r *http.Request, p *page) {
	q, problem := s.parseStatsQuery(r.URL.Query())
	if problem != "" {
		s.fail(w, r, p, http.StatusBadRequest, "web.error.bad_request")
		return
	}
	d, err := s.opts.Store.ReportData(r.Context(), q.From, q.To, s.today())
	if err != nil {
		s.opts.Log.Error("web: statistics CSV", "err", err)
		s.fail(w, r, p, http.StatusInternalServerError, "web.error.internal")
		return
	}
	var buf bytes.Buffer
	if err := stats.WritePeriodCSV(&buf, stats.Build(&d), func(t dialog.Text) string { return p.Text(t) }); err != nil {
		s.opts.Log.Error("web: statistics CSV", "err", err)
		s.fail(w, r, p, http.StatusInternalServerError, "web.error.internal")
		return
	}
	name := "wegweiser-" + q.From.Format(time.DateOnly) + "-" + q.To.Format(time.DateOnly) + ".csv"
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}
