package tgfake

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// handlers answer the supported methods (getUpdates is served separately, see updates.go).
var handlers = map[string]handlerFunc{
	"getMe":                  handleGetMe,
	"getUpdates":             nil,
	"sendMessage":            handleSendMessage,
	"editMessageText":        handleEditMessageText,
	"editMessageReplyMarkup": handleEditMessageReplyMarkup,
	"answerCallbackQuery":    handleAnswerCallbackQuery,
	"sendVenue":              handleSendVenue,
	"sendLocation":           handleSendLocation,
	"sendPhoto":              handleSendPhoto,
	"sendDocument":           handleSendDocument,
	"deleteMessage":          handleDeleteMessage,
	"setWebhook":             handleSetWebhook,
	"deleteWebhook":          handleDeleteWebhook,
	"setMyCommands":          handleSetMyCommands,
	"getMyCommands":          handleGetMyCommands,
	"deleteMyCommands":       handleDeleteMyCommands,
	"setMyDescription":       handleSetMyDescription,
	"getMyDescription":       handleGetMyDescription,
	"setMyShortDescription":  handleSetMyShortDescription,
	"getMyShortDescription":  handleGetMyShortDescription,
	"getWebhookInfo":         handleGetWebhookInfo,
}

var canonicalNames = func() map[string]string {
	m := make(map[string]string, len(handlers))
	for name := range handlers {
		m[strings.ToLower(name)] = name
	}
	return m
}()

// canonicalMethod maps a method name, matched case-insensitively like Telegram does, to its
// canonical spelling; unknown names come back unchanged with ok false.
func canonicalMethod(name string) (string, bool) {
	if c, ok := canonicalNames[strings.ToLower(name)]; ok {
		return c, true
	}
	return name, false
}

func badRequest(description string) *Fault {
	return &Fault{Code: http.StatusBadRequest, Description: "Bad Request: " + description}
}

// chatFor builds the chat a chat_id names: positive ids are private chats, -100… supergroups,
// other negative ids groups and @usernames channels.
func chatFor(chatID string) models.Chat {
	id, err := strconv.ParseInt(chatID, 10, 64)
	switch {
	case err != nil:
		return models.Chat{ID: -1001000000000, Type: models.ChatTypeChannel,
			Username: strings.TrimPrefix(chatID, "@")}
	case id > 0:
		return models.Chat{ID: id, Type: models.ChatTypePrivate, FirstName: "Test"}
	case strings.HasPrefix(chatID, "-100"):
		return models.Chat{ID: id, Type: models.ChatTypeSupergroup, Title: "Test"}
	default:
		return models.Chat{ID: id, Type: models.ChatTypeGroup, Title: "Test"}
	}
}

// newMessage returns a message from the bot to the chat in p["chat_id"], with the next id.
func (s *Server) newMessage(p map[string]string) (*models.Message, *Fault) {
	if p["chat_id"] == "" {
		return nil, badRequest("chat_id is empty")
	}
	markup, fault := inlineMarkup(p["reply_markup"])
	if fault != nil {
		return nil, fault
	}
	s.mu.Lock()
	s.lastMessageID++
	id := s.lastMessageID
	s.mu.Unlock()
	me := BotUser()
	thread, _ := strconv.Atoi(p["message_thread_id"])
	return &models.Message{ID: id, MessageThreadID: thread, From: &me, Date: int(time.Now().Unix()),
		Chat: chatFor(p["chat_id"]), ReplyMarkup: markup}, nil
}

// inlineMarkup validates a reply_markup field and returns it when it is an inline keyboard,
// which Telegram echoes in the sent message.
func inlineMarkup(raw string) (*models.InlineKeyboardMarkup, *Fault) {
	if raw == "" {
		return nil, nil
	}
	var m struct {
		InlineKeyboard [][]models.InlineKeyboardButton `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	for _, row := range m.InlineKeyboard {
		for _, b := range row {
			if len(b.CallbackData) > 64 {
				return nil, badRequest("BUTTON_DATA_INVALID")
			}
		}
	}
	if m.InlineKeyboard == nil {
		return nil, nil
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: m.InlineKeyboard}, nil
}

func handleGetMe(*Server, map[string]string, map[string][]byte, map[string]string) (any, *Fault) {
	return BotUser(), nil
}

func handleSendMessage(s *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	text := p["text"]
	if strings.TrimSpace(text) == "" {
		return nil, badRequest("message text is empty")
	}
	if utf8.RuneCountInString(text) > 4096 {
		return nil, badRequest("message is too long")
	}
	m, fault := s.newMessage(p)
	if fault != nil {
		return nil, fault
	}
	m.Text = text
	return m, nil
}

// editedMessage answers an edit: true for inline messages, else the message as edited.
func editedMessage(p map[string]string) (*models.Message, bool, *Fault) {
	if p["inline_message_id"] != "" {
		return nil, true, nil
	}
	if p["chat_id"] == "" {
		return nil, false, badRequest("chat_id is empty")
	}
	id, err := strconv.Atoi(p["message_id"])
	if err != nil || id <= 0 {
		return nil, false, badRequest("message to edit not found")
	}
	markup, fault := inlineMarkup(p["reply_markup"])
	if fault != nil {
		return nil, false, fault
	}
	me := BotUser()
	now := int(time.Now().Unix())
	return &models.Message{ID: id, From: &me, Date: now, EditDate: now, Chat: chatFor(p["chat_id"]),
		ReplyMarkup: markup}, false, nil
}

func handleEditMessageText(_ *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	if strings.TrimSpace(p["text"]) == "" {
		return nil, badRequest("message text is empty")
	}
	m, inline, fault := editedMessage(p)
	if fault != nil || inline {
		return inline, fault
	}
	m.Text = p["text"]
	return m, nil
}

func handleEditMessageReplyMarkup(_ *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	m, inline, fault := editedMessage(p)
	if fault != nil || inline {
		return inline, fault
	}
	return m, nil
}

func handleAnswerCallbackQuery(_ *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	if p["callback_query_id"] == "" {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	return true, nil
}

func location(p map[string]string) (models.Location, *Fault) {
	lat, err1 := strconv.ParseFloat(p["latitude"], 64)
	lon, err2 := strconv.ParseFloat(p["longitude"], 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return models.Location{}, badRequest("wrong latitude or longitude")
	}
	return models.Location{Latitude: lat, Longitude: lon}, nil
}

func handleSendVenue(s *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	loc, fault := location(p)
	if fault != nil {
		return nil, fault
	}
	if p["title"] == "" || p["address"] == "" {
		return nil, badRequest("venue title and address must be non-empty")
	}
	m, fault := s.newMessage(p)
	if fault != nil {
		return nil, fault
	}
	m.Location = &loc
	m.Venue = &models.Venue{Location: loc, Title: p["title"], Address: p["address"],
		GooglePlaceID: p["google_place_id"], FoursquareID: p["foursquare_id"]}
	return m, nil
}

func handleSendLocation(s *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	loc, fault := location(p)
	if fault != nil {
		return nil, fault
	}
	m, fault := s.newMessage(p)
	if fault != nil {
		return nil, fault
	}
	m.Location = &loc
	return m, nil
}

// fileRef describes the file sent in field: an upload, or a file_id/URL string.
func fileRef(field string, p map[string]string, files map[string][]byte, names map[string]string) (id string, name string, size int, ok bool) {
	if data, ok := files[field]; ok {
		return "", names[field], len(data), true
	}
	if v := p[field]; v != "" {
		return v, "", 0, true
	}
	return "", "", 0, false
}

func handleSendPhoto(s *Server, p map[string]string, files map[string][]byte, names map[string]string) (any, *Fault) {
	fileID, _, size, ok := fileRef("photo", p, files, names)
	if !ok {
		return nil, badRequest("there is no photo in the request")
	}
	m, fault := s.newMessage(p)
	if fault != nil {
		return nil, fault
	}
	if fileID == "" || strings.Contains(fileID, "://") {
		fileID = "fake-photo-" + strconv.Itoa(m.ID)
	}
	m.Photo = []models.PhotoSize{
		{FileID: fileID + "-s", FileUniqueID: fileID + "-s", Width: 90, Height: 68, FileSize: size / 10},
		{FileID: fileID, FileUniqueID: fileID, Width: 1280, Height: 960, FileSize: size},
	}
	m.Caption = p["caption"]
	return m, nil
}

func handleSendDocument(s *Server, p map[string]string, files map[string][]byte, names map[string]string) (any, *Fault) {
	fileID, name, size, ok := fileRef("document", p, files, names)
	if !ok {
		return nil, badRequest("there is no document in the request")
	}
	m, fault := s.newMessage(p)
	if fault != nil {
		return nil, fault
	}
	if fileID == "" || strings.Contains(fileID, "://") {
		fileID = "fake-document-" + strconv.Itoa(m.ID)
	}
	m.Document = &models.Document{FileID: fileID, FileUniqueID: fileID, FileName: name, FileSize: int64(size)}
	m.Caption = p["caption"]
	return m, nil
}

func handleDeleteMessage(_ *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	if p["chat_id"] == "" {
		return nil, badRequest("chat_id is empty")
	}
	if id, err := strconv.Atoi(p["message_id"]); err != nil || id <= 0 {
		return nil, badRequest("message to delete not found")
	}
	return true, nil
}

func handleSetWebhook(s *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhookURL = p["url"] // an empty url removes the webhook, as with Telegram
	if p["drop_pending_updates"] == "true" {
		s.pending = nil
	}
	return true, nil
}

func handleDeleteWebhook(s *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhookURL = ""
	if p["drop_pending_updates"] == "true" {
		s.pending = nil
	}
	return true, nil
}

func handleGetWebhookInfo(s *Server, _ map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models.WebhookInfo{URL: s.webhookURL, PendingUpdateCount: len(s.pending)}, nil
}

// validCommand reports whether name is 1-32 lower-case letters, digits and underscores.
func validCommand(name string) bool {
	if name == "" || len(name) > 32 {
		return false
	}
	for _, r := range name {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}
