package main

import (
	"context"
	"errors"
	"flag"
	"time"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/jobs"
	"github.com/kassel/wegweiser/internal/telegram"
)

// shutdownGrace is how long serve waits for updates in hand after SIGTERM.
const shutdownGrace = 8 * time.Second

func (e *env) serve(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	if e.cfg.TelegramToken == "" {
		return errors.New("serve: TELEGRAM_BOT_TOKEN is not set (without it, `make run` starts the terminal chat)")
	}
	if len(e.cfg.Secret) < 16 {
		return errors.New("serve: WEGWEISER_SECRET must be set to a random string of at least 16 characters")
	}
	st, cat, err := e.openAll(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	runner := chat.NewRunner(e.engine(st, cat), e.staffEngine(ctx, st), st, []byte(e.cfg.Secret))
	tg, err := telegram.New(telegram.Options{Token: e.cfg.TelegramToken, ServerURL: e.cfg.TelegramAPIURL}, runner, cat, st, e.log)
	if err != nil {
		return err
	}
	go jobs.Run(ctx, 24*time.Hour, func(ctx context.Context) {
		n, err := jobs.Retain(ctx, st, e.cfg.RetentionDays, time.Now())
		if err != nil {
			e.log.Error("retention failed", "err", err)
		} else if n > 0 {
			e.log.Info("retention: deleted inactive conversations", "count", n)
		}
	})
	go jobs.Run(ctx, time.Hour, func(ctx context.Context) {
		n, err := jobs.Remind(ctx, st, tg, runner.Key, time.Now(), e.log)
		if err != nil {
			e.log.Error("reminders failed", "err", err)
		} else if n > 0 {
			e.log.Info("reminded counsellors of old entries", "messages", n)
		}
	})
	e.log.Info("serving Telegram by long polling")
	tg.Run(ctx, shutdownGrace)
	e.log.Info("stopped")
	return nil
}
