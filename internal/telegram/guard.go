package telegram

import (
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// Why an update is ignored before anything reads it. The bot asks Telegram only for messages,
// their edits and button taps, and talks only in private chats, where the chat is the person:
// Telegram never sends anything else, so such an update is forged or broken. An edit the bot
// does not read (see corrected) is ignored too. It is not answered, and counted in
// wegweiser_updates_ignored_total by reason.
const (
	ignoreKind       = "kind"            // neither a message nor a button tap
	ignoreNoChat     = "no_chat"         // a tap on a message that is in no chat (inline mode, which the bot does not use)
	ignoreNotPrivate = "not_private"     // a group, supergroup or channel
	ignoreChatID     = "chat_id"         // a private chat's id is a user id, which is positive
	ignoreNoSender   = "no_sender"       // no user sent it
	ignoreMismatch   = "sender_mismatch" // in a private chat the chat's id is its user's id
	ignoreEdit       = "edit"            // an edit that is not read as a message again (see corrected)
)

// maxEditAge is how long after sending a text its edit is still read as the message it now
// is: a correction made at once ("3o" changed to "30" after "I did not understand"), not a
// typo fixed in yesterday's message, which would come in as an answer to whatever the bot asks
// by then.
const maxEditAge = 15 * time.Minute

// corrected turns an edited text into the message it now is, so that a newcomer who corrects
// what they wrote instead of writing it again is answered as if they had sent it anew (the
// correction is their latest word). It reports false for an edit that is not read: one made
// more than maxEditAge after sending (or without its times), a command, a live location moving
// on the map (Telegram sends each move as an edit), a changed caption or anything else without
// text. A message update is left as it is.
func corrected(u *models.Update) bool {
	m := u.EditedMessage
	if m == nil {
		return true
	}
	if m.Text == "" || strings.HasPrefix(m.Text, "/") || m.Date <= 0 || m.EditDate < m.Date ||
		time.Duration(m.EditDate-m.Date)*time.Second > maxEditAge {
		return false
	}
	u.Message, u.EditedMessage = m, nil
	return true
}

// privateChat returns the private chat an update comes from, or why it cannot come from one.
func privateChat(u *models.Update) (chatID int64, reason string) {
	switch {
	case u.Message != nil:
		m := u.Message
		if m.From == nil {
			return 0, ignoreNoSender
		}
		return checkChat(m.Chat, m.From.ID)
	case u.CallbackQuery != nil:
		cq := u.CallbackQuery
		if cq.From.ID == 0 {
			return 0, ignoreNoSender
		}
		switch {
		case cq.Message.Message != nil:
			return checkChat(cq.Message.Message.Chat, cq.From.ID)
		case cq.Message.InaccessibleMessage != nil:
			return checkChat(cq.Message.InaccessibleMessage.Chat, cq.From.ID)
		}
		return 0, ignoreNoChat
	}
	return 0, ignoreKind
}

// checkChat checks that chat is the private chat of the user sender. Telegram always names
// the chat's type; a chat without one is taken by its id, which only a private chat shares
// with its user (a Bot API of a test harness may leave the type out).
func checkChat(chat models.Chat, sender int64) (int64, string) {
	switch {
	case chat.Type != models.ChatTypePrivate && chat.Type != "":
		return 0, ignoreNotPrivate
	case chat.ID <= 0:
		return 0, ignoreChatID
	case chat.ID != sender:
		return 0, ignoreMismatch
	}
	return chat.ID, ""
}

// fromPrivateChat returns the private chat of an update, or counts it as ignored and
// returns false. An edit read as a message (corrected) is that message from here on.
func (a *Adapter) fromPrivateChat(u *models.Update) (int64, bool) {
	if !corrected(u) {
		a.metrics.Ignored.WithLabelValues(ignoreEdit).Inc()
		return 0, false
	}
	chatID, reason := privateChat(u)
	if reason != "" {
		a.metrics.Ignored.WithLabelValues(reason).Inc()
		return 0, false
	}
	return chatID, true
}
