package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/jobs"
	"github.com/kassel/wegweiser/internal/metrics"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/telegram"
	"github.com/kassel/wegweiser/internal/web"
)

// shutdownGrace is how long serve lets updates in hand finish after SIGTERM; with the rest of
// the shutdown it stays under 10 s.
const shutdownGrace = 7 * time.Second

func (e *env) serve(ctx context.Context, args []string) error {
	fs := e.flags("serve")
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	if err := e.cfg.checkServe(); err != nil {
		return err
	}
	st, cat, err := e.openAllRetrying(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	m := metrics.New()
	m.TurnWrites(st.TurnStatements)
	runner := e.runner(ctx, st, cat, e.cfg.Secret, true)
	tg, err := telegram.New(telegram.Options{
		Token: e.cfg.TelegramToken, ServerURL: e.cfg.TelegramAPIURL, Metrics: m, Secret: []byte(e.cfg.Secret),
		WebhookURL: e.cfg.WebhookURL, WebhookSecret: e.cfg.WebhookSecret, MaxConnections: e.cfg.MaxConnections,
		Flood: e.cfg.Flood,
	}, runner, cat, st, e.log)
	if err != nil {
		return err
	}
	e.startJobs(ctx, st, tg, runner)
	// The command menus and descriptions in Telegram, and the staff chats' menus, are brought
	// in line beside the bot: a failure there never holds up an answer.
	go tg.Presence(st).Run(ctx)

	console, err := e.webConsole(st, cat, func(p string) string { return inviteLink(e.botUsername(ctx), p) })
	if err != nil {
		return err
	}
	mux, err := e.routes(st, m, tg, console)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", e.cfg.ListenAddr)
	if err != nil {
		return err
	}
	srv := httpServer(mux)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	e.log.Info("listening", "addr", ln.Addr().String(), "staff_console", e.cfg.WebURL)

	ran := make(chan struct{})
	if e.cfg.WebhookURL != "" {
		// Replicas: each takes over only what a dead one left (its leases ran out).
		go func() { tg.Run(ctx, shutdownGrace, false, nil); close(ran) }()
		if err := tg.SetWebhook(ctx); err != nil {
			return err
		}
		e.log.Info("serving Telegram by webhook")
		select {
		case <-ctx.Done():
		case err := <-served:
			return err
		}
	} else {
		close(ran)
		e.log.Info("serving Telegram by long polling")
		if err := tg.Poll(ctx, shutdownGrace); err != nil {
			return err
		}
	}
	// Stop taking updates; let the webhook requests in flight finish.
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace+time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		e.log.Warn("shutdown: requests still in flight were cut", "err", err)
	}
	<-ran // the updates and answers in hand had their grace
	e.log.Info("stopped")
	return nil
}

// openAllRetrying opens the database, waiting for it while it is not reachable yet.
func (e *env) openAllRetrying(ctx context.Context) (*store.Store, *i18n.Catalog, error) {
	for pause := time.Second; ; pause = min(2*pause, 30*time.Second) {
		st, cat, err := e.openAll(ctx)
		if err == nil || errors.Is(err, store.ErrSchemaTooNew) || ctx.Err() != nil {
			return st, cat, err
		}
		e.log.Warn("database not available yet, retrying", "err", err, "in_s", pause.Seconds())
		select {
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		case <-time.After(pause):
		}
	}
}

// startJobs runs the scheduled work: retention and the statistics' roll-ups daily, reminders
// and the hand-over's work hourly. Several replicas may run them: the claims are made in
// PostgreSQL.
func (e *env) startJobs(ctx context.Context, st *store.Store, tg *telegram.Adapter, runner *chat.Runner) {
	go e.watchArea(ctx, st)
	go jobs.Run(ctx, 24*time.Hour, func(ctx context.Context) {
		n, err := jobs.Retain(ctx, st, e.cfg.RetentionDays, time.Now())
		if err != nil {
			e.log.Error("retention failed", "err", err)
		} else if n > 0 {
			e.log.Info("retention: deleted inactive conversations", "count", n)
		}
		if r, err := jobs.Statistics(ctx, st, time.Now(), officesZone, e.cfg.RetentionDays); err != nil {
			e.log.Error("statistics roll-up failed", "err", err)
		} else if r.Keys > 0 || r.Days > 0 || r.Unlinked > 0 {
			e.log.Info("statistics: dropped the person keys of closed months, rolled up closed days, unlinked the events of ended conversations",
				"events", r.Keys, "days", r.Days, "unlinked", r.Unlinked)
		}
	})
	if runner.Handover != nil {
		go jobs.Run(ctx, time.Hour, func(ctx context.Context) {
			if n, err := jobs.Handover(ctx, runner.Handover, tg, st, time.Now(), officesZone); err != nil {
				e.log.Error("hand-over work failed", "err", err)
			} else if n > 0 {
				e.log.Info("hand-over: reminders and closed requests sent", "messages", n)
			}
		})
	}
	if runner.ReopenBox != nil {
		go jobs.Run(ctx, time.Hour, func(ctx context.Context) {
			if n, err := jobs.Reopen(ctx, st, tg, runner.ReopenBox, time.Now(), officesZone); err != nil {
				e.log.Error("reopen notices failed", "err", err)
			} else if n > 0 {
				e.log.Info("told people that their office is open again", "messages", n)
			}
		})
	}
	go jobs.Run(ctx, time.Hour, func(ctx context.Context) {
		n, err := jobs.Remind(ctx, st, tg, runner.Key, time.Now(), e.log)
		if err != nil {
			e.log.Error("reminders failed", "err", err)
		} else if n > 0 {
			e.log.Info("reminded counsellors of old entries", "messages", n)
		}
	})
}

// routes serves health, readiness and metrics, the staff console under /staff/, and in
// webhook mode the webhook.
func (e *env) routes(st *store.Store, m *metrics.Metrics, tg *telegram.Adapter, console http.Handler) (*http.ServeMux, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := st.CheckSchema(ctx); err != nil {
			http.Error(w, "not ready: database unreachable or schema not current", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
	mux.Handle("GET /metrics", m.Handler())
	mux.Handle(web.Prefix, console)
	if e.cfg.WebhookURL != "" {
		path, err := e.cfg.webhookPath()
		if err != nil {
			return nil, err
		}
		mux.Handle("POST "+path, tg.WebhookHandler())
	}
	return mux, nil
}
