package tgfake

import "github.com/go-telegram/bot/models"

// Document is an update with a private message holding a document (a PDF of size bytes).
func Document(chatID int64, name string, size int64) models.Update {
	m := incoming(chatID, DefaultLanguage)
	id := fileID("document")
	m.Document = &models.Document{FileID: id, FileUniqueID: id, FileName: name, MimeType: "application/pdf", FileSize: size}
	return models.Update{Message: m}
}

// WithCaption gives the photo or document of a message update a caption.
func WithCaption(u models.Update, caption string) models.Update {
	u.Message.Caption = caption
	return u
}

// From makes an update come from a user with these names and username, in the private chat
// of their id, as Telegram tells the bot who writes.
func From(u models.Update, first, last, username string) models.Update {
	var user *models.User
	switch {
	case u.Message != nil:
		user = u.Message.From
		u.Message.Chat.FirstName, u.Message.Chat.LastName, u.Message.Chat.Username = first, last, username
	case u.CallbackQuery != nil:
		user = &u.CallbackQuery.From
		if m := u.CallbackQuery.Message.Message; m != nil {
			m.Chat.FirstName, m.Chat.LastName, m.Chat.Username = first, last, username
		}
	}
	if user != nil {
		user.FirstName, user.LastName, user.Username = first, last, username
	}
	return u
}
