package telegram

import (
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/tgfake"
)

func TestPrivateChat(t *testing.T) {
	msg := func(change func(*models.Update)) models.Update {
		u := tgfake.Message(42, "hello")
		change(&u)
		return u
	}
	tap := func(change func(*models.Update)) models.Update {
		u := tgfake.Callback(42, 1, "lang:en")
		change(&u)
		return u
	}
	cases := []struct {
		name   string
		u      models.Update
		reason string
	}{
		{"a private message", msg(func(*models.Update) {}), ""},
		{"a tap", tap(func(*models.Update) {}), ""},
		{"a tap on an old message", tap(func(u *models.Update) {
			chat := u.CallbackQuery.Message.Message.Chat
			u.CallbackQuery.Message = models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeInaccessibleMessage,
				InaccessibleMessage: &models.InaccessibleMessage{Chat: chat, MessageID: 1}}
		}), ""},
		{"a group", msg(func(u *models.Update) { u.Message.Chat.Type = models.ChatTypeGroup }), ignoreNotPrivate},
		{"a channel", msg(func(u *models.Update) { u.Message.Chat.Type = models.ChatTypeChannel }), ignoreNotPrivate},
		{"no chat type, the sender's id", msg(func(u *models.Update) { u.Message.Chat.Type = "" }), ""},
		{"no chat type, a group's id", msg(func(u *models.Update) { u.Message.Chat.Type, u.Message.Chat.ID = "", -42 }), ignoreChatID},
		{"no chat type, another's id", msg(func(u *models.Update) { u.Message.Chat.Type, u.Message.Chat.ID = "", 43 }), ignoreMismatch},
		{"chat 0", msg(func(u *models.Update) { u.Message.Chat.ID, u.Message.From.ID = 0, 0 }), ignoreChatID},
		{"a negative chat", msg(func(u *models.Update) { u.Message.Chat.ID, u.Message.From.ID = -42, -42 }), ignoreChatID},
		{"no sender", msg(func(u *models.Update) { u.Message.From = nil }), ignoreNoSender},
		{"another sender", msg(func(u *models.Update) { u.Message.From.ID = 43 }), ignoreMismatch},
		{"a tap without sender", tap(func(u *models.Update) { u.CallbackQuery.From.ID = 0 }), ignoreNoSender},
		{"a tap in another chat", tap(func(u *models.Update) { u.CallbackQuery.From.ID = 43 }), ignoreMismatch},
		{"a tap in a group", tap(func(u *models.Update) { u.CallbackQuery.Message.Message.Chat.Type = models.ChatTypeSupergroup }), ignoreNotPrivate},
		{"an inline tap", tap(func(u *models.Update) { u.CallbackQuery.Message = models.MaybeInaccessibleMessage{} }), ignoreNoChat},
		{"an edited message", models.Update{EditedMessage: tgfake.Message(42, "x").Message}, ignoreKind},
		{"nothing", models.Update{}, ignoreKind},
	}
	for _, c := range cases {
		chat, reason := privateChat(&c.u)
		if reason != c.reason || (reason == "" && chat != 42) || (reason != "" && chat != 0) {
			t.Errorf("%s: chat %d, reason %q; want %q", c.name, chat, reason, c.reason)
		}
	}
}
