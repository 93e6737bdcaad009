package telegram

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/staff"
)

// A staff member's private chat has a command menu of its own (Telegram's chat scope): their
// role's staff commands, then the newcomer ones, in the language of their conversation. It
// is set when an invitation is redeemed and removed when the account is revoked; the
// Presence also compares every staff chat with the accounts, at start and every hour, which
// applies what failed before and revocations made on the command line.

// menuQueue is how many staff menus may wait for the Presence; beyond it, the next comparison
// with the accounts applies them.
const menuQueue = 64

// menuRequest is a staff chat's menu to apply, and the language to describe it in.
type menuRequest struct {
	menu dialog.StaffMenu
	lang string
}

// requestMenu hands a staff chat's new menu to the Presence without waiting.
func (a *Adapter) requestMenu(m *dialog.StaffMenu, lang string) {
	if m == nil || m.TelegramID == 0 {
		return
	}
	select {
	case a.menus <- menuRequest{menu: *m, lang: lang}:
	default:
		a.log.Warn("telegram: staff menu queue full; the next comparison applies it")
	}
}

// keepStaffMenus applies the menus the adapter asks for and compares every staff chat with
// the accounts at start and every p.Every. After a failure it waits, longer each time, before
// it tries again; requests that come meanwhile wait too.
func (p *Presence) keepStaffMenus(ctx context.Context) {
	pending := map[int64]menuRequest{}
	check := p.staff != nil
	ticker := time.NewTicker(cmp.Or(max(p.Every, 0), time.Hour))
	defer ticker.Stop()
	failures := 0
	var retry <-chan time.Time
	for {
		if retry == nil && (check || len(pending) > 0) {
			if err := p.staffRound(ctx, pending, &check); err != nil && ctx.Err() == nil {
				failures++
				wait := p.wait(failures, err)
				p.a.log.Warn("telegram: could not bring staff menus in line, retrying", "err", scrub(err), "in_s", wait.Seconds())
				retry = time.After(wait)
			} else {
				failures = 0
			}
		}
		select {
		case <-ctx.Done():
			return
		case r := <-p.a.menus:
			pending[r.menu.TelegramID] = r
		case <-ticker.C:
			check = p.staff != nil
		case <-retry:
			retry = nil
		}
	}
}

// staffRound compares the staff chats with the accounts when check is set (clearing it once
// that succeeded), then applies the pending menus; what fails stays pending.
func (p *Presence) staffRound(ctx context.Context, pending map[int64]menuRequest, check *bool) error {
	if *check {
		if err := p.compareStaffChats(ctx, pending); err != nil {
			return err
		}
		*check = false
	}
	return p.applyMenus(ctx, pending)
}

// compareStaffChats adds to pending every staff chat whose menu differs from its account's.
func (p *Presence) compareStaffChats(ctx context.Context, pending map[int64]menuRequest) error {
	wanted, err := p.wantedMenus(ctx)
	if err != nil {
		return err
	}
	for _, menu := range wanted {
		if _, queued := pending[menu.TelegramID]; queued {
			continue
		}
		lang, err := p.staff.ConversationLang(ctx, p.a.runner.Key(menu.TelegramID))
		if err != nil {
			return err
		}
		differs, err := p.menuDiffers(ctx, menu, lang)
		if err != nil {
			return err
		}
		if differs {
			pending[menu.TelegramID] = menuRequest{menu: menu, lang: lang}
		}
	}
	return nil
}

// wantedMenus are the menus the staff chats should have: each active account's, and none for
// accounts revoked within p.RevokedWithin whose person has no active account.
func (p *Presence) wantedMenus(ctx context.Context) ([]dialog.StaffMenu, error) {
	members, err := p.staff.ListStaff(ctx)
	if err != nil {
		return nil, err
	}
	active := map[int64]bool{}
	for _, m := range members {
		if m.RevokedAt == nil {
			active[m.TelegramID] = true
		}
	}
	since := p.Now().Add(-p.RevokedWithin)
	var out []dialog.StaffMenu
	for _, m := range members {
		switch {
		case m.TelegramID == 0:
		case m.RevokedAt == nil:
			out = append(out, staff.MenuOf(m))
		case !active[m.TelegramID] && m.RevokedAt.After(since):
			out = append(out, dialog.StaffMenu{TelegramID: m.TelegramID})
		}
	}
	return out, nil
}

// menuDiffers reports whether a chat's menu in Telegram differs from menu. When the chat has
// no language stored, only the commands are compared: the menu stays in the language it was
// set in.
func (p *Presence) menuDiffers(ctx context.Context, menu dialog.StaffMenu, lang string) (bool, error) {
	have, err := p.a.bot.GetMyCommands(ctx, &tgbot.GetMyCommandsParams{Scope: chatScope(menu.TelegramID)})
	if err != nil {
		return false, p.failed(err)
	}
	want := p.a.staffMenu(menu, lang)
	if lang == "" {
		return !slices.EqualFunc(have, want, func(a, b models.BotCommand) bool { return a.Command == b.Command }), nil
	}
	return !slices.Equal(have, want), nil
}

// applyMenus applies the pending menus, dropping each one that is done or that Telegram
// refuses for good (400, 403). It stops at a 429 and returns the last failure.
func (p *Presence) applyMenus(ctx context.Context, pending map[int64]menuRequest) error {
	var failure error
	for id, r := range pending {
		_, err := p.syncCommands(ctx, chatScope(id), "", p.a.staffMenu(r.menu, r.lang))
		var tooMany *tgbot.TooManyRequestsError
		switch {
		case err == nil:
			delete(pending, id)
		case errors.Is(err, tgbot.ErrorBadRequest), errors.Is(err, tgbot.ErrorForbidden):
			p.a.log.Info("telegram: Telegram refused a staff chat's menu", "err", scrub(err))
			delete(pending, id)
		case errors.As(err, &tooMany):
			return err
		default:
			failure = err
		}
	}
	return failure
}

// staffMenu is the command list of a staff chat in lang (the reference when empty): the
// role's staff commands, then the newcomer ones; none when the menu is removed.
func (a *Adapter) staffMenu(menu dialog.StaffMenu, lang string) []models.BotCommand {
	if menu.Remove() {
		return nil
	}
	if lang == "" {
		lang = i18n.Reference
	}
	return a.commandMenu(lang, append(slices.Clone(menu.Commands), conversation.Commands...))
}

func chatScope(chatID int64) models.BotCommandScope {
	return &models.BotCommandScopeChat{ChatID: chatID}
}
