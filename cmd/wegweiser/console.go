package main

import (
	"context"
	"flag"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/console"
	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/locales"
)

// consoleSecret keys the local user's storage key when WEGWEISER_SECRET is not set: the
// console has one user only, on this machine.
const consoleSecret = "wegweiser-console"

func (e *env) console(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("console", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	lang := fs.String("lang", "", "language tag, e.g. ar (default: ask)")
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	st, cat, err := e.openAll(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	secret := e.cfg.Secret
	if secret == "" {
		secret = consoleSecret
	}
	runner := chat.NewRunner(e.engine(st, cat), st, []byte(secret))
	c := &console.Console{Runner: runner, Catalog: cat, ChatKey: runner.Key(0), Lang: *lang, Log: e.log}
	return c.Run(ctx, e.stdin, e.stdout)
}

// openAll opens and migrates the store, loads the Kassel directory into an empty one, and
// loads the catalogs.
func (e *env) openAll(ctx context.Context) (*store.Store, *i18n.Catalog, error) {
	cat, err := i18n.Load(locales.FS)
	if err != nil {
		return nil, nil, err
	}
	st, err := e.openStore(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	if err := e.seedKassel(ctx, st); err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, cat, nil
}

func (e *env) engine(st *store.Store, cat *i18n.Catalog) *conversation.Engine {
	return &conversation.Engine{Dir: st, Langs: cat, Operator: e.cfg.Operator, RetentionDays: e.cfg.RetentionDays}
}
