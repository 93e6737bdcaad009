package main

import (
	"context"
	"errors"
	"flag"
	"time"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/store"
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
	runner := chat.NewRunner(e.engine(st, cat), st, []byte(e.cfg.Secret))
	tg, err := telegram.New(telegram.Options{Token: e.cfg.TelegramToken, ServerURL: e.cfg.TelegramAPIURL}, runner, cat, st, e.log)
	if err != nil {
		return err
	}
	go e.retention(ctx, st)
	e.log.Info("serving Telegram by long polling")
	tg.Run(ctx, shutdownGrace)
	e.log.Info("stopped")
	return nil
}

// retention deletes conversations inactive for RETENTION_DAYS, at start and then daily.
func (e *env) retention(ctx context.Context, st *store.Store) {
	for {
		n, err := st.DeleteInactive(ctx, time.Now().AddDate(0, 0, -e.cfg.RetentionDays))
		if err != nil {
			e.log.Error("retention failed", "err", err)
		} else if n > 0 {
			e.log.Info("retention: deleted inactive conversations", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(24 * time.Hour):
		}
	}
}
