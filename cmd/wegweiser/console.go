package main

import (
	"context"
	"time"
	_ "time/tzdata" // Europe/Berlin on machines without a zone database

	"github.com/kassel/wegweiser/internal/app"
	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/console"
	"github.com/kassel/wegweiser/internal/holiday"
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
	serveWeb := fs.Bool("web", false, "also serve the staff console at WEB_URL (default http://localhost:8080/staff/)")
	as := fs.Int64("as", console.LocalUser, "the local user to be, a number standing in for a Telegram id (@N switches later)")
	asStaff := fs.Int64("as-staff", 0, "be the staff account with this id (see `staff list`), to try the counsellors' side")
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	if e.cfg.Secret == "" {
		e.cfg.Secret = consoleSecret // the store seals staff ids with it too
	}
	st, cat, err := e.openAll(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	runner := e.runner(ctx, st, cat, e.cfg.Secret, *serveWeb)
	if *serveWeb {
		e.serveConsole(ctx, st, cat)
	}
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

// openAll opens and migrates the store, loads the shipped directory into an empty one, reads
// the served area (e.places) and loads the catalogs that name it.
func (e *env) openAll(ctx context.Context) (*store.Store, *i18n.Catalog, error) {
	st, err := e.openStore(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	cat, err := e.openArea(ctx, st)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, cat, nil
}

// runner is the chat runner of serve and console, with the configured settings; secret keys
// the chat hashes. With web, /web sends sign-in links to the staff console at WEB_URL.
func (e *env) runner(ctx context.Context, st *store.Store, cat *i18n.Catalog, secret string, web bool) *chat.Runner {
	s := app.Settings{
		Operator: e.cfg.Operator, RetentionDays: e.cfg.RetentionDays, Secret: []byte(secret), Zone: officesZone,
		InviteLink: func(payload string) string { return inviteLink(e.botUsername(ctx), payload) },
		Places:     e.places,
	}
	switch {
	case e.cfg.Holidays != nil:
		s.Holidays = e.cfg.Holidays.Is
	case e.places != nil:
		s.Holidays = app.AreaHolidays(e.places.Area) // the served area's state, as it changes
	default: // no area read (cannot happen after openAll): the shipped directory's state
		if c, err := holiday.ForState(""); err == nil {
			s.Holidays = c.Is
		}
	}
	if web {
		s.WebLink = e.cfg.webLink
	}
	r := app.Runner(st, cat, s)
	// Conversation states an earlier version stored in the clear are sealed now, not only by
	// their next turn.
	if n, err := r.SealStored(ctx, st); err != nil {
		e.log.Warn("could not seal the conversation states stored in the clear", "err", err)
	} else if n > 0 {
		e.log.Info("sealed the conversation states stored in the clear", "conversations", n)
	}
	return r
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

// inviteLink is the deep link that starts the bot with payload, or "" when the bot's
// username is not known: never a link that cannot work.
func inviteLink(username, payload string) string {
	if username == "" {
		return ""
	}
	return "https://t.me/" + username + "?start=" + payload
}

// botUsername is the bot's Telegram username: TELEGRAM_BOT_USERNAME, or asked from Telegram
// with the token, or "" when neither gives one.
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
	return ""
}
