// Package metrics holds the Prometheus metrics of serve. Every label has a bounded set of
// values (update kinds, status codes, shipped languages), never user data.
package metrics

import (
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the counters and histograms of one process, in a registry of their own.
type Metrics struct {
	registry *prometheus.Registry
	Updates  *prometheus.CounterVec // by kind: text, command, callback, location, unsupported, other
	Latency  prometheus.Histogram   // seconds of an update's turn: read, worked out, written with its answer
	// Stage is where else an update's time goes, in seconds, by stage: "wait" from its
	// arrival to its turn's start (its chat's earlier updates, a free slot), "send_wait" from
	// its answer being stored to its first call being made (the chat's earlier answers, a free
	// connection, a 429's retry_after), "call" each answer call to the Bot API.
	Stage     *prometheus.HistogramVec
	APIErrors *prometheus.CounterVec // Telegram API errors by status code
	Retries   prometheus.Counter     // calls retried after a 429
	DBErrors  prometheus.Counter     // updates that failed on the database
	// Results counts the results shown, not by language: a live counter per language would
	// tell when someone of a small language group used the bot (the statistics count the
	// languages, with small counts withheld).
	Results prometheus.Counter
	// Delivery: messages waiting in the outbox, the age of the oldest, and the seconds
	// chats waited because Telegram answered 429.
	OutboxDepth  prometheus.Gauge
	OutboxOldest prometheus.Gauge
	RetryWait    prometheus.Counter
	// Inbound: updates waiting for their chat's turn.
	InboxDepth prometheus.Gauge
	// Ignored counts updates that cannot come from a private chat, and edits that are not
	// read, by reason (the telegram package's guard names them).
	Ignored *prometheus.CounterVec
	// Flood counts updates over a chat's flood limit: "warned" (answered once), "dropped".
	Flood *prometheus.CounterVec
	// WebhookRefused counts webhook requests refused before any handling, by reason.
	WebhookRefused *prometheus.CounterVec
}

// New creates the metrics.
func New() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		Updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wegweiser_updates_total", Help: "Telegram updates handled, by kind.",
		}, []string{"kind"}),
		Latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "wegweiser_update_seconds",
			Help:    "Time of an update's turn: its state read, its answer worked out and written with it.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}),
		Stage: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "wegweiser_update_stage_seconds",
			Help:    "Time of an update outside its turn, by stage: wait (arrival to turn), send_wait (answer stored to first call), call (each answer call).",
			Buckets: []float64{.0005, .001, .002, .005, .01, .02, .05, .1, .2, .5, 1, 2, 5, 10, 30, 60},
		}, []string{"stage"}),
		APIErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wegweiser_telegram_errors_total", Help: "Telegram Bot API errors, by status code.",
		}, []string{"code"}),
		Retries: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "wegweiser_telegram_retries_total", Help: "Bot API calls retried after a 429 (retry_after).",
		}),
		DBErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "wegweiser_database_errors_total", Help: "Updates that could not be handled because of the database.",
		}),
		Results: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "wegweiser_results_total", Help: "Results shown to newcomers.",
		}),
		OutboxDepth: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "wegweiser_outbox_messages", Help: "Answers stored and waiting to be sent by this process.",
		}),
		OutboxOldest: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "wegweiser_outbox_oldest_seconds", Help: "Age of the oldest answer waiting to be sent by this process.",
		}),
		RetryWait: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "wegweiser_telegram_retry_wait_seconds_total", Help: "Seconds chats waited because Telegram answered 429 (retry_after).",
		}),
		InboxDepth: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "wegweiser_inbox_updates", Help: "Updates received and waiting for their chat's turn in this process.",
		}),
		Ignored: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wegweiser_updates_ignored_total", Help: "Updates ignored because they cannot come from a private chat, and edits not read, by reason.",
		}, []string{"reason"}),
		Flood: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wegweiser_flood_updates_total", Help: "Updates over a chat's flood limit: warned (answered once) or dropped.",
		}, []string{"action"}),
		WebhookRefused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wegweiser_webhook_refused_total", Help: "Webhook requests refused before handling, by reason.",
		}, []string{"reason"}),
	}
	m.registry.MustRegister(m.Updates, m.Latency, m.Stage, m.APIErrors, m.Retries, m.DBErrors, m.Results,
		m.OutboxDepth, m.OutboxOldest, m.RetryWait, m.InboxDepth, m.Ignored, m.Flood, m.WebhookRefused,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// TurnWrites publishes how many statements wrote turns, and how many turns they wrote (their
// ratio is the mean batch of the store's group commit), as read from counts.
func (m *Metrics) TurnWrites(counts func() (statements, turns int64)) {
	m.registry.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "wegweiser_turn_statements_total", Help: "Statements that wrote conversation turns (several chats' turns may share one).",
		}, func() float64 { s, _ := counts(); return float64(s) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "wegweiser_turns_written_total", Help: "Conversation turns written by those statements.",
		}, func() float64 { _, t := counts(); return float64(t) }))
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// APIError counts a Bot API error; codes outside the usual ones are counted as "other".
func (m *Metrics) APIError(code int) {
	label := "other"
	switch code {
	case 400, 401, 403, 404, 409, 429, 500, 502, 503, 504:
		label = strconv.Itoa(code)
	}
	m.APIErrors.WithLabelValues(label).Inc()
}
