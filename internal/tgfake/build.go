package tgfake

import (
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"
)

// DefaultLanguage is the language_code of the users in Message, Callback and the other update
// builders; MessageFrom and CallbackFrom take another one.
const DefaultLanguage = "de"

// Ids of messages users send and of callback queries. Incoming message ids start high so they
// never collide with the ids the fake gives the bot's own messages.
var (
	incomingMessageID atomic.Int64
	callbackQueryID   atomic.Int64
	fileCounter       atomic.Int64
)

func init() { incomingMessageID.Store(1_000_000) }

// testUser is the user behind a private chat: same id as the chat, first name "Test".
func testUser(chatID int64, lang string) *models.User {
	return &models.User{ID: chatID, FirstName: "Test", LanguageCode: lang}
}

// incoming is a message from the user of the private chat chatID, with a fresh message id.
func incoming(chatID int64, lang string) *models.Message {
	return &models.Message{
		ID:   int(incomingMessageID.Add(1)),
		From: testUser(chatID, lang),
		Date: int(time.Now().Unix()),
		Chat: models.Chat{ID: chatID, Type: models.ChatTypePrivate, FirstName: "Test"},
	}
}

// Message is an update with a private text message from the user whose id equals chatID. Text
// starting with "/" carries the bot_command entity Telegram adds for commands.
func Message(chatID int64, text string) models.Update {
	return MessageFrom(chatID, text, DefaultLanguage)
}

// MessageFrom is Message from a user with the given language_code ("" for none).
func MessageFrom(chatID int64, text, lang string) models.Update {
	m := incoming(chatID, lang)
	m.Text = text
	if strings.HasPrefix(text, "/") {
		command, _, _ := strings.Cut(text, " ")
		m.Entities = []models.MessageEntity{{
			Type:   models.MessageEntityTypeBotCommand,
			Offset: 0,
			Length: len(utf16.Encode([]rune(command))), // Telegram counts UTF-16 code units
		}}
	}
	return models.Update{Message: m}
}

// Command is Message for a command such as "/start" or "/start payload"; the leading slash
// may be left out ("start payload").
func Command(chatID int64, command string) models.Update {
	if !strings.HasPrefix(command, "/") {
		command = "/" + command
	}
	return Message(chatID, command)
}

// Callback is an update with a callback query from the user of the private chat chatID, as
// sent when they press a button with callback data data under the bot's message messageID.
func Callback(chatID int64, messageID int, data string) models.Update {
	return CallbackFrom(chatID, messageID, data, DefaultLanguage)
}

// CallbackFrom is Callback from a user with the given language_code.
func CallbackFrom(chatID int64, messageID int, data, lang string) models.Update {
	me := BotUser()
	return models.Update{CallbackQuery: &models.CallbackQuery{
		ID:   "cb-" + strconv.FormatInt(callbackQueryID.Add(1), 10),
		From: *testUser(chatID, lang),
		Message: models.MaybeInaccessibleMessage{
			Type: models.MaybeInaccessibleMessageTypeMessage,
			Message: &models.Message{
				ID:   messageID,
				From: &me,
				// The client tells messages from inaccessible ones by a non-zero date.
				Date: int(time.Now().Add(-time.Minute).Unix()),
				Chat: models.Chat{ID: chatID, Type: models.ChatTypePrivate, FirstName: "Test"},
			},
		},
		ChatInstance: "fake-instance-" + strconv.FormatInt(chatID, 10),
		Data:         data,
	}}
}

// Location is an update with a private message sharing a location.
func Location(chatID int64, lat, lon float64) models.Update {
	m := incoming(chatID, DefaultLanguage)
	m.Location = &models.Location{Latitude: lat, Longitude: lon}
	return models.Update{Message: m}
}

func fileID(kind string) string {
	return "fake-" + kind + "-" + strconv.FormatInt(fileCounter.Add(1), 10)
}

// Sticker is an update with a private message holding a sticker.
func Sticker(chatID int64) models.Update {
	m := incoming(chatID, DefaultLanguage)
	id := fileID("sticker")
	m.Sticker = &models.Sticker{FileID: id, FileUniqueID: id, Type: "regular", Width: 512, Height: 512,
		Emoji: "👍", SetName: "FakeStickers"}
	return models.Update{Message: m}
}

// Voice is an update with a private voice message.
func Voice(chatID int64) models.Update {
	m := incoming(chatID, DefaultLanguage)
	id := fileID("voice")
	m.Voice = &models.Voice{FileID: id, FileUniqueID: id, Duration: 3, MimeType: "audio/ogg", FileSize: 4096}
	return models.Update{Message: m}
}

// Photo is an update with a private message holding a photo (in two sizes, no caption).
func Photo(chatID int64) models.Update {
	m := incoming(chatID, DefaultLanguage)
	id := fileID("photo")
	m.Photo = []models.PhotoSize{
		{FileID: id + "-s", FileUniqueID: id + "-s", Width: 90, Height: 68, FileSize: 1500},
		{FileID: id, FileUniqueID: id, Width: 1280, Height: 960, FileSize: 120000},
	}
	return models.Update{Message: m}
}
