package telegram

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"golang.org/x/text/language"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
)

// What Telegram shows about the bot, per language: its command menu, its description (in the
// empty chat, before /start) and its short description (profile page, share card); and the
// menus of staff members' chats. The Presence keeps them in line with the catalogs and the
// staff accounts.

// Telegram's limits for what a bot says about itself, in characters.
const (
	maxDescription      = 512
	maxShortDescription = 120
	maxCommandText      = 256
)

// StaffAccounts is what the Presence reads to know which chats have a staff menu: every
// account, and the language each chat chose. The PostgreSQL store implements it.
type StaffAccounts interface {
	ListStaff(ctx context.Context) ([]staff.Member, error)
	ConversationLang(ctx context.Context, chatKey string) (string, error)
}

// Presence keeps what Telegram shows about the bot in line with the catalogs, and the staff
// chats' menus in line with the staff accounts. It asks Telegram what it has before it changes
// anything and changes only what differs, so that restarts and several replicas neither fight
// nor run into rate limits. It runs beside the bot: a failure is logged and tried again after
// a pause, and never holds up an answer.
type Presence struct {
	a     *Adapter
	staff StaffAccounts // nil: only the menus the adapter asks for are applied
	// Every is how often the staff chats' menus are compared with the accounts.
	Every time.Duration
	// Pause is the wait after the n-th failure in a row (n ≥ 1); a 429 answer's retry_after
	// is waited at least.
	Pause func(failures int) time.Duration
	// RevokedWithin is how long after a revocation a staff menu still left in a chat is
	// removed (the revocation may have been made where no bot was running: the command line).
	// By default a day less than the retention keeps a revoked account's Telegram id
	// (store.RevokedStaffKept), so that the id is there as long as a menu may be removed.
	RevokedWithin time.Duration
	Now           func() time.Time
}

// Presence returns the keeper of the bot's presence in Telegram; staff may be nil.
func (a *Adapter) Presence(staff StaffAccounts) *Presence {
	return &Presence{a: a, staff: staff, Every: time.Hour, Pause: growingPause, RevokedWithin: store.RevokedStaffKept - 24*time.Hour, Now: time.Now}
}

// growingPause doubles from 10 s up to 30 minutes.
func growingPause(failures int) time.Duration {
	return min(10*time.Second<<min(failures-1, 10), 30*time.Minute)
}

// Run keeps the presence until ctx ends: the profile of every language at once, tried again
// until it is in line; the staff menus the adapter asks for as they come; every staff chat's
// menu at start and every p.Every.
func (p *Presence) Run(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() { p.keepProfile(ctx) })
	wg.Go(func() { p.keepStaffMenus(ctx) })
	wg.Wait()
}

// keepProfile syncs the profile until it succeeds once, pausing longer after each failure.
func (p *Presence) keepProfile(ctx context.Context) {
	for failures := 1; ctx.Err() == nil; failures++ {
		n, err := p.syncProfile(ctx)
		if err == nil {
			p.a.log.Info("telegram: commands and descriptions in line with the catalogs", "changed", n)
			return
		}
		if ctx.Err() != nil {
			return
		}
		wait := p.wait(failures, err)
		p.a.log.Warn("telegram: could not bring commands and descriptions in line, retrying", "err", scrub(err), "in_s", wait.Seconds())
		sleep(ctx, wait)
	}
}

// wait is how long to pause after the n-th failure in a row: at least what a 429 asked for.
func (p *Presence) wait(failures int, err error) time.Duration {
	d := p.Pause(failures)
	var tooMany *tgbot.TooManyRequestsError
	if errors.As(err, &tooMany) {
		p.a.metrics.Retries.Inc()
		d = max(d, time.Duration(tooMany.RetryAfter)*time.Second)
	}
	return d
}

// profileLanguages are the catalogs shown in Telegram: the reference first, as the default
// for every language without one of its own, then the others under their language codes.
func profileLanguages() []string {
	out := []string{i18n.Reference}
	for _, tag := range i18n.Shipped {
		if tag != i18n.Reference {
			out = append(out, tag)
		}
	}
	return out
}

// telegramLanguage is the language_code under which Telegram shows a catalog: "" (every
// language) for the reference, else the two-letter ISO 639-1 code ("fa-AF" → "fa": Telegram
// has no code of its own for Dari).
func telegramLanguage(tag string) string {
	if tag == i18n.Reference {
		return ""
	}
	base, _ := language.MustParse(tag).Base()
	return base.String()
}

// syncProfile compares each language's command menu and descriptions with what Telegram has
// and sets what differs. It returns how many it changed; it stops at the first failure (the
// next attempt compares again and skips what is done).
func (p *Presence) syncProfile(ctx context.Context) (int, error) {
	changed := 0
	for _, lang := range profileLanguages() {
		n, err := p.syncLanguage(ctx, lang)
		changed += n
		if err != nil {
			return changed, fmt.Errorf("telegram: profile %s: %w", lang, err)
		}
	}
	return changed, nil
}

func (p *Presence) syncLanguage(ctx context.Context, lang string) (int, error) {
	code := telegramLanguage(lang)
	commands := p.a.commandMenu(lang, conversation.Commands)
	steps := []func() (bool, error){
		func() (bool, error) { return p.syncCommands(ctx, nil, code, commands) },
		func() (bool, error) { return p.syncDescription(ctx, code, p.a.description(lang)) },
		func() (bool, error) { return p.syncShortDescription(ctx, code, p.a.shortDescription(lang)) },
	}
	n := 0
	for _, step := range steps {
		changed, err := step()
		if err != nil {
			return n, err
		}
		if changed {
			n++
		}
	}
	return n, nil
}

// syncCommands makes the menu of a scope (nil: the default) and language_code want, or
// removes it when want is empty. It reports whether it changed anything.
func (p *Presence) syncCommands(ctx context.Context, scope models.BotCommandScope, code string, want []models.BotCommand) (bool, error) {
	have, err := p.a.bot.GetMyCommands(ctx, &tgbot.GetMyCommandsParams{Scope: scope, LanguageCode: code})
	if err != nil {
		return false, p.failed(err)
	}
	if slices.Equal(have, want) {
		return false, nil
	}
	if len(want) == 0 {
		_, err = p.a.bot.DeleteMyCommands(ctx, &tgbot.DeleteMyCommandsParams{Scope: scope, LanguageCode: code})
	} else {
		_, err = p.a.bot.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: want, Scope: scope, LanguageCode: code})
	}
	return err == nil, p.failed(err)
}

func (p *Presence) syncDescription(ctx context.Context, code, want string) (bool, error) {
	have, err := p.a.bot.GetMyDescription(ctx, &tgbot.GetMyDescriptionParams{LanguageCode: code})
	if err != nil || strings.TrimSpace(have.Description) == want {
		return false, p.failed(err)
	}
	_, err = p.a.bot.SetMyDescription(ctx, &tgbot.SetMyDescriptionParams{Description: want, LanguageCode: code})
	return err == nil, p.failed(err)
}

func (p *Presence) syncShortDescription(ctx context.Context, code, want string) (bool, error) {
	have, err := p.a.bot.GetMyShortDescription(ctx, &tgbot.GetMyShortDescriptionParams{LanguageCode: code})
	if err != nil || strings.TrimSpace(have.ShortDescription) == want {
		return false, p.failed(err)
	}
	_, err = p.a.bot.SetMyShortDescription(ctx, &tgbot.SetMyShortDescriptionParams{ShortDescription: want, LanguageCode: code})
	return err == nil, p.failed(err)
}

// failed counts a failed call in the metrics and returns its error (nil stays nil).
func (p *Presence) failed(err error) error {
	var tooMany *tgbot.TooManyRequestsError
	switch {
	case err == nil:
	case errors.As(err, &tooMany):
		p.a.metrics.APIError(429)
	default:
		p.a.metrics.APIError(apiCode(err))
	}
	return err
}

// description is the bot's description in lang: what it does, that it is free and anonymous,
// and the languages it speaks, named in lang.
func (a *Adapter) description(lang string) string {
	names := make([]dialog.Text, len(i18n.Shipped))
	for i, tag := range i18n.Shipped {
		names[i] = dialog.Text{Language: tag}
	}
	return fit(a.catalog.Render(lang, dialog.T("bot.long_description", "Languages", dialog.List(names...))), maxDescription)
}

func (a *Adapter) shortDescription(lang string) string {
	return fit(a.catalog.Render(lang, dialog.T("bot.short_description")), maxShortDescription)
}

// commandMenu describes commands (names without the slash) in lang, from the catalog's
// bot.command.<name>.
func (a *Adapter) commandMenu(lang string, names []string) []models.BotCommand {
	out := make([]models.BotCommand, len(names))
	for i, name := range names {
		out[i] = models.BotCommand{Command: name, Description: fit(a.catalog.Render(lang, dialog.T("bot.command."+name)), maxCommandText)}
	}
	return out
}

// fit trims s and cuts it to Telegram's limit of n characters, marking the cut. The catalog
// tests keep every language within the limits; this only keeps an unforeseen town name from
// making Telegram refuse the whole text.
func fit(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
