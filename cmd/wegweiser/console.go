package main

import (
	"context"
	"time"
	_ "time/tzdata" // Europe/Berlin on machines without a zone database

	"github.com/kassel/wegweiser/internal/app"
	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/console"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/telegram"
)

// consoleSecret keys the local user's storage key when WEGWEISER_SECRET is not set: the
// console has one user only, on this machine.
const consoleSecret = "wegweiser-console"

func (e *env) console(ctx context.Context, args []string) error {
	fs := e.flags("console")
	lang := fs.String("lang", "", "language tag, e.g. ar (default: ask)")
	as := fs.Int64("as", console.LocalUser, "the local user to be, a number standing in for a Telegram id (@N switches later)")
	asStaff := fs.Int64("as-staff", 0, "be the staff account with this id (see `staff list`), to try the counsellors' side")
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
	runner := e.runner(ctx, st, cat, secret)
	user := *as
	if *asStaff != 0 {
		m, err := st.StaffMember(ctx, *asStaff)
		if err != nil {
			return err
		}
		user = m.TelegramID
	}
	c := &console.Console{Runner: runner, Catalog: cat, ChatKey: runner.Key(user), User: user, Lang: *lang, Log: e.log}
	return c.Run(ctx, e.stdin, e.stdout)
}

// openAll opens and migrates the store, loads the Kassel directory into an empty one, and
// loads the catalogs.
func (e *env) openAll(ctx context.Context) (*store.Store, *i18n.Catalog, error) {
	cat, err := app.Catalog()
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

// runner is the chat runner of serve and console, with the configured settings; secret keys
// the chat hashes.
func (e *env) runner(ctx context.Context, st *store.Store, cat *i18n.Catalog, secret string) *chat.Runner {
	return app.Runner(st, cat, app.Settings{
		Operator: e.cfg.Operator, RetentionDays: e.cfg.RetentionDays, Secret: []byte(secret), Zone: officesZone,
		Holidays:   e.cfg.Holidays.Is,
		InviteLink: func(payload string) string { return inviteLink(e.botUsername(ctx), payload) },
	})
}

// officesZone is where the offices are: confirmation dates are days there.
var officesZone = mustZone("Europe/Berlin")

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // the zone database is embedded (time/tzdata): this cannot fail
	}
	return z
}

func inviteLink(username, payload string) string {
	return "https://t.me/" + username + "?start=" + payload
}

// botUsername is the bot's Telegram username: TELEGRAM_BOT_USERNAME, or asked from Telegram
// with the token, or a placeholder.
func (e *env) botUsername(ctx context.Context) string {
	if e.cfg.BotUsername != "" {
		return e.cfg.BotUsername
	}
	if e.cfg.TelegramToken != "" {
		if name, err := telegram.Username(ctx, e.cfg.TelegramToken, e.cfg.TelegramAPIURL); err == nil {
			e.cfg.BotUsername = name
			return name
		}
	}
	return "BOT_USERNAME"
}
