package telegram

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/kassel/wegweiser/internal/metrics"
)

// report prints a run's figures as a table, then the targets of issue 15 and whether each was
// met, and reports the main figures as benchmark metrics.
func (lb *loadBench) report(b *testing.B, users int, d time.Duration, echo, bot, flood phaseResult, bound ...phaseResult) {
	var out strings.Builder
	fmt.Fprintf(&out, "\nLoad: %d users in a closed loop, %v per bot; an answer is complete when %v pass without another call for its chat\n", users, d, quiet)
	fmt.Fprintf(&out, "machine: %s\ndatabase: %s\n\n", machine(), lb.server)
	phases := append([]phaseResult{echo, bot, flood}, bound...)
	w := tabwriter.NewWriter(&out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "what users feel\tupdates\tupdates/s\tp50 ms\tp99 ms\tmax ms\tp99 after 1 s\tfirst call: p50 ms\tp99 ms\tunanswered\tsplit\t")
	for _, p := range phases {
		fmt.Fprintf(w, "%s\t%d\t%.0f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d\t\n", label(p), p.updates, p.rate(),
			ms(p.percentile(0.50)), ms(p.percentile(0.99)), ms(p.percentile(1)), ms(percentile(p.settled, 0.99)),
			ms(percentile(p.firsts, 0.50)), ms(percentile(p.firsts, 0.99)), p.unanswered, p.split)
	}
	_ = w.Flush()
	out.WriteString("\n")
	w = tabwriter.NewWriter(&out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "by step (calls): p50 / p99 ms\t")
	for _, p := range phases {
		fmt.Fprintf(w, "%s\t", label(p))
		for _, s := range append(echoSteps, conversationSteps...) {
			if ds := p.steps[s.name]; len(ds) > 0 {
				fmt.Fprintf(w, "%s (%d): %.1f / %.1f\t", s.name, s.calls, ms(percentile(ds, 0.50)), ms(percentile(ds, 0.99)))
			}
		}
		fmt.Fprintln(w)
	}
	_ = w.Flush()
	out.WriteString("\n")
	w = tabwriter.NewWriter(&out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "what it costs\tstart ms\tTCP connections\tSQL round trips/update\tPG connections\tCPU ms/update: test process\tPostgreSQL\t")
	for _, p := range phases {
		fmt.Fprintf(w, "%s\t%.0f\t%d\t%.2f\t%d\t%.2f\t%.2f\t\n", label(p), ms(p.startup), p.apiConns, p.perUpdate(float64(p.trips)), p.pgConns,
			p.perUpdate(ms(p.self)), p.perUpdate(ms(p.pgCPU)))
	}
	_ = w.Flush()
	out.WriteString("\n")
	w = tabwriter.NewWriter(&out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(w, "where the time goes: p50 / p99 ms\t")
	for _, name := range stageNames {
		fmt.Fprintf(w, "%s\t", name)
	}
	fmt.Fprintln(w)
	for _, p := range phases {
		fmt.Fprintf(w, "%s\t", label(p))
		for _, name := range stageNames {
			if st, ok := p.stages[name]; ok {
				fmt.Fprintf(w, "%.1f / %.1f\t", st.p50, st.p99)
			} else {
				fmt.Fprint(w, "-\t")
			}
		}
		fmt.Fprintln(w)
	}
	_ = w.Flush()
	fmt.Fprintf(&out, "\np99 after 1 s: of the updates sent after the first second, when all users sent /start at once and then answered nearly together\n")
	fmt.Fprintf(&out, "start: from starting the bot to its first getUpdates, when the users begin; the costs include it\n")
	fmt.Fprintf(&out, "where the time goes: the bot's own histograms (wegweiser_update_stage_seconds and, as turn, wegweiser_update_seconds), read between their buckets; echo's handler sends itself (no turn, no outbox)\n")
	fmt.Fprintf(&out, "flooded chat: %d updates sent, %d calls answered with 429, %d answers still in the outbox at the end (none lost)\n",
		flood.flooded, flood.refused, flood.pending)
	fmt.Fprintf(&out, "split: answers with a pause of more than %v between two of their calls; calls after an answer was complete: %d, %d, %d\n\n",
		quiet, echo.late, bot.late, flood.late)
	if len(bound) > 0 {
		fmt.Fprintf(&out, "bound (LOAD_BOUND, to measure only): the same bot and conversation, its turns worked out and sealed but not written, its answers sent from memory; nothing durable\n\n")
	}
	targets(&out, d, echo, bot, flood)
	fmt.Fprintf(&out, "peak RSS of the test process: %.0f MB\n", peakRSSMB())
	fmt.Fprint(os.Stdout, out.String())

	b.ReportMetric(bot.rate(), "updates/s")
	b.ReportMetric(ms(bot.percentile(0.99)), "p99-ms")
	b.ReportMetric(echo.rate(), "echo-updates/s")
	b.ReportMetric(ms(echo.percentile(0.99)), "echo-p99-ms")
	b.ReportMetric(ms(flood.percentile(0.99)), "flood-others-p99-ms")
	b.ReportMetric(float64(bot.unanswered+flood.unanswered), "unanswered")
	b.ReportMetric(float64(bot.apiConns), "tcp-conns")
	b.ReportMetric(bot.perUpdate(float64(bot.trips)), "sql-trips/update")
	for _, p := range bound {
		b.ReportMetric(ms(p.percentile(0.99)), "bound-p99-ms")
	}
}

func label(p phaseResult) string {
	switch p.name {
	case "flood":
		return "wegweiser, 1 chat flooded (others)"
	case "bound":
		return "wegweiser, turns not written (bound)"
	}
	return p.name
}

// targets prints the targets of issue 15 with the measured value and whether it was met.
func targets(out *strings.Builder, d time.Duration, echo, bot, flood phaseResult) {
	rows := []struct {
		what  string
		value string
		met   bool
	}{
		{"updates/s at least 50 % of echo's", fmt.Sprintf("%.0f %%", 100*bot.rate()/echo.rate()), bot.rate() >= echo.rate()/2},
		{"p99 at most 2 × echo's", fmt.Sprintf("%.1f ms ≤ %.1f ms", ms(bot.percentile(0.99)), 2*ms(echo.percentile(0.99))),
			bot.percentile(0.99) <= 2*echo.percentile(0.99)},
		{"no unanswered update", fmt.Sprintf("%d", bot.unanswered+flood.unanswered), bot.unanswered+flood.unanswered == 0},
		{"one chat flooded with 429: the others' p99 under 2 × echo's", fmt.Sprintf("%.1f ms < %.1f ms",
			ms(flood.percentile(0.99)), 2*ms(echo.percentile(0.99))), flood.percentile(0.99) < 2*echo.percentile(0.99)},
		{fmt.Sprintf("fewer than 50 TCP connections per 10 s run (this run: %v)", d), fmt.Sprintf("%d", bot.apiConns), bot.apiConns < 50},
		{"at most 3 SQL round trips per update", fmt.Sprintf("%.2f", bot.perUpdate(float64(bot.trips))), bot.perUpdate(float64(bot.trips)) <= 3},
	}
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "target (issue 15)\tmeasured\t")
	for _, r := range rows {
		verdict := "met"
		if !r.met {
			verdict = "MISSED"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", r.what, r.value, verdict)
	}
	_ = w.Flush()
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// stage is one stage's p50 and p99 in milliseconds.
type stage struct{ p50, p99 float64 }

// stageNames are the stages of an update in their order (see metrics.Metrics.Stage).
var stageNames = []string{"wait", "turn", "send_wait", "call"}

// stagesOf reads where a bot's time went from its metrics: the stage histograms and the
// turn's (Latency). A stage nothing was observed in is left out.
func stagesOf(m *metrics.Metrics) map[string]stage {
	out := map[string]stage{}
	for _, name := range stageNames {
		var h prometheus.Metric = m.Latency
		if name != "turn" {
			h = m.Stage.WithLabelValues(name).(prometheus.Metric)
		}
		var d dto.Metric
		if h.Write(&d) != nil || d.Histogram.GetSampleCount() == 0 {
			continue
		}
		out[name] = stage{bucketPercentile(d.Histogram, 0.50) * 1000, bucketPercentile(d.Histogram, 0.99) * 1000}
	}
	return out
}

// bucketPercentile is the value p of a histogram's observations stayed within, read linearly
// between the bounds of the bucket it falls in.
func bucketPercentile(h *dto.Histogram, p float64) float64 {
	want := p * float64(h.GetSampleCount())
	lower, below := 0.0, 0.0
	for _, b := range h.GetBucket() {
		upper, count := b.GetUpperBound(), float64(b.GetCumulativeCount())
		if count >= want {
			if count == below {
				return upper
			}
			return lower + (upper-lower)*(want-below)/(count-below)
		}
		lower, below = upper, count
	}
	return lower
}
